/**
 * Acquisition cohorts: customers grouped by the month of their first purchase, followed month by
 * month. "Active in month k" = at least one order in the k-th calendar month after the first-purchase
 * month (k = 0 is the first month itself, so every cohort starts at 100 %); the repurchase rate of
 * a cell is active / cohort size.
 */
import { monthIndexOfDay } from './calendar';
import { rowsByCustomer, type Transactions } from './columns';

export interface CohortOptions {
  /** Only rows on or before this day; default all. */
  readonly throughDay?: number;
  /** Also split every cohort by the customer's first channel. */
  readonly byFirstChannel?: boolean;
}

export interface CohortGrid {
  /** Customers per cohort. */
  readonly size: Int32Array;
  /** Active customers, row-major [cohort × ages + k]. */
  readonly active: Int32Array;
  /** active / size; NaN where month k lies after the last observed month (or the cohort is empty). */
  readonly rate: Float64Array;
}

export interface CohortTable extends CohortGrid {
  /** Month index (year × 12 + month − 1) of cohort 0; cohorts are consecutive months. */
  readonly firstMonth: number;
  readonly cohorts: number;
  /** Columns k = 0 … ages − 1 (ages = cohorts: the first cohort can be followed to the last month). */
  readonly ages: number;
  /** Per first channel, the same grid (present when `byFirstChannel`). */
  readonly byFirstChannel?: readonly CohortGrid[];
}

/**
 * First channel of each customer: the channel of their first order, ties on the first day broken by
 * the lowest row index; −1 for customers with no order (or no channel column).
 */
export function firstChannel(tx: Transactions, throughDay = Infinity): Int32Array {
  const out = new Int32Array(tx.customerCount).fill(-1);
  const channel = tx.channel;
  if (!channel) return out;
  // One pass over the rows: a later row replaces a customer's first only with an earlier day. Per
  // customer, side by side: the first row so far (−1: none) and its day.
  const first = new Int32Array(2 * tx.customerCount).fill(-1);
  const { customer, day } = tx;
  for (let i = 0; i < customer.length; i++) {
    const d = day[i];
    if (d > throughDay) continue;
    const s = 2 * customer[i];
    if (first[s] < 0 || d < first[s + 1]) {
      first[s] = i;
      first[s + 1] = d;
    }
  }
  for (let c = 0; c < tx.customerCount; c++) if (first[2 * c] >= 0) out[c] = channel[first[2 * c]];
  return out;
}

export function cohortTable(tx: Transactions, options: CohortOptions = {}): CohortTable {
  const { offsets, rows } = rowsByCustomer(tx, options.throughDay);
  const k = tx.customerCount;
  const day = tx.day;
  let firstMonth = Infinity;
  let lastMonth = -Infinity;
  for (let c = 0; c < k; c++) {
    if (offsets[c + 1] === offsets[c]) continue;
    firstMonth = Math.min(firstMonth, monthIndexOfDay(day[rows[offsets[c]]]));
    lastMonth = Math.max(lastMonth, monthIndexOfDay(day[rows[offsets[c + 1] - 1]]));
  }
  const cohorts = firstMonth === Infinity ? 0 : lastMonth - firstMonth + 1;
  const channel = options.byFirstChannel ? tx.channel : undefined;
  let channels = 0;
  if (channel) {
    channels = tx.channelCount ?? 0;
    if (channels === 0) for (let i = 0; i < channel.length; i++) channels = Math.max(channels, channel[i] + 1);
  }
  const newGrid = () => ({ size: new Int32Array(cohorts), active: new Int32Array(cohorts * cohorts) });
  const all = newGrid();
  const perChannel = Array.from({ length: channels }, newGrid);

  for (let c = 0; c < k; c++) {
    const start = offsets[c];
    const end = offsets[c + 1];
    if (end === start) continue;
    const cohort = monthIndexOfDay(day[rows[start]]) - firstMonth;
    const grid = channel ? perChannel[channel[rows[start]]] : undefined;
    all.size[cohort]++;
    if (grid) grid.size[cohort]++;
    // Rows are in day order, so months only move forward: count each month once.
    let previousAge = -1;
    for (let j = start; j < end; j++) {
      const age = monthIndexOfDay(day[rows[j]]) - firstMonth - cohort;
      if (age === previousAge) continue;
      previousAge = age;
      all.active[cohort * cohorts + age]++;
      if (grid) grid.active[cohort * cohorts + age]++;
    }
  }

  const withRates = (grid: { size: Int32Array; active: Int32Array }): CohortGrid => {
    const rate = new Float64Array(cohorts * cohorts).fill(NaN);
    for (let cohort = 0; cohort < cohorts; cohort++) {
      if (grid.size[cohort] === 0) continue;
      for (let age = 0; age < cohorts - cohort; age++) rate[cohort * cohorts + age] = grid.active[cohort * cohorts + age] / grid.size[cohort];
    }
    return { size: grid.size, active: grid.active, rate };
  };
  return {
    firstMonth: cohorts === 0 ? 0 : firstMonth,
    cohorts,
    ages: cohorts,
    ...withRates(all),
    ...(channel ? { byFirstChannel: perChannel.map(withRates) } : {}),
  };
}
