/**
 * The customer analyses' WebAssembly kernels (summary and matrix row passes, the radix sort) against
 * the JS loops, which are the reference: the same functions run with the kernels on and off must
 * give the same result exactly — every count, every floating-point sum (Object.is: −0 differs from
 * 0), every order. Row sets span several of the kernel's blocks, with the date order broken inside a
 * block and exactly at a block's edge, so the hand-over between blocks and loops is covered.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { abcClasses } from '../../../src/engine/customers/abc';
import { customerSummary, type Transactions } from '../../../src/engine/customers/columns';
import { scoreRfm } from '../../../src/engine/customers/rfm';
import { segmentChannelMatrix } from '../../../src/engine/customers/segmentChannel';
import { assignSegments, R_RFM_SEGMENT_RULES } from '../../../src/engine/customers/segments';
import { BLOCK_ROWS, useCustomersKernel, withCustomersKernel } from '../../../src/engine/customers/wasm/kernel';
import { mulberry32 } from '../../../src/engine/random';

afterEach(() => {
  useCustomersKernel(true);
});

/** `run` with the kernels on, then off. */
function bothWays<T>(run: () => T): { wasm: T; js: T } {
  useCustomersKernel(true);
  const wasm = run();
  useCustomersKernel(false);
  const js = run();
  useCustomersKernel(true);
  return { wasm, js };
}

/** Deep equality where doubles compare with Object.is (so a different last bit or a −0 fails). */
function expectIdentical(a: unknown, b: unknown, path = 'result'): void {
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    const x = a as unknown as ArrayLike<number>;
    const y = b as unknown as ArrayLike<number>;
    expect(x.length, `${path}.length`).toBe(y.length);
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) expect(x[i], `${path}[${i}]`).toBe(y[i]);
    return;
  }
  if (a instanceof ArrayBuffer || b instanceof ArrayBuffer) return; // scratch, no content promised
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = Object.keys(a as object);
    expect(keys.sort(), `${path} keys`).toEqual(Object.keys(b as object).sort());
    for (const key of keys) expectIdentical((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
    return;
  }
  expect(Object.is(a, b), `${path}: ${String(a)} vs ${String(b)}`).toBe(true);
}

interface Shape {
  rows: number;
  customers: number;
  channels: number;
  /** Rows from which the days go back (−1: all in date order). */
  breakAt: number;
  seed: number;
  unused: number;
}

function transactions({ rows, customers, channels, breakAt, seed, unused }: Shape): Transactions {
  const rand = mulberry32(seed);
  const customer = new Int32Array(rows);
  const day = new Int32Array(rows);
  const amount = new Float64Array(rows);
  const channel = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    // Customers skewed towards low indices; the last `unused` never buy.
    customer[i] = Math.floor((customers - unused) * rand() ** 2);
    day[i] = 19000 + Math.floor((i * 400) / rows) - (breakAt >= 0 && i >= breakAt ? 30 + Math.floor(rand() * 20) : 0);
    const u = rand();
    // Equal amounts, returns, a −0 and cents.
    amount[i] = u < 0.05 ? 10 : u < 0.08 ? -Math.round(rand() * 5000) / 100 : u < 0.081 ? -0 : Math.round(rand() * 100000) / 100;
    channel[i] = Math.floor(channels * rand() ** 1.5);
  }
  return { customer, day, amount, channel, customerCount: customers, channelCount: channels };
}

const B = BLOCK_ROWS;
const SHAPES: Shape[] = [
  { rows: 3 * B + 17, customers: 40_000, channels: 8, breakAt: -1, seed: 1, unused: 5 },
  { rows: 2 * B + 5, customers: 9_000, channels: 5, breakAt: B + 321, seed: 2, unused: 0 },
  { rows: 2 * B + 5, customers: 9_000, channels: 3, breakAt: B, seed: 3, unused: 2 },
  { rows: 2 * B + 900, customers: 30_000, channels: 17, breakAt: 1000, seed: 4, unused: 3 },
  { rows: B + 1, customers: 500, channels: 31, breakAt: -1, seed: 5, unused: 0 },
  { rows: 1, customers: 1, channels: 1, breakAt: -1, seed: 6, unused: 0 },
  { rows: 0, customers: 3, channels: 2, breakAt: -1, seed: 7, unused: 3 },
];

