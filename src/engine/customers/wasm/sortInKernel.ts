/** sortKeysByValue (sortKeys.ts) in the kernel (assembly/sort.ts): the same keys, the same order. */
import { Arena } from '../../wasm/load';
import type { SortedKeys } from '../sortKeys';
import { withCustomersKernel } from './kernel';

/** Counting scratch of the radix passes: three digits' histograms of 2,048 buckets, and one cursor row. */
const COUNTS_BYTES = 3 * 2048 * 4;
const CURSOR_BYTES = 2048 * 4;

/** The sort's columns in the kernel's memory for n items: two sets of key words and indices, and its counting scratch. */
export function takeSortColumns(a: Arena, n: number) {
  const sets = [0, 1].map(() => ({ high: a.take(4 * n), low: a.take(4 * n), index: a.take(4 * n) }));
  return { sets, countsAt: a.take(COUNTS_BYTES), cursorAt: a.take(CURSOR_BYTES) };
}

/**
 * `items` sorted by `values` as sortKeysByValue sorts them, sorted in place when `reuseItems`; null
 * when the kernel cannot run here.
 */
export function sortKeysInKernel(values: Float64Array, items: Int32Array, descending: boolean, reuseItems: boolean): SortedKeys | null {
  return withCustomersKernel((kernel) => {
    const n = items.length;
    const a = new Arena(kernel);
    const valuesAt = a.take(8 * values.length);
    const { sets, countsAt, cursorAt } = takeSortColumns(a, n);
    a.commit();
    a.f64(valuesAt, values.length).set(values);
    a.i32(sets[0].index, n).set(items);
    const [s0, s1] = sets;
    const set = sets[kernel.sortKeys(valuesAt, n, descending ? 1 : 0, s0.high, s0.low, s0.index, s1.high, s1.low, s1.index, countsAt, cursorAt)];
    const keys = new ArrayBuffer(8 * n);
    const high = new Uint32Array(keys, 0, n);
    const low = new Uint32Array(keys, 4 * n, n);
    high.set(a.u32(set.high, n));
    low.set(a.u32(set.low, n));
    const index = reuseItems ? items : new Int32Array(n);
    index.set(a.i32(set.index, n));
    return { index, high, low, spare: new ArrayBuffer(8 * n) };
  });
}
