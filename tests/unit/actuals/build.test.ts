import { describe, expect, it } from 'vitest';
import { buildActuals, checkRecords, summarise, type BuildInput } from '../../../src/engine/actuals/build';
import { matchNames } from '../../../src/engine/actuals/names';
import type { ActualRecord } from '../../../src/engine/actuals/records';
import { readMonthlyTable } from '../../../src/engine/actuals/table';
import { rowsOfText } from '../../../src/engine/actuals/tableRows';
import { validateActuals } from '../../../src/engine/actuals/validate';
import { createPlanFromTemplate } from '../../../src/engine/templates';
import type { Plan } from '../../../src/engine/types';

const rec = (row: number, channel: string, month: string, value: number, measure: ActualRecord['measure'] = 'netRevenue', region = ''): ActualRecord => ({ row, channel, region, month, measure, value });

function planWith(channels: string[], regions: string[] = []): Plan {
  const plan = createPlanFromTemplate('blank', { id: 'p', now: 0, locale: 'zh-CN' });
  const template = plan.channels[0];
  return {
    ...plan,
    channels: channels.map((name, i) => ({ ...template, id: `ch${i}`, name })),
    regions: regions.map((name, i) => ({ id: `r${i}`, name })),
  } as Plan;
}

function input(records: ActualRecord[], plan: Plan, decisions: Record<string, string | null> = {}): BuildInput {
  const s = summarise(records);
  const channels = matchNames(s.channels, plan.channels, []).map((m) => (m.name in decisions ? { ...m, targetId: decisions[m.name] } : m));
  return { records, plan, channels, regions: matchNames(s.regions, plan.regions, []), source: { kind: 'table', name: 'paste', importedAt: 1 } };
}

describe('buildActuals', () => {
  const plan = planWith(['直营门店', '天猫旗舰店']);

  it('builds column-oriented series from the first to the last month, gaps empty, names summed into their plan channel', () => {
    const records = [rec(2, '直營門店', '2026-01', 100), rec(2, '直營門店', '2026-03', 300), rec(3, '天猫', '2026-02', 50), rec(4, '天貓旗艦店', '2026-02', 7)];
    const r = buildActuals(input(records, plan, { 天猫: 'ch1' }));
    expect(r.actuals).toMatchObject({
      start: '2026-01',
      months: 3,
      series: [
        { channelId: 'ch0', regionId: '', values: { netRevenue: [100, null, 300] } },
        { channelId: 'ch1', regionId: '', values: { netRevenue: [null, 57, null] } },
      ],
    });
    expect(r.actuals!.channelNames).toEqual([
      { name: '直營門店', targetId: 'ch0' },
      { name: '天猫', targetId: 'ch1' },
      { name: '天貓旗艦店', targetId: 'ch1' },
    ]);
    expect(r.problems).toEqual([{ code: 'monthsMissing', severity: 'warning', params: { series: '直營門店', measure: 'netRevenue', months: '2026-02', count: 1 } }]);
    expect(validateActuals({ ...plan, actuals: r.actuals! })).toEqual({ errors: [], warnings: [] });
  });

  it('stops on an unmatched channel, naming it and its revenue; leaving it out is a warning with the same figure', () => {
    const records = [rec(2, '直营门店', '2026-01', 100), rec(3, '抖音', '2026-01', 4_000), rec(3, '抖音', '2026-02', 500)];
    const stopped = buildActuals(input(records, plan));
    expect(stopped.actuals).toBeNull();
    expect(stopped.problems).toEqual([{ code: 'channelUnmatched', severity: 'error', params: { name: '抖音', revenue: 4_500 } }]);
    const left = buildActuals(input(records, plan, { 抖音: '' }));
    expect(left.problems).toEqual([{ code: 'channelLeftOut', severity: 'warning', params: { name: '抖音', revenue: 4_500 } }]);
    expect(left.actuals!.series.map((s) => s.channelId)).toEqual(['ch0']);
    expect(left.actuals!.channelNames).toContainEqual({ name: '抖音', targetId: '' });
  });

  it('names duplicated rows and refuses them', () => {
    const records = [rec(2, '直营门店', '2026-01', 1), rec(2, '直营门店', '2026-02', 1), rec(5, '直营门店', '2026-01', 2), rec(5, '直营门店', '2026-02', 2)];
    const r = buildActuals(input(records, plan));
    expect(r.actuals).toBeNull();
    expect(r.problems).toEqual([{ code: 'duplicateRow', severity: 'error', params: { series: '直营门店', rows: '2, 5', months: '2026-01, 2026-02' } }]);
  });

  it('warns about a series of zeros and a month range that is a typo', () => {
    expect(checkRecords([rec(2, 'A', '2026-01', 0), rec(2, 'A', '2026-02', 0)])).toEqual([{ code: 'allZero', severity: 'warning', params: { series: 'A', measure: 'netRevenue', months: 2 } }]);
    expect(checkRecords([rec(2, 'A', '2026-01', 1), rec(3, 'A', '2062-01', 1)]).map((p) => p.code)).toContain('monthRangeTooLong');
  });

  it('maps regions to the plan’s, and adds them up when the plan has none', () => {
    const regional = planWith(['A'], ['华东', '华南']);
    const records = [rec(2, 'A', '2026-01', 10, 'orders', '華東'), rec(3, 'A', '2026-01', 5, 'orders', '华南')];
    const r = buildActuals(input(records, regional));
    expect(r.actuals!.series.map((s) => [s.regionId, s.values.orders])).toEqual([
      ['r0', [10]],
      ['r1', [5]],
    ]);
    const flat = buildActuals(input(records, planWith(['A'])));
    expect(flat.actuals!.series).toEqual([{ channelId: 'ch0', regionId: '', values: { orders: [15] } }]);
    expect(flat.problems.map((p) => p.code)).toEqual(['regionsSummed']);
  });

  it('reads a pasted Chinese wide table end to end', () => {
    const rows = rowsOfText('渠道\t2026年1月\t2026年2月\n直營門店\t20万\t¥1,200\nＴｍａｌｌ\t1.5万\t3000\n').rows;
    const p = planWith(['直营门店', 'Tmall']);
    const read = readMonthlyTable(rows, { moneyDigits: 2, currency: 'CNY' });
    const r = buildActuals(input(read.records, p));
    expect(r.problems).toEqual([]);
    expect(r.actuals!.series.map((s) => s.values.netRevenue)).toEqual([
      [20_000_000, 120_000],
      [1_500_000, 300_000],
    ]);
  });
});

