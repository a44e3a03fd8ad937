import type { PlanResult } from './compute';
import { ratioMetric, ratio, type FlowTotals } from './ratios';
import { buckets as makeBuckets, type Bucket, type Granularity } from './timeline';
import type { DriverKey, FlowMetric, MetricKey, Plan, RatioMetric } from './types';
import { FLOW_METRICS, MONEY_FLOWS, RATIO_METRICS } from './types';

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

interface Share {
  group: number;
  /** Share of the channel's flows that goes to this group; money shares are split exactly. */
  part: number;
  of: number;
}

/**
 * Which groups each channel feeds. A channel serving several regions is split equally between them;
 * money is split in whole minor units (the remainder goes to the first regions) so that region totals
 * add up exactly to the plan total.
 */
function membership(plan: Plan, groupBy: GroupBy): { keys: string[]; shares: Share[][] } {
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
  if (groupBy === 'region') {
    for (const r of plan.regions) groupOf(r.id);
  }
  const shares = plan.channels.map((ch): Share[] => {
    switch (groupBy) {
      case 'channel':
        return [{ group: groupOf(ch.id), part: 0, of: 1 }];
      case 'type':
        return [{ group: groupOf(ch.type), part: 0, of: 1 }];
      case 'role':
        return [{ group: groupOf(ch.role), part: 0, of: 1 }];
      case 'total':
        return [{ group: groupOf('total'), part: 0, of: 1 }];
      case 'region': {
        const known = ch.regions.filter((r) => index.has(r));
        const served = known.length > 0 ? [...new Set(known)] : [UNASSIGNED_REGION];
        return served.map((r, part) => ({ group: groupOf(r), part, of: served.length }));
      }
    }
  });
  return { keys, shares };
}

/** The `part`-th of `of` exact shares of an integer amount. */
function moneyShare(value: number, part: number, of: number): number {
  if (of === 1) return value;
  const base = Math.trunc(value / of);
  const rest = value - base * of;
  return base + (Math.abs(rest) > part ? Math.sign(rest) : 0);
}

export function rollup(plan: Plan, res: PlanResult, groupBy: GroupBy, granularity: Granularity): Rollup {
  const bks = makeBuckets(plan.timeline, granularity);
  const bucketOf = new Int32Array(res.periods);
  bks.forEach((b, bi) => bucketOf.fill(bi, b.start, b.end));
  const { keys, shares } = membership(plan, groupBy);
  const size = keys.length * bks.length;
  const flows = {} as Record<FlowMetric, Float64Array>;
  for (const m of FLOW_METRICS) flows[m] = new Float64Array(size);
  const mroi = new Float64Array(size);
  const P = res.periods;
  for (let c = 0; c < shares.length; c++) {
    for (const s of shares[c]) {
      const row = s.group * bks.length;
      for (const m of FLOW_METRICS) {
        const src = res.flows[m];
        const dst = flows[m];
        const money = MONEY_FLOWS.has(m);
        for (let t = 0; t < P; t++) {
          const v = src[c * P + t];
          dst[row + bucketOf[t]] += s.of === 1 ? v : money ? moneyShare(v, s.part, s.of) : v / s.of;
        }
      }
      for (let t = 0; t < P; t++) mroi[row + bucketOf[t]] += res.marginalRoiSpend[c * P + t] / s.of;
    }
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
