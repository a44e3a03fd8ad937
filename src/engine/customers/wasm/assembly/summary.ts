/**
 * customerSummary's row loops (columns.ts: tallyInDateOrder, tallyAnyOrder) over one block of rows
 * the caller has copied in: the same operations in the same order, so every count and every revenue
 * sum is the JS one bit for bit (tests/unit/customers/customersWasm.test.ts).
 *
 * Pointers are byte offsets: customer, day (i32) and amount (f64) of the block's rows; per customer
 * firstDay, lastDay, orders (i32) and revenue (f64), k customers. `asOf` is the analysis day as a
 * double (rows after it are skipped; Infinity keeps every row).
 *
 * Both return the block row they stopped at (the block's length when they finished it): for
 * tallyInDateOrder the first row whose day is earlier than the row before it (`previous` is the day of
 * the row before the block); a customer index outside 0 … k − 1 returns −(row + 1).
 */

export function tallyInDateOrder(
  n: i32, customer: usize, day: usize, amount: usize, asOf: f64, previous: i32,
  firstDay: usize, lastDay: usize, orders: usize, revenue: usize, k: i32,
): i32 {
  for (let i = 0; i < n; i++) {
    const d = load<i32>(day + (<usize>i << 2));
    if (d < previous) return i;
    previous = d;
    if (<f64>d > asOf) continue;
    const c = load<i32>(customer + (<usize>i << 2));
    if (<u32>c >= <u32>k) return -(i + 1);
    const at = <usize>c << 2;
    const m = load<i32>(orders + at);
    if (m == 0) store<i32>(firstDay + at, d);
    store<i32>(orders + at, m + 1);
    store<i32>(lastDay + at, d);
    const r = revenue + (<usize>c << 3);
    store<f64>(r, load<f64>(r) + load<f64>(amount + (<usize>i << 3)));
  }
  return n;
}

export function tallyAnyOrder(
  n: i32, customer: usize, day: usize, amount: usize, asOf: f64,
  firstDay: usize, lastDay: usize, orders: usize, revenue: usize, k: i32,
): i32 {
  for (let i = 0; i < n; i++) {
    const d = load<i32>(day + (<usize>i << 2));
    if (<f64>d > asOf) continue;
    const c = load<i32>(customer + (<usize>i << 2));
    if (<u32>c >= <u32>k) return -(i + 1);
    const at = <usize>c << 2;
    const m = load<i32>(orders + at);
    if (m == 0) {
      store<i32>(firstDay + at, d);
      store<i32>(lastDay + at, d);
    } else {
      if (d < load<i32>(firstDay + at)) store<i32>(firstDay + at, d);
      if (d > load<i32>(lastDay + at)) store<i32>(lastDay + at, d);
    }
    store<i32>(orders + at, m + 1);
    const r = revenue + (<usize>c << 3);
    store<f64>(r, load<f64>(r) + load<f64>(amount + (<usize>i << 3)));
  }
  return n;
}
