/**
 * The monthly series one driver of one channel resolves to, as the engine computes it, for the
 * seasonality editor's chart: which months are typed overrides, and what growth and seasonality alone
 * would give there.
 */
import { resolveDriver } from '../driverSeries';
import { calendarMonths, monthKeys } from '../timeline';
import type { Driver, DriverKey, Timeline } from '../types';

export interface DriverPreview {
  months: string[];
  /** What the plan uses in each month (overrides included, bounds applied). */
  values: number[];
  /** base · (1 + growth)^t · seasonality, ignoring overrides. */
  formula: number[];
  overridden: boolean[];
  overrideCount: number;
}

export function previewDriver(driver: Driver, key: DriverKey, timeline: Timeline): DriverPreview {
  const months = monthKeys(timeline);
  const cal = calendarMonths(timeline);
  const resolved = new Float64Array(months.length);
  resolveDriver(driver, key, months, cal, resolved, 0);
  const plain = new Float64Array(months.length);
  resolveDriver({ ...driver, overrides: undefined }, key, months, cal, plain, 0);
  const overridden = months.map((m) => driver.overrides?.[m] !== undefined);
  return {
    months,
    values: Array.from(resolved),
    formula: Array.from(plain),
    overridden,
    overrideCount: overridden.filter(Boolean).length,
  };
}
