/**
 * Plan against actual per month for one channel or the channels with actuals: the plan as a line,
 * the actual as bars (a month without an actual has no bar, not a zero), and the re-forecast with
 * its 80 % band after the actualised month when there is one.
 */
import { likeForLike, type VarianceMeasure, type VarianceRow } from '../../../engine/variance/variance';
import type { Reforecast } from '../../../engine/variance/reforecast';
import { formatCount, formatMoney, formatMonth } from '../../../i18n/format';
import { t } from '../../../state/i18n.svelte';
import { echarts, type EChartsCoreOption } from '../../charts/echarts';
import { CHART_BASE } from '../../charts/planCharts';
import type { Money } from '../../units';
import { measureText } from './varianceColumns';

const { encodeHTML } = echarts.format;

interface TooltipParam {
  name?: string;
  seriesName?: string;
  value?: unknown;
  color?: unknown;
}

/** The re-forecast and its band on the plan's months (empty before it starts), for the picked channels. */
function forecastOnMonths(months: readonly string[], reforecast: Reforecast | null, channelIds: ReadonlySet<string>) {
  if (!reforecast || reforecast.reforecast.length === 0) return null;
  const at = new Map(reforecast.months.map((m, k) => [m, k] as const));
  const line = months.map(() => null as number | null);
  const lower = months.map(() => null as number | null);
  const upper = months.map(() => null as number | null);
  let any = false;
  months.forEach((m, t0) => {
    const k = at.get(m);
    if (k === undefined) return;
    for (const f of reforecast.reforecast) {
      if (!channelIds.has(f.channelId)) continue;
      const band = reforecast.bands.find((b) => b.channelId === f.channelId);
      line[t0] = (line[t0] ?? 0) + f.netRevenue[k];
      // Summing channel bands overstates the spread of a total (errors partly cancel): say so by
      // showing the band only for one channel.
      lower[t0] = (lower[t0] ?? 0) + (band?.lower[k] ?? f.netRevenue[k]);
      upper[t0] = (upper[t0] ?? 0) + (band?.upper[k] ?? f.netRevenue[k]);
      any = true;
    }
  });
  return any ? { line, lower, upper } : null;
}

export function varianceChartOption(
  months: readonly string[], rows: readonly VarianceRow[], measure: VarianceMeasure, money: Money,
  reforecast: Reforecast | null, showBand: boolean,
): EChartsCoreOption {
  // Like for like, as the table's total row: see likeForLike.
  const { cells, reporting } = likeForLike(rows, months.length);
  const plan = cells.map((c) => c.plan);
  const actual = cells.map((c) => c.actual);
  const fc = measure === 'netRevenue' ? forecastOnMonths(months, reforecast, new Set(reporting.map((r) => r.key))) : null;
  const series: Record<string, unknown>[] = [
    { name: t('variance.actual'), type: 'bar', itemStyle: { color: '#2563eb' }, data: actual },
    { name: t('variance.plan'), type: 'line', showSymbol: false, itemStyle: { color: '#64748b' }, lineStyle: { type: 'dashed' }, data: plan },
  ];
  if (fc) {
    series.push({ name: t('variance.reforecastLine'), type: 'line', showSymbol: false, itemStyle: { color: '#ea580c' }, data: fc.line });
    if (showBand) {
      // The band is drawn as a transparent base up to the lower bound and a filled layer up to the upper.
      series.push({ name: t('variance.band'), type: 'line', stack: 'band', showSymbol: false, lineStyle: { opacity: 0 }, itemStyle: { color: '#fdba74' }, tooltip: { show: false }, data: fc.lower, silent: true, legendHoverLink: false, areaStyle: { opacity: 0 } });
      series.push({ name: t('variance.band'), type: 'line', stack: 'band', showSymbol: false, lineStyle: { opacity: 0 }, itemStyle: { color: '#fdba74' }, areaStyle: { color: '#fdba74', opacity: 0.45 }, data: fc.upper.map((u, i) => (u === null || fc.lower[i] === null ? null : u - (fc.lower[i] as number))) });
    }
  }
  const labels = months.map((m) => formatMonth(m, money.locale));
  return {
    ...CHART_BASE,
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (raw: unknown): string => {
        const params = (Array.isArray(raw) ? raw : [raw]) as TooltipParam[];
        const index = labels.indexOf(params[0]?.name ?? '');
        // A month without an actual (or before the re-forecast) has no value for it: no line either.
        const lines = params
          .filter((p) => p.seriesName !== t('variance.band') && typeof p.value === 'number')
          .map((p) => `${encodeHTML(p.seriesName ?? '')}: <b>${encodeHTML(measureText(measure, typeof p.value === 'number' ? p.value : null, money))}</b>`);
        if (fc && showBand && index >= 0 && fc.lower[index] !== null) {
          lines.push(`${encodeHTML(t('variance.band'))}: <b>${encodeHTML(measureText(measure, fc.lower[index], money))} – ${encodeHTML(measureText(measure, fc.upper[index], money))}</b>`);
        }
        return `<div>${encodeHTML(params[0]?.name ?? '')}</div>${lines.join('<br/>')}`;
      },
    },
    legend: { bottom: 0, data: series.map((s) => s.name as string).filter((n, i, a) => a.indexOf(n) === i) },
    xAxis: { type: 'category', data: labels },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => (measure === 'orders' ? formatCount(v, money.locale, true) : formatMoney(v, money.currency, money.locale, true)) } },
    series,
  };
}
