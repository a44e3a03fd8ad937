/**
 * What the customers worker takes and returns: plain data, the same on both sides of the worker
 * boundary. The client (customersClient.ts) re-exports these for the UI.
 *
 * Money: amounts are as they came from the imported file — in the file's currency units, as
 * floats (no conversion to minor units, no currency attached). Revenue, AOV, monetary values and
 * CLV below are all in those units.
 */
import type { AbcClass, AbcClassRow, CohortGrid, CohortTable, MigrationMatrix, RfmThresholds, SegmentChannelMatrix, SegmentRow, SegmentRule } from '../engine/customers';
import type { ColumnMapping, DayMonthQuestion, ImportPolicies, ImportReport } from '../engine/import/columns';
import type { CsvIssue, Delimiter } from '../engine/import/csv';
import type { DecimalMark, DayMonthOrder } from '../engine/import/values';
import type { DatasetMeta } from '../persistence/datasets';

export interface FilePreview {
  kind: 'csv' | 'xlsx';
  /** The encoding the preview was decoded with ('utf-8' for xlsx). */
  encoding: string;
  /** csv only ([] for xlsx): every candidate, best first. */
  encodingCandidates: { encoding: string; confidence: number }[];
  /** csv only. */
  delimiter: Delimiter | null;
  /** xlsx only: the worksheets in workbook order, and the one previewed. */
  sheetNames: string[];
  sheet: string | null;
  /** The first row, and the next data rows (up to 20) as decoded text. */
  headers: string[];
  sampleRows: string[][];
  /**
   * The guessed column of each field (0-based). customer and date are −1 when no header matched:
   * the user must choose them. Optional fields are absent when not found.
   */
  mapping: ColumnMapping;
  /** 0–1 per mapped field (keys of ColumnMapping). */
  mappingConfidence: Record<string, number>;
  /** The guess has customer, date and an amount (or unit price and quantity). */
  mappingComplete: boolean;
  /** csv: no delimiter splits the lines, so the file reads as one column; the UI must say so (RELIABILITY 27). */
  singleColumn: boolean;
  /** csv: undecodable bytes (U+FFFD) in the previewed text: likely the wrong encoding. */
  replacements: number;
  /** Decimal mark read from the amount column's samples ('ambiguous' when they could be either). */
  decimalMark: DecimalMark | 'ambiguous';
  /** A cancellation prefix for order ids suggested by a well-known layout (UCI Online Retail's 'C'). */
  suggestedCancellationPrefix: string | null;
  /** Rough number of data rows, from the file size and the previewed rows' length. */
  estimatedRows: number;
}

export interface ImportOptions {
  /** The plan the data set belongs to. */
  planId: string;
  name: string;
  /** csv: the encoding to read with; default the detected one. */
  encoding?: string;
  /** csv: default detected. */
  delimiter?: Delimiter;
  /** xlsx: the sheet by name; default the first visible one. */
  sheet?: string;
  /** Optional fields set to −1 count as not mapped. */
  mapping: ColumnMapping;
  policies: ImportPolicies;
  /** The answer to a day/month question (overrides policies.dayMonthOrder). */
  dayMonthOrder?: DayMonthOrder;
}

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  /** Records read so far (the header not counted). */
  rows: number;
  /** 'reading' while the file is parsed, then 'saving' while the data set is written. */
  phase: 'reading' | 'saving';
}

/** Why an import stored nothing. */
export type ImportFailureCode =
  /** Storage is full: the write transaction rolled back (RELIABILITY 1, 2). */
  | 'quota'
  /** No row could be imported (see the report). */
  | 'noRows'
  /** The CSV parse stopped (unterminated quote, NUL byte, too long a field or row, too many columns): see `issue`. */
  | 'fatalCsv'
  /** The worksheet parse stopped (too many columns, too long a row): see `issue`. */
  | 'fatalSheet'
  /** The text does not decode in the chosen encoding (U+FFFD would be stored): choose another. */
  | 'badEncoding'
  /** The file is not text, nor an XLSX workbook. */
  | 'binary'
  /** An old binary Excel file (.xls) or a password-protected workbook: save it as .xlsx or .csv. */
  | 'unsupportedXls'
  /** The XLSX file is damaged or not a workbook. */
  | 'badXlsx'
  /** The chosen sheet does not exist. */
  | 'noSheet'
  /** The mapping lacks customer, date or amount, or points past the columns. */
  | 'badMapping'
  /** Any other storage failure. */
  | 'storage';

export type ImportOutcome =
  | { kind: 'done'; dataset: DatasetMeta }
  /** Ambiguous d/m vs m/d dates: ask, then call importFile again with `dayMonthOrder`. */
  | { kind: 'question'; question: DayMonthQuestion }
  /** Nothing stored. `issue` names the row of a fatal parse error; `byteOffset` where undecodable bytes start. */
  | { kind: 'failed'; code: ImportFailureCode; report?: ImportReport; issue?: CsvIssue; byteOffset?: number }
  /** Nothing stored. */
  | { kind: 'cancelled' };

