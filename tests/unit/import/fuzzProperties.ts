/**
 * Fuzz properties of the import engine: arbitrary text and bytes through encoding detection,
 * decoding, the CSV parser and the column builder. Each run must finish without throwing and leave
 * a consistent report. The unit suite runs a few hundred cases; a fuzz run can ask for many more.
 */
import fc from 'fast-check';
import { TransactionColumnBuilder, type ColumnMapping, type ImportPolicies, type TransactionImport } from '../../../src/engine/import/columns';
import { CsvParser, type CsvOptions, type CsvSummary } from '../../../src/engine/import/csv';
import { detectEncoding, StreamDecoder } from '../../../src/engine/import/encoding';
import { decoders, splitAt } from './helpers';

const PENDING = 1 << 30;

const specials = ['"', '""', ',', ';', '\t', '|', '\r', '\n', '\r\n', '\u0000', '\ufeff', ' ', '-', '.', '/', '%', '¥', '(', ')', '年', '月', '日', 'C', '退货', '2024-01-05', '5/1/2024', '45292', '1,234.5', '客户'];
const text = fc.oneof(
  fc.string({ unit: fc.constantFrom(...specials), maxLength: 120 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.array(fc.array(fc.string({ unit: fc.constantFrom(...specials, 'a', '1', '2'), maxLength: 6 }), { maxLength: 6 }), { maxLength: 12 }).map((rows) =>
    rows.map((r) => r.join(',')).join('\n'),
  ),
);

const index = fc.integer({ min: 0, max: 5 });
const mapping: fc.Arbitrary<ColumnMapping> = fc.record(
  {
    customer: index,
    date: index,
    amount: index,
    quantity: index,
    orderId: index,
    channel: index,
    region: index,
    product: index,
    status: index,
  },
  { requiredKeys: ['customer', 'date', 'amount'] },
);

const policies: fc.Arbitrary<Partial<ImportPolicies>> = fc.record({
  hasHeader: fc.boolean(),
  decimalMark: fc.constantFrom('.', ','),
  dayMonthOrder: fc.constantFrom('auto', 'dmy', 'mdy'),
  excelSerials: fc.constantFrom('accept', 'reject'),
  returns: fc.constantFrom('exclude', 'netOff', 'keep'),
  skipRows: fc.constantFrom(0, 1, 3),
  cancellation: fc.record({ orderIdPrefix: fc.constantFrom(null, 'C', '') }),
  statuses: fc.record({
    rows: fc.constantFrom('orderOutcome', 'returnTransaction'),
    refundWords: fc.constantFrom(['退货'], [], ['']),
    cancelWords: fc.constantFrom(['取消'], []),
    classes: fc.constantFrom<Record<string, 'sale' | 'refunded' | 'cancelled'>>({}, { a: 'refunded' }),
  }),
  regionFromAddress: fc.boolean(),
  duplicates: fc.constantFrom('keep', 'drop', 'off'),
  raggedRows: fc.constantFrom('skip', 'pad'),
  maxExamples: fc.integer({ min: 0, max: 3 }),
});

const csvOptions: fc.Arbitrary<CsvOptions> = fc.record({
  delimiter: fc.constantFrom('auto', ',', ';', '\t', '|', ' '),
  maxFieldLength: fc.constantFrom(4, 64, 1 << 20),
  maxColumns: fc.constantFrom(1, 3, 1024),
  maxRowLength: fc.constantFrom(16, 1 << 20),
  maxRows: fc.constantFrom(undefined, 2),
});

/** The report adds up, columns have the reported length, and every stored value is usable. */
function checkImport(imp: TransactionImport, csv: CsvSummary): void {
  const { columns: c, report: r } = imp;
  const skipped = Object.values(r.skipped).reduce((s, x) => s + x.count, 0);
  if (r.rowsRead !== r.rowsImported + skipped) throw new Error('report does not add up');
  if (r.rowsImported !== c.length) throw new Error('imported count differs from column length');
  if (csv.records < r.rowsRead) throw new Error('more rows read than records parsed');
  for (const col of [c.customer, c.orderId, c.channel, c.region, c.product]) {
    if (col === null) continue;
    if (col.codes.length !== c.length) throw new Error('column length');
    for (const code of col.codes) if (code < 0 || code >= col.values.length) throw new Error('code out of range');
  }
  if (c.date.length !== c.length || c.amount.length !== c.length) throw new Error('column length');
  for (const a of c.amount) if (!Number.isFinite(a)) throw new Error('amount not finite');
  if (c.quantity) for (const q of c.quantity) if (!Number.isFinite(q)) throw new Error('quantity not finite');
  if (imp.question === null) for (const d of c.date) if (d >= PENDING) throw new Error('unresolved date');
  for (const v of c.customer.values) if (v.trim() === '') throw new Error('empty customer imported');
}

function runText(chunks: string[], map: ColumnMapping, policy: Partial<ImportPolicies>, options: CsvOptions): void {
  const builder = new TransactionColumnBuilder(map, policy);
  const parser = new CsvParser(builder, options);
  for (const chunk of chunks) parser.push(chunk);
  const csv = parser.finish();
  const imp = builder.finish();
  checkImport(imp, csv);
  if (csv.fatal !== null && (csv.fatal.row < 1 || csv.fatal.column < 0)) throw new Error('fatal issue without a place');
}

/** Arbitrary text in arbitrary chunks through the parser and the column builder. */
export function textFuzzProperty(numRuns: number): void {
  fc.assert(
    fc.property(text, fc.array(fc.nat(), { maxLength: 8 }), mapping, policies, csvOptions, (t, cuts, map, policy, options) => {
      runText(splitAt(t, cuts), map, policy, options);
    }),
    { numRuns },
  );
}

/** Arbitrary bytes through encoding detection, chunked decoding, the parser and the builder. */
export function bytesFuzzProperty(numRuns: number): void {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(), { maxLength: 6 }), mapping, policies, (bytes, cuts, map, policy) => {
      const detected = detectEncoding(bytes.subarray(0, 128), decoders);
      const decoder = new StreamDecoder(decoders, detected.ok ? detected.encoding : 'utf-8');
      const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
      const chunks: string[] = [];
      let from = 0;
      for (const p of [...points, bytes.length]) {
        chunks.push(decoder.decode(bytes.subarray(from, p)));
        from = p;
      }
      chunks.push(decoder.finish());
      runText(chunks, map, policy, {});
    }),
    { numRuns },
  );
}

export function importFuzzProperties(numRuns: number): void {
  textFuzzProperty(numRuns);
  bytesFuzzProperty(numRuns);
}
