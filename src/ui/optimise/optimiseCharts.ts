import { knownChannels } from '../../engine/lifecycle/resultPlan';
import type { Frontier, OptimiseResult } from '../../engine/optimiser';
import type { ResponseCurveSeries } from '../../engine/responseCurves';
import type { Plan } from '../../engine/types';
import { formatMoney } from '../../i18n/format';
import { t } from '../../state/i18n.svelte';
import { CHART_BASE, moneyAxis, tooltipFormatter } from '../charts/planCharts';
import { echarts, type EChartsCoreOption } from '../charts/echarts';
import type { Money } from '../units';

const { encodeHTML } = echarts.format;


/** Each channel's objective against its total spend, with today (hollow) and the optimum (filled). */
export function curvesOption(plan: Plan, curves: readonly ResponseCurveSeries[], result: Extract<OptimiseResult, { ok: true }>, money: Money): EChartsCoreOption {
  const series: unknown[] = [];
  // A scenario's launched channels have curves too.
  const known = knownChannels(plan);
  for (const c of curves) {
    const ch = known.get(c.channelId);
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
    // Every channel's name in view: the legend wraps onto up to four lines rather than paging, and
    // pages only beyond that (a long legend would leave no room for the curves).
    grid: { ...CHART_BASE.grid, bottom: 24 + 22 * Math.min(4, Math.ceil(series.length / 3)) },
    legend: series.length > 12 ? { type: 'scroll', bottom: 0 } : { bottom: 0 },
    xAxis: { ...moneyAxis(money), name: t('opt.totalSpend'), nameLocation: 'middle', nameGap: 26 },
    yAxis: moneyAxis(money),
    series,
  };
}

/**
 * The efficient frontier: the best objective at each total budget (line), today's allocation
 * (orange; on or below the line), the best budget (green diamond, labelled: contribution peaks
 * there and spend past it loses money) and the answer on screen (blue ring) when it is elsewhere.
 */
export function frontierOption(f: Frontier, money: Money, objectiveName: string, answerBudget: number | null = null, answerObjective: number | null = null): EChartsCoreOption {
  const best = f.bestBudget !== null && f.bestObjective !== null ? [f.bestBudget, f.bestObjective] : null;
  const answer = answerBudget !== null && answerObjective !== null && answerBudget !== f.bestBudget ? [answerBudget, answerObjective] : null;
  const series: unknown[] = [
    { name: t('opt.optimal'), type: 'line', symbolSize: 4, itemStyle: { color: '#2563eb' }, data: f.budgets.map((b, i) => [b, f.objectives[i]]) },
    { name: t('opt.todayPoint'), type: 'scatter', symbolSize: 14, itemStyle: { color: '#f59e0b' }, data: [[f.todayBudget, f.todayObjective]] },
  ];
  if (best) {
    series.push({
      name: t('advice.opt.bestPoint'),
      type: 'scatter',
      symbol: 'diamond',
      symbolSize: 18,
      z: 5,
      itemStyle: { color: '#16a34a', borderColor: '#fff', borderWidth: 1 },
      label: { show: true, position: 'top', color: '#166534', fontWeight: 'bold', formatter: () => `${t('advice.opt.bestPoint')} ${formatMoney(best[0], money.currency, money.locale, true)}` },
      data: [best],
      markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { type: 'dashed', color: '#16a34a' }, data: [{ xAxis: best[0] }] },
    });
  }
  if (answer) {
    series.push({ name: t('advice.opt.answerPoint'), type: 'scatter', symbolSize: 12, itemStyle: { color: '#fff', borderColor: '#2563eb', borderWidth: 3 }, data: [answer] });
  }
  return {
    ...CHART_BASE,
    grid: { ...CHART_BASE.grid, top: 28 },
    legend: { bottom: 0 },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (raw: unknown) => {
        const p = raw as { seriesName?: string; value?: number[] };
        const [budget, value] = p.value ?? [];
        const m = (v: number | undefined): string => encodeHTML(typeof v === 'number' ? formatMoney(v, money.currency, money.locale) : '');
        return `${encodeHTML(p.seriesName ?? '')}<br/>${encodeHTML(t('opt.totalSpend'))}: <b>${m(budget)}</b><br/>${encodeHTML(objectiveName)}: <b>${m(value)}</b>`;
      },
    },
    xAxis: { ...moneyAxis(money), name: t('opt.totalSpend'), nameLocation: 'middle', nameGap: 26 },
    yAxis: { ...moneyAxis(money), scale: true },
    series,
  };
}
