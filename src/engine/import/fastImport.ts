/**
 * The fast import of a CSV file: its bytes (UTF-8 or GBK) read into typed columns by a WebAssembly kernel
 * (wasm/assembly), without decoding the text or making a string per field. Only a new dictionary
 * value becomes a string — the kernel keeps the distinct values' bytes, and they are decoded here
 * after each piece, all of a piece's new values in one decode.
 *
 * The kernel does what CsvParser + TransactionColumnBuilder do — text columns, `yyyy-mm-dd` (or
 * `yyyymmdd`, or with a time) dates, plain decimal amounts, quantities and unit prices, order
 * statuses, a cancellation prefix on order ids, returns, exact duplicate rows, rows without a
 * customer — and the result is theirs exactly (tests/unit/import/fastImport*.test.ts). Two things
 * pause it at a row, which it reads again once helped here: a status value not seen before (classed
 * here as StatusTally classes it), and a date, quantity or amount in another form (`2024年1月5日`,
 * `¥1,200`, a bad value), read here by the JS readers. What it does not do — a ragged row to be
 * padded, invalid text, day-first dates whose order the column decides — makes it refuse, and the caller reads the
 * file again with the JS path, which reads every form and reports every problem. What it takes is
 * decided up front (fastImportSupported), the rest row by row.
 */
import { collectRecords, type Delimiter } from './csv';
import { DayMonthEvidence } from './dayMonth';
import { detach } from './dictionary';
import type { TextDecoderFactory, TextDecoderLike } from './encoding';
import { emptyReport, type RowCount } from './importReport';
import { classifyStatus, STATUS_CLASSES, type ImportPolicies } from './policies';
import type { CodedColumn, ColumnMapping, TransactionColumns, TransactionImport } from './transactions';
import { DATE_DAY_MONTH, DATE_EXCEL, DATE_FAIL, DATE_FORMS, numberSlot, readDate, readNumber, type DateSlot } from './values';
import {
  BAIL, BAIL_REASONS, EXAMPLE_KINDS, importKernel, OK, PAUSE, PAUSE_STATUS, QUANTITY_COLUMN, releaseImportKernel, S_ABOVE_HEADER, S_BAD_AMOUNT,
  S_BAD_DATE, S_BAD_QUANTITY, S_BAIL, S_DUPLICATES, S_DUPLICATES_DROPPED, S_EXPECTED, S_FORMS, S_HEADER_LEN, S_IMPORTED, S_MARKED, S_NEGATIVE,
  S_NO_CUSTOMER, S_ORDER_CANCELLED, S_ORDER_REFUNDED, S_PERCENT_AMOUNT, S_RAGGED, S_RAGGED_SKIPPED, S_RETURNS, S_RETURNS_EXCLUDED, S_ROWS_READ, STATS, STATUS_DICTIONARY,
  TEXT_FIELDS, type BailReason, type ImportKernel,
} from './wasm/kernel';

/** CsvParser's default limits, which the kernel keeps (in bytes, so it refuses no later than the parser). */
const MAX_FIELD = 1 << 20;
const MAX_ROW = 8 << 20;
const MAX_COLUMNS = 1024;

/** The encodings the kernel reads: UTF-8, and GBK (the two-byte part of GB18030, as Chinese Excel saves CSV). */
export type FastEncoding = 'utf-8' | 'gb18030';

/**
 * Whether a file in this encoding, read with this mapping and these policies, can take the fast
 * path: UTF-8 or GB18030 text, an ASCII cancellation prefix (its bytes are its character codes in
 * both), and everything but provinces read from addresses. With the delimiter (when it is known):
 * not blank-separated columns, and in GB18030 not `|`, a byte of some two-byte characters.
 */
export function fastImportSupported(mapping: ColumnMapping, policies: ImportPolicies, encoding: string, delimiter?: Delimiter): encoding is FastEncoding {
  if (encoding !== 'utf-8' && encoding !== 'gb18030') return false;
  if (delimiter === ' ' || (encoding === 'gb18030' && delimiter === '|')) return false;
  if (mapping.orderId !== undefined && !isAscii(policies.cancellation.orderIdPrefix ?? '')) return false;
  return !policies.regionFromAddress && (mapping.amount !== undefined || (mapping.unitPrice !== undefined && mapping.quantity !== undefined));
}

