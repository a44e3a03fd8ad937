import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { applyOps } from '../../../src/engine/patch';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import { channelRows, sameChannelRow } from '../../../src/ui/grid/channelColumns';
import { shallowEqual, stableRows } from '../../../src/ui/grid/stableRows';

describe('grid rows keep their identity while unchanged', () => {
  it('an edit to one channel hands the grid a new object only for that row until the result comes', () => {
    const plan = generateSyntheticPlan({ channels: 12, periods: 12, seed: 3 });
    const computed = { plan, out: { result: computePlan(plan) } };
    const before = channelRows(plan, computed);
    const edited = applyOps(plan, [{ path: ['channels', 2, 'drivers', 'spend', 'base'], value: plan.channels[2].drivers.spend.base + 1000 }]).result;
    // The plan changed, the worker has not answered yet: the rows follow the plan, metrics stay.
    const waiting = channelRows(edited, computed);
    const kept = stableRows(before.rows, waiting.rows, sameChannelRow);
    expect(kept.map((r) => ({ ...r }))).toEqual(waiting.rows.map((r) => ({ ...r })));
    expect(kept.filter((r, i) => r !== before.rows[i]).map((r) => r.id)).toEqual([plan.channels[2].id]);
    // The new result changes every row's share of revenue: every row is new, with the fresh figures.
    const fresh = channelRows(edited, { plan: edited, out: { result: computePlan(edited) } });
    const after = stableRows(kept, fresh.rows, sameChannelRow);
    expect(after.map((r) => ({ ...r }))).toEqual(fresh.rows.map((r) => ({ ...r })));
  });

  it('the same rows again are the same array; a removed or added row is not kept', () => {
    const a = [{ id: 'a', v: 1 }, { id: 'b', v: 2 }];
    const same = stableRows(a, [{ id: 'a', v: 1 }, { id: 'b', v: 2 }], shallowEqual);
    expect(same).toBe(a);
    const next = stableRows(a, [{ id: 'b', v: 2 }, { id: 'c', v: 3 }], shallowEqual);
    expect(next[0]).toBe(a[1]);
    expect(next[1]).toEqual({ id: 'c', v: 3 });
    expect(stableRows(a, [{ id: 'a', v: 5 }], shallowEqual)[0]).toEqual({ id: 'a', v: 5 });
  });

  it('shallowEqual compares own values, NaN included', () => {
    expect(shallowEqual({ x: NaN, y: null }, { x: NaN, y: null })).toBe(true);
    expect(shallowEqual({ x: 1 }, { x: 1, y: undefined })).toBe(false);
    expect(shallowEqual({ x: 1, z: undefined }, { x: 1, y: undefined })).toBe(false);
    expect(shallowEqual(null, null)).toBe(true);
    expect(shallowEqual({}, null)).toBe(false);
  });
});
