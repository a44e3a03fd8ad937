import type { Frontier, OptimiseResult } from '../../engine/optimiser';
import type { ResponseCurveSeries } from '../../engine/responseCurves';
import type { Plan } from '../../engine/types';
import { t } from '../../state/i18n.svelte';
import { CHART_BASE, moneyAxis, tooltipFormatter } from '../charts/planCharts';
import type { EChartsCoreOption } from '../charts/echarts';
import type { Money } from '../units';


/** Each channel's objective against its total spend, with today (hollow) and the optimum (filled). */
export function curvesOption(plan: Plan, curves: readonly ResponseCurveSeries[], result: Extract<OptimiseResult, { ok: true }>, money: Money): EChartsCoreOption {
  const series: unknown[] = [];
  for (const c of curves) {
    const ch = plan.channels.find((x) => x.id === c.channelId);
    const a = result.allocations.find((x) => x.channelId === c.channelId);
    if (!ch) continue;
    series.push({
      name: ch.name,
      type: 'line',
      showSymbol: false,
      lineStyle: { color: ch.color, width: 2 },
      itemStyle: { color: ch.color },
      data: c.spend.map((s, i) => [s, c.value[i]]),
      markPoint: a
        ? {
            symbolSize: 11,
            label: { show: false },
            data: [
              { coord: [a.today, a.objectiveToday], symbol: 'circle', itemStyle: { color: '#fff', borderColor: ch.color, borderWidth: 2 } },
              { coord: [a.optimal, a.objectiveOptimal], symbol: 'circle', itemStyle: { color: ch.color } },
            ],
          }
        : undefined,
    });
  }
  return {
    ...CHART_BASE,
    tooltip: { trigger: 'item', confine: true, formatter: (p: unknown) => tooltipFormatter(money)({ ...(p as object), value: ((p as { value?: number[] }).value ?? [])[1] }) },
    legend: { type: 'scroll', bottom: 0 },
    xAxis: { ...moneyAxis(money), name: t('opt.totalSpend'), nameLocation: 'middle', nameGap: 26 },
    yAxis: moneyAxis(money),
    series,
  };
}

export function frontierOption(f: Frontier, money: Money): EChartsCoreOption {
  return {
    ...CHART_BASE,
    tooltip: { trigger: 'item', confine: true, formatter: (p: unknown) => tooltipFormatter(money)({ ...(p as object), value: ((p as { value?: number[] }).value ?? [])[1] }) },
    xAxis: { ...moneyAxis(money), name: t('opt.totalSpend'), nameLocation: 'middle', nameGap: 26 },
    yAxis: { ...moneyAxis(money), scale: true },
    series: [
      { name: t('opt.optimal'), type: 'line', symbolSize: 5, itemStyle: { color: '#2563eb' }, data: f.budgets.map((b, i) => [b, f.objectives[i]]) },
      { name: t('opt.todayPoint'), type: 'scatter', symbolSize: 14, itemStyle: { color: '#f59e0b' }, data: [[f.todayBudget, f.todayObjective]] },
    ],
  };
}
