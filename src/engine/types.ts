/**
 * The plan model (docs/model.md#drivers). Plain data only: a plan crosses worker boundaries by structured clone
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
  /**
   * An average month at the start of the plan, before growth and seasonality: the first period's
   * value is base × seasonality[its calendar month], not base itself.
   */
  base: number;
  /** Compound growth per period (0.01 = +1 % a month); absent = not set (flat), 0 = set to flat. */
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
  /** Tiered rebate the brand pays this channel on its net revenue (docs/model.md#rebates); absent = none. */
  rebate?: RebateScheme;
  /**
   * Relative weight of each region the channel serves (docs/model.md#regions): a region's share is its
   * weight over the sum of the served regions' weights; a region without a weight counts 1, so no
   * weights at all means equal shares. A region's share of the channel's spend, base traffic, fixed
   * cost and response curve (max and half-saturation) is this share unless it has its own driver.
   */
  regionWeights?: Record<string, number>;
  /**
   * Drivers a region has of its own, keyed by region id. Amounts (spend, base traffic, fixed cost) are
   * the region's own amounts; rates are the region's own rates. A driver absent here is the channel's
   * (amounts × the region's share). A channel with any of these is computed region by region.
   */
  regionDrivers?: Record<string, Partial<Record<DriverKey, Driver>>>;
}

export interface Region {
  id: string;
  name: string;
  /**
   * The region's own demand season: twelve indices, January first, that replace the seasonality of
   * base traffic for every channel in this region (north and south peak in different months). A
   * channel serving a region with a season is computed region by region.
   */
  seasonality?: number[];
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
  /** Named sets of adjustments on top of the baseline (docs/model.md#scenarios). */
  scenarios: Scenario[];
  /** Cannibalisation coefficients between channel pairs (often none). */
  cannibalisation: Cannibalisation[];
  /** Drivers that carry a P10–P90 range, for Monte Carlo and the tornado. */
  uncertainty: UncertainDriver[];
  /** Optimiser limits per channel (and channel × region). */
  budgetBounds: ChannelBudgetBounds[];
  /** Rules the optimiser must keep besides the bounds (docs/model.md#optimiser-policies); absent = none. */
  policies?: OptimiserPolicies;
  /** Scorecard, BCG, partner and price-list settings (docs/model.md#scorecard onwards); each part absent until first set. */
  evaluation: Evaluation;
  /** Monthly actuals set against the plan (docs/model.md#actuals); absent until first imported. */
  actuals?: Actuals;
  /** Proposals pinned in workshops, with what moved and why (docs/model.md#decision-log); absent = none yet. */
  decisions?: Decision[];
  /** Promotion events on the calendar (docs/model.md#promotions); absent = none planned. */
  promotions?: Promotion[];
  /** CLV per channel taken from customer data, for LTV:CAC and the optimiser (docs/model.md#customer-value); absent = not used. */
  customerValue?: CustomerValue;
  /** Test designs saved from the tests-and-pilots designer (docs/model.md#tests-and-pilots); absent = none. */
  experiments?: SavedExperiment[];
  /**
   * What the user knows of each channel that money cannot show (docs/model.md#channel-kpis):
   * satisfaction, complaints, NPS, market, floor area and stock; absent = not used.
   */
  channelKpis?: ChannelKpis;
  /** The price lever: a price index per channel and month with its elasticity (docs/model.md#levers); absent = prices as they are. */
  prices?: PriceLever;
  /** What the numbers assume (templates fill it; users can edit). */
  notes: string;
  /**
   * The plans and snapshots this plan descends from, oldest first (docs/file-formats.md#lineage-and-three-way-merge):
   * set when a plan is imported from a file or merged with one, so a later file of the same plan is
   * recognised and merged three ways; absent = a plan made here.
   */
  lineage?: LineageEntry[];
  createdAt: number;
  updatedAt: number;
}

/** One ancestor of a plan: the plan, the snapshot taken of it when it was exported, and the hash of that content. */
export interface LineageEntry {
  planId: string;
  snapshotId: string;
  /** SHA-256, hex, of the canonical text of the snapshot's content (merge3/lineage.ts `planContentText`). */
  contentHash: string;
}

