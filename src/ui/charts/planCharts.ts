import type { PlanResult } from '../../engine/compute';
import { resultPlan } from '../../engine/lifecycle/resultPlan';
import { sharedRollup } from '../../engine/rollup';
import type { Granularity } from '../../engine/timeline';
import type { Plan } from '../../engine/types';
import { formatMoney } from '../../i18n/format';
import { t } from '../../state/i18n.svelte';
import { bucketLabel } from '../grid/periodColumns';
import type { Money } from '../units';
import { echarts, type EChartsCoreOption } from './echarts';
import { moneyFormatter, withRecipe } from './offscreen/portableOption';

const { encodeHTML } = echarts.format;

interface TooltipParam {
  seriesName?: string;
  name?: string;
  value?: unknown;
  color?: unknown;
  marker?: unknown;
}

/**
 * Tooltip rows built from escaped text only: channel names are user data and the tooltip is HTML.
 * The colour marker is rebuilt here from the series colour rather than taken as given markup.
 */
export function tooltipFormatter(money: Money) {
  // The recipe says how its values read, for a tooltip drawn by the page (offscreen/portableOption.ts).
  return withRecipe((raw: unknown): string => {
    const params = (Array.isArray(raw) ? raw : [raw]) as TooltipParam[];
    const title = params[0]?.name ?? '';
    const lines = params.map((p) => {
      const color = typeof p.color === 'string' && /^#[0-9a-fA-F]{3,8}$/.test(p.color) ? p.color : '#888';
      const value = typeof p.value === 'number' ? formatMoney(p.value, money.currency, money.locale) : '';
      return `<span style="display:inline-block;width:9px;height:9px;border-radius:50%;background:${color};margin-right:6px"></span>${encodeHTML(p.seriesName ?? '')}${encodeHTML(t('app.colon'))}<b>${encodeHTML(value)}</b>`;
    });
    return [`<div>${encodeHTML(title)}</div>`, ...lines].join('<br/>');
  }, { kind: 'money', currency: money.currency, locale: money.locale, compact: false });
}

export function moneyAxis(money: Money) {
  return {
    type: 'value' as const,
    axisLabel: { formatter: moneyFormatter({ currency: money.currency, locale: money.locale, compact: true }) },
  };
}

/**
 * A plot whose axis labels fit inside its grid box: the box is shrunk until they do, as ECharts 5's
 * `containLabel` did. ECharts 6 still reads `containLabel`, but lays it out exactly as these options
 * do (the grid box as the outer bounds, only the labels counted, no minimum size) and says in
 * development that the key is deprecated, once per chart.
 */
export const LABELS_IN_GRID = { outerBoundsMode: 'same', outerBoundsContain: 'axisLabel', outerBoundsClampWidth: 0, outerBoundsClampHeight: 0 } as const;

/** What every chart of the app shares: no animation (edits redraw at once), ARIA descriptions. */
export const CHART_BASE = { animation: false, aria: { enabled: true }, grid: { left: 8, right: 16, top: 16, bottom: 48, ...LABELS_IN_GRID } };

/**
 * Bars by period, stacked, drawn as one shape per series (ECharts' large mode). In the app the mix
 * chart of a 50 × 36 plan (12 series × 36 months) redraws in 7.6–7.7 ms instead of 10.8–12.4
 * (medians over 19 edits): with the charts in view, the longest main-thread task of an edit. The
 * bars, stacking and axis tooltip are the same. Large mode gives up a style per bar (none is set)
 * and the hovered bar's highlight: pointing at a bar no longer dims the other series, pointing at a
 * legend entry still does (emphasis.focus). The threshold 0 keeps one way of drawing for every plan.
 */
export const STACKED_BARS = { large: true, largeThreshold: 0 } as const;

/** A stacked chart of more series than this is unreadable; the smallest channels are grouped. */
export const MIX_MAX_SERIES = 12;

