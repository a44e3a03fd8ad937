import type { EChartsCoreOption } from '../echarts';
import { formatMoney } from '../../../i18n/format';
import { recipeOf } from './portableOption';

export interface TooltipRow {
  name: string;
  /** A CSS colour checked to be one (#rgb … #rrggbbaa), else grey: series colours come from plan data. */
  color: string;
  value: string;
}
export interface AxisTooltip {
  title: string;
  rows: TooltipRow[];
}

const HEX = /^#[0-9a-fA-F]{3,8}$/;

/**
 * What an axis tooltip shows at category `index`: the category, then each series shown (not hidden
 * from the legend) with its value — the same rows as the option's own formatter (planCharts.ts
 * tooltipFormatter), as text for the page to draw. Null when the option has no axis tooltip or the
 * index is off the axis.
 */
export function axisTooltip(option: EChartsCoreOption, index: number, selected: Record<string, boolean>): AxisTooltip | null {
  const tooltip = option.tooltip as { trigger?: string; formatter?: unknown } | undefined;
  const axis = option.xAxis as { data?: unknown[] } | undefined;
  if (!tooltip || Array.isArray(tooltip) || tooltip.trigger !== 'axis' || !axis || Array.isArray(axis) || !Array.isArray(axis.data)) return null;
  if (!Number.isInteger(index) || index < 0 || index >= axis.data.length) return null;
  const recipe = recipeOf(tooltip.formatter);
  const format = (v: number): string => (recipe ? formatMoney(v, recipe.currency, recipe.locale, recipe.compact) : v.toLocaleString());
  const series = (Array.isArray(option.series) ? option.series : option.series ? [option.series] : []) as { name?: unknown; data?: unknown[]; itemStyle?: { color?: unknown } }[];
  const rows: TooltipRow[] = [];
  for (const s of series) {
    const name = typeof s.name === 'string' ? s.name : '';
    if (selected[name] === false) continue;
    const raw = s.data?.[index];
    const v = typeof raw === 'object' && raw !== null ? (raw as { value?: unknown }).value : raw;
    const color = typeof s.itemStyle?.color === 'string' && HEX.test(s.itemStyle.color) ? s.itemStyle.color : '#888';
    rows.push({ name, color, value: typeof v === 'number' ? format(v) : '' });
  }
  return { title: String(axis.data[index] ?? ''), rows };
}
