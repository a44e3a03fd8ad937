/**
 * Sorting helpers on typed arrays, for the customer tables (≈ 200 k customers per million rows).
 *
 * A comparator sort on an index array costs ≈ 0.1 s for 200 k items in V8, because every comparison
 * is a call back into JavaScript. The helpers here avoid comparators: an LSD radix sort over the bits
 * of a double (stable, so ties keep their input order), and a counting sort for small integer ranges.
 */

const DIGIT_BITS = 11;
const DIGITS = 6; // 6 × 11 bits cover the 64 bits of a double
const BUCKETS = 1 << DIGIT_BITS;
const DIGIT_MASK = BUCKETS - 1;

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);
/** Index of the high 32-bit word of a double in `scratchWords` (the platform's byte order). */
const HIGH = new Uint8Array(Float64Array.of(-1).buffer)[7] === 0xbf ? 1 : 0;

/**
 * Writes an unsigned 64-bit key (as a high and a low word) that orders like the doubles, largest
 * first when `descending`. −0 is read as +0, so the two tie as they do in arithmetic comparisons.
 */
function fillKeys(values: ArrayLike<number>, items: Int32Array, descending: boolean, high: Uint32Array, low: Uint32Array): void {
  for (let j = 0; j < items.length; j++) {
    scratch[0] = values[items[j]] + 0; // + 0 turns −0 into +0
    let hi = scratchWords[HIGH];
    let lo = scratchWords[1 - HIGH];
    // IEEE order to unsigned order: negatives have every bit flipped, positives just the sign bit.
    if (hi & 0x80000000) {
      hi = ~hi;
      lo = ~lo;
    } else {
      hi |= 0x80000000;
    }
    if (descending) {
      hi = ~hi;
      lo = ~lo;
    }
    high[j] = hi >>> 0;
    low[j] = lo >>> 0;
  }
}

/** Digit d (0 = least significant) of the 64-bit key (high, low); digit 2 straddles the two words. */
function digitOf(high: number, low: number, d: number): number {
  switch (d) {
    case 0:
      return low & DIGIT_MASK;
    case 1:
      return (low >>> 11) & DIGIT_MASK;
    case 2:
      return ((low >>> 22) | (high << 10)) & DIGIT_MASK;
    case 3:
      return (high >>> 1) & DIGIT_MASK;
    case 4:
      return (high >>> 12) & DIGIT_MASK;
    default:
      return high >>> 23;
  }
}

/** Histograms of all six digits in one read of the keys. */
function digitCounts(high: Uint32Array, low: Uint32Array): Int32Array {
  const counts = new Int32Array(DIGITS * BUCKETS);
  for (let j = 0; j < high.length; j++) {
    const hi = high[j];
    const lo = low[j];
    counts[lo & DIGIT_MASK]++;
    counts[BUCKETS + ((lo >>> 11) & DIGIT_MASK)]++;
    counts[2 * BUCKETS + (((lo >>> 22) | (hi << 10)) & DIGIT_MASK)]++;
    counts[3 * BUCKETS + ((hi >>> 1) & DIGIT_MASK)]++;
    counts[4 * BUCKETS + ((hi >>> 12) & DIGIT_MASK)]++;
    counts[5 * BUCKETS + (hi >>> 23)]++;
  }
  return counts;
}

/**
 * `items` (indices into `values`) sorted by value — largest first when `descending` — with ties in
 * their order in `items`. Returns a new array; `items` is left as it was.
 *
 * Each of the six 11-bit digit passes is a stable counting sort; passes whose digit is the same for
 * every item (typically the sign and high exponent bits) are skipped.
 */
export function sortIndicesByValue(values: ArrayLike<number>, items: Int32Array, descending = false): Int32Array {
  const n = items.length;
  let high = new Uint32Array(n);
  let low = new Uint32Array(n);
  let index = Int32Array.from(items);
  fillKeys(values, items, descending, high, low);
  const counts = digitCounts(high, low);
  let nextHigh = new Uint32Array(n);
  let nextLow = new Uint32Array(n);
  let nextIndex = new Int32Array(n);
  const cursor = new Int32Array(BUCKETS);
  for (let d = 0; d < DIGITS; d++) {
    const base = d * BUCKETS;
    if (n === 0 || counts[base + digitOf(high[0], low[0], d)] === n) continue;
    for (let b = 0, sum = 0; b < BUCKETS; b++) {
      cursor[b] = sum;
      sum += counts[base + b];
    }
    for (let j = 0; j < n; j++) {
      const at = cursor[digitOf(high[j], low[j], d)]++;
      nextHigh[at] = high[j];
      nextLow[at] = low[j];
      nextIndex[at] = index[j];
    }
    [high, nextHigh] = [nextHigh, high];
    [low, nextLow] = [nextLow, low];
    [index, nextIndex] = [nextIndex, index];
  }
  return index;
}

