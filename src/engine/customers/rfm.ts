/**
 * RFM scores reproducing the R package `rfm` (rsquaredacademy/rfm), `rfm_table_order()`:
 *
 *  - breaks: `bins()` in R/utils.R — `quantile(x, probs = seq(0, 1, length.out = n + 1))` (R's
 *    default type 7), dropping the 0 % and 100 % quantiles, **plus one**;
 *  - intervals: `bins_lower()` = c(min(x), breaks), `bins_upper()` = c(breaks, max(x) + 1), and the
 *    i-th score goes to `x >= lower[i] & x < upper[i]`, assigned in a loop so a later interval wins;
 *  - recency scores run the other way (`rscore <- rev(seq_len(n))`): the most recent bin scores n;
 *  - custom thresholds (a vector instead of a count) are used as the breaks as given, without the + 1.
 *
 * Equal values always share a score because scores come from value intervals, never from ranks.
 * The package's own tests (tests/testthat/test-rfm-segment.R) pin the outcome on its sample data:
 * with analysis date 2006-12-31 the "Champions" segment has 158 customers, 1,234 orders and revenue 120,178.
 */
import type { CustomerSummary } from './columns';
import { selectRanks, selectRanksByBuckets, sortedIntegers } from './sortKeys';

/** Number of quantile bins (R's default 5), or explicit cut points in the dimension's own unit. */
export type BinSpec = number | readonly number[];

export interface RfmOptions {
  readonly recencyBins?: BinSpec;
  readonly frequencyBins?: BinSpec;
  readonly monetaryBins?: BinSpec;
  /** Monetary value scored: total revenue (R's `amount`, the default) or revenue per order. */
  readonly monetary?: 'total' | 'average';
}

/** R's `threshold` table for one dimension: score i covers lower[i] ≤ value < upper[i] (recency: score n − i). */
export interface RfmThresholds {
  readonly lower: readonly number[];
  readonly upper: readonly number[];
}

export interface RfmScores {
  /** Per customer, 1 … bins; 0 for customers without orders (and for values no interval covers, R's NA). */
  readonly recency: Uint8Array;
  readonly frequency: Uint8Array;
  readonly monetary: Uint8Array;
  readonly thresholds: { readonly recency: RfmThresholds; readonly frequency: RfmThresholds; readonly monetary: RfmThresholds };
  /** The monetary values that were scored (total or average per customer). */
  readonly monetaryValue: Float64Array;
}

/**
 * R's quantile type 7 on ascending sorted data, computed as R does (stats::quantile.default):
 * index = 1 + (n − 1)·p, and (1 − h)·x[lo] + h·x[hi] only when the neighbours differ — the same
 * floating-point operations, so breaks that land on integers land there in both.
 */
export function quantileType7(sorted: ArrayLike<number>, p: number): number {
  return quantileType7At(sorted.length, p, (i) => sorted[i]);
}

/** quantileType7 of n sorted values that `at(i)` reads (0-based), without holding them sorted. */
function quantileType7At(n: number, p: number, at: (i: number) => number): number {
  if (n === 0) return NaN;
  const index = 1 + Math.max(n - 1, 0) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const qs = at(lo - 1);
  if (index > lo) {
    const next = at(hi - 1);
    if (next !== qs) {
      const h = index - lo;
      return (1 - h) * qs + h * next;
    }
  }
  return qs;
}

/** R's `seq(0, 1, length.out = n + 1)` without its ends: c(from, from + seq_len(n1 − 1) · ((to − from)/n1), to). */
function interiorProbabilities(bins: number): number[] {
  const step = 1 / bins;
  return Array.from({ length: bins - 1 }, (_, i) => (i + 1) * step);
}

/** The two sorted positions (0-based) that `quantileType7` reads for probability p. */
function type7Positions(n: number, p: number): [number, number] {
  const index = 1 + Math.max(n - 1, 0) * p;
  return [Math.floor(index) - 1, Math.ceil(index) - 1];
}

