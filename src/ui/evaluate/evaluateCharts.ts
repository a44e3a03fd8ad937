import type { BcgQuadrant, BcgResult, Funnels } from '../../engine/evaluation';
import { formatDecimal, formatMoney, formatPercent } from '../../i18n/format';
import { t } from '../../state/i18n.svelte';
import type { EChartsCoreOption } from '../charts/echarts';
import { echarts } from '../charts/echarts';
import { CHART_BASE } from '../charts/planCharts';
import type { Money } from '../units';

const { encodeHTML } = echarts.format;

export const QUADRANT_COLORS: Readonly<Record<BcgQuadrant, string>> = {
  star: '#f59e0b',
  cashCow: '#16a34a',
  questionMark: '#2563eb',
  dog: '#94a3b8',
};

/** Channel scores as horizontal bars, best at the top. */
export function scoresOption(rows: readonly { name: string; score: number; color: string }[], locale: string): EChartsCoreOption {
  const ordered = [...rows].reverse();
  return {
    ...CHART_BASE,
    grid: { ...CHART_BASE.grid, bottom: 8 },
    tooltip: { trigger: 'item', confine: true, formatter: (p: { dataIndex: number }) => `${encodeHTML(ordered[p.dataIndex]?.name ?? '')}: <b>${encodeHTML(formatDecimal(ordered[p.dataIndex]?.score ?? 0, locale))}</b>` },
    xAxis: { type: 'value', min: 0, max: 100 },
    yAxis: { type: 'category', data: ordered.map((r) => r.name), axisLabel: { width: 140, overflow: 'truncate' } },
    series: [{ type: 'bar', name: t('score.score'), data: ordered.map((r) => ({ value: Math.round(r.score * 10) / 10, itemStyle: { color: r.color } })), label: { show: true, position: 'right' } }],
  };
}

/**
 * The BCG bubble chart: one bubble per channel (area ∝ contribution, so sizes compare fairly),
 * coloured by quadrant, with the two threshold lines. Channels with no position are left out.
 */
export function bcgOption(
  names: readonly string[], result: BcgResult, relative: boolean, money: Money,
): EChartsCoreOption {
  const maxC = Math.max(1, ...result.points.map((p) => Math.abs(p.contribution)));
  const fmtX = (v: number): string => (relative ? `${formatDecimal(v, money.locale, 2)}×` : formatPercent(v, money.locale, 1));
  const quadrants: BcgQuadrant[] = ['star', 'cashCow', 'questionMark', 'dog'];
  // The threshold line is always on the chart, with a sixth of the range to spare at each end (or
  // a fixed step when all values are equal) so a channel at an edge keeps its name on the chart.
  const padded = (end: 'min' | 'max', line: number | null) => (v: { min: number; max: number }): number => {
    const lo = line === null ? v.min : Math.min(v.min, line);
    const hi = line === null ? v.max : Math.max(v.max, line);
    const pad = hi > lo ? (hi - lo) / 6 : Math.max(Math.abs(hi) * 0.2, 0.05);
    return end === 'min' ? lo - pad : hi + pad;
  };
  const pointsOf = (q: BcgQuadrant) =>
    result.points.flatMap((p, c) => (p.quadrant === q && p.x !== null && p.y !== null ? [{ value: [p.x, p.y, p.contribution], name: names[c] }] : []));
  const lines = [
    ...(result.thresholds.share !== null ? [{ xAxis: result.thresholds.share }] : []),
    ...(result.thresholds.growth !== null ? [{ yAxis: result.thresholds.growth }] : []),
  ];
  return {
    ...CHART_BASE,
    grid: { ...CHART_BASE.grid, left: 24, right: 40, top: 30 },
    legend: { bottom: 0 },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (raw: unknown) => {
        const p = raw as { name?: string; value?: number[]; seriesName?: string };
        if (!p.value) return '';
        return `${encodeHTML(p.name ?? '')} · ${encodeHTML(p.seriesName ?? '')}<br/>${encodeHTML(t(relative ? 'bcg.relativeShare' : 'bcg.share'))}: <b>${encodeHTML(fmtX(p.value[0]))}</b><br/>${encodeHTML(t('bcg.growth'))}: <b>${encodeHTML(formatPercent(p.value[1], money.locale, 1))}</b><br/>${encodeHTML(t('metric.contribution'))}: <b>${encodeHTML(formatMoney(p.value[2], money.currency, money.locale))}</b>`;
      },
    },
    xAxis: { type: 'value', name: t(relative ? 'bcg.relativeShare' : 'bcg.share'), nameLocation: 'middle', nameGap: 28, scale: true, min: padded('min', result.thresholds.share), max: padded('max', result.thresholds.share), axisLabel: { formatter: fmtX, showMinLabel: false, showMaxLabel: false } },
    yAxis: { type: 'value', name: t('bcg.growth'), nameLocation: 'middle', nameRotate: 90, nameGap: 44, scale: true, min: padded('min', result.thresholds.growth), max: padded('max', result.thresholds.growth), axisLabel: { formatter: (v: number) => formatPercent(v, money.locale, 0), showMinLabel: false, showMaxLabel: false } },
    series: quadrants.map((q, k) => ({
      name: t(`bcg.q.${q}`),
      type: 'scatter',
      itemStyle: { color: QUADRANT_COLORS[q], opacity: 0.8, borderColor: '#fff' },
      symbolSize: (v: number[]) => 14 + 46 * Math.sqrt(Math.abs(v[2]) / maxC),
      label: { show: true, position: 'top', formatter: (p: { name: string }) => p.name, color: '#0f172a', fontSize: 11 },
      data: pointsOf(q),
      // The threshold lines ride on the first series.
      ...(k === 0 && lines.length > 0 ? { markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#64748b' }, label: { show: false }, data: lines } } : {}),
    })),
  };
}

/** Funnel step rates per channel against the median of the channels (the dashed lines). */
export function funnelOption(names: readonly string[], funnels: Funnels, locale: string): EChartsCoreOption {
  const steps = ['conversion', 'repeat'] as const;
  const colors = { conversion: '#2563eb', repeat: '#16a34a' };
  return {
    ...CHART_BASE,
    legend: { bottom: 0 },
    tooltip: { trigger: 'axis', confine: true, formatter: (raw: unknown) => {
      const ps = raw as { seriesName: string; value: number | null; name: string }[];
      return [`<div>${encodeHTML(ps[0]?.name ?? '')}</div>`, ...ps.map((p) => `${encodeHTML(p.seriesName)}: <b>${encodeHTML(formatPercent(p.value, locale, 1))}</b>`)].join('<br/>');
    } },
    xAxis: { type: 'category', data: [...names], axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0, width: 110, overflow: 'truncate' } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatPercent(v, locale, 0) } },
    series: steps.map((s) => ({
      name: t(`funnel.step.${s}`),
      type: 'bar',
      itemStyle: { color: colors[s] },
      data: funnels.channels.map((f) => ({ value: f.rates[s], itemStyle: f.weakest === s ? { color: '#dc2626' } : undefined })),
      ...(funnels.medians[s] !== null ? { markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: colors[s] }, label: { position: 'insideEndTop', formatter: t('funnel.median') }, data: [{ yAxis: funnels.medians[s] }] } } : {}),
    })),
  };
}
