import { describe, expect, it } from 'vitest';
import { readMonthlyTable, type TableOptions } from '../../../src/engine/actuals/table';
import { rowsOfText } from '../../../src/engine/actuals/tableRows';

const CNY: TableOptions = { moneyDigits: 2, currency: 'CNY' };
const read = (text: string, options: Partial<TableOptions> = {}) => readMonthlyTable(rowsOfText(text).rows, { ...CNY, ...options });
const codes = (r: ReturnType<typeof read>) => r.problems.map((p) => p.code);

describe('readMonthlyTable, wide (finance) shape', () => {
  const text = ['2026年渠道销售月报', '渠道\t2026年1月\t2026年2月\t2026年3月', '天貓旗艦店\t20万\t¥1,200\t3.5万', '直营门店\t100000\t\t-', '合计\t300000\t1200\t35000'].join('\n');

  it('finds the header under a title, reads 万 and ¥ values in minor units, skips the total row', () => {
    const r = read(text);
    expect(r.shape).toBe('wide');
    expect(r.headerRow).toBe(2);
    expect(r.wideMeasure).toBe('netRevenue');
    expect(r.totalRows).toEqual([5]);
    expect(r.problems).toEqual([]);
    expect(r.records.map((x) => [x.row, x.channel, x.month, x.value])).toEqual([
      [3, '天貓旗艦店', '2026-01', 20_000_000],
      [3, '天貓旗艦店', '2026-02', 120_000],
      [3, '天貓旗艦店', '2026-03', 3_500_000],
      [4, '直营门店', '2026-01', 10_000_000],
    ]);
  });

  it('takes the measure of each row from a measure column', () => {
    const r = read('通路,指標,Jan 2026,Feb 2026\n直營門市,營收,1000,2000\n直營門市,訂單數,10,20\n');
    expect(r.records.map((x) => [x.measure, x.month, x.value])).toEqual([
      ['netRevenue', '2026-01', 100_000],
      ['netRevenue', '2026-02', 200_000],
      ['orders', '2026-01', 10],
      ['orders', '2026-02', 20],
    ]);
  });

  it('reads a header unit: 万元 scales plain values, not values with their own 万', () => {
    const r = read('渠道\t区域\t月份\t销售额（万元）\t订单数\nA\t华东\t2026-01\t12.5\t3\nA\t华东\t2026-02\t1万\t4\n');
    expect(r.shape).toBe('long');
    expect(r.records.filter((x) => x.measure === 'netRevenue').map((x) => x.value)).toEqual([12_500_000, 1_000_000]);
  });
});

describe('readMonthlyTable, long shape', () => {
  it('reads channel, region, month and several measures, English headers', () => {
    const r = read('Channel,Region,Month,Net revenue,Orders,Customers,Units,Spend\nTmall,East,2026-01,"1,200.50",12,10,30,500\n');
    expect(r.shape).toBe('long');
    expect(r.records.map((x) => [x.measure, x.value])).toEqual([
      ['netRevenue', 120_050],
      ['orders', 12],
      ['customers', 10],
      ['units', 30],
      ['spend', 50_000],
    ]);
    expect(r.records[0]).toMatchObject({ channel: 'Tmall', region: 'East', month: '2026-01', row: 2 });
  });

  it('can be read as another shape when the user corrects the detection', () => {
    const r = read('Channel,Month,Revenue\nA,2026-01,5\n', { shape: 'wide' });
    expect(codes(r)).toEqual(['noMonths']);
  });
});

describe('readMonthlyTable, bad input', () => {
  it('names the row and column of a value it cannot read', () => {
    const r = read('渠道\t2026-01\t2026-02\nA\t12abc\t5\n');
    expect(r.problems).toEqual([{ code: 'badValue', severity: 'error', params: { row: 2, column: '2026-01', text: '12abc' } }]);
  });

  it('refuses negative orders and spend, warns about negative net revenue', () => {
    const r = read('渠道\t月份\t销售额\t订单数\t费用\nA\t2026-01\t-500\t-3\t(200)\n');
    expect(r.problems).toEqual([
      { code: 'negativeNet', severity: 'warning', params: { row: 2, column: '销售额', text: '-500', measure: 'netRevenue' } },
      { code: 'negativeRefused', severity: 'error', params: { row: 2, column: '订单数', text: '-3', measure: 'orders' } },
      { code: 'negativeRefused', severity: 'error', params: { row: 2, column: '费用', text: '(200)', measure: 'spend' } },
    ]);
  });

  it('says what it looked for in a file of the wrong shape', () => {
    expect(codes(read('客户,日期,金额\nc1,2026-01-02,5\n'))).toEqual(['noHeader']);
    expect(codes(read('名称,2026-01,2026-02\nA,1,2\n'))).toEqual(['noChannelColumn']);
    expect(codes(read('渠道,备注\nA,x\n'))).toEqual(['noMonths']);
    expect(codes(read('渠道,月份,备注\nA,2026-01,x\n'))).toEqual(['noMeasure']);
    expect(codes(read('\n\n'))).toEqual(['empty']);
  });

  it('names a row whose month it cannot read, and one without a channel', () => {
    const r = read('渠道,月份,销售额\nA,2026-13,5\n,2026-01,5\n');
    expect(r.problems).toEqual([
      { code: 'badMonth', severity: 'error', params: { row: 2, column: '月份', text: '2026-13' } },
      { code: 'emptyChannel', severity: 'error', params: { row: 3 } },
    ]);
  });

  it('lists at most 20 problems of a kind and counts the rest', () => {
    const lines = ['渠道,月份,销售额', ...Array.from({ length: 25 }, (_, i) => `A${i},2026-01,x`)];
    const r = read(lines.join('\n'));
    expect(r.problems.filter((p) => p.code === 'badValue')).toHaveLength(20);
    expect(r.problems.at(-1)).toEqual({ code: 'moreProblems', severity: 'error', params: { code: 'badValue', more: 5 } });
  });
});
