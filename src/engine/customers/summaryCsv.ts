/**
 * Reading the result files of the summary queries (sql.ts) with the app's own CSV parser: columns
 * found by name (any order, extra columns ignored), each value read strictly, and every problem kept
 * as data — a code, the 1-based row a spreadsheet shows (the header is row 1) and the column name.
 * An import with any problem imports nothing.
 */
import { CsvParser, FIELD_ESCAPED, type CsvIssueCode, type CsvOptions, type CsvRecord } from '../import/csv';
import { DATE_YMD, readDate, readNumber, type DateSlot, type NumberSlot } from '../import/values';

export type SummaryProblemCode =
  | CsvIssueCode
  /** No header row, or no data rows under it. */
  | 'noHeader'
  | 'noRows'
  | 'missingColumn'
  | 'duplicateColumn'
  | 'emptyCustomer'
  /** A customer (summary) or customer and channel (channel totals) listed twice. */
  | 'duplicateRow'
  /** A channel row for a customer the summary does not list. */
  | 'unknownCustomer'
  | 'badDate'
  | 'badNumber'
  | 'notWholeNumber'
  | 'outOfRange'
  /** Not one of the words the column allows (order_basis, clv_period). */
  | 'badValue'
  /** A column that holds one value for the whole file (analysis_date, …) differs from the first row's. */
  | 'mixedValues'
  /** A value contradicts the others on its row (e.g. recency ≠ analysis date − last order). */
  | 'inconsistent';

export interface SummaryProblem {
  readonly code: SummaryProblemCode;
  readonly row: number;
  /** The column at fault; null for problems of the whole row. */
  readonly column: string | null;
}

export interface SummaryReadOptions {
  /** Passed to the CSV parser; default: delimiter detected. */
  readonly csv?: CsvOptions;
  /** Problems kept (all are counted); default 100. */
  readonly maxProblems?: number;
}

export type SummaryImportResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly SummaryProblem[]; readonly problemCount: number };

