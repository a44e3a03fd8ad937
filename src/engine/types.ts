/**
 * The plan model (SPEC §4). Plain data only: a plan crosses worker boundaries by structured clone
 * and is written to IndexedDB as is, so nothing here may hold functions or class instances.
 *
 * Money is stored in integer minor units of the plan's currency (fen for CNY, cents for USD, yen for
 * JPY) so that sums are exact; rates are fractions (0.12 = 12 %).
 */

export const CHANNEL_TYPES = [
  'directStore',
  'officialSite',
  'salesForce',
  'distributor',
  'agent',
  'franchise',
  'ecommercePlatform',
  'socialCommerce',
  'liveStream',
  'retailTerminal',
  'o2o',
  'communityGroupBuy',
  'other',
] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const CHANNEL_ROLES = ['main', 'auxiliary'] as const;
export type ChannelRole = (typeof CHANNEL_ROLES)[number];

/** Drivers that vary by period. Curve parameters are per channel, not per period. */
export const DRIVER_KEYS = [
  'spend',
  'baseTraffic',
  'conversion',
  'aov',
  'returnRate',
  'grossMargin',
  'channelMargin',
  'variableCostRate',
  'fixedCost',
  'newCustomerShare',
] as const;
export type DriverKey = (typeof DRIVER_KEYS)[number];

export interface Driver {
  /** Value in the first period, before growth and seasonality. */
  base: number;
  /** Compound growth per period (0.01 = +1 % a month). */
  growth?: number;
  /** Twelve monthly indices, January first, applied as multipliers (1 = an average month). */
  seasonality?: number[];
  /** Values typed for single periods, keyed by month `YYYY-MM`; they win over growth and seasonality. */
  overrides?: Record<string, number>;
}

export type CurveType = 'hill' | 'linear' | 'none';

export interface ResponseCurve {
  type: CurveType;
  /** Maximum incremental traffic per period. */
  max: number;
  /** Spend (minor units) at which half of `max` is reached. */
  halfSat: number;
  /** Hill shape s > 0: s ≤ 1 concave, s > 1 S-shaped. */
  shape: number;
}

export interface Channel {
  id: string;
  name: string;
  type: ChannelType;
  role: ChannelRole;
  /** Ids of the plan's regions this channel serves. */
  regions: string[];
  color: string;
  drivers: Record<DriverKey, Driver>;
  curve: ResponseCurve;
  /** Observed (spend, outcome) pairs the curve was or can be fitted to. */
  curvePoints?: CurvePoint[];
}

export interface Region {
  id: string;
  name: string;
}

export interface CustomMetric {
  id: string;
  name: string;
  formula: string;
  /** How values display: money is in minor units like every money metric. */
  format: 'number' | 'money' | 'percent';
}

export interface Timeline {
  /** First month, `YYYY-MM`. */
  start: string;
  /** Number of monthly periods, 12–60. */
  periods: number;
}

export interface Plan {
  id: string;
  name: string;
  currency: string;
  locale: string;
  timeline: Timeline;
  regions: Region[];
  channels: Channel[];
  customMetrics: CustomMetric[];
  /** Named sets of adjustments on top of the baseline (SPEC §5); absent in plans made before them. */
  scenarios?: Scenario[];
  /** Optional cannibalisation coefficients between channel pairs. */
  cannibalisation?: Cannibalisation[];
  /** Drivers that carry a P10–P90 range, for Monte Carlo and the tornado. */
  uncertainty?: UncertainDriver[];
  /** Optimiser limits per channel. */
  budgetBounds?: ChannelBudgetBounds[];
  /** What the numbers assume (templates fill it; users can edit). */
  notes: string;
  createdAt: number;
  updatedAt: number;
}

