/**
 * Sorting helpers on typed arrays, for the customer tables (≈ 200 k customers per million rows).
 *
 * A comparator sort on an index array costs ≈ 0.1 s for 200 k items in V8, because every comparison
 * is a call back into JavaScript. The helpers here avoid comparators: an LSD radix sort over the bits
 * of a double (stable, so ties keep their input order), and a counting sort for small integer ranges.
 */

const DIGIT_BITS = 11;
const WORD_DIGITS = 3; // 11 + 11 + 10 bits cover a 32-bit word
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
  if (values instanceof Float64Array) return fillKeysFromWords(values, items, descending, high, low);
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

/** fillKeys reading the doubles' two words in place, without a round trip through a scratch double. */
function fillKeysFromWords(values: Float64Array, items: Int32Array, descending: boolean, high: Uint32Array, low: Uint32Array): void {
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * values.length);
  const flip = descending ? -1 : 0;
  for (let j = 0; j < items.length; j++) {
    const at = 2 * items[j];
    let hi = words[at + HIGH];
    let lo = words[at + 1 - HIGH];
    // −0 as +0; then IEEE order to unsigned order, as in fillKeys.
    if (hi === 0x80000000 && lo === 0) hi = 0;
    if (hi & 0x80000000) {
      hi = ~hi;
      lo = ~lo;
    } else {
      hi |= 0x80000000;
    }
    high[j] = (hi ^ flip) >>> 0;
    low[j] = (lo ^ flip) >>> 0;
  }
}

/** Digit d (0 = least significant) of a 32-bit key word: 11, 11 and 10 bits. */
function digitOf(word: number, d: number): number {
  return d === 0 ? word & DIGIT_MASK : d === 1 ? (word >>> DIGIT_BITS) & DIGIT_MASK : word >>> (2 * DIGIT_BITS);
}

/** Histograms of the three digits of every word in one read. */
function digitCounts(words: Uint32Array, from: number, to: number): Int32Array {
  const counts = new Int32Array(WORD_DIGITS * BUCKETS);
  for (let j = from; j < to; j++) {
    const w = words[j];
    counts[w & DIGIT_MASK]++;
    counts[BUCKETS + ((w >>> DIGIT_BITS) & DIGIT_MASK)]++;
    counts[2 * BUCKETS + (w >>> (2 * DIGIT_BITS))]++;
  }
  return counts;
}

/** Keys and item indices in sorted order: the result of sortKeysByValue. */
export interface SortedKeys {
  readonly index: Int32Array;
  /** The sort keys of `index`'s items (see fillKeys), high and low words: keyValue reads the value back. */
  readonly high: Uint32Array;
  readonly low: Uint32Array;
  /** 8 bytes an item of scratch the sort no longer uses. */
  readonly spare: ArrayBuffer;
}

/**
 * `items` (indices into `values`) sorted by value — largest first when `descending` — with ties in
 * their order in `items`. Returns a new array; `items` is left as it was.
 */
export function sortIndicesByValue(values: ArrayLike<number>, items: Int32Array, descending = false): Int32Array {
  return sortKeysByValue(values, items, descending).index;
}

/**
 * sortIndicesByValue with the sorted keys. An LSD radix sort on the high 32 bits of the keys (sign,
 * exponent and 20 mantissa bits: three stable counting passes of 11 bits, a pass skipped when its digit
 * is the same for every item), then each run of equal high words ordered by its low words — runs are
 * short (values within a millionth of each other), mostly exact ties already in order. Half the passes
 * over the data of a radix sort on all 64 bits.
 */
export function sortKeysByValue(values: ArrayLike<number>, items: Int32Array, descending = false, reuseItems = false): SortedKeys {
  // abcClasses, its one caller in the app, runs the same sort in WebAssembly (wasm/assembly/sort.ts).
  const n = items.length;
  // Each pair of key words lives in one buffer, so the pair the passes leave unused is 8 bytes an item
  // of contiguous scratch the caller may take over (`spare`).
  const first = new ArrayBuffer(8 * n);
  const second = new ArrayBuffer(8 * n);
  let high = new Uint32Array(first, 0, n);
  let low = new Uint32Array(first, 4 * n, n);
  // A caller that built `items` for this sort alone lets it be sorted in place: one array less to allocate.
  let index: Int32Array = reuseItems ? items : Int32Array.from(items);
  fillKeys(values, items, descending, high, low);
  let nextHigh = new Uint32Array(second, 0, n);
  let nextLow = new Uint32Array(second, 4 * n, n);
  let nextIndex: Int32Array = new Int32Array(n);
  const counts = digitCounts(high, 0, n);
  const cursor = new Int32Array(BUCKETS);
  for (let d = 0; d < WORD_DIGITS; d++) {
    const base = d * BUCKETS;
    if (n === 0 || counts[base + digitOf(high[0], d)] === n) continue;
    for (let b = 0, sum = 0; b < BUCKETS; b++) {
      cursor[b] = sum;
      sum += counts[base + b];
    }
    const shift = d * DIGIT_BITS;
    const mask = d === WORD_DIGITS - 1 ? 0xffffffff : DIGIT_MASK;
    for (let j = 0; j < n; j++) {
      const h = high[j];
      const at = cursor[(h >>> shift) & mask]++;
      nextHigh[at] = h;
      nextLow[at] = low[j];
      nextIndex[at] = index[j];
    }
    [high, nextHigh] = [nextHigh, high];
    [low, nextLow] = [nextLow, low];
    [index, nextIndex] = [nextIndex, index];
  }
  for (let a = 0; a < n; ) {
    const h = high[a];
    let b = a + 1;
    while (b < n && high[b] === h) b++;
    if (b - a > 1) orderByLow(low, index, a, b, nextLow, nextIndex);
    a = b;
  }
  return { index, high, low, spare: high.buffer === first ? second : first };
}

