import type { MonthlyForecast } from '../../engine/forecast';

/**
 * The total of a forecast's first months, as the printable report shows it, with an outer 80 %
 * range. The engine gives each month its own interval (mean ± z·sd under the model's normal
 * approximation) and no covariance between months, so the 80 % range of a sum cannot be computed
 * exactly. Adding the months' P10s and P90s gives the range the total would have if every month
 * missed in the same direction (errors perfectly correlated): for jointly normal errors the sum's sd
 * is at most the sum of the sds, so this range contains the total's own 80 % range — it is wider,
 * never narrower, and says so where it is shown. Each month is rounded to minor units first, as the
 * values export rounds it, so the total is the sum of the exported months.
 */
export interface ForecastTotal {
  /** Months added: the first `months` forecast months (fewer when the forecast is shorter). */
  months: number;
  mean: number;
  /** Sum of the monthly 80 % lower ends (P10), null without an 80 % interval. */
  lower: number | null;
  /** Sum of the monthly 80 % upper ends (P90). */
  upper: number | null;
}

export function forecastTotal(f: MonthlyForecast, months = 12): ForecastTotal {
  const n = Math.min(months, f.forecast.mean.length);
  const band = f.forecast.intervals.find((b) => b.level === 80);
  const sum = (a: ArrayLike<number>) => {
    let s = 0;
    for (let k = 0; k < n; k++) s += Math.round(a[k]);
    return s;
  };
  return { months: n, mean: sum(f.forecast.mean), lower: band ? sum(band.lower) : null, upper: band ? sum(band.upper) : null };
}