describe('customer kernels', () => {
  it('run here (so the comparisons below compare two paths)', () => {
    expect(withCustomersKernel(() => 'ran')).toBe('ran');
    useCustomersKernel(false);
    expect(withCustomersKernel(() => 'ran')).toBeNull();
  });

  it.each(SHAPES)('summary, segments, ABC and matrix equal the JS loops: %o', (shape) => {
    const tx = transactions(shape);
    const lastDay = shape.rows > 0 ? Math.max(...tx.day.subarray(0, 1000), tx.day[shape.rows - 1]) : 0;
    for (const asOf of [undefined, lastDay - 100, Infinity]) {
      const { wasm, js } = bothWays(() => {
        const summary = customerSummary(tx, asOf);
        const segments = assignSegments(scoreRfm(summary), R_RFM_SEGMENT_RULES);
        return {
          summary,
          abc: abcClasses(summary.revenue, { include: summary.orders }),
          matrix: segmentChannelMatrix(tx, segments, { throughDay: asOf === undefined ? undefined : summary.analysisDay, highValueSegments: ['champions'] }),
        };
      });
      expectIdentical(wasm, js);
      // Not vacuous: the set has customers, orders and money where it has rows.
      if (shape.rows > 1000) expect(wasm.summary.customersWithOrders).toBeGreaterThan(100);
    }
  });

  it('the matrix with customers left unassigned equals the JS loops (packed and wide state)', () => {
    for (const channels of [8, 9]) {
      const tx = transactions({ rows: B + 4000, customers: 5000, channels, breakAt: -1, seed: 8 + channels, unused: 0 });
      const segments = assignSegments(scoreRfm(customerSummary(tx)), R_RFM_SEGMENT_RULES);
      // Every third customer unassigned (a segment filter), as the Customers tab's subsets do.
      for (let c = 0; c < segments.segment.length; c += 3) segments.segment[c] = 0xffff;
      const { wasm, js } = bothWays(() => segmentChannelMatrix(tx, segments));
      expectIdentical(wasm, js);
      expect(wasm.orders.reduce((s, v) => s + v, 0)).toBeGreaterThan(0);
      expect(wasm.orders.reduce((s, v) => s + v, 0)).toBeLessThan(tx.customer.length);
    }
  });

  it('when the kernel’s memory cannot grow, the JS loops give the result', () => {
    // More customers than any test above: the kernel must grow its memory for them.
    const tx = transactions({ rows: 50_000, customers: 1_500_000, channels: 4, breakAt: -1, seed: 14, unused: 0 });
    useCustomersKernel(false);
    const js = customerSummary(tx);
    useCustomersKernel(true);
    const grow = vi.spyOn(WebAssembly.Memory.prototype, 'grow').mockImplementation(() => {
      throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
    });
    try {
      expectIdentical(customerSummary(tx), js);
      expect(grow).toHaveBeenCalled();
    } finally {
      grow.mockRestore();
    }
    // And with memory to grow into, the kernel runs again (it was kept, not dropped).
    expect(withCustomersKernel((k) => k.memory.buffer.byteLength)).toBeLessThan(30e6);
    expectIdentical(customerSummary(tx), js);
    expect(withCustomersKernel((k) => k.memory.buffer.byteLength)).toBeGreaterThan(30e6);
  });

  it('rows whose codes are out of range fail alike in both paths, naming the row', () => {
    const tx = transactions({ rows: B + 100, customers: 100, channels: 4, breakAt: -1, seed: 12, unused: 0 });
    const segments = assignSegments(scoreRfm(customerSummary(tx)), R_RFM_SEGMENT_RULES);
    const badCustomer = { ...tx, customer: tx.customer.slice() };
    badCustomer.customer[B + 7] = 100;
    const badChannel = { ...tx, channel: tx.channel!.slice() };
    badChannel.channel[B + 9] = -1;
    for (const on of [true, false]) {
      useCustomersKernel(on);
      expect(() => customerSummary(badCustomer)).toThrow(`row ${B + 7}: customer index 100 outside 0…99`);
      expect(() => segmentChannelMatrix(badCustomer, segments)).toThrow(`row ${B + 7}: customer index 100 outside 0…99`);
      expect(() => segmentChannelMatrix(badChannel, segments)).toThrow(`row ${B + 9}: channel index -1 outside 0…3`);
    }
  });

  it('ABC ranks any doubles as the JS radix sort does', () => {
    const double = fc.oneof(
      fc.double({ noNaN: false }),
      fc.constantFrom(0, -0, 1, -1, 1e-300, Infinity, -Infinity),
      // Values within a millionth of each other: long runs of equal high key words.
      fc.integer({ min: 0, max: 2000 }).map((i) => 1000 + i * 1e-9),
    );
    fc.assert(
      fc.property(fc.array(double, { maxLength: 400 }), fc.boolean(), (values, subset) => {
        const v = Float64Array.from(values);
        const include = subset ? Uint8Array.from(v, (_, i) => (i % 3 === 1 ? 0 : 1)) : undefined;
        const { wasm, js } = bothWays(() => abcClasses(v, { include }));
        expectIdentical(wasm, js);
      }),
      { numRuns: 300 },
    );
  });

  it('ABC classes equal the JS loops with any cut-offs, with or without an include list', () => {
    // Small integers and round cut-offs make a sum above an item land exactly on a cut-off.
    const revenue = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: -3, max: 10 }), fc.constantFrom(0, -0, 1e-9));
    fc.assert(
      fc.property(
        fc.array(revenue, { maxLength: 300 }),
        fc.oneof(fc.constantFrom(0.25, 0.5, 0.8, 1), fc.double({ min: 0.01, max: 1, noNaN: true })),
        fc.oneof(fc.constantFrom(0, 0.5, 0.75, 1), fc.double({ min: 0, max: 1, noNaN: true })),
        // A float list is read by the JS loops alone (a flag of 0.5 is "yes" there, 0 as a word).
        fc.constantFrom('none', 'int32', 'bytes', 'float'),
        (values, a, spread, kind) => {
          const v = Float64Array.from(values);
          const aCutoff = a;
          const bCutoff = a + (1 - a) * spread;
          const flags = Array.from(v, (_, i) => (i % 4 === 2 ? 0 : 1 + (i % 3)));
          const include = kind === 'none' ? undefined : kind === 'int32' ? Int32Array.from(flags) : kind === 'bytes' ? Uint8Array.from(flags) : Float64Array.from(flags, (f) => f / 2);
          const { wasm, js } = bothWays(() => abcClasses(v, { aCutoff, bCutoff, include }));
          expectIdentical(wasm, js);
          return wasm.classes.some((c) => c.count > 0) || v.length === 0 || kind !== 'none';
        },
      ),
      { numRuns: 300 },
    );
  });

  it('long runs of near-equal values take the low words’ radix passes in both', () => {
    const rand = mulberry32(13);
    const v = Float64Array.from({ length: 5000 }, (_, i) => (i % 2 ? 5000 + rand() * 1e-7 : rand() * 1e4));
    const { wasm, js } = bothWays(() => abcClasses(v));
    expectIdentical(wasm, js);
    const ranked = Array.from(wasm.order, (i) => v[i]);
    for (let j = 1; j < ranked.length; j++) expect(ranked[j - 1]).toBeGreaterThanOrEqual(ranked[j]);
  });
});
