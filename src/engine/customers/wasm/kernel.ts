/**
 * The WebAssembly kernels of the customer analyses (assembly/), and how their rows get there.
 *
 * What runs in WebAssembly, and why: the row passes of the RFM summary and of the segment × channel
 * matrix, and ABC's radix sort and class loop — the parts of bench W2 that are loops over typed
 * arrays with a random read and write per row or item (a customer's tallies, a cell's counts, a
 * bucket's cursor). V8 bounds-checks every one of those typed-array accesses; WebAssembly's memory
 * needs no such check. Measured on one million rows of 185,000 customers (medians, Node 20): the
 * summary 20 → 8 ms, the matrix 12 → 7 ms, ABC 11 → 5 ms, copies in and out included (the
 * summary's three columns take about 1.3 ms to copy). Every kernel does the JS loop's operations in
 * the same order, so the results are the JS ones exactly (tests/unit/customers/customersWasm.test.ts);
 * the JS loops stay as the reference and as the path where WebAssembly cannot run. Recency and
 * frequency scores (rfm.ts) stay in JS: they count into small tables already, as fast as C here.
 *
 * Rows go in by blocks of BLOCK_ROWS: the module's memory then holds the per-customer tallies and
 * one block of columns (about 1.3 MB), not a copy of ten million rows. A kernel whose memory grew
 * past KEEP_BYTES anyway (many millions of customers) is dropped after its call rather than held
 * for the life of the worker.
 */
import { instantiateKernel, KernelMemoryError, type KernelMemory } from '../../wasm/load';
import { CUSTOMERS_WASM } from './customersWasm';

export interface CustomersKernel extends KernelMemory {
  tallyInDateOrder(
    n: number, customer: number, day: number, amount: number, asOf: number, previous: number,
    firstDay: number, lastDay: number, orders: number, revenue: number, k: number,
  ): number;
  tallyAnyOrder(
    n: number, customer: number, day: number, amount: number, asOf: number,
    firstDay: number, lastDay: number, orders: number, revenue: number, k: number,
  ): number;
  tallyMatrix(
    n: number, customer: number, channel: number, day: number, amount: number, filter: number, throughDay: number,
    wide: number, state: number, m: number, k: number, packed: number, counts: number, revenue: number, cells: number,
  ): number;
  abcClassify(
    values: number, total: number, include: number, aCut: number, bCut: number,
    high0: number, low0: number, index0: number, high1: number, low1: number, index1: number,
    counts: number, cursor: number, ranked: number, cumulative: number, classOf: number, out: number,
  ): void;
}

/** Rows copied into the module's memory at a time: 64 runs of the matrix's packed counts. */
export const BLOCK_ROWS = 64 * 1023;
const KEEP_BYTES = 64 * 1024 * 1024;

let enabled = true;
let kept: CustomersKernel | null = null;

/**
 * Turns the kernels on or off for this thread (on by default) and returns the previous setting: the
 * tests and the bench run the JS loops, the reference, through the same functions.
 */
export function useCustomersKernel(on: boolean): boolean {
  const was = enabled;
  enabled = on;
  return was;
}

/**
 * `run` with this thread's kernel, or null when the kernels are off or cannot run here — or when the
 * kernel's memory cannot grow to what `run` needs (a very large data set in a browser that caps
 * WebAssembly memory): then the caller's JS loops do the work, with the JS arrays they already have.
 * `run` lays out its memory (Arena.commit) before writing any result of the caller's.
 */
export function withCustomersKernel<T>(run: (kernel: CustomersKernel) => T): T | null {
  if (!enabled) return null;
  const kernel = kept ?? instantiateKernel<CustomersKernel>(CUSTOMERS_WASM);
  if (!kernel) return null;
  kept = null;
  try {
    return run(kernel);
  } catch (e) {
    if (e instanceof KernelMemoryError) return null;
    throw e;
  } finally {
    // A memory grown past KEEP_BYTES is let go with its instance; a failed grow leaves it as it was.
    if (kernel.memory.buffer.byteLength <= KEEP_BYTES) kept = kernel;
  }
}

/** Copies rows [from, to) of a column to byte offset `at` of the kernel's memory. */
export function copyRows(kernel: CustomersKernel, at: number, column: Int32Array | Float64Array, from: number, to: number): void {
  const view = column instanceof Int32Array ? new Int32Array(kernel.memory.buffer, at, to - from) : new Float64Array(kernel.memory.buffer, at, to - from);
  view.set(column.subarray(from, to));
}
