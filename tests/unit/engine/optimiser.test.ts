import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePlan, scenarioSeries } from '../../../src/engine/compute';
import {
  applyAllocationAsAdjustments,
  buildModels,
  channelMarginal,
  channelValue,
  efficientFrontier,
  optimiseBudget,
  type OptimiseObjective,
  type OptimiseResult,
  type ResponseModel,
} from '../../../src/engine/optimiser';
import { rollup, rollupValue } from '../../../src/engine/rollup';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import type { Channel, ChannelBudgetBounds, Plan } from '../../../src/engine/types';
import { simpleChannel, simplePlan } from './planFixtures';

type Ok = Extract<OptimiseResult, { ok: true }>;

function ok(r: OptimiseResult): Ok {
  if (!r.ok) throw new Error(`expected an answer, got ${r.error}: ${JSON.stringify(r.problem)}`);
  return r;
}

/** A channel spending `perPeriod` a month with a hill curve; money is large so whole-unit rounding is negligible. */
function hillChannel(id: string, perPeriod: number, max: number, halfSat: number, shape: number, extra: Partial<Channel['drivers']> = {}): Channel {
  return simpleChannel(id, { spend: { base: perPeriod }, ...extra }, { type: 'hill', max, halfSat, shape });
}

function models(plan: Plan, objective: OptimiseObjective = 'contribution', scenarioId: string | null = null): ResponseModel[] {
  return buildModels(plan, scenarioSeries(plan, scenarioId).series, objective);
}

function maxSpec(totalBudget: number, bounds: ChannelBudgetBounds[] = [], objective: OptimiseObjective = 'contribution') {
  return { mode: 'maxObjective' as const, objective, totalBudget, scenarioId: null, bounds };
}

/** Best objective over a grid of allocations of `budget` (2 or 3 channels), each within [lo, hi]. */
function bruteForce(ms: ResponseModel[], budget: number, lo: number[], hi: number[], steps: number): { best: number; at: number[] } {
  let best = -Infinity;
  let at: number[] = [];
  const h0 = Math.min(hi[0], budget);
  if (ms.length === 2) {
    for (let k = 0; k <= steps; k++) {
      const s0 = lo[0] + ((h0 - lo[0]) * k) / steps;
      const s1 = budget - s0;
      if (s1 < lo[1] || s1 > hi[1]) continue;
      const v = channelValue(ms[0], s0) + channelValue(ms[1], s1);
      if (v > best) [best, at] = [v, [s0, s1]];
    }
    return { best, at };
  }
  const h1 = Math.min(hi[1], budget);
  for (let i = 0; i <= steps; i++) {
    const s0 = lo[0] + ((h0 - lo[0]) * i) / steps;
    for (let j = 0; j <= steps; j++) {
      const s1 = lo[1] + ((h1 - lo[1]) * j) / steps;
      const s2 = budget - s0 - s1;
      if (s2 < lo[2] || s2 > hi[2]) continue;
      const v = channelValue(ms[0], s0) + channelValue(ms[1], s1) + channelValue(ms[2], s2);
      if (v > best) [best, at] = [v, [s0, s1, s2]];
    }
  }
  return { best, at };
}

/** max of a concave function on [a, b] by golden-section search. */
function goldenMax(f: (x: number) => number, a: number, b: number): number {
  const r = (Math.sqrt(5) - 1) / 2;
  let x1 = b - r * (b - a);
  let x2 = a + r * (b - a);
  let f1 = f(x1);
  let f2 = f(x2);
  for (let k = 0; k < 120 && b - a > 1e-6; k++) {
    if (f1 >= f2) {
      [b, x2, f2] = [x2, x1, f1];
      x1 = b - r * (b - a);
      f1 = f(x1);
    } else {
      [a, x1, f1] = [x1, x2, f2];
      x2 = a + r * (b - a);
      f2 = f(x2);
    }
  }
  return Math.max(f1, f2, f(a), f(b));
}

/** The optimum of Σ f_c with Σ S_c = budget, S_c ≥ 0, for 2 or 3 concave channels. */
function concaveMax(ms: ResponseModel[], budget: number): number {
  const two = (rest: number, i: number, j: number): number => goldenMax((x) => channelValue(ms[i], x) + channelValue(ms[j], rest - x), 0, rest);
  if (ms.length === 2) return two(budget, 0, 1);
  return goldenMax((x) => channelValue(ms[0], x) + two(budget - x, 1, 2), 0, budget);
}

