/**
 * ABC classes by revenue (customers or products) and the Pareto curve behind them.
 *
 * Items are ranked by revenue, highest first, ties by lower item index (so the result never depends
 * on sort stability). An item's class is decided by the cumulative share of the items ranked *above*
 * it: A while that share is below the A cut-off (80 %), B while below the B cut-off (95 %), C after.
 * So the item whose own cumulative share first reaches or crosses 80 % is the last A item — A is the
 * smallest top group holding at least 80 % of revenue, and one dominant customer is always A.
 * Items with zero or negative revenue are never A or B: they rank last and are C.
 */

import { keyValue, sortKeysByValue } from './sortKeys';
import { abcInKernel, isIntegerFlags, type AbcTallies } from './wasm/abcInKernel';

export interface AbcOptions {
  /** Cumulative revenue share closing class A; default 0.8. */
  readonly aCutoff?: number;
  /** Cumulative revenue share closing class B; default 0.95. */
  readonly bCutoff?: number;
  /** Only items with a non-zero flag take part (e.g. customers with orders); default all. */
  readonly include?: ArrayLike<number>;
}

export const ABC_CLASSES = ['A', 'B', 'C'] as const;
export type AbcClass = (typeof ABC_CLASSES)[number];
/** `classOf` value of items left out by `include`. */
export const ABC_EXCLUDED = 255;

export interface AbcClassRow {
  readonly abcClass: AbcClass;
  readonly count: number;
  readonly revenue: number;
  readonly countShare: number;
  readonly revenueShare: number;
}

export interface AbcResult {
  /** Included item indices by rank (highest revenue first). */
  readonly order: Int32Array;
  /** Cumulative revenue share after each rank (the Pareto curve; x = (rank + 1) / order.length). */
  readonly cumulativeShare: Float64Array;
  /** Per item: 0 = A, 1 = B, 2 = C, ABC_EXCLUDED if not included. */
  readonly classOf: Uint8Array;
  readonly classes: readonly AbcClassRow[];
  /** Revenue of the included items with positive revenue: the base of the shares. */
  readonly positiveRevenue: number;
}

export function abcClasses(revenue: Float64Array, options: AbcOptions = {}): AbcResult {
  const aCut = options.aCutoff ?? 0.8;
  const bCut = options.bCutoff ?? 0.95;
  if (!(aCut > 0 && aCut <= bCut && bCut <= 1)) throw new RangeError('cut-offs must satisfy 0 < A ≤ B ≤ 1');
  const include = options.include;
  // The ranking and classes run in WebAssembly where they can (wasm/abcInKernel.ts), with the same result.
  const { order, cumulativeShare, classOf, classCount, classRevenue, positive } =
    (include === undefined || isIntegerFlags(include) ? abcInKernel(revenue, include, aCut, bCut) : null) ?? abcInJs(revenue, include, aCut, bCut);
  const count = order.length;
  const classes = ABC_CLASSES.map((abcClass, i) => ({
    abcClass,
    count: classCount[i],
    revenue: classRevenue[i],
    countShare: count > 0 ? classCount[i] / count : 0,
    revenueShare: positive > 0 ? classRevenue[i] / positive : 0,
  }));
  return { order, cumulativeShare, classOf, classes, positiveRevenue: positive };
}

/** abcClasses' ranking and classes in JS, the reference. */
function abcInJs(revenue: Float64Array, include: ArrayLike<number> | undefined, aCut: number, bCut: number): AbcTallies {
  const n = revenue.length;
  let count = 0;
  for (let i = 0; i < n; i++) if (!include || include[i]) count++;
  const items = new Int32Array(count);
  for (let i = 0, j = 0; i < n; i++) if (!include || include[i]) items[j++] = i;
  // Items are listed by index, and the radix sort is stable: equal revenues stay lowest index first.
  const { index: order, high, low, spare } = sortKeysByValue(revenue, items, true, true);
  // The revenues in rank order, read back from the sort keys: one sequential pass instead of a random
  // read per item in each loop below (a −0 reads as +0, which no sum or comparison here tells apart).
  const ranked = new Float64Array(spare, 0, count);
  for (let j = 0; j < count; j++) ranked[j] = keyValue(high[j], low[j], true);

  let positive = 0;
  for (let j = 0; j < count; j++) if (ranked[j] > 0) positive += ranked[j];
  const classOf = new Uint8Array(n).fill(ABC_EXCLUDED);
  const cumulativeShare = new Float64Array(count);
  const classCount = [0, 0, 0];
  const classRevenue = [0, 0, 0];
  let before = 0;
  for (let j = 0; j < count; j++) {
    const item = order[j];
    const value = ranked[j];
    let cls = 2;
    if (value > 0) {
      // Compare sums, not ratios: share_before < cut ⇔ before < cut · total, without a division per item.
      if (before < aCut * positive) cls = 0;
      else if (before < bCut * positive) cls = 1;
      before += value;
    }
    cumulativeShare[j] = positive > 0 ? before / positive : 0;
    classOf[item] = cls;
    classCount[cls]++;
    classRevenue[cls] += value;
  }
  return { order, cumulativeShare, classOf, classCount, classRevenue, positive };
}

/**
 * The Pareto curve thinned to at most `maxPoints` (x = share of items, y = share of revenue) for a
 * chart: a million points would only cost drawing time. Always keeps the first and last rank.
 */
export function paretoPoints(result: AbcResult, maxPoints = 201): { x: Float64Array; y: Float64Array } {
  const n = result.cumulativeShare.length;
  const m = Math.min(n, Math.max(2, maxPoints));
  const x = new Float64Array(m + 1);
  const y = new Float64Array(m + 1);
  // Point 0 is the origin; then ranks spread evenly up to the last.
  for (let i = 1; i <= m; i++) {
    const rank = Math.round((i * n) / m) - 1;
    x[i] = (rank + 1) / n;
    y[i] = result.cumulativeShare[rank];
  }
  return n === 0 ? { x: new Float64Array(1), y: new Float64Array(1) } : { x, y };
}
