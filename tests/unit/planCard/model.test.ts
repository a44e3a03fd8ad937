import { describe, expect, it } from 'vitest';
import { channelMix, monthly, scenarioRows, totals, withSpendFactors } from '../../../src/card/model';
import { computePlan } from '../../../src/engine/compute';
import { rollup, rollupValue } from '../../../src/engine/rollup';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import { createPlanFromTemplate } from '../../../src/engine/templates';
import type { Plan } from '../../../src/engine/types';

const total = (plan: Plan, scenarioId: string | null, m: 'spend' | 'netRevenue' | 'contribution' | 'roi'): number | null =>
  rollupValue(rollup(plan, computePlan(plan, scenarioId), 'total', 'all'), m, 0, 0);

describe('plan card figures', () => {
  it('a spend slider gives the figures of a scenario that scales the same channel’s spend', () => {
    const plan = createPlanFromTemplate('beauty', { id: 'p', now: 0, locale: 'en' });
    const ch = plan.channels[1];
    const scenario: Plan = {
      ...plan,
      scenarios: [{ id: 's', name: 'S', parentId: null, notes: '', adjustments: [{ id: 'a', target: { kind: 'channels', ids: [ch.id] }, driver: 'spend', op: { kind: 'scale', percent: 35 }, enabled: true }] }],
    };
    const slid = withSpendFactors(plan, new Map([[ch.id, 1.35]]));
    // The scenario rounds each month's spend to a minor unit; the slider does not: equal within that.
    for (const m of ['spend', 'netRevenue', 'contribution', 'roi'] as const) {
      const want = total(scenario, 's', m)!;
      expect(Math.abs(total(slid, null, m)! - want)).toBeLessThanOrEqual(Math.abs(want) * 1e-7 + 12);
    }
    expect(total(slid, null, 'spend')).not.toBeCloseTo(total(plan, null, 'spend')!, 0);
    // The plan itself is not changed, and channels without a factor are shared, not copied.
    expect(slid.channels[0]).toBe(plan.channels[0]);
    expect(plan.channels[1].drivers.spend).toBe(ch.drivers.spend);
  });

  it('totals, months and mix add up to the engine’s roll-ups; scenarios are listed in plan order', () => {
    const plan = generateSyntheticPlan({ channels: 50, periods: 24, seed: 3, withOverrides: true });
    plan.scenarios = [
      { id: 'a', name: 'A', parentId: null, notes: '', adjustments: [{ id: 'x', target: { kind: 'all' }, driver: 'spend', op: { kind: 'scale', percent: -10 }, enabled: true }] },
      { id: 'b', name: 'B', parentId: 'a', notes: '', adjustments: [] },
    ];
    const res = computePlan(plan, null);
    const t = totals(plan, res);
    expect(t.netRevenue).toBe(total(plan, null, 'netRevenue'));
    const months = monthly(plan, res);
    expect(months.months).toHaveLength(24);
    expect(months.netRevenue.reduce((a, v) => a + v, 0)).toBeCloseTo(t.netRevenue!, 0);
    const mix = channelMix(plan, res, 8);
    expect(mix).toHaveLength(9);
    expect(mix[8].others).toBe(42);
    expect(mix.reduce((a, r) => a + r.spendShare, 0)).toBeCloseTo(1, 9);
    expect(mix.reduce((a, r) => a + r.revenueShare, 0)).toBeCloseTo(1, 9);
    const rows = scenarioRows(plan, 'Baseline');
    expect(rows.map((r) => r.name)).toEqual(['Baseline', 'A', 'B']);
    expect(rows[1].totals.spend! / rows[0].totals.spend!).toBeCloseTo(0.9, 6);
  });
});
