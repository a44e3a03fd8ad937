/**
 * Option builders of the Customers tab's charts. Segment, channel and customer names are data: every
 * tooltip is built from escaped text (ECharts draws labels and axes on the canvas as plain text).
 */
import type { SegmentRow } from '../../engine/customers';
import { formatCount, formatDecimal, formatPercent } from '../../i18n/format';
import { t } from '../../state/i18n.svelte';
import { echarts, type EChartsCoreOption } from '../charts/echarts';
import { CHART_BASE, LABELS_IN_GRID } from '../charts/planCharts';
import { dataMoney, segmentColor, segmentName } from './customerFormat';

const { encodeHTML } = echarts.format;

export interface Money {
  currency: string;
  locale: string;
}

const row = (label: string, value: string): string => `${encodeHTML(label)}: <b>${encodeHTML(value)}</b>`;

/** Dark text on light colours, white on dark ones (relative luminance of a #rrggbb colour). */
function textOn(hex: string): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return '#0f172a';
  const [r, g, b] = m.slice(1).map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.4 ? '#0f172a' : '#ffffff';
}

export interface ScatterPoint {
  r: number;
  f: number;
  m: number;
  segment: number;
}

/**
 * Customers as points: recency (days) across, frequency or monetary up; in the R × F view the
 * bubble's area follows monetary value. One series per segment, so the legend filters them.
 */
export function segmentScatterOption(points: readonly ScatterPoint[], segmentIds: readonly string[], y: 'frequency' | 'monetary', money: Money): EChartsCoreOption {
  let maxM = 0;
  for (const p of points) maxM = Math.max(maxM, Math.abs(p.m));
  const large = points.length > 3000;
  const fmtMoney = (v: number) => dataMoney(v, money.currency, money.locale);
  return {
    ...CHART_BASE,
    grid: { ...CHART_BASE.grid, top: 30, bottom: 56, right: 24 },
    legend: { type: 'scroll', bottom: 0 },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (raw: unknown) => {
        const p = raw as { seriesName?: string; value?: number[] };
        if (!p.value) return '';
        const [r, f, m] = y === 'frequency' ? p.value : [p.value[0], p.value[2], p.value[1]];
        return [encodeHTML(p.seriesName ?? ''), row(t('cust.rfm.recency'), t('cust.days', { n: formatCount(r, money.locale) })), row(t('cust.rfm.frequency'), formatCount(f, money.locale)), row(t('cust.rfm.monetary'), fmtMoney(m))].join('<br/>');
      },
    },
    xAxis: { type: 'value', name: t('cust.rfm.recencyAxis'), nameLocation: 'middle', nameGap: 26, min: 0 },
    yAxis:
      y === 'frequency'
        ? { type: 'value', name: t('cust.rfm.frequency'), min: 0, minInterval: 1 }
        : { type: 'value', name: t('cust.rfm.monetary'), axisLabel: { formatter: (v: number) => dataMoney(v, money.currency, money.locale, true) } },
    series: segmentIds.map((id, s) => ({
      name: segmentName(id),
      type: 'scatter',
      large,
      itemStyle: { color: segmentColor(id, s), opacity: 0.65 },
      symbolSize: y === 'frequency' ? (v: number[]) => 5 + 22 * Math.sqrt(Math.abs(v[2]) / (maxM || 1)) : 6,
      data: points.filter((p) => p.segment === s).map((p) => (y === 'frequency' ? [p.r, p.f, p.m] : [p.r, p.m, p.f])),
    })),
  };
}