/** A concave synthetic plan (every hill shape capped at 1). */
function concaveSynthetic(channels: number, seed: number, periods = 12): Plan {
  const plan = generateSyntheticPlan({ channels, periods, seed });
  for (const ch of plan.channels) ch.curve.shape = Math.min(ch.curve.shape, 1);
  return plan;
}

/**
 * KKT at the answer: marginal return λ (to 1e-6 relative) strictly inside the bounds, ≤ λ at a lower
 * bound, ≥ λ at an upper one. Allocations are whole minor units, so a channel may sit up to one unit
 * from the continuous optimum: the tolerance adds what one unit changes its marginal return by.
 */
function checkKkt(r: Ok, lo: number[], hi: number[], ms: ResponseModel[]): void {
  r.allocations.forEach((a, c) => {
    // One unit above zero spend on a curve whose slope is infinite at zero: where in that unit the
    // continuous optimum lay, only rounding decides, and the marginal varies without bound there.
    if (a.optimal >= 1 && a.optimal - 1 === lo[c] && channelMarginal(ms[c], a.optimal - 1) === Infinity) return;
    const oneUnit = Math.max(
      Math.abs(channelMarginal(ms[c], a.optimal + 1) - a.marginalReturn),
      a.optimal >= 1 ? Math.abs(channelMarginal(ms[c], a.optimal - 1) - a.marginalReturn) : 0,
    );
    const tol = 1e-6 * Math.max(1, Math.abs(r.lambda)) + (Number.isFinite(oneUnit) ? oneUnit : 0);
    // Bounds within two units of each other hold the channel at both at once: KKT then says nothing
    // about its marginal return (either side of λ is optimal).
    if (hi[c] - lo[c] <= 2) return;
    if (a.optimal > lo[c] + 1 && a.optimal < hi[c] - 1) expect(Math.abs(a.marginalReturn - r.lambda)).toBeLessThanOrEqual(tol);
    else if (a.optimal <= lo[c] + 1 && hi[c] > lo[c]) {
      // A concave hill at zero spend has an infinite marginal that lasts less than a minor unit when
      // the continuous optimum rounds to 0: judge it by what the first unit returns.
      const first = a.marginalReturn === Infinity ? channelValue(ms[c], a.optimal + 1) - channelValue(ms[c], a.optimal) : a.marginalReturn;
      expect(first).toBeLessThanOrEqual(r.lambda + tol);
    }
    else if (a.optimal >= hi[c] - 1 && hi[c] > lo[c]) expect(a.marginalReturn).toBeGreaterThanOrEqual(r.lambda - tol);
  });
}

describe('optimiser: channel response model', () => {
  it('gives the contribution and net revenue that compute.ts gives at today’s spend (no cannibalisation)', () => {
    const plan = generateSyntheticPlan({ channels: 12, periods: 24, seed: 5, withOverrides: true });
    const res = computePlan(plan);
    for (const objective of ['contribution', 'netRevenue'] as const) {
      const r = rollup(plan, res, 'channel', 'all');
      models(plan, objective).forEach((m, c) => {
        const expected = rollupValue(r, objective, c, 0) as number;
        // compute.ts rounds each money line of each cell to a minor unit: a few units per period.
        expect(Math.abs(channelValue(m, m.today) - expected)).toBeLessThanOrEqual(4 * 24);
      });
    }
  });

  it('has the exact derivative (the marginal return compute.ts reports per cell)', () => {
    const plan = generateSyntheticPlan({ channels: 8, periods: 12, seed: 9 });
    const res = computePlan(plan);
    models(plan).forEach((m, c) => {
      for (const k of [0.3, 1, 2.5]) {
        const S = m.today * k;
        const h = S * 1e-6;
        const fd = (channelValue(m, S + h) - channelValue(m, S - h)) / (2 * h);
        expect(channelMarginal(m, S)).toBeCloseTo(fd, 4);
      }
      // At today's spend, the spend-weighted average of compute.ts's per-cell marginal ROI.
      let num = 0;
      for (let t = 0; t < res.periods; t++) num += res.marginalRoiSpend[c * res.periods + t];
      if (m.today > 0) expect(channelMarginal(m, m.today)).toBeCloseTo(num / m.today, 8);
    });
  });
});

