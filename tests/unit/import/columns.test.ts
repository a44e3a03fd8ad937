import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  TransactionColumnBuilder,
  type ColumnMapping,
  type ImportPolicies,
  type ImportReport,
  type TransactionImport,
} from '../../../src/engine/import/columns';
import { CsvParser, type CsvSummary } from '../../../src/engine/import/csv';
import { resolveDayMonthOrder } from '../../../src/engine/import/dayMonth';
import { detectEncoding, StreamDecoder } from '../../../src/engine/import/encoding';
import { detectColumnMapping } from '../../../src/engine/import/header';
import { daysFromCivil, formatDay } from '../../../src/engine/import/values';
import { decoders, fixture, fixtureText, splitAt } from './helpers';

function importText(text: string | string[], mapping: ColumnMapping, policies: Partial<ImportPolicies> = {}): TransactionImport & { csv: CsvSummary } {
  const builder = new TransactionColumnBuilder(mapping, policies);
  const parser = new CsvParser(builder, { delimiter: ',' });
  for (const chunk of typeof text === 'string' ? [text] : text) parser.push(chunk);
  const csv = parser.finish();
  return { ...builder.finish(), csv };
}

const skippedTotal = (r: ImportReport) => Object.values(r.skipped).reduce((s, c) => s + c.count, 0);
const decode = (imp: TransactionImport, field: 'customer' | 'orderId' | 'channel' | 'region' | 'product') => {
  const col = field === 'customer' ? imp.columns.customer : imp.columns[field]!;
  return Array.from(col.codes, (c) => col.values[c]);
};
const dates = (imp: TransactionImport) => Array.from(imp.columns.date, formatDay);
const day = (iso: string) => daysFromCivil(+iso.slice(0, 4), +iso.slice(5, 7), +iso.slice(8, 10));

describe('column builder on UCI Online Retail (first 2,000 lines)', () => {
  const text = fixtureText('online_retail_2000.csv');
  // An independent reading of the same file with PapaParse.
  const ref = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
  const withCustomer = ref.filter((r) => r.CustomerID !== '');
  const mapping = detectColumnMapping(Object.keys(ref[0])).mapping as ColumnMapping;
  const uci: Partial<ImportPolicies> = { returns: 'keep', cancellation: { orderIdPrefix: 'C' } };

  it('imports every row with a customer id and counts the ones without', () => {
    const imp = importText(text, mapping, uci);
    expect(imp.report.rowsRead).toBe(ref.length);
    expect(ref.length).toBe(2000);
    expect(imp.report.skipped.missingCustomer.count).toBe(ref.length - withCustomer.length);
    expect(imp.report.skipped.missingCustomer.rows[0]).toBe(ref.findIndex((r) => r.CustomerID === '') + 2);
    expect(imp.report.rowsImported).toBe(withCustomer.length);
    expect(imp.report.rowsRead).toBe(imp.report.rowsImported + skippedTotal(imp.report));
    expect(imp.question).toBeNull();
  });

  it('gives the same values as the reference, row by row', () => {
    const imp = importText(splitAt(text, [5000, 5001, 77777, 120000]), mapping, uci);
    expect(decode(imp, 'customer')).toEqual(withCustomer.map((r) => r.CustomerID));
    expect(decode(imp, 'orderId')).toEqual(withCustomer.map((r) => r.InvoiceNo));
    expect(decode(imp, 'region')).toEqual(withCustomer.map((r) => r.Country));
    expect(decode(imp, 'product')).toEqual(withCustomer.map((r) => r.StockCode));
    expect(Array.from(imp.columns.amount)).toEqual(withCustomer.map((r) => Number(r.Quantity) * Number(r.UnitPrice) || 0));
    expect(Array.from(imp.columns.quantity!)).toEqual(withCustomer.map((r) => Number(r.Quantity)));
    expect(Array.from(imp.columns.date)).toEqual(withCustomer.map((r) => Math.floor(Date.parse(`${r.InvoiceDate.slice(0, 10)}T00:00:00Z`) / 86_400_000)));
  });

  it('counts customers, invoices, countries, cancellations and duplicates as the reference does', () => {
    const imp = importText(text, mapping, uci);
    const distinct = (key: string) => new Set(withCustomer.map((r) => r[key])).size;
    expect(imp.columns.customer.values.length).toBe(distinct('CustomerID'));
    expect(imp.columns.orderId!.values.length).toBe(distinct('InvoiceNo'));
    expect(imp.columns.region!.values.length).toBe(distinct('Country'));
    const cancelled = withCustomer.filter((r) => r.InvoiceNo.startsWith('C'));
    expect(cancelled.length).toBeGreaterThan(0);
    expect(imp.report.returns.marked).toBe(cancelled.length);
    expect(imp.report.returns.negativeAmount).toBe(withCustomer.filter((r) => Number(r.Quantity) * Number(r.UnitPrice) < 0).length);
    const seen = new Set<string>();
    let duplicates = 0;
    for (const r of withCustomer) {
      const key = JSON.stringify(Object.values(r));
      if (seen.has(key)) duplicates++;
      seen.add(key);
    }
    expect(duplicates).toBeGreaterThan(0);
    expect(imp.report.duplicates.count).toBe(duplicates);
  });

  it('the returns and duplicates policies drop what they say', () => {
    const excluded = importText(text, mapping, { ...uci, returns: 'exclude', duplicates: 'drop' });
    const kept = importText(text, mapping, uci);
    expect(excluded.report.skipped.returnExcluded.count).toBe(kept.report.returns.count);
    expect(excluded.report.rowsImported).toBe(kept.report.rowsImported - kept.report.returns.count - excluded.report.skipped.duplicate.count);
    expect(Math.min(...excluded.columns.amount)).toBeGreaterThanOrEqual(0);
    expect(excluded.report.rowsRead).toBe(excluded.report.rowsImported + skippedTotal(excluded.report));
  });
});

