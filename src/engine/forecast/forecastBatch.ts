/**
 * Many monthly series forecast one after another, as steps: the forecast worker drives the steps,
 * reports progress between them and stops between two series when asked. Each series is
 * forecastMonthly's work (about 20–40 ms for four years), so a step is short enough to stop on.
 */
import { forecastMonthly, type MonthlyForecast } from './forecastMonthly';

export interface ForecastRequest {
  /** The caller's name for the series (a channel id); comes back with its result. */
  id: string;
  values: Float64Array;
  /** Month of the first value, `YYYY-MM`. */
  start: string;
  horizon: number;
  holdout: number;
  springFestival: boolean;
  levels?: readonly number[];
}

export interface ForecastResult {
  id: string;
  forecast: MonthlyForecast;
}

export interface ForecastProgress {
  done: number;
  total: number;
}

export function* forecastSteps(requests: readonly ForecastRequest[]): Generator<ForecastProgress, ForecastResult[]> {
  const results: ForecastResult[] = [];
  for (const r of requests) {
    results.push({
      id: r.id,
      forecast: forecastMonthly(r.values, { start: r.start, horizon: r.horizon, holdout: r.holdout, springFestival: r.springFestival, levels: r.levels }),
    });
    yield { done: results.length, total: requests.length };
  }
  return results;
}
