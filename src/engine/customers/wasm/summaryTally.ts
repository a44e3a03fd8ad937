/**
 * customerSummary's row loops in the kernel (assembly/summary.ts): rows by blocks, the per-customer
 * tallies in the module's memory throughout, copied out at the end.
 */
import { Arena } from '../../wasm/load';
import type { Transactions } from '../columns';
import { customerOutOfRange } from '../rowChecks';
import { BLOCK_ROWS, copyRows, withCustomersKernel } from './kernel';

/**
 * Adds every row on or before `asOf` into the four per-customer arrays (all zero on entry) as the JS
 * loops do, and returns the first row out of date order (the row count when there is none); null
 * when the kernel cannot run here, the arrays untouched.
 */
export function tallySummaryInKernel(
  tx: Transactions, asOf: number, firstDay: Int32Array, lastDay: Int32Array, orders: Int32Array, revenue: Float64Array,
): number | null {
  return withCustomersKernel((kernel) => {
    const { customer, day, amount } = tx;
    const n = customer.length;
    const k = orders.length;
    const rows = Math.min(n, BLOCK_ROWS);
    const a = new Arena(kernel);
    const firstAt = a.take(4 * k);
    const lastAt = a.take(4 * k);
    const ordersAt = a.take(4 * k);
    const revenueAt = a.take(8 * k);
    const customerAt = a.take(4 * rows);
    const dayAt = a.take(4 * rows);
    const amountAt = a.take(8 * rows);
    a.commit();
    // The memory is the last call's: only the tallies need clearing.
    new Uint8Array(kernel.memory.buffer, firstAt, customerAt - firstAt).fill(0);
    let outOfOrder = n;
    let previous = -0x80000000;
    for (let start = 0; start < n; start += BLOCK_ROWS) {
      const end = Math.min(n, start + BLOCK_ROWS);
      copyRows(kernel, customerAt, customer, start, end);
      copyRows(kernel, dayAt, day, start, end);
      copyRows(kernel, amountAt, amount, start, end);
      let at = 0;
      if (outOfOrder === n) {
        at = kernel.tallyInDateOrder(end - start, customerAt, dayAt, amountAt, asOf, previous, firstAt, lastAt, ordersAt, revenueAt, k);
        if (at < 0) customerOutOfRange(start - at - 1, customer[start - at - 1], k);
        previous = day[end - 1];
        if (at === end - start) continue;
        outOfOrder = start + at;
      }
      const done = kernel.tallyAnyOrder(end - start - at, customerAt + 4 * at, dayAt + 4 * at, amountAt + 8 * at, asOf, firstAt, lastAt, ordersAt, revenueAt, k);
      if (done < 0) customerOutOfRange(start + at - done - 1, customer[start + at - done - 1], k);
    }
    firstDay.set(a.i32(firstAt, k));
    lastDay.set(a.i32(lastAt, k));
    orders.set(a.i32(ordersAt, k));
    revenue.set(a.f64(revenueAt, k));
    return outOfOrder;
  });
}