/** Additive metrics: they sum across channels and periods. */
export const FLOW_METRICS = [
  'spend',
  'baseTraffic',
  'incrementalTraffic',
  'traffic',
  'orders',
  'newOrders',
  /**
   * Revenue given up to promotion discounts (docs/model.md#promotions): gross revenue at list prices
   * is grossRevenue + promotionDiscount; grossRevenue is what customers paid.
   */
  'promotionDiscount',
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
  'promotionDiscount',
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

/**
 * Which channels an adjustment touches: named channels, every channel of a type or of a role (main /
 * auxiliary), or all. Type and role targets follow the plan: a channel added later or given another
 * role is picked up (or dropped) without editing the scenario.
 */
export type AdjustmentTarget =
  | { kind: 'channels'; ids: string[] }
  | { kind: 'type'; type: ChannelType }
  | { kind: 'role'; role: ChannelRole }
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
  /** Only this region of the targeted channels (a plan region id); absent = the channels as a whole. */
  regionId?: string;
}

export interface Scenario {
  id: string;
  name: string;
  /** The scenario this one builds on; null = the baseline plan. */
  parentId: string | null;
  adjustments: Adjustment[];
  /** Changes of the price index on top of the plan's (docs/model.md#levers); absent = the plan's prices. */
  priceChanges?: PriceChange[];
  notes: string;
  /** Months up to `through` take the plan's actuals (docs/model.md#actualise); absent = a plain scenario. */
  actualise?: Actualise;
  /** Changes to the plan's promotions in this scenario (docs/model.md#promotions); absent = none. */
  promotions?: PromotionChange[];
  /** Channels this scenario opens that the baseline lacks (docs/model.md#channel-life-cycle); absent = none. */
  launches?: ChannelLaunch[];
  /** Channels this scenario closes (docs/model.md#channel-life-cycle); absent = none. */
  exits?: ChannelExit[];
}

export const RAMP_SHAPES = ['linear', 's'] as const;
export type RampShape = (typeof RAMP_SHAPES)[number];

/**
 * A channel a scenario opens. Before `month` the channel produces nothing. From `month` on its
 * spend, base traffic and fixed cost are the full amounts of its drivers, and its conversion is
 * multiplied by the ramp factor (docs/model.md#channel-life-cycle): 1/(rampMonths+1) in the launch
 * month rising to 1 after `rampMonths` months. `launchCost` is booked as fixed cost in the launch month.
 */
export interface ChannelLaunch {
  /** A complete channel; its id must not be a channel of the baseline or of another launch. */
  channel: Channel;
  /** Launch month, `YYYY-MM`. */
  month: string;
  /** Whole months from launch to full effect; 0 = full effect in the launch month. */
  rampMonths: number;
  rampShape: RampShape;
  /** One-off launch cost, minor units. */
  launchCost: number;
}

/** A share of an exited channel's orders that moves to another channel. */
export interface DemandTransfer {
  channelId: string;
  /** Fraction (0–1) of the exited channel's orders; the shares of one exit add up to at most 1. */
  share: number;
}

/**
 * A channel a scenario closes from `month` on: its spend, fixed cost and base traffic are 0 from that
 * month (so it has no traffic, orders or revenue), and each transfer's share of the orders it would
 * have had moves to the named channel as base traffic at that channel's conversion.
 */
export interface ChannelExit {
  channelId: string;
  /** First month without the channel, `YYYY-MM`. */
  month: string;
  transfers: DemandTransfer[];
}

/**
 * "Actualise through month M": months up to and including `through` take the actuals; later months
 * keep the plan (`after: 'plan'`) or follow a re-forecast made from the actuals up to M, stored with
 * the scenario so it computes without a worker and travels in the file.
 */
export interface Actualise {
  /** Last actual month, `YYYY-MM`. */
  through: string;
  after: 'plan' | 'reforecast';
  /** Per channel, net revenue (minor units) forecast for each plan month after `through`; only with 'reforecast'. */
  reforecast?: ReforecastSeries[];
}

export interface ReforecastSeries {
  channelId: string;
  /** One value per plan month after `through`, in plan order. */
  netRevenue: number[];
}

