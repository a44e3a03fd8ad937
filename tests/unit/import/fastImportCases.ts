/**
 * Random transaction files for the fast import's tests, and the two readers side by side: the
 * kernel (FastCsvImport) and the JS path it stands in for (StreamDecoder → CsvParser →
 * TransactionColumnBuilder), over the same byte pieces.
 */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';
import { TransactionColumnBuilder, type ColumnMapping } from '../../../src/engine/import/columns';
import { CsvParser, type Delimiter } from '../../../src/engine/import/csv';
import { StreamDecoder } from '../../../src/engine/import/encoding';
import { FastCsvImport } from '../../../src/engine/import/fastImport';
import { completePolicies, type ImportPolicies } from '../../../src/engine/import/policies';
import type { TransactionImport } from '../../../src/engine/import/transactions';
import { decoders, legacyEncoder, splitAt } from './helpers';

const DELIMITERS = [',', ';', '\t', '|'] as const;

export type CaseEncoding = 'utf-8' | 'gb18030';

export interface FastCase {
  encoding: CaseEncoding;
  delimiter: Delimiter;
  mapping: ColumnMapping;
  policies: ImportPolicies;
  bytes: Uint8Array;
  /** Nothing in the file is refused by the kernel. */
  clean: boolean;
}

function encodeField(v: string, d: string, quote: boolean): string {
  const must = v.includes(d) || v.includes('"') || v.includes('\n') || v.includes('\r');
  return must || quote ? `"${v.replaceAll('"', '""')}"` : v;
}

const utf8 = new TextEncoder();
const gbkTable = legacyEncoder('gbk');

/** The text in GBK, a character GBK has not (emoji, a BOM) written as 客 instead. */
function gbk(text: string): Uint8Array {
  let out = '';
  for (const ch of text) {
    try {
      gbkTable(ch);
      out += ch;
    } catch {
      out += '客';
    }
  }
  return gbkTable(out);
}

/** Values the kernel takes, and values only the JS path reads or reports. */
const cleanIds = fc.oneof(
  fc.integer({ min: 0, max: 99_999 }).map((n) => `C${String(n).padStart(7, '0')}`),
  fc.string({ unit: fc.constantFrom('a', 'Z', '0', '-', '_', '.', 'é', '客', '户', '甲', '😀'), minLength: 1, maxLength: 30 }),
  fc.constantFrom('  C1  ', '\tC2', 'C1', 'Store, downtown', '华东', 'line\nbreak', 'x'.repeat(16), 'y'.repeat(17), '', '  ', '\t'),
);
const hostileIds = fc.constantFrom('Gift "red"', '"', '""');
const cleanText = fc.oneof(cleanIds, fc.constantFrom('', ' ', '  '));
const hostileText = fc.constantFrom('say ""hi""', 'a"b');
const cleanDates = fc.oneof(
  fc.record({ y: fc.integer({ min: 1, max: 9999 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) }).map(({ y, m, d }) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.constantFrom('2024-01-05', '2024-01-05', '2024-02-29', '20240105', '2024/1/5', '2024.01.05', '2024-1-5', '2024-01-05 08:26', '2024-01-05T08:26:00Z', '2024/01/05 8:26 PM', '2000-02-29', '0000-03-01'),
);
const hostileDates = fc.constantFrom('5/1/2024', '13/1/2024', '2024年1月5日', '45292', '60', ' 2024-01-05', '2024-01-05 ', '2023-02-29', '', 'soon', '２０２４-01-05', '2024-01-05x', '2024-13-01', '20241305', '2024-01-05 08');
const cleanAmounts = fc.oneof(
  fc.integer({ min: -1_000_000, max: 100_000_000 }).map((c) => (c / 100).toFixed(c % 3 === 0 ? 0 : 2)),
  fc.constantFrom('0', '-0', '0.00', '-0.00', '.5', '-.5', '123456789012345', '0.1', '999999999999999', '1.00000000000001'),
);
const hostileAmounts = fc.constantFrom('1.000000000000001', '¥1,200', '1,234.56', '3%', '(500)', '', 'abc', '1e5', '１２３', '5.', ' 42 ', '+3', '--5', '1234567890123456', '9007199254740993', '-');

/** A uniform draw from [0, 1): fast-check's own numbers lean to the ends of their range. */
const uniform = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000);

const pick = <T,>(clean: fc.Arbitrary<T>, hostile: fc.Arbitrary<T>, hostileRate: number) =>
  fc.tuple(uniform, clean, hostile).map(([u, c, h]) => (u < hostileRate ? { v: h, hostile: true } : { v: c, hostile: false }));

const cleanStatuses = fc.constantFrom('交易成功', '退款成功', '交易关闭', '已付款', ' 退款关闭 ', '等待买家付款', 'refund', 'Cancelled', 'RETURN', '', '  ', 'Completed');
const hostileStatuses = fc.constantFrom('"退款"中', 'a"b');
const cleanQuantities = fc.constantFrom('1', '1', '2', '3', '10', '0', '-2', '-1', '1.5', '0.25', '12');
const hostileQuantities = fc.constantFrom('1,000', 'abc', '', '2件', '+1');
const cleanOrders = fc.oneof(cleanText, fc.constantFrom('C536379', ' C1', 'C', 'c1', 'A123', 'CX'));

const rowArb = (rate: number) =>
  fc.record({
    status: pick(cleanStatuses, hostileStatuses, rate),
    quantity: pick(cleanQuantities, hostileQuantities, rate),
    customer: pick(cleanIds, hostileIds, rate),
    date: pick(cleanDates, hostileDates, rate),
    amount: pick(cleanAmounts, hostileAmounts, rate),
    channel: pick(cleanText, hostileText, rate),
    region: pick(cleanText, hostileText, rate),
    product: pick(cleanText, hostileText, rate),
    order: pick(cleanOrders, hostileText, rate),
    note: fc.string({ unit: fc.constantFrom('a', ' ', ',', ';', '|', '\t', '"', '\n', '\r\n', '中', '😀'), maxLength: 12 }),
    quotes: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
    repeat: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat() }),
    blank: fc.constantFrom('', '', '', '', '\n', '\r\n'),
    ragged: uniform,
  });

