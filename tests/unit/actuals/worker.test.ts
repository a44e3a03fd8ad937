/**
 * The actuals' calls of the customers worker, in-process over fake-indexeddb: a table file read
 * through the importer's CSV and XLSX readers, and a stored data set aggregated by month.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { readMonthlyTable } from '../../../src/engine/actuals/table';
import { toXlsx } from '../../../src/ui/export/xlsx';
import { expectDone, fileOf, freshDb, ignoreProgress, options, rawApiFor } from '../customers-pipeline/helpers';

describe('readActualsTable', () => {
  it('reads a CSV with a Chinese wide table (through the importer’s decoding)', async () => {
    const api = rawApiFor(await freshDb());
    const text = '渠道,2026年1月,2026年2月\r\n直營門市,20万,"¥1,200"\r\n';
    const bytes = new TextEncoder().encode(text);
    const utf8 = await api.readActualsTable(fileOf(bytes, 'a.csv'));
    expect(utf8.kind === 'rows' && utf8.rows).toEqual([
      ['渠道', '2026年1月', '2026年2月'],
      ['直營門市', '20万', '¥1,200'],
    ]);
  });

  it('reads an XLSX workbook; a date header cell arrives as its serial and is read as its month', async () => {
    const api = rawApiFor(await freshDb());
    // 46023 and 46054 are 2026-01-01 and 2026-02-01 as Excel stores dates.
    const book = toXlsx([{ name: 'Sheet1', rows: [['Channel', 46023, 46054], ['Tmall', 1200.5, 300], ['', null, null], ['JD', 7, 8]] }]);
    const out = await api.readActualsTable(fileOf(book, 'actuals.xlsx'));
    if (out.kind !== 'rows') throw new Error(out.kind);
    expect(out.serials).toBe(true);
    const read = readMonthlyTable(out.rows, { moneyDigits: 2, serials: out.serials });
    expect(read.problems).toEqual([]);
    expect(read.records.map((r) => [r.row, r.channel, r.month, r.value])).toEqual([
      [2, 'Tmall', '2026-01', 120_050],
      [2, 'Tmall', '2026-02', 30_000],
      [4, 'JD', '2026-01', 700],
      [4, 'JD', '2026-02', 800],
    ]);
  });

  it('says why a file cannot be read', async () => {
    const api = rawApiFor(await freshDb());
    expect(await api.readActualsTable(fileOf(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]), 'old.xls'))).toEqual({ kind: 'failed', code: 'unsupportedXls' });
  });
});

describe('monthlyActuals of a stored data set', () => {
  it('aggregates by channel, region and month: revenue in minor units, distinct orders and customers, units', async () => {
    const db = await freshDb();
    const api = rawApiFor(db);
    const csv = ['customer,date,amount,order,channel,region,qty', 'c1,2026-01-05,10.005,o1,天猫,华东,1', 'c1,2026-01-05,5,o1,天猫,华东,2', 'c2,2026-01-20,1.10,o2,天猫,华东,1', 'c1,2026-02-01,3,o3,天猫,华东,1', 'c3,2026-02-02,7,o4,门店,,4'].join('\n');
    const mapping = { customer: 0, date: 1, amount: 2, orderId: 3, channel: 4, region: 5, quantity: 6 };
    const dataset = expectDone(await api.importFile(fileOf(csv, 'tx.csv'), options(mapping), ignoreProgress, 'call-1'));
    const records = await api.monthlyActuals('call-2', dataset.id, 2, dataset.name);
    const cell = (channel: string, region: string, month: string) => Object.fromEntries(records.filter((r) => r.channel === channel && r.region === region && r.month === month).map((r) => [r.measure, r.value]));
    // Each amount to minor units first: 10.005 × 100 is 1000.5000000000001 in binary → 1001; + 500 + 110.
    expect(cell('天猫', '华东', '2026-01')).toEqual({ netRevenue: 1611, orders: 2, customers: 2, units: 4 });
    expect(cell('天猫', '华东', '2026-02')).toEqual({ netRevenue: 300, orders: 1, customers: 1, units: 1 });
    expect(cell('门店', '', '2026-02')).toEqual({ netRevenue: 700, orders: 1, customers: 1, units: 4 });
    // 门店 sold nothing in January, a month the data set covers: zeros, not gaps.
    expect(cell('门店', '', '2026-01')).toEqual({ netRevenue: 0, orders: 0, customers: 0, units: 0 });
    expect(records).toHaveLength(4 * 4);
  });
});
