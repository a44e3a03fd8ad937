import type { CurvePoint, ResponseCurve } from '../../engine/types';
import { formatCount } from '../../i18n/format';
import { t } from '../../state/i18n.svelte';
import { CHART_BASE, moneyAxis } from '../charts/planCharts';
import type { EChartsCoreOption } from '../charts/echarts';
import type { Money } from '../units';

/** The current curve, a candidate (fitted or imported) and the observed points on one chart. */
export function calibrationOption(
  current: ResponseCurve,
  candidate: ResponseCurve | null,
  points: readonly CurvePoint[],
  money: Money,
  traffic: (c: ResponseCurve, spend: number) => number,
): EChartsCoreOption {
  const maxSpend = Math.max(current.halfSat * 3, candidate ? candidate.halfSat * 3 : 0, ...points.map((p) => p.spend * 1.2), 1);
  const xs = Array.from({ length: 61 }, (_, i) => (maxSpend * i) / 60);
  const line = (c: ResponseCurve) => xs.map((x) => [x, traffic(c, x)]);
  return {
    ...CHART_BASE,
    tooltip: { trigger: 'axis', confine: true, valueFormatter: (v: unknown) => (typeof v === 'number' ? formatCount(v, money.locale) : '') },
    legend: { bottom: 0 },
    xAxis: { ...moneyAxis(money), max: maxSpend },
    // Visits in the planner's units, as the spend axis beside it: 210万 / 2.1M, not 2,100,000.
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatCount(v, money.locale, true) } },
    series: [
      { name: t('cal.current'), type: 'line', showSymbol: false, lineStyle: { color: '#94a3b8', type: 'dashed' }, itemStyle: { color: '#94a3b8' }, data: line(current) },
      ...(candidate ? [{ name: t('cal.fittedCurve'), type: 'line', showSymbol: false, lineStyle: { color: '#2563eb', width: 2 }, itemStyle: { color: '#2563eb' }, data: line(candidate) }] : []),
      ...(points.length ? [{ name: t('cal.observed'), type: 'scatter', symbolSize: 9, itemStyle: { color: '#f59e0b' }, data: points.map((p) => [p.spend, p.outcome]) }] : []),
    ],
  };
}
