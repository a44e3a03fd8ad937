/**
 * abcClasses of abc.ts: the items taking part (all, or those whose `include` word is not 0) ranked by
 * value, highest first (sort.ts), and each one's class from the revenue ranked above it — the same
 * operations in the same order as the JS, so every share and sum is the JS one bit for bit
 * (tests/unit/customers/customersWasm.test.ts).
 *
 * Memory (byte offsets): values (f64, `total` items), include (i32 per item, or 0 for every item),
 * the sort's two sets of columns and scratch as in sort.ts; ranked and cumulative (f64 per ranked
 * item), classOf (u8 per item, 255 for items not taking part), out (f64 × 7: count A, B, C, revenue
 * A, B, C, positive revenue; then i32: the items taking part, the sort's result set).
 */
import { sortCore } from './sort';

const EXCLUDED: u8 = 255;

export function abcClassify(
  values: usize, total: i32, include: usize, aCut: f64, bCut: f64,
  high0: usize, low0: usize, index0: usize, high1: usize, low1: usize, index1: usize,
  counts: usize, cursor: usize, ranked: usize, cumulative: usize, classOf: usize, out: usize,
): void {
  let n = 0;
  for (let i = 0; i < total; i++) {
    if (include != 0 && load<i32>(include + (<usize>i << 2)) == 0) continue;
    store<i32>(index0 + (<usize>n << 2), i);
    n++;
  }
  const set = sortCore(values, n, true, high0, low0, index0, high1, low1, index1, counts, cursor);
  const high = set ? high1 : high0;
  const low = set ? low1 : low0;
  const index = set ? index1 : index0;
  // The revenues in rank order, read back from the descending keys (−0 reads as +0, as in keyValue).
  let positive = 0.0;
  for (let j = 0; j < n; j++) {
    let hi = ~load<u32>(high + (<usize>j << 2));
    let lo = ~load<u32>(low + (<usize>j << 2));
    if (hi & 0x80000000) hi &= 0x7fffffff;
    else {
      hi = ~hi;
      lo = ~lo;
    }
    const v = reinterpret<f64>((<u64>hi << 32) | <u64>lo);
    store<f64>(ranked + (<usize>j << 3), v);
    if (v > 0) positive += v;
  }
  memory.fill(classOf, EXCLUDED, <usize>total);
  let before = 0.0;
  let c0 = 0, c1 = 0, c2 = 0;
  let r0 = 0.0, r1 = 0.0, r2 = 0.0;
  for (let j = 0; j < n; j++) {
    const item = load<i32>(index + (<usize>j << 2));
    const value = load<f64>(ranked + (<usize>j << 3));
    let cls: u8 = 2;
    if (value > 0) {
      if (before < aCut * positive) cls = 0;
      else if (before < bCut * positive) cls = 1;
      before += value;
    }
    store<f64>(cumulative + (<usize>j << 3), positive > 0 ? before / positive : 0);
    store<u8>(classOf + <usize>item, cls);
    if (cls == 0) {
      c0++;
      r0 += value;
    } else if (cls == 1) {
      c1++;
      r1 += value;
    } else {
      c2++;
      r2 += value;
    }
  }
  store<f64>(out, <f64>c0);
  store<f64>(out, <f64>c1, 8);
  store<f64>(out, <f64>c2, 16);
  store<f64>(out, r0, 24);
  store<f64>(out, r1, 32);
  store<f64>(out, r2, 40);
  store<f64>(out, positive, 48);
  store<i32>(out, n, 56);
  store<i32>(out, set, 60);
}
