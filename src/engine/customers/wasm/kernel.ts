/**
 * The WebAssembly kernels of the customer analyses (assembly/), and how their rows get there.
 *
 * What runs in WebAssembly, and why: the row passes of the RFM summary and of the segment × channel
 * matrix, and the radix sort behind ABC — the parts of bench W2 that are loops over typed arrays
 * with a random read and write per row (a customer's tallies, a cell's counts). V8 bounds-checks
 * every one of those typed-array accesses; WebAssembly's memory needs no such check. Measured on one
 * million rows: the summary's pass 14 ms in JS, 6 ms here; the columns' copy into the module's
 * memory adds about 1.3 ms. Every kernel does the JS loop's operations in the same order, so the
 * results are the JS ones exactly (tests/unit/customers/customersWasm.test.ts); the JS loops stay as
 * the reference and as the path where WebAssembly cannot run.
 *
 * Rows go in by blocks of BLOCK_ROWS: the module's memory then holds the per-customer tallies and
 * one block of columns (about 1.3 MB), not a copy of ten million rows. A kernel whose memory grew
 * past KEEP_BYTES anyway (many millions of customers) is dropped after its call rather than held
 * for the life of the worker.
 */
import { instantiateKernel, type KernelMemory } from '../../wasm/load';
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
  tallyPacked(
    n: number, customer: number, channel: number, day: number, amount: number, filter: number, throughDay: number,
    state: number, m: number, k: number, packed: number, counts: number, revenue: number, cells: number,
  ): number;
  tallyWide(
    n: number, customer: number, channel: number, day: number, amount: number, filter: number, throughDay: number,
    state: number, m: number, k: number, packed: number, counts: number, revenue: number, cells: number,
  ): number;
  sortKeys(
    values: number, n: number, descending: number,
    high0: number, low0: number, index0: number, high1: number, low1: number, index1: number,
    counts: number, cursor: number,
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

/** `run` with this thread's kernel, or null (without calling it) when the kernels are off or cannot run here. */
export function withCustomersKernel<T>(run: (kernel: CustomersKernel) => T): T | null {
  if (!enabled) return null;
  const kernel = kept ?? instantiateKernel<CustomersKernel>(CUSTOMERS_WASM);
  if (!kernel) return null;
  kept = null;
  try {
    return run(kernel);
  } finally {
    if (kernel.memory.buffer.byteLength <= KEEP_BYTES) kept = kernel;
  }
}

/** Copies rows [from, to) of a column to byte offset `at` of the kernel's memory. */
export function copyRows(kernel: CustomersKernel, at: number, column: Int32Array | Float64Array, from: number, to: number): void {
  const view = column instanceof Int32Array ? new Int32Array(kernel.memory.buffer, at, to - from) : new Float64Array(kernel.memory.buffer, at, to - from);
  view.set(column.subarray(from, to));
}
