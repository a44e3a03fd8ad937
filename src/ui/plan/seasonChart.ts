/**
 * The seasonality editor's chart: one driver's monthly series over the plan's timeline, months typed
 * in the Periods grid marked with their own symbol and colour, and the base as a dashed line.
 */
import type { DriverUnit } from '../../engine/drivers';
import type { DriverPreview } from '../../engine/seasonality/preview';
import { formatCount, formatMoney, formatPercent } from '../../i18n/format';
import { CHART_BASE, LABELS_IN_GRID } from '../charts/planCharts';
import { echarts, type EChartsCoreOption } from '../charts/echarts';
import { bucketLabel } from '../grid/periodColumns';
import { formatByUnit, type Money } from '../units';

const { encodeHTML } = echarts.format;

export const SERIES_COLOR = '#2563eb';
export const OVERRIDE_COLOR = '#d97706';

export interface SeasonChartText {
  series: string;
  overrides: string;
  base: string;
}

/** Axis labels stay short: compact money and counts ("¥1.2M", "60万"). */
function axisText(unit: DriverUnit, v: number, money: Money): string {
  if (unit === 'money') return formatMoney(v, money.currency, money.locale, true);
  if (unit === 'count') return formatCount(v, money.locale, true);
  return formatPercent(v, money.locale, 1);
}

export function seasonChartOption(p: DriverPreview, base: number, unit: DriverUnit, money: Money, text: SeasonChartText): EChartsCoreOption {
  const fmt = (v: number): string => formatByUnit(unit, v, money);
  const labels = p.months.map((m) => bucketLabel(m, money.locale));
  return {
    ...CHART_BASE,
    grid: { left: 8, right: 16, top: 24, bottom: 40, ...LABELS_IN_GRID },
    tooltip: {
      trigger: 'axis',
      confine: true,
      // Escaped text only: the tooltip is HTML.
      formatter: (raw: unknown): string => {
        const params = (Array.isArray(raw) ? raw : [raw]) as { dataIndex?: number }[];
        const i = params[0]?.dataIndex ?? 0;
        const lines = [encodeHTML(labels[i] ?? ''), `${encodeHTML(text.series)}: <b>${encodeHTML(fmt(p.values[i]))}</b>`];
        if (p.overridden[i]) lines.push(`◆ ${encodeHTML(text.overrides)}`);
        return lines.join('<br/>');
      },
    },
    legend: { bottom: 0, data: [text.series, text.overrides] },
    xAxis: { type: 'category', data: labels },
    yAxis: {
      type: 'value',
      scale: unit === 'rate',
      axisLabel: { formatter: (v: number) => axisText(unit, v, money) },
    },
    series: [
      {
        name: text.series,
        type: 'line',
        color: SERIES_COLOR,
        symbol: 'circle',
        symbolSize: 5,
        data: p.values,
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#64748b' },
          label: { formatter: text.base, position: 'insideEndTop', color: '#475569' },
          data: [{ yAxis: base }],
        },
      },
      {
        name: text.overrides,
        type: 'scatter',
        color: OVERRIDE_COLOR,
        symbol: 'diamond',
        symbolSize: 13,
        z: 3,
        data: p.values.map((v, i) => (p.overridden[i] ? v : null)),
      },
    ],
  };
}
