import { afterEach, describe, expect, it } from 'vitest';
import { CsvParser } from '../../../src/engine/import/csv';
import { TransactionColumnBuilder, type ColumnMapping, type TransactionColumns } from '../../../src/engine/import/columns';
import { StreamDecoder } from '../../../src/engine/import/encoding';
import { daysFromCivil } from '../../../src/engine/import/values';
import type { PlannerDb } from '../../../src/persistence/db';
import { loadDataset } from '../../../src/persistence/datasets';
import { platformDecoders } from '../../../src/workers/customersApi';
import type { ImportProgress } from '../../../src/workers/customersTypes';
import { apiFor, expectDone, fileOf, fixtureBytes, freshDb, ignoreProgress, options, storedCounts } from './helpers';

let db: PlannerDb;
afterEach(async () => {
  db?.close();
  await db?.delete();
});

const gbk = () => fileOf(fixtureBytes('import/transactions-gbk.csv'), 'transactions-gbk.csv');

/** The columns the engine builds from the same bytes, without the worker or storage. */
function builtDirectly(bytes: Uint8Array, encoding: 'gb18030' | 'utf-8', mapping: ColumnMapping): TransactionColumns {
  const decoder = new StreamDecoder(platformDecoders, encoding);
  const builder = new TransactionColumnBuilder(mapping);
  const parser = new CsvParser(builder);
  parser.push(decoder.decode(bytes) + decoder.finish());
  parser.finish();
  return builder.finish().columns;
}