/** Additive metrics: they sum across channels and periods. */
export const FLOW_METRICS = [
  'spend',
  'baseTraffic',
  'incrementalTraffic',
  'traffic',
  'orders',
  'newOrders',
  'grossRevenue',
  'returns',
  'intermediaryMargin',
  /** Net revenue taken away by other channels' spend-driven revenue (see Cannibalisation). */
  'cannibalised',
  'netRevenue',
  'grossProfit',
  'variableCost',
  'fixedCost',
  'rebate',
  'channelCost',
  'contribution',
] as const;
export type FlowMetric = (typeof FLOW_METRICS)[number];

/** Ratio metrics: derived from flows at every level of aggregation, never summed. */
export const RATIO_METRICS = [
  'roi',
  'roas',
  'cac',
  'costRatio',
  'revenueShare',
  'growth',
  'growthPop',
  'marginalRoi',
] as const;
export type RatioMetric = (typeof RATIO_METRICS)[number];

export type MetricKey = FlowMetric | RatioMetric;

export const MONEY_FLOWS: ReadonlySet<FlowMetric> = new Set([
  'spend',
  'grossRevenue',
  'returns',
  'intermediaryMargin',
  'cannibalised',
  'netRevenue',
  'grossProfit',
  'variableCost',
  'fixedCost',
  'rebate',
  'channelCost',
  'contribution',
]);

/** Which channels an adjustment touches. */
export type AdjustmentTarget =
  | { kind: 'channels'; ids: string[] }
  | { kind: 'type'; type: ChannelType }
  | { kind: 'all' };

/**
 * What an adjustment does to the driver in each period of its range:
 *   set    the value (money in minor units, rates as fractions)
 *   scale  multiply by (1 + percent / 100)
 *   add    add the value (may be negative; the result is kept inside the driver's bounds)
 *   move   move `amount` of spend per period from channel `from` to channel `to` (never more than
 *          `from` has); the target and driver are ignored (always spend)
 */
export type AdjustmentOp =
  | { kind: 'set'; value: number }
  | { kind: 'scale'; percent: number }
  | { kind: 'add'; value: number }
  | { kind: 'move'; from: string; to: string; amount: number };

export interface SliderSpec {
  min: number;
  max: number;
  step: number;
}

export interface Adjustment {
  id: string;
  target: AdjustmentTarget;
  driver: DriverKey;
  /** First and last month (`YYYY-MM`, inclusive); absent = from the start / to the end. */
  from?: string;
  to?: string;
  op: AdjustmentOp;
  /** When present, the adjustment's number (value, percent or amount) is driven by a slider. */
  slider?: SliderSpec;
  /** Disabled adjustments are kept but not applied. */
  enabled: boolean;
}

export interface Scenario {
  id: string;
  name: string;
  /** The scenario this one builds on; null = the baseline plan. */
  parentId: string | null;
  adjustments: Adjustment[];
  notes: string;
}

/** Incremental net revenue of channel `from` takes `rate` (0–1) of it away from channel `to`. */
export interface Cannibalisation {
  from: string;
  to: string;
  rate: number;
}

/** Shapes a P10–P90 range can be drawn from (SPEC §6). */
export const DISTRIBUTIONS = ['uniform', 'triangular', 'normal', 'lognormal'] as const;
export type Distribution = (typeof DISTRIBUTIONS)[number];

/**
 * An uncertain driver of one channel: `low` and `high` are its P10 and P90, in the driver's unit at
 * the level of `base` (e.g. conversion 0.08 to 0.12). A draw scales the channel's whole series of that
 * driver by draw / base, so growth, seasonality and overrides keep their shape.
 */
export interface UncertainDriver {
  id: string;
  channelId: string;
  driver: DriverKey;
  low: number;
  high: number;
  distribution: Distribution;
}

/** Per-channel limits for the budget optimiser, in minor units of total spend over the plan. */
export interface ChannelBudgetBounds {
  channelId: string;
  min?: number;
  max?: number;
  /** Keep today's spend exactly. */
  frozen?: boolean;
}

/** A historical observation for fitting a channel's response curve. */
export interface CurvePoint {
  /** Spend in a period, minor units. */
  spend: number;
  /** Incremental traffic observed in that period (or another outcome the curve should predict). */
  outcome: number;
}
