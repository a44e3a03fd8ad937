/**
 * Transactions as columns. Up to ten million rows live in typed arrays rather than one object per
 * row: that is what fits in a browser tab and crosses a worker boundary without copying row by row.
 */
import { customerOutOfRange } from './rowChecks';
import { tallySummaryInKernel } from './wasm/summaryTally';

export interface Transactions {
  /** Dictionary-encoded customer of each row: 0 … customerCount − 1 (the id strings live with the importer). */
  readonly customer: Int32Array;
  /** Order day of each row: days since 1970-01-01 UTC. */
  readonly day: Int32Array;
  /** Order amount of each row (net of returns if the import policy nets them). */
  readonly amount: Float64Array;
  /** Optional dictionary-encoded channel of each row: 0 … channelCount − 1. */
  readonly channel?: Int32Array;
  readonly customerCount: number;
  readonly channelCount?: number;
}

/** What counts as one order: every transaction row (the R `rfm` package), or each distinct purchase day. */
export type OrderBasis = 'transactions' | 'days';

export interface SummaryOptions {
  /** Default 'transactions', as `rfm_table_order`'s `transaction_count`. */
  readonly orders?: OrderBasis;
}

export interface CustomerSummary {
  readonly analysisDay: number;
  readonly basis: OrderBasis;
  /**
   * Per customer, over rows on or before the analysis day. A customer with `orders[c] === 0` had no
   * order by then (not yet acquired at an earlier analysis date); their other fields are 0.
   */
  readonly firstDay: Int32Array;
  readonly lastDay: Int32Array;
  readonly orders: Int32Array;
  readonly revenue: Float64Array;
  /** analysisDay − lastDay, in days. */
  readonly recency: Int32Array;
  /** Number of customers with at least one order. */
  readonly customersWithOrders: number;
}

/** The day after the last order: the default analysis date (nobody has recency 0 by construction). */
export function defaultAnalysisDay(tx: Transactions): number {
  const day = tx.day;
  let max = -Infinity;
  for (let i = 0; i < day.length; i++) if (day[i] > max) max = day[i];
  return max === -Infinity ? 0 : max + 1;
}

/**
 * First and last order day, orders, revenue and recency per customer, as of `analysisDay`.
 *
 * Rows after the analysis day are ignored, so an earlier analysis date shows the customer base as it
 * was then (the migration view compares two such snapshots). With the default date every row counts.
 *
 * One pass over the columns, no per-row allocation: about 20 ms per million rows (1 M rows of 200 k
 * customers, Node 20, median of repeated runs on a busy 2-core VM). Counting distinct days adds a
 * second pass, or the grouping below when rows are not in date order (≈ 3× the plain summary).
 */
export function customerSummary(tx: Transactions, analysisDay?: number, options: SummaryOptions = {}): CustomerSummary {
  const basis = options.orders ?? 'transactions';
  const k = tx.customerCount;
  const { customer } = tx;
  const firstDay = new Int32Array(k);
  const lastDay = new Int32Array(k);
  const orders = new Int32Array(k);
  const revenue = new Float64Array(k);
  // Exports are usually in date order: then a customer's first row is their first day and every row
  // their last so far, so no day is compared. The first row out of order hands over to the general loop.
  // Without an analysis day every row counts, and in date order the default day (after the last row's)
  // is known at the end of the loop: no separate read of the days for it.
  // The row loops run in WebAssembly where they can (wasm/summaryTally.ts), with the same result.
  const cut = analysisDay ?? Infinity;
  const from = tallySummaryInKernel(tx, cut, firstDay, lastDay, orders, revenue) ?? tallyInJs(tx, cut, firstDay, lastDay, orders, revenue);
  const asOf = analysisDay ?? (from === customer.length && from > 0 ? tx.day[from - 1] + 1 : defaultAnalysisDay(tx));
  if (basis === 'days') countDistinctDays(tx, asOf, orders);
  const recency = new Int32Array(k);
  let customersWithOrders = 0;
  for (let c = 0; c < k; c++) {
    if (orders[c] === 0) continue;
    customersWithOrders++;
    recency[c] = asOf - lastDay[c];
  }
  return { analysisDay: asOf, basis, firstDay, lastDay, orders, revenue, recency, customersWithOrders };
}

/** The summary's row loops in JS: returns the first row out of date order (or the row count). */
function tallyInJs(tx: Transactions, asOf: number, firstDay: Int32Array, lastDay: Int32Array, orders: Int32Array, revenue: Float64Array): number {
  const from = tallyInDateOrder(tx, asOf, firstDay, lastDay, orders, revenue);
  if (from < tx.customer.length) tallyAnyOrder(tx, asOf, from, firstDay, lastDay, orders, revenue);
  return from;
}

/** The summary's row loop while days do not decrease; returns the first row out of date order (or the row count). */
function tallyInDateOrder(tx: Transactions, asOf: number, firstDay: Int32Array, lastDay: Int32Array, orders: Int32Array, revenue: Float64Array): number {
  const { customer, day, amount } = tx;
  const k = orders.length;
  let previous = -0x80000000;
  for (let i = 0; i < customer.length; i++) {
    const d = day[i];
    if (d < previous) return i;
    previous = d;
    if (d > asOf) continue;
    const c = customer[i];
    if (c >>> 0 >= k) customerOutOfRange(i, c, k);
    const n = orders[c];
    if (n === 0) firstDay[c] = d;
    orders[c] = n + 1;
    lastDay[c] = d;
    revenue[c] += amount[i];
  }
  return customer.length;
}

