import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { goalSeek, goalSeekAdjustment, type GoalSeekSpec } from '../../../src/engine/goalSeek';
import { rollup, rollupValue } from '../../../src/engine/rollup';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import type { Plan, Scenario } from '../../../src/engine/types';
import { engineApi } from '../../../src/workers/engineApi';
import { simpleChannel, simplePlan } from './planFixtures';

/**
 * Two channels with large money figures: a money driver moves in whole minor units, so a percent is
 * only as precise as 1 / (the driver's value); at ¥10m a month that is 1e-7 %.
 */
function bigPlan(): Plan {
  return simplePlan([
    simpleChannel('a', { spend: { base: 1_000_000_000 }, aov: { base: 20_000 } }, { type: 'hill', max: 1_000_000, halfSat: 1_000_000_000, shape: 1 }),
    simpleChannel('b', { spend: { base: 2_500_000_000 }, baseTraffic: { base: 50_000 } }, { type: 'hill', max: 600_000, halfSat: 3_000_000_000, shape: 1.8 }),
  ]);
}

/** A whole-plan metric with the goal-seek adjustment applied, computed the ordinary way. */
function valueAt(plan: Plan, spec: GoalSeekSpec, percent: number): number | null {
  const q = structuredClone(plan);
  const own: Scenario = { id: '__gs', name: 'gs', parentId: spec.scenarioId, notes: '', adjustments: [goalSeekAdjustment(spec, percent, 'x')] };
  q.scenarios = [...(q.scenarios ?? []), own];
  return rollupValue(rollup(q, computePlan(q, '__gs'), 'total', 'all'), spec.metric, 0, 0);
}

function spec(extra: Partial<GoalSeekSpec>): GoalSeekSpec {
  return { scenarioId: null, metric: 'netRevenue', target: 0, variable: { kind: 'totalBudget' }, minPercent: -37, maxPercent: 113, ...extra };
}

