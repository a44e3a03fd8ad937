/**
 * Channel KPIs as scorecard criteria and formula variables (docs/model.md#channel-kpis): which figure
 * each one is, how it displays, and which way is better.
 */
import type { MetricFormat } from '../metrics';
import type { Rollup } from '../rollup';
import { CHANNEL_KPI_METRICS, type ChannelKpiMetric, type KpiDirection, type ScoreMetric } from '../types';
import type { ChannelKpiFigures, ChannelKpiSource } from './figures';
import { isKpiFormulaName } from './names';

const PREFIX = 'kpi:';

/** The channel KPI a score metric names, or null for any other metric. */
export function channelKpiOf(metric: ScoreMetric | string): ChannelKpiMetric | null {
  if (!metric.startsWith(PREFIX)) return null;
  const key = metric.slice(PREFIX.length);
  return (CHANNEL_KPI_METRICS as readonly string[]).includes(key) ? (key as ChannelKpiMetric) : null;
}

export function kpiScoreMetric(key: ChannelKpiMetric): ScoreMetric {
  return `${PREFIX}${key}`;
}

/** Fewer complaints and fewer days of stock are better; every other KPI is better higher. */
export function kpiDirection(key: ChannelKpiMetric): KpiDirection {
  return key === 'complaintRate' || key === 'turnoverDays' ? 'lower' : 'higher';
}

export const KPI_FORMATS: Readonly<Record<ChannelKpiMetric, MetricFormat>> = {
  satisfaction: 'percent',
  complaintRate: 'percent',
  nps: 'count',
  marketShare: 'percent',
  relativeMarketShare: 'ratio',
  salesPerArea: 'money',
  turnoverDays: 'count',
};

/** The figure of a KPI over a window; null where it has no value. */
export function kpiValue(f: ChannelKpiFigures, key: ChannelKpiMetric): number | null {
  return f[key];
}

/**
 * A lookup of KPI names for one cell of a roll-up: per channel the figures over the cell's months;
 * for a type, role, region or total there is no one channel's value, so none (the cell says so).
 */
export function kpiFormulaLookup(source: ChannelKpiSource, r: Rollup, g: number, b: number): (name: string) => number | null {
  let figures: ChannelKpiFigures | null = null;
  return (name) => {
    if (!isKpiFormulaName(name) || r.groupBy !== 'channel') return null;
    const bucket = r.buckets[b];
    if (!bucket) return null;
    figures ??= source.figures(g, { start: bucket.start, end: bucket.end });
    return figures[name];
  };
}
