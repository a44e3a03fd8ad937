/**
 * The fast import of a CSV file: its UTF-8 bytes read into typed columns by a WebAssembly kernel
 * (wasm/assembly), without decoding the text or making a string per field. Only a new dictionary
 * value becomes a string — the kernel keeps the distinct values' bytes, and they are decoded here
 * after each piece, all of a piece's new values in one decode.
 *
 * The kernel does what CsvParser + TransactionColumnBuilder do for the usual export — text columns,
 * `yyyy-mm-dd` (or `yyyymmdd`, or with a time) dates, plain decimal amounts, quantities and unit
 * prices, order statuses, a cancellation prefix on order ids, negative amounts and refunds as
 * returns, exact duplicate rows, rows without a customer — and the result is theirs exactly
 * (tests/unit/import/fastImport*.test.ts). A status value it has not seen pauses it: the value is
 * classed here (classifyStatus, as StatusTally does) and the kernel reads the row again. At the first
 * thing it does not do the same way — a ragged row, `1,200` or `¥5`, a day-first date, invalid
 * UTF-8 — it refuses, and the caller reads the file again with the JS path, which reads every form
 * and reports every problem. What it takes is decided up front (fastImportSupported), the rest row
 * by row.
 */
import { collectRecords, type Delimiter } from './csv';
import { DayMonthEvidence } from './dayMonth';
import { detach } from './dictionary';
import type { TextDecoderFactory, TextDecoderLike } from './encoding';
import { emptyReport, type RowCount } from './importReport';
import { classifyStatus, STATUS_CLASSES, type ImportPolicies } from './policies';
import type { CodedColumn, ColumnMapping, TransactionColumns, TransactionImport } from './transactions';
import {
  BAIL, BAIL_REASONS, EXAMPLE_KINDS, importKernel, OK, PAUSE, QUANTITY_COLUMN, releaseImportKernel, S_ABOVE_HEADER, S_BAIL, S_COMPACT,
  S_DUPLICATES, S_DUPLICATES_DROPPED, S_EXPECTED, S_HEADER_LEN, S_IMPORTED, S_MARKED, S_NEGATIVE, S_NO_CUSTOMER, S_ORDER_CANCELLED,
  S_ORDER_REFUNDED, S_RETURNS, S_RETURNS_EXCLUDED, S_ROWS_READ, S_YMD, STATS, STATUS_DICTIONARY, TEXT_FIELDS, type BailReason, type ImportKernel,
} from './wasm/kernel';

/** CsvParser's default limits, which the kernel keeps (in bytes, so it refuses no later than the parser). */
const MAX_FIELD = 1 << 20;
const MAX_ROW = 8 << 20;
const MAX_COLUMNS = 1024;

/**
 * Whether a file read with this mapping, these policies and this delimiter can take the fast path:
 * everything but provinces read from addresses and blank-separated columns.
 */
export function fastImportSupported(mapping: ColumnMapping, policies: ImportPolicies, delimiter: Delimiter): boolean {
  return delimiter !== ' ' && !policies.regionFromAddress && (mapping.amount !== undefined || (mapping.unitPrice !== undefined && mapping.quantity !== undefined));
}

const RETURNS = { keep: 0, netOff: 1, exclude: 2 } as const;
const DUPLICATES = { off: 0, keep: 1, drop: 2 } as const;

/**
 * Usage: `FastCsvImport.start(…)` (null when the kernel cannot run), then `push(bytes)` for each piece
 * of the file and `finish()`; a false from push or a null from finish means the kernel refused the
 * file (`bailReason` says why) and it must be read with the JS path.
 */
export class FastCsvImport {
  readonly #kernel: ImportKernel;
  readonly #mapping: ColumnMapping;
  readonly #policies: ImportPolicies;
  readonly #delimiter: Delimiter;
  /** The distinct values of each dictionary: customer, the TEXT_FIELDS, the status column. */
  readonly #values: string[][] = [[], [], [], [], [], []];
  readonly #utf8: TextDecoderLike;
  #failed: BailReason | null = null;
  /** The kernel has been given back (the import finished or was refused). */
  #ended = false;

  private constructor(kernel: ImportKernel, mapping: ColumnMapping, policies: ImportPolicies, delimiter: Delimiter, decoders: TextDecoderFactory) {
    this.#kernel = kernel;
    this.#utf8 = decoders('utf-8', { fatal: false });
    this.#mapping = mapping;
    this.#policies = policies;
    this.#delimiter = delimiter;
  }

