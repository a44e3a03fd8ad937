import type { EChartsCoreOption } from './echarts';

/**
 * A legend that shows every entry at once, wrapped onto as many lines as it needs, with the plot
 * moved up to make room. A scrolling legend shows one page of names with arrows, which neither
 * paper nor a room looking at a projector can click; a plain legend left at ECharts' default
 * height would run over the axis labels once it wraps.
 */

const ICON = 25; // legend.itemWidth
const ICON_GAP = 5; // between icon and text
const ITEM_GAP = 10; // legend.itemGap
const PADDING = 5; // legend.padding

/** Approximate width of a label: ideographs are square, Latin text about 0.6 em per character. */
export function textWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    w += cp >= 0x2e80 ? fontSize : /[A-Z@%WM]/.test(ch) ? fontSize * 0.72 : fontSize * 0.58;
  }
  return w;
}

/** How many lines a horizontal legend of these names takes in `width` pixels. */
export function legendLines(names: readonly string[], width: number, fontSize: number): number {
  const avail = Math.max(1, width - 2 * PADDING);
  let lines = names.length > 0 ? 1 : 0;
  let x = 0;
  for (const name of names) {
    const w = ICON + ICON_GAP + textWidth(name, fontSize) + ITEM_GAP;
    if (x > 0 && x + w - ITEM_GAP > avail) {
      lines++;
      x = 0;
    }
    x += w;
  }
  return lines;
}

function seriesNames(option: EChartsCoreOption): string[] {
  const series = option.series;
  const list = (Array.isArray(series) ? series : series ? [series] : []) as { name?: unknown }[];
  const names = list.map((s) => (typeof s.name === 'string' ? s.name : '')).filter((n) => n !== '');
  return [...new Set(names)];
}

/**
 * The option with a legend that fits `width`: all entries shown, at `fontSize`, below the plot,
 * and the plot's bottom edge raised by the legend's height. Options without a legend are returned
 * as they are.
 */
export function withFittedLegend(option: EChartsCoreOption, width: number, fontSize = 12): EChartsCoreOption {
  const legend = option.legend as Record<string, unknown> | undefined;
  if (!legend) return option;
  const lines = legendLines(seriesNames(option), width, fontSize);
  const lineHeight = Math.max(14, Math.ceil(fontSize * 1.25)) + ITEM_GAP;
  const grid = (option.grid ?? {}) as Record<string, unknown>;
  return {
    ...option,
    legend: { ...legend, type: 'plain', bottom: 0, left: 'center', width: width - 2 * PADDING, textStyle: { ...((legend.textStyle as object | undefined) ?? {}), fontSize } },
    grid: { ...grid, bottom: lines * lineHeight + 8 },
  };
}

/** Width of the box a turned category label wraps in, in ems. */
const ROTATED_EM = 9;

/** Room the value axis and the plot's side margins take from the chart's width, in ems (approximate). */
const VALUE_AXIS_EM = 7;

/** The widest word of a label: Latin words do not break well; ideographs break anywhere. */
function widestWord(label: string, fontSize: number): number {
  return Math.max(0, ...label.split(/[\s\u2e80-\u9fff\uff00-\uffef]+/u).map((w) => textWidth(w, fontSize)));
}

/**
 * Category labels that neither overlap nor go missing: every label shown, wrapped inside its own
 * slot when every word fits the slot, else turned 45° and wrapped in a wider box (a name cut
 * short could not be told from another with the same start). Axes with more categories than fit even turned (e.g. 36 months) keep ECharts' spacing,
 * which skips labels but never overlaps them. Options without a category x axis are returned as
 * they are.
 */