describe('optimiser: concave curves (water-filling)', () => {
  it('matches brute force on two and three channels (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({
          spend: fc.integer({ min: 2_000_000, max: 40_000_000 }),
          max: fc.integer({ min: 5_000, max: 200_000 }),
          halfSat: fc.integer({ min: 1_000_000, max: 50_000_000 }),
          shape: fc.double({ min: 0.3, max: 1, noNaN: true }),
          linear: fc.boolean(),
        }), { minLength: 2, maxLength: 3 }),
        fc.double({ min: 0.3, max: 2.5, noNaN: true }),
        fc.constantFrom('contribution', 'netRevenue' as const),
        (chs, factor, objective) => {
          const plan = simplePlan(chs.map((c, i) => {
            const ch = hillChannel(`c${i}`, c.spend, c.max, c.halfSat, c.shape);
            if (c.linear && i === 0) ch.curve.type = 'linear';
            return ch;
          }));
          const ms = models(plan, objective);
          const budget = Math.round(ms.reduce((s, m) => s + m.today, 0) * factor);
          const r = ok(optimiseBudget(plan, maxSpec(budget, [], objective)));
          expect(r.method).toBe('waterFilling');
          expect(r.gapBound).toBe(0);
          const lo = ms.map(() => 0);
          const hi = ms.map(() => Infinity);
          const brute = bruteForce(ms, budget, lo, hi, ms.length === 2 ? 20_000 : 400);
          const scale = Math.max(1, Math.abs(brute.best));
          // Never worse than any grid point (up to whole-unit rounding) …
          expect(r.objective).toBeGreaterThanOrEqual(brute.best - 1e-9 * scale);
          // … and not better than the true optimum, found for these concave objectives by nested
          // golden-section search (precise where a grid is only as good as its step).
          const fine = { best: concaveMax(ms, budget) };
          expect(r.objective).toBeLessThanOrEqual(fine.best + 1e-9 * scale);
          checkKkt(r, lo, hi, ms);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('satisfies KKT on synthetic plans with random bounds, frozen and unlisted channels (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.array(fc.record({ kind: fc.constantFrom('free', 'bounded', 'frozen', 'min'), a: fc.double({ min: 0, max: 1, noNaN: true }), b: fc.double({ min: 0, max: 2, noNaN: true }) }), { minLength: 8, maxLength: 8 }),
        // Budgets at Σ min, at Σ max, or a real amount between (a few minor units above Σ min is
        // a question of whole units, not of marginal returns).
        fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0.01, max: 1, noNaN: true })),
        fc.constantFrom('contribution', 'netRevenue' as const),
        (seed, kinds, where, objective) => {
          const plan = concaveSynthetic(8, seed);
          const ms = models(plan, objective);
          const bounds: ChannelBudgetBounds[] = [];
          const lo: number[] = [];
          const hi: number[] = [];
          ms.forEach((m, c) => {
            const k = kinds[c];
            if (k.kind === 'frozen') {
              bounds.push({ channelId: m.channelId, frozen: true, min: 1, max: 2 });
              lo.push(m.today);
              hi.push(m.today);
            } else if (k.kind === 'bounded') {
              const min = Math.round(m.today * k.a);
              const max = Math.round(m.today * (1 + k.b));
              bounds.push({ channelId: m.channelId, min, max });
              lo.push(min);
              hi.push(max);
            } else if (k.kind === 'min') {
              const min = Math.round(m.today * k.a);
              bounds.push({ channelId: m.channelId, min });
              lo.push(min);
              hi.push(Infinity);
            } else {
              lo.push(0);
              hi.push(Infinity);
            }
          });
          const sumLo = lo.reduce((a, b) => a + b, 0);
          const sumHi = Math.min(hi.reduce((a, b) => a + b, 0), 3 * ms.reduce((s, m) => s + m.today, 0));
          const budget = Math.round(sumLo + (sumHi - sumLo) * where);
          const r = ok(optimiseBudget(plan, maxSpec(budget, bounds, objective)));
          expect(r.allocations.reduce((s, a) => s + a.optimal, 0)).toBe(budget);
          expect(r.totalSpend).toBe(budget);
          r.allocations.forEach((a, c) => {
            expect(Number.isInteger(a.optimal)).toBe(true);
            expect(a.optimal).toBeGreaterThanOrEqual(lo[c]);
            expect(a.optimal).toBeLessThanOrEqual(hi[c]);
            if (kinds[c].kind === 'frozen') expect(a.optimal).toBe(ms[c].today);
            expect(a.change).toBe(a.optimal - a.today);
          });
          checkKkt(r, lo, hi, ms);
          expect(r.objective).toBeCloseTo(r.allocations.reduce((s, a) => s + a.objectiveOptimal, 0), 3);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('never does worse than today’s allocation of the same budget', () => {
    for (const seed of [1, 2, 3]) {
      const plan = concaveSynthetic(20, seed, 36);
      const ms = models(plan);
      const budget = ms.reduce((s, m) => s + m.today, 0);
      const r = ok(optimiseBudget(plan, maxSpec(budget)));
      expect(r.objectiveToday).toBeCloseTo(ms.reduce((s, m) => s + channelValue(m, m.today), 0), 3);
      expect(r.objective).toBeGreaterThanOrEqual(r.objectiveToday);
    }
  });

  it('starts a concave channel from zero (infinite marginal return there)', () => {
    const plan = simplePlan([
      hillChannel('a', 0, 50_000, 5_000_000, 0.5),
      hillChannel('b', 5_000_000, 50_000, 5_000_000, 1),
    ]);
    const r = ok(optimiseBudget(plan, maxSpec(60_000_000)));
    expect(r.allocations[0].optimal).toBeGreaterThan(0);
    checkKkt(r, [0, 0], [Infinity, Infinity], models(plan));
  });

  it('puts a linear channel’s flat marginal return at the right level and splits ties exactly', () => {
    const lin = (id: string, spend: number) => {
      const ch = hillChannel(id, spend, 100_000, 10_000_000, 1);
      ch.curve.type = 'linear';
      return ch;
    };
    // Two identical lines: any split is optimal; the total and bounds must still be exact.
    const plan = simplePlan([lin('a', 1_000_000), lin('b', 3_000_000)]);
    const r = ok(optimiseBudget(plan, maxSpec(48_000_001, [{ channelId: 'a', max: 30_000_000 }])));
    expect(r.allocations[0].optimal + r.allocations[1].optimal).toBe(48_000_001);
    expect(r.allocations[0].optimal).toBeLessThanOrEqual(30_000_000);
    // A line against a saturating hill: the hill gets spend until its marginal falls to the line's.
    const mixed = simplePlan([lin('a', 1_000_000), hillChannel('b', 1_000_000, 400_000, 2_000_000, 1)]);
    const m = ok(optimiseBudget(mixed, maxSpec(200_000_000)));
    const ms = models(mixed);
    expect(m.allocations[1].marginalReturn).toBeCloseTo(channelMarginal(ms[0], 1), 6);
  });
});

