/**
 * What the Customers analyses take and return: plain data, so it crosses a worker boundary as it is.
 *
 * Money: amounts are as they came from the imported file — in the file's currency units, as floats
 * (no conversion to minor units, no currency attached). Revenue, AOV, monetary values and CLV below
 * are all in those units.
 */
import type { AbcClass, AbcClassRow } from './abc';
import type { CohortGrid, CohortTable } from './cohorts';
import type { MigrationMatrix } from './migration';
import type { RfmThresholds } from './rfm';
import type { RegionView } from './regionAnalysis';
import type { SegmentChannelMatrix } from './segmentChannel';
import type { SegmentRow, SegmentRule } from './segments';

/** Cut points per dimension in its own unit (days, orders, money); a missing one uses quintiles. */
export interface CutPoints {
  recency?: number[];
  frequency?: number[];
  monetary?: number[];
}

export type Segmentation = 'rfm' | 'seeds4' | 'eight' | { rules: SegmentRule[] };

export interface AnalysisOptions {
  /** Days since 1970-01-01; default: the day after the last order. */
  analysisDay?: number;
  /**
   * What counts as one order: a transaction (default; with an order-id column, all rows of one order
   * id are one transaction) or a distinct purchase day.
   */
  orders?: 'transactions' | 'days';
  segmentation: Segmentation;
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
  /** Segment × region and RFM per region, when a region column exists. */
  regions: RegionView | null;
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

export interface ClvRequest {
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

/** Why there is no spend model; expected spend is then each customer's mean order value. */
export type NoSpendModel = 'fewRepeatBuyers' | 'infiniteMean' | 'notConverged';

export interface ClvResult {
  observationEndDay: number;
  unit: 'days' | 'weeks';
  /** The horizon the figures are for (the request's). */
  horizonMonths: number;
  bgnbd: {
    r: number;
    alpha: number;
    a: number;
    b: number;
    logLikelihood: number;
    /** The optimiser met its gradient tolerance. */
    converged: boolean;
    iterations: number;
    /**
     * The fit found no sign of customers dropping out (a → 0 or b → ∞: a mean dropout probability per
     * purchase below 0.1 %): P(alive) is then about 100 % for every customer, lapsed ones included.
     */
    noDropout: boolean;
    /** Mean dropout probability per purchase, a / (a + b). */
    meanDropout: number;
  };
  gammaGamma: { p: number; q: number; v: number; converged: boolean } | null;
  /** Set when gammaGamma is null. */
  noSpendModel: NoSpendModel | null;
  /** Per segment (as of the observation end): customers, mean CLV, mean expected purchases over the horizon, mean P(alive); totalClv is the sum. */
  perSegment: { segment: string; customers: number; clv: number; totalClv: number; expectedPurchases: number; pAlive: number }[];
  /**
   * Per first channel: customers, mean CLV, total CLV, and the mean expected margin per customer in
   * each month of the horizon, undiscounted (month 1 first); null without a channel column.
   */
  perFirstChannel: { channel: string; customers: number; clv: number; totalClv: number; monthlyMargin: number[] }[] | null;
  /** The 100 customers with the highest CLV. */
  top: { customer: string; pAlive: number; expectedPurchases: number; expectedSpend: number | null; clv: number }[];
  /** Customers in the calibration period, and the sum of their CLV. */
  customers: number;
  totalClv: number;
  /** Customers with P(alive) of 99 % or more. */
  nearlyCertainlyAlive: number;
}

/** A table for a CRM: one row per customer with an order by the analysis day. */
export interface MembershipExport {
  header: string[];
  rows: (string | number | null)[][];
}

export type { CohortGrid };

/**
 * Why an analysis cannot give a result, as a code the UI words: `clvNoHistory` — no customer bought
 * before the observation end (nothing to fit); `clvNoData` — the fit met data it cannot use.
 */
export type AnalysisErrorCode = 'clvNoHistory' | 'clvNoData';

export class AnalysisError extends Error {
  constructor(readonly code: AnalysisErrorCode) {
    super(code);
    this.name = 'AnalysisError';
  }
}
