/**
 * The segment × channel matrix's one pass in the kernel (assembly/matrix.ts): rows by blocks, the
 * per-customer state and the cells' counts in the module's memory throughout, copied out at the end.
 */
import { Arena } from '../../wasm/load';
import type { Transactions } from '../columns';
import { channelOutOfRange, customerOutOfRange } from '../rowChecks';
import { BLOCK_ROWS, copyRows, withCustomersKernel } from './kernel';

/**
 * Adds the rows on or before `throughDay` into `counts` (orders, customers, repeat customers per
 * cell, zero on entry) and `revenue` (per cell) as segmentChannel.ts's tallyPacked (`wide` false, up
 * to 8 channels) or tallyWide (`wide` true, up to 31) does; false when the kernel cannot run here,
 * the arrays untouched.
 */
export function tallyMatrixInKernel(
  tx: Transactions, channel: Int32Array, throughDay: number, segmentOf: Uint16Array, m: number, wide: boolean,
  counts: Int32Array, revenue: Float64Array,
): boolean {
  const done = withCustomersKernel((kernel) => {
    const { customer, day, amount } = tx;
    const n = customer.length;
    const k = tx.customerCount;
    const cells = revenue.length;
    const filter = throughDay !== Infinity;
    const rows = Math.min(n, BLOCK_ROWS);
    const a = new Arena(kernel);
    const stateAt = a.take((wide ? 16 : 4) * k);
    const packedAt = a.take(4 * cells);
    const countsAt = a.take(12 * cells);
    const revenueAt = a.take(8 * cells);
    const customerAt = a.take(4 * rows);
    const channelAt = a.take(4 * rows);
    const dayAt = a.take(filter ? 4 * rows : 0);
    const amountAt = a.take(8 * rows);
    a.commit();
    new Uint8Array(kernel.memory.buffer, stateAt, customerAt - stateAt).fill(0);
    const state = a.i32(stateAt, wide ? 4 * k : k);
    if (wide) for (let c = 0; c < k; c++) state[4 * c] = segmentOf[c];
    else for (let c = 0; c < k; c++) state[c] = segmentOf[c] << 16;
    for (let start = 0; start < n; start += BLOCK_ROWS) {
      const end = Math.min(n, start + BLOCK_ROWS);
      copyRows(kernel, customerAt, customer, start, end);
      copyRows(kernel, channelAt, channel, start, end);
      if (filter) copyRows(kernel, dayAt, day, start, end);
      copyRows(kernel, amountAt, amount, start, end);
      const at = kernel.tallyMatrix(end - start, customerAt, channelAt, dayAt, amountAt, filter ? 1 : 0, throughDay, wide ? 1 : 0, stateAt, m, k, packedAt, countsAt, revenueAt, cells);
      if (at >= 0) continue;
      const row = start - at - 1;
      if (customer[row] >>> 0 >= k) customerOutOfRange(row, customer[row], k);
      channelOutOfRange(row, channel[row], m);
    }
    counts.set(a.i32(countsAt, 3 * cells));
    revenue.set(a.f64(revenueAt, cells));
    return true;
  });
  return done ?? false;
}
