import type { Plan } from '../../engine/types';
import { formatMoney } from '../../i18n/format';
import { t } from '../../state/i18n.svelte';
import { CHART_BASE, LABELS_IN_GRID, moneyAxis, tooltipFormatter } from '../charts/planCharts';
import type { EChartsCoreOption } from '../charts/echarts';
import { bucketLabel } from '../grid/periodColumns';
import type { Money } from '../units';


/**
 * Fan chart: the P10–P90 band drawn as a stacked area (P10 invisible, then P90 − P10 shaded) with the
 * P50 line on top.
 */
export function fanOption(months: readonly string[], bands: { p10: number[]; p50: number[]; p90: number[] }, color: string, money: Money): EChartsCoreOption {
  return {
    ...CHART_BASE, grid: { ...CHART_BASE.grid, bottom: 40 },
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (raw: unknown) => {
        const i = (raw as { dataIndex: number }[])[0]?.dataIndex ?? 0;
        return tooltipFormatter(money)([
          { seriesName: 'P90', name: bucketLabel(months[i] ?? '', money.locale), value: bands.p90[i], color },
          { seriesName: 'P50', value: bands.p50[i], color },
          { seriesName: 'P10', value: bands.p10[i], color },
        ]);
      },
    },
    xAxis: { type: 'category', boundaryGap: false, data: months.map((m) => bucketLabel(m, money.locale)) },
    yAxis: { ...moneyAxis(money), scale: true },
    series: [
      { name: 'P10', type: 'line', stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, data: bands.p10 },
      { name: 'P10–P90', type: 'line', stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, areaStyle: { color, opacity: 0.25 }, data: bands.p90.map((v, i) => v - bands.p10[i]) },
      { name: 'P50', type: 'line', symbol: 'none', lineStyle: { color, width: 2 }, data: bands.p50 },
    ],
  };
}

export function histogramOption(edges: readonly number[], counts: readonly number[], target: number | null, money: Money): EChartsCoreOption {
  const labels = counts.map((_, i) => formatMoney((edges[i] + edges[i + 1]) / 2, money.currency, money.locale, true));
  const targetBin = target === null ? -1 : edges.findIndex((e, i) => i < counts.length && target >= e && target < edges[i + 1]);
  return {
    ...CHART_BASE, grid: { ...CHART_BASE.grid, bottom: 40 },
    tooltip: { trigger: 'axis', confine: true },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: Math.max(0, Math.floor(counts.length / 8) - 1) } },
    yAxis: { type: 'value' },
    series: [
      {
        type: 'bar',
        barCategoryGap: '5%',
        data: counts.map((c, i) => ({ value: c, itemStyle: { color: targetBin >= 0 && i >= targetBin ? '#16a34a' : '#64748b' } })),
      },
    ],
  };
}

export interface TornadoBar {
  label: string;
  low: number;
  high: number;
}

/** Horizontal bars around the base contribution: the widest swing on top. */
export function tornadoOption(bars: readonly TornadoBar[], base: number, money: Money): EChartsCoreOption {
  const rows = [...bars].reverse();
  return {
    ...CHART_BASE,
    grid: { left: 16, right: 24, top: 28, bottom: 24, ...LABELS_IN_GRID },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, formatter: tooltipFormatter(money) },
    legend: { top: 0 },
    xAxis: { ...moneyAxis(money), scale: true },
    yAxis: { type: 'category', data: rows.map((b) => b.label) },
    series: [
      { name: t('tornado.low'), type: 'bar', stack: 'lo', itemStyle: { color: '#dc2626' }, data: rows.map((b) => b.low - base), markLine: undefined },
      { name: t('tornado.high'), type: 'bar', stack: 'hi', itemStyle: { color: '#16a34a' }, data: rows.map((b) => b.high - base) },
    ],
  };
}

/** "社区团购 · 乡镇及农村 · 转化率": the channel, the region of a regional range, the driver. */
export function driverLabel(plan: Plan, channelId: string, driver: string, regionId?: string): string {
  const ch = plan.channels.find((c) => c.id === channelId)?.name ?? channelId;
  const region = regionId === undefined ? '' : ` · ${plan.regions.find((r) => r.id === regionId)?.name ?? regionId}`;
  return `${ch}${region} · ${t(`driver.${driver}` as 'driver.spend')}`;
}
