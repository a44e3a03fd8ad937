/**
 * What every metric means and how its changes read, in one place for the KPI tiles, Compare and grid
 * headers (`metricDefinition(key)` suits a column's `headerTooltip`). The formulas are the engine's
 * (compute.ts, ratios.ts): change them together.
 */
import { metricFormat } from '../engine/metrics';
import { currencyDigits } from '../engine/money';
import type { MetricKey } from '../engine/types';
import { RATIO_METRICS } from '../engine/types';
import { formatDecimal, formatMoney, formatPercent } from '../i18n/format';
import { t } from '../state/i18n.svelte';
import { deltaInPoints } from './metricDirection';
import { formatMetric, type Money } from './units';

export { deltaInPoints, deltaTone, metricDirection, relativeDelta, type MetricDirection, type Tone } from './metricDirection';

/**
 * A change in percentage points, as a number: one decimal, more for a change under a tenth of a
 * point, so that a change never reads as "0" (a cost ratio of 37.32 % → 37.29 % is −0.03 pp).
 */
export function pointsText(points: number, locale: string): string {
  const size = Math.abs(points);
  const digits = size === 0 || size >= 0.095 ? 1 : Math.min(6, Math.ceil(-Math.log10(size)));
  return formatDecimal(points, locale, digits);
}

/** The change from a reference, as a person reads it: "+¥1.2万", "+4.0 pp", "−¥3.20". */
export function formatDelta(key: MetricKey, delta: number | null, money: Money, compactMoney = false): string {
  if (delta === null) return '—';
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const size = Math.abs(delta);
  if (deltaInPoints(key)) return sign + t('se.pp', { value: pointsText(size * 100, money.locale) });
  // Large amounts read as ¥120万 / ¥1.2M like the tiles' values; small ones (a CAC) keep their cents.
  if (compactMoney && metricFormat(key) === 'money' && size >= 10_000 * 10 ** currencyDigits(money.currency)) {
    return sign + formatMoney(size, money.currency, money.locale, true);
  }
  return sign + formatMetric(key, size, money);
}

export function formatRelative(rel: number | null, locale: string): string {
  if (rel === null) return '—';
  return (rel > 0 ? '+' : rel < 0 ? '−' : '±') + formatPercent(Math.abs(rel), locale, 1);
}

/** How a metric is computed, in the current language (for tooltips and grid header tooltips). */
export function metricDefinition(key: MetricKey): string {
  const text = t(`metricDef.${key}`);
  return (RATIO_METRICS as readonly string[]).includes(key) && key !== 'growth' && key !== 'growthPop' ? `${text} ${t('metricDef.totals')}` : text;
}
