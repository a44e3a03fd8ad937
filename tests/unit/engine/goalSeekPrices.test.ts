import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { goalSeek, goalSeekAdjustment, goalSeekPriceChange, type GoalSeekSpec } from '../../../src/engine/goalSeek';
import { rollup, rollupValue } from '../../../src/engine/rollup';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import type { Plan } from '../../../src/engine/types';

function total(plan: Plan, scenarioId: string | null, metric: 'contribution' | 'netRevenue'): number {
  return rollupValue(rollup(plan, computePlan(plan, scenarioId), 'total', 'all'), metric, 0, 0) as number;
}

/**
 * Money moves in minor units, cell by cell, so the metric is a step function of the percent: the
 * answer is within `slack` of the target, or the target lies inside the step at the answer (between
 * the values just below and just above it, which bisection cannot split further).
 */
function expectCrossing(at: (percent: number) => number, percent: number, target: number, slack: number): void {
  const here = at(percent);
  if (Math.abs(here - target) <= slack) return;
  const eps = 1e-9 * Math.max(1, Math.abs(percent));
  const around = [at(percent - eps), here, at(percent + eps)];
  expect(target).toBeGreaterThanOrEqual(Math.min(...around) - slack);
  expect(target).toBeLessThanOrEqual(Math.max(...around) + slack);
}

const planArb = fc.record({ seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }), eps: fc.double({ min: -3, max: -0.2, noNaN: true }), base: fc.double({ min: 0.8, max: 1.2, noNaN: true }) }).map(({ seed, eps, base }) => {
  const plan = generateSyntheticPlan({ channels: 4, periods: 12, seed });
  plan.prices = { elasticity: eps, actsOn: 'conversion', channels: [{ channelId: plan.channels[0].id, index: { base } }] };
  return plan;
});

describe('goal seek on a plan with prices', () => {
  it('finds a spend answer that, applied as an adjustment, gives the target through computePlan', () => {
    fc.assert(
      fc.property(planArb, fc.double({ min: -15, max: 40, noNaN: true }), (plan, pct) => {
        const spec: GoalSeekSpec = { scenarioId: null, metric: 'netRevenue', target: 0, variable: { kind: 'totalBudget' }, minPercent: -20, maxPercent: 50 };
        const adj = goalSeekAdjustment(spec, pct, 'g');
        const target = total({ ...plan, scenarios: [{ id: 's', name: 's', parentId: null, notes: '', adjustments: [adj] }] }, 's', 'netRevenue');
        const r = goalSeek(plan, { ...spec, target });
        expect(r.status).toBe('reached');
        if (r.status !== 'reached') return;
        const applied = (percent: number): Plan => ({ ...plan, scenarios: [{ id: 's', name: 's', parentId: null, notes: '', adjustments: [goalSeekAdjustment(spec, percent, 'g')] }] });
        expect(total(applied(r.percent), 's', 'netRevenue')).toBe(r.achieved);
        expectCrossing((p) => total(applied(p), 's', 'netRevenue'), r.percent, target, 4 * 48);
      }),
      { numRuns: 60 },
    );
  });

  it('solves for a channel’s price: the answer, applied as a scenario price change, gives the target', () => {
    fc.assert(
      fc.property(planArb, fc.double({ min: -15, max: 25, noNaN: true }), (plan, pct) => {
        const spec = { scenarioId: null, metric: 'netRevenue' as const, target: 0, variable: { kind: 'price' as const, channelId: plan.channels[0].id }, minPercent: -20, maxPercent: 30 };
        const withChange = (percent: number): Plan => ({ ...plan, scenarios: [{ id: 's', name: 's', parentId: null, notes: '', adjustments: [], priceChanges: [goalSeekPriceChange(spec, percent, 'p')] }] });
        const target = total(withChange(pct), 's', 'netRevenue');
        const r = goalSeek(plan, { ...spec, target });
        // The target was made at pct, inside the bounds: it is reachable.
        if (r.status !== 'reached') throw new Error(`not reached: ${JSON.stringify(r)}`);
        expect(total(withChange(r.percent), 's', 'netRevenue')).toBe(r.achieved);
        expectCrossing((p) => total(withChange(p), 's', 'netRevenue'), r.percent, target, 4 * 12);
      }),
      { numRuns: 60 },
    );
    expect(() => goalSeekAdjustment({ scenarioId: null, metric: 'netRevenue', target: 0, variable: { kind: 'price', channelId: 'x' }, minPercent: 0, maxPercent: 1 }, 1, 'a')).toThrow(RangeError);
  });
});