/** Revenue by segment as a treemap: area is revenue; negative segments (net returns) are left out. */
export function segmentTreemapOption(rows: readonly SegmentRow[], money: Money): EChartsCoreOption {
  const data = rows
    .map((r, s) => {
      const color = segmentColor(r.id, s);
      return { name: segmentName(r.id), value: r.revenue, itemStyle: { color }, label: { color: textOn(color) }, row: r };
    })
    .filter((d) => d.value > 0);
  return {
    ...CHART_BASE,
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (raw: unknown) => {
        const p = raw as { name?: string; dataIndex?: number; data?: { row?: SegmentRow } };
        const r = p.data?.row;
        if (!r) return '';
        return [
          encodeHTML(p.name ?? ''),
          row(t('cust.col.revenue'), dataMoney(r.revenue, money.currency, money.locale)),
          row(t('cust.col.revenueShare'), formatPercent(r.revenueShare, money.locale, 1)),
          row(t('cust.col.customers'), formatCount(r.customers, money.locale)),
        ].join('<br/>');
      },
    },
    series: [
      {
        type: 'treemap',
        name: t('cust.seg.revenueChart'),
        roam: false,
        nodeClick: false,
        breadcrumb: { show: false },
        width: '100%',
        height: '100%',
        top: 0,
        left: 0,
        label: { show: true, formatter: (p: { name: string; data: { row: SegmentRow } }) => `${p.name}\n${formatPercent(p.data.row.revenueShare, money.locale, 0)}`, fontSize: 12 },
        itemStyle: { borderColor: '#fff', borderWidth: 2, gapWidth: 2 },
        data,
      },
    ],
  };
}

/**
 * The Pareto chart: items ranked by revenue in twenty equal slices (bars: each slice's share of
 * revenue) and the cumulative share (line), with the A and B cut-offs as dashed lines.
 */
export function paretoOption(points: readonly { x: number; y: number }[], aCut: number, bCut: number, locale: string): EChartsCoreOption {
  const slices = 20;
  // Cumulative share at item share x, by linear interpolation on the (thinned) curve.
  const at = (x: number): number => {
    if (points.length === 0) return 0;
    let i = 0;
    while (i < points.length - 1 && points[i + 1].x < x) i++;
    const a = points[i];
    const b = points[Math.min(i + 1, points.length - 1)];
    if (b.x === a.x) return b.y;
    const w = Math.min(1, Math.max(0, (x - a.x) / (b.x - a.x)));
    return a.y + w * (b.y - a.y);
  };
  const labels: string[] = [];
  const bars: number[] = [];
  const line: number[] = [];
  let previous = 0;
  for (let k = 1; k <= slices; k++) {
    const x = k / slices;
    const y = k === slices ? (points[points.length - 1]?.y ?? 0) : at(x);
    labels.push(formatPercent(x, locale, 0));
    bars.push(Math.max(0, y - previous));
    line.push(y);
    previous = y;
  }
  const pct = (v: number) => formatPercent(v, locale, 0);
  return {
    ...CHART_BASE,
    grid: { ...CHART_BASE.grid, top: 30, bottom: 56 },
    legend: { bottom: 0 },
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (raw: unknown) => {
        const ps = raw as { seriesName: string; value: number; name: string }[];
        return [encodeHTML(t('cust.abc.topItems', { share: ps[0]?.name ?? '' })), ...ps.map((p) => row(p.seriesName, formatPercent(p.value, locale, 1)))].join('<br/>');
      },
    },
    xAxis: { type: 'category', data: labels, name: t('cust.abc.itemShare'), nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: pct } },
    series: [
      { name: t('cust.abc.sliceShare'), type: 'bar', itemStyle: { color: '#93c5fd' }, data: bars },
      {
        name: t('cust.abc.cumulative'),
        type: 'line',
        smooth: false,
        symbolSize: 5,
        itemStyle: { color: '#1d4ed8' },
        data: line,
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#64748b' },
          label: { position: 'insideStartTop', formatter: (p: { value: number; dataIndex: number }) => `${p.dataIndex === 0 ? 'A' : 'B'} ${pct(p.value)}` },
          data: [{ yAxis: aCut }, { yAxis: bCut }],
        },
      },
    ],
  };
}

export interface HeatmapInput {
  rows: readonly string[];
  columns: readonly string[];
  /** Row-major; null: no value (an empty cell). */
  values: readonly (number | null)[];
  format: (v: number) => string;
  /** Title under the columns. */
  columnTitle?: string;
  /** Show the value in each cell (when there is room). */
  labels?: boolean;
}

