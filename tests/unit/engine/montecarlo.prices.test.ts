import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import type { Plan, PriceTarget, UncertainDriver } from '../../../src/engine/types';
import { drawUniform, inverseNormal, naiveMonteCarlo, runMonteCarlo, Z90 } from '../../../src/engine/uncertainty';

/** A plan with prices on some channels, elasticity ranges, optional conversion ranges and a correlation. */
const caseArb = fc
  .record({
    channels: fc.integer({ min: 1, max: 5 }),
    periods: fc.integer({ min: 12, max: 24 }),
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    actsOn: fc.constantFrom<PriceTarget>('conversion', 'baseTraffic'),
    rho: fc.option(fc.double({ min: -1, max: 1, noNaN: true }), { nil: undefined }),
    priced: fc.array(fc.record({ c: fc.nat(4), base: fc.double({ min: 0.6, max: 1.5, noNaN: true }), eps: fc.double({ min: -3, max: 0, noNaN: true }), spread: fc.double({ min: 0, max: 1.5, noNaN: true }) }), { minLength: 1, maxLength: 3 }),
    withConversion: fc.boolean(),
    scenario: fc.boolean(),
  })
  .map((o) => {
    const plan = generateSyntheticPlan({ channels: o.channels, periods: o.periods, seed: o.seed });
    const seen = new Set<string>();
    plan.prices = {
      elasticity: -1,
      actsOn: o.actsOn,
      conversionCorrelation: o.rho,
      channels: o.priced.flatMap((p) => {
        const ch = plan.channels[p.c % plan.channels.length];
        if (seen.has(ch.id)) return [];
        seen.add(ch.id);
        return [{ channelId: ch.id, index: { base: p.base, growth: 0.01 }, elasticity: p.eps, range: { low: p.eps - p.spread, high: p.eps + p.spread / 2 } }];
      }),
    };
    const uncertainty: UncertainDriver[] = o.withConversion
      ? plan.channels.map((ch, c) => ({ id: `u${c}`, channelId: ch.id, driver: 'conversion', low: ch.drivers.conversion.base * 0.8, high: ch.drivers.conversion.base * 1.2, distribution: 'triangular' }))
      : [];
    if (o.scenario) plan.scenarios = [{ id: 's', name: 's', parentId: null, notes: '', adjustments: [], priceChanges: [{ id: 'p', channelIds: [plan.channels[0].id], percent: 10, enabled: true }] }];
    return { plan, uncertainty, scenarioId: o.scenario ? 's' : null };
  });

const total = (xs: Float64Array): number => xs.reduce((a, b) => a + b, 0);

describe('Monte Carlo with an uncertain price elasticity', () => {
  it('gives the same draws in the fast engine and the naive one', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 2 ** 32 - 1 }), ({ plan, uncertainty, scenarioId }, seed) => {
        const draws = 8;
        const fast = runMonteCarlo(plan, { scenarioId, uncertainty, seed, from: 0, to: draws });
        const naive = naiveMonteCarlo(plan, { scenarioId, uncertainty }, seed, draws);
        const cells = plan.channels.length * plan.timeline.periods;
        for (let i = 0; i < draws; i++) {
          const tol = 6 * cells + 1e-9 * Math.abs(naive.totalNetRevenue[i]);
          expect(Math.abs(fast.totalContribution[i] - naive.totalContribution[i])).toBeLessThanOrEqual(tol);
          expect(Math.abs(fast.totalNetRevenue[i] - naive.totalNetRevenue[i])).toBeLessThanOrEqual(tol);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('with a degenerate range at the plan’s ε, every draw is the deterministic plan', () => {
    fc.assert(
      fc.property(caseArb, ({ plan, scenarioId }) => {
        for (const e of plan.prices!.channels) e.range = { low: e.elasticity!, high: e.elasticity! };
        const res = computePlan(plan, scenarioId);
        const want = total(res.flows.contribution);
        const mc = runMonteCarlo(plan, { scenarioId, uncertainty: [], seed: 3, from: 0, to: 4 });
        const cells = plan.channels.length * plan.timeline.periods;
        for (const v of mc.totalContribution) expect(Math.abs(v - want)).toBeLessThanOrEqual(6 * cells);
      }),
      { numRuns: 30 },
    );
  });

  it('draws ε from the normal with the range as P10–P90, correlated with conversion by ρ', () => {
    // One channel, no curve, the price 10 % up: orders scale by 1.1^ε', so ε' can be read back from each draw.
    const plan: Plan = generateSyntheticPlan({ channels: 1, periods: 12, seed: 5 });
    const ch = plan.channels[0];
    ch.curve = { type: 'none', max: 0, halfSat: 0, shape: 1 };
    ch.drivers.conversion = { base: 0.05 };
    ch.drivers.returnRate = { base: 0 };
    ch.drivers.channelMargin = { base: 0 };
    ch.drivers.baseTraffic = { base: 100_000 };
    ch.drivers.aov = { base: 10_000 };
    plan.prices = { elasticity: -1, actsOn: 'conversion', conversionCorrelation: 0.8, channels: [{ channelId: ch.id, index: { base: 1.1 }, elasticity: -1.5, range: { low: -2, high: -1 } }] };
    const uncertainty: UncertainDriver[] = [{ id: 'c', channelId: ch.id, driver: 'conversion', low: 0.04, high: 0.06, distribution: 'normal' }];
    const n = 4000;
    const naive = naiveMonteCarlo(plan, { scenarioId: null, uncertainty }, 11, n);
    const eps: number[] = [];
    const zc: number[] = [];
    for (let i = 0; i < n; i++) {
      // Net revenue per month = 100000 · conversion' · 1.1^ε' · 10000 · 1.1 with conversion' the drawn conversion.
      const conv = 0.05 + ((0.06 - 0.04) / (2 * Z90)) * inverseNormal(drawUniform(11, i, 0));
      const perMonth = naive.totalNetRevenue[i] / 12;
      eps.push(Math.log(perMonth / (100_000 * conv * 11_000)) / Math.log(1.1));
      zc.push(inverseNormal(drawUniform(11, i, 0)));
    }
    const sorted = [...eps].sort((a, b) => a - b);
    // P10 and P90 within sampling error (n = 4000: standard error of a tail quantile ≈ 0.013 here).
    expect(Math.abs(sorted[Math.floor(0.1 * n)] - -2)).toBeLessThan(0.05);
    expect(Math.abs(sorted[Math.floor(0.9 * n)] - -1)).toBeLessThan(0.05);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const me = mean(eps);
    const mz = mean(zc);
    const cov = mean(eps.map((e, i) => (e - me) * (zc[i] - mz)));
    const sd = (xs: number[], m: number) => Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
    expect(Math.abs(cov / (sd(eps, me) * sd(zc, mz)) - 0.8)).toBeLessThan(0.03);
  });
});