describe('validateActuals', () => {
  it('reports bad months, wrong lengths, negative counts and removed channels', () => {
    const plan = planWith(['A']);
    const bad: Plan = {
      ...plan,
      actuals: {
        start: '2026-13',
        months: 2,
        series: [
          { channelId: 'ch0', regionId: '', values: { netRevenue: [1, 2, 3], orders: [-1, null], spend: [1.5, 0] } },
          { channelId: 'gone', regionId: '', values: {} },
        ],
        source: { kind: 'table', name: 'x', importedAt: 0 },
        channelNames: [],
        regionNames: [],
      },
    };
    const { errors, warnings } = validateActuals(bad);
    expect(errors.map((e) => [e.path.join('.'), e.code])).toEqual([
      ['actuals.start', 'invalidValue'],
      ['actuals.series.0.values.netRevenue', 'lengthMismatch'],
      ['actuals.series.0.values.orders.0', 'outOfRange'],
      ['actuals.series.0.values.spend.0', 'notInteger'],
    ]);
    expect(warnings.map((e) => [e.path.join('.'), e.code])).toEqual([['actuals.series.1.channelId', 'unknownRef']]);
  });
});

describe('regions added up into the whole channel', () => {
  it('takes a region mapped to the whole channel as region-less, adding regions up', async () => {
    const { WHOLE_CHANNEL } = await import('../../../src/engine/actuals/names');
    const plan = planWith(['A'], ['tier1']);
    const records = [rec(2, 'A', '2026-01', 10, 'netRevenue', '华东'), rec(3, 'A', '2026-01', 5, 'netRevenue', '华南'), rec(4, 'A', '2026-01', 1, 'netRevenue', 'tier1')];
    const base = input(records, plan);
    expect(base.regions.map((r) => r.targetId)).toEqual([null, null, 'r0']);
    const regions = base.regions.map((r) => (r.targetId === null ? { ...r, targetId: WHOLE_CHANNEL, by: 'user' as const } : r));
    const r = buildActuals({ ...base, regions });
    expect(r.problems).toEqual([]);
    expect(r.actuals!.series).toEqual([
      { channelId: 'ch0', regionId: '', values: { netRevenue: [15] } },
      { channelId: 'ch0', regionId: 'r0', values: { netRevenue: [1] } },
    ]);
  });
});

describe('completeMonths', () => {
  it('adds zeros for the months a series had no sales, within the data’s months, and names gaps once per series', async () => {
    const { completeMonths } = await import('../../../src/engine/actuals/completeMonths');
    const records = [rec(0, 'A', '2026-01', 5), rec(0, 'A', '2026-03', 7), rec(0, 'B', '2026-02', 1, 'orders')];
    const out = completeMonths(records);
    expect(out.filter((r) => r.channel === 'A').map((r) => [r.month, r.value]).sort()).toEqual([
      ['2026-01', 5],
      ['2026-02', 0],
      ['2026-03', 7],
    ]);
    expect(out.filter((r) => r.channel === 'B').map((r) => [r.month, r.value]).sort()).toEqual([
      ['2026-01', 0],
      ['2026-02', 1],
      ['2026-03', 0],
    ]);
    const gap = [rec(2, 'A', '2026-01', 1), rec(2, 'A', '2026-03', 1), rec(2, 'A', '2026-01', 2, 'orders'), rec(2, 'A', '2026-03', 2, 'orders')];
    expect(checkRecords(gap)).toEqual([{ code: 'monthsMissing', severity: 'warning', params: { series: 'A', measure: 'netRevenue,orders', months: '2026-02', count: 1 } }]);
  });
});