const MAX_INT32 = 0x7fffffff;
const isBlank = (c: number) => c === 0x20 || c === 0x09;
/** 0–9 . + - e E */
const isNumberChar = (c: number) => (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2b || c === 0x2d || c === 0x65 || c === 0x45;

/** One data row while it is read: typed field readers that record a problem and return null on a bad value. */
export class SummaryRow {
  record!: CsvRecord;
  readonly #reader: SummaryReader;
  readonly #index: Int32Array;
  readonly #names: readonly string[];
  readonly #num: NumberSlot = { value: 0 };
  readonly #day: DateSlot = { day: 0, a: 0, b: 0, year: 0 };

  constructor(reader: SummaryReader, names: readonly string[], index: Int32Array) {
    this.#reader = reader;
    this.#names = names;
    this.#index = index;
  }

  get row(): number {
    return this.record.row;
  }

  problem(code: SummaryProblemCode, column: number | null): void {
    this.#reader.problem(code, this.record.row, column === null ? null : this.#names[column]);
  }

  /** The text of column i, surrounding spaces and tabs removed (as the transaction importer trims ids). */
  text(i: number): string {
    const r = this.record;
    const f = this.#index[i];
    let start = r.starts[f];
    let end = r.ends[f];
    while (start < end && isBlank(r.src.charCodeAt(start))) start++;
    while (end > start && isBlank(r.src.charCodeAt(end - 1))) end--;
    const s = r.src.slice(start, end);
    return r.kinds[f] === FIELD_ESCAPED ? s.replaceAll('""', '"') : s;
  }

  /** A `YYYY-MM-DD` date (a time of day after it is allowed and dropped) as a day number. */
  date(i: number): number | null {
    const r = this.record;
    const f = this.#index[i];
    if (readDate(r.src, r.starts[f], r.ends[f], null, this.#day) !== DATE_YMD) return this.#fail('badDate', i);
    return this.#day.day;
  }

  /**
   * A finite number as SQL engines write them: digits, a decimal point, a sign and an exponent
   * (Spark writes 1.0E7) — no grouping, currency or percent, which the transaction importer accepts.
   */
  number(i: number): number | null {
    const r = this.record;
    const f = this.#index[i];
    for (let j = r.starts[f]; j < r.ends[f]; j++) if (!isNumberChar(r.src.charCodeAt(j))) return this.#fail('badNumber', i);
    if (readNumber(r.src, r.starts[f], r.ends[f], '.', this.#num) !== null || !Number.isFinite(this.#num.value)) return this.#fail('badNumber', i);
    return this.#num.value;
  }

  /** A whole number in [min, 2³¹ − 1]. */
  whole(i: number, min: number): number | null {
    const v = this.number(i);
    if (v === null) return null;
    if (!Number.isInteger(v)) return this.#fail('notWholeNumber', i);
    if (v < min || v > MAX_INT32) return this.#fail('outOfRange', i);
    return v;
  }

  #fail(code: SummaryProblemCode, i: number): null {
    this.problem(code, i);
    return null;
  }
}

/**
 * Parses `text` (whole, or in chunks) and calls `onRow` for each data row that has every field;
 * rows the parser flags (wrong field count) are problems and not handed on.
 */
export class SummaryReader {
  readonly #columns: readonly string[];
  readonly #maxProblems: number;
  readonly problems: SummaryProblem[] = [];
  problemCount = 0;
  rows = 0;

  constructor(columns: readonly string[], maxProblems = 100) {
    this.#columns = columns;
    this.#maxProblems = maxProblems;
  }

  problem(code: SummaryProblemCode, row: number, column: string | null): void {
    this.problemCount++;
    if (this.problems.length < this.#maxProblems) this.problems.push({ code, row, column });
  }

  read(text: string | Iterable<string>, onRow: (row: SummaryRow) => void, csv?: CsvOptions): void {
    let row: SummaryRow | null = null;
    let expected = -1;
    let headerSeen = false;
    const parser = new CsvParser(
      {
        record: (r) => {
          if (!headerSeen) {
            headerSeen = true;
            expected = r.count;
            row = this.#header(r);
            return;
          }
          if (row === null || r.count !== expected) return;
          this.rows++;
          row.record = r;
          onRow(row);
        },
      },
      csv,
    );
    for (const chunk of typeof text === 'string' ? [text] : text) if (!parser.push(chunk)) break;
    const summary = parser.finish();
    for (const issue of summary.issues) this.problem(issue.code, issue.row, null);
    // Issues beyond the parser's examples are counted, not listed.
    const counted = Object.values(summary.issueCounts).reduce((a, b) => a + (b ?? 0), 0);
    this.problemCount += counted - summary.issues.length;
    if (!headerSeen) this.problem('noHeader', 1, null);
    else if (this.rows === 0 && row !== null) this.problem('noRows', 2, null);
  }

  result<T>(value: () => T): SummaryImportResult<T> {
    if (this.problemCount > 0) return { ok: false, problems: this.problems, problemCount: this.problemCount };
    return { ok: true, value: value() };
  }

  /** Column positions by name (trimmed, case-insensitive); null when one is missing or doubled. */
  #header(r: CsvRecord): SummaryRow | null {
    const names: string[] = [];
    for (let f = 0; f < r.count; f++) names.push(r.src.slice(r.starts[f], r.ends[f]).replaceAll('""', '"').trim().toLowerCase());
    const index = new Int32Array(this.#columns.length);
    let ok = true;
    this.#columns.forEach((column, i) => {
      const at = names.indexOf(column);
      if (at < 0) {
        this.problem('missingColumn', r.row, column);
        ok = false;
      } else if (names.indexOf(column, at + 1) >= 0) {
        this.problem('duplicateColumn', r.row, column);
        ok = false;
      }
      index[i] = at;
    });
    return ok ? new SummaryRow(this, this.#columns, index) : null;
  }
}

/** Typed arrays that grow by doubling while rows are read. */
export class GrowingInt32 {
  #data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.#data.length) {
      const next = new Int32Array(this.#data.length * 2);
      next.set(this.#data);
      this.#data = next;
    }
    this.#data[this.length++] = v;
  }
  toArray(): Int32Array {
    return this.#data.slice(0, this.length);
  }
}

export class GrowingFloat64 {
  #data = new Float64Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.#data.length) {
      const next = new Float64Array(this.#data.length * 2);
      next.set(this.#data);
      this.#data = next;
    }
    this.#data[this.length++] = v;
  }
  toArray(): Float64Array {
    return this.#data.slice(0, this.length);
  }
}