/** Integer ranges up to this many distinct values are counted rather than sorted or selected. */
const COUNTING_RANGE_MAX = 1 << 16;

/**
 * The values ascending — or, for non-integer data, correct only at the positions the quantiles
 * read: selecting a few order statistics is linear, sorting 200 k doubles is not. Recency days and
 * order counts are small integers and are counted instead (see sortedIntegers).
 */
function orderedForQuantiles(values: Float64Array, probabilities: readonly number[]): Float64Array {
  const counted = sortedIntegers(values);
  if (counted) return counted;
  let hasNaN = false;
  for (let i = 0; i < values.length && !hasNaN; i++) hasNaN = Number.isNaN(values[i]);
  // Selection compares values, which NaN defeats; the typed-array sort puts NaN last, as before.
  if (hasNaN) return Float64Array.from(values).sort();
  return selectRanks(values, probabilities.flatMap((p) => type7Positions(values.length, p)));
}

/** The `bins()` breaks of R `rfm`: interior type-7 quantiles plus one. */
export function rfmBreaks(values: Float64Array, bins: number): number[] {
  const probabilities = interiorProbabilities(bins);
  const ordered = orderedForQuantiles(values, probabilities);
  return probabilities.map((p) => quantileType7(ordered, p) + 1);
}

/** R's `bins_lower()` / `bins_upper()` around the breaks. */
export function rfmThresholds(values: Float64Array, spec: BinSpec): RfmThresholds {
  const breaks = typeof spec === 'number' ? rfmBreaks(values, spec) : [...spec];
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < min) min = values[i];
    if (values[i] > max) max = values[i];
  }
  return { lower: [min, ...breaks], upper: [...breaks, max + 1] };
}

/** The score of one value: the last interval that holds it wins, as in R's assignment loop; 0 if none does. */
function scoreOf(value: number, lower: Float64Array, upper: Float64Array, reversed: boolean): number {
  const bins = lower.length;
  for (let i = bins - 1; i >= 0; i--) if (value >= lower[i] && value < upper[i]) return reversed ? bins - i : i + 1;
  return 0;
}

/** What one read of a dimension's values over the customers with orders tells: their range and whether they are all integers. */
interface Extent {
  min: number;
  max: number;
  integers: boolean;
  /** Counts of each value (counts[v]), when they were taken in the same read: values 0 … 2¹⁶ − 1 only. */
  counts?: Int32Array;
}

/** cumulative[b]: how many of the values of customers with orders are at most min + b. */
function cumulativeCounts(all: Int32Array | Float64Array, orders: Int32Array, min: number, range: number): Int32Array {
  const cumulative = new Int32Array(range);
  for (let c = 0; c < orders.length; c++) if (orders[c] > 0) cumulative[all[c] - min]++;
  for (let b = 1; b < range; b++) cumulative[b] += cumulative[b - 1];
  return cumulative;
}

/** out[c] = table[value − min] for the customers with orders. */
function scoreByTable(all: Int32Array | Float64Array, orders: Int32Array, min: number, table: Uint8Array, out: Uint8Array): void {
  for (let c = 0; c < orders.length; c++) if (orders[c] > 0) out[c] = table[all[c] - min];
}

/** out[c] = the score of all[c] for the customers with orders (scoreOf, inlined for the hot loop). */
function scoreByBounds(all: Int32Array | Float64Array, orders: Int32Array, max: number, lower: Float64Array, upper: Float64Array, reversed: boolean, out: Uint8Array): void {
  const bins = lower.length;
  if (countingHolds(lower, upper, max)) return scoreByCounting(all, orders, lower.subarray(1), reversed, out);
  for (let c = 0; c < orders.length; c++) {
    if (orders[c] <= 0) continue;
    const value = all[c];
    let score = 0;
    for (let i = bins - 1; i >= 0; i--) {
      if (value >= lower[i] && value < upper[i]) {
        score = reversed ? bins - i : i + 1;
        break;
      }
    }
    out[c] = score;
  }
}

