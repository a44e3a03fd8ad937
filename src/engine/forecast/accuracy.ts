import { randomWalk, seasonalNaive } from './benchmarks';
import { forecastSeries, DEFAULT_LEVELS, type SeriesForecast } from './forecastSeries';
import type { ForecastOptions, PredictionInterval } from './types';

/**
 * Accuracy on a hold-out: the last h observations are hidden, the model and the two benchmarks are
 * fitted on the rest and scored on what was hidden, so a user sees whether the model beats "same
 * month last year" and "trend from the first to the last month".
 *  - MASE: mean absolute error over the in-sample mean absolute seasonal difference
 *    (|y_t − y_{t−m}|; first difference when m = 1), as forecast::accuracy scales it. NaN when the
 *    training part is no longer than one cycle; Infinity when it never changed.
 *  - sMAPE: mean of 200·|y − ŷ| / (|y| + |ŷ|) in per cent (the M3/M4 competitions'); a month where
 *    both are 0 counts as 0.
 *  - coverage: share of hidden values inside each prediction interval (ideally near its level).
 */
export interface AccuracyScores {
  mase: number;
  smape: number;
  coverage: { level: number; share: number }[];
  mean: Float64Array;
  intervals: PredictionInterval[];
}

export interface HoldoutReport {
  holdout: number;
  /** The forecast made from the training part (its model, note and candidates). */
  model: SeriesForecast;
  scores: { model: AccuracyScores | null; seasonalNaive: AccuracyScores | null; drift: AccuracyScores | null };
}

/** Null when the hold-out leaves fewer than two observations to train on. */
export function holdoutAccuracy(values: ArrayLike<number>, holdout: number, options: Omit<ForecastOptions, 'horizon'> = {}): HoldoutReport | null {
  const n = values.length;
  const h = Math.floor(holdout);
  if (h < 1 || n - h < 2) return null;
  const period = options.period ?? 12;
  const levels = options.levels ?? DEFAULT_LEVELS;
  const train = Float64Array.from({ length: n - h }, (_, i) => values[i]);
  const test = Float64Array.from({ length: h }, (_, i) => values[n - h + i]);
  const scale = maseScale(train, period);
  const model = forecastSeries(train, { period, horizon: h, levels });
  const score = (f: { mean: Float64Array; intervals: PredictionInterval[] } | null): AccuracyScores | null =>
    f && f.mean.length === h ? scoreForecast(test, f.mean, f.intervals, scale) : null;
  return {
    holdout: h,
    model,
    scores: {
      model: score(model),
      seasonalNaive: score(seasonalNaive(train, period, h, levels)),
      drift: score(randomWalk(train, h, levels, true)),
    },
  };
}

/** In-sample mean absolute seasonal difference (lag m; lag 1 when m = 1). */
export function maseScale(train: ArrayLike<number>, period: number): number {
  const lag = Math.max(1, Math.round(period));
  let sum = 0;
  let count = 0;
  for (let t = lag; t < train.length; t++) {
    sum += Math.abs(train[t] - train[t - lag]);
    count++;
  }
  return count > 0 ? sum / count : NaN;
}

export function scoreForecast(actual: ArrayLike<number>, mean: Float64Array, intervals: PredictionInterval[], scale: number): AccuracyScores {
  const h = actual.length;
  let absErr = 0;
  let smape = 0;
  for (let i = 0; i < h; i++) {
    const e = Math.abs(actual[i] - mean[i]);
    absErr += e;
    const denom = Math.abs(actual[i]) + Math.abs(mean[i]);
    smape += denom === 0 ? 0 : (200 * e) / denom;
  }
  const coverage = intervals.map((iv) => {
    let inside = 0;
    for (let i = 0; i < h; i++) if (actual[i] >= iv.lower[i] && actual[i] <= iv.upper[i]) inside++;
    return { level: iv.level, share: inside / h };
  });
  return { mase: absErr / h / scale, smape: smape / h, coverage, mean, intervals };
}
