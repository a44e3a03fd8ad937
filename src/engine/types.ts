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
  /** The price lever: a price index per channel and month with its elasticity (docs/model.md#levers); absent = prices as they are. */
  prices?: PriceLever;
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

/** A metric the scorecard can use: a built-in metric key or `custom:<custom metric id>`. */
export type ScoreMetric = MetricKey | `custom:${string}`;

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
