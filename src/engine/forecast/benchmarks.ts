import { centralZ } from './normal';
import type { PredictionInterval } from './types';

/**
 * The two benchmarks every forecast is shown against, with intervals as R's forecast::snaive and
 * forecast::rwf(drift = TRUE) give them:
 *  - seasonal naive: each month repeats the same month a cycle earlier; the h-step standard error
 *    is σ·√⌈h/m⌉ with σ² the mean squared in-sample seasonal difference;
 *  - drift: the last value plus h times the mean monthly change b; the standard error is
 *    √(σ²h + (h·se_b)²) with σ² the variance of the monthly changes about b (n − 2 degrees of
 *    freedom) and se_b = σ/√(n − 1).
 */
export interface BenchmarkForecast {
  mean: Float64Array;
  intervals: PredictionInterval[];
}

/** Null when the series is shorter than one cycle. Intervals are NaN with no full cycle to learn from. */
export function seasonalNaive(y: ArrayLike<number>, period: number, horizon: number, levels: readonly number[]): BenchmarkForecast | null {
  const n = y.length;
  const m = Math.max(1, period);
  if (n < m || n === 0) return null;
  let sum = 0;
  let count = 0;
  for (let t = m; t < n; t++) {
    const d = y[t] - y[t - m];
    sum += d * d;
    count++;
  }
  const mse = count > 0 ? sum / count : NaN;
  const mean = new Float64Array(horizon);
  const se = new Float64Array(horizon);
  for (let i = 0; i < horizon; i++) {
    mean[i] = y[n - m + (i % m)];
    se[i] = Math.sqrt(mse * (Math.floor(i / m) + 1));
  }
  return { mean, intervals: intervalsFrom(mean, se, levels) };
}

/** Random walk (naive) forecast, with drift when asked. Null for an empty series. */
export function randomWalk(y: ArrayLike<number>, horizon: number, levels: readonly number[], drift: boolean): BenchmarkForecast | null {
  const n = y.length;
  if (n === 0) return null;
  const changes = n - 1;
  let b = 0;
  for (let t = 1; t < n; t++) b += y[t] - y[t - 1];
  b = drift && changes > 0 ? b / changes : 0;
  let ss = 0;
  for (let t = 1; t < n; t++) {
    const r = y[t] - y[t - 1] - b;
    ss += r * r;
  }
  // Without drift: mean squared change. With drift, one degree of freedom goes to b (unless b is
  // exactly 0, where R's rwf does not count it).
  const mse = changes - (drift && b !== 0 ? 1 : 0) > 0 ? ss / (changes - (drift && b !== 0 ? 1 : 0)) : NaN;
  const seB = drift ? Math.sqrt((changes > 1 ? ss / (changes - 1) : NaN) / changes) : 0;
  const mean = new Float64Array(horizon);
  const se = new Float64Array(horizon);
  for (let i = 0; i < horizon; i++) {
    const steps = i + 1;
    mean[i] = y[n - 1] + steps * b;
    se[i] = Math.sqrt(mse * steps + (drift ? (steps * seB) ** 2 : 0));
  }
  return { mean, intervals: intervalsFrom(mean, se, levels) };
}

export function intervalsFrom(mean: Float64Array, se: Float64Array, levels: readonly number[]): PredictionInterval[] {
  return levels.map((level) => {
    const z = centralZ(level);
    const lower = new Float64Array(mean.length);
    const upper = new Float64Array(mean.length);
    for (let i = 0; i < mean.length; i++) {
      lower[i] = mean[i] - z * se[i];
      upper[i] = mean[i] + z * se[i];
    }
    return { level, lower, upper };
  });
}
