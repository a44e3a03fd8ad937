import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import type { Distribution, DriverKey, Plan, RebateMode, SettlementPeriod, UncertainDriver } from '../../../src/engine/types';
import { DISTRIBUTIONS, DRIVER_KEYS, REBATE_MODES, SETTLEMENT_PERIODS } from '../../../src/engine/types';
import {
  drawUniform,
  naiveMonteCarlo,
  prepareMonteCarlo,
  quantile,
  runMonteCarlo,
  runMonteCarloChunk,
  summariseMonteCarlo,
  UncertaintyError,
  type MonteCarloChunk,
} from '../../../src/engine/uncertainty';
import { addRebate, simpleChannel, simplePlan } from './planFixtures';

/**
 * One channel whose contribution is linear in its conversion: no response curve (spend is only a
 * cost) and everything else certain, so in period t
 *   contribution_t = K_t · conversion − C_t,  K_t = baseTraffic_t · aov · (1 − returnRate) · (1 − channelMargin) · (grossMargin − variableCostRate)
 * and every quantile of the total is the same quantile of conversion mapped through the line.
 */
function linearPlan(): { plan: Plan; K: number[]; Cst: number[] } {
  const ch = simpleChannel('a', { baseTraffic: { base: 10_000, growth: 0.02 } }, { type: 'none', max: 0, halfSat: 0, shape: 1 });
  const plan = simplePlan([ch], 12);
  const K: number[] = [];
  const Cst: number[] = [];
  for (let t = 0; t < 12; t++) {
    const bt = 10_000 * 1.02 ** t;
    K.push(bt * 20_000 * 0.9 * 0.8 * (0.5 - 0.05));
    Cst.push(500_000 + 1_000_000);
  }
  return { plan, K, Cst };
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

function concat(chunks: MonteCarloChunk[], field: 'totalContribution' | 'totalNetRevenue' | 'periodNetRevenue' | 'periodContribution'): number[] {
  return [...chunks].sort((a, b) => a.from - b.from).flatMap((c) => [...c[field]]);
}

describe('Monte Carlo against closed forms', () => {
  it('draws exactly the linear image of each sampled conversion', () => {
    const { plan, K, Cst } = linearPlan();
    for (const distribution of DISTRIBUTIONS) {
      const u: UncertainDriver = { id: 'u', channelId: 'a', driver: 'conversion', low: 0.015, high: 0.025, distribution };
      const chunk = runMonteCarlo(plan, { scenarioId: null, uncertainty: [u], seed: 11, from: 0, to: 200 });
      for (let i = 0; i < 200; i++) {
        const x = quantile(u, drawUniform(11, i, 0));
        const expected = sum(K) * x - sum(Cst);
        expect(Math.abs(chunk.totalContribution[i] - expected)).toBeLessThanOrEqual(1e-9 * Math.abs(sum(K) * x) + 1e-6);
        for (let t = 0; t < 12; t++) {
          expect(chunk.periodContribution[i * 12 + t]).toBeCloseTo(K[t] * x - Cst[t], 3);
        }
      }
    }
  });

  it('gives P10 / P50 / P90 and the mean of the total within sampling error', () => {
    const { plan, K, Cst } = linearPlan();
    const n = 20_000;
    for (const distribution of ['uniform', 'normal', 'triangular'] as const) {
      const u: UncertainDriver = { id: 'u', channelId: 'a', driver: 'conversion', low: 0.015, high: 0.025, distribution };
      const model = prepareMonteCarlo(plan, { scenarioId: null, uncertainty: [u] });
      const s = summariseMonteCarlo([runMonteCarloChunk(model, 3, 0, n)], 12);
      expect(s.draws).toBe(n);
      for (const p of [0.1, 0.5, 0.9] as const) {
        const q = quantile(u, p);
        // Standard error of an empirical quantile, sqrt(p(1−p)/n) / density, by a finite difference.
        const density = 2e-3 / (quantile(u, p + 1e-3) - quantile(u, p - 1e-3));
        const se = Math.sqrt((p * (1 - p)) / n) / density;
        const got = p === 0.1 ? s.p10 : p === 0.5 ? s.p50 : s.p90;
        expect(Math.abs(got - (sum(K) * q - sum(Cst)))).toBeLessThan(5 * se * sum(K));
        // Each period's band is the same quantile through that period's line.
        const band = p === 0.1 ? s.periodBands.contribution.p10 : p === 0.5 ? s.periodBands.contribution.p50 : s.periodBands.contribution.p90;
        for (let t = 0; t < 12; t++) expect(Math.abs(band[t] - (K[t] * q - Cst[t]))).toBeLessThan(5 * se * K[t]);
      }
      // Mean of the conversion is the midpoint for these symmetric shapes; sd ≤ (high − low).
      expect(Math.abs(s.mean - (sum(K) * 0.02 - sum(Cst)))).toBeLessThan((5 * 0.01 * sum(K)) / Math.sqrt(n));
    }
  });

  it('with no uncertainty every draw is the plan (up to computePlan rounding)', () => {
    const plan = generateSyntheticPlan({ channels: 5, periods: 24, seed: 4, withOverrides: true });
    const res = computePlan(plan);
    const total = sum([...res.flows.contribution]);
    const s = summariseMonteCarlo([runMonteCarlo(plan, { scenarioId: null, uncertainty: [], seed: 1, from: 0, to: 10 })], 24, total - 1e6);
    expect(Math.abs(s.p10 - total)).toBeLessThan(5 * 5 * 24);
    expect(s.p10).toBe(s.p90);
    expect(s.histogram.counts.reduce((a, b) => a + b, 0)).toBe(10);
    expect(s.probabilityAtLeastTarget).toBe(1);
  });
});

describe('reproducibility', () => {
  const plan = generateSyntheticPlan({ channels: 8, periods: 13, seed: 21, withOverrides: true });
  const uncertainty: UncertainDriver[] = plan.channels.flatMap((ch, c) => [
    { id: `c${c}`, channelId: ch.id, driver: 'conversion' as const, low: ch.drivers.conversion.base * 0.7, high: ch.drivers.conversion.base * 1.3, distribution: 'triangular' as const },
    { id: `s${c}`, channelId: ch.id, driver: 'spend' as const, low: ch.drivers.spend.base * 0.5, high: ch.drivers.spend.base * 1.6, distribution: 'lognormal' as const },
    { id: `m${c}`, channelId: ch.id, driver: 'grossMargin' as const, low: 0.3, high: 0.6, distribution: DISTRIBUTIONS[c % 4] },
  ]);
  const opts = { scenarioId: null, uncertainty };
  const model = prepareMonteCarlo(plan, opts);

  it('gives identical results for the same seed and different ones for another', () => {
    const a = runMonteCarloChunk(model, 99, 0, 50);
    const b = runMonteCarloChunk(prepareMonteCarlo(plan, opts), 99, 0, 50);
    expect(b).toEqual(a);
    const c = runMonteCarloChunk(model, 100, 0, 50);
    expect(c.totalContribution).not.toEqual(a.totalContribution);
  });

  it('merges any split of the draws into the same per-draw results and summary', () => {
    const n = 41;
    const whole = runMonteCarloChunk(model, 5, 0, n);
    const wholeSummary = summariseMonteCarlo([whole], 13, 1e9);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: n - 1 }), { maxLength: 8 }), fc.boolean(), (cuts, reverse) => {
        const bounds = [0, ...[...cuts].sort((x, y) => x - y), n];
        let chunks = bounds.slice(1).map((to, k) => runMonteCarloChunk(model, 5, bounds[k], to));
        if (reverse) chunks = chunks.reverse();
        for (const f of ['totalContribution', 'totalNetRevenue', 'periodNetRevenue', 'periodContribution'] as const) {
          expect(concat(chunks, f)).toEqual([...whole[f]]);
        }
        expect(summariseMonteCarlo(chunks, 13, 1e9)).toEqual(wholeSummary);
      }),
      { numRuns: 30 },
    );
  });

  it('runs the same on a structured clone of the model (what a worker receives)', () => {
    const clone = structuredClone(model);
    expect(runMonteCarloChunk(clone, 8, 3, 20)).toEqual(runMonteCarloChunk(model, 8, 3, 20));
  });
});