  static start(mapping: ColumnMapping, policies: ImportPolicies, delimiter: Delimiter, expectedRows: number, decoders: TextDecoderFactory): FastCsvImport | null {
    if (!fastImportSupported(mapping, policies, delimiter)) return null;
    const kernel = importKernel();
    if (!kernel) return null;
    const at = (i: number | undefined) => (i === undefined ? -1 : i);
    const [t0, t1, t2, t3] = TEXT_FIELDS.map((f) => at(mapping[f]));
    const unitPrice = mapping.amount === undefined;
    const prefix = mapping.orderId !== undefined && policies.cancellation.orderIdPrefix ? utf8Bytes(policies.cancellation.orderIdPrefix) : new Uint8Array(0);
    const ready = kernel.setup(
      delimiter.charCodeAt(0), mapping.customer, mapping.date, unitPrice ? mapping.unitPrice! : mapping.amount!, t0, t1, t2, t3,
      at(mapping.quantity), unitPrice ? 1 : 0, at(mapping.status), policies.statuses.rows === 'orderOutcome' ? 1 : 0, prefix.length,
      policies.skipRows, policies.hasHeader ? 1 : 0, RETURNS[policies.returns], DUPLICATES[policies.duplicates], policies.maxExamples,
      MAX_FIELD, MAX_ROW, MAX_COLUMNS, policies.decimalMark.charCodeAt(0), Math.min(expectedRows, 1 << 24),
    );
    if (ready) {
      new Uint8Array(kernel.memory.buffer, kernel.prefixAt(), prefix.length).set(prefix);
      return new FastCsvImport(kernel, mapping, policies, delimiter, decoders);
    }
    releaseImportKernel(kernel);
    return null;
  }

  /** Why the kernel refused the file, or null. */
  get bailReason(): BailReason | null {
    return this.#failed;
  }

  /** Data records read so far (for progress). */
  get rowsRead(): number {
    return this.#ended ? 0 : this.#stats()[S_ROWS_READ];
  }

