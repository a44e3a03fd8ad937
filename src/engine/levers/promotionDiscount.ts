/**
 * The promotion discount of a DriverSeries, per cell the discount given up per unit of paid gross
 * revenue (docs/model.md#promotions). Its `aov` already holds the average price paid; this ratio lets
 * the P&L show the discount as a line of its own.
 *
 * Kept beside the series rather than in it: a DriverSeries is exactly one array per driver, and code
 * everywhere walks its keys as drivers. Only compute.ts reads it; copySeries carries it to a copy, so
 * goal seek, the tornado and simulations that start from a copy keep the line.
 */
import type { DriverSeries } from '../driverSeries';

const DISCOUNT = new WeakMap<DriverSeries, Float64Array>();

export function setPromotionDiscount(series: DriverSeries, ratio: Float64Array): void {
  DISCOUNT.set(series, ratio);
}

/** The ratio per cell, or undefined when no promotion acts on the series. */
export function promotionDiscountOf(series: DriverSeries): Float64Array | undefined {
  return DISCOUNT.get(series);
}
