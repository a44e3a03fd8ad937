import type { PlanResult } from './compute';
import { resultPlan } from './lifecycle/resultPlan';
import { regionCells, type RegionCells } from './regions/cells';
import { ratioMetric, ratio, type FlowTotals } from './ratios';
import { buckets as makeBuckets, type Bucket, type Granularity } from './timeline';
import type { DriverKey, FlowMetric, MetricKey, Plan, RatioMetric } from './types';
import { FLOW_METRICS, RATIO_METRICS } from './types';

export type GroupBy = 'channel' | 'type' | 'role' | 'region' | 'total';

/** Key of the region group that collects channels serving no region. */
export const UNASSIGNED_REGION = '';

export interface Rollup {
  groupBy: GroupBy;
  granularity: Granularity;
  /** Channel id, type, role or region id, or 'total'. */
  groupKeys: string[];
  buckets: Bucket[];
  /** Flows per group and bucket, row-major: index = group · buckets.length + bucket. */
  flows: Record<FlowMetric, Float64Array>;
  marginalRoiSpend: Float64Array;
  /** Present only for channel × month, where drivers are the resolved per-cell values. */
  cells: PlanResult | null;
}

/** Which group each channel feeds (by channel, type, role or the total). */
function membership(plan: Plan, groupBy: Exclude<GroupBy, 'region'>): { keys: string[]; rowGroup: number[] } {
  const keys: string[] = [];
  const index = new Map<string, number>();
  const groupOf = (key: string): number => {
    let g = index.get(key);
    if (g === undefined) {
      g = keys.length;
      keys.push(key);
      index.set(key, g);
    }
    return g;
  };
  const rowGroup = plan.channels.map((ch) => {
    switch (groupBy) {
      case 'channel':
        return groupOf(ch.id);
      case 'type':
        return groupOf(ch.type);
      case 'role':
        return groupOf(ch.role);
      case 'total':
        return groupOf('total');
    }
  });
  return { keys, rowGroup };
}

/**
 * Region groups: every plan region in plan order (even one no channel serves), then '' for channels
 * serving none when there are such.
 */
function regionGroups(plan: Plan, cells: RegionCells): { keys: string[]; rowGroup: number[] } {
  const keys = plan.regions.map((r) => r.id);
  const index = new Map(keys.map((k, g) => [k, g] as const));
  const rowGroup = cells.rows.map((r) => {
    let g = index.get(r.regionId);
    if (g === undefined) {
      g = keys.length;
      keys.push(r.regionId);
      index.set(r.regionId, g);
    }
    return g;
  });
  return { keys, rowGroup };
}

export function rollup(planIn: Plan, res: PlanResult, groupBy: GroupBy, granularity: Granularity): Rollup {
  // Rows are the result's channels, which a scenario with launches has more of than the plan.
  const plan = resultPlan(planIn, res);
  const bks = makeBuckets(plan.timeline, granularity);
  const bucketOf = new Int32Array(res.periods);
  bks.forEach((b, bi) => bucketOf.fill(bi, b.start, b.end));
  const P = res.periods;
  // By region, the source rows are the channel × region cells (regions/cells.ts): computed rows of
  // channels planned by region, exact shares of the others.
  const byRegion = groupBy === 'region' ? regionCells(plan, res) : null;
  const { keys, rowGroup } = byRegion ? regionGroups(plan, byRegion) : membership(plan, groupBy as Exclude<GroupBy, 'region'>);
  const srcFlows = byRegion ? byRegion.flows : res.flows;
  const srcMroi = byRegion ? byRegion.marginalRoiSpend : res.marginalRoiSpend;
  const size = keys.length * bks.length;
  const flows = {} as Record<FlowMetric, Float64Array>;
  for (const m of FLOW_METRICS) flows[m] = new Float64Array(size);
  const mroi = new Float64Array(size);
  for (let q = 0; q < rowGroup.length; q++) {
    const row = rowGroup[q] * bks.length;
    for (const m of FLOW_METRICS) {
      const src = srcFlows[m];
      const dst = flows[m];
      for (let t = 0; t < P; t++) dst[row + bucketOf[t]] += src[q * P + t];
    }
    for (let t = 0; t < P; t++) mroi[row + bucketOf[t]] += srcMroi[q * P + t];
  }
  return {
    groupBy,
    granularity,
    groupKeys: keys,
    buckets: bks,
    flows,
    marginalRoiSpend: mroi,
    cells: groupBy === 'channel' && granularity === 'month' ? res : null,
  };
}

const FLOW_SET: ReadonlySet<string> = new Set(FLOW_METRICS);
const RATIO_SET: ReadonlySet<string> = new Set(RATIO_METRICS);

export function isFlowMetric(key: string): key is FlowMetric {
  return FLOW_SET.has(key);
}
export function isRatioMetric(key: string): key is RatioMetric {
  return RATIO_SET.has(key);
}

