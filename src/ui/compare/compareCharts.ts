import { rollup } from '../../engine/rollup';
import type { Plan } from '../../engine/types';
import { t } from '../../state/i18n.svelte';
import { CHART_BASE, moneyAxis, splitLargest, tooltipFormatter } from '../charts/planCharts';
import type { EChartsCoreOption } from '../charts/echarts';
import { bucketLabel } from '../grid/periodColumns';
import type { Money } from '../units';
import { comparedChannels, flowByChannel, type ComparedScenario, type WaterfallStep } from './compareModel';


/** Whole-plan net revenue of each scenario, stacked by channel (smallest channels grouped). */
export function mixByScenarioOption(planIn: Plan, items: readonly ComparedScenario[], money: Money): EChartsCoreOption {
  // One bar segment per channel of any compared scenario, matched by id (a launched channel is 0 elsewhere).
  const plan = { ...planIn, channels: comparedChannels(planIn, items) };
  const net = flowByChannel(planIn, items, plan.channels, 'netRevenue');
  const { shown, rest } = splitLargest(plan, (g) => Math.max(...net.map((n) => n[g])));
  const series = shown.map((g) => ({
    name: plan.channels[g].name,
    type: 'bar',
    stack: 'mix',
    itemStyle: { color: plan.channels[g].color },
    data: net.map((n) => n[g]),
  }));
  if (rest.length > 0) {
    series.push({ name: t('chart.other', { count: rest.length }), type: 'bar', stack: 'mix', itemStyle: { color: '#94a3b8' }, data: net.map((n) => rest.reduce((a, g) => a + n[g], 0)) });
  }
  return {
    ...CHART_BASE,
    tooltip: { trigger: 'axis', confine: true, formatter: tooltipFormatter(money) },
    legend: { type: 'scroll', bottom: 0 },
    xAxis: { type: 'category', data: items.map((it) => it.name), axisLabel: { width: 120, overflow: 'truncate' } },
    yAxis: moneyAxis(money),
    series,
  };
}

/** Contribution waterfall: invisible bases carry the rises (green) and falls (red) between totals. */
export function waterfallOption(steps: readonly WaterfallStep[], money: Money): EChartsCoreOption {
  return {
    ...CHART_BASE,
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (raw: unknown) => {
        const params = (raw as { seriesName?: string; name?: string; value?: unknown; color?: unknown }[]).filter((p) => p.seriesName !== '' && typeof p.value === 'number' && p.value !== 0);
        return tooltipFormatter(money)(params.length > 0 ? params : raw);
      },
    },
    xAxis: { type: 'category', data: steps.map((s) => s.label), axisLabel: { interval: 0, rotate: steps.length > 6 ? 30 : 0, width: 110, overflow: 'truncate' } },
    // Not from zero: the steps between two large totals would be invisible slivers.
    yAxis: { ...moneyAxis(money), scale: true },
    series: [
      { name: '', type: 'bar', stack: 'w', itemStyle: { color: 'transparent' }, emphasis: { disabled: true }, data: steps.map((s) => s.base), silent: true },
      { name: '+', type: 'bar', stack: 'w', data: steps.map((s) => ({ value: s.up, itemStyle: { color: s.total ? '#2563eb' : '#16a34a' } })) },
      { name: '−', type: 'bar', stack: 'w', itemStyle: { color: '#dc2626' }, data: steps.map((s) => s.down) },
    ],
  };
}

/** Contribution per period, one line per scenario. */
export function linesOption(plan: Plan, items: readonly ComparedScenario[], money: Money): EChartsCoreOption {
  const first = items[0] ? rollup(plan, items[0].result, 'total', 'month') : null;
  return {
    ...CHART_BASE,
    tooltip: { trigger: 'axis', confine: true, formatter: tooltipFormatter(money) },
    legend: { type: 'scroll', bottom: 0 },
    xAxis: { type: 'category', data: first ? first.buckets.map((b) => bucketLabel(b.key, money.locale)) : [] },
    yAxis: moneyAxis(money),
    series: items.map((it) => ({
      name: it.name,
      type: 'line',
      showSymbol: false,
      data: Array.from(rollup(plan, it.result, 'total', 'month').flows.contribution),
    })),
  };
}
