import type { EChartsCoreOption } from './echarts';

/**
 * The names a chart shows, in order and once each: its series, and the named points of a series
 * (treemap tiles, BCG bubbles). ECharts' own screen-reader description lists every data item's raw
 * values instead — money in minor units (100× the amount) and internal stacking values ("NaN") —
 * so the chart is described by what it is called and what it shows, and its numbers are read from
 * the table beside it.
 */
export function chartNames(option: EChartsCoreOption): string[] {
  const series = option.series === undefined ? [] : Array.isArray(option.series) ? option.series : [option.series];
  const names: string[] = [];
  for (const s of series as unknown[]) {
    if (!isRecord(s)) continue;
    names.push(...nameOf(s));
    if (Array.isArray(s.data)) for (const item of s.data as unknown[]) if (isRecord(item)) names.push(...nameOf(item));
  }
  return [...new Set(names)];
}

function nameOf(o: Record<string, unknown>): string[] {
  return typeof o.name === 'string' && o.name.trim() !== '' ? [o.name] : [];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}
