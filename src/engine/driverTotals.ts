/**
 * What the channel grid's total row shows under the base drivers. Amounts (spend, base traffic,
 * fixed cost) add up: the total is the sum of the channels' base months, what the rows above it show.
 * Rates and prices do not add up: the total is the plan's blended rate over the whole timeline,
 * weighted by the volume each rate applies to (conversion by traffic, AOV and new-customer share by
 * orders, return rate by gross revenue, channel margin by revenue after returns, gross margin and
 * variable cost rate by net revenue). The roll-up derives those from summed flows (orders ÷ traffic,
 * …), which is exactly that weighted average.
 */
import { DRIVER_SPECS } from './drivers';
import { rollupDriver, type Rollup } from './rollup';
import type { DriverKey, Plan } from './types';
import { DRIVER_KEYS } from './types';

/** Drivers whose channel values add up to a meaningful total. */
export const SUMMABLE_DRIVERS: ReadonlySet<DriverKey> = new Set<DriverKey>(['spend', 'baseTraffic', 'fixedCost']);

/**
 * Total-row values of the base-driver columns: sums of the channels' base values for amounts, and
 * the blended whole-plan rate for the others (null until a result is there, or when undefined, e.g.
 * conversion of a plan without traffic). `whole` is the plan's roll-up by 'total' over 'all'.
 */
export function baseDriverTotals(plan: Plan, whole: Rollup | null): Record<DriverKey, number | null> {
  const out = {} as Record<DriverKey, number | null>;
  for (const key of DRIVER_KEYS) {
    if (SUMMABLE_DRIVERS.has(key)) {
      let sum = 0;
      for (const ch of plan.channels) sum += ch.drivers[key]?.base ?? 0;
      out[key] = DRIVER_SPECS[key].unit === 'money' ? Math.round(sum) : sum;
    } else out[key] = whole ? rollupDriver(whole, key, 0, 0) : null;
  }
  return out;
}
