/**
 * The structure of a plan in a file, field by field (valibot). This checks JSON types, required
 * fields, allowed words and the size of texts and lists; value ranges and references between parts
 * are the plan validators' job (validate.ts and friends), which run on what passes here.
 *
 * Unknown fields are dropped from the output (valibot's `object` keeps only declared entries); the
 * parser reports each dropped field as a warning by comparing input and output (see `droppedKeys`).
 */
import * as v from 'valibot';
import {
  ACTUAL_SOURCES,
  CUSTOMER_VALUE_METHODS,
  CUSTOMER_VALUE_SCORE_METRICS,
  EXPERIMENT_DRIVERS,
  POWER_METHODS,
  BCG_GROWTH_MODES,
  BCG_SHARE_MODES,
  CHANNEL_KPI_METRICS,
  CHANNEL_ROLES,
  CHANNEL_TYPES,
  DISTRIBUTIONS,
  DRIVER_KEYS,
  PRICE_TARGETS,
  FLOW_METRICS,
  KPI_DIRECTIONS,
  NORMALISATIONS,
  PARTNER_CRITERIA,
  PARTNER_KINDS,
  PROMOTION_LIFT_TARGETS,
  PROMOTION_TEMPLATES,
  RAMP_SHAPES,
  RATIO_METRICS,
  REBATE_MODES,
  SETTLEMENT_PERIODS,
  type DriverKey,
  type PartnerCriterion,
} from '../types';
import type { PlanFileLimits } from './format';
import type { PlanInFile } from './restore';

/** JSON objects only: valibot's `object` alone would also take an array and read its keys. */
const jsonObject = v.custom<Record<string, unknown>>(
  (x) => typeof x === 'object' && x !== null && !Array.isArray(x),
  'object',
);

function obj<const E extends v.ObjectEntries>(entries: E) {
  return v.pipe(jsonObject, v.object(entries));
}

/** Finite numbers only: JSON has no NaN, but `1e999` parses to Infinity. */
const num = v.pipe(v.number(), v.finite());

/** Every key of a fixed set must be there (drivers of a channel, criteria of a partner). */
function keyedBy<const K extends string, S extends v.GenericSchema>(keys: readonly K[], value: S) {
  const entries = {} as Record<K, S>;
  for (const k of keys) entries[k] = value;
  return obj(entries);
}

const CURVE_TYPES = ['hill', 'linear', 'none'] as const;
const CUSTOM_FORMATS = ['number', 'money', 'percent'] as const;
const METRIC_KEYS = [...FLOW_METRICS, ...RATIO_METRICS] as const;

export type SchemaLimits = Pick<PlanFileLimits, 'maxArrayLength' | 'maxStringLength'>;

