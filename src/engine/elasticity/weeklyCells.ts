/**
 * Rows summed per (group, product, week): the observations of the elasticity fit. A week runs
 * Monday to Sunday (week = ⌊(day + 3) / 7⌋ with days since Thursday 1970-01-01).
 */

/** Observations sorted by group, product and week. */
export interface WeeklyCells {
  length: number;
  group: Int32Array;
  product: Int32Array;
  week: Int32Array;
  units: Float64Array;
  amount: Float64Array;
}

export const weekOfDay = (day: number) => Math.floor((day + 3) / 7);
/** The Monday (days since 1970-01-01) of a week number. */
export const mondayOfWeek = (week: number) => week * 7 - 3;

/**
 * Sums units and amount of the rows `use` marks, per (group, product, week). `group` null: one group.
 * Keys are exact in a double: groups × products × weeks stays far below 2⁵³.
 */
export function weeklyCells(
  use: Uint8Array,
  day: Int32Array,
  product: Int32Array,
  productCount: number,
  units: Float64Array,
  amount: Float64Array,
  group: Int32Array | null,
): WeeklyCells {
  const n = use.length;
  let minWeek = Infinity;
  let maxWeek = -Infinity;
  for (let i = 0; i < n; i++) {
    if (!use[i]) continue;
    const w = weekOfDay(day[i]);
    if (w < minWeek) minWeek = w;
    if (w > maxWeek) maxWeek = w;
  }
  if (minWeek > maxWeek) return { length: 0, group: new Int32Array(0), product: new Int32Array(0), week: new Int32Array(0), units: new Float64Array(0), amount: new Float64Array(0) };
  const weeks = maxWeek - minWeek + 1;
  const slots = new Map<number, number>();
  const keys: number[] = [];
  const sumUnits: number[] = [];
  const sumAmount: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!use[i]) continue;
    const key = ((group ? group[i] : 0) * productCount + product[i]) * weeks + (weekOfDay(day[i]) - minWeek);
    const slot = slots.get(key);
    if (slot === undefined) {
      slots.set(key, keys.length);
      keys.push(key);
      sumUnits.push(units[i]);
      sumAmount.push(amount[i]);
    } else {
      sumUnits[slot] += units[i];
      sumAmount[slot] += amount[i];
    }
  }
  const order = Array.from(keys.keys()).sort((a, b) => keys[a] - keys[b]);
  const m = order.length;
  const cells: WeeklyCells = { length: m, group: new Int32Array(m), product: new Int32Array(m), week: new Int32Array(m), units: new Float64Array(m), amount: new Float64Array(m) };
  for (let j = 0; j < m; j++) {
    const s = order[j];
    const key = keys[s];
    const w = key % weeks;
    const gp = (key - w) / weeks;
    cells.week[j] = w + minWeek;
    cells.product[j] = gp % productCount;
    cells.group[j] = (gp - cells.product[j]) / productCount;
    cells.units[j] = sumUnits[s];
    cells.amount[j] = sumAmount[s];
  }
  return cells;
}
