/**
 * Dates written `a/b/yyyy` whose day/month order the whole column decides. While the column is read
 * they are kept as PENDING + (year·32 + a)·32 + b, far above any real day number (years up to 9999
 * stay below 2^31); once the order is known (from the column, or the user's answer) they become day
 * numbers.
 */
import { fieldText, type CsvRecord } from './csv';
import { detach } from './dictionary';
import type { DayMonthQuestion, ImportReport } from './importReport';
import type { TransactionColumns, TransactionImport } from './transactions';
import { dayMonthToDays, detectDayMonthOrder, formatDay, type DayMonthOrder } from './values';

export const PENDING = 1 << 30;

export const packDayMonth = (a: number, b: number, year: number) => PENDING + ((year * 32 + a) * 32 + b);

export function unpackDayMonth(packed: number): { a: number; b: number; year: number } {
  const v = packed - PENDING;
  return { a: Math.floor(v / 32) % 32, b: v % 32, year: Math.floor(v / 1024) };
}

const TEXT_FIELDS = ['orderId', 'channel', 'region', 'product'] as const;

/** Converts pending dates in place and drops rows that have no valid day under `order`. */
export function resolveDates(columns: TransactionColumns, report: ImportReport, order: DayMonthOrder): void {
  const date = columns.date;
  const n = columns.length;
  let dropped = 0;
  const drop = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = date[i];
    if (v < PENDING) continue;
    const { a, b, year } = unpackDayMonth(v);
    const day = dayMonthToDays(a, b, year, order);
    if (day === null) {
      drop[i] = 1;
      dropped++;
    } else date[i] = day;
  }
  if (dropped === 0) return;
  // Row numbers of the dropped rows are not known here; the count says how many.
  report.skipped.badDate.count += dropped;
  report.rowsImported -= dropped;
  report.dates.forms.dayMonth -= dropped;
  const compact = <T extends Int32Array | Float64Array>(a: T): T => {
    let j = 0;
    for (let i = 0; i < n; i++) if (drop[i] === 0) a[j++] = a[i];
    return a.slice(0, j) as T;
  };
  columns.length = n - dropped;
  columns.customer = { ...columns.customer, codes: compact(columns.customer.codes) };
  columns.date = compact(columns.date);
  columns.amount = compact(columns.amount);
  if (columns.quantity) columns.quantity = compact(columns.quantity);
  for (const f of TEXT_FIELDS) {
    const col = columns[f];
    if (col) columns[f] = { ...col, codes: compact(col.codes) };
  }
}

const nullableDay = (d: number | null) => (d === null ? null : formatDay(d));

/**
 * What a column of `a/b/yyyy` dates says about its order while it is read: how many dates prove
 * day-first (a > 12) and month-first (b > 12), and a few as written, for the question to the user.
 */
export class DayMonthEvidence {
  #rows = 0;
  #dayFirst = 0;
  #monthFirst = 0;
  readonly #samples: { a: number; b: number; year: number; text: string }[] = [];
  readonly #maxSamples: number;

  constructor(maxSamples: number) {
    this.#maxSamples = maxSamples;
  }

  /** Notes one pending date, field `field` of record `r` (read as text only while samples are wanted). */
  note(packed: number, r: CsvRecord, field: number): void {
    this.#rows++;
    const { a, b, year } = unpackDayMonth(packed);
    if (a > 12) this.#dayFirst++;
    if (b > 12) this.#monthFirst++;
    if (this.#samples.length < this.#maxSamples) this.#samples.push({ a, b, year, text: detach(fieldText(r, field).trim()) });
  }

  /**
   * After the last row: with an order fixed by the user's settings, records it; otherwise lets the
   * column decide and converts the dates, or returns the question to ask when it cannot.
   */
  settle(columns: TransactionColumns, report: ImportReport, order: DayMonthOrder | 'auto'): DayMonthQuestion | null {
    if (order !== 'auto') {
      if (report.dates.forms.dayMonth > 0) report.dates.dayMonthOrder = order;
      return null;
    }
    if (this.#rows === 0) return null;
    const verdict = detectDayMonthOrder(this.#dayFirst, this.#monthFirst);
    report.dates.dayMonthOrder = verdict;
    if (verdict === 'dmy' || verdict === 'mdy') {
      resolveDates(columns, report, verdict);
      return null;
    }
    return {
      verdict,
      rows: this.#rows,
      dayFirstProofs: this.#dayFirst,
      monthFirstProofs: this.#monthFirst,
      samples: this.#samples.map(({ a, b, year, text }) => ({
        text,
        dmy: nullableDay(dayMonthToDays(a, b, year, 'dmy')),
        mdy: nullableDay(dayMonthToDays(a, b, year, 'mdy')),
      })),
    };
  }
}

/**
 * Settles the order of pending `a/b/yyyy` dates once the user has answered the question. Rows
 * whose date is no valid day in that order (possible only when the column had proof both ways) are
 * removed from every column and counted as bad dates. The import is updated in place (its arrays
 * are large) and returned without its question.
 */
export function resolveDayMonthOrder(imp: TransactionImport, order: DayMonthOrder): TransactionImport {
  if (imp.question === null) return imp;
  resolveDates(imp.columns, imp.report, order);
  imp.report.dates.dayMonthOrder = order;
  imp.question = null;
  return imp;
}
