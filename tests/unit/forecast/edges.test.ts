import { describe, expect, it } from 'vitest';
import { forecastMonthly, forecastSeries, holdoutAccuracy } from '../../../src/engine/forecast';

const finite = (a: ArrayLike<number>) => Array.from(a).every(Number.isFinite);

describe('case 52: forecasts at the edge of what the data supports are finite and say what they are', () => {
  it('a series of zeros: carried forward with no spread, said to be constant', () => {
    const r = forecastSeries(new Array(36).fill(0), { horizon: 12 });
    expect(r.note.code).toBe('forecast.naiveConstant');
    expect(Array.from(r.mean)).toEqual(new Array(12).fill(0));
    for (const band of r.intervals) expect(finite(band.lower) && finite(band.upper)).toBe(true);
  });

  it('too short a history for any model: the last value carried forward, and how many months were needed', () => {
    const r = forecastSeries([120, 130, 125, 140], { horizon: 6 });
    expect(r.note).toEqual({ code: 'forecast.naiveTooShort', params: { observations: 4, needed: 7 } });
    expect(Array.from(r.mean)).toEqual(new Array(6).fill(140));
    expect(finite(r.intervals[0].upper)).toBe(true);
  });

  it('a year of data is too short for a seasonal model: a non-seasonal ETS, and the note says 16 months are needed', () => {
    const values = Array.from({ length: 12 }, (_, i) => 100 + 10 * Math.sin(i) + i);
    const r = forecastSeries(values, { horizon: 12 });
    expect(r.note.code).toBe('forecast.etsNonSeasonal');
    if (r.note.code === 'forecast.etsNonSeasonal') expect(r.note.params.needed).toBe(16);
    expect(finite(r.mean)).toBe(true);
  });

  it('mostly zeros with a few sales (a new channel): no multiplicative model, finite bands, never negative means shown as NaN', () => {
    const values = [0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 12, 0, 0, 30, 0, 40, 0, 55, 60, 0, 80, 95, 0, 120];
    const r = forecastSeries(values, { horizon: 12 });
    expect(r.method).not.toBe('none');
    if (r.model) expect(r.model.startsWith('M')).toBe(false);
    expect(finite(r.mean)).toBe(true);
    for (const band of r.intervals) expect(finite(band.lower) && finite(band.upper)).toBe(true);
  });

  it('a value that is not a number: no forecast, and the note names the month', () => {
    const r = forecastSeries([1, 2, Number.NaN, 4, 5, 6, 7, 8], { horizon: 3 });
    expect(r.note).toEqual({ code: 'forecast.notFinite', params: { index: 2 } });
    expect(r.method).toBe('none');
  });

  it('a hold-out longer than the history leaves nothing to score: null, not NaN scores', () => {
    expect(holdoutAccuracy([1, 2, 3], 12)).toBeNull();
  });

  it('MASE has no scale when the training months never change: NaN for a flat hold-out, Infinity when it then moves (views word both)', () => {
    const zeros = forecastMonthly(new Array(30).fill(0), { start: '2024-01', horizon: 12, springFestival: true, holdout: 12 });
    expect(finite(zeros.forecast.mean)).toBe(true);
    expect(zeros.springFestival?.note).toEqual({ code: 'springFestival.tooFewYears', params: { years: 0, needed: 3 } });
    expect(zeros.holdout?.scores.model?.mase).toBeNaN();
    expect(zeros.holdout?.scores.model?.smape).toBe(0);
    const wakes = forecastMonthly([...new Array(18).fill(0), 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], { start: '2024-01', horizon: 12, holdout: 12 });
    expect(wakes.holdout?.scores.model?.mase).toBe(Infinity);
    expect(wakes.holdout?.scores.model?.smape).toBe(200);
  });
});