export function withFittedCategoryLabels(option: EChartsCoreOption, width: number, fontSize = 12): EChartsCoreOption {
  const axis = option.xAxis as { type?: string; data?: unknown[]; axisLabel?: Record<string, unknown> } | undefined;
  if (!axis || Array.isArray(axis) || axis.type !== 'category' || !Array.isArray(axis.data) || axis.data.length === 0) return option;
  const slot = (width - VALUE_AXIS_EM * fontSize) / axis.data.length;
  const labels = axis.data.map((d) => String(d));
  const wordsFit = labels.every((l) => widestWord(l, fontSize) <= slot - 8);
  // The gap under the axis grows with the type, so the first label clears the value axis's "0".
  const base = { ...(axis.axisLabel ?? {}), fontSize, hideOverlap: false, margin: Math.round(fontSize * 0.75) };
  let axisLabel: Record<string, unknown>;
  if (wordsFit && slot >= 4 * fontSize) {
    axisLabel = { ...base, interval: 0, rotate: 0, width: Math.floor(slot - 8), overflow: 'break', lineHeight: Math.round(fontSize * 1.3) };
  } else if (slot >= fontSize * 1.6) {
    // Short labels (months) need no box: laying out a wrapping box for each of 36 labels on every
    // update was a quarter of the mix chart's redraw. A label near the box's width still gets it,
    // since the widths here are estimates.
    const wrap = labels.some((l) => textWidth(l, fontSize) > 0.75 * ROTATED_EM * fontSize);
    axisLabel = wrap ? { ...base, interval: 0, rotate: 45, width: ROTATED_EM * fontSize, overflow: 'break', lineHeight: Math.round(fontSize * 1.2) } : { ...base, interval: 0, rotate: 45 };
  } else {
    axisLabel = { ...base, interval: 'auto', rotate: 0, hideOverlap: true };
  }
  const box = typeof axisLabel.width === 'number' ? axisLabel.width : null;
  const data = box === null ? axis.data : axis.data.map((d) => (typeof d === 'string' ? wrapLabel(d, box, fontSize) : d));
  return { ...option, xAxis: { ...axis, data, axisLabel } };
}

/** Characters a line may not start with (closing brackets and punctuation) or end with (opening brackets). */
const NO_LINE_START = new Set([...'）)]】」』》〉，,。.、：:；;！!？?%…·”’']);
const NO_LINE_END = new Set([...'（(【「『《〈“‘']);

/**
 * A Chinese label broken into lines of at most `width` pixels as Chinese typesetting does: between
 * characters, but never with a closing bracket or mark at the start of a line or an opening one at
 * the end ("私域社群（企业微信+小程序" over a lone "）" is what breaking by width alone gives).
 * Latin words stay whole. Labels without Chinese, or that fit, are left to ECharts as they are.
 */
export function wrapLabel(label: string, width: number, fontSize: number): string {
  if (!/[\u2e80-\u9fff\uff00-\uffef]/u.test(label) || label.includes('\n') || textWidth(label, fontSize) <= width) return label;
  const tokens = label.match(/[A-Za-z0-9]+\s*|\s+|./gu) ?? [];
  const lines: string[][] = [[]];
  let used = 0;
  for (const token of tokens) {
    const w = textWidth(token, fontSize);
    const line = lines[lines.length - 1];
    if (line.length > 0 && used + w > width) {
      const moved: string[] = [];
      if (NO_LINE_START.has(token[0]) && line.length > 1) moved.unshift(line.pop() as string);
      while (line.length > 1 && NO_LINE_END.has(line[line.length - 1])) moved.unshift(line.pop() as string);
      lines.push(moved);
      used = moved.reduce((a, x) => a + textWidth(x, fontSize), 0);
    }
    lines[lines.length - 1].push(token);
    used += w;
  }
  return lines.map((l) => l.join('').trim()).filter((l) => l !== '').join('\n');
}

/** A chart laid out for `width` pixels: legend and category labels that fit (see above). */
export function fitChart(option: EChartsCoreOption, width: number, fontSize = 12): EChartsCoreOption {
  return withFittedCategoryLabels(withFittedLegend(option, width, fontSize), width, fontSize);
}
