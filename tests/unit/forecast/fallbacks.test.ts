import { describe, expect, it } from 'vitest';
import { forecastSeries, holdoutAccuracy, minimumSeasonalLength, selectEts } from '../../../src/engine/forecast';
import { rootsInsideUnitCircle } from '../../../src/engine/forecast/etsBounds';
import { nelderMead } from '../../../src/engine/forecast/nelderMead';

/** A seasonal monthly series with trend and a little deterministic wobble. */
function seasonal(n: number, offset = 100): number[] {
  return Array.from({ length: n }, (_, t) => offset + t + 20 * Math.sin((2 * Math.PI * t) / 12) + 3 * Math.cos(t * 1.7));
}

describe('fallbacks say which forecast and why', () => {
  it('carries the last value forward below seven observations', () => {
    const f = forecastSeries([5, 6, 7], { horizon: 3 });
    expect(f.method).toBe('naive');
    expect(f.note).toEqual({ code: 'forecast.naiveTooShort', params: { observations: 3, needed: 7 } });
    expect(Array.from(f.mean)).toEqual([7, 7, 7]);
    expect(f.intervals[1].upper[2]).toBeGreaterThan(f.intervals[1].upper[0]);
  });

  it('gives a constant series its value with no spread', () => {
    const f = forecastSeries(Array(20).fill(42), { horizon: 2 });
    expect(f.note.code).toBe('forecast.naiveConstant');
    expect(Array.from(f.mean)).toEqual([42, 42]);
    expect(f.intervals[0].upper[1]).toBe(42);
  });

  it('refuses a value that is not a number, naming it', () => {
    const f = forecastSeries([1, 2, Number.NaN, 4, 5, 6, 7, 8]);
    expect(f.method).toBe('none');
    expect(f.note).toEqual({ code: 'forecast.notFinite', params: { index: 2 } });
  });

  it('fits no seasonal model below m + 4 observations, and says how many it needs', () => {
    expect(minimumSeasonalLength(12)).toBe(16);
    const f = forecastSeries(seasonal(15));
    expect(f.method).toBe('ets');
    expect(f.note).toMatchObject({ code: 'forecast.etsNonSeasonal', params: { observations: 15, needed: 16, period: 12 } });
    expect(f.model!.endsWith('N')).toBe(true);
    const g = forecastSeries(seasonal(16));
    expect(g.note.code).toBe('forecast.ets');
    expect(Object.keys(g.candidates)).toContain('ANA');
  });

  it('tries multiplicative models only on strictly positive data', () => {
    const withZero = seasonal(40);
    withZero[5] = 0;
    const names = Object.keys(selectEts(withZero, 12).candidates);
    expect(names.every((n) => n.startsWith('A'))).toBe(true);
    expect(names).not.toContain('AAM');
    expect(Object.keys(selectEts(seasonal(40), 12).candidates)).toContain('MAdM');
  });

  it('finds the seasonal pattern of a long seasonal series and beats the benchmarks on it', () => {
    const report = holdoutAccuracy(seasonal(60), 12)!;
    expect(report.model.model).toMatch(/^[AM]A(d)?[AM]$/);
    expect(report.scores.model!.mase).toBeLessThan(report.scores.seasonalNaive!.mase);
    expect(report.scores.model!.mase).toBeLessThan(report.scores.drift!.mase);
  });
});

describe('building blocks', () => {
  it('Schur–Cohn: roots inside the unit circle or not', () => {
    // (z − 0.5)(z + 0.9) = z² + 0.4z − 0.45: inside. (z − 1.1)(z − 0.2) = z² − 1.3z + 0.22: not.
    expect(rootsInsideUnitCircle(Float64Array.from([-0.45, 0.4, 1]))).toBe(true);
    expect(rootsInsideUnitCircle(Float64Array.from([0.22, -1.3, 1]))).toBe(false);
    // A root exactly on the circle is not strictly inside.
    expect(rootsInsideUnitCircle(Float64Array.from([-1, 0, 1]))).toBe(false);
  });

  it('Nelder–Mead finds the minimum of the Rosenbrock valley', () => {
    const r = nelderMead((x) => 100 * (x[1] - x[0] * x[0]) ** 2 + (1 - x[0]) ** 2, [-1.2, 1], { maxEvaluations: 5000 })!;
    expect(r.x[0]).toBeCloseTo(1, 2);
    expect(r.x[1]).toBeCloseTo(1, 2);
  });
});