  /** Reads the next piece of the file; false once the kernel has refused it. */
  push(bytes: Uint8Array): boolean {
    if (this.#ended) return false;
    for (let at = 0; at < bytes.length; at += MAX_PIECE) {
      const piece = bytes.subarray(at, Math.min(bytes.length, at + MAX_PIECE));
      const to = this.#kernel.inputAt(piece.length);
      if (to === 0) return this.#fail('memory');
      new Uint8Array(this.#kernel.memory.buffer, to, piece.length).set(piece);
      if (!this.#scan(piece.length, false)) return false;
    }
    return true;
  }

  /** The import, or null when the kernel refused the file. */
  finish(): TransactionImport | null {
    if (this.#ended || !this.#scan(0, true)) return null;
    const k = this.#kernel;
    const stats = this.#stats();
    const n = stats[S_IMPORTED];
    const policies = this.#policies;
    const memory = k.memory.buffer;
    const coded = (d: number): CodedColumn => ({ codes: new Int32Array(memory, k.columnAt(d === 0 ? 0 : 2 + d), n).slice(), values: this.#values[d] });
    const text = (f: (typeof TEXT_FIELDS)[number]) => (this.#mapping[f] === undefined ? null : coded(1 + TEXT_FIELDS.indexOf(f)));
    const columns: TransactionColumns = {
      length: n,
      customer: coded(0),
      date: new Int32Array(memory, k.columnAt(1), n).slice(),
      amount: new Float64Array(memory, k.columnAt(2), n).slice(),
      quantity: this.#mapping.quantity === undefined ? null : new Float64Array(memory, k.columnAt(QUANTITY_COLUMN), n).slice(),
      orderId: text('orderId'),
      channel: text('channel'),
      region: text('region'),
      product: text('product'),
    };
    const report = emptyReport(policies);
    report.rowsRead = stats[S_ROWS_READ];
    report.rowsImported = n;
    report.rowsAboveHeader = stats[S_ABOVE_HEADER];
    if (policies.hasHeader && stats[S_EXPECTED] >= 0) {
      const bytes = new Uint8Array(memory, k.headerAt(), stats[S_HEADER_LEN]);
      report.header = collectRecords(this.#utf8.decode(bytes), { delimiter: this.#delimiter }).rows[0].map(detach);
    }
    report.dates.forms.ymd = stats[S_YMD];
    report.dates.forms.compact = stats[S_COMPACT];
    const examples = new Int32Array(memory, k.examplesAt(), EXAMPLE_KINDS.length * Math.max(1, policies.maxExamples));
    const fill = (into: RowCount, count: number, kind: (typeof EXAMPLE_KINDS)[number]) => {
      const from = EXAMPLE_KINDS.indexOf(kind) * policies.maxExamples;
      into.count = count;
      into.rows = [...examples.subarray(from, from + Math.min(count, policies.maxExamples))];
    };
    fill(report.duplicates, stats[S_DUPLICATES], 'duplicates');
    fill(report.skipped.duplicate, stats[S_DUPLICATES_DROPPED], 'duplicatesDropped');
    fill(report.returns, stats[S_RETURNS], 'returns');
    report.returns.negativeAmount = stats[S_NEGATIVE];
    report.returns.marked = stats[S_MARKED];
    fill(report.skipped.returnExcluded, stats[S_RETURNS_EXCLUDED], 'returnsExcluded');
    fill(report.skipped.missingCustomer, stats[S_NO_CUSTOMER], 'noCustomer');
    fill(report.skipped.orderCancelled, stats[S_ORDER_CANCELLED], 'orderCancelled');
    fill(report.skipped.orderRefunded, stats[S_ORDER_REFUNDED], 'orderRefunded');
    if (this.#mapping.status !== undefined) {
      const statuses = this.#values[STATUS_DICTIONARY];
      const classes = new Int32Array(memory, k.statusClassesAt(), statuses.length);
      const rows = new Int32Array(memory, k.statusRowsAt(), statuses.length);
      report.statuses = statuses.map((value, code) => ({ value, class: STATUS_CLASSES[classes[code]], rows: rows[code] }));
      report.statusRows = policies.statuses.rows;
    }
    this.#ended = true;
    releaseImportKernel(k);
    const question = new DayMonthEvidence(policies.maxExamples).settle(columns, report, policies.dayMonthOrder);
    return { columns, report, question };
  }

  #stats(): Int32Array {
    return new Int32Array(this.#kernel.memory.buffer, this.#kernel.statsAt(), STATS);
  }

  #scan(len: number, final: boolean): boolean {
    let status = this.#kernel.scan(len, final ? 1 : 0);
    // A row with a status value not seen before: class the new values, and the kernel reads the row again.
    while (status === PAUSE) {
      this.#takeNewValues();
      this.#classifyStatuses();
      status = this.#kernel.scan(0, final ? 1 : 0);
    }
    if (status !== OK) return this.#fail(status === BAIL ? BAIL_REASONS[this.#stats()[S_BAIL]] : 'memory');
    this.#takeNewValues();
    return true;
  }

  /** Each status value's class, as StatusTally gives it (classifyStatus), into the kernel's table. */
  #classifyStatuses(): void {
    const values = this.#values[STATUS_DICTIONARY];
    const classes = new Int32Array(this.#kernel.memory.buffer, this.#kernel.statusClassesAt(), values.length);
    for (let code = 0; code < values.length; code++) {
      if (classes[code] < 0) classes[code] = STATUS_CLASSES.indexOf(classifyStatus(values[code], this.#policies.statuses));
    }
  }

  #fail(reason: BailReason): false {
    this.#failed = reason;
    this.#ended = true;
    releaseImportKernel(this.#kernel);
    return false;
  }

  /** Decodes the values each dictionary gained: one decode of their bytes, cut by UTF-16 lengths. */
  #takeNewValues(): void {
    const k = this.#kernel;
    for (let d = 0; d < this.#values.length; d++) {
      if (d === STATUS_DICTIONARY ? this.#mapping.status === undefined : d > 0 && this.#mapping[TEXT_FIELDS[d - 1]] === undefined) continue;
      const values = this.#values[d];
      const size = k.dictionarySize(d);
      if (size === values.length) continue;
      // Entries are 8 words a code: the value's first 16 bytes, arena offset, byte length, UTF-16 length, hash.
      const entries = new Int32Array(k.memory.buffer, k.dictionaryEntries(d), 8 * size);
      const from = entries[8 * values.length + 4];
      const to = entries[8 * (size - 1) + 4] + entries[8 * (size - 1) + 5];
      const text = this.#utf8.decode(new Uint8Array(k.memory.buffer, k.dictionaryArena(d) + from, to - from));
      let at = 0;
      for (let c = values.length; c < size; c++) {
        const units = entries[8 * c + 6];
        values.push(text.slice(at, at + units));
        at += units;
      }
    }
  }
}

function utf8Bytes(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return new Uint8Array(out);
}

/** Bytes handed to the kernel at a time: a big piece would need as big an input buffer. */
const MAX_PIECE = 1 << 20;