/** Cut points per dimension in its own unit (days, orders, money); a missing one uses quintiles. */
export interface CutPoints {
  recency?: number[];
  frequency?: number[];
  monetary?: number[];
}

export interface AnalysisOptions {
  /** Days since 1970-01-01; default: the day after the last order. */
  analysisDay?: number;
  /**
   * What counts as one order: a transaction (default; with an order-id column, all rows of one order
   * id are one transaction) or a distinct purchase day.
   */
  orders?: 'transactions' | 'days';
  segmentation: 'rfm' | 'seeds4' | 'eight' | { rules: SegmentRule[] };
  /** Number of quantile bins per dimension (default 5), or cut points. */
  bins?: number | CutPoints;
  /** Monetary value: total revenue (default) or revenue per order. */
  monetary?: 'total' | 'average';
  /** Cumulative revenue shares closing classes A and B; default 0.8 and 0.95. */
  abc?: { a: number; b: number };
  /** Segments counted as high value in the channel matrix; default per segmentation (see DEFAULT_HIGH_VALUE). */
  highValueSegments?: string[];
}

export interface ScatterPoint {
  /** Recency in days, orders, monetary value (file currency units). */
  r: number;
  f: number;
  m: number;
  /** Index into segmentIds. */
  segment: number;
}

export interface AbcSummary {
  classes: AbcClassRow[];
  /** The Pareto curve, thinned: x = share of items, y = share of revenue. */
  pareto: { x: number; y: number }[];
  /** Items ranked (customers with orders, or products sold). */
  items: number;
  /** Revenue of the items with positive revenue: the base of the shares. */
  positiveRevenue: number;
}

export interface ProductAbc extends AbcSummary {
  /** The top products by revenue (up to 50). */
  top: { product: string; revenue: number; abcClass: AbcClass }[];
}

export interface SegmentChannelView extends SegmentChannelMatrix {
  /** Channel names by channel index. */
  channelNames: string[];
}

export interface CohortView extends CohortTable {
  /** Channel names for `byFirstChannel` (same order); null without a channel column. */
  channelNames: string[] | null;
}

export interface CustomerAnalysis {
  analysisDay: number;
  /** Customers with an order on or before the analysis day. */
  customers: number;
  /** Transactions (orders) on or before the analysis day. */
  transactions: number;
  segments: SegmentRow[];
  segmentIds: string[];
  /** A sample of at most 2,000 customers for charts (every customer when there are fewer). */
  scatter: ScatterPoint[];
  abc: AbcSummary;
  /** When a product column exists: products by revenue (rows on or before the analysis day). */
  abcProducts: ProductAbc | null;
  /** Segment × channel, when a channel column exists. */
  matrix: SegmentChannelView | null;
  /** Acquisition cohorts; split by first channel when a channel column exists. */
  cohorts: CohortView;
  /** RFM score thresholds (null for the eight-class model, which splits at the means). */
  thresholds: { recency: RfmThresholds; frequency: RfmThresholds; monetary: RfmThresholds } | null;
  /** Whether rows were grouped into orders by the order-id column. */
  ordersFromOrderId: boolean;
}

export interface MigrationResult extends MigrationMatrix {
  fromDay: number;
  toDay: number;
}

export interface ClvOptions {
  /** Time unit of recency and T (the CDNOW reference fit is in weeks). */
  unit: 'days' | 'weeks';
  horizonMonths: number;
  /** Monthly discount rate, as lifetimes (0.01 = 1 % a month). */
  discountRate: number;
  /** Share of revenue kept as margin (0–1); CLV = discounted expected spend × margin. */
  margin: number;
  /** Last day of the calibration period; default the last order day. */
  observationEndDay?: number;
}

export interface ClvResult {
  observationEndDay: number;
  unit: 'days' | 'weeks';
  bgnbd: { r: number; alpha: number; a: number; b: number; logLikelihood: number };
  /** null when too few customers bought more than once to fit spend; expected spend is then each customer's mean order value. */
  gammaGamma: { p: number; q: number; v: number } | null;
  /** Per segment (as of the observation end): customers, mean CLV, mean expected purchases over the horizon, mean P(alive); totalClv is the sum. */
  perSegment: { segment: string; customers: number; clv: number; totalClv: number; expectedPurchases: number; pAlive: number }[];
  /** Per first channel: customers, mean CLV, total CLV; null without a channel column. */
  perFirstChannel: { channel: string; customers: number; clv: number; totalClv: number }[] | null;
  /** The 100 customers with the highest CLV. */
  top: { customer: string; pAlive: number; expectedPurchases: number; expectedSpend: number | null; clv: number }[];
  /** Customers in the calibration period, and the sum of their CLV. */
  customers: number;
  totalClv: number;
}

export interface MembershipExport {
  header: string[];
  rows: (string | number | null)[][];
}

export type { CohortGrid };