/** A heatmap of a row × column table: rows down (first at the top), columns across. */
export function heatmapOption(input: HeatmapInput): EChartsCoreOption {
  const { rows, columns, values, format } = input;
  const data: [number, number, number][] = [];
  let min = Infinity;
  let max = -Infinity;
  rows.forEach((_, r) =>
    columns.forEach((_, c) => {
      const v = values[r * columns.length + c];
      if (v === null || v === undefined || !Number.isFinite(v)) return;
      data.push([c, r, v]);
      min = Math.min(min, v);
      max = Math.max(max, v);
    }),
  );
  if (min === Infinity) min = max = 0;
  const cells = rows.length * columns.length;
  const labels = input.labels ?? cells <= 200;
  // Long column names (segments, channels) tilt when there are many; short ones (month numbers) never.
  const rotate = columns.length > 6 && columns.some((c) => c.length > 3);
  return {
    ...CHART_BASE,
    // The colour scale stands on the right, clear of rotated column labels and the column title.
    grid: { left: 8, right: 84, top: 8, bottom: input.columnTitle ? 30 : 8, ...LABELS_IN_GRID },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (raw: unknown) => {
        const p = raw as { value?: [number, number, number] };
        if (!p.value) return '';
        const [c, r, v] = p.value;
        return `${encodeHTML(rows[r] ?? '')} × ${encodeHTML(columns[c] ?? '')}<br/><b>${encodeHTML(format(v))}</b>`;
      },
    },
    xAxis: {
      type: 'category',
      data: [...columns],
      name: input.columnTitle,
      nameLocation: 'middle',
      nameGap: 28,
      splitArea: { show: true },
      axisLabel: { interval: 0, rotate: rotate ? 30 : 0, width: 110, overflow: 'truncate' },
    },
    yAxis: { type: 'category', data: [...rows], inverse: true, splitArea: { show: true }, axisLabel: { width: 140, overflow: 'truncate' } },
    visualMap: {
      type: 'continuous',
      min,
      max: max === min ? min + 1 : max,
      calculable: false,
      orient: 'vertical',
      right: 4,
      top: 'middle',
      itemHeight: 140,
      itemWidth: 10,
      text: [format(max), format(min)],
      inRange: { color: ['#eff6ff', '#93c5fd', '#1d4ed8'] },
    },
    series: [
      {
        type: 'heatmap',
        data,
        label: { show: labels, fontSize: 11, formatter: (p: { value: [number, number, number] }) => format(p.value[2]) },
        emphasis: { itemStyle: { borderColor: '#0f172a', borderWidth: 1 } },
      },
    ],
  };
}

export function decimalText(v: number, locale: string, digits = 2): string {
  return formatDecimal(v, locale, digits);
}

export interface ShareBarsInput {
  /** Category names (e.g. the plan's regions), top to bottom. */
  categories: readonly string[];
  /** Series of shares (fractions; null: not defined), one value per category. */
  series: readonly { name: string; values: readonly (number | null)[]; color: string }[];
  locale: string;
}

/** Shares side by side per category, as horizontal bars: where one thing sits next to where another does. */
export function shareBarsOption(input: ShareBarsInput): EChartsCoreOption {
  const { categories, series, locale } = input;
  const pct = (v: number) => formatPercent(v, locale, 1);
  return {
    ...CHART_BASE,
    grid: { left: 8, right: 56, top: 32, bottom: 8, ...LABELS_IN_GRID },
    legend: { top: 0, data: series.map((s) => s.name) },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      formatter: (raw: unknown) => {
        const items = raw as { dataIndex: number; seriesIndex: number }[];
        if (items.length === 0) return '';
        const i = items[0].dataIndex;
        const lines = items.map((p) => {
          const v = series[p.seriesIndex]?.values[i];
          return row(series[p.seriesIndex]?.name ?? '', v === null || v === undefined ? '—' : pct(v));
        });
        return [encodeHTML(categories[i] ?? ''), ...lines].join('<br/>');
      },
    },
    xAxis: { type: 'value', min: 0, axisLabel: { formatter: (v: number) => formatPercent(v, locale, 0) } },
    yAxis: { type: 'category', inverse: true, data: [...categories] },
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: s.values.map((v) => v ?? null),
      itemStyle: { color: s.color },
      label: { show: true, position: 'right', formatter: (p: { value: number | null }) => (p.value === null ? '' : pct(p.value)) },
    })),
  };
}