/** Absolute values for drivers whose base is 0 (their draws are added). */
const ADDITIVE: Record<DriverKey, [number, number]> = {
  spend: [0, 2_000_000],
  baseTraffic: [0, 20_000],
  conversion: [0, 0.05],
  aov: [1_000, 30_000],
  returnRate: [0, 0.2],
  grossMargin: [0.2, 0.6],
  channelMargin: [0, 0.2],
  variableCostRate: [0, 0.1],
  fixedCost: [0, 1_000_000],
  newCustomerShare: [0, 1],
};

const caseArb = fc
  .record({
    channels: fc.integer({ min: 1, max: 6 }),
    periods: fc.integer({ min: 12, max: 30 }),
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    withOverrides: fc.boolean(),
    // Per channel: curve kind, and whether rates get growth (non-flat series take the exact path).
    tweaks: fc.array(fc.record({ curve: fc.constantFrom('hill', 'linear', 'none', 'step'), rateGrowth: fc.boolean(), zeroBase: fc.constantFrom<DriverKey | null>(null, 'baseTraffic', 'spend', 'fixedCost', 'conversion') }), { minLength: 6, maxLength: 6 }),
    pairs: fc.array(fc.record({ from: fc.nat(5), to: fc.nat(5), rate: fc.double({ min: 0, max: 1, noNaN: true }) }), { maxLength: 2 }),
    // Tiered rebates on some channels: thresholds as multiples of the channel's average revenue per
    // settlement period, so that draws land on both sides of them.
    rebates: fc.array(
      fc.option(fc.record({
        mode: fc.constantFrom<RebateMode>(...REBATE_MODES),
        period: fc.constantFrom<SettlementPeriod>(...SETTLEMENT_PERIODS),
        at: fc.array(fc.double({ min: 0.1, max: 2, noNaN: true }), { minLength: 1, maxLength: 3 }),
      })),
      { minLength: 6, maxLength: 6 },
    ),
    ranges: fc.array(
      fc.record({
        channel: fc.nat(5),
        driver: fc.constantFrom<DriverKey>(...DRIVER_KEYS),
        distribution: fc.constantFrom<Distribution>(...DISTRIBUTIONS),
        lo: fc.double({ min: 0.2, max: 1, noNaN: true }),
        hi: fc.double({ min: 1, max: 3, noNaN: true }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    scenario: fc.boolean(),
  })
  .map((o) => {
    const plan = generateSyntheticPlan({ channels: o.channels, periods: o.periods, seed: o.seed, withOverrides: o.withOverrides });
    plan.channels.forEach((ch, c) => {
      const tw = o.tweaks[c];
      if (tw.curve === 'linear') ch.curve.type = 'linear';
      if (tw.curve === 'none') ch.curve.type = 'none';
      if (tw.curve === 'step') ch.curve.halfSat = 0;
      if (tw.rateGrowth) {
        ch.drivers.returnRate.growth = 0.01;
        ch.drivers.conversion.seasonality = [1.2, 0.8, 1, 1, 1, 1, 1, 1, 1, 1.3, 1, 1];
      }
      if (tw.zeroBase) ch.drivers[tw.zeroBase] = { base: 0 };
    });
    o.rebates.slice(0, plan.channels.length).forEach((r, c) => r && addRebate(plan, c, r.mode, r.period, r.at));
    const id = (k: number): string => plan.channels[k % plan.channels.length].id;
    plan.cannibalisation = o.pairs.map((p) => ({ from: id(p.from), to: id(p.to), rate: p.rate }));
    if (o.scenario) {
      plan.scenarios = [{ id: 's', name: 's', parentId: null, notes: '', adjustments: [{ id: 'a', target: { kind: 'all' }, driver: 'spend', op: { kind: 'scale', percent: 25 }, enabled: true }] }];
    }
    const uncertainty: UncertainDriver[] = o.ranges.map((r, k) => {
      const c = r.channel % plan.channels.length;
      const base = plan.channels[c].drivers[r.driver].base;
      let [low, high] = base !== 0 ? [base * r.lo, base * r.hi] : ADDITIVE[r.driver];
      if (base === 0) [low, high] = [low + (high - low) * (r.lo - 0.2) * 0.5, low + (high - low) * (r.hi / 3)];
      if (low > high) [low, high] = [high, low];
      const distribution = r.distribution === 'lognormal' && !(low > 0) ? 'normal' : r.distribution;
      return { id: `u${k}`, channelId: plan.channels[c].id, driver: r.driver, low, high, distribution };
    });
    return { plan, scenarioId: o.scenario ? 's' : null, uncertainty };
  });

describe('fast engine against the naive one', () => {
  it('agrees per draw and per period, up to computePlan rounding of each cell', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 2 ** 32 - 1 }), ({ plan, scenarioId, uncertainty }, seed) => {
        const draws = 12;
        const P = plan.timeline.periods;
        const fast = runMonteCarlo(plan, { scenarioId, uncertainty, seed, from: 0, to: draws });
        const naive = naiveMonteCarlo(plan, { scenarioId, uncertainty }, seed, draws);
        // computePlan rounds gross revenue, returns, intermediary margin, cannibalised revenue, gross
        // profit and variable cost to minor units in every cell: a few units per cell at most.
        const cells = plan.channels.length * P;
        for (let i = 0; i < draws; i++) {
          const tol = 6 * cells + 1e-9 * Math.abs(naive.totalNetRevenue[i]);
          expect(Math.abs(fast.totalContribution[i] - naive.totalContribution[i])).toBeLessThanOrEqual(tol);
          expect(Math.abs(fast.totalNetRevenue[i] - naive.totalNetRevenue[i])).toBeLessThanOrEqual(tol);
          for (let t = 0; t < P; t++) {
            const k = i * P + t;
            const tp = 6 * plan.channels.length + 1e-9 * Math.abs(naive.periodNetRevenue[k]);
            expect(Math.abs(fast.periodContribution[k] - naive.periodContribution[k])).toBeLessThanOrEqual(tp);
            expect(Math.abs(fast.periodNetRevenue[k] - naive.periodNetRevenue[k])).toBeLessThanOrEqual(tp);
          }
        }
      }),
      { numRuns: 120 },
    );
  });

  it('takes the exact path when a draw pushes a growing rate past its bound', () => {
    const ch = simpleChannel('a', { conversion: { base: 0.5, growth: 0.05 } });
    const plan = simplePlan([ch, simpleChannel('b')], 24);
    // Factors up to ~1.9 push conversion (0.5 growing to 1.5 → capped at 1) over 1 in some periods.
    const uncertainty: UncertainDriver[] = [{ id: 'u', channelId: 'a', driver: 'conversion', low: 0.3, high: 0.9, distribution: 'uniform' }];
    const fast = runMonteCarlo(plan, { scenarioId: null, uncertainty, seed: 2, from: 0, to: 64 });
    const naive = naiveMonteCarlo(plan, { scenarioId: null, uncertainty }, 2, 64);
    for (let i = 0; i < 64; i++) expect(Math.abs(fast.totalContribution[i] - naive.totalContribution[i])).toBeLessThan(6 * 48);
  });

  it('refuses unusable ranges', () => {
    const plan = simplePlan([simpleChannel('a')]);
    const bad: UncertainDriver = { id: 'u', channelId: 'zz', driver: 'aov', low: 1, high: 2, distribution: 'uniform' };
    expect(() => prepareMonteCarlo(plan, { scenarioId: null, uncertainty: [bad] })).toThrow(UncertaintyError);
    expect(() => naiveMonteCarlo(plan, { scenarioId: null, uncertainty: [bad] }, 1, 1)).toThrow(UncertaintyError);
  });
});

