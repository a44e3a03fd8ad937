/**
 * A driver's base, monthly growth and twelve seasonality indices fitted to wanted monthly values, so
 * that base · (1 + g)^t · s[calendar month] follows them (the driver form of driverSeries.ts).
 * Fitted in logarithms by least squares — log v_t = t·log(1 + g) + d_{month}, one level per calendar
 * month — then split into a base (the mean of the twelve levels) and indices averaging 1.
 * With no calendar month seen twice, growth and season cannot be told apart: growth is then 0 and
 * the season takes all. Calendar months not in the data get index 1 scaled to the others' mean.
 */
import { GROWTH_MAX, GROWTH_MIN, SEASONALITY_MAX } from '../drivers';

export interface ProfileFit {
  base: number;
  /** Compound growth a month. */
  growth: number;
  /** January first. */
  seasonality: number[];
  /** |fitted − wanted| / wanted over the months with a positive wanted value: mean and largest. */
  error: { mean: number; max: number };
  /** Months left out of the fit because the wanted value was 0 or less. */
  skipped: number;
}

/**
 * `values[i]` is wanted in plan period `periods[i]`, whose calendar month (0 = January) is
 * `months[i]`; the growth compounds from period 0, as in the plan.
 */
export function fitProfile(values: ArrayLike<number>, periods: ArrayLike<number>, months: ArrayLike<number>): ProfileFit {
  const n = values.length;
  const sumY = new Float64Array(12);
  const sumT = new Float64Array(12);
  const count = new Float64Array(12);
  let skipped = 0;
  for (let i = 0; i < n; i++) {
    if (!(values[i] > 0)) {
      skipped++;
      continue;
    }
    const m = months[i];
    sumY[m] += Math.log(values[i]);
    sumT[m] += periods[i];
    count[m]++;
  }
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    if (!(values[i] > 0)) continue;
    const m = months[i];
    const dt = periods[i] - sumT[m] / count[m];
    sxy += dt * (Math.log(values[i]) - sumY[m] / count[m]);
    sxx += dt * dt;
  }
  const slopeLimits = [Math.log(1 + GROWTH_MIN), Math.log(1 + GROWTH_MAX)];
  const slope = sxx > 0 ? Math.min(slopeLimits[1], Math.max(slopeLimits[0], sxy / sxx)) : 0;
  const level = new Float64Array(12);
  let seen = 0;
  let levelSum = 0;
  for (let m = 0; m < 12; m++) {
    if (count[m] === 0) continue;
    level[m] = Math.exp((sumY[m] - slope * sumT[m]) / count[m]);
    levelSum += level[m];
    seen++;
  }
  if (seen === 0) return { base: 0, growth: 0, seasonality: Array<number>(12).fill(1), error: { mean: 0, max: 0 }, skipped };
  const unseen = levelSum / seen;
  for (let m = 0; m < 12; m++) if (count[m] === 0) level[m] = unseen;
  let base = 0;
  for (let m = 0; m < 12; m++) base += level[m];
  base /= 12;
  const seasonality = Array.from(level, (l) => Math.min(SEASONALITY_MAX, l / base));
  const growth = Math.exp(slope) - 1;
  let errSum = 0;
  let errMax = 0;
  let fitted = 0;
  for (let i = 0; i < n; i++) {
    if (!(values[i] > 0)) continue;
    const v = base * Math.pow(1 + growth, periods[i]) * seasonality[months[i]];
    const e = Math.abs(v - values[i]) / values[i];
    errSum += e;
    errMax = Math.max(errMax, e);
    fitted++;
  }
  return { base, growth, seasonality, error: { mean: fitted > 0 ? errSum / fitted : 0, max: errMax }, skipped };
}