/** Byte-level damage the JS path stops at or reports (only in hostile files). */
const DAMAGE = {
  'utf-8': [[0xff], [0xe4, 0xb8], [0x00], [0xef, 0xbf, 0xbd], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80]],
  // GB18030's one-byte euro, a lone lead byte, a four-byte character (U+0080; U+FFFD), a bad trail.
  gb18030: [[0xff], [0x80], [0x81], [0x00], [0x81, 0x30, 0x81, 0x30], [0x84, 0x31, 0xa4, 0x37], [0x81, 0x7f], [0xa1, 0x20]],
};

/** Files whose fields are hostile (read or reported only by the JS path) at the given rate. */
export const caseArb = (hostileRate: number, encoding: CaseEncoding = 'utf-8'): fc.Arbitrary<FastCase> =>
  fc
    .record({
      delimiter: fc.constantFrom(...DELIMITERS.filter((d) => encoding === 'utf-8' || d !== '|')),
      order: fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], { minLength: 10, maxLength: 10 }),
      mapped: fc.record({ channel: fc.boolean(), region: fc.boolean(), product: fc.boolean(), orderId: fc.boolean(), status: fc.boolean() }),
      amounts: fc.constantFrom('amount', 'amount', 'amount and quantity', 'unit price × quantity'),
      statusRows: fc.constantFrom('orderOutcome', 'returnTransaction') as fc.Arbitrary<ImportPolicies['statuses']['rows']>,
      statusClasses: fc.constantFrom({}, { 已付款: 'refunded' }, { 交易成功: 'cancelled', Completed: 'refunded' }) as fc.Arbitrary<Record<string, 'sale' | 'refunded' | 'cancelled'>>,
      // The kernel takes only an ASCII prefix (fastImportSupported); others are read by the JS path.
      prefix: fc.constantFrom(null, null, 'C', 'R'),
      rows: fc.array(rowArb(hostileRate), { maxLength: 70 }),
      header: fc.boolean(),
      titles: fc.array(fc.constantFrom('Export of 2024', 'a,b', '"x"', '订单导出'), { maxLength: 2 }),
      boms: fc.constantFrom(0, 0, 0, 0, 1, 1, 1, hostileRate > 0 ? 2 : 1),
      ending: fc.constantFrom('\n', '\r\n', '\r'),
      trailingBreak: fc.boolean(),
      returns: fc.constantFrom('keep', 'netOff', 'exclude') as fc.Arbitrary<ImportPolicies['returns']>,
      duplicates: fc.constantFrom('keep', 'drop', 'off') as fc.Arbitrary<ImportPolicies['duplicates']>,
      ragged: fc.constantFrom('skip', 'skip', 'pad') as fc.Arbitrary<ImportPolicies['raggedRows']>,
      maxExamples: fc.constantFrom(0, 1, 3, 10),
      damage: fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.record({ at: fc.nat(), bytes: fc.constantFrom(...DAMAGE[encoding]) }) }),
      unterminated: uniform,
    })
    .map((g) => {
      // Column k of the file holds field order[k]: customer, date, amount, channel, region, product,
      // order id, note, status, quantity.
      const at = (field: number) => g.order.indexOf(field);
      const mapping: ColumnMapping = { customer: at(0), date: at(1) };
      if (g.amounts === 'unit price × quantity') mapping.unitPrice = at(2);
      else mapping.amount = at(2);
      if (g.amounts !== 'amount') mapping.quantity = at(9);
      if (g.mapped.status) mapping.status = at(8);
      if (g.mapped.channel) mapping.channel = at(3);
      if (g.mapped.region) mapping.region = at(4);
      if (g.mapped.product) mapping.product = at(5);
      if (g.mapped.orderId) mapping.orderId = at(6);
      const mappedText = [g.mapped.channel, g.mapped.region, g.mapped.product, g.mapped.orderId];
      let clean = true;
      const lines: string[] = [...g.titles];
      if (g.header) lines.push(g.order.map((f) => encodeField(['客户', 'date', 'amount', 'channel', 'region', 'product', 'order', 'note "x"', '订单状态', 'qty'][f], g.delimiter, false)).join(g.delimiter));
      const written: string[] = [];
      for (const r of g.rows) {
        const cells = [r.customer, r.date, r.amount, r.channel, r.region, r.product, r.order];
        cells.forEach((c, k) => {
          if (c.hostile && (k < 3 || mappedText[k - 3])) clean = false;
        });
        if ((r.status.hostile && g.mapped.status) || (r.quantity.hostile && g.amounts !== 'amount')) clean = false;
        const values = [...cells.map((c) => c.v), r.note, r.status.v, r.quantity.v];
        let line = g.order.map((f, k) => encodeField(values[f], g.delimiter, r.quotes[k])).join(g.delimiter);
        if (r.repeat !== null && written.length > 0) line = written[r.repeat % written.length];
        if (hostileRate > 0 && r.ragged < 0.02) {
          // A field too many, or one too few.
          line = r.ragged < 0.01 ? line + g.delimiter + 'extra' : line.slice(0, Math.max(0, line.lastIndexOf(g.delimiter)));
          clean = false;
        }
        written.push(line);
        if (r.blank) lines.push(r.blank === '\n' ? '' : '\r');
        lines.push(line);
      }
      // GB18030 has no byte order mark.
      const boms = encoding === 'utf-8' ? g.boms : 0;
      let text = '\ufeff'.repeat(boms) + lines.join(g.ending) + (g.trailingBreak ? g.ending : '');
      if (boms > 1) clean = false;
      if (hostileRate > 0 && g.unterminated < 0.03) {
        text += '"open';
        clean = false;
      }
      let bytes = encoding === 'utf-8' ? utf8.encode(text) : gbk(text);
      if (hostileRate > 0 && g.damage) {
        const p = g.damage.at % (bytes.length + 1);
        bytes = new Uint8Array([...bytes.subarray(0, p), ...g.damage.bytes, ...bytes.subarray(p)]);
        clean = false;
      }
      const policies = completePolicies({
        hasHeader: g.header, skipRows: g.titles.length, returns: g.returns, duplicates: g.duplicates, maxExamples: g.maxExamples, raggedRows: g.ragged,
        statuses: { ...completePolicies({}).statuses, rows: g.statusRows, classes: g.statusClasses },
        cancellation: { orderIdPrefix: g.prefix },
      });
      return { encoding, delimiter: g.delimiter, mapping, policies, bytes, clean };
    });