/** The summary's row loop from row `from` on, in any order. */
function tallyAnyOrder(tx: Transactions, asOf: number, from: number, firstDay: Int32Array, lastDay: Int32Array, orders: Int32Array, revenue: Float64Array): void {
  const { customer, day, amount } = tx;
  const k = orders.length;
  for (let i = from; i < customer.length; i++) {
    const d = day[i];
    if (d > asOf) continue;
    const c = customer[i];
    if (c >>> 0 >= k) customerOutOfRange(i, c, k);
    const n = orders[c];
    if (n === 0) {
      firstDay[c] = d;
      lastDay[c] = d;
    } else {
      if (d < firstDay[c]) firstDay[c] = d;
      if (d > lastDay[c]) lastDay[c] = d;
    }
    orders[c] = n + 1;
    revenue[c] += amount[i];
  }
}

/** Overwrites `orders` with the number of distinct purchase days per customer. */
function countDistinctDays(tx: Transactions, asOf: number, orders: Int32Array): void {
  const { customer, day } = tx;
  // Exports are usually in date order; then a customer's new day is simply a day unlike their last one.
  const seen = new Int32Array(tx.customerCount).fill(-0x80000000);
  orders.fill(0);
  let chronological = true;
  for (let i = 0; i < customer.length && chronological; i++) {
    const d = day[i];
    if (d > asOf) continue;
    const c = customer[i];
    if (d === seen[c]) continue;
    if (d < seen[c]) chronological = false;
    seen[c] = d;
    orders[c]++;
  }
  if (chronological) return;
  const { offsets, rows } = rowsByCustomer(tx, asOf);
  for (let c = 0; c < tx.customerCount; c++) {
    let distinct = 0;
    let previous = NaN;
    for (let j = offsets[c]; j < offsets[c + 1]; j++) {
      const d = day[rows[j]];
      if (d !== previous) distinct++;
      previous = d;
    }
    orders[c] = distinct;
  }
}

/** Row indices grouped by customer (compressed rows: customer c owns rows[offsets[c] … offsets[c+1])). */
export interface CustomerRows {
  readonly offsets: Int32Array;
  readonly rows: Int32Array;
}

const INSERTION_SORT_MAX = 32;
const ROW_RADIX = 4294967296; // 2³²: row indices fit below it, and day offsets × 2³² stay below 2⁵³

/**
 * Rows on or before `throughDay`, grouped by customer and, within a customer, in (day, row) order —
 * so the first row of a customer is their first order, ties broken by the lowest row index.
 *
 * A counting sort by customer (stable, O(n)); the per-customer day sort is skipped when the rows
 * are already chronological, which is the common case for exported order logs.
 */
export function rowsByCustomer(tx: Transactions, throughDay = Infinity): CustomerRows {
  const { customer, day } = tx;
  const k = tx.customerCount;
  const offsets = new Int32Array(k + 1);
  let minDay = Infinity;
  for (let i = 0; i < customer.length; i++) {
    if (day[i] > throughDay) continue;
    offsets[customer[i] + 1]++;
    if (day[i] < minDay) minDay = day[i];
  }
  for (let c = 0; c < k; c++) offsets[c + 1] += offsets[c];
  const cursor = offsets.slice(0, k);
  const rows = new Int32Array(offsets[k]);
  for (let i = 0; i < customer.length; i++) {
    if (day[i] > throughDay) continue;
    rows[cursor[customer[i]]++] = i;
  }
  for (let c = 0; c < k; c++) {
    const start = offsets[c];
    const end = offsets[c + 1];
    let sorted = true;
    for (let j = start + 1; j < end && sorted; j++) sorted = day[rows[j - 1]] <= day[rows[j]];
    if (sorted) continue;
    if (end - start <= INSERTION_SORT_MAX) insertionSortByDay(rows, start, end, day);
    else keySortByDay(rows, start, end, day, minDay);
  }
  return { offsets, rows };
}

/** Stable insertion sort of rows[start … end) by day (rows arrive in ascending row order). */
function insertionSortByDay(rows: Int32Array, start: number, end: number, day: Int32Array): void {
  for (let j = start + 1; j < end; j++) {
    const row = rows[j];
    const d = day[row];
    let i = j - 1;
    while (i >= start && day[rows[i]] > d) {
      rows[i + 1] = rows[i];
      i--;
    }
    rows[i + 1] = row;
  }
}

/** Sorts a long customer history by (day, row) through packed numeric keys and the native typed-array sort. */
function keySortByDay(rows: Int32Array, start: number, end: number, day: Int32Array, minDay: number): void {
  const keys = new Float64Array(end - start);
  for (let j = start; j < end; j++) keys[j - start] = (day[rows[j]] - minDay) * ROW_RADIX + rows[j];
  keys.sort();
  for (let j = start; j < end; j++) rows[j] = keys[j - start] % ROW_RADIX;
}
