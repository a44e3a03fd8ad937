import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { LIVE_ROLLUPS, liveRollups, rollup, seedSharedRollups, sharedRollup } from '../../../src/engine/rollup';
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

  it('sums added up in the engine worker and sent to the page are what the page would add up itself', () => {
    const plan = generateSyntheticPlan({ channels: 12, periods: 36, seed: 5, withOverrides: true });
    const res = computePlan(plan);
    // As they arrive from the worker: a structured clone, without the result itself.
    const sent = structuredClone(liveRollups(plan, res));
    expect(sent.map((r) => [r.groupBy, r.granularity])).toEqual(LIVE_ROLLUPS.map((k) => [...k]));
    expect(sent.every((r) => r.cells === null)).toBe(true);
    seedSharedRollups(plan, res, sent);
    for (const [g, k] of LIVE_ROLLUPS) {
      const seeded = sharedRollup(plan, res, g, k);
      expect(sent.some((r) => r.flows === seeded.flows)).toBe(true);
      expect(seeded).toEqual(rollup(plan, res, g, k));
    }
    // The month-by-channel roll-up reads marginal ROI from the result it belongs to.
    expect(sharedRollup(plan, res, 'channel', 'month').cells).toBe(res);
  });
});