/**
 * Whether every value v from lower[0] (the minimum) to `max` falls in interval number #{breaks ≤ v}:
 * the breaks (lower[1 …], equal to upper[… last − 1]) do not decrease, and the last upper bound,
 * max + 1, is above max (from 2⁵³ on it would equal it). Then the interval after the breaks at or
 * below v holds v and no later interval starts at or below v, so that count is R's loop's answer.
 */
function countingHolds(lower: Float64Array, upper: Float64Array, max: number): boolean {
  const bins = lower.length;
  for (let i = 1; i < bins; i++) if (!(lower[i] === upper[i - 1] && (i === 1 || lower[i] >= lower[i - 1]))) return false;
  return max < upper[bins - 1];
}

/**
 * scoreByBounds where countingHolds: the score from how many breaks are at or below the value — no
 * branch to mispredict per customer. A NaN (no interval holds it) scores 0, as in the loop.
 */
function scoreByCounting(all: Int32Array | Float64Array, orders: Int32Array, breaks: Float64Array, reversed: boolean, out: Uint8Array): void {
  const bins = breaks.length + 1;
  if (bins === 5) return scoreByFourBreaks(all, orders, breaks, reversed, out);
  for (let c = 0; c < orders.length; c++) {
    if (orders[c] <= 0) continue;
    const value = all[c];
    let above = 0;
    for (let i = 0; i < breaks.length; i++) above += Number(value >= breaks[i]);
    out[c] = value !== value ? 0 : reversed ? bins - above : above + 1;
  }
}

/** scoreByCounting for R's default of five scores, the four comparisons written out. */
function scoreByFourBreaks(all: Int32Array | Float64Array, orders: Int32Array, breaks: Float64Array, reversed: boolean, out: Uint8Array): void {
  const [b0, b1, b2, b3] = breaks;
  for (let c = 0; c < orders.length; c++) {
    if (orders[c] <= 0) continue;
    const value = all[c];
    const above = Number(value >= b0) + Number(value >= b1) + Number(value >= b2) + Number(value >= b3);
    out[c] = value !== value ? 0 : reversed ? 5 - above : above + 1;
  }
}

/**
 * One dimension's thresholds and scores (into out[c] for the customers with orders), reading the
 * values where they are (`all[c]`). Small integer ranges — recency days, order counts — are counted:
 * the quantiles come from the counts and each distinct value is scored once, so the customers need one
 * table look-up each. Other values are copied once, the quantile ranks selected in that copy, and each
 * customer scored against the bounds. Either way the thresholds and scores are those of R's sorted
 * quantiles and assignment loop.
 */
/** cumulativeCounts from counts by value already taken. */
function cumulate(counts: Int32Array, min: number, range: number): Int32Array {
  const cumulative = counts.slice(min, min + range);
  for (let b = 1; b < range; b++) cumulative[b] += cumulative[b - 1];
  return cumulative;
}