describe('optimiser: infeasible and bad input', () => {
  const plan = simplePlan([hillChannel('a', 1_000_000, 10_000, 1_000_000, 1), hillChannel('b', 1_000_000, 10_000, 1_000_000, 1)]);

  it('says when the minimums exceed the budget, with the sums', () => {
    const r = optimiseBudget(plan, maxSpec(10_000_000, [{ channelId: 'a', min: 6_000_000 }, { channelId: 'b', min: 5_000_000 }]));
    expect(r).toEqual({ ok: false, error: 'infeasible', problem: { code: 'opt.minsAboveBudget', params: { sum: 11_000_000, budget: 10_000_000 } } });
  });

  it('says when the maximums fall short of the budget', () => {
    const r = optimiseBudget(plan, maxSpec(10_000_000, [{ channelId: 'a', max: 3_000_000 }, { channelId: 'b', max: 4_000_000 }]));
    expect(r).toEqual({ ok: false, error: 'infeasible', problem: { code: 'opt.maxesBelowBudget', params: { sum: 7_000_000, budget: 10_000_000 } } });
  });

  it('says when a frozen channel alone spends more than the budget', () => {
    const r = optimiseBudget(plan, maxSpec(5_000_000, [{ channelId: 'a', frozen: true }]));
    expect(r).toMatchObject({ ok: false, error: 'infeasible', problem: { code: 'opt.minsAboveBudget', params: { sum: 12_000_000, budget: 5_000_000 } } });
  });

  it('says when a channel’s minimum is above its maximum', () => {
    const r = optimiseBudget(plan, maxSpec(10_000_000, [{ channelId: 'a', min: 5, max: 4 }]));
    expect(r).toEqual({ ok: false, error: 'infeasible', problem: { code: 'opt.minAboveMax', params: { channelId: 'a', channel: 'a', min: 5, max: 4 } } });
  });

  it('says when there are no channels', () => {
    expect(optimiseBudget(simplePlan([]), maxSpec(1000))).toEqual({ ok: false, error: 'noChannels', problem: { code: 'opt.noChannels', params: {} } });
  });

  it('ignores bounds of a channel the plan no longer has', () => {
    const stale = optimiseBudget(plan, maxSpec(1000, [{ channelId: 'zz', min: 1 }]));
    expect(stale).toEqual(optimiseBudget(plan, maxSpec(1000)));
  });

  it('refuses repeated bounds and bad numbers', () => {
    expect(() => optimiseBudget(plan, maxSpec(1000, [{ channelId: 'a' }, { channelId: 'a' }]))).toThrow(RangeError);
    expect(() => optimiseBudget(plan, maxSpec(1000, [{ channelId: 'a', min: -1 }]))).toThrow(RangeError);
    expect(() => optimiseBudget(plan, maxSpec(Number.NaN))).toThrow(RangeError);
    expect(() => optimiseBudget(plan, { mode: 'minSpend', objective: 'contribution', target: Infinity, scenarioId: null, bounds: [] })).toThrow(RangeError);
  });
});

