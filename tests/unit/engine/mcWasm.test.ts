import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import type { Distribution, DriverKey, UncertainDriver } from '../../../src/engine/types';
import { DISTRIBUTIONS } from '../../../src/engine/types';
import { prepareMonteCarlo, runMonteCarloChunk, summariseMonteCarlo, type MonteCarloChunk } from '../../../src/engine/uncertainty';

/**
 * The WebAssembly kernels (Hill loops in SIMD, drawing) against the JS loops, which are the reference.
 * Tolerance: none. Each kernel does the reference's IEEE operations in the same order (no fused
 * multiply-add, exp and log are the host's Math functions), so every per-draw figure must be the
 * same double, and so must every quantile built from them.
 */

const FIELDS = ['totalContribution', 'totalNetRevenue', 'periodNetRevenue', 'periodContribution'] as const;

/** Index of the first element that differs (Object.is: NaN equals NaN, −0 differs from 0), or −1. */
function firstDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

function expectSameDraws(wasm: MonteCarloChunk, js: MonteCarloChunk): void {
  for (const f of FIELDS) {
    const i = firstDifference(wasm[f], js[f]);
    expect(i, `${f}[${i}]: wasm ${wasm[f][i]} vs js ${js[f][i]}`).toBe(-1);
  }
}

function withoutKernel(chunk: MonteCarloChunk): MonteCarloChunk {
  const copy = { ...chunk };
  delete copy.kernel;
  return copy;
}

/** Drivers whose ranges take the kernels' paths (Hill spend, margins drawn) and the exact path (rates). */
const DRIVERS: DriverKey[] = ['spend', 'spend', 'conversion', 'aov', 'baseTraffic', 'grossMargin', 'variableCostRate', 'returnRate', 'fixedCost', 'channelMargin'];

const ABSOLUTE: Record<DriverKey, number> = {
  spend: 1_000_000, baseTraffic: 10_000, conversion: 0.02, aov: 20_000, returnRate: 0.05, grossMargin: 0.3, channelMargin: 0.05, variableCostRate: 0.03, fixedCost: 500_000, newCustomerShare: 0.3,
};

const caseArb = fc
  .record({
    channels: fc.integer({ min: 1, max: 9 }),
    // Odd and even timelines: the Hill loops take periods two at a time.
    periods: fc.integer({ min: 1, max: 27 }),
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    withOverrides: fc.boolean(),
    curves: fc.array(fc.constantFrom('hill', 'hill', 'linear', 'none', 'step'), { minLength: 9, maxLength: 9 }),
    shapes: fc.array(fc.double({ min: 0.3, max: 3, noNaN: true }), { minLength: 9, maxLength: 9 }),
    // Per channel: spend constant over time (its curve is evaluated once per draw), and a driver
    // whose base is 0 (its draws are added, not multiplied).
    flatSpend: fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }),
    // Per channel: conversion 0.5 growing 5 % a month, so that large draws push it past 1 in later
    // months and the channel falls back to the exact cell-by-cell path in those draws.
    growConversion: fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }),
    zeroBase: fc.array(fc.constantFrom<DriverKey | null>(null, null, 'fixedCost', 'baseTraffic', 'conversion'), { minLength: 9, maxLength: 9 }),
    ranges: fc.array(
      fc.record({
        channel: fc.nat(8),
        driver: fc.constantFrom(...DRIVERS),
        distribution: fc.constantFrom<Distribution>(...DISTRIBUTIONS),
        lo: fc.double({ min: 0.05, max: 1, noNaN: true }),
        // Up to 4× the base: rates then cross their bounds in some draws (the exact path).
        hi: fc.double({ min: 1, max: 4, noNaN: true }),
      }),
      { minLength: 1, maxLength: 24 },
    ),
    // Per channel: a spend range (a Hill channel then runs in the kernel's loops) and a margin range.
    spendOn: fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }),
    marginOn: fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }),
    pair: fc.option(fc.record({ from: fc.nat(8), to: fc.nat(8), rate: fc.double({ min: 0, max: 0.5, noNaN: true }) })),
    drawSeed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    from: fc.nat(40),
    // Odd counts too: the last block then has one draw.
    count: fc.integer({ min: 0, max: 37 }),
  })
  .map((o) => {
    const plan = generateSyntheticPlan({ channels: o.channels, periods: o.periods, seed: o.seed, withOverrides: o.withOverrides });
    plan.channels.forEach((ch, c) => {
      const curve = o.curves[c];
      if (curve === 'linear' || curve === 'none') ch.curve.type = curve;
      if (curve === 'step') ch.curve.halfSat = 0;
      ch.curve.shape = o.shapes[c];
      if (o.flatSpend[c]) ch.drivers.spend = { base: ch.drivers.spend.base };
      if (o.growConversion[c]) ch.drivers.conversion = { base: 0.5, growth: 0.05 };
      const zero = o.zeroBase[c];
      if (zero) ch.drivers[zero] = { base: 0 };
    });
    if (o.pair) {
      const id = (k: number): string => plan.channels[k % plan.channels.length].id;
      plan.cannibalisation = [{ from: id(o.pair.from), to: id(o.pair.to), rate: o.pair.rate }];
    }
    const extra = plan.channels.flatMap((_, c) => [
      ...(o.spendOn[c] ? [{ channel: c, driver: 'spend' as const, distribution: 'lognormal' as const, lo: 0.7, hi: 1.4 }] : []),
      ...(o.marginOn[c] ? [{ channel: c, driver: 'grossMargin' as const, distribution: 'triangular' as const, lo: 0.8, hi: 1.1 }] : []),
    ]);
    const uncertainty: UncertainDriver[] = [...o.ranges, ...extra].map((r, k) => {
      const ch = plan.channels[r.channel % plan.channels.length];
      const base = ch.drivers[r.driver].base;
      // A driver with base 0 gets an absolute range (its draws are added).
      const [low, high] = base !== 0 ? [base * r.lo, base * r.hi] : [ABSOLUTE[r.driver] * r.lo, ABSOLUTE[r.driver] * r.hi];
      const distribution = r.distribution === 'lognormal' && !(low > 0) ? 'normal' : r.distribution;
      return { id: `u${k}`, channelId: ch.id, driver: r.driver, low, high, distribution };
    });
    return { plan, uncertainty, seed: o.drawSeed, from: o.from, to: o.from + o.count };
  });

