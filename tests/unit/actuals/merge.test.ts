import { describe, expect, it } from 'vitest';
import { mergeActuals } from '../../../src/engine/actuals';
import type { Actuals, Plan } from '../../../src/engine/types';

const plan = { channels: [{ id: 'a' }, { id: 'b' }], regions: [{ id: 'west' }, { id: 'east' }] } as Pick<Plan, 'channels' | 'regions'>;
const source = (name: string) => ({ kind: 'table' as const, name, importedAt: 1 });
const history: Actuals = {
  start: '2026-10',
  months: 3,
  series: [
    { channelId: 'b', regionId: '', values: { netRevenue: [100, 110, 120], orders: [10, 11, 12] } },
    { channelId: 'a', regionId: 'east', values: { netRevenue: [50, null, 70] } },
  ],
  source: source('history.csv'),
  channelNames: [{ name: 'B 店', targetId: 'b' }],
  regionNames: [],
};

describe('adding a month of actuals to the ones the plan holds', () => {
  it('keeps the history, adds the new months, and replaces the months both cover', () => {
    const march: Actuals = {
      start: '2026-12',
      months: 2,
      series: [{ channelId: 'b', regionId: '', values: { netRevenue: [125, 130], spend: [5, 6] } }],
      source: source('2027-01.xlsx'),
      channelNames: [{ name: 'B 店', targetId: 'b' }],
      regionNames: [],
    };
    const merged = mergeActuals(history, march, plan);
    expect(merged.start).toBe('2026-10');
    expect(merged.months).toBe(4);
    expect(merged.source.name).toBe('2027-01.xlsx');
    expect(merged.series.map((s) => s.channelId)).toEqual(['a', 'b']);
    const b = merged.series[1].values;
    expect(b.netRevenue).toEqual([100, 110, 125, 130]);
    expect(b.orders).toEqual([10, 11, 12, null]);
    expect(b.spend).toEqual([null, null, 5, 6]);
    expect(merged.series[0].values.netRevenue).toEqual([50, null, 70, null]);
    // The inputs are left as they were (they may be the stored plan).
    expect(history.series[0].values.netRevenue).toEqual([100, 110, 120]);
  });

  it('series follow the plan: channels in order, the whole channel first, then regions in the plan’s order', () => {
    const regions: Actuals = {
      ...history,
      series: [
        { channelId: 'a', regionId: 'west', values: { netRevenue: [1, 2, 3] } },
        { channelId: 'a', regionId: '', values: { netRevenue: [4, 5, 6] } },
      ],
    };
    const merged = mergeActuals(history, regions, plan);
    expect(merged.series.map((s) => `${s.channelId}:${s.regionId}`)).toEqual(['a:', 'a:west', 'a:east', 'b:']);
  });

  it('a month the new data leaves empty keeps its old value; data older than the history extends it backwards', () => {
    const earlier: Actuals = { ...history, start: '2026-09', months: 2, series: [{ channelId: 'a', regionId: 'east', values: { netRevenue: [40, null] } }] };
    const merged = mergeActuals(history, earlier, plan);
    expect(merged.start).toBe('2026-09');
    expect(merged.months).toBe(4);
    expect(merged.series[0].values.netRevenue).toEqual([40, 50, null, 70]);
    expect(merged.series[1].values.netRevenue).toEqual([null, 100, 110, 120]);
  });
});
