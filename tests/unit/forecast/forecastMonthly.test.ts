import { describe, expect, it } from 'vitest';
import { forecastMonthly, forecastSeries, springFestivalDate } from '../../../src/engine/forecast';

/** Four years of a seasonal series whose January/February split follows the festival date. */
function festivalSeries(startYear: number, years: number): number[] {
  const out: number[] = [];
  for (let y = startYear; y < startYear + years; y++) {
    const inJanuary = springFestivalDate(y)?.month === 1;
    for (let m = 1; m <= 12; m++) {
      const level = 1000 + 5 * out.length;
      if (m === 1) out.push(level * (inJanuary ? 1.6 : 0.8));
      else if (m === 2) out.push(level * (inJanuary ? 0.8 : 1.6));
      else out.push(level * (1 + 0.1 * Math.sin(m)));
    }
  }
  return out;
}

describe('forecastMonthly', () => {
  it('without the alignment it is forecastSeries with the benchmarks and the month after the data', () => {
    const values = festivalSeries(2019, 4);
    const r = forecastMonthly(values, { start: '2019-01', horizon: 12 });
    expect(r.firstMonth).toBe('2023-01');
    expect(Array.from(r.forecast.mean)).toEqual(Array.from(forecastSeries(values, { horizon: 12 }).mean));
    expect(r.seasonalNaive?.mean[0]).toBe(values[36]);
    expect(r.drift?.mean).toHaveLength(12);
    expect(r.springFestival).toBeNull();
  });

  it('with the alignment, a year whose festival is in February gets more February than January', () => {
    const values = festivalSeries(2019, 4);
    const r = forecastMonthly(values, { start: '2019-01', horizon: 14, springFestival: true, holdout: 6 });
    expect(r.springFestival?.note.code).toBe('springFestival.fitted');
    // 2023: 22 January (January); 2024: 10 February (February). The forecast follows each year's own date.
    expect(r.forecast.mean[0]).toBeGreaterThan(r.forecast.mean[1]);
    expect(r.forecast.mean[13]).toBeGreaterThan(r.forecast.mean[12]);
    expect(r.holdout?.holdout).toBe(6);
    const band = r.forecast.intervals.find((b) => b.level === 80);
    for (let i = 0; i < 14; i++) expect(band!.lower[i]).toBeLessThanOrEqual(r.forecast.mean[i] + 1e-9);
  });
});