/** Stacked net revenue by channel and period: the channel mix over time. */
export function mixByPeriodOption(planIn: Plan, result: PlanResult, granularity: Granularity, money: Money): EChartsCoreOption {
  // The result's channels: a scenario may launch channels the plan lacks.
  const plan = resultPlan(planIn, result);
  const r = sharedRollup(plan, result, 'channel', granularity);
  const nb = r.buckets.length;
  const series = (g: number): number[] => r.buckets.map((_, b) => r.flows.netRevenue[g * nb + b]);
  const total = (g: number): number => series(g).reduce((a, v) => a + v, 0);
  const { shown, rest } = splitLargest(plan, total);
  const bar = (name: string, color: string, data: number[]) => ({
    name, type: 'bar', stack: 'mix', itemStyle: { color }, emphasis: { focus: 'series' }, data, ...STACKED_BARS,
  });
  const out = shown.map((g) => bar(plan.channels[g].name, plan.channels[g].color, series(g)));
  if (rest.length > 0) {
    const sum = r.buckets.map((_, b) => rest.reduce((a, g) => a + r.flows.netRevenue[g * nb + b], 0));
    out.push(bar(t('chart.other', { count: rest.length }), '#94a3b8', sum));
  }
  return {
    ...CHART_BASE,
    tooltip: { trigger: 'axis', confine: true, formatter: tooltipFormatter(money) },
    legend: { type: 'scroll', bottom: 0 },
    xAxis: { type: 'category', data: r.buckets.map((b) => bucketLabel(b.key, money.locale)) },
    yAxis: moneyAxis(money),
    series: out,
  };
}

/**
 * Which channels a chart shows by name: all of them up to MIX_MAX_SERIES, else the largest by net
 * revenue (in plan order) and the rest as one "other channels" group.
 */
export function splitLargest(plan: Plan, netRevenueOf: (g: number) => number): { shown: number[]; rest: number[] } {
  const order = plan.channels.map((_, g) => g);
  if (order.length <= MIX_MAX_SERIES) return { shown: order, rest: [] };
  // Each channel's figure once: a comparator asks for it about 2 log₂ n times per channel, and the
  // mix chart's figure is a sum over the plan's months (5 ms per result on a 50 × 36 plan).
  const value = order.map(netRevenueOf);
  const keep = new Set([...order].sort((a, b) => value[b] - value[a]).slice(0, MIX_MAX_SERIES - 1));
  return { shown: order.filter((g) => keep.has(g)), rest: order.filter((g) => !keep.has(g)) };
}

/** Whole-plan net revenue and contribution of each channel, side by side. */
export function byChannelOption(planIn: Plan, result: PlanResult, money: Money): EChartsCoreOption {
  // The result's channels: a scenario may launch channels the plan lacks.
  const plan = resultPlan(planIn, result);
  const r = sharedRollup(plan, result, 'channel', 'all');
  const value = (m: 'netRevenue' | 'contribution', g: number): number => r.flows[m][g];
  const { shown, rest } = splitLargest(plan, (g) => value('netRevenue', g));
  const labels = shown.map((g) => plan.channels[g].name);
  const data = (m: 'netRevenue' | 'contribution'): number[] => {
    const out = shown.map((g) => value(m, g));
    if (rest.length > 0) out.push(rest.reduce((a, g) => a + value(m, g), 0));
    return out;
  };
  if (rest.length > 0) labels.push(t('chart.other', { count: rest.length }));
  return {
    ...CHART_BASE,
    tooltip: { trigger: 'axis', confine: true, formatter: tooltipFormatter(money) },
    legend: { bottom: 0 },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 6 ? 30 : 0, width: 110, overflow: 'break', lineHeight: 14 } },
    yAxis: moneyAxis(money),
    series: [
      { name: t('metric.netRevenue'), type: 'bar', itemStyle: { color: '#2563eb' }, data: data('netRevenue') },
      { name: t('metric.contribution'), type: 'bar', itemStyle: { color: '#16a34a' }, data: data('contribution') },
    ],
  };
}
