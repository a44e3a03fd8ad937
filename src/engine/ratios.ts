import type { FlowMetric, RatioMetric } from './types';

/** A ratio that is undefined (null) when its divisor is zero, rather than NaN or Infinity. */
export function ratio(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  const r = numerator / denominator;
  return Number.isFinite(r) ? r : null;
}

/** The sums a ratio metric needs for one group and bucket. */
export interface FlowTotals {
  get(metric: FlowMetric): number;
  marginalRoiSpend: number;
  /** Σ netRevenue of all groups in the same bucket (for revenue share). */
  bucketNetRevenue: number;
  /** netRevenue of the same group a year earlier and one bucket earlier; null when out of range. */
  yearAgoNetRevenue: number | null;
  previousNetRevenue: number | null;
}

/** The ratio metrics (docs/model.md#ratio-metrics), evaluated on sums so that roll-ups are ratios of totals. */
export function ratioMetric(metric: RatioMetric, t: FlowTotals): number | null {
  switch (metric) {
    case 'roi':
      return ratio(t.get('contribution'), t.get('spend') + t.get('fixedCost'));
    case 'roas':
      return ratio(t.get('netRevenue'), t.get('spend'));
    case 'cac':
      return ratio(t.get('spend'), t.get('newOrders'));
    case 'costRatio':
      return ratio(t.get('channelCost') + t.get('spend'), t.get('netRevenue'));
    case 'revenueShare':
      return ratio(t.get('netRevenue'), t.bucketNetRevenue);
    case 'growth':
      return t.yearAgoNetRevenue === null ? null : growthOf(t.get('netRevenue'), t.yearAgoNetRevenue);
    case 'growthPop':
      return t.previousNetRevenue === null ? null : growthOf(t.get('netRevenue'), t.previousNetRevenue);
    case 'marginalRoi':
      return ratio(t.marginalRoiSpend, t.get('spend'));
  }
}

function growthOf(now: number, before: number): number | null {
  const r = ratio(now, before);
  return r === null ? null : r - 1;
}
