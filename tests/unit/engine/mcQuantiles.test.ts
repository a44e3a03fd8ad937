import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantilesByBuckets, quantilesBySelection, quantilesInPlace } from '../../../src/engine/uncertainty/summary';

/**
 * The bucket quantiles against selection (the reference). Both pick the same order statistics and
 * interpolate between them with the same expression, so the results must be the same numbers
 * (tolerance: none; 0 and −0 count as equal).
 */
const same = (a: number, b: number): boolean => a === b || (a !== a && b !== b);

const ps = fc.uniqueArray(fc.oneof(fc.constantFrom(0, 0.1, 0.5, 0.9, 1), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 5 });

/** Samples shaped like Monte Carlo output, and harder: ties, clusters, wide and signed ranges. */
const sample = fc.oneof(
  fc.array(fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true }), { maxLength: 3000 }),
  // Many ties: a few distinct values repeated.
  fc.tuple(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 4 }), fc.array(fc.nat(3), { minLength: 1, maxLength: 3000 })).map(([vals, idx]) => idx.map((i) => vals[i % vals.length])),
  // A dense cluster with a few far outliers (most values in one bucket).
  fc.tuple(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 600, maxLength: 2500 }), fc.array(fc.double({ min: -1e15, max: 1e15, noNaN: true }), { maxLength: 3 })).map(([core, far]) => [...core.map((u) => 1e9 + u), ...far]),
  // Tiny numbers and huge ones (the range may overflow: then selection answers).
  fc.array(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(5e-324, -5e-324, 0, -0)), { maxLength: 2000 }),
);

describe('Monte Carlo quantiles by buckets', () => {
  it('equal the quantiles by selection on random samples', () => {
    fc.assert(
      fc.property(sample, ps, (values, p) => {
        const xs = Float64Array.from(values);
        const expected = quantilesBySelection(xs.slice(), p);
        const byBuckets = quantilesByBuckets(xs.slice(), p);
        if (byBuckets) byBuckets.forEach((q, j) => expect(same(q, expected[j]), `p=${p[j]}: ${q} vs ${expected[j]}`).toBe(true));
        // What summaries use: buckets when they apply, else selection.
        quantilesInPlace(xs.slice(), p).forEach((q, j) => expect(same(q, expected[j])).toBe(true));
      }),
      { numRuns: 400, seed: 6122026 },
    );
  });

  it('leave samples with NaN or ±∞ to selection', () => {
    const xs = Float64Array.from({ length: 1000 }, (_, i) => i);
    for (const odd of [NaN, Infinity, -Infinity]) {
      const withOdd = xs.slice();
      withOdd[500] = odd;
      expect(quantilesByBuckets(withOdd, [0.5])).toBeNull();
      expect(quantilesInPlace(withOdd.slice(), [0.1, 0.5, 0.9])).toEqual(quantilesBySelection(withOdd.slice(), [0.1, 0.5, 0.9]));
    }
  });

  it('give the textbook type-7 values', () => {
    // 1 … 1000: q(p) = 1 + 999·p.
    const xs = Float64Array.from({ length: 1000 }, (_, i) => 1000 - i);
    expect(quantilesByBuckets(xs, [0, 0.1, 0.5, 0.9, 1])).toEqual([1, 100.9, 500.5, 900.1, 1000]);
  });
});
