import type { ColDef, ColGroupDef } from 'ag-grid-community';
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { applyOps } from '../../../src/engine/patch';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import { changedChannelColumns, channelColumns, channelRows, sameChannelRow, type ChannelRow } from '../../../src/ui/grid/channelColumns';
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

describe('the columns a changed channel row needs redrawn', () => {
  /** Every leaf column with the text it shows for a row: the value getter, then the formatter. */
  function shownCells(plan: ReturnType<typeof generateSyntheticPlan>, row: ChannelRow): Map<string, string> {
    const leaves = (defs: (ColDef<ChannelRow> | ColGroupDef<ChannelRow>)[]): ColDef<ChannelRow>[] => defs.flatMap((d) => ('children' in d ? leaves(d.children as ColDef<ChannelRow>[]) : [d]));
    const cols = leaves(channelColumns({ regions: plan.regions, money: { currency: plan.currency, locale: 'en' }, timeline: plan.timeline, showCannibalised: false, openSeasonEditor: () => {} }));
    const out = new Map<string, string>();
    for (const c of cols) {
      const params = { data: row, node: { data: row }, colDef: c } as never;
      const value = typeof c.valueGetter === 'function' ? c.valueGetter(params) : null;
      const text = typeof c.valueFormatter === 'function' ? c.valueFormatter({ ...(params as object), value } as never) : String(value);
      out.set(c.colId!, String(text));
    }
    return out;
  }

  it('names every column whose text a result changes, or all columns when the channel itself changed', () => {
    const plan = generateSyntheticPlan({ channels: 12, periods: 12, seed: 3 });
    const before = channelRows(plan, { plan, out: { result: computePlan(plan) } }).rows;
    const edited = applyOps(plan, [{ path: ['channels', 2, 'drivers', 'spend', 'base'], value: plan.channels[2].drivers.spend.base * 3 }]).result;
    // The edit alone: the edited channel's row is a new channel, everything in it may change.
    const waiting = channelRows(edited, { plan, out: { result: computePlan(plan) } }).rows;
    expect(changedChannelColumns(before[2], waiting[2])).toBeNull();
    expect(changedChannelColumns(before[5], waiting[5])).toEqual([]);
    // Its result: the other rows change in figures only, and every cell whose text changed is named.
    const fresh = channelRows(edited, { plan: edited, out: { result: computePlan(edited) } }).rows;
    let named = 0;
    for (let i = 0; i < fresh.length; i++) {
      if (i === 2) continue;
      const columns = changedChannelColumns(waiting[i], fresh[i]);
      expect(columns).not.toBeNull();
      const a = shownCells(plan, waiting[i]);
      const b = shownCells(edited, fresh[i]);
      const differing = [...a.keys()].filter((k) => a.get(k) !== b.get(k));
      for (const k of differing) expect(columns, `${fresh[i].name} ${k}`).toContain(k);
      named += differing.length;
      expect(columns).toContain('metric.revenueShare');
    }
    // Tripling a spend moves the other channels' shares of revenue by more than the shown digits.
    expect(named).toBeGreaterThan(5);
    // A customer value that changed names its two columns.
    expect(changedChannelColumns({ ...fresh[0], customerValue: null }, { ...fresh[0], customerValue: { ltvCac: 2 } as never })).toEqual(['cvalue.ltvCac', 'cvalue.payback']);
  });
});
