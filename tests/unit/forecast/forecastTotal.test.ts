import { describe, expect, it } from 'vitest';
import { channelHistories, forecastMonthly } from '../../../src/engine/forecast';
import { forecastTotal } from '../../../src/ui/forecast/forecastTotal';
import { planWithActuals } from './forecastPlan';

describe('forecast total of the first months (printable report)', () => {
  const h = channelHistories(planWithActuals(36), 'netRevenue')[0];
  const f = forecastMonthly(h.values, { start: h.start, horizon: 24, springFestival: true });
  const band = f.forecast.intervals.find((b) => b.level === 80)!;

  it('adds the first 12 months as the values export rounds them, and the monthly P10s and P90s', () => {
    const total = forecastTotal(f);
    let mean = 0;
    let low = 0;
    let high = 0;
    for (let k = 0; k < 12; k++) {
      mean += Math.round(f.forecast.mean[k]);
      low += Math.round(band.lower[k]);
      high += Math.round(band.upper[k]);
    }
    expect(total).toEqual({ months: 12, mean, lower: low, upper: high });
    expect(total.lower!).toBeLessThan(total.mean);
    expect(total.upper!).toBeGreaterThan(total.mean);
  });

  it('the outer range contains the 80 % range of the sum for independent months (sd of a sum ≤ sum of sds)', () => {
    // Monthly sd from the symmetric 80 % interval (mean ± 1.2816 sd); independent months: sd of the sum is the root of the sum of variances.
    let variance = 0;
    let mean = 0;
    for (let k = 0; k < 12; k++) {
      const sd = (band.upper[k] - band.lower[k]) / (2 * 1.2815516);
      variance += sd * sd;
      mean += (band.upper[k] + band.lower[k]) / 2;
    }
    const total = forecastTotal(f);
    expect(total.lower!).toBeLessThan(mean - 1.2815516 * Math.sqrt(variance));
    expect(total.upper!).toBeGreaterThan(mean + 1.2815516 * Math.sqrt(variance));
  });

  it('a forecast shorter than 12 months adds what there is', () => {
    const short = forecastMonthly(h.values, { start: h.start, horizon: 5, springFestival: true });
    expect(forecastTotal(short).months).toBe(5);
  });
});
