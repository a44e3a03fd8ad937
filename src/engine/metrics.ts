import { KPI_FORMULA_NAMES } from './channelKpis/names';
import type { DriverKey, FlowMetric, MetricKey, RatioMetric } from './types';
import { DRIVER_KEYS, FLOW_METRICS, MONEY_FLOWS, RATIO_METRICS } from './types';

/** How a metric's values display. Money is in minor units. */
export type MetricFormat = 'money' | 'count' | 'percent' | 'ratio';

const RATIO_FORMATS: Readonly<Record<RatioMetric, MetricFormat>> = {
  roi: 'percent',
  roas: 'ratio',
  cac: 'money',
  costRatio: 'percent',
  revenueShare: 'percent',
  growth: 'percent',
  growthPop: 'percent',
  marginalRoi: 'ratio',
};

export function metricFormat(key: MetricKey): MetricFormat {
  if ((FLOW_METRICS as readonly string[]).includes(key)) {
    return MONEY_FLOWS.has(key as FlowMetric) ? 'money' : 'count';
  }
  return RATIO_FORMATS[key as RatioMetric];
}

/** Every name a custom formula may use, besides other custom metrics (channel KPIs: docs/model.md#channel-kpis). */
export const BUILTIN_NAMES: ReadonlySet<string> = new Set<string>([
  ...FLOW_METRICS,
  ...RATIO_METRICS,
  ...DRIVER_KEYS,
  ...KPI_FORMULA_NAMES,
]);

export const ALL_METRICS: readonly MetricKey[] = [...FLOW_METRICS, ...RATIO_METRICS];

/** The headline metrics shown in the channel grid and the KPI tiles. */
export const HEADLINE_METRICS: readonly MetricKey[] = [
  'netRevenue',
  'contribution',
  'roi',
  'cac',
  'costRatio',
  'revenueShare',
];

export function isDriverKey(key: string): key is DriverKey {
  return (DRIVER_KEYS as readonly string[]).includes(key);
}