/** The schema of a plan under the given limits on texts and lists. */
export function createPlanSchema(limits: SchemaLimits) {
  const text = v.pipe(v.string(), v.maxLength(limits.maxStringLength));
  // The length is checked before the items, so an over-long list is refused without walking it.
  const list = <S extends v.GenericSchema>(item: S) =>
    v.pipe(v.array(v.unknown()), v.maxLength(limits.maxArrayLength), v.array(item));

  const driver = obj({
    base: num,
    growth: v.optional(num),
    seasonality: v.optional(list(num)),
    overrides: v.optional(v.pipe(jsonObject, v.record(v.string(), num))),
  });

  const curve = obj({ type: v.picklist(CURVE_TYPES), max: num, halfSat: num, shape: num });
  const curvePoint = obj({ spend: num, outcome: num });
  const rebate = obj({
    mode: v.picklist(REBATE_MODES),
    period: v.picklist(SETTLEMENT_PERIODS),
    tiers: list(obj({ threshold: num, rate: num })),
  });

  // A region's own drivers: any subset of the driver keys.
  const regionDriverSet = v.pipe(jsonObject, v.record(v.picklist(DRIVER_KEYS), driver));

  const channel = obj({
    id: text,
    name: text,
    type: v.picklist(CHANNEL_TYPES),
    role: v.picklist(CHANNEL_ROLES),
    regions: list(text),
    color: text,
    drivers: keyedBy<DriverKey, typeof driver>(DRIVER_KEYS, driver),
    curve,
    curvePoints: v.optional(list(curvePoint)),
    rebate: v.optional(rebate),
    regionWeights: v.optional(v.pipe(jsonObject, v.record(v.string(), num))),
    regionDrivers: v.optional(v.pipe(jsonObject, v.record(v.string(), regionDriverSet))),
  });

  const region = obj({ id: text, name: text, seasonality: v.optional(list(num)) });
  const lineageEntry = originSchema(limits);
  const customMetric = obj({ id: text, name: text, formula: text, format: v.picklist(CUSTOM_FORMATS) });
  const timeline = obj({ start: text, periods: num });

  const target = v.pipe(
    jsonObject,
    v.variant('kind', [
      v.object({ kind: v.literal('channels'), ids: list(text) }),
      v.object({ kind: v.literal('type'), type: v.picklist(CHANNEL_TYPES) }),
      v.object({ kind: v.literal('role'), role: v.picklist(CHANNEL_ROLES) }),
      v.object({ kind: v.literal('all') }),
    ]),
  );
  const op = v.pipe(
    jsonObject,
    v.variant('kind', [
      v.object({ kind: v.literal('set'), value: num }),
      v.object({ kind: v.literal('scale'), percent: num }),
      v.object({ kind: v.literal('add'), value: num }),
      v.object({ kind: v.literal('move'), from: text, to: text, amount: num }),
    ]),
  );
  const adjustment = obj({
    id: text,
    target,
    driver: v.picklist(DRIVER_KEYS),
    from: v.optional(text),
    to: v.optional(text),
    op,
    slider: v.optional(obj({ min: num, max: num, step: num })),
    enabled: v.boolean(),
    regionId: v.optional(text),
  });
  const actualise = obj({
    through: text,
    after: v.picklist(['plan', 'reforecast'] as const),
    reforecast: v.optional(list(obj({ channelId: text, netRevenue: list(num) }))),
  });
  const promotionChange = obj({
    promotionId: text,
    enabled: v.optional(v.boolean()),
    depth: v.optional(num),
    lift: v.optional(num),
  });
  const slider = obj({ min: num, max: num, step: num });
  const priceChange = obj({
    id: text,
    channelIds: list(text),
    from: v.optional(text),
    to: v.optional(text),
    percent: num,
    slider: v.optional(slider),
    enabled: v.boolean(),
  });
  const scenario = obj({
    id: text,
    name: text,
    parentId: v.nullable(text),
    adjustments: list(adjustment),
    priceChanges: v.optional(list(priceChange)),
    notes: text,
    actualise: v.optional(actualise),
    promotions: v.optional(list(promotionChange)),
    launches: v.optional(
      list(obj({ channel, month: text, rampMonths: num, rampShape: v.picklist(RAMP_SHAPES), launchCost: num })),
    ),
    exits: v.optional(list(obj({ channelId: text, month: text, transfers: list(obj({ channelId: text, share: num })) }))),
  });
  const promotion = obj({
    id: text,
    name: text,
    channelIds: list(text),
    start: text,
    end: text,
    depth: num,
    lift: num,
    liftOn: v.picklist(PROMOTION_LIFT_TARGETS),
    pullForward: v.optional(obj({ share: num, days: num })),
    hangover: v.optional(obj({ share: num, months: num })),
    template: v.optional(v.picklist(PROMOTION_TEMPLATES)),
    enabled: v.boolean(),
  });

  const cannibalisation = obj({ from: text, to: text, rate: num });
  const uncertainDriver = obj({
    id: text,
    channelId: text,
    driver: v.picklist(DRIVER_KEYS),
    low: num,
    high: num,
    distribution: v.picklist(DISTRIBUTIONS),
    regionId: v.optional(text),
  });
  const budgetBounds = obj({
    channelId: text,
    regionId: v.optional(text),
    min: v.optional(num),
    max: v.optional(num),
    frozen: v.optional(v.boolean()),
  });

  const policyGroup = v.pipe(
    jsonObject,
    v.variant('kind', [
      v.object({ kind: v.literal('type'), type: v.picklist(CHANNEL_TYPES) }),
      v.object({ kind: v.literal('role'), role: v.picklist(CHANNEL_ROLES) }),
      v.object({ kind: v.literal('region'), regionId: text }),
      v.object({ kind: v.literal('channels'), ids: list(text), name: text }),
      v.object({ kind: v.literal('all') }),
    ]),
  );
  const policies = obj({
    groups: list(
      obj({
        id: text,
        group: policyGroup,
        measure: v.picklist(['share', 'amount'] as const),
        min: v.optional(num),
        max: v.optional(num),
        enabled: v.boolean(),
      }),
    ),
    efficiency: list(
      obj({
        id: text,
        metric: v.picklist(['roi', 'marginalRoi', 'cac'] as const),
        scope: v.picklist(['overall', 'eachChannel'] as const),
        limit: num,
        enabled: v.boolean(),
      }),
    ),
  });

  const scoreMetric = v.union([
    v.picklist(METRIC_KEYS),
    v.picklist(CUSTOMER_VALUE_SCORE_METRICS),
    v.pipe(text, v.startsWith('custom:'), v.custom<`custom:${string}`>(() => true)),
    v.picklist(CHANNEL_KPI_METRICS.map((k) => `kpi:${k}` as const)),
  ]);
  const kpi = obj({
    id: text,
    metric: scoreMetric,
    weight: num,
    direction: v.picklist(KPI_DIRECTIONS),
    normalisation: v.picklist(NORMALISATIONS),
    target: v.optional(num),
    red: v.optional(num),
    green: v.optional(num),
  });
  const bcg = obj({
    shareMode: v.picklist(BCG_SHARE_MODES),
    growthMode: v.picklist(BCG_GROWTH_MODES),
    shareThreshold: v.optional(num),
    growthThreshold: v.optional(num),
  });
  const criteria = keyedBy<PartnerCriterion, typeof num>(PARTNER_CRITERIA, num);
  const partner = obj({
    id: text,
    name: text,
    kind: v.picklist(PARTNER_KINDS),
    regionId: text,
    scores: criteria,
  });
  const prices = obj({
    reference: v.pipe(jsonObject, v.record(text, num)),
    tolerance: num,
    entries: list(obj({ id: text, product: text, channelId: text, regionId: text, price: num })),
    freight: list(obj({ from: text, to: text, cost: num })),
  });
  const evaluation = obj({
    scorecard: v.optional(obj({ kpis: list(kpi) })),
    bcg: v.optional(bcg),
    partners: v.optional(obj({ weights: criteria, partners: list(partner) })),
    prices: v.optional(prices),
  });

  // Channel KPIs: every value optional; ranges are checked with the plan's values (checks.ts).
  const channelKpiValues = obj({
    satisfaction: v.optional(num),
    complaintRate: v.optional(num),
    nps: v.optional(num),
    marketSize: v.optional(num),
    competitorShare: v.optional(num),
    floorArea: v.optional(num),
    stock: v.optional(obj({ base: v.optional(num), overrides: v.optional(v.pipe(jsonObject, v.record(v.string(), num))) })),
    backlogDays: v.optional(num),
  });
  const channelKpis = obj({
    channels: v.pipe(jsonObject, v.record(v.string(), channelKpiValues)),
    backlogDays: v.optional(num),
    satisfactionFloor: v.optional(num),
    complaintCeiling: v.optional(num),
  });
  const elasticitySource = v.pipe(
    jsonObject,
    v.variant('kind', [
      v.object({ kind: v.literal('typed') }),
      v.object({
        kind: v.literal('estimated'),
        estimate: num,
        low: num,
        high: num,
        priceChanges: num,
        observations: num,
        dataSet: text,
        estimatedAt: text,
        scope: text,
      }),
    ]),
  );
  const priceLever = obj({
    elasticity: num,
    actsOn: v.picklist(PRICE_TARGETS),
    channels: list(
      obj({
        channelId: text,
        index: driver,
        elasticity: v.optional(num),
        source: v.optional(elasticitySource),
        actsOn: v.optional(v.picklist(PRICE_TARGETS)),
        range: v.optional(obj({ low: num, high: num })),
      }),
    ),
    conversionCorrelation: v.optional(num),
  });

  const measureColumn = list(v.nullable(num));
  const nameMapping = obj({ name: text, targetId: text });
  const actuals = obj({
    start: text,
    months: num,
    series: list(
      obj({
        channelId: text,
        regionId: text,
        values: obj({
          netRevenue: v.optional(measureColumn),
          orders: v.optional(measureColumn),
          customers: v.optional(measureColumn),
          units: v.optional(measureColumn),
          spend: v.optional(measureColumn),
        }),
      }),
    ),
    source: obj({ kind: v.picklist(ACTUAL_SOURCES), name: text, importedAt: num }),
    channelNames: list(nameMapping),
    regionNames: list(nameMapping),
  });

  const decisionKpis = obj({ netRevenue: num, contribution: num, spend: num, fixedCost: num, orders: num });
  const decision = obj({
    id: text,
    at: num,
    scenarioId: text,
    fromScenarioId: text,
    name: text,
    values: v.pipe(jsonObject, v.record(text, num)),
    moves: list(obj({ adjustmentId: text, before: text, after: text })),
    kpis: decisionKpis,
    baseline: decisionKpis,
    rationale: text,
  });

  const customerValue = obj({
    dataset: text,
    takenAt: num,
    observationEnd: text,
    method: v.picklist(CUSTOMER_VALUE_METHODS),
    horizonMonths: num,
    discountRate: num,
    margin: num,
    channels: list(obj({ channelId: text, dataChannels: list(text), customers: num, clv: num, monthlyMargin: list(num) })),
  });

  const maybe = v.nullable(num);
  const experiment = obj({
    id: text,
    name: text,
    savedAt: num,
    change: obj({ channelId: text, driver: v.picklist(EXPERIMENT_DRIVERS), percent: num, regionId: text, month: text, scenarioId: v.nullable(text) }),
    settings: obj({ share: num, alpha: num, power: num, method: v.picklist(POWER_METHODS), days: maybe, cv: num, looks: maybe }),
    figures: obj({ relativeEffect: num, unitsPerArm: maybe, daysNeeded: maybe, mdeRelative: maybe, extraSpend: maybe }),
    result: obj({
      controlUnits: maybe, controlConversions: maybe, testUnits: maybe, testConversions: maybe, confidence: num,
      controlMean: maybe, controlSd: maybe, controlOrders: maybe, testMean: maybe, testSd: maybe, testOrders: maybe,
    }),
  });

  return obj({
    id: text,
    name: text,
    currency: text,
    locale: text,
    timeline,
    regions: list(region),
    channels: list(channel),
    customMetrics: list(customMetric),
    scenarios: v.optional(list(scenario)),
    cannibalisation: v.optional(list(cannibalisation)),
    uncertainty: v.optional(list(uncertainDriver)),
    budgetBounds: v.optional(list(budgetBounds)),
    policies: v.optional(policies),
    evaluation: v.optional(evaluation),
    actuals: v.optional(actuals),
    decisions: v.optional(list(decision)),
    promotions: v.optional(list(promotion)),
    customerValue: v.optional(customerValue),
    experiments: v.optional(list(experiment)),
    channelKpis: v.optional(channelKpis),
    prices: v.optional(priceLever),
    notes: text,
    lineage: v.optional(list(lineageEntry)),
    createdAt: num,
    updatedAt: num,
  });
}

export type PlanSchema = ReturnType<typeof createPlanSchema>;

/** SHA-256 in hex: exactly 64 lowercase hex digits. */
const HASH = /^[0-9a-f]{64}$/;

/** Where an exported plan came from (the envelope's `origin`, and each entry of a plan's `lineage`). */
export const originSchema = (limits: SchemaLimits) => {
  const text = v.pipe(v.string(), v.maxLength(limits.maxStringLength));
  return obj({ planId: text, snapshotId: text, contentHash: v.pipe(v.string(), v.regex(HASH)) });
};

export const appInfoSchema = (limits: SchemaLimits) =>
  obj({ name: v.pipe(v.string(), v.maxLength(limits.maxStringLength)), version: v.pipe(v.string(), v.maxLength(limits.maxStringLength)) });

// The schema must describe exactly the plan type: a field added to types.ts without a schema entry
// (or the other way round) is a compile error here, not a file that silently loses data.
type Exactly<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const schemaMatchesPlan: Exactly<v.InferOutput<PlanSchema>, PlanInFile> = true;
void schemaMatchesPlan;