describe('column builder', () => {
  const basic: ColumnMapping = { customer: 0, date: 1, amount: 2 };

  it('counts rows without a customer, bad dates and bad amounts, with their row numbers', () => {
    const imp = importText('c,d,a\nA,2024-01-05,10\n,2024-01-05,10\n  ,2024-01-05,1\nB,2024-13-01,10\nC,2024-01-05,abc\nD,2024-01-05,\nE,2024-01-06,"1,5"\n', basic);
    expect(imp.report.skipped.missingCustomer).toEqual({ count: 2, rows: [3, 4] });
    expect(imp.report.skipped.badDate).toEqual({ count: 1, rows: [5] });
    expect(imp.report.skipped.badAmount).toEqual({ count: 3, rows: [6, 7, 8] });
    expect(imp.report.rowsImported).toBe(1);
    expect(Array.from(imp.columns.amount)).toEqual([10]);
  });

  it('case 29: rows with too few or too many fields are skipped and listed, or padded on request', () => {
    const text = 'c,d,a,x\nA,2024-01-05,10,x\nB,2024-01-05,20\nC,2024-01-05,30,x,extra\n';
    const skipped = importText(text, basic);
    expect(skipped.report.skipped.raggedRow).toEqual({ count: 2, rows: [3, 4] });
    expect(skipped.report.ragged.count).toBe(2);
    expect(skipped.csv.issueCounts).toEqual({ tooFewFields: 1, tooManyFields: 1 });
    const padded = importText(text, basic, { raggedRows: 'pad' });
    expect(padded.report.rowsImported).toBe(3);
    expect(padded.report.ragged).toEqual({ count: 2, rows: [3, 4] });
    const short = importText('c,d,a\nA,2024-01-05\n', basic, { raggedRows: 'pad' });
    expect(short.report.skipped.badAmount.count).toBe(1);
  });

  it('case 30: amounts in the chosen notation; a value that cannot be read is counted, never 0', () => {
    const text = 'c,d,a\nA,2024-01-05,"1.234,56"\nB,2024-01-05,"¥1.200"\nC,2024-01-05,(500)\nD,2024-01-05,"1,234.56"\n';
    const comma = importText(text, basic, { decimalMark: ',' });
    expect(Array.from(comma.columns.amount)).toEqual([1234.56, 1200, -500]);
    expect(comma.report.skipped.badAmount).toEqual({ count: 1, rows: [5] });
    const point = importText(text, basic);
    expect(Array.from(point.columns.amount)).toEqual([1.2, -500, 1234.56]);
    expect(point.report.skipped.badAmount).toEqual({ count: 1, rows: [2] });
  });

  it('returns: a negative amount is a return under every reading of statuses', () => {
    const text = 'c,d,a,s\nA,2024-01-05,100,已完成\nB,2024-01-07,-20,退货退款\nC,2024-01-08,30,交易成功\n';
    const mapping = { ...basic, status: 3 };
    const netOff = importText(text, mapping, { returns: 'netOff' });
    expect(Array.from(netOff.columns.amount)).toEqual([100, -20, 30]);
    expect(netOff.report.returns).toMatchObject({ count: 1, negativeAmount: 1, rows: [3] });
    expect(Array.from(importText(text, mapping, { returns: 'keep' }).columns.amount)).toEqual([100, -20, 30]);
    const exclude = importText(text, mapping, { returns: 'exclude' });
    expect(Array.from(exclude.columns.amount)).toEqual([100, 30]);
    expect(exclude.report.skipped.returnExcluded).toEqual({ count: 1, rows: [3] });
  });

  it('one row per order with its final status: refunded and closed orders are left out, not subtracted', () => {
    const text = 'c,d,a,s\nA,2024-01-05,100,交易成功\nA,2024-01-06,80,退款成功\nB,2024-01-06,50,交易关闭\nC,2024-01-08,30,交易成功\n';
    const mapping = { ...basic, status: 3 };
    const imp = importText(text, mapping);
    expect(Array.from(imp.columns.amount)).toEqual([100, 30]);
    expect(imp.report.skipped.orderRefunded).toEqual({ count: 1, rows: [3] });
    expect(imp.report.skipped.orderCancelled).toEqual({ count: 1, rows: [4] });
    expect(imp.report.returns.count).toBe(0);
    expect(imp.report.statusRows).toBe('orderOutcome');
    expect(imp.report.statuses).toEqual([
      { value: '交易成功', class: 'sale', rows: 2 },
      { value: '退款成功', class: 'refunded', rows: 1 },
      { value: '交易关闭', class: 'cancelled', rows: 1 },
    ]);
    // "Keep amounts as written" keeps every order.
    expect(Array.from(importText(text, mapping, { returns: 'keep' }).columns.amount)).toEqual([100, 80, 50, 30]);
  });

  it('status rows read as return transactions are netted off, as separate return rows', () => {
    const text = 'c,d,a,s\nA,2024-01-05,100,已完成\nA,2024-01-06,100,退货退款\nB,2024-01-06,50,Cancelled\nC,2024-01-08,30,交易成功\n';
    const mapping = { ...basic, status: 3 };
    const statuses = { rows: 'returnTransaction' as const, refundWords: ['退货'], cancelWords: ['cancel'], classes: {} };
    const netOff = importText(text, mapping, { returns: 'netOff', statuses });
    expect(Array.from(netOff.columns.amount)).toEqual([100, -100, -50, 30]);
    expect(netOff.report.returns).toMatchObject({ count: 2, marked: 2, negativeAmount: 0, rows: [3, 4] });
    const exclude = importText(text, mapping, { returns: 'exclude', statuses });
    expect(exclude.report.skipped.returnExcluded.rows).toEqual([3, 4]);
  });

  it('the class the user chose for a status value wins over the words', () => {
    const text = 'c,d,a,s\nA,2024-01-05,100,已完成\nB,2024-01-06,50,部分退款\nC,2024-01-08,30,已签收\n';
    const mapping = { ...basic, status: 3 };
    expect(Array.from(importText(text, mapping).columns.amount)).toEqual([100, 30]);
    const own = importText(text, mapping, { statuses: { rows: 'orderOutcome', refundWords: ['退款'], cancelWords: [], classes: { 部分退款: 'sale', 已签收: 'cancelled' } } });
    expect(Array.from(own.columns.amount)).toEqual([100, 50]);
  });

  it('a refund request that was closed or refused leaves the sale standing', () => {
    const text = 'c,d,a,s\nA,2024-01-05,100,退款关闭\nB,2024-01-06,50,拒绝退款\n';
    expect(Array.from(importText(text, { ...basic, status: 3 }).columns.amount)).toEqual([100, 50]);
  });

  it('exact duplicate rows are counted, dropped on request, or not looked for', () => {
    const text = 'c,d,a\nA,2024-01-05,10\nA,2024-01-05,10\nA,2024-01-05,11\n"A",2024-01-05,10\nA,2024-01-05,10\n';
    expect(importText(text, basic).report.duplicates).toMatchObject({ count: 2, rows: [3, 6] });
    const dropped = importText(text, basic, { duplicates: 'drop' });
    expect(dropped.report.rowsImported).toBe(3);
    expect(dropped.report.skipped.duplicate.rows).toEqual([3, 6]);
    expect(importText(text, basic, { duplicates: 'off' }).report.duplicates.count).toBe(0);
  });

  it('dictionary-encodes text columns: quoted, escaped and padded spellings of one value share a code', () => {
    const text = 'c,d,a,ch\n17850,2024-01-05,1,"Store ""A"""\n 17850 ,2024-01-05,1,"Store ""A"""\n"17850",2024-01-05,1,Online\n13047,2024-01-05,1,"Online"\n';
    const imp = importText(text, { ...basic, channel: 3 });
    expect(imp.columns.customer.values).toEqual(['17850', '13047']);
    expect(Array.from(imp.columns.customer.codes)).toEqual([0, 0, 0, 1]);
    expect(imp.columns.channel!.values).toEqual(['Store "A"', 'Online']);
    expect(Array.from(imp.columns.channel!.codes)).toEqual([0, 0, 1, 1]);
  });

  it('grows its columns past the first allocation', () => {
    const lines = ['c,d,a'];
    for (let i = 0; i < 5000; i++) lines.push(`C${i % 700},2024-01-${String((i % 28) + 1).padStart(2, '0')},${i}`);
    const imp = importText(lines.join('\n'), basic);
    expect(imp.columns.length).toBe(5000);
    expect(imp.columns.amount[4999]).toBe(4999);
    expect(imp.columns.customer.values.length).toBe(700);
    expect(imp.columns.amount.length).toBe(5000);
  });

  describe('case 31: day/month order', () => {
    it('asks when no date proves the order, with both readings, and resolves on the answer', () => {
      const imp = importText('c,d,a\nA,5/1/2024,1\nB,6/2/2024,2\nC,2024-03-01,3\n', basic);
      expect(imp.question).toEqual({
        verdict: 'ambiguous',
        rows: 2,
        dayFirstProofs: 0,
        monthFirstProofs: 0,
        samples: [
          { text: '5/1/2024', dmy: '2024-01-05', mdy: '2024-05-01' },
          { text: '6/2/2024', dmy: '2024-02-06', mdy: '2024-06-02' },
        ],
      });
      expect(imp.report.dates.dayMonthOrder).toBe('ambiguous');
      const resolved = resolveDayMonthOrder(imp, 'mdy');
      expect(resolved.question).toBeNull();
      expect(dates(resolved)).toEqual(['2024-05-01', '2024-06-02', '2024-03-01']);
      expect(resolved.report.dates.dayMonthOrder).toBe('mdy');
    });

    it('decides by itself when one date proves the order', () => {
      const imp = importText('c,d,a\nA,5/1/2024,1\nB,25/12/2024,2\n', basic);
      expect(imp.question).toBeNull();
      expect(imp.report.dates.dayMonthOrder).toBe('dmy');
      expect(dates(imp)).toEqual(['2024-01-05', '2024-12-25']);
    });

    it('asks on a conflict, and drops the rows the answer makes impossible', () => {
      const imp = importText('c,d,a\nA,5/1/2024,1\nB,25/12/2024,2\nC,12/25/2024,3\n', basic);
      expect(imp.question).toMatchObject({ verdict: 'conflict', dayFirstProofs: 1, monthFirstProofs: 1 });
      const resolved = resolveDayMonthOrder(imp, 'dmy');
      expect(dates(resolved)).toEqual(['2024-01-05', '2024-12-25']);
      expect(decode(resolved, 'customer')).toEqual(['A', 'B']);
      expect(resolved.report.skipped.badDate.count).toBe(1);
      expect(resolved.report.rowsImported).toBe(2);
    });

    it('uses the order the user chose', () => {
      expect(dates(importText('c,d,a\nA,5/1/2024,1\n', basic, { dayMonthOrder: 'dmy' }))).toEqual(['2024-01-05']);
      const mdy = importText('c,d,a\nA,5/1/2024,1\nB,25/12/2024,1\n', basic, { dayMonthOrder: 'mdy' });
      expect(dates(mdy)).toEqual(['2024-05-01']);
      expect(mdy.report.skipped.badDate.rows).toEqual([3]);
    });

    it('counts Excel serials so the UI can flag them, or refuses them', () => {
      const text = 'c,d,a\nA,45292,1\nB,20240105,1\nC,2024年1月5日,1\n';
      const imp = importText(text, basic);
      expect(dates(imp)).toEqual(['2024-01-01', '2024-01-05', '2024-01-05']);
      expect(imp.report.dates.forms).toEqual({ ymd: 0, compact: 1, cjk: 1, dayMonth: 0, excelSerial: 1 });
      expect(importText(text, basic, { excelSerials: 'reject' }).report.skipped.badDate.rows).toEqual([2]);
    });
  });

  it('reads a GBK export end to end: detect, decode, map, import', () => {
    const bytes = fixture('transactions-gbk.csv');
    const enc = detectEncoding(bytes, decoders);
    if (!enc.ok) throw new Error('not detected');
    const decoder = new StreamDecoder(decoders, enc.encoding);
    let header: string[] = [];
    const preview = new CsvParser({ record: (r) => (header = Array.from({ length: r.count }, (_, i) => r.src.slice(r.starts[i], r.ends[i]))) }, { maxRows: 1 });
    const text = decoder.decode(bytes) + decoder.finish();
    preview.push(text);
    preview.finish();
    const guess = detectColumnMapping(header);
    expect(guess.complete).toBe(true);
    const imp = importText(splitAt(text, [10, 11, 12, 200]), guess.mapping as ColumnMapping);
    expect(imp.report.rowsRead).toBe(9);
    expect(imp.report.skipped.missingCustomer.rows).toEqual([8]);
    // C006's order was cancelled (已取消, a positive amount): no revenue, and nothing to subtract from.
    expect(decode(imp, 'customer')).toEqual(['C001', 'C002', 'C003', 'C001', 'C004', 'C005', 'C002']);
    expect(Array.from(imp.columns.amount)).toEqual([1280.5, 99, 356, -1280.5, 45.9, 520, 199]);
    expect(imp.report.skipped.orderCancelled.rows).toEqual([9]);
    expect(imp.report.returns).toMatchObject({ count: 1, marked: 1, negativeAmount: 1 });
    expect(imp.columns.channel!.values).toContain('天猫旗舰店');
    expect(imp.columns.date[0]).toBe(day('2024-01-05'));
  });

  it('reads a Big5 export with 年月日 dates, NT$ amounts and accounting negatives', () => {
    const bytes = fixture('transactions-big5.csv');
    const decoder = new StreamDecoder(decoders, 'big5');
    const text = decoder.decode(bytes) + decoder.finish();
    const guess = detectColumnMapping(text.slice(0, text.indexOf('\r')).split(','));
    const imp = importText(text, guess.mapping as ColumnMapping, { returns: 'exclude' });
    expect(dates(imp)).toEqual(['2024-01-05', '2024-01-07', '2024-02-20', '2024-03-03', '2024-03-08']);
    expect(Array.from(imp.columns.amount)).toEqual([1200, 350, 2680, 99, 760]);
    expect(imp.report.skipped.returnExcluded.rows).toEqual([4]);
    expect(imp.columns.region!.values).toEqual(['台北市', '新北市', '高雄市', '桃園市', '新竹縣']);
  });

  it('refuses a mapping without an amount', () => {
    expect(() => new TransactionColumnBuilder({ customer: 0, date: 1, unitPrice: 2 })).toThrow(RangeError);
  });
});
