import type { DriverUnit } from '../../engine/drivers';
import { metricFormat, type MetricFormat } from '../../engine/metrics';
import { customIdOf } from '../../engine/scorecardValues';
import type { MetricKey, Plan, ScoreMetric } from '../../engine/types';
import { t } from '../../state/i18n.svelte';
import type { ParseOutcome } from '../grid/cellSpec';
import { formatByUnit, parseUnit, unitToInput, type Money } from '../units';

/** How a scorecard metric's values display: a built-in metric's format or a custom metric's. */
export function scoreFormat(plan: Plan, metric: ScoreMetric): MetricFormat {
  const id = customIdOf(metric);
  if (id === null) return metricFormat(metric as MetricKey);
  const f = plan.customMetrics.find((m) => m.id === id)?.format ?? 'number';
  return f === 'number' ? 'count' : f;
}

export function scoreMetricName(plan: Plan, metric: ScoreMetric): string {
  const id = customIdOf(metric);
  if (id === null) return t(`metric.${metric as MetricKey}`);
  return plan.customMetrics.find((m) => m.id === id)?.name ?? t('score.unknownMetric');
}

/** Percent metrics are typed in percent points but may pass 100 % (ROI 150 %), unlike rate drivers. */
function inputUnit(format: MetricFormat): DriverUnit {
  return format === 'money' ? 'money' : 'count';
}

export function formatScoreValue(format: MetricFormat, v: number | null, money: Money): string {
  return formatByUnit(format, v, money);
}

/** Text of a threshold or target for its input box, in the metric's unit ("35%", "1200"). */
export function valueToInput(format: MetricFormat, v: number | undefined, currency: string): string {
  if (v === undefined) return '';
  const sign = v < 0 ? '-' : '';
  if (format === 'percent') return `${sign}${Number((Math.abs(v) * 100).toPrecision(12))}%`;
  return sign + unitToInput(inputUnit(format), Math.abs(v), currency);
}

/**
 * Reads a threshold or target typed in the metric's unit; blank clears it. Thresholds may be
 * negative (growth below −5 %), which the driver parser refuses, so the sign is read here.
 */
export function parseScoreValue(format: MetricFormat, text: string, currency: string): ParseOutcome {
  let s = text.trim();
  if (s === '') return { ok: true, value: undefined };
  let sign = 1;
  if (/^[-−]/.test(s)) {
    sign = -1;
    s = s.slice(1);
  }
  const percent = format === 'percent';
  const r = parseUnit(percent ? s.replace(/\s*[%％]$/, '') : s, inputUnit(format), currency);
  return r.ok ? { ok: true, value: (sign * (r.value as number)) / (percent ? 100 : 1) } : r;
}