/** What a monthly actuals table measures; money measures are in minor units. */
export const ACTUAL_MEASURES = ['netRevenue', 'orders', 'customers', 'units', 'spend'] as const;
export type ActualMeasure = (typeof ACTUAL_MEASURES)[number];
export const ACTUAL_MONEY_MEASURES: ReadonlySet<ActualMeasure> = new Set(['netRevenue', 'spend']);

/** Where a plan's actuals came from. */
export const ACTUAL_SOURCES = ['transactions', 'table', 'sql'] as const;
export type ActualSource = (typeof ACTUAL_SOURCES)[number];

/**
 * One channel (× region) of the actuals table, column-oriented: per measure one value per month of
 * the table, from `Actuals.start`; null = not given for that month. Measures absent from the data
 * are absent here.
 */
export interface ActualSeries {
  channelId: string;
  /** A plan region id; '' = the channel as a whole (the data named no region). */
  regionId: string;
  values: Partial<Record<ActualMeasure, (number | null)[]>>;
}

/** A name found in imported data and the plan item it stands for ('' = leave it out; for a region, '*' = add it up into the channel as a whole). */
export interface NameMapping {
  name: string;
  targetId: string;
}

/** The plan's monthly actuals (docs/model.md#actuals): channel × region × month × measure. */
export interface Actuals {
  /** First month of the table, `YYYY-MM`. */
  start: string;
  /** Number of months every series holds. */
  months: number;
  series: ActualSeries[];
  source: { kind: ActualSource; name: string; importedAt: number };
  /** Channel names of the data as the user matched them; kept for the next import. */
  channelNames: NameMapping[];
  /** Region names of the data as the user matched them. */
  regionNames: NameMapping[];
}

/** Incremental net revenue of channel `from` takes `rate` (0–1) of it away from channel `to`. */
export interface Cannibalisation {
  from: string;
  to: string;
  rate: number;
}

/** Shapes a P10–P90 range can be drawn from (docs/model.md#monte-carlo). */
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
  /** Only this region of the channel (a plan region id); absent = the channel as a whole. */
  regionId?: string;
}

/** Per-channel limits for the budget optimiser, in minor units of total spend over the plan. */
export interface ChannelBudgetBounds {
  channelId: string;
  /** Limits of one region of the channel (a plan region id); absent = the channel as a whole. */
  regionId?: string;
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

/**
 * Tiered rebate (docs/model.md#rebates; seed 004). Each tier starts at `threshold` (net revenue of the settlement
 * period, minor units) and pays `rate` (fraction). Retroactive: the whole period's revenue earns the
 * rate of the highest tier reached. Incremental: each band earns its own rate. Tiers are kept sorted
 * by threshold; revenue below the first threshold earns nothing.
 */
export const REBATE_MODES = ['retroactive', 'incremental'] as const;
export type RebateMode = (typeof REBATE_MODES)[number];
export const SETTLEMENT_PERIODS = ['month', 'quarter', 'year'] as const;
export type SettlementPeriod = (typeof SETTLEMENT_PERIODS)[number];

export interface RebateTier {
  threshold: number;
  rate: number;
}

export interface RebateScheme {
  mode: RebateMode;
  period: SettlementPeriod;
  tiers: RebateTier[];
}

/** Scorecard metrics from the plan's customer-value snapshot (docs/model.md#customer-value). */
export const CUSTOMER_VALUE_SCORE_METRICS = ['ltvCac', 'paybackMonths'] as const;
export type CustomerValueScoreMetric = (typeof CUSTOMER_VALUE_SCORE_METRICS)[number];

/**
 * A metric the scorecard can use: a built-in metric key, `custom:<custom metric id>`, a customer-value
 * measure, or `kpi:<channel KPI>` (a value typed per channel or derived from one; docs/model.md#channel-kpis).
 */
export type ScoreMetric = MetricKey | `custom:${string}` | CustomerValueScoreMetric | `kpi:${ChannelKpiMetric}`;

export const KPI_DIRECTIONS = ['higher', 'lower'] as const;
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];
export const NORMALISATIONS = ['minmax', 'target'] as const;
export type Normalisation = (typeof NORMALISATIONS)[number];

/**
 * One KPI of the channel scorecard. `weight` is a percentage; the weights of a scorecard must sum to
 * 100. Thresholds are in the metric's own unit (money in minor units, rates as fractions): for a
 * higher-is-better KPI a value below `red` is red and at or above `green` is green; for a
 * lower-is-better KPI the other way round. A red value raises an alert.
 */