describe('import of a GBK-encoded CSV with Chinese headers (RELIABILITY 25)', () => {
  it('previews: encoding detected, Chinese headers decoded, every field mapped', async () => {
    db = await freshDb();
    const preview = await apiFor(db).previewFile(gbk());
    expect(preview.kind).toBe('csv');
    expect(preview.encoding).toBe('gb18030');
    expect(preview.encodingCandidates[0]).toMatchObject({ encoding: 'gb18030' });
    expect(preview.delimiter).toBe(',');
    expect(preview.headers).toEqual(['客户编号', '下单时间', '实付金额', '销售渠道', '地区', '数量', '商品名称', '订单状态']);
    expect(preview.sampleRows).toHaveLength(9);
    expect(preview.sampleRows[0]).toEqual(['C001', '2024/1/5', '1,280.50', '天猫旗舰店', '华东', '2', '不锈钢保温杯', '已完成']);
    expect(preview.mapping).toEqual({ customer: 0, date: 1, amount: 2, channel: 3, region: 4, quantity: 5, product: 6, status: 7 });
    expect(preview.guess.complete).toBe(true);
    expect(preview.guess.confidence.customer).toBe(1);
    expect(preview.layout).toEqual({ skipRows: 0, hasHeader: true });
    expect(preview.replacements).toBe(0);
  });

  it('imports with the previewed settings: report counts, metadata, stored columns equal the built ones', async () => {
    db = await freshDb();
    const api = apiFor(db);
    const preview = await api.previewFile(gbk());
    const progress: ImportProgress[] = [];
    const dataset = expectDone(await api.importFile(gbk(), options(preview.mapping, { encoding: preview.encoding }), (p) => progress.push(p), new AbortController().signal));

    const report = dataset.report;
    expect(report.rowsRead).toBe(9);
    expect(report.rowsImported).toBe(7);
    expect(report.skipped.missingCustomer).toEqual({ count: 1, rows: [8] });
    // The cancelled order (已取消, +888) brought no revenue: left out, not subtracted.
    expect(report.skipped.orderCancelled).toEqual({ count: 1, rows: [9] });
    expect(report.returns).toMatchObject({ count: 1, marked: 1, negativeAmount: 1, policy: 'netOff' });
    expect(report.statuses.map((s) => [s.value, s.class])).toEqual([['已完成', 'sale'], ['退货退款', 'refunded'], ['已取消', 'cancelled']]);
    expect(report.dates.forms.ymd).toBe(7);
    expect(report.header[0]).toBe('客户编号');

    expect(dataset).toMatchObject({
      planId: 'plan-1',
      fileName: 'transactions-gbk.csv',
      rows: 7,
      customers: 5,
      products: 6,
      hasChannel: true,
      hasRegion: true,
      hasProduct: true,
      hasQuantity: true,
      hasOrderId: false,
      firstDay: daysFromCivil(2024, 1, 5),
      lastDay: daysFromCivil(2024, 3, 9),
      source: { kind: 'csv', container: null, encoding: 'gb18030', delimiter: ',', sheet: null },
    });
    expect(dataset.channels).toEqual(['天猫旗舰店', '直营门店', '抖音直播', '社区团购', '微信小程序', '经销商']);
    expect(dataset.regions).toContain('西南');
    expect(dataset.bytes).toBe(fixtureBytes('import/transactions-gbk.csv').length);
    expect(dataset.storedBytes).toBeGreaterThan(0);

    const stored = await loadDataset(db, dataset.id);
    const built = builtDirectly(fixtureBytes('import/transactions-gbk.csv'), 'gb18030', preview.mapping);
    expect(stored.columns).toEqual(built);
    expect(Array.from(stored.columns.amount)).toEqual([1280.5, 99, 356, -1280.5, 45.9, 520, 199]);
    expect(JSON.stringify(stored.columns.customer.values)).not.toContain('\ufffd');

    expect(progress.at(-1)).toMatchObject({ phase: 'saving', bytesRead: dataset.bytes, totalBytes: dataset.bytes });
    expect(progress.some((p) => p.phase === 'reading' && p.rows === 9)).toBe(true);
    expect(await db.datasets.count()).toBe(1);
  });

  it('reads Big5 when chosen over the detection (RELIABILITY 26)', async () => {
    db = await freshDb();
    const api = apiFor(db);
    const file = fileOf(fixtureBytes('import/transactions-big5.csv'), 'big5.csv');
    const preview = await api.previewFile(file, { encoding: 'big5' });
    expect(preview.encoding).toBe('big5');
    expect(preview.headers).toEqual(['客戶編號', '訂單日期', '金額', '通路', '地區', '數量', '產品']);
    const dataset = expectDone(await api.importFile(file, options(preview.mapping, { encoding: 'big5' }), ignoreProgress, new AbortController().signal));
    expect(dataset.rows).toBe(6);
    expect(dataset.channels).toContain('蝦皮購物');
    const { columns } = await loadDataset(db, dataset.id);
    expect(Array.from(columns.amount)).toEqual([1200, 350, -150, 2680, 99, 760]);
  });

  it('refuses a legacy file read as UTF-8 rather than storing U+FFFD (RELIABILITY 25)', async () => {
    db = await freshDb();
    const api = apiFor(db);
    const outcome = await api.importFile(gbk(), options({ customer: 0, date: 1, amount: 2 }, { encoding: 'utf-8' }), ignoreProgress, new AbortController().signal);
    expect(outcome).toMatchObject({ kind: 'failed', code: 'badEncoding', byteOffset: 0 });
    expect(await storedCounts(db)).toEqual({ datasets: 0, chunks: 0 });
  });

  it('strips a UTF-8 BOM from the first header (RELIABILITY 24)', async () => {
    db = await freshDb();
    const api = apiFor(db);
    const file = fileOf('\ufeff客户,日期,金额\nA,2024-01-02,10\n', 'bom.csv');
    const preview = await api.previewFile(file);
    expect(preview.headers[0]).toBe('客户');
    const dataset = expectDone(await api.importFile(file, options(preview.mapping), ignoreProgress, new AbortController().signal));
    expect(dataset.report.header[0]).toBe('客户');
  });

  it('shows a single-column file as such, and semicolons as the delimiter (RELIABILITY 27)', async () => {
    db = await freshDb();
    const api = apiFor(db);
    expect((await api.previewFile(fileOf('just one column\nvalue\nvalue\n', 'one.csv'))).singleColumn).toBe(true);
    const semi = await api.previewFile(fileOf('customer;date;amount\nA;2024-01-02;1,5\nB;2024-01-03;2,25\n', 'semi.csv'));
    expect(semi.delimiter).toBe(';');
    expect(semi.singleColumn).toBe(false);
    expect(semi.decimalMark).toBe(',');
  });
});