describe('Monte Carlo WebAssembly kernels', () => {
  it('run here (Node has WebAssembly SIMD), so the comparisons below compare two paths', () => {
    const plan = generateSyntheticPlan({ channels: 3, periods: 12, seed: 5, withOverrides: false });
    const ch = plan.channels[0];
    const model = prepareMonteCarlo(plan, { scenarioId: null, uncertainty: [{ id: 'u', channelId: ch.id, driver: 'spend', low: ch.drivers.spend.base * 0.8, high: ch.drivers.spend.base * 1.2, distribution: 'lognormal' }] });
    expect(runMonteCarloChunk(model, 1, 0, 4).kernel).toBe('wasm-simd');
    expect(runMonteCarloChunk(model, 1, 0, 4, 'js').kernel).toBe('js');
  });

  it('give the same per-draw figures as the JS loops, bit for bit, on random plans and ranges', () => {
    let hillDrawn = 0;
    let marginsDrawn = 0;
    let flat = 0;
    fc.assert(
      fc.property(caseArb, ({ plan, uncertainty, seed, from, to }) => {
        const model = prepareMonteCarlo(plan, { scenarioId: null, uncertainty });
        if (model.groups[0].channels.length + model.groups[1].channels.length > 0) hillDrawn++;
        if (model.groups[1].channels.length > 0) marginsDrawn++;
        if (model.chSpend.includes(1)) flat++;
        const wasm = runMonteCarloChunk(model, seed, from, to);
        const js = runMonteCarloChunk(model, seed, from, to, 'js');
        expectSameDraws(wasm, js);
        // Every quantile, the histogram and the mean follow from the draws.
        expect(summariseMonteCarlo([withoutKernel(wasm)], plan.timeline.periods, 0)).toEqual(summariseMonteCarlo([withoutKernel(js)], plan.timeline.periods, 0));
      }),
      { numRuns: 200, seed: 20261206 },
    );
    // The cases reach the Hill loops, drawn margins and constant spend many times (this guards the
    // generator, not the kernels: with seed 20261206 the counts are 66, 45 and 138 of 200).
    expect(hillDrawn).toBeGreaterThan(40);
    expect(marginsDrawn).toBeGreaterThan(20);
    expect(flat).toBeGreaterThan(20);
  });

  it('give the same figures where draws fall back to the exact path (a growing rate pushed past its bound)', () => {
    const plan = generateSyntheticPlan({ channels: 3, periods: 24, seed: 3, withOverrides: true });
    plan.channels[0].drivers.conversion = { base: 0.5, growth: 0.05 };
    const [a, b] = plan.channels;
    const uncertainty: UncertainDriver[] = [
      { id: 'c', channelId: a.id, driver: 'conversion', low: 0.3, high: 0.9, distribution: 'uniform' },
      { id: 's', channelId: a.id, driver: 'spend', low: a.drivers.spend.base * 0.5, high: a.drivers.spend.base * 2, distribution: 'lognormal' },
      { id: 'g', channelId: b.id, driver: 'grossMargin', low: 0.2, high: 0.7, distribution: 'normal' },
      { id: 't', channelId: b.id, driver: 'spend', low: b.drivers.spend.base * 0.5, high: b.drivers.spend.base * 2, distribution: 'triangular' },
    ];
    const model = prepareMonteCarlo(plan, { scenarioId: null, uncertainty });
    expect(model.fastChannels).toContain(0);
    expectSameDraws(runMonteCarloChunk(model, 2, 0, 65), runMonteCarloChunk(model, 2, 0, 65, 'js'));
  });

  it('give the same figures on the benchmark-sized case (200 Hill channels × 60 months, three ranges each)', () => {
    const plan = generateSyntheticPlan({ channels: 200, periods: 60, seed: 42, withOverrides: true });
    const shapes = { conversion: 'triangular', aov: 'normal', spend: 'lognormal' } as const;
    const uncertainty = plan.channels.flatMap((ch) =>
      (['conversion', 'aov', 'spend'] as const).map((driver) => ({
        id: `${ch.id}-${driver}`, channelId: ch.id, driver, low: ch.drivers[driver].base * 0.8, high: ch.drivers[driver].base * 1.2, distribution: shapes[driver],
      })),
    );
    const model = prepareMonteCarlo(plan, { scenarioId: null, uncertainty });
    expectSameDraws(runMonteCarloChunk(model, 1, 0, 101), runMonteCarloChunk(model, 1, 0, 101, 'js'));
  });

  it('is what its AssemblyScript source compiles to (npm run build:wasm)', () => {
    const run = spawnSync(process.execPath, ['scripts/build-wasm.mjs', '--check'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('without WebAssembly SIMD', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  async function freshEngine(): Promise<typeof import('../../../src/engine/uncertainty')> {
    vi.resetModules();
    return import('../../../src/engine/uncertainty');
  }

  const plan = generateSyntheticPlan({ channels: 4, periods: 7, seed: 9, withOverrides: true });
  const uncertainty: UncertainDriver[] = plan.channels.map((ch, c) => ({ id: `s${c}`, channelId: ch.id, driver: 'spend', low: ch.drivers.spend.base * 0.5, high: ch.drivers.spend.base * 1.5, distribution: 'lognormal' }));

  it('runs the JS loops, with the same figures, when WebAssembly is missing', async () => {
    const reference = runMonteCarloChunk(prepareMonteCarlo(plan, { scenarioId: null, uncertainty }), 3, 0, 9);
    vi.stubGlobal('WebAssembly', undefined);
    const engine = await freshEngine();
    const chunk = engine.runMonteCarloChunk(engine.prepareMonteCarlo(plan, { scenarioId: null, uncertainty }), 3, 0, 9);
    expect(chunk.kernel).toBe('js');
    expectSameDraws(chunk, reference);
  });

  it('runs the JS loops when the module does not validate (no SIMD) or compiling is refused', async () => {
    const real = WebAssembly;
    vi.stubGlobal('WebAssembly', { ...real, validate: () => false, Module: real.Module, Instance: real.Instance });
    let engine = await freshEngine();
    expect(engine.runMonteCarloChunk(engine.prepareMonteCarlo(plan, { scenarioId: null, uncertainty }), 3, 0, 5).kernel).toBe('js');
    vi.stubGlobal('WebAssembly', {
      validate: () => true,
      Module: class {
        constructor() {
          throw new Error('Refused to compile or instantiate WebAssembly module');
        }
      },
      Instance: real.Instance,
    });
    engine = await freshEngine();
    expect(engine.runMonteCarloChunk(engine.prepareMonteCarlo(plan, { scenarioId: null, uncertainty }), 3, 0, 5).kernel).toBe('js');
  });
});
