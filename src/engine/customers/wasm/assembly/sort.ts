/**
 * sortKeysByValue of sortKeys.ts, for abc.ts: `items` (indices into the doubles at `values`)
 * ordered by value, largest first when `descending`, ties in their order in `items`, with each
 * item's 64-bit sort key as a high and a low word. The same keys and the same stable passes, so the
 * order is the JS one exactly (tests/unit/customers/customersWasm.test.ts).
 *
 * An LSD radix sort on the high words (three counting passes of 11, 11 and 10 bits, a pass skipped
 * when its digit is the same for every item), then each run of equal high words ordered by its low
 * words: insertion sort up to SHORT_RUN items, the same three passes on the low words above.
 *
 * Memory (byte offsets): values (f64 per item index), and two sets of n-word columns, set 0 at
 * high0/low0/index0 (index0 holds `items` on entry) and set 1 at high1/low1/index1; counts is
 * 3 × 2048 i32 and cursor 2048 i32 of scratch. Returns which set holds the result (0 or 1).
 */

const DIGIT_BITS = 11;
const BUCKETS = 1 << DIGIT_BITS;
const DIGIT_MASK: u32 = BUCKETS - 1;
const SHORT_RUN = 48;

function digitOf(word: u32, d: i32): u32 {
  return d == 0 ? word & DIGIT_MASK : d == 1 ? (word >>> DIGIT_BITS) & DIGIT_MASK : word >>> (2 * DIGIT_BITS);
}

function digitCounts(words: usize, from: i32, to: i32, counts: usize): void {
  memory.fill(counts, 0, 3 * BUCKETS * 4);
  for (let j = from; j < to; j++) {
    const w = load<u32>(words + (<usize>j << 2));
    const a = counts + ((<usize>(w & DIGIT_MASK)) << 2);
    store<i32>(a, load<i32>(a) + 1);
    const b = counts + ((<usize>(BUCKETS + ((w >>> DIGIT_BITS) & DIGIT_MASK))) << 2);
    store<i32>(b, load<i32>(b) + 1);
    const c = counts + ((<usize>(2 * BUCKETS + (w >>> (2 * DIGIT_BITS)))) << 2);
    store<i32>(c, load<i32>(c) + 1);
  }
}

function cursorsOf(counts: usize, d: i32, cursor: usize, start: i32): void {
  let sum = start;
  const base = counts + (<usize>(d * BUCKETS) << 2);
  for (let b = 0; b < BUCKETS; b++) {
    store<i32>(cursor + (<usize>b << 2), sum);
    sum += load<i32>(base + (<usize>b << 2));
  }
}

export function sortCore(
  values: usize, n: i32, descending: bool,
  high0: usize, low0: usize, index0: usize, high1: usize, low1: usize, index1: usize,
  counts: usize, cursor: usize,
): i32 {
  const flip: u32 = descending ? 0xffffffff : 0;
  for (let j = 0; j < n; j++) {
    const bits = load<u64>(values + (<usize>load<i32>(index0 + (<usize>j << 2)) << 3));
    let hi = <u32>(bits >>> 32);
    let lo = <u32>bits;
    // −0 as +0; then IEEE order to unsigned order: negatives every bit flipped, positives the sign bit.
    if (hi == 0x80000000 && lo == 0) hi = 0;
    if (hi & 0x80000000) {
      hi = ~hi;
      lo = ~lo;
    } else {
      hi |= 0x80000000;
    }
    store<u32>(high0 + (<usize>j << 2), hi ^ flip);
    store<u32>(low0 + (<usize>j << 2), lo ^ flip);
  }
  let high = high0, low = low0, index = index0;
  let nextHigh = high1, nextLow = low1, nextIndex = index1;
  let set = 0;
  digitCounts(high, 0, n, counts);
  for (let d = 0; d < 3; d++) {
    if (n == 0) break;
    const first = digitOf(load<u32>(high), d);
    if (load<i32>(counts + (<usize>(d * BUCKETS + first) << 2)) == n) continue;
    cursorsOf(counts, d, cursor, 0);
    const shift = d * DIGIT_BITS;
    const mask: u32 = d == 2 ? 0xffffffff : DIGIT_MASK;
    for (let j = 0; j < n; j++) {
      const o = <usize>j << 2;
      const h = load<u32>(high + o);
      const ca = cursor + (<usize>((h >>> shift) & mask) << 2);
      const at = load<i32>(ca);
      store<i32>(ca, at + 1);
      const t = <usize>at << 2;
      store<u32>(nextHigh + t, h);
      store<u32>(nextLow + t, load<u32>(low + o));
      store<i32>(nextIndex + t, load<i32>(index + o));
    }
    let swap = high; high = nextHigh; nextHigh = swap;
    swap = low; low = nextLow; nextLow = swap;
    swap = index; index = nextIndex; nextIndex = swap;
    set ^= 1;
  }
  for (let a = 0; a < n; ) {
    const h = load<u32>(high + (<usize>a << 2));
    let b = a + 1;
    while (b < n && load<u32>(high + (<usize>b << 2)) == h) b++;
    if (b - a > 1) orderByLow(low, index, a, b, nextLow, nextIndex, counts, cursor);
    a = b;
  }
  return set;
}

function orderByLow(low: usize, index: usize, a: i32, b: i32, scratchLow: usize, scratchIndex: usize, counts: usize, cursor: usize): void {
  let sorted = true;
  for (let j = a + 1; j < b && sorted; j++) sorted = load<u32>(low + (<usize>(j - 1) << 2)) <= load<u32>(low + (<usize>j << 2));
  if (sorted) return;
  if (b - a <= SHORT_RUN) {
    for (let j = a + 1; j < b; j++) {
      const key = load<u32>(low + (<usize>j << 2));
      const item = load<i32>(index + (<usize>j << 2));
      let i = j - 1;
      while (i >= a && load<u32>(low + (<usize>i << 2)) > key) {
        store<u32>(low + (<usize>(i + 1) << 2), load<u32>(low + (<usize>i << 2)));
        store<i32>(index + (<usize>(i + 1) << 2), load<i32>(index + (<usize>i << 2)));
        i--;
      }
      store<u32>(low + (<usize>(i + 1) << 2), key);
      store<i32>(index + (<usize>(i + 1) << 2), item);
    }
    return;
  }
  digitCounts(low, a, b, counts);
  for (let d = 0; d < 3; d++) {
    cursorsOf(counts, d, cursor, a);
    for (let j = a; j < b; j++) {
      const w = load<u32>(low + (<usize>j << 2));
      const ca = cursor + (<usize>digitOf(w, d) << 2);
      const at = load<i32>(ca);
      store<i32>(ca, at + 1);
      store<u32>(scratchLow + (<usize>at << 2), w);
      store<i32>(scratchIndex + (<usize>at << 2), load<i32>(index + (<usize>j << 2)));
    }
    memory.copy(low + (<usize>a << 2), scratchLow + (<usize>a << 2), <usize>(b - a) << 2);
    memory.copy(index + (<usize>a << 2), scratchIndex + (<usize>a << 2), <usize>(b - a) << 2);
  }
}
