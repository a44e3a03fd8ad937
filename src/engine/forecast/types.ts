/**
 * Forecasting works on plain numbers, not money: the caller converts a money series from integer
 * minor units to numbers (and forecasts back to minor units, rounding once at the end), because the
 * models multiply and divide freely and a forecast is not an amount anyone has booked.
 */

/** A central prediction interval: P(lower ≤ y ≤ upper) = level % under the model. */
export interface PredictionInterval {
  level: number;
  lower: Float64Array;
  upper: Float64Array;
}

/**
 * Why a series got the forecast it got, as a code and its parameters (the engine words no
 * sentences; a view looks the code up in its catalogues):
 *  - `forecast.ets`: an ETS model chosen by AICc among seasonal and non-seasonal candidates;
 *  - `forecast.etsNonSeasonal`: ETS without seasonality, because the period allows none (1, or
 *    above 24) or the series is shorter than `needed` observations (see etsSelect.ts);
 *  - `forecast.naiveTooShort`: fewer than `needed` observations for any ETS model — the last value
 *    carried forward (random walk);
 *  - `forecast.naiveConstant`: every value is the same — carried forward, with no spread;
 *  - `forecast.naiveNoModel`: no ETS model could be fitted (every likelihood broke down);
 *  - `forecast.notFinite`: the value at `index` (from 0) is not a finite number — no forecast.
 */
export type ForecastNote =
  | { code: 'forecast.ets'; params: { model: string } }
  | { code: 'forecast.etsNonSeasonal'; params: { model: string; observations: number; needed: number; period: number } }
  | { code: 'forecast.naiveTooShort'; params: { observations: number; needed: number } }
  | { code: 'forecast.naiveConstant'; params: Record<string, never> }
  | { code: 'forecast.naiveNoModel'; params: Record<string, never> }
  | { code: 'forecast.notFinite'; params: { index: number } };

export interface ForecastOptions {
  /** Observations per cycle: 12 for monthly series (the default), 4 for quarterly. */
  period?: number;
  /** Steps to forecast (default 12). */
  horizon?: number;
  /** Interval levels in per cent (default 80 and 95). */
  levels?: readonly number[];
}
