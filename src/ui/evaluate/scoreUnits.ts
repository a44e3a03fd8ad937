import { channelKpiOf, KPI_FORMATS } from '../../engine/channelKpis';
import type { DriverUnit } from '../../engine/drivers';
import { metricFormat, type MetricFormat } from '../../engine/metrics';
import { customIdOf } from '../../engine/scorecardValues';
import type { CustomerValueScoreMetric, MetricKey, Plan, ScoreMetric } from '../../engine/types';
import { t } from '../../state/i18n.svelte';
import { formatByUnit, type Money } from '../units';

/** How a scorecard metric's values display: a built-in metric's format or a custom metric's. */
export function scoreFormat(plan: Plan, metric: ScoreMetric): MetricFormat {
  if (metric === 'ltvCac') return 'ratio';
  if (metric === 'paybackMonths') return 'count';
  const kpi = channelKpiOf(metric);
  if (kpi !== null) return KPI_FORMATS[kpi];
  const id = customIdOf(metric);
  if (id === null) return metricFormat(metric as MetricKey);
  const f = plan.customMetrics.find((m) => m.id === id)?.format ?? 'number';
  return f === 'number' ? 'count' : f;
}

export function scoreMetricName(plan: Plan, metric: ScoreMetric): string {
  const kpi = channelKpiOf(metric);
  if (kpi !== null) return t(`ckpi.metric.${kpi}`);
  const id = customIdOf(metric);
  if (id === null) return t(`metric.${metric as MetricKey | CustomerValueScoreMetric}`);
  return plan.customMetrics.find((m) => m.id === id)?.name ?? t('score.unknownMetric');
}

/**
 * The unit a threshold or target is typed in: percent metrics as percents (Excel's rule, and they
 * may pass 100 %: ROI 150 %), money as money, anything else as a plain number.
 */
export function scoreInputUnit(format: MetricFormat): DriverUnit {
  return format === 'money' ? 'money' : format === 'percent' ? 'rate' : 'count';
}

export function formatScoreValue(format: MetricFormat, v: number | null, money: Money): string {
  return formatByUnit(format, v, money);
}
