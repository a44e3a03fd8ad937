import { DRIVER_SPECS } from '../drivers';
import { inBounds } from '../driverSeries';
import type { DriverSeries } from '../driverSeries';
import type { DriverKey, Plan } from '../types';

/**
 * The level an uncertain driver's low/high refer to: the channel driver's `base` (0 when the driver
 * is missing or its base is not a finite number).
 */
export function driverBase(plan: Plan, channel: number, key: DriverKey): number {
  const b = plan.channels[channel].drivers[key]?.base;
  return typeof b === 'number' && Number.isFinite(b) ? b : 0;
}

/** A driver value kept inside its driver's bounds, without rounding money (Monte Carlo). */
export function clampDriver(v: number, key: DriverKey): number {
  const spec = DRIVER_SPECS[key];
  return !Number.isFinite(v) ? 0 : v > spec.max ? spec.max : v < spec.min ? spec.min : v;
}

/**
 * Applies a drawn value of one channel's driver to its row of a resolved series, in place
 * (docs/model.md#monte-carlo, how a draw applies): with base ≠ 0 every period is multiplied by `factor` (= value / base,
 * or the product of such factors when several ranges name the same driver), so growth, seasonality,
 * overrides and scenario adjustments keep their shape; with base = 0 `add` (the value, or the sum of
 * values) is added to every period. Each result is kept inside the driver's bounds; with `round`
 * money is also rounded to minor units exactly as resolution and scenarios do (inBounds).
 */
export function applyToRow(
  series: DriverSeries, key: DriverKey, row: number, periods: number,
  multiplicative: boolean, factor: number, add: number, round: boolean,
): void {
  const arr = series[key];
  const spec = DRIVER_SPECS[key];
  const o = row * periods;
  for (let t = 0; t < periods; t++) {
    const v = multiplicative ? arr[o + t] * factor : arr[o + t] + add;
    arr[o + t] = round ? inBounds(v, spec) : clampDriver(v, key);
  }
}
