/** abcClasses' ranking and classes in the kernel (assembly/abc.ts): the same order, shares and sums. */
import { Arena } from '../../wasm/load';
import { withCustomersKernel } from './kernel';

export interface AbcTallies {
  readonly order: Int32Array;
  readonly cumulativeShare: Float64Array;
  readonly classOf: Uint8Array;
  readonly classCount: readonly number[];
  readonly classRevenue: readonly number[];
  readonly positive: number;
}

/** The kernel's result area: seven doubles, then the ranked item count and the sort's result set. */
const OUT_BYTES = 7 * 8 + 2 * 4;
/** Counting scratch of the radix passes: three digits' histograms of 2,048 buckets, and one cursor row. */
const COUNTS_BYTES = 3 * 2048 * 4;
const CURSOR_BYTES = 2048 * 4;

/** Include lists the kernel reads as 32-bit words with the same "not 0" meaning as the JS test `include[i]`. */
export type IntegerFlags = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;

export function isIntegerFlags(v: unknown): v is IntegerFlags {
  return v instanceof Int32Array || v instanceof Uint8Array || v instanceof Int8Array || v instanceof Int16Array || v instanceof Uint16Array || v instanceof Uint32Array;
}

/**
 * Ranks the items whose `include` is not 0 (every item without it) and classes them as abcClasses
 * does; null when the kernel cannot run here.
 */
export function abcInKernel(revenue: Float64Array, include: IntegerFlags | undefined, aCut: number, bCut: number): AbcTallies | null {
  return withCustomersKernel((kernel) => {
    const total = revenue.length;
    const a = new Arena(kernel);
    const valuesAt = a.take(8 * total);
    const includeAt = include ? a.take(4 * total) : 0;
    // The sort's two sets of key words and indices, and its counting scratch.
    const sets = [0, 1].map(() => ({ high: a.take(4 * total), low: a.take(4 * total), index: a.take(4 * total) }));
    const countsAt = a.take(COUNTS_BYTES);
    const cursorAt = a.take(CURSOR_BYTES);
    const rankedAt = a.take(8 * total);
    const cumulativeAt = a.take(8 * total);
    const classOfAt = a.take(total);
    const outAt = a.take(OUT_BYTES);
    a.commit();
    a.f64(valuesAt, total).set(revenue);
    // A value is copied modulo 2³², so every non-zero flag stays non-zero.
    if (include) a.i32(includeAt, total).set(include);
    const [s0, s1] = sets;
    kernel.abcClassify(valuesAt, total, includeAt, aCut, bCut, s0.high, s0.low, s0.index, s1.high, s1.low, s1.index, countsAt, cursorAt, rankedAt, cumulativeAt, classOfAt, outAt);
    const out = a.f64(outAt, 7);
    const [n, set] = a.i32(outAt + 56, 2);
    return {
      order: a.i32(sets[set].index, n).slice(),
      cumulativeShare: a.f64(cumulativeAt, n).slice(),
      classOf: new Uint8Array(kernel.memory.buffer, classOfAt, total).slice(),
      classCount: [out[0], out[1], out[2]],
      classRevenue: [out[3], out[4], out[5]],
      positive: out[6],
    };
  });
}
