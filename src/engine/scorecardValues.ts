import { ChannelKpiSource, channelKpiOf, kpiFormulaLookup, kpiValue } from './channelKpis';
import type { PlanResult } from './compute';
import { customMetricValues } from './customValues';
import { customerValueScore, isCustomerValueMetric } from './customerValue/ltvCac';
import type { CompiledCustomMetric, EvalResult } from './expr';
import { isFlowMetric, isRatioMetric, rollup, rollupValue } from './rollup';
import type { Plan, ScorecardKpi, ScoreMetric } from './types';

/**
 * The window a scorecard judges: one calendar year of the plan (a bucket of the yearly roll-up) or
 * the whole plan. A year is the default because growth is year on year and a whole multi-year plan
 * has no year before it to grow from.
 */
export type ScoreWindow = { kind: 'year'; key: string } | { kind: 'all' };

export function yearKeys(plan: Plan, result: PlanResult): string[] {
  return rollup(plan, result, 'total', 'year').buckets.map((b) => b.key);
}

/** The custom metric id of a `custom:<id>` score metric, or null for a built-in one. */
export function customIdOf(metric: ScoreMetric): string | null {
  return metric.startsWith('custom:') ? metric.slice('custom:'.length) : null;
}

/**
 * values[kpi][channel] for the scorecard: built-in metrics from the roll-up by channel over the
 * window, custom metrics evaluated on the same roll-up (null where undefined or broken). The grid
 * shows the same numbers as the Periods tab for that year.
 */
export function scorecardValues(
  plan: Plan, result: PlanResult, kpis: readonly ScorecardKpi[], window: ScoreWindow, custom: readonly CompiledCustomMetric[],
): (number | null)[][] {
  const r = rollup(plan, result, 'channel', window.kind === 'all' ? 'all' : 'year');
  const b = window.kind === 'all' ? 0 : r.buckets.findIndex((x) => x.key === window.key);
  const channels = plan.channels.length;
  if (b < 0) return kpis.map(() => Array<number | null>(channels).fill(null));
  const customCache = new Map<number, Map<string, EvalResult>>();
  const kpiSource = new ChannelKpiSource(plan, result);
  const bucket = r.buckets[b];
  const customValue = (g: number, id: string): number | null => {
    const metric = plan.customMetrics.find((m) => m.id === id);
    if (!metric) return null;
    let values = customCache.get(g);
    if (!values) {
      values = customMetricValues(r, custom, g, b, kpiFormulaLookup(kpiSource, r, g, b));
      customCache.set(g, values);
    }
    const v = values.get(metric.name);
    return v && v.ok && Number.isFinite(v.value) ? v.value : null;
  };
  return kpis.map((kpi) =>
    plan.channels.map((_, g) => {
      const id = customIdOf(kpi.metric);
      if (id !== null) return customValue(g, id);
      const key = channelKpiOf(kpi.metric);
      if (key !== null) return kpiValue(kpiSource.figures(g, { start: bucket.start, end: bucket.end }), key);
      const m = kpi.metric;
      if (isCustomerValueMetric(m)) return customerValueScore(plan, r, m, g, b);
      return isFlowMetric(m) || isRatioMetric(m) ? rollupValue(r, m, g, b) : null;
    }),
  );
}

/**
 * Why a KPI has no value (for a channel, or for all of them) in the window, so the scorecard can
 * say it rather than score a blank:
 *   noEarlierYear  growth in a plan's first calendar year: nothing a year earlier to compare with
 *   wholePlan      growth over the whole plan: it has no year before it
 *   zeroBase       growth from a year with no net revenue
 *   noSpend / noSpendOrFixedCost / noNewOrders / noRevenue   the ratio's divisor is 0
 *   formula        a custom metric's formula has no value (a division by zero, say)
 *   noCustomerValue  LTV:CAC or payback without the channel's CLV (none taken from customer data),
 *                  or with no spend or new-customer orders, or CAC not recovered within the horizon
 */
export type UndefinedReason =
  | { kind: 'noEarlierYear'; year: string }
  | { kind: 'wholePlan' }
  | { kind: 'zeroBase' }
  | { kind: 'noSpend' }
  | { kind: 'noSpendOrFixedCost' }
  | { kind: 'noNewOrders' }
  | { kind: 'noRevenue' }
  | { kind: 'noCustomerValue' }
  | { kind: 'formula' }
  /** A channel KPI nobody typed (or, for a derived one, one of its inputs). */
  | { kind: 'notEntered' };

export function undefinedReason(plan: Plan, result: PlanResult, metric: ScoreMetric, window: ScoreWindow): UndefinedReason {
  if (customIdOf(metric) !== null) return { kind: 'formula' };
  if (channelKpiOf(metric) !== null) return { kind: 'notEntered' };
  switch (metric) {
    case 'growth':
    case 'growthPop': {
      if (window.kind === 'all') return { kind: 'wholePlan' };
      const keys = yearKeys(plan, result);
      return keys.indexOf(window.key) <= 0 ? { kind: 'noEarlierYear', year: window.key } : { kind: 'zeroBase' };
    }
    case 'roi':
      return { kind: 'noSpendOrFixedCost' };
    case 'cac':
      return { kind: 'noNewOrders' };
    case 'costRatio':
    case 'revenueShare':
      return { kind: 'noRevenue' };
    case 'ltvCac':
    case 'paybackMonths':
      return { kind: 'noCustomerValue' };
    default:
      return { kind: 'noSpend' };
  }
}