describe('summaries', () => {
  const { plan } = linearPlan();
  const uncertainty: UncertainDriver[] = [{ id: 'u', channelId: 'a', driver: 'conversion', low: 0.015, high: 0.025, distribution: 'normal' }];
  const model = prepareMonteCarlo(plan, { scenarioId: null, uncertainty });

  it('counts every draw once in ~40 bins and reports the share at or above a target', () => {
    const chunk = runMonteCarloChunk(model, 1, 0, 1000);
    const target = [...chunk.totalContribution].sort((a, b) => a - b)[700];
    const s = summariseMonteCarlo([chunk], 12, target);
    expect(s.histogram.counts).toHaveLength(40);
    expect(s.histogram.edges).toHaveLength(41);
    expect(s.histogram.counts.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(s.histogram.edges[0]).toBe(Math.min(...chunk.totalContribution));
    expect(s.histogram.edges[40]).toBe(Math.max(...chunk.totalContribution));
    expect(s.probabilityAtLeastTarget).toBe(0.3);
    expect(summariseMonteCarlo([chunk], 12).probabilityAtLeastTarget).toBeNull();
    expect(s.p10).toBeLessThan(s.p50);
    expect(s.p50).toBeLessThan(s.p90);
    expect(s.contribution).toBe(s.periodBands.contribution);
    expect(s.netRevenue.p50).toHaveLength(12);
  });

  it('uses type-7 quantiles', () => {
    const chunk = runMonteCarloChunk(model, 1, 0, 11);
    const sorted = [...chunk.totalContribution].sort((a, b) => a - b);
    const s = summariseMonteCarlo([chunk], 12);
    expect(s.p10).toBe(sorted[1]);
    expect(s.p50).toBe(sorted[5]);
    expect(s.p90).toBe(sorted[9]);
    const s2 = summariseMonteCarlo([runMonteCarloChunk(model, 1, 0, 4)], 12);
    const x = [...runMonteCarloChunk(model, 1, 0, 4).totalContribution].sort((a, b) => a - b);
    expect(s2.p50).toBeCloseTo((x[1] + x[2]) / 2, 6);
  });

  it('refuses overlapping chunks and summarises no draws as empty', () => {
    expect(() => summariseMonteCarlo([runMonteCarloChunk(model, 1, 0, 10), runMonteCarloChunk(model, 1, 5, 15)], 12)).toThrow(RangeError);
    const empty = summariseMonteCarlo([], 12, 0);
    expect(empty.draws).toBe(0);
    expect(empty.p50).toBeNaN();
    expect(empty.histogram.counts).toEqual([]);
  });
});
