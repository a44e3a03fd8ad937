import { rebateAmount, marginalRebateRate } from '../../engine/rebates';
import type { RebateScheme } from '../../engine/types';
import { formatMoney, formatPercent } from '../../i18n/format';
import { t } from '../../state/i18n.svelte';
import type { EChartsCoreOption } from '../charts/echarts';
import { echarts } from '../charts/echarts';
import { CHART_BASE, moneyAxis } from '../charts/planCharts';
import { bucketLabel } from '../grid/periodColumns';
import type { Money } from '../units';

const { encodeHTML } = echarts.format;

/**
 * Points of the rebate curve over sales from 0 to `top`: an even grid plus, at every threshold, the
 * last unit below it and the threshold itself, so a retroactive cliff shows as a vertical step
 * instead of a slope between two grid points.
 */
export function rebateCurve(scheme: RebateScheme, top: number, steps = 60): { sales: number; rebate: number; marginal: number }[] {
  const xs = new Set<number>();
  for (let i = 0; i <= steps; i++) xs.add(Math.round((top * i) / steps));
  for (const tier of scheme.tiers) {
    if (tier.threshold <= top) {
      xs.add(Math.max(0, tier.threshold - 1));
      xs.add(tier.threshold);
    }
  }
  return [...xs].sort((a, b) => a - b).map((s) => ({ sales: s, rebate: rebateAmount(scheme, s), marginal: marginalRebateRate(scheme, s) }));
}

/** Rebate and marginal rebate rate against a settlement period's sales, with the planned periods. */
export function rebateOption(scheme: RebateScheme, planned: readonly { key: string; sales: number; rebate: number }[], money: Money): EChartsCoreOption {
  const last = scheme.tiers[scheme.tiers.length - 1]?.threshold ?? 0;
  const top = Math.max(1, Math.ceil(1.25 * Math.max(last, ...planned.map((p) => p.sales))));
  const curve = rebateCurve(scheme, top);
  const fmt = (v: number): string => formatMoney(v, money.currency, money.locale);
  return {
    ...CHART_BASE,
    grid: { ...CHART_BASE.grid, right: 24, top: 40 },
    legend: { bottom: 0 },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (raw: unknown) => {
        const p = raw as { seriesIndex: number; dataIndex: number };
        if (p.seriesIndex === 2) {
          const q = planned[p.dataIndex];
          return q ? `${encodeHTML(bucketLabel(q.key, money.locale))}<br/>${encodeHTML(t('reb.sales'))}: <b>${encodeHTML(fmt(q.sales))}</b><br/>${encodeHTML(t('reb.rebate'))}: <b>${encodeHTML(fmt(q.rebate))}</b>` : '';
        }
        const c = curve[p.dataIndex];
        return c ? `${encodeHTML(t('reb.sales'))}: <b>${encodeHTML(fmt(c.sales))}</b><br/>${encodeHTML(t('reb.rebate'))}: <b>${encodeHTML(fmt(c.rebate))}</b><br/>${encodeHTML(t('reb.marginal'))}: <b>${encodeHTML(formatPercent(c.marginal, money.locale, 2))}</b>` : '';
      },
    },
    xAxis: { type: 'value', name: t('reb.salesAxis'), nameLocation: 'middle', nameGap: 28, max: top, axisLabel: { formatter: (v: number) => formatMoney(v, money.currency, money.locale, true) } },
    yAxis: [
      { ...moneyAxis(money), name: t('reb.rebate') },
      { type: 'value', name: t('reb.marginal'), splitLine: { show: false }, axisLabel: { formatter: (v: number) => formatPercent(v, money.locale, 1) } },
    ],
    series: [
      { name: t('reb.rebate'), type: 'line', symbol: 'none', itemStyle: { color: '#2563eb' }, lineStyle: { color: '#2563eb', width: 2 }, data: curve.map((c) => [c.sales, c.rebate]) },
      { name: t('reb.marginal'), type: 'line', step: 'end', yAxisIndex: 1, symbol: 'none', itemStyle: { color: '#f59e0b' }, lineStyle: { color: '#f59e0b', type: 'dashed' }, data: curve.map((c) => [c.sales, c.marginal]) },
      { name: t('reb.planned'), type: 'scatter', symbolSize: 11, itemStyle: { color: '#dc2626' }, data: planned.map((p) => [p.sales, p.rebate]) },
    ],
  };
}
