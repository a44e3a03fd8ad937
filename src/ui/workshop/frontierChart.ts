import type { Frontier } from '../../engine/optimiser';
import type { FrontierPoint } from '../../engine/workshop/proposalFrontier';
import { formatMoney } from '../../i18n/format';
import { t } from '../../state/i18n.svelte';
import { CHART_BASE, moneyAxis } from '../charts/planCharts';
import { echarts, type EChartsCoreOption } from '../charts/echarts';
import type { Money } from '../units';

const { encodeHTML } = echarts.format;

/** A point of the chart: what it is called and where it is. */
export interface NamedPoint {
  name: string;
  kind: 'baseline' | 'current' | 'proposal';
  point: FrontierPoint;
}

/**
 * A name as plain label text. Labels are drawn on the canvas (never HTML), but ECharts reads
 * `{style|text}` in a label as rich-text markup: a zero-width space after each brace keeps a name
 * such as "{a|b}" from being taken for it, so it is shown as typed.
 */
export function plainLabel(name: string): string {
  return name.replace(/\{/g, '{\u200b');
}

const COLORS = { baseline: '#6b7280', current: '#f59e0b', proposal: '#7c3aed' } as const;

/**
 * The efficient frontier of the scenario on screen (line) with the baseline, the sliders now and each
 * pinned proposal as labelled points: total spend across, contribution up, both as the optimiser
 * models them.
 */
export function proposalFrontierOption(frontier: Frontier, points: readonly NamedPoint[], money: Money): EChartsCoreOption {
  // Points at the same place (the sliders now and the proposal just pinned from them) share one
  // label, names joined, rather than drawing their labels over each other.
  const at = (p: NamedPoint): string => `${p.point.spend}:${Math.round(p.point.contribution)}`;
  const labels = points.map((p, i) => (points.findIndex((q) => at(q) === at(p)) === i ? points.filter((q) => at(q) === at(p)).map((q) => q.name).join(' = ') : null));
  const m = (v: number | undefined): string => (typeof v === 'number' ? formatMoney(v, money.currency, money.locale) : '');
  return {
    ...CHART_BASE,
    grid: { ...CHART_BASE.grid, top: 28, bottom: 56 },
    legend: { bottom: 0 },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (raw: unknown) => {
        const p = raw as { seriesIndex?: number; dataIndex?: number; seriesName?: string; value?: number[] };
        const [spend, value] = p.value ?? [];
        const title = p.seriesIndex === 1 && typeof p.dataIndex === 'number' ? (points[p.dataIndex]?.name ?? '') : (p.seriesName ?? '');
        // The tooltip is HTML: every piece of text in it is escaped, names above all.
        return `${encodeHTML(title)}<br/>${encodeHTML(t('pot.axisSpend'))}: <b>${encodeHTML(m(spend))}</b><br/>${encodeHTML(t('pot.axisContribution'))}: <b>${encodeHTML(m(value))}</b>`;
      },
    },
    xAxis: { ...moneyAxis(money), name: t('pot.axisSpend'), nameLocation: 'middle', nameGap: 26, scale: true },
    yAxis: { ...moneyAxis(money), name: t('pot.axisContribution'), nameLocation: 'end', nameTextStyle: { align: 'left' }, scale: true },
    series: [
      { name: t('pot.frontierLine'), type: 'line', symbolSize: 4, itemStyle: { color: '#2563eb' }, data: frontier.budgets.map((b, i) => [b, frontier.objectives[i]]) },
      {
        name: t('pot.points'),
        type: 'scatter',
        symbolSize: 13,
        z: 5,
        itemStyle: { color: COLORS.proposal },
        labelLayout: { hideOverlap: false, moveOverlap: 'shiftY' },
        data: points.map((p, i) => ({
          name: p.name,
          value: [p.point.spend, p.point.contribution],
          itemStyle: { color: COLORS[p.kind], borderColor: '#fff', borderWidth: 1 },
          // The label is a plain string built here, never a template that reads the name.
          label: {
            show: labels[i] !== null,
            position: 'right',
            formatter: plainLabel(labels[i] ?? ''),
            color: 'inherit',
            fontSize: 12,
            backgroundColor: 'rgba(255,255,255,0.85)',
            padding: [1, 3],
            borderRadius: 2,
          },
        })),
      },
    ],
  };
}