describe('optimiser: S-shaped curves (concave envelope)', () => {
  /**
   * Two identical S-curves: a little spend buys almost nothing, so with a budget that cannot lift
   * both past their thresholds, splitting it evenly is much worse than putting it all in one.
   * Water-filling from an even split (or a greedy that adds spend where the marginal is highest) stays
   * at the split: at equal spends the marginals are equal, which is a KKT point but not the optimum.
   */
  const sPlan = () => simplePlan([
    hillChannel('a', 1_000_000, 100_000, 10_000_000, 4),
    hillChannel('b', 1_000_000, 100_000, 10_000_000, 4),
  ]);

  it('concentrates where spreading is worse, within gapBound of brute force', () => {
    const plan = sPlan();
    const ms = models(plan);
    const budget = 12 * 12_000_000;
    const r = ok(optimiseBudget(plan, maxSpec(budget)));
    expect(r.method).toBe('exactSearch');
    const even = channelValue(ms[0], budget / 2) + channelValue(ms[1], budget / 2);
    // The even split is a stationary point (equal marginals) that a local method accepts.
    expect(channelMarginal(ms[0], budget / 2)).toBeCloseTo(channelMarginal(ms[1], budget / 2), 12);
    const brute = bruteForce(ms, budget, [0, 0], [Infinity, Infinity], 20_000);
    expect(brute.best).toBeGreaterThan(even + 0.05 * Math.abs(even));
    expect(r.objective).toBeGreaterThan(even);
    expect(r.gapBound).toBeGreaterThanOrEqual(0);
    expect(brute.best - r.objective).toBeLessThanOrEqual(r.gapBound + 1e-9 * Math.abs(brute.best));
    // And in fact it finds the concentrated optimum.
    expect(r.objective).toBeGreaterThanOrEqual(brute.best - 1e-6 * Math.abs(brute.best));
    expect(Math.min(r.allocations[0].optimal, r.allocations[1].optimal)).toBeLessThan(budget * 0.2);
  });

  it('gapBound always covers the distance to brute force (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({
          spend: fc.integer({ min: 500_000, max: 20_000_000 }),
          max: fc.integer({ min: 5_000, max: 200_000 }),
          halfSat: fc.integer({ min: 1_000_000, max: 30_000_000 }),
          shape: fc.double({ min: 0.4, max: 5, noNaN: true }),
        }), { minLength: 2, maxLength: 3 }),
        fc.double({ min: 0.2, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (chs, factor, minShare) => {
          const plan = simplePlan(chs.map((c, i) => hillChannel(`c${i}`, c.spend, c.max, c.halfSat, c.shape)));
          const ms = models(plan);
          const budget = Math.round(ms.reduce((s, m) => s + m.today, 0) * factor);
          const lo = ms.map((m, c) => (c === 0 ? Math.round(budget * minShare / 2) : 0));
          const bounds = [{ channelId: 'c0', min: lo[0] }];
          const r = ok(optimiseBudget(plan, maxSpec(budget, bounds)));
          const hi = ms.map(() => Infinity);
          const brute = bruteForce(ms, budget, lo, hi, ms.length === 2 ? 20_000 : 300);
          const scale = Math.max(1, Math.abs(brute.best), budget);
          expect(r.allocations.reduce((s, a) => s + a.optimal, 0)).toBe(budget);
          expect(r.allocations[0].optimal).toBeGreaterThanOrEqual(lo[0]);
          expect(brute.best - r.objective).toBeLessThanOrEqual(r.gapBound + 1e-9 * scale);
          // The bound is useful, not vacuous: no more than one channel's whole spend-driven value
          // (Shapley–Folkman: the envelope optimum is off f on at most one channel).
          expect(r.gapBound).toBeLessThanOrEqual(Math.max(...ms.map((m) => m.cSum)) + 1e-9 * scale);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('handles a mix of S-shaped and concave channels on a synthetic plan', () => {
    const plan = generateSyntheticPlan({ channels: 30, periods: 24, seed: 11 });
    const ms = models(plan);
    const budget = ms.reduce((s, m) => s + m.today, 0);
    const r = ok(optimiseBudget(plan, maxSpec(budget, ms.map((m) => ({ channelId: m.channelId, min: Math.round(m.today / 2), max: m.today * 2 })))));
    // Few S-shaped channels among the 30: searched exactly (sShapedExact.ts), no gap left.
    expect(r.method).toBe('exactSearch');
    expect(r.allocations.reduce((s, a) => s + a.optimal, 0)).toBe(budget);
    expect(r.objective).toBeGreaterThanOrEqual(r.objectiveToday);
    expect(r.gapBound).toBeLessThanOrEqual(1e-4 * Math.abs(r.objective));
  });
});

describe('optimiser: degenerate curves', () => {
  const cases: [string, Channel][] = [
    ['no curve', simpleChannel('x', { spend: { base: 1_000_000 } }, { type: 'none', max: 0, halfSat: 0, shape: 1 })],
    ['a zero maximum', hillChannel('x', 1_000_000, 0, 1_000_000, 1)],
    ['half-saturation 0 (a step at zero spend)', hillChannel('x', 1_000_000, 20_000, 0, 1)],
    ['a negative margin per visit', hillChannel('x', 1_000_000, 20_000, 1_000_000, 0.7, { grossMargin: { base: 0.02 }, variableCostRate: { base: 0.1 } })],
  ];
  for (const [name, odd] of cases) {
    it(`copes with ${name}, within gapBound of brute force`, () => {
      const plan = simplePlan([odd, hillChannel('y', 2_000_000, 50_000, 2_000_000, 0.8)]);
      const ms = models(plan);
      for (const budget of [0, 1, 5_000_000, 36_000_000]) {
        const r = ok(optimiseBudget(plan, maxSpec(budget)));
        expect(r.allocations[0].optimal + r.allocations[1].optimal).toBe(budget);
        expect(Number.isFinite(r.gapBound)).toBe(true);
        const brute = bruteForce(ms, budget, [0, 0], [Infinity, Infinity], 20_000);
        // Brute force also tries the whole-unit points next to zero, where a step pays off.
        const nearZero = Math.max(...[0, 1, 2].filter((x) => x <= budget).map((x) => channelValue(ms[0], x) + channelValue(ms[1], budget - x)));
        const best = Math.max(brute.best, nearZero);
        expect(best - r.objective).toBeLessThanOrEqual(r.gapBound + 1e-9 * Math.max(1, Math.abs(best), budget));
      }
    });
  }
});

describe('optimiser: least spend for a target', () => {
  it('returns a budget that reaches the target where one unit less does not', () => {
    for (const objective of ['contribution', 'netRevenue'] as const) {
      const plan = concaveSynthetic(6, 21);
      const ms = models(plan, objective);
      const today = ms.reduce((s, m) => s + m.today, 0);
      const target = ok(optimiseBudget(plan, maxSpec(Math.round(today * 0.8), [], objective))).objective;
      const r = ok(optimiseBudget(plan, { mode: 'minSpend', objective, target, scenarioId: null, bounds: [] }));
      expect(r.objective).toBeGreaterThanOrEqual(target);
      expect(Math.abs(r.totalSpend - today * 0.8)).toBeLessThanOrEqual(2);
      const less = ok(optimiseBudget(plan, maxSpec(r.totalSpend - 1, [], objective)));
      expect(less.objective).toBeLessThan(target);
    }
  });

  it('works with S-shaped curves', () => {
    // Contribution rises with the budget up to ~3× today's; the S-curve channel switches on near 0.5×.
    const plan = simplePlan([hillChannel('a', 1_000_000, 200_000, 3_000_000, 3), hillChannel('b', 2_000_000, 60_000, 3_000_000, 1)]);
    const today = models(plan).reduce((s, m) => s + m.today, 0);
    const target = ok(optimiseBudget(plan, maxSpec(today * 1.5))).objective;
    const r = ok(optimiseBudget(plan, { mode: 'minSpend', objective: 'contribution', target, scenarioId: null, bounds: [] }));
    expect(r.method).toBe('exactSearch');
    expect(r.objective).toBeGreaterThanOrEqual(target);
    expect(r.totalSpend).toBeLessThanOrEqual(today * 1.5);
    expect(r.totalSpend).toBeGreaterThan(today * 1.49);
    expect(ok(optimiseBudget(plan, maxSpec(Math.round(r.totalSpend * 0.999)))).objective).toBeLessThan(target);
  });

  it('says when even the largest budget cannot reach the target, with the best achievable', () => {
    const plan = concaveSynthetic(4, 3);
    const r = optimiseBudget(plan, { mode: 'minSpend', objective: 'netRevenue', target: 1e15, scenarioId: null, bounds: [] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBe('unreachable');
    if (r.problem.code !== 'opt.unreachable') throw new Error(r.problem.code);
    const today = models(plan).reduce((s, m) => s + m.today, 0);
    expect(r.problem.params.target).toBe(1e15);
    expect(r.problem.params.budget).toBe(Math.round(10 * today));
    expect(r.problem.params.best).toBeCloseTo(ok(optimiseBudget(plan, maxSpec(Math.round(10 * today), [], 'netRevenue'))).objective, 0);
    // With bounds the largest budget is Σ max.
    const bounded = optimiseBudget(plan, { mode: 'minSpend', objective: 'contribution', target: 1e15, scenarioId: null, bounds: plan.channels.map((c) => ({ channelId: c.id, max: 1e8 })) });
    expect(bounded).toMatchObject({ ok: false, error: 'unreachable' });
    if (!bounded.ok && bounded.problem.code === 'opt.unreachable') expect(bounded.problem.params.budget).toBeLessThanOrEqual(4e8);
    else throw new Error('expected opt.unreachable');
  });
});

describe('optimiser: efficient frontier', () => {
  it('is non-decreasing for concave curves (net revenue; contribution while λ > 0) and concave', () => {
    const plan = concaveSynthetic(10, 8, 24);
    for (const objective of ['netRevenue', 'contribution'] as const) {
      const f = efficientFrontier(plan, { objective, scenarioId: null, bounds: [] });
      // 21 evenly spaced budgets, plus today's and the best budget when they are not among them.
      expect(f.budgets.length).toBeGreaterThanOrEqual(21);
      expect(f.budgets.length).toBeLessThanOrEqual(23);
      expect(f.budgets).toContain(f.todayBudget);
      expect(f.skipped).toEqual([]);
      expect(f.todayBudget).toBe(models(plan).reduce((s, m) => s + m.today, 0));
      for (let k = 1; k < f.objectives.length; k++) {
        const top = ok(optimiseBudget(plan, maxSpec(f.budgets[k], [], objective)));
        if (top.lambda > 0) expect(f.objectives[k]).toBeGreaterThanOrEqual(f.objectives[k - 1] - 1e-9 * Math.abs(f.objectives[k]));
        if (k >= 2) {
          // Concave: slopes between neighbours fall (budgets are not evenly spaced once today's and
          // the best budget are added).
          const slope = (i: number): number => (f.objectives[i] - f.objectives[i - 1]) / (f.budgets[i] - f.budgets[i - 1]);
          expect(slope(k)).toBeLessThanOrEqual(slope(k - 1) + 1e-7 * Math.abs(f.objectives[k]) / (f.budgets[k] - f.budgets[k - 1]));
        }
      }
      // Today's allocation of today's budget is on or below the frontier.
      const mid = f.budgets.indexOf(f.todayBudget);
      if (mid >= 0) expect(f.objectives[mid]).toBeGreaterThanOrEqual(f.todayObjective);
    }
  });

  it('skips and reports budgets the bounds make infeasible', () => {
    const plan = concaveSynthetic(4, 8);
    const ms = models(plan);
    const today = ms.reduce((s, m) => s + m.today, 0);
    const bounds = ms.map((m) => ({ channelId: m.channelId, min: Math.round(m.today * 0.8), max: Math.round(m.today * 1.2) }));
    const f = efficientFrontier(plan, { objective: 'contribution', scenarioId: null, bounds, points: 11 });
    expect(f.budgets.length + f.skipped.length).toBeGreaterThanOrEqual(11);
    expect(f.budgets.length + f.skipped.length).toBeLessThanOrEqual(13);
    expect(f.skipped.length).toBeGreaterThan(0);
    for (const b of f.budgets) {
      expect(b).toBeGreaterThanOrEqual(today * 0.8 - 4);
      expect(b).toBeLessThanOrEqual(today * 1.2 + 4);
    }
    for (const s of f.skipped) expect(['opt.minsAboveBudget', 'opt.maxesBelowBudget']).toContain(s.problem.code);
  });
});

describe('optimiser: monthly breakdown and scenarios', () => {
  it('sums exactly to the channel total and follows its spend pattern', () => {
    const plan = generateSyntheticPlan({ channels: 6, periods: 36, seed: 4, withOverrides: true });
    const ms = models(plan);
    const r = ok(optimiseBudget(plan, maxSpec(Math.round(ms.reduce((s, m) => s + m.today, 0) * 1.3) + 7)));
    r.allocations.forEach((a, c) => {
      expect(a.monthly).toHaveLength(36);
      expect(a.monthly.reduce((s, v) => s + v, 0)).toBe(a.optimal);
      a.monthly.forEach((v, t) => {
        expect(Number.isInteger(v)).toBe(true);
        expect(Math.abs(v - a.optimal * ms[c].pattern[t])).toBeLessThan(1);
      });
    });
  });

  it('spreads a channel with no spend today by its spend seasonality, or evenly', () => {
    const season = [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    const plan = simplePlan([
      hillChannel('a', 0, 50_000, 2_000_000, 1, { spend: { base: 0, seasonality: season } }),
      hillChannel('b', 0, 50_000, 2_000_000, 1),
    ]);
    const r = ok(optimiseBudget(plan, maxSpec(2_600_003)));
    const [a, b] = r.allocations;
    expect(a.today).toBe(0);
    expect(a.monthly[0] / a.monthly[1]).toBeCloseTo(2, 4);
    expect(Math.max(...b.monthly) - Math.min(...b.monthly)).toBeLessThanOrEqual(1);
    expect(a.optimal + b.optimal).toBe(2_600_003);
  });

  it('turns an answer into scenario adjustments that reproduce it', () => {
    const plan = concaveSynthetic(6, 13, 24);
    plan.channels.push(hillChannel('fresh', 0, 80_000, 3_000_000, 0.8));
    plan.channels[plan.channels.length - 1].drivers.spend = { base: 0, seasonality: [1, 1, 1, 1, 1, 1, 3, 1, 1, 1, 1, 1] };
    plan.timeline = { start: '2027-01', periods: 24 };
    const ms = models(plan);
    const budget = ms.reduce((s, m) => s + m.today, 0);
    const r = ok(optimiseBudget(plan, maxSpec(budget, [{ channelId: ms[0].channelId, frozen: true }])));
    let n = 0;
    const adjustments = applyAllocationAsAdjustments(plan, r, () => `opt-${n++}`);
    expect(adjustments.some((a) => a.target.kind === 'channels' && a.target.ids[0] === ms[0].channelId)).toBe(false);
    const fresh = adjustments.filter((a) => a.target.kind === 'channels' && a.target.ids[0] === 'fresh');
    expect(fresh.every((a) => a.op.kind === 'set')).toBe(true);
    expect(new Set(adjustments.map((a) => a.id)).size).toBe(adjustments.length);
    plan.scenarios = [{ id: 'opt', name: 'Optimised', parentId: null, notes: '', adjustments }];
    const res = computePlan(plan, 'opt');
    expect(res.adjustmentNotices).toEqual([]);
    r.allocations.forEach((a, c) => {
      let total = 0;
      for (let t = 0; t < res.periods; t++) {
        const v = res.drivers.spend[c * res.periods + t];
        total += v;
        if (a.today === 0) expect(v).toBe(a.monthly[t]);
      }
      // Scaling rounds each period to a minor unit.
      expect(Math.abs(total - a.optimal)).toBeLessThanOrEqual(res.periods / 2);
    });
    expect(applyAllocationAsAdjustments(plan, { ok: false, error: 'noChannels', problem: { code: 'opt.noChannels', params: {} } }, () => 'x')).toEqual([]);
  });

  it('optimises on top of a scenario', () => {
    const plan = concaveSynthetic(5, 17);
    plan.scenarios = [{ id: 's', name: 's', parentId: null, notes: '', adjustments: [
      { id: 'x', target: { kind: 'all' }, driver: 'spend', op: { kind: 'scale', percent: 50 }, enabled: true },
    ] }];
    const base = ms0(plan, null);
    const scen = ms0(plan, 's');
    const r = ok(optimiseBudget(plan, { ...maxSpec(scen), scenarioId: 's' }));
    expect(r.allocations.reduce((s, a) => s + a.today, 0)).toBe(scen);
    expect(scen).toBeGreaterThan(base * 1.49);
  });
});

function ms0(plan: Plan, scenarioId: string | null): number {
  return models(plan, 'contribution', scenarioId).reduce((s, m) => s + m.today, 0);
}