const isAscii = (text: string) => [...text].every((ch) => ch.charCodeAt(0) < 0x80);

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
  /** Decodes the values' and the header's bytes (never across calls: each holds whole characters). */
  readonly #text: TextDecoderLike;
  #failed: BailReason | null = null;
  readonly #num = numberSlot();
  readonly #day: DateSlot = { day: 0, a: 0, b: 0, year: 0 };
  /** Rows whose values the JS readers read (PAUSE_VALUES). */
  #helped = 0;
  /** The kernel has been given back (the import finished or was refused). */
  #ended = false;

  private constructor(kernel: ImportKernel, mapping: ColumnMapping, policies: ImportPolicies, delimiter: Delimiter, decoder: TextDecoderLike) {
    this.#kernel = kernel;
    this.#text = decoder;
    this.#mapping = mapping;
    this.#policies = policies;
    this.#delimiter = delimiter;
  }

  static start(
    mapping: ColumnMapping, policies: ImportPolicies, delimiter: Delimiter, expectedRows: number, decoders: TextDecoderFactory, encoding: string = 'utf-8',
  ): FastCsvImport | null {
    if (!fastImportSupported(mapping, policies, encoding, delimiter)) return null;
    const kernel = importKernel();
    if (!kernel) return null;
    const at = (i: number | undefined) => (i === undefined ? -1 : i);
    const [t0, t1, t2, t3] = TEXT_FIELDS.map((f) => at(mapping[f]));
    const unitPrice = mapping.amount === undefined;
    const prefixText = mapping.orderId === undefined ? '' : (policies.cancellation.orderIdPrefix ?? '');
    const prefix = Uint8Array.from(prefixText, (ch) => ch.charCodeAt(0));
    const ready = kernel.setup(
      delimiter.charCodeAt(0), mapping.customer, mapping.date, unitPrice ? mapping.unitPrice! : mapping.amount!, t0, t1, t2, t3,
      at(mapping.quantity), unitPrice ? 1 : 0, at(mapping.status), policies.statuses.rows === 'orderOutcome' ? 1 : 0, prefix.length,
      policies.skipRows, policies.hasHeader ? 1 : 0, RETURNS[policies.returns], DUPLICATES[policies.duplicates], policies.maxExamples,
      MAX_FIELD, MAX_ROW, MAX_COLUMNS, policies.decimalMark.charCodeAt(0), Math.min(expectedRows, 1 << 24), encoding === 'gb18030' ? 1 : 0,
      policies.raggedRows === 'skip' ? 1 : 0,
    );
    if (ready) {
      new Uint8Array(kernel.memory.buffer, kernel.prefixAt(), prefix.length).set(prefix);
      return new FastCsvImport(kernel, mapping, policies, delimiter, decoders(encoding, { fatal: false }));
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
      report.header = collectRecords(this.#text.decode(bytes), { delimiter: this.#delimiter }).rows[0].map(detach);
    }
    for (let f = 1; f < DATE_FORMS.length; f++) report.dates.forms[DATE_FORMS[f]!] = stats[S_FORMS + f];
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
    fill(report.skipped.badDate, stats[S_BAD_DATE], 'badDate');
    fill(report.skipped.badQuantity, stats[S_BAD_QUANTITY], 'badQuantity');
    fill(report.skipped.badAmount, stats[S_BAD_AMOUNT], 'badAmount');
    fill(report.skipped.percentAmount, stats[S_PERCENT_AMOUNT], 'percentAmount');
    fill(report.ragged, stats[S_RAGGED], 'ragged');
    fill(report.skipped.raggedRow, stats[S_RAGGED_SKIPPED], 'raggedSkipped');
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
    // A row the kernel needs help with; it reads the row again, resuming there.
    while (status === PAUSE) {
      if (new Int32Array(this.#kernel.memory.buffer, this.#kernel.pauseAt(), 1)[0] === PAUSE_STATUS) {
        // A status value not seen before: class the new values.
        this.#takeNewValues();
        this.#classifyStatuses();
      } else if (!this.#readValues()) return false;
      status = this.#kernel.scan(0, final ? 1 : 0);
    }
    if (status !== OK) return this.#fail(status === BAIL ? BAIL_REASONS[this.#stats()[S_BAIL]] : 'memory');
    this.#takeNewValues();
    return true;
  }

  /**
   * A row whose date, quantity or amount is in a form only the JS readers read (`2024年1月5日`,
   * `¥1,200`, an Excel serial, a bad value): its three fields read as TransactionColumnBuilder reads
   * them, the results given to the kernel. A date whose day/month order the column decides, or help
   * needed by more than a fifth of the rows, ends the fast import: each such row costs about 3 µs
   * here, and at a fifth of them the JS path is as quick.
   */
  #readValues(): boolean {
    const k = this.#kernel;
    const policies = this.#policies;
    if (++this.#helped > 2000 && this.#helped * 5 > this.#stats()[S_ROWS_READ]) return this.#fail('mixed');
    const at = new Uint32Array(k.memory.buffer, k.pauseAt(), 8);
    const field = (i: number) => this.#text.decode(new Uint8Array(k.memory.buffer, at[i], at[i + 1] - at[i]));
    const date = field(2);
    const order = policies.dayMonthOrder === 'auto' ? null : policies.dayMonthOrder;
    let form = readDate(date, 0, date.length, order, this.#day);
    if (form === DATE_DAY_MONTH && order === null) return this.#fail('dayMonth');
    if (form === DATE_EXCEL && policies.excelSerials === 'reject') form = DATE_FAIL;
    let quantity = 0;
    let quantityError = 0;
    let amount = 0;
    let amountError = 0;
    if (form !== DATE_FAIL && this.#mapping.quantity !== undefined) {
      const q = field(4);
      if (readNumber(q, 0, q.length, policies.decimalMark, this.#num, false) !== null) quantityError = 1;
      else quantity = this.#num.value;
    }
    if (form !== DATE_FAIL && quantityError === 0) {
      const a = field(6);
      const error = readNumber(a, 0, a.length, policies.decimalMark, this.#num, false);
      if (error !== null) amountError = error === 'percent' ? 2 : 1;
      else {
        amount = this.#mapping.amount === undefined ? this.#num.value * quantity : this.#num.value;
        if (!Number.isFinite(amount)) amountError = 1;
      }
    }
    const to = k.suppliedAt();
    new Int32Array(k.memory.buffer, to, 4).set([form, this.#day.day, quantityError, amountError]);
    new Float64Array(k.memory.buffer, to + 16, 2).set([quantity, amount]);
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
      const text = this.#text.decode(new Uint8Array(k.memory.buffer, k.dictionaryArena(d) + from, to - from));
      let at = 0;
      for (let c = values.length; c < size; c++) {
        const units = entries[8 * c + 6];
        values.push(text.slice(at, at + units));
        at += units;
      }
    }
  }
}

/** Bytes handed to the kernel at a time: a big piece would need as big an input buffer. */
const MAX_PIECE = 1 << 20;