describe('goal seek: reachable targets', () => {
  // Flows: the percent comes back to 1e-6. Ratios near 1 meet the target to 1e-9 absolute, which
  // pins the percent only to 1e-9 / slope, so for them the check is that bound.
  const cases: [string, Partial<GoalSeekSpec>, boolean][] = [
    ['net revenue by total budget', { metric: 'netRevenue' }, true],
    ['contribution by total budget', { metric: 'contribution' }, true],
    ['orders by one channel’s conversion', { metric: 'orders', variable: { kind: 'driver', channelId: 'b', driver: 'conversion' } }, true],
    ['ROI (a ratio) by total budget', { metric: 'roi' }, false],
    ['ROAS by one channel’s spend', { metric: 'roas', variable: { kind: 'driver', channelId: 'b', driver: 'spend' } }, false],
  ];
  for (const [name, s, isFlow] of cases) {
    it(`recovers a known percent: ${name}`, () => {
      const plan = bigPlan();
      for (const known of [25, -12.3]) {
        const sp = spec(s);
        sp.target = valueAt(plan, sp, known) as number;
        const r = goalSeek(plan, sp);
        expect(r.status).toBe('reached');
        if (r.status !== 'reached') return;
        const tol = 1e-9 * Math.max(1, Math.abs(sp.target));
        const slope = ((valueAt(plan, sp, known + 0.01) as number) - (valueAt(plan, sp, known - 0.01) as number)) / 0.02;
        expect(Math.abs(r.percent - known)).toBeLessThan(isFlow ? 1e-6 : Math.max(1e-6, (2 * tol) / Math.abs(slope)));
        expect(Math.abs(r.achieved - sp.target)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(sp.target)));
        expect(r.evaluations).toBeLessThanOrEqual(42 + 60);
      }
    });
  }

  it('says what the answer spends and earns: the plan computed the ordinary way before and at it', () => {
    const plan = bigPlan();
    const sp = spec({ metric: 'netRevenue' });
    // A revenue target that takes far more spend than it earns back: contribution falls.
    sp.target = valueAt(plan, sp, 100) as number;
    const r = goalSeek(plan, sp);
    if (r.status !== 'reached') throw new Error('not reached');
    const at = (metric: 'spend' | 'contribution', percent: number) => valueAt(plan, { ...sp, metric }, percent) as number;
    expect(r.effects.spend.before).toBe(at('spend', 0));
    expect(r.effects.spend.after).toBeCloseTo(at('spend', r.percent), 0);
    expect(r.effects.spend.after / r.effects.spend.before).toBeCloseTo(2, 5);
    expect(r.effects.contribution.before).toBe(at('contribution', 0));
    expect(r.effects.contribution.after).toBeCloseTo(at('contribution', r.percent), 0);
    expect(r.effects.contribution.after).toBeLessThan(r.effects.contribution.before);
  });

  it('is exact at 0 % when the plan already meets the target', () => {
    const plan = bigPlan();
    const r = goalSeek(plan, spec({ target: valueAt(plan, spec({}), 0) as number }));
    expect(r).toMatchObject({ status: 'reached', percent: 0 });
  });

  it('hits the target whatever the plan and the percent, for monotone metrics (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.double({ min: -30, max: 90, noNaN: true }),
        fc.constantFrom('netRevenue', 'orders', 'grossRevenue' as const),
        (seed, known, metric) => {
          const plan = generateSyntheticPlan({ channels: 4, periods: 12, seed });
          const sp = spec({ metric, minPercent: -40, maxPercent: 100 });
          sp.target = valueAt(plan, sp, known) as number;
          const r = goalSeek(plan, sp);
          expect(r.status).toBe('reached');
          if (r.status === 'reached') {
            expect(Math.abs(r.achieved - sp.target)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(sp.target)));
            // What the answer's adjustment gives is what goal seek said it would.
            expect(valueAt(plan, sp, r.percent)).toBe(r.achieved);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('of two answers returns the one nearest 0 %', () => {
    // Contribution rises with spend until marginal ROI is 0, then falls: the peak is where
    // max·h/(h+S)² · 129.6 = 1 → h + S = 3.6e6 → S = 2.6e6, i.e. +160 %.
    const plan = simplePlan([simpleChannel('a', {}, { type: 'hill', max: 100_000, halfSat: 1_000_000, shape: 1 })]);
    const sp = spec({ metric: 'contribution', minPercent: -90, maxPercent: 400 });
    sp.target = valueAt(plan, sp, 100) as number;
    expect(valueAt(plan, sp, 400) as number).toBeLessThan(sp.target); // a second answer above the peak
    const r = goalSeek(plan, sp);
    expect(r.status).toBe('reached');
    if (r.status === 'reached') expect(r.percent).toBeCloseTo(100, 3);
    // Search only above the peak, and the other answer is found.
    const high = goalSeek(plan, { ...sp, minPercent: 170 });
    expect(high.status).toBe('reached');
    if (high.status === 'reached') expect(high.percent).toBeGreaterThan(170);
  });

  it('skips percents where the metric is undefined', () => {
    // ROAS is undefined at −100 % (no spend at all).
    const plan = bigPlan();
    const sp = spec({ metric: 'roas', minPercent: -100, maxPercent: 50 });
    expect(valueAt(plan, sp, -100)).toBeNull();
    sp.target = valueAt(plan, sp, 20) as number;
    const r = goalSeek(plan, sp);
    expect(r.status).toBe('reached');
    if (r.status === 'reached') expect(r.percent).toBeCloseTo(20, 6);
  });

  it('works on top of a scenario, and its adjustment reproduces the answer there', () => {
    const plan = bigPlan();
    plan.scenarios = [{ id: 's', name: 's', parentId: null, notes: '', adjustments: [
      { id: 'x', target: { kind: 'all' }, driver: 'aov', op: { kind: 'scale', percent: 50 }, enabled: true },
    ] }];
    const sp = spec({ scenarioId: 's', metric: 'grossProfit' });
    sp.target = valueAt(plan, spec({ metric: 'grossProfit' }), 60) as number; // the baseline's figure at +60 %
    const r = goalSeek(plan, sp);
    expect(r.status).toBe('reached');
    if (r.status !== 'reached') return;
    expect(r.percent).toBeLessThan(60); // higher prices in the scenario need less budget
    plan.scenarios[0].adjustments.push(goalSeekAdjustment(sp, r.percent, 'goal'));
    const got = rollupValue(rollup(plan, computePlan(plan, 's'), 'total', 'all'), 'grossProfit', 0, 0);
    expect(got).toBe(r.achieved);
    expect(engineApi.goalSeek(plan, { ...sp, scenarioId: null })).toMatchObject({ status: 'reached' });
  });
});

describe('goal seek: unreachable targets', () => {
  it('reports the bound nearest a target above a rising curve', () => {
    const plan = bigPlan();
    const sp = spec({ metric: 'netRevenue' });
    const top = valueAt(plan, sp, 113) as number;
    const r = goalSeek(plan, { ...sp, target: top * 10 });
    expect(r).toMatchObject({ status: 'unreachable', closestPercent: 113, closestAchieved: top });
  });

  it('reports the peak for a target above a curve that rises and falls', () => {
    const plan = simplePlan([simpleChannel('a', {}, { type: 'hill', max: 100_000, halfSat: 1_000_000, shape: 1 })]);
    const sp = spec({ metric: 'contribution', minPercent: -90, maxPercent: 400 });
    const r = goalSeek(plan, { ...sp, target: 1e12 });
    expect(r.status).toBe('unreachable');
    if (r.status !== 'unreachable') return;
    expect(r.closestPercent).toBeGreaterThan(159);
    expect(r.closestPercent).toBeLessThan(161);
    for (let p = -90; p <= 400; p += 2.5) expect(valueAt(plan, sp, p) as number).toBeLessThanOrEqual(r.closestAchieved);
  });

  it('reports a flat metric (a driver with no effect) with its constant value', () => {
    const plan = bigPlan();
    const sp = spec({ metric: 'netRevenue', variable: { kind: 'driver', channelId: 'a', driver: 'fixedCost' } });
    const now = valueAt(plan, sp, 0) as number;
    expect(goalSeek(plan, { ...sp, target: now + 1000 })).toMatchObject({ status: 'unreachable', closestPercent: 0, closestAchieved: now, evaluations: 42 });
    expect(goalSeek(plan, { ...sp, target: now })).toMatchObject({ status: 'reached', percent: 0, achieved: now });
  });

  it('says NaN when the metric is undefined everywhere', () => {
    const plan = simplePlan([simpleChannel('a', { spend: { base: 0 }, fixedCost: { base: 0 } })]);
    const r = goalSeek(plan, spec({ metric: 'roi', target: 1 }));
    expect(r.status).toBe('unreachable');
    if (r.status === 'unreachable') {
      expect(r.closestAchieved).toBeNaN();
      expect(r.closestPercent).toBe(0);
    }
  });

  it('refuses bounds in the wrong order, a non-finite target and an unknown channel', () => {
    const plan = bigPlan();
    expect(() => goalSeek(plan, spec({ minPercent: 10, maxPercent: -10 }))).toThrow(RangeError);
    expect(() => goalSeek(plan, spec({ target: Number.NaN }))).toThrow(RangeError);
    expect(() => goalSeek(plan, spec({ variable: { kind: 'driver', channelId: 'zz', driver: 'aov' } }))).toThrow(RangeError);
  });
});

describe('goal-seek adjustment', () => {
  it('scales the driver of one channel, or every channel’s spend, over the whole timeline', () => {
    expect(goalSeekAdjustment(spec({ variable: { kind: 'driver', channelId: 'a', driver: 'aov' } }), 12.5, 'g1')).toEqual({
      id: 'g1', target: { kind: 'channels', ids: ['a'] }, driver: 'aov', op: { kind: 'scale', percent: 12.5 }, enabled: true,
    });
    expect(goalSeekAdjustment(spec({}), -5, 'g2')).toEqual({
      id: 'g2', target: { kind: 'all' }, driver: 'spend', op: { kind: 'scale', percent: -5 }, enabled: true,
    });
  });
});
