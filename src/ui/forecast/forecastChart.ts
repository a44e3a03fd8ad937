/**
 * A channel's history and forecast as one line chart: the actuals, the forecast with its 80 % and
 * 95 % ranges as shaded bands, and the two benchmarks (same month last year; the trend line).
 * Bands are drawn as an invisible lower line with the band's width stacked on it, so the tooltip
 * is built here from the figures themselves (escaped text only).
 */
import type { MonthlyForecast } from '../../engine/forecast';
import { shiftMonth } from '../../engine/timeline';
import { formatMonth } from '../../i18n/format';
import { t } from '../../state/i18n.svelte';
import { CHART_BASE } from '../charts/planCharts';
import { echarts, type EChartsCoreOption } from '../charts/echarts';

const { encodeHTML } = echarts.format;

export interface ForecastChartInput {
  start: string;
  history: Float64Array;
  forecast: MonthlyForecast;
  /** Formats a value of the measure for axis labels and the tooltip. */
  format: (v: number, compact?: boolean) => string;
  locale: string;
  color: string;
}

const BAND_80 = 'rgba(59, 130, 246, 0.28)';
const BAND_95 = 'rgba(59, 130, 246, 0.12)';

export function forecastChartOption(input: ForecastChartInput): EChartsCoreOption {
  const { history, forecast, format, locale } = input;
  const n = history.length;
  const h = forecast.forecast.mean.length;
  const months = Array.from({ length: n + h }, (_, i) => shiftMonth(input.start, i) ?? input.start);
  const labels = months.map((m) => formatMonth(m, locale));
  const pad = (a: ArrayLike<number> | undefined, joinLast = false): (number | null)[] => {
    const out: (number | null)[] = Array<number | null>(n + h).fill(null);
    if (joinLast && n > 0) out[n - 1] = history[n - 1];
    if (a) for (let i = 0; i < a.length && i < h; i++) out[n + i] = a[i];
    return out;
  };
  const band = (level: number) => forecast.forecast.intervals.find((b) => b.level === level);
  const b80 = band(80);
  const b95 = band(95);
  const widths = (b: typeof b80) => (b ? Float64Array.from(b.upper, (u, i) => u - b.lower[i]) : undefined);
  const names = {
    history: t('forecast.series.history'),
    forecast: t('forecast.series.forecast'),
    band80: t('forecast.series.band80'),
    band95: t('forecast.series.band95'),
    naive: t('forecast.series.seasonalNaive'),
    drift: t('forecast.series.drift'),
  };
  const hidden = { lineStyle: { opacity: 0 }, symbol: 'none', silent: true, tooltip: { show: false } };
  const tooltip = (raw: unknown): string => {
    const first = (Array.isArray(raw) ? raw[0] : raw) as { dataIndex?: number } | undefined;
    const i = first?.dataIndex ?? 0;
    const rows = [`<div>${encodeHTML(labels[i] ?? '')}</div>`];
    const line = (name: string, text: string) => rows.push(`${encodeHTML(name)}: <b>${encodeHTML(text)}</b>`);
    if (i < n) line(names.history, format(history[i]));
    else {
      const k = i - n;
      line(names.forecast, format(forecast.forecast.mean[k]));
      if (b80) line(names.band80, `${format(b80.lower[k])} – ${format(b80.upper[k])}`);
      if (b95) line(names.band95, `${format(b95.lower[k])} – ${format(b95.upper[k])}`);
      if (forecast.seasonalNaive) line(names.naive, format(forecast.seasonalNaive.mean[k]));
      if (forecast.drift) line(names.drift, format(forecast.drift.mean[k]));
    }
    return rows.join('<br/>');
  };
  return {
    ...CHART_BASE,
    color: [input.color],
    legend: { bottom: 0, data: [names.history, names.forecast, names.band80, names.band95, names.naive, names.drift] },
    tooltip: { trigger: 'axis', confine: true, formatter: tooltip },
    xAxis: { type: 'category', data: labels, boundaryGap: false },
    yAxis: { type: 'value', scale: false, axisLabel: { formatter: (v: number) => format(v, true) } },
    series: [
      { name: 'lower95', type: 'line', stack: 'band95', data: pad(b95?.lower), ...hidden },
      { name: names.band95, type: 'line', stack: 'band95', data: pad(widths(b95)), lineStyle: { opacity: 0 }, symbol: 'none', areaStyle: { color: BAND_95 }, itemStyle: { color: BAND_95 } },
      { name: 'lower80', type: 'line', stack: 'band80', data: pad(b80?.lower), ...hidden },
      { name: names.band80, type: 'line', stack: 'band80', data: pad(widths(b80)), lineStyle: { opacity: 0 }, symbol: 'none', areaStyle: { color: BAND_80 }, itemStyle: { color: BAND_80 } },
      { name: names.history, type: 'line', data: pad(undefined).map((v, i) => (i < n ? history[i] : v)), symbol: 'none', lineStyle: { width: 2, color: '#334155' }, itemStyle: { color: '#334155' } },
      { name: names.forecast, type: 'line', data: pad(forecast.forecast.mean, true), symbol: 'none', lineStyle: { width: 2, color: '#2563eb' }, itemStyle: { color: '#2563eb' } },
      { name: names.naive, type: 'line', data: pad(forecast.seasonalNaive?.mean), symbol: 'none', lineStyle: { width: 1.5, type: 'dashed', color: '#d97706' }, itemStyle: { color: '#d97706' } },
      { name: names.drift, type: 'line', data: pad(forecast.drift?.mean), symbol: 'none', lineStyle: { width: 1.5, type: 'dotted', color: '#7c3aed' }, itemStyle: { color: '#7c3aed' } },
    ],
  };
}
