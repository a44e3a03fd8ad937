import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { rollup, sharedRollup } from '../../../src/engine/rollup';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';

describe('sharedRollup', () => {
  it('adds up a result once per grouping and gives exactly what rollup gives', () => {
    const plan = generateSyntheticPlan({ channels: 8, periods: 24, seed: 2, withOverrides: true });
    const res = computePlan(plan);
    for (const [g, k] of [['channel', 'all'], ['total', 'all'], ['channel', 'month'], ['channel', 'quarter'], ['total', 'year']] as const) {
      const once = sharedRollup(plan, res, g, k);
      expect(sharedRollup(plan, res, g, k)).toBe(once);
      expect(once).toEqual(rollup(plan, res, g, k));
    }
    // Another result (or another plan) is added up afresh.
    const other = computePlan(plan);
    expect(sharedRollup(plan, other, 'total', 'all')).not.toBe(sharedRollup(plan, res, 'total', 'all'));
    expect(sharedRollup({ ...plan }, res, 'total', 'all')).not.toBe(sharedRollup(plan, res, 'total', 'all'));
  });
});
