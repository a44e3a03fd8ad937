import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  distributionParams,
  drawUniform,
  inverseNormal,
  quantile,
  sample,
  TRIANGULAR_HALF_WIDTH,
  uncertaintyIssues,
  prepareMonteCarlo,
  UncertaintyError,
  Z90,
  type DistributionSpec,
} from '../../../src/engine/uncertainty';
import { DISTRIBUTIONS, type Distribution } from '../../../src/engine/types';
import { simpleChannel, simplePlan } from './planFixtures';

const close = (a: number, b: number, rel = 1e-12): void => {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(a), Math.abs(b)));
};

/** A P10–P90 range: positive for the lognormal, any sign otherwise. */
const specArb = fc
  .record({
    distribution: fc.constantFrom<Distribution>(...DISTRIBUTIONS),
    low: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    width: fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
  })
  .map(({ distribution, low, width }): DistributionSpec => {
    const lo = distribution === 'lognormal' ? Math.abs(low) + 1e-3 : low;
    return { distribution, low: lo, high: lo + width };
  });

describe('inverse normal (AS241)', () => {
  it('matches reference quantiles', () => {
    close(inverseNormal(0.5), 0, 0);
    close(inverseNormal(0.9), Z90, 1e-15);
    close(inverseNormal(0.975), 1.959963984540054, 1e-15);
    close(inverseNormal(0.025), -1.959963984540054, 1e-15);
    close(inverseNormal(0.999), 3.090232306167813, 1e-14);
    close(inverseNormal(1e-10), -6.361340902404056, 1e-13);
    close(inverseNormal(1e-20), -9.26234008979841, 1e-14);
    expect(inverseNormal(0)).toBe(-Infinity);
    expect(inverseNormal(1)).toBe(Infinity);
    expect(inverseNormal(1.5)).toBeNaN();
  });

  it('is odd around 0.5 and increasing', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-4, max: 0.5, noNaN: true }), fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (p, q) => {
        close(inverseNormal(p), -inverseNormal(1 - p), 1e-9);
        if (p < q) expect(inverseNormal(p)).toBeLessThanOrEqual(inverseNormal(q));
      }),
    );
  });
});

describe('distributions from P10 / P90', () => {
  it('every shape puts low at P10 and high at P90', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const scale = Math.max(Math.abs(spec.low), Math.abs(spec.high));
        expect(Math.abs(quantile(spec, 0.1) - spec.low)).toBeLessThanOrEqual(1e-9 * scale);
        expect(Math.abs(quantile(spec, 0.9) - spec.high)).toBeLessThanOrEqual(1e-9 * scale);
      }),
      { numRuns: 400 },
    );
  });

  it('documents each conversion', () => {
    const u = distributionParams({ distribution: 'uniform', low: 8, high: 12 });
    expect([u.p1, u.p1 + u.p2]).toEqual([7.5, 12.5]);
    const t = distributionParams({ distribution: 'triangular', low: 8, high: 12 });
    expect(t.p1).toBe(10);
    close(t.p2, 4 * TRIANGULAR_HALF_WIDTH);
    // Support [m − h, m + h]; the CDF at low is (low − m + h)² / (2h²) = 0.1.
    close((8 - 10 + t.p2) ** 2 / (2 * t.p2 ** 2), 0.1);
    const n = distributionParams({ distribution: 'normal', low: 8, high: 12 });
    expect(n.p1).toBe(10);
    close(n.p2, 4 / (2 * 1.2815515655446004));
    const l = distributionParams({ distribution: 'lognormal', low: 8, high: 12 });
    close(Math.exp(l.p1), Math.sqrt(96));
    close(quantile({ distribution: 'lognormal', low: 8, high: 12 }, 0.5), Math.sqrt(96));
    // Medians of the symmetric shapes are the midpoint.
    for (const d of ['uniform', 'triangular', 'normal'] as const) close(quantile({ distribution: d, low: 8, high: 12 }, 0.5), 10);
    // The uniform and triangular supports end where the quantile function does.
    close(quantile({ distribution: 'uniform', low: 8, high: 12 }, 0), 7.5);
    close(quantile({ distribution: 'triangular', low: 8, high: 12 }, 1), 10 + t.p2);
  });

  it('quantiles increase with p', () => {
    fc.assert(
      fc.property(specArb, fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.double({ min: 0.001, max: 0.999, noNaN: true }), (spec, p, q) => {
        const [a, b] = p < q ? [p, q] : [q, p];
        expect(quantile(spec, a)).toBeLessThanOrEqual(quantile(spec, b) + 1e-12 * Math.abs(quantile(spec, b)));
      }),
    );
  });

  it('a range with low = high is a constant', () => {
    for (const d of DISTRIBUTIONS) {
      for (const p of [0.01, 0.5, 0.99]) expect(quantile({ distribution: d, low: 3, high: 3 }, p)).toBe(3);
    }
  });

  it('samples put 10 % below low and 10 % above high, within sampling error', () => {
    const n = 40_000;
    // Binomial standard error of a 10 % share; 5σ keeps the test stable for any fixed seed.
    const tol = 5 * Math.sqrt((0.1 * 0.9) / n);
    for (const distribution of DISTRIBUTIONS) {
      const spec = { distribution, low: 0.08, high: 0.12 };
      let below = 0;
      let above = 0;
      let mid = 0;
      for (let i = 0; i < n; i++) {
        const x = sample(spec, drawUniform(7, i, 0));
        if (x < spec.low) below++;
        if (x > spec.high) above++;
        if (x <= quantile(spec, 0.5)) mid++;
      }
      expect(Math.abs(below / n - 0.1)).toBeLessThan(tol);
      expect(Math.abs(above / n - 0.1)).toBeLessThan(tol);
      expect(Math.abs(mid / n - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / n));
    }
  });

  it('draws uniforms strictly inside (0, 1), as a pure function of (seed, draw, k)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.nat(), fc.nat(1000), (seed, i, k) => {
        const u = drawUniform(seed, i, k);
        expect(u).toBeGreaterThan(0);
        expect(u).toBeLessThan(1);
        expect(drawUniform(seed, i, k)).toBe(u);
      }),
    );
    // Neighbouring draws and drivers are not the same stream shifted.
    expect(drawUniform(1, 0, 1)).not.toBe(drawUniform(1, 1, 0));
  });
});

describe('checking ranges', () => {
  const plan = simplePlan([simpleChannel('a')]);
  const base = { id: 'u1', channelId: 'a', driver: 'conversion' as const, low: 0.01, high: 0.03, distribution: 'uniform' as const };

  it('reports unusable ranges and refuses to sample them', () => {
    expect(uncertaintyIssues(plan, [base])).toEqual([]);
    const bad = [
      { ...base, id: 'x', channelId: 'nope' },
      { ...base, id: 'y', low: 0.05, high: 0.01 },
      { ...base, id: 'z', low: 0, distribution: 'lognormal' as const },
      { ...base, id: 'w', high: Number.NaN },
    ];
    expect(uncertaintyIssues(plan, bad).map((i) => [i.id, i.kind])).toEqual([
      ['x', 'unknownChannel'],
      ['y', 'lowAboveHigh'],
      ['z', 'lognormalNotPositive'],
      ['w', 'notFinite'],
    ]);
    // A lognormal's low only matters for sampling; the tornado uses low and high as they are.
    expect(uncertaintyIssues(plan, [bad[2]], false)).toEqual([]);
    expect(() => prepareMonteCarlo(plan, { scenarioId: null, uncertainty: [bad[2]] })).toThrow(UncertaintyError);
  });
});
