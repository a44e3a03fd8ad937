import type { PlanResult } from '../../engine/compute';
import type { RegionTable } from '../../engine/regions/table';
import { rollup, rollupValue } from '../../engine/rollup';
import type { Plan } from '../../engine/types';
import { CHART_BASE, moneyAxis, STACKED_BARS, tooltipFormatter } from '../charts/planCharts';
import type { EChartsCoreOption } from '../charts/echarts';
import { heatmapOption } from '../customers/customerCharts';
import { bucketLabel } from '../grid/periodColumns';
import type { Money } from '../units';
import { regionName } from './regionColumns';

/** Region colours, in plan order (names are user text and never part of a colour or markup). */
const PALETTE = ['#2563eb', '#16a34a', '#f59e0b', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#ea580c', '#475569'];

export function regionColor(k: number): string {
  return PALETTE[k % PALETTE.length];
}

/** The grid's channel × region values as a heatmap (the tooltip escapes names: heatmapOption). */
export function regionHeatmapOption(plan: Plan, table: RegionTable, format: (v: number) => string, columnTitle: string): EChartsCoreOption {
  return heatmapOption({
    rows: table.rows.map((r) => r.name),
    columns: table.columns.map((id) => regionName(plan, id)),
    values: table.rows.flatMap((r) => r.values),
    format,
    columnTitle,
  });
}

/** Net revenue by month, one stacked bar per region: how each region's season and weight shape the plan. */
export function regionMonthsOption(plan: Plan, result: PlanResult, money: Money): EChartsCoreOption {
  const r = rollup(plan, result, 'region', 'month');
  const series = r.groupKeys.map((id, g) => ({
    name: regionName(plan, id),
    type: 'bar',
    stack: 'regions',
    itemStyle: { color: regionColor(g) },
    emphasis: { focus: 'series' },
    data: r.buckets.map((_, b) => rollupValue(r, 'netRevenue', g, b)),
    ...STACKED_BARS,
  }));
  return {
    ...CHART_BASE,
    tooltip: { trigger: 'axis', confine: true, formatter: tooltipFormatter(money) },
    legend: { type: 'scroll', bottom: 0 },
    xAxis: { type: 'category', data: r.buckets.map((b) => bucketLabel(b.key, money.locale)) },
    yAxis: moneyAxis(money),
    series,
  };
}
