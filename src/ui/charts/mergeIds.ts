import type { EChartsCoreOption } from './echarts';

/** Components that the chart replaces on every update (setOption's replaceMerge). */
export const REPLACED = ['series', 'xAxis', 'yAxis'] as const;

function signature(item: object): string {
  // Everything but the data. A function (a formatter) counts by its presence: merging overwrites it
  // with the new one, but one left out would otherwise stay from before.
  return JSON.stringify(item, (key, value: unknown) => (key === 'data' ? undefined : typeof value === 'function' ? 'ƒ' : value));
}

/**
 * The option with an id on each series and axis that has none, made of its position and of
 * everything in it but its data. With replaceMerge, ECharts merges a component into the one of the
 * same id and builds one without an id from scratch (new model, new view, every bar drawn anew):
 * so an update that changes only the numbers now updates the chart in place, while any other
 * change (a name, a colour, a key set or left out) gives a new id and a fresh component as before.
 */
export function withMergeIds(option: EChartsCoreOption): EChartsCoreOption {
  const out: EChartsCoreOption = { ...option };
  for (const key of REPLACED) {
    const v = option[key];
    if (!v || typeof v !== 'object') continue;
    const list = (Array.isArray(v) ? v : [v]) as Record<string, unknown>[];
    const withIds = list.map((item, i) => (item && typeof item === 'object' && item.id === undefined ? { ...item, id: `${i}:${signature(item)}` } : item));
    out[key] = Array.isArray(v) ? withIds : withIds[0];
  }
  return out;
}
