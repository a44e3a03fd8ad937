/**
 * What an import did with every row: how many were read and imported, each skipped row under one
 * reason with example row numbers, returns, duplicates, statuses and the date forms read. Data only:
 * the UI words it.
 */
import type { ImportPolicies, ReturnsPolicy, StatusClass } from './policies';
import type { DateForm, DayMonthVerdict } from './values';

/** How many rows, and the first few row numbers (1-based, as a spreadsheet shows them). */
export interface RowCount {
  count: number;
  rows: number[];
}

/** Why a row was not imported; a row counts under the first that applies, in this order. */
export const SKIP_REASONS = [
  'raggedRow',
  'missingCustomer',
  'badDate',
  'badAmount',
  'percentAmount',
  'badQuantity',
  'orderCancelled',
  'orderRefunded',
  'returnExcluded',
  'duplicate',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface DayMonthQuestion {
  verdict: 'ambiguous' | 'conflict';
  /** Rows whose date reads either way, and how many prove each order. */
  rows: number;
  dayFirstProofs: number;
  monthFirstProofs: number;
  /** A few dates as written with both readings (null: no such day in that reading). */
  samples: { text: string; dmy: string | null; mdy: string | null }[];
}

/** One distinct value of the order status column: its class and the rows that had it. */
export interface StatusCount {
  value: string;
  class: StatusClass;
  rows: number;
}

export interface ImportReport {
  /** Data records read (the header and the lines above it not included). */
  rowsRead: number;
  rowsImported: number;
  /** Records skipped before the header (a title line, an export date). */
  rowsAboveHeader: number;
  /** Rows not imported, each under the first reason that applies (in the order of SKIP_REASONS). */
  skipped: Record<SkipReason, RowCount>;
  /** Rows with a different number of fields than the header (skipped or padded by the policy). */
  ragged: RowCount;
  /** Rows taken for returns, whatever the policy did with them. */
  returns: RowCount & { policy: ReturnsPolicy; negativeAmount: number; marked: number };
  /** Exact duplicates of an earlier row (each copy after the first). */
  duplicates: RowCount & { policy: ImportPolicies['duplicates'] };
  /** Every value of the status column, in order of first appearance ([] without one). */
  statuses: StatusCount[];
  /** How refund and cancellation statuses on positive amounts were read (null without a status column). */
  statusRows: ImportPolicies['statuses']['rows'] | null;
  dates: {
    forms: Record<DateForm, number>;
    /** Order of `a/b/yyyy` dates: decided, given by the caller, or null when there were none. */
    dayMonthOrder: DayMonthVerdict | null;
  };
  /** Header names (empty without a header). */
  header: string[];
}

const rowCount = (): RowCount => ({ count: 0, rows: [] });

export function emptySkips(): Record<SkipReason, RowCount> {
  const out = {} as Record<SkipReason, RowCount>;
  for (const reason of SKIP_REASONS) out[reason] = rowCount();
  return out;
}

export function emptyReport(policies: Pick<ImportPolicies, 'returns' | 'duplicates'>): ImportReport {
  return {
    rowsRead: 0,
    rowsImported: 0,
    rowsAboveHeader: 0,
    skipped: emptySkips(),
    ragged: rowCount(),
    returns: { ...rowCount(), policy: policies.returns, negativeAmount: 0, marked: 0 },
    duplicates: { ...rowCount(), policy: policies.duplicates },
    statuses: [],
    statusRows: null,
    dates: { forms: { ymd: 0, compact: 0, cjk: 0, dayMonth: 0, excelSerial: 0 }, dayMonthOrder: null },
    header: [],
  };
}

/** Rows skipped for any reason. */
export function skippedRows(report: ImportReport): number {
  let n = 0;
  for (const reason of SKIP_REASONS) n += report.skipped[reason].count;
  return n;
}
