/**
 * What an import produces: typed-array columns of transactions (text dictionary-encoded, dates as
 * day numbers, amounts as floats), its report, and the question it may still have about dates.
 */
import type { DayMonthQuestion, ImportReport } from './importReport';

/** Where each field is in the file: 0-based column indices. */
export interface ColumnMapping {
  customer: number;
  date: number;
  /** The amount of the row; without it, amount = quantity × unitPrice (as in UCI Online Retail). */
  amount?: number;
  unitPrice?: number;
  quantity?: number;
  orderId?: number;
  channel?: number;
  region?: number;
  product?: number;
  /** An order status column, read for refunds and cancellations (see policies.ts). */
  status?: number;
}

/** Dictionary-encoded text column: codes[i] indexes values. */
export interface CodedColumn {
  codes: Int32Array;
  values: string[];
}

export interface TransactionColumns {
  length: number;
  customer: CodedColumn;
  /** Days since 1970-01-01. */
  date: Int32Array;
  amount: Float64Array;
  quantity: Float64Array | null;
  orderId: CodedColumn | null;
  channel: CodedColumn | null;
  region: CodedColumn | null;
  product: CodedColumn | null;
}

export interface TransactionImport {
  columns: TransactionColumns;
  report: ImportReport;
  /** Set when `a/b/yyyy` dates could be read two ways: call resolveDayMonthOrder before using dates. */
  question: DayMonthQuestion | null;
}