describe('imports that store nothing', () => {
  const csv = ['customer,date,amount', ...Array.from({ length: 3000 }, (_, i) => `c${i % 97},2024-0${1 + (i % 9)}-1${i % 10},${i}.5`)].join('\n');

  it('a cancelled import stores nothing, whether cancelled while reading or before saving (RELIABILITY 35)', async () => {
    db = await freshDb();
    const api = apiFor(db);
    const mapping = { customer: 0, date: 1, amount: 2 };
    // Cancelled from the first progress report, in the middle of reading.
    const reading = new AbortController();
    const first = await api.importFile(fileOf(csv, 'big.csv'), options(mapping), () => reading.abort(), reading.signal);
    expect(first).toEqual({ kind: 'cancelled' });
    // Cancelled when the save starts: the write transaction is aborted.
    const saving = new AbortController();
    const second = await api.importFile(fileOf(csv, 'big.csv'), options(mapping), (p) => p.phase === 'saving' && saving.abort(), saving.signal);
    expect(second).toEqual({ kind: 'cancelled' });
    expect(await storedCounts(db)).toEqual({ datasets: 0, chunks: 0 });
  });

  it('cancels by id, the way the worker is told', async () => {
    db = await freshDb();
    const api = apiFor(db).raw;
    const outcome = api.importFile(fileOf(csv, 'big.csv'), options({ customer: 0, date: 1, amount: 2 }), () => api.cancel('imp-1'), 'imp-1');
    expect(await outcome).toEqual({ kind: 'cancelled' });
    expect(api.cancel('imp-1')).toBe(false);
    expect(await storedCounts(db)).toEqual({ datasets: 0, chunks: 0 });
  });

  it('an unterminated quote fails with the row named and nothing stored (RELIABILITY 28)', async () => {
    db = await freshDb();
    const api = apiFor(db);
    const text = 'customer,date,amount\nA,2024-01-02,10\nB,2024-01-03,"20\nC,2024-01-04,30\n';
    const outcome = await api.importFile(fileOf(text, 'bad.csv'), options({ customer: 0, date: 1, amount: 2 }), ignoreProgress, new AbortController().signal);
    expect(outcome).toMatchObject({ kind: 'failed', code: 'fatalCsv', issue: { code: 'unterminatedQuote', row: 3 } });
    expect(await storedCounts(db)).toEqual({ datasets: 0, chunks: 0 });
  });

  it('NUL bytes are refused: near the start as not text, further on with the row named (RELIABILITY 32)', async () => {
    db = await freshDb();
    const api = apiFor(db);
    const mapping = { customer: 0, date: 1, amount: 2 };
    const early = await api.importFile(fileOf('customer,date,amount\nA,2024-01-02,1\0\n', 'nul.csv'), options(mapping), ignoreProgress, new AbortController().signal);
    expect(early).toEqual({ kind: 'failed', code: 'binary' });
    const rows = Array.from({ length: 20_000 }, (_, i) => `c${i},2024-01-02,${i}`);
    const late = await api.importFile(fileOf(`customer,date,amount\n${rows.join('\n')}\nX,2024-01-02,1\0\n`, 'nul.csv'), options(mapping), ignoreProgress, new AbortController().signal);
    expect(late).toMatchObject({ kind: 'failed', code: 'fatalCsv', issue: { code: 'nulCharacter', row: 20_002 } });
    expect(await storedCounts(db)).toEqual({ datasets: 0, chunks: 0 });
  });

  it('no importable row, or no customer column, is a failure', async () => {
    db = await freshDb();
    const api = apiFor(db);
    const noRows = await api.importFile(fileOf('customer,date,amount\n,2024-01-02,1\n', 'x.csv'), options({ customer: 0, date: 1, amount: 2 }), ignoreProgress, new AbortController().signal);
    expect(noRows).toMatchObject({ kind: 'failed', code: 'noRows', report: { rowsRead: 1, skipped: { missingCustomer: { count: 1 } } } });
    const badMapping = await api.importFile(fileOf('a,b\n1,2\n', 'x.csv'), options({ customer: -1, date: 1, amount: 0 }), ignoreProgress, new AbortController().signal);
    expect(badMapping).toEqual({ kind: 'failed', code: 'badMapping' });
    expect(await storedCounts(db)).toEqual({ datasets: 0, chunks: 0 });
  });
});

describe('ambiguous day/month dates are asked about, not guessed (RELIABILITY 31)', () => {
  const text = 'customer,date,amount\nA,5/1/2024,10\nB,6/2/2024,20\nA,7/3/2024,30\n';

  it('asks, then imports with the answer without reading the file again', async () => {
    db = await freshDb();
    const api = apiFor(db);
    const file = fileOf(text, 'dm.csv');
    const opts = options({ customer: 0, date: 1, amount: 2 });
    const first = await api.importFile(file, opts, ignoreProgress, new AbortController().signal);
    expect(first).toMatchObject({ kind: 'question', question: { verdict: 'ambiguous', rows: 3 } });
    expect(await storedCounts(db)).toEqual({ datasets: 0, chunks: 0 });
    let read = 0;
    const dataset = expectDone(await api.importFile(file, { ...opts, dayMonthOrder: 'dmy' }, (p) => p.phase === 'reading' && read++, new AbortController().signal));
    expect(read).toBe(0);
    expect(dataset.firstDay).toBe(daysFromCivil(2024, 1, 5));
    expect(dataset.report.dates.dayMonthOrder).toBe('dmy');
  });

  it('answers without a parked import by reading again with the order given', async () => {
    db = await freshDb();
    const dataset = expectDone(
      await apiFor(db).importFile(fileOf(text, 'dm.csv'), options({ customer: 0, date: 1, amount: 2 }, { dayMonthOrder: 'mdy' }), ignoreProgress, new AbortController().signal),
    );
    expect(dataset.firstDay).toBe(daysFromCivil(2024, 5, 1));
    expect(dataset.lastDay).toBe(daysFromCivil(2024, 7, 3));
  });
});
