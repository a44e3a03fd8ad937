/**
 * The segment × channel matrix's one pass (segmentChannel.ts: tallyPacked up to 8 channels, tallyWide
 * up to 31; here one loop, the state layout chosen by `wide`) over one block of rows the caller has
 * copied in, with the same per-customer state, the same packed counts and the same revenue sums in
 * the same order: the tallies equal the JS ones bit for bit (tests/unit/customers/customersWasm.test.ts).
 *
 * Pointers are byte offsets: customer, channel, day (i32; day read only when `filter`) and amount
 * (f64) of the block's rows; state (packed: one i32 per customer, segment << 16 | repeat bits << 8 |
 * channel bits; wide: four i32 per customer, segment, channel bits, repeat bits, spare), packed (i32)
 * and revenue (f64) per cell, counts (3 i32 per cell: orders, customers, repeat customers). The block
 * is taken in runs of PACK_RUN rows, each run's packed counts added into `counts` after it. Returns
 * the block's length, or −(row + 1) for a row whose customer index is outside 0 … k − 1 or whose
 * channel is outside 0 … m − 1.
 */

const UNASSIGNED = 0xffff;
const PACK_RUN = 1023;
const FIELD = 1023;
const CUSTOMER_SHIFT = 10;
const REPEAT_SHIFT = 20;

function unpackRun(packed: usize, counts: usize, cells: i32): void {
  for (let cell = 0; cell < cells; cell++) {
    const at = packed + (<usize>cell << 2);
    const p = load<u32>(at);
    if (p == 0) continue;
    const c = counts + <usize>cell * 12;
    store<i32>(c, load<i32>(c) + <i32>(p & FIELD));
    store<i32>(c, load<i32>(c, 4) + <i32>((p >>> CUSTOMER_SHIFT) & FIELD), 4);
    store<i32>(c, load<i32>(c, 8) + <i32>(p >>> REPEAT_SHIFT), 8);
    store<u32>(at, 0);
  }
}

export function tallyMatrix(
  n: i32, customer: usize, channel: usize, day: usize, amount: usize, filter: bool, throughDay: f64,
  wide: bool, state: usize, m: i32, k: i32, packed: usize, counts: usize, revenue: usize, cells: i32,
): i32 {
  for (let from = 0; from < n; from += PACK_RUN) {
    const to = min(n, from + PACK_RUN);
    for (let i = from; i < to; i++) {
      if (filter && <f64>load<i32>(day + (<usize>i << 2)) > throughDay) continue;
      const c = load<i32>(customer + (<usize>i << 2));
      if (<u32>c >= <u32>k) return -(i + 1);
      const ch = load<u32>(channel + (<usize>i << 2));
      let s: u32, seen: u32, repeat: u32;
      if (wide) {
        // Four words a customer: segment, channel bits, repeat bits, spare.
        const sa = state + (<usize>c << 4);
        s = load<u32>(sa);
        if (s == UNASSIGNED) continue;
        if (ch >= <u32>m) return -(i + 1);
        const seenBits = load<u32>(sa, 4);
        const repeatBits = load<u32>(sa, 8);
        seen = (seenBits >>> ch) & 1;
        repeat = (repeatBits >>> ch) & 1;
        store<u32>(sa, seenBits | (1 << ch), 4);
        store<u32>(sa, repeatBits | (seen << ch), 8);
      } else {
        // One word a customer: segment << 16 | repeat bits << 8 | channel bits.
        const sa = state + (<usize>c << 2);
        const w = load<u32>(sa);
        s = w >>> 16;
        if (s == UNASSIGNED) continue;
        if (ch >= <u32>m) return -(i + 1);
        seen = (w >>> ch) & 1;
        repeat = (w >>> (ch + 8)) & 1;
        store<u32>(sa, w | (1 << ch) | (seen << (ch + 8)));
      }
      const cell = <usize>(s * <u32>m + ch);
      const pa = packed + (cell << 2);
      store<u32>(pa, load<u32>(pa) + (1 | ((1 - seen) << CUSTOMER_SHIFT) | ((seen & (1 - repeat)) << REPEAT_SHIFT)));
      const ra = revenue + (cell << 3);
      store<f64>(ra, load<f64>(ra) + load<f64>(amount + (<usize>i << 3)));
    }
    unpackRun(packed, counts, cells);
  }
  return n;
}