/** Integer ranges up to this many distinct values are sorted by counting rather than by comparison. */
const COUNTING_RANGE_MAX = 1 << 16;

/**
 * The values ascending, as `Float64Array.from(values).sort()` gives them, if they are integers with
 * a small range (days of recency, order counts): those are counted instead of compared, one pass
 * plus the range. Null for any other data.
 */
export function sortedIntegers(values: Float64Array): Float64Array | null {
  const n = values.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    // NaN and ±Infinity fail this test, so they always take the general path.
    if (!Number.isInteger(v)) return null;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n === 0 || max - min >= COUNTING_RANGE_MAX) return null;
  const counts = new Int32Array(max - min + 1);
  for (let i = 0; i < n; i++) counts[values[i] - min]++;
  const sorted = new Float64Array(n);
  for (let b = 0, at = 0; b < counts.length; b++) {
    // −0 and +0 both count as 0 and come back as +0; they compare equal, so no quantile changes.
    sorted.fill(b + min, at, at + counts[b]);
    at += counts[b];
  }
  return sorted;
}

/** Below this length a range is finished by insertion sort. */
const SMALL_RANGE = 16;

/**
 * A copy of `values` in which every position listed in `ranks` holds the value a full ascending sort
 * would put there (the other positions hold the rest in no useful order). Quantiles need only a few
 * order statistics, so a multi-target quickselect does in a few linear passes what a sort does in
 * n log n. Values must not be NaN (callers sort those instead).
 */
export function selectRanks(values: Float64Array, ranks: readonly number[]): Float64Array {
  return selectRanksInPlace(Float64Array.from(values), ranks);
}

/** selectRanks in `a` itself, for a caller whose copy is already its own. Returns `a`. */
export function selectRanksInPlace(a: Float64Array, ranks: readonly number[]): Float64Array {
  const targets = [...new Set(ranks)].filter((r) => r >= 0 && r < a.length).sort((x, y) => x - y);
  // Past this depth the pivots are being unlucky: sorting the range bounds the worst case.
  const depthLimit = 2 * Math.ceil(Math.log2(a.length + 1)) + 8;
  selectRange(a, 0, a.length - 1, targets, 0, targets.length, depthLimit);
  return a;
}

/** Places targets[tFrom … tTo) (ascending ranks within lo … hi) at their sorted positions. */
function selectRange(a: Float64Array, lo: number, hi: number, targets: number[], tFrom: number, tTo: number, depth: number): void {
  while (tFrom < tTo) {
    if (hi - lo < SMALL_RANGE) return insertionSort(a, lo, hi);
    if (depth-- === 0) {
      a.subarray(lo, hi + 1).sort();
      return;
    }
    const [left, right] = partition(a, lo, hi);
    // Ranks in (left, right) already hold the pivot value, their sorted value.
    let split = tFrom;
    while (split < tTo && targets[split] <= left) split++;
    let rightFrom = split;
    while (rightFrom < tTo && targets[rightFrom] < right) rightFrom++;
    selectRange(a, lo, left, targets, tFrom, split, depth);
    lo = right;
    tFrom = rightFrom;
  }
}

/**
 * Hoare partition around the median of three: afterwards a[lo … left] ≤ pivot ≤ a[right … hi] and
 * everything strictly between left and right equals the pivot. Stopping on equal values keeps
 * ranges balanced when many values repeat.
 */
function partition(a: Float64Array, lo: number, hi: number): [number, number] {
  const mid = lo + ((hi - lo) >> 1);
  const x = a[lo];
  const y = a[mid];
  const z = a[hi];
  const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
  let i = lo;
  let j = hi;
  while (i <= j) {
    while (a[i] < pivot) i++;
    while (a[j] > pivot) j--;
    if (i <= j) {
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
      i++;
      j--;
    }
  }
  return [j, i];
}

function insertionSort(a: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i <= hi; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= lo && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}