export interface ScorecardKpi {
  id: string;
  metric: ScoreMetric;
  weight: number;
  direction: KpiDirection;
  normalisation: Normalisation;
  /** For target normalisation: the value that scores 100. */
  target?: number;
  red?: number;
  green?: number;
}

export interface ScorecardSettings {
  kpis: ScorecardKpi[];
}

export const BCG_SHARE_MODES = ['share', 'relative'] as const;
export type BcgShareMode = (typeof BCG_SHARE_MODES)[number];
export const BCG_GROWTH_MODES = ['yoy', 'pop'] as const;
export type BcgGrowthMode = (typeof BCG_GROWTH_MODES)[number];

/** BCG settings; absent thresholds mean the defaults (average share, median growth). */
export interface BcgSettings {
  shareMode: BcgShareMode;
  growthMode: BcgGrowthMode;
  shareThreshold?: number;
  growthThreshold?: number;
}

/** Criteria for choosing distributors, agents and franchisees (seed 004). */
export const PARTNER_CRITERIA = [
  'experience',
  'capital',
  'regionalShare',
  'customers',
  'team',
  'brandFit',
  'willingness',
  'credit',
] as const;
export type PartnerCriterion = (typeof PARTNER_CRITERIA)[number];

export const PARTNER_KINDS = ['distributor', 'agent', 'franchisee'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export interface Partner {
  id: string;
  name: string;
  kind: PartnerKind;
  /** Region id, or '' for none. */
  regionId: string;
  /** Scores 1–5 per criterion. */
  scores: Record<PartnerCriterion, number>;
}

export interface PartnerSettings {
  /** Percentages summing to 100. */
  weights: Record<PartnerCriterion, number>;
  partners: Partner[];
}

/** One price of a product in a channel (and optionally a region), minor units. */
export interface PriceEntry {
  id: string;
  product: string;
  channelId: string;
  /** Region id, or '' when the price holds everywhere. */
  regionId: string;
  price: number;
}

/** Cost of moving goods from one region to another, per unit, minor units (used both ways). */
export interface Freight {
  from: string;
  to: string;
  cost: number;
}

export interface PriceSettings {
  /** Reference retail price per product, minor units. */
  reference: Record<string, number>;
  /** Allowed deviation from the reference, fraction (0.1 = ±10 %). */
  tolerance: number;
  entries: PriceEntry[];
  freight: Freight[];
}

export interface Evaluation {
  scorecard?: ScorecardSettings;
  bcg?: BcgSettings;
  partners?: PartnerSettings;
  prices?: PriceSettings;
}

/**
 * A set of channels a policy speaks of: every channel of a type, of a role, serving a region (its
 * share of that region), a named list, or all.
 */
export type PolicyGroup =
  | { kind: 'type'; type: ChannelType }
  | { kind: 'role'; role: ChannelRole }
  | { kind: 'region'; regionId: string }
  | { kind: 'channels'; ids: string[]; name: string }
  | { kind: 'all' };

/**
 * A linear rule on the spend of a group: its share of the total budget (fractions, 0.5 = 50 %) or its
 * amount (minor units of total spend over the plan) between `min` and `max` (either may be absent).
 */
export interface GroupPolicy {
  id: string;
  group: PolicyGroup;
  measure: 'share' | 'amount';
  min?: number;
  max?: number;
  enabled: boolean;
}

/**
 * An efficiency rule: ROI at least `limit`, marginal ROI at least `limit`, or CAC (minor units per new
 * customer) at most `limit` — over the whole plan or for each channel.
 */
export interface EfficiencyPolicy {
  id: string;
  metric: 'roi' | 'marginalRoi' | 'cac';
  scope: 'overall' | 'eachChannel';
  limit: number;
  enabled: boolean;
}

export interface OptimiserPolicies {
  groups: GroupPolicy[];
  efficiency: EfficiencyPolicy[];
}

/**
 * One proposal pinned in a workshop (docs/model.md#decision-log): the state the room looked at and
 * why it was kept. Figures and words are frozen at pin time, so the minutes read the same after the
 * plan changes or the pinned scenario is deleted.
 */
export interface Decision {
  id: string;
  /** When it was pinned, ms since 1970. */
  at: number;
  /** The pinned copy (a scenario of its own) and the scenario the workshop ran on. */
  scenarioId: string;
  fromScenarioId: string;
  name: string;
  /** Every slider's value at pin time, by adjustment id: what the next pin's moves are measured from. */
  values: Record<string, number>;
  /** The sliders moved since the previous pin of the same scenario (or since the workshop opened). */
  moves: DecisionMove[];
  /** Whole-plan figures of the pinned state and of the baseline at the same moment (money in minor units). */
  kpis: DecisionKpis;
  baseline: DecisionKpis;
  /** The facilitator's one line on why; may be empty. */
  rationale: string;
}

export interface DecisionMove {
  adjustmentId: string;
  /** The adjustment in words at its old and its new value, in the language of the room. */
  before: string;
  after: string;
}

export interface DecisionKpis {
  netRevenue: number;
  contribution: number;
  spend: number;
  fixedCost: number;
  orders: number;
}

/** Where a promotion's extra demand shows: more orders per visit, or more visits (docs/model.md#promotions). */
export const PROMOTION_LIFT_TARGETS = ['conversion', 'traffic'] as const;
export type PromotionLiftTarget = (typeof PROMOTION_LIFT_TARGETS)[number];

/** Calendar events a promotion can start from; the user changes every figure a template fills in. */
export const PROMOTION_TEMPLATES = ['618', 'double11', 'springFestival'] as const;
export type PromotionTemplate = (typeof PROMOTION_TEMPLATES)[number];

/**
 * A promotion event (docs/model.md#promotions): on its days the named channels sell at `depth` off
 * the month's price and see `lift` more demand than those days would have had. The model is monthly,
 * so a month carries an event by the share of its days the event covers.
 */
export interface Promotion {
  id: string;
  name: string;
  /** Ids of the channels that run it. */
  channelIds: string[];
  /** First and last day, `YYYY-MM-DD`, both included. */
  start: string;
  end: string;
  /** Discount off the month's price on the event's days, a fraction: 0.2 = 20 % off. 0 ≤ depth < 1. */
  depth: number;
  /** Extra demand on the event's days, a fraction of what those days would have sold: 1.5 = 2.5 × as much. ≥ 0. */
  lift: number;
  liftOn: PromotionLiftTarget;
  /**
   * Share (0–1) of the extra demand that would have been bought anyway in the `days` before the event
   * (customers waited for it, or paid a pre-sale deposit): taken from those days, so not incremental.
   */
  pullForward?: { share: number; days: number };
  /** Share (0–1) of the extra demand missing after the event (customers stocked up), spread over `months` after its last day. */
  hangover?: { share: number; months: number };
  /** The calendar event it was made from; absent = the user's own. */
  template?: PromotionTemplate;
  /** Off = kept on the calendar but not applied. */
  enabled: boolean;
}

/**
 * A scenario's change to one of the plan's promotions; absent fields keep the value of the parent
 * scenario (or the plan). The Scenarios tab shows a slider for a depth or lift set here.
 */
export interface PromotionChange {
  promotionId: string;
  enabled?: boolean;
  depth?: number;
  lift?: number;
}

/** How a customer-value snapshot's CLV was computed. */
export const CUSTOMER_VALUE_METHODS = ['bgnbd-gammagamma', 'bgnbd-meanorder'] as const;
/**
 * `bgnbd-gammagamma`: BG/NBD purchases × Gamma-Gamma spend per purchase; `bgnbd-meanorder`: BG/NBD
 * purchases × each customer's own mean order (too few repeat buyers for a spend model).
 */
export type CustomerValueMethod = (typeof CUSTOMER_VALUE_METHODS)[number];

/** One plan channel's customer value in a snapshot. */
export interface ChannelCustomerValue {
  channelId: string;
  /** Channel names in the customer data that were joined into this plan channel. */
  dataChannels: string[];
  /** Customers whose first order came through those channels (what the mean rests on). */
  customers: number;
  /** Mean discounted CLV per customer over the horizon, margin basis, minor units (whole). */
  clv: number;
  /**
   * Mean expected margin per customer in each month of the horizon (month 1 first), undiscounted,
   * minor units (whole); one entry per month. The payback period is read from it.
   */
  monthlyMargin: number[];
}

/**
 * Customer lifetime value by first channel, computed from imported transactions and kept in the plan
 * so that it travels with the file and the optimiser has it (docs/model.md#customer-value). A
 * snapshot: recomputing CLV in the Customers tab does not change it until it is used again.
 */
export interface CustomerValue {
  /** Name of the customer data set. */
  dataset: string;
  /** When it was taken (ms since 1970). */
  takenAt: number;
  /** Last day of the order history the models were fitted on, `YYYY-MM-DD`. */
  observationEnd: string;
  method: CustomerValueMethod;
  /** Months of future purchases counted. */
  horizonMonths: number;
  /** Monthly discount rate (0.01 = 1 % a month). */
  discountRate: number;
  /** Share of revenue kept as margin (0–1): CLV = discounted expected spend × margin. */
  margin: number;
  channels: ChannelCustomerValue[];
}

/** Drivers a test can change (acting on orders through traffic or conversion, or order value). */
export const EXPERIMENT_DRIVERS = ['spend', 'baseTraffic', 'conversion', 'aov'] as const;
export type ExperimentDriver = (typeof EXPERIMENT_DRIVERS)[number];
export const POWER_METHODS = ['pooled', 'arcsine'] as const;

/** Results of a test as entered (null = not entered): counts for a conversion test, means/sds (minor units) and orders for order value. */
export interface ExperimentResultEntry {
  controlUnits: number | null;
  controlConversions: number | null;
  testUnits: number | null;
  testConversions: number | null;
  confidence: number;
  controlMean: number | null;
  controlSd: number | null;
  controlOrders: number | null;
  testMean: number | null;
  testSd: number | null;
  testOrders: number | null;
}

/**
 * A test designed on the plan and saved with it: the change, the design settings, the figures the
 * designer gave when it was saved (the plan may change afterwards) and the results entered so far.
 */
export interface SavedExperiment {
  id: string;
  name: string;
  /** When it was last saved (ms since 1970). */
  savedAt: number;
  change: {
    channelId: string;
    driver: ExperimentDriver;
    /** Scale of the driver in percent (+20 = 20 % more). */
    percent: number;
    /** A plan region; '' = the channel as a whole. */
    regionId: string;
    /** Month of the test, `YYYY-MM`. */
    month: string;
    /** null = on the baseline, else a scenario id. */
    scenarioId: string | null;
  };
  settings: {
    /** Share of the traffic in the test, both arms (0–1). */
    share: number;
    alpha: number;
    power: number;
    method: (typeof POWER_METHODS)[number];
    /** Days available; null = as many as the sample needs. */
    days: number | null;
    /** Coefficient of variation of order value (order-value tests). */
    cv: number;
    /** Planned looks at the result; null = daily. */
    looks: number | null;
  };
  /** What the designer gave at saving: relative effect, units per arm, days needed, smallest detectable effect, extra spend (minor units). */
  figures: { relativeEffect: number; unitsPerArm: number | null; daysNeeded: number | null; mdeRelative: number | null; extraSpend: number | null };
  /** Results entered (null = not entered): counts for a conversion test, means/sds (minor units) and orders for order value. */
  result: ExperimentResultEntry;
}

/**
 * Channel KPIs a scorecard can score and a formula can use: the typed values and what follows from
 * them and the plan (docs/model.md#channel-kpis).
 */
export const CHANNEL_KPI_METRICS = [
  'satisfaction',
  'complaintRate',
  'nps',
  'marketShare',
  'relativeMarketShare',
  'salesPerArea',
  'turnoverDays',
] as const;
export type ChannelKpiMetric = (typeof CHANNEL_KPI_METRICS)[number];

/**
 * Values a user types for one channel; each is optional (absent = not known). Rates are fractions,
 * money is in minor units of the plan's currency.
 */
export interface ChannelKpiValues {
  /** Customer satisfaction: the share of surveyed customers who are satisfied, 0–1 (0.92 = 92 %). */
  satisfaction?: number;
  /** Complaints per order, 0–1 (0.004 = 0.4 % of orders draw a complaint). */
  complaintRate?: number;
  /** Net promoter score: % promoters − % detractors, −100 to 100. */
  nps?: number;
  /** The market the channel sells into: money per year, minor units (market share = its net revenue ÷ this). */
  marketSize?: number;
  /** The largest competitor's share of that market, 0–1 (relative market share = our share ÷ this). */
  competitorShare?: number;
  /** Selling floor area, m² (sales per m², 坪效 = net revenue ÷ this). */
  floorArea?: number;
  /** Stock on hand at cost at each month end (minor units); absent = not known. */
  stock?: MonthlyStock;
  /** Turnover days above which this channel's stock is a backlog; absent = the plan's threshold. */
  backlogDays?: number;
}

/**
 * An amount per month end: `base` holds for every month not typed one by one (absent = 0), and
 * `overrides` holds the months typed, keyed `YYYY-MM` (a month outside the timeline is kept, unused).
 */
export interface MonthlyStock {
  base?: number;
  overrides?: Record<string, number>;
}

export interface ChannelKpis {
  /** Values per channel id; a channel without an entry has none. */
  channels: Record<string, ChannelKpiValues>;
  /** Turnover days above which stock is a backlog (库存积压预警); absent = 60 days. */
  backlogDays?: number;
  /** Satisfaction below this (0–1) raises an alert; absent = none. */
  satisfactionFloor?: number;
  /** A complaint rate above this (0–1) raises an alert; absent = none. */
  complaintCeiling?: number;
}

/** What a channel's price elasticity acts on (docs/model.md#levers). */
export const PRICE_TARGETS = ['conversion', 'baseTraffic'] as const;
export type PriceTarget = (typeof PRICE_TARGETS)[number];

/**
 * Where an elasticity came from: typed by the user, or estimated from an imported data set
 * (docs/model.md#price-elasticity). An estimate keeps what it rests on, so the plan can say how
 * sure it is long after the data set is gone.
 */
export type ElasticitySource =
  | { kind: 'typed' }
  | {
      kind: 'estimated';
      /** ε of the fit (the elasticity used may since have been typed over; then the source is 'typed'). */
      estimate: number;
      /** 95 % confidence interval of ε. */
      low: number;
      high: number;
      /** Weeks whose price moved, and product-weeks, the fit rests on. */
      priceChanges: number;
      observations: number;
      /** Name of the data set and the day of the estimate, `YYYY-MM-DD`. */
      dataSet: string;
      estimatedAt: string;
      /** The product or channel of the data set the estimate is for ('' = every row pooled). */
      scope: string;
    };

/**
 * One channel's prices. `index` is the price relative to today's (1 = today, 1.05 = 5 % dearer) per
 * month, as a Driver: base, growth, seasonality and typed months. It must stay above 0.
 */
export interface ChannelPrice {
  channelId: string;
  index: Driver;
  /** Own-price elasticity ε (−1.2: 1 % dearer, 1.2 % fewer orders); absent = the plan's. */
  elasticity?: number;
  /** Where `elasticity` came from; absent = typed. */
  source?: ElasticitySource;
  /** What ε acts on; absent = the plan's. */
  actsOn?: PriceTarget;
  /** P10 and P90 of ε for Monte Carlo; absent = ε is taken as certain. */
  range?: { low: number; high: number };
}

/**
 * The price lever (docs/model.md#levers): per channel, the index scales the order value and the
 * elasticity turns it into fewer (or more) orders: aov × index, conversion (or base traffic) × index^ε.
 */
export interface PriceLever {
  /** Elasticity of channels without their own. */
  elasticity: number;
  /** What the elasticity acts on for channels without their own choice. */
  actsOn: PriceTarget;
  channels: ChannelPrice[];
  /**
   * Correlation ρ (−1 … 1) between a channel's elasticity draw and its conversion draw in Monte Carlo
   * (Gaussian copula); absent = drawn independently.
   */
  conversionCorrelation?: number;
}

/** A scenario's change of the price index: × (1 + percent / 100) in the months of its range. */
export interface PriceChange {
  id: string;
  /** The channels whose index changes. */
  channelIds: string[];
  /** First and last month (`YYYY-MM`, inclusive); absent = from the start / to the end. */
  from?: string;
  to?: string;
  percent: number;
  /** When present, `percent` is driven by a slider. */
  slider?: SliderSpec;
  enabled: boolean;
}