/** Value of a flow or ratio metric for one group and bucket of a roll-up; null when undefined. */
export function rollupValue(r: Rollup, metric: MetricKey, g: number, b: number): number | null {
  const nb = r.buckets.length;
  const i = g * nb + b;
  if (isFlowMetric(metric)) return r.flows[metric][i];
  if (metric === 'marginalRoi' && r.cells) {
    return r.cells.marginalRoiDefined[i] ? r.cells.marginalRoi[i] : null;
  }
  const yearLag = r.buckets[b].yearLag;
  let bucketNet = 0;
  for (let k = 0; k < r.groupKeys.length; k++) bucketNet += r.flows.netRevenue[k * nb + b];
  const totals: FlowTotals = {
    get: (m) => r.flows[m][i],
    marginalRoiSpend: r.marginalRoiSpend[i],
    bucketNetRevenue: bucketNet,
    yearAgoNetRevenue: b - yearLag >= 0 ? r.flows.netRevenue[i - yearLag] : null,
    previousNetRevenue: b >= 1 ? r.flows.netRevenue[i - 1] : null,
  };
  return ratioMetric(metric, totals);
}

/**
 * A driver's value for one group and bucket. For single cells it is the resolved driver; for
 * roll-ups it is the effective rate implied by the summed flows (e.g. conversion = orders / traffic),
 * which is what a weighted average of the channels' drivers means.
 */
export function rollupDriver(r: Rollup, key: DriverKey, g: number, b: number): number | null {
  const i = g * r.buckets.length + b;
  if (r.cells) return r.cells.drivers[key][i];
  const f = (m: FlowMetric): number => r.flows[m][i];
  switch (key) {
    case 'spend':
    case 'baseTraffic':
    case 'fixedCost':
      return f(key);
    case 'conversion':
      return ratio(f('orders'), f('traffic'));
    case 'aov':
      return ratio(f('grossRevenue'), f('orders'));
    case 'returnRate':
      return ratio(f('returns'), f('grossRevenue'));
    case 'channelMargin':
      return ratio(f('intermediaryMargin'), f('grossRevenue') - f('returns'));
    case 'grossMargin':
      return ratio(f('grossProfit'), f('netRevenue'));
    case 'variableCostRate':
      return ratio(f('variableCost'), f('netRevenue'));
    case 'newCustomerShare':
      return ratio(f('newOrders'), f('orders'));
  }
}

const shared = new WeakMap<PlanResult, WeakMap<Plan, Map<string, Rollup>>>();

/** The roll-ups kept for one plan and result, by `groupBy|granularity`. */
function sharedStore(plan: Plan, res: PlanResult): Map<string, Rollup> {
  let byPlan = shared.get(res);
  if (!byPlan) shared.set(res, (byPlan = new WeakMap()));
  let byKey = byPlan.get(plan);
  if (!byKey) byPlan.set(plan, (byKey = new Map()));
  return byKey;
}

/**
 * `rollup`, computed once per result: the KPI tiles, the channel grid and the charts all show the
 * same result's totals and channel sums, and each used to add them up again after every edit.
 * Results are never changed once computed, so the sums are kept for as long as the result is.
 * Callers must not write into what it returns.
 */
export function sharedRollup(plan: Plan, res: PlanResult, groupBy: GroupBy, granularity: Granularity): Readonly<Rollup> {
  const byKey = sharedStore(plan, res);
  const key = `${groupBy}|${granularity}`;
  let r = byKey.get(key);
  if (!r) byKey.set(key, (r = rollup(plan, res, groupBy, granularity)));
  return r;
}

/** The roll-ups the plan view asks of every live result: the KPI tiles, the channel grid, the mix chart by month. */
export const LIVE_ROLLUPS: readonly (readonly [GroupBy, Granularity])[] = [
  ['total', 'all'],
  ['channel', 'all'],
  ['channel', 'month'],
];

/**
 * LIVE_ROLLUPS of a result, for the engine worker to compute beside it: adding up 50 channels × 36
 * months costs a few milliseconds that would otherwise land on the page's main thread after every
 * edit. `cells` (the result itself) is left out, so only the sums cross to the page.
 */
export function liveRollups(plan: Plan, res: PlanResult): Rollup[] {
  return LIVE_ROLLUPS.map(([groupBy, granularity]) => ({ ...rollup(plan, res, groupBy, granularity), cells: null }));
}

/** Puts roll-ups made elsewhere (liveRollups in the worker) into sharedRollup's store for this plan and result. */
export function seedSharedRollups(plan: Plan, res: PlanResult, rollups: readonly Rollup[]): void {
  const byKey = sharedStore(plan, res);
  for (const r of rollups) {
    const cells = r.groupBy === 'channel' && r.granularity === 'month' ? res : null;
    byKey.set(`${r.groupBy}|${r.granularity}`, { ...r, cells });
  }
}