/** Below this length a run of equal high words is finished by insertion sort. */
const SHORT_RUN = 48;

/** Stably orders low[a … b) ascending, moving index along; nothing to do when already in order (exact ties). */
function orderByLow(low: Uint32Array, index: Int32Array, a: number, b: number, scratchLow: Uint32Array, scratchIndex: Int32Array): void {
  let sorted = true;
  for (let j = a + 1; j < b && sorted; j++) sorted = low[j - 1] <= low[j];
  if (sorted) return;
  if (b - a <= SHORT_RUN) {
    for (let j = a + 1; j < b; j++) {
      const key = low[j];
      const item = index[j];
      let i = j - 1;
      while (i >= a && low[i] > key) {
        low[i + 1] = low[i];
        index[i + 1] = index[i];
        i--;
      }
      low[i + 1] = key;
      index[i + 1] = item;
    }
    return;
  }
  // A long run (many values within a millionth of each other): the same radix passes on the low words.
  const counts = digitCounts(low, a, b);
  const cursor = new Int32Array(BUCKETS);
  for (let d = 0; d < WORD_DIGITS; d++) {
    const base = d * BUCKETS;
    for (let bucket = 0, sum = a; bucket < BUCKETS; bucket++) {
      cursor[bucket] = sum;
      sum += counts[base + bucket];
    }
    for (let j = a; j < b; j++) {
      const at = cursor[digitOf(low[j], d)]++;
      scratchLow[at] = low[j];
      scratchIndex[at] = index[j];
    }
    low.set(scratchLow.subarray(a, b), a);
    index.set(scratchIndex.subarray(a, b), a);
  }
}

/** The value a sort key stands for (−0 reads as +0, as the key made it). */
export function keyValue(high: number, low: number, descending: boolean): number {
  let hi = descending ? ~high : high;
  let lo = descending ? ~low : low;
  if (hi & 0x80000000) hi &= 0x7fffffff;
  else {
    hi = ~hi;
    lo = ~lo;
  }
  scratchWords[HIGH] = hi;
  scratchWords[1 - HIGH] = lo;
  return scratch[0];
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

/** Below this length selectRanksByBuckets leaves the work to the quickselect. */
const BUCKET_SELECT_MIN = 4096;

/**
 * selectRanksInPlace by counting instead of partitioning: one pass counts the values by the top 16
 * bits of their order key (sign, exponent and 4 mantissa bits: 16 buckets per power of two), which
 * tells the bucket of each requested rank; a second pass copies out just those buckets' values, which
 * are sorted and written back at their sorted positions. Two reads of the data whatever the ranks,
 * against a few partitioning passes with a branch per value. Data crowded into the requested buckets
 * (over a quarter of it) goes to the quickselect. Values must not be NaN.
 */
export function selectRanksByBuckets(a: Float64Array, ranks: readonly number[]): Float64Array {
  const n = a.length;
  if (n < BUCKET_SELECT_MIN) return selectRanksInPlace(a, ranks);
  const words = new Uint32Array(a.buffer, a.byteOffset, 2 * n);
  const starts = new Int32Array(BUCKETS_16 + 1);
  for (let j = 0; j < n; j++) {
    const hi = words[2 * j + HIGH];
    // −0 and +0 fall in neighbouring buckets, −0 first, as the typed-array sort orders them.
    starts[((hi & 0x80000000 ? ~hi : hi | 0x80000000) >>> 16) + 1]++;
  }
  for (let b = 0; b < BUCKETS_16; b++) starts[b + 1] += starts[b];
  // Per bucket holding a requested rank: 1 + where its values go in `picked` (0: not requested).
  const cursor = new Int32Array(BUCKETS_16);
  const chosen: number[] = [];
  let pickedCount = 0;
  for (const r of ranks) {
    if (r < 0 || r >= n) continue;
    let lo = 0;
    let hi = BUCKETS_16 - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid + 1] > r) hi = mid;
      else lo = mid + 1;
    }
    if (cursor[lo] !== 0) continue;
    cursor[lo] = 1 + pickedCount;
    pickedCount += starts[lo + 1] - starts[lo];
    chosen.push(lo);
  }
  if (pickedCount > n / 4) return selectRanksInPlace(a, ranks);
  const picked = new Float64Array(pickedCount);
  for (let j = 0; j < n; j++) {
    const hi = words[2 * j + HIGH];
    const at = cursor[(hi & 0x80000000 ? ~hi : hi | 0x80000000) >>> 16];
    if (at !== 0) {
      picked[at - 1] = a[j];
      cursor[(hi & 0x80000000 ? ~hi : hi | 0x80000000) >>> 16] = at + 1;
    }
  }
  for (const b of chosen) {
    const size = starts[b + 1] - starts[b];
    const from = cursor[b] - 1 - size;
    a.set(picked.subarray(from, from + size).sort(), starts[b]);
  }
  return a;
}

const BUCKETS_16 = 1 << 16;

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
