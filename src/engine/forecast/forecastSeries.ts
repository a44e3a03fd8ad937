import { randomWalk, intervalsFrom } from './benchmarks';
import type { EtsFit } from './etsFit';
import { etsForecastMoments } from './etsIntervals';
import { minimumSeasonalLength, selectEts, MAX_SEASONAL_PERIOD } from './etsSelect';
import type { ForecastNote, ForecastOptions, PredictionInterval } from './types';

export interface SeriesForecast {
  /** `ets`, or `naive` when the series falls back (see `note`), or `none` for unusable input. */
  method: 'ets' | 'naive' | 'none';
  /** The ETS model ("MAdM" …), null for the fallbacks. */
  model: string | null;
  note: ForecastNote;
  fit: EtsFit | null;
  /** AICc of every ETS candidate tried (null where it could not be fitted). */
  candidates: Record<string, number | null>;
  mean: Float64Array;
  intervals: PredictionInterval[];
}

/** Below this many observations ets does not optimise a model at all (n ≤ 2 + 4 for "ZZZ"). */
export const MINIMUM_ETS_LENGTH = 7;

export const DEFAULT_LEVELS: readonly number[] = [80, 95];

/**
 * Forecasts one series (plain numbers, oldest first, one per period — see types.ts about money).
 * ETS chosen by AICc as forecast::ets; too-short or degenerate series fall back to the last value
 * carried forward, and the note says which and why.
 */
export function forecastSeries(values: ArrayLike<number>, options: ForecastOptions = {}): SeriesForecast {
  const period = options.period ?? 12;
  const horizon = options.horizon ?? 12;
  const levels = options.levels ?? DEFAULT_LEVELS;
  const n = values.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) {
      return { method: 'none', model: null, note: { code: 'forecast.notFinite', params: { index: i } }, fit: null, candidates: {}, mean: new Float64Array(0), intervals: [] };
    }
  }
  const y = Float64Array.from(values);
  if (n < MINIMUM_ETS_LENGTH) return naive(y, horizon, levels, { code: 'forecast.naiveTooShort', params: { observations: n, needed: MINIMUM_ETS_LENGTH } }, {});
  if (y.every((v) => v === y[0])) return naive(y, horizon, levels, { code: 'forecast.naiveConstant', params: {} }, {});
  const selection = selectEts(y, period);
  const best = selection.best;
  if (!best) return naive(y, horizon, levels, { code: 'forecast.naiveNoModel', params: {} }, selection.candidates);
  const moments = etsForecastMoments(best, horizon);
  const se = moments.variance.map(Math.sqrt);
  const note: ForecastNote = selection.seasonalConsidered
    ? { code: 'forecast.ets', params: { model: best.name } }
    : {
        code: 'forecast.etsNonSeasonal',
        params: { model: best.name, observations: n, needed: period > 1 && period <= MAX_SEASONAL_PERIOD ? minimumSeasonalLength(period) : Infinity, period },
      };
  return { method: 'ets', model: best.name, note, fit: best, candidates: selection.candidates, mean: moments.mean, intervals: intervalsFrom(moments.mean, se, levels) };
}

function naive(y: Float64Array, horizon: number, levels: readonly number[], note: ForecastNote, candidates: Record<string, number | null>): SeriesForecast {
  const rw = randomWalk(y, horizon, levels, false);
  return {
    method: rw ? 'naive' : 'none',
    model: null,
    note,
    fit: null,
    candidates,
    mean: rw?.mean ?? new Float64Array(0),
    intervals: rw?.intervals ?? [],
  };
}
