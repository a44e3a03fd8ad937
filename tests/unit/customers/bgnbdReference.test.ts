import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bgnbdConditionalExpectedPurchases, bgnbdExpectedPurchases, bgnbdProbabilityAlive, fitBgNbd } from '../../../src/engine/customers/bgnbd';
import { customerClv } from '../../../src/engine/customers/clv';
import type { ClvSummary } from '../../../src/engine/customers/clvSummary';

interface Case {
  r: number;
  alpha: number;
  a: number;
  b: number;
  t: number;
  x: number;
  recency: number;
  T: number;
  pAlive: string;
  expected: string;
  checkedAgainstClosedForm: boolean;
}

// 40-digit values from mpmath (tests/fixtures/customers/bgnbd-reference/make_reference.py): the
// defining integral, cross-checked with the closed form wherever that exists.
const reference = JSON.parse(readFileSync(new URL('../../fixtures/customers/bgnbd-reference/reference.json', import.meta.url), 'utf8')) as { cases: Case[] };

const relativeError = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

describe('BG/NBD expectations against an arbitrary-precision reference', () => {
  it('covers a + b = 1, either side of it, a = 1 and the no-dropout boundary', () => {
    const sums = new Set(reference.cases.map((c) => Math.round((c.a + c.b) * 1e7) / 1e7));
    expect(sums.has(1)).toBe(true);
    expect(reference.cases.some((c) => c.a + c.b < 1 && c.x === 0)).toBe(true);
    expect(reference.cases.some((c) => c.a === 1)).toBe(true);
    expect(reference.cases.length).toBeGreaterThan(500);
  });

  it('P(alive) and the conditional expected purchases agree to 1e-12 in every case', () => {
    let worst = 0;
    for (const c of reference.cases) {
      const params = { r: c.r, alpha: c.alpha, a: c.a, b: c.b };
      const alive = bgnbdProbabilityAlive(params, c.x, c.recency, c.T);
      const expected = bgnbdConditionalExpectedPurchases(params, c.t, c.x, c.recency, c.T);
      expect(Number.isFinite(expected), JSON.stringify(c)).toBe(true);
      expect(relativeError(alive, Number(c.pAlive)), JSON.stringify(c)).toBeLessThan(1e-12);
      const err = relativeError(expected, Number(c.expected));
      worst = Math.max(worst, err);
      expect(err, JSON.stringify(c)).toBeLessThan(1e-12);
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('a new customer’s expectation is the same series with x = 0, T = 0', () => {
    const params = { r: 0.243, alpha: 4.414, a: 0.3, b: 0.7 };
    expect(bgnbdExpectedPurchases(params, 52)).toBeCloseTo(bgnbdConditionalExpectedPurchases(params, 52, 0, 0, 0), 15);
  });
});

describe('CLV of a data set whose fit lands where a + b < 1', () => {
  // Transactions drawn from a BG/NBD with a = 0.3, b = 0.5 (most customers drop out at once):
  // fitted there, one-time buyers used to get NaN, and with them every total.
  it('fits, and every customer gets a finite, non-negative CLV', () => {
    let seed = 7;
    const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const gamma = (shape: number): number => {
      // Marsaglia–Tsang, with the shape < 1 boost.
      if (shape < 1) return gamma(shape + 1) * rand() ** (1 / shape);
      const d = shape - 1 / 3;
      const c = 1 / Math.sqrt(9 * d);
      for (;;) {
        let x: number;
        let v: number;
        do {
          const u1 = rand();
          const u2 = rand();
          x = Math.sqrt(-2 * Math.log(u1 || 1e-12)) * Math.cos(2 * Math.PI * u2);
          v = 1 + c * x;
        } while (v <= 0);
        v = v * v * v;
        if (Math.log(rand()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
      }
    };
    const n = 3000;
    const T = 52;
    const frequency = new Float64Array(n);
    const recency = new Float64Array(n);
    const ages = new Float64Array(n).fill(T);
    for (let i = 0; i < n; i++) {
      const lambda = gamma(0.8) / 6;
      const g1 = gamma(0.3);
      const p = g1 / (g1 + gamma(0.5));
      let t = 0;
      let x = 0;
      let last = 0;
      for (;;) {
        t += -Math.log(1 - rand()) / lambda;
        if (t > T) break;
        x++;
        last = t;
        if (rand() < p) break;
      }
      frequency[i] = x;
      recency[i] = last;
    }
    const fit = fitBgNbd({ frequency, recency, T: ages });
    expect(fit.params.a + fit.params.b).toBeLessThan(1);
    const summary: ClvSummary = {
      unit: 'weeks',
      present: new Uint8Array(n).fill(1),
      frequency,
      recency,
      T: ages,
      monetary: new Float64Array(n).fill(20),
    };
    const out = customerClv(fit.params, { p: 6, q: 4, v: 15 }, summary, { months: 12 });
    for (let i = 0; i < n; i++) {
      expect(Number.isFinite(out.clv[i]) && out.clv[i] >= 0).toBe(true);
      expect(Number.isFinite(out.expectedPurchases[i]) && out.expectedPurchases[i] >= 0).toBe(true);
    }
  });
});
