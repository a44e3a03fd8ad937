/**
 * The whole forecast of one monthly series as the views use it: the Spring Festival alignment
 * (optional), the ETS forecast chosen by AICc, the two benchmarks over the same horizon, and the
 * hold-out accuracy of all three — everything on the same (aligned) series, with the forecasts
 * restored to each year's own festival date at the end.
 */
import { holdoutAccuracy, type HoldoutReport } from './accuracy';
import { randomWalk, seasonalNaive, type BenchmarkForecast } from './benchmarks';
import { DEFAULT_LEVELS, forecastSeries, type SeriesForecast } from './forecastSeries';
import { alignSpringFestival, fitSpringFestival, restoreSpringFestival, type MonthlyStart, type SpringFestivalAdjustment } from './springFestival';
import type { PredictionInterval } from './types';
import { parseMonth, shiftMonth } from '../timeline';

export interface MonthlyForecastOptions {
  /** Month of the first value, `YYYY-MM`. */
  start: string;
  /** Months to forecast after the last value. */
  horizon: number;
  levels?: readonly number[];
  /** Align January and February to a typical Spring Festival date before fitting (docs/model.md#spring-festival). */
  springFestival?: boolean;
  /** Months held out at the end for the accuracy report; 0 or absent = none. */
  holdout?: number;
}

export interface MonthlyForecast {
  /** Month of the first forecast value, `YYYY-MM`. */
  firstMonth: string;
  forecast: SeriesForecast;
  seasonalNaive: BenchmarkForecast | null;
  drift: BenchmarkForecast | null;
  holdout: HoldoutReport | null;
  /** The alignment used, null when it was not asked for. */
  springFestival: SpringFestivalAdjustment | null;
}

const PERIOD = 12;

function startOf(month: string): MonthlyStart {
  const m = parseMonth(month);
  if (!m) throw new RangeError(`Not a month (YYYY-MM): ${month}`);
  return m;
}

export function forecastMonthly(values: ArrayLike<number>, options: MonthlyForecastOptions): MonthlyForecast {
  const start = startOf(options.start);
  const levels = options.levels ?? DEFAULT_LEVELS;
  const horizon = options.horizon;
  const firstMonth = shiftMonth(options.start, values.length) ?? options.start;
  const first = startOf(firstMonth);
  const adjustment = options.springFestival ? fitSpringFestival(values, start) : null;
  const y = adjustment ? alignSpringFestival(values, start, adjustment) : Float64Array.from(values);
  const restore = (a: Float64Array): Float64Array => (adjustment ? restoreSpringFestival(a, first, adjustment) : a);
  const restoreBands = (bands: PredictionInterval[]): PredictionInterval[] =>
    bands.map((b) => ({ level: b.level, lower: restore(b.lower), upper: restore(b.upper) }));
  const restored = <T extends { mean: Float64Array; intervals: PredictionInterval[] }>(f: T): T => ({ ...f, mean: restore(f.mean), intervals: restoreBands(f.intervals) });

  const forecast = restored(forecastSeries(y, { period: PERIOD, horizon, levels }));
  const sn = seasonalNaive(y, PERIOD, horizon, levels);
  const drift = randomWalk(y, horizon, levels, true);
  const holdout = options.holdout && options.holdout > 0 ? holdoutAccuracy(y, options.holdout, { period: PERIOD, levels }) : null;
  return {
    firstMonth,
    forecast,
    seasonalNaive: sn && restored(sn),
    drift: drift && restored(drift),
    holdout,
    springFestival: adjustment,
  };
}