function scoreDimension(all: Int32Array | Float64Array, orders: Int32Array, n: number, spec: BinSpec, reversed: boolean, out: Uint8Array, extent: Extent): RfmThresholds {
  const { min, max, integers } = extent;
  const probabilities = typeof spec === 'number' ? interiorProbabilities(spec) : [];
  if (n > 0 && integers && max - min < COUNTING_RANGE_MAX) {
    const range = max - min + 1;
    const cumulative = extent.counts ? cumulate(extent.counts, min, range) : cumulativeCounts(all, orders, min, range);
    // The value at sorted position i: the first b whose cumulative count exceeds i (+ 0: as counted, −0 reads +0).
    const at = (i: number) => {
      let lo = 0;
      let hi = range - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] > i) hi = mid;
        else lo = mid + 1;
      }
      return lo + min;
    };
    const breaks = typeof spec === 'number' ? probabilities.map((p) => quantileType7At(n, p, at) + 1) : [...spec];
    const lower = Float64Array.of(min, ...breaks);
    const upper = Float64Array.of(...breaks, max + 1);
    const table = new Uint8Array(range);
    for (let b = 0; b < range; b++) table[b] = scoreOf(b + min, lower, upper, reversed);
    scoreByTable(all, orders, min, table, out);
    return { lower: [min, ...breaks], upper: [...breaks, max + 1] };
  }
  const values = new Float64Array(n);
  for (let c = 0, j = 0; c < orders.length; c++) if (orders[c] > 0) values[j++] = all[c];
  let breaks: number[];
  if (typeof spec !== 'number') breaks = [...spec];
  else {
    let hasNaN = false;
    for (let j = 0; j < n && !hasNaN; j++) hasNaN = Number.isNaN(values[j]);
    // Selection compares values, which NaN defeats; the typed-array sort puts NaN last.
    const ordered = hasNaN ? values.sort() : selectRanksByBuckets(values, probabilities.flatMap((p) => type7Positions(n, p)));
    breaks = probabilities.map((p) => quantileType7(ordered, p) + 1);
  }
  scoreByBounds(all, orders, max, Float64Array.of(min, ...breaks), Float64Array.of(...breaks, max + 1), reversed, out);
  return { lower: [min, ...breaks], upper: [...breaks, max + 1] };
}

/** Recency, frequency and monetary scores per customer, over the customers with at least one order. */
export function scoreRfm(summary: CustomerSummary, options: RfmOptions = {}): RfmScores {
  const { orders, revenue, recency: days } = summary;
  const k = orders.length;
  const n = summary.customersWithOrders;
  const monetaryValue = new Float64Array(k);
  const average = options.monetary === 'average';
  // The monetary values and the three dimensions' extents in one read of the customers. NaN never
  // becomes a minimum or maximum (the comparisons of rfmThresholds); days and counts are integers.
  let rMin = Infinity;
  let rMax = -Infinity;
  let fMin = Infinity;
  let fMax = -Infinity;
  let mMin = Infinity;
  let mMax = -Infinity;
  let mIntegers = true;
  // Recency days and order counts by value, for their quantiles: counted here, unless one is negative or
  // too large for the table (then scoreDimension counts them itself).
  let dayCounts: Int32Array | undefined = new Int32Array(COUNTING_RANGE_MAX);
  let orderCounts: Int32Array | undefined = new Int32Array(COUNTING_RANGE_MAX);
  for (let c = 0; c < k; c++) {
    const count = orders[c];
    if (count <= 0) continue;
    const value = average ? revenue[c] / count : revenue[c];
    monetaryValue[c] = value;
    const d = days[c];
    if (dayCounts !== undefined) {
      if (d >>> 0 < COUNTING_RANGE_MAX) dayCounts[d]++;
      else dayCounts = undefined;
    }
    if (orderCounts !== undefined) {
      if (count < COUNTING_RANGE_MAX) orderCounts[count]++;
      else orderCounts = undefined;
    }
    if (d < rMin) rMin = d;
    if (d > rMax) rMax = d;
    if (count < fMin) fMin = count;
    if (count > fMax) fMax = count;
    if (value < mMin) mMin = value;
    if (value > mMax) mMax = value;
    if (mIntegers && !Number.isInteger(value)) mIntegers = false;
  }
  const r: Extent = { min: rMin, max: rMax, integers: true, counts: dayCounts };
  const f: Extent = { min: fMin, max: fMax, integers: true, counts: orderCounts };
  const m: Extent = { min: mMin, max: mMax, integers: mIntegers };
  const recency = new Uint8Array(k);
  const frequency = new Uint8Array(k);
  const monetary = new Uint8Array(k);
  const thresholds = {
    recency: scoreDimension(days, orders, n, options.recencyBins ?? 5, true, recency, r),
    frequency: scoreDimension(orders, orders, n, options.frequencyBins ?? 5, false, frequency, f),
    monetary: scoreDimension(monetaryValue, orders, n, options.monetaryBins ?? 5, false, monetary, m),
  };
  return { recency, frequency, monetary, thresholds, monetaryValue };
}