/** The bytes cut at the given positions (see splitAt). */
export const byteChunks = (bytes: Uint8Array, cuts: number[]): Uint8Array[] => splitAt(bytes, cuts);

/** The JS path over the same pieces: the import, and whether it would fail (fatal parse, replaced bytes). */
export function readWithJs(c: Pick<FastCase, 'delimiter' | 'mapping' | 'policies'> & { encoding?: CaseEncoding }, chunks: Uint8Array[]): { imp: TransactionImport; fails: boolean } {
  const builder = new TransactionColumnBuilder(c.mapping, c.policies, 4);
  const parser = new CsvParser(builder, { delimiter: c.delimiter });
  const decoder = new StreamDecoder(decoders, c.encoding ?? 'utf-8');
  for (const chunk of chunks) parser.push(decoder.decode(chunk));
  parser.push(decoder.finish());
  const summary = parser.finish();
  return { imp: builder.finish(), fails: summary.fatal !== null || decoder.replacements > 0 };
}

export function readWithKernel(
  c: Pick<FastCase, 'delimiter' | 'mapping' | 'policies'> & { encoding?: CaseEncoding }, chunks: Uint8Array[], expectedRows = 4,
): { imp: TransactionImport | null; reason: string | null } {
  const fast = FastCsvImport.start(c.mapping, c.policies, c.delimiter, expectedRows, decoders, c.encoding ?? 'utf-8');
  if (!fast) throw new Error('the kernel did not start');
  for (const chunk of chunks) if (!fast.push(chunk)) break;
  const imp = fast.finish();
  return { imp, reason: fast.bailReason };
}

/** Same import, typed arrays byte for byte; on a difference, vitest's diff of the two. */
export function expectSameImport(fast: TransactionImport, js: TransactionImport): void {
  if (!isDeepStrictEqual(fast, js)) {
    expect(fast.report).toEqual(js.report);
    expect(fast.columns).toEqual(js.columns);
    expect(fast).toStrictEqual(js);
    throw new Error('imports differ in a way toEqual does not show (−0 and 0?)');
  }
}

