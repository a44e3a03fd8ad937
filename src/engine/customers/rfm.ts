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
import { selectRanks, sortedIntegers } from './sortKeys';

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
  const n = sorted.length;
  if (n === 0) return NaN;
  const index = 1 + Math.max(n - 1, 0) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const qs = sorted[lo - 1];
  if (index > lo && sorted[hi - 1] !== qs) {
    const h = index - lo;
    return (1 - h) * qs + h * sorted[hi - 1];
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

/**
 * Scores of `values` into `out[present[j]]`: the last interval that holds a value wins, as in R's
 * assignment loop; 0 if none does. The bounds are copied into typed arrays for the hot loop.
 */
function assignScores(values: Float64Array, present: Int32Array, t: RfmThresholds, reversed: boolean, out: Uint8Array): void {
  const bins = t.lower.length;
  const lower = Float64Array.from(t.lower);
  const upper = Float64Array.from(t.upper);
  for (let j = 0; j < values.length; j++) {
    const value = values[j];
    let score = 0;
    for (let i = bins - 1; i >= 0; i--) {
      if (value >= lower[i] && value < upper[i]) {
        score = reversed ? bins - i : i + 1;
        break;
      }
    }
    out[present[j]] = score;
  }
}

function scoreDimension(values: Float64Array, present: Int32Array, spec: BinSpec, reversed: boolean, out: Uint8Array): RfmThresholds {
  const thresholds = rfmThresholds(values, spec);
  assignScores(values, present, thresholds, reversed, out);
  return thresholds;
}

/** all[present[j]] for each j: the values of the customers with orders, in customer order. */
function gather(all: Int32Array | Float64Array, present: Int32Array): Float64Array {
  const values = new Float64Array(present.length);
  for (let j = 0; j < present.length; j++) values[j] = all[present[j]];
  return values;
}

/** Recency, frequency and monetary scores per customer, over the customers with at least one order. */
export function scoreRfm(summary: CustomerSummary, options: RfmOptions = {}): RfmScores {
  const k = summary.orders.length;
  const present = new Int32Array(summary.customersWithOrders);
  for (let c = 0, j = 0; c < k; c++) if (summary.orders[c] > 0) present[j++] = c;
  const monetaryValue = new Float64Array(k);
  const average = options.monetary === 'average';
  for (let c = 0; c < k; c++) {
    if (summary.orders[c] > 0) monetaryValue[c] = average ? summary.revenue[c] / summary.orders[c] : summary.revenue[c];
  }
  const recency = new Uint8Array(k);
  const frequency = new Uint8Array(k);
  const monetary = new Uint8Array(k);
  const thresholds = {
    recency: scoreDimension(gather(summary.recency, present), present, options.recencyBins ?? 5, true, recency),
    frequency: scoreDimension(gather(summary.orders, present), present, options.frequencyBins ?? 5, false, frequency),
    monetary: scoreDimension(gather(monetaryValue, present), present, options.monetaryBins ?? 5, false, monetary),
  };
  return { recency, frequency, monetary, thresholds, monetaryValue };
}
