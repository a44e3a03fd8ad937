/**
 * Dates written `a/b/yyyy` whose day/month order the whole column decides. While the column is read
 * they are kept as PENDING + (year·32 + a)·32 + b, far above any real day number (years up to 9999
 * stay below 2^31); once the order is known (from the column, or the user's answer) they become day
 * numbers.
 */
import type { TransactionColumns } from './columns';
import type { ImportReport } from './importReport';
import { dayMonthToDays, type DayMonthOrder } from './values';

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
