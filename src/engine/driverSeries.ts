import { DRIVER_SPECS, type DriverSpec } from './drivers';
import { promotionDiscountOf, setPromotionDiscount } from './levers/promotionDiscount';
import { roundMoney } from './money';
import { calendarMonths, monthKeys } from './timeline';
import type { Driver, DriverKey, Plan } from './types';
import { DRIVER_KEYS } from './types';

/** Per-driver values of every channel and period, row-major: index = channel · periods + period. */
export type DriverSeries = Record<DriverKey, Float64Array>;

/** A value the engine had to bring back into range; reported, never silent. */
export interface ClampNotice {
  channelId: string;
  driver: DriverKey;
  /** First period where it happened. */
  month: string;
  /** How many periods were affected. */
  count: number;
  kind: 'aboveMax' | 'belowMin' | 'notFinite';
}

/**
 * The value of one driver in each period:
 *   override for that month if typed, else base · (1 + growth)^t · seasonality[calendar month].
 * Rates that growth or seasonality push past their bounds are capped and reported.
 */
export function resolveDriver(
  driver: Driver,
  key: DriverKey,
  months: readonly string[],
  calMonths: Uint8Array,
  out: Float64Array,
  offset: number,
): { kind: ClampNotice['kind']; first: number; count: number } | null {
  const spec = DRIVER_SPECS[key];
  const growth = driver.growth ?? 0;
  const season = driver.seasonality && driver.seasonality.length === 12 ? driver.seasonality : null;
  const overrides = driver.overrides;
  let notice: { kind: ClampNotice['kind']; first: number; count: number } | null = null;
  let factor = 1;
  for (let t = 0; t < months.length; t++) {
    let v: number;
    const typed = overrides ? overrides[months[t]] : undefined;
    if (typed !== undefined) v = typed;
    else {
      v = driver.base * factor;
      if (season) v *= season[calMonths[t]];
    }
    factor *= 1 + growth;
    const kind = outOfBounds(v, spec);
    if (kind) {
      if (!notice) notice = { kind, first: t, count: 0 };
      notice.count++;
    }
    out[offset + t] = inBounds(v, spec);
  }
  return notice;
}

/** Why a value lies outside its driver's valid range, or null when it is valid. */
export function outOfBounds(v: number, spec: DriverSpec): ClampNotice['kind'] | null {
  if (!Number.isFinite(v)) return 'notFinite';
  if (v > spec.max) return 'aboveMax';
  if (v < spec.min) return 'belowMin';
  return null;
}

/**
 * The value brought inside its driver's range (a non-finite value becomes 0), money rounded to
 * whole minor units. Shared by resolution and scenario adjustments so both clamp the same way.
 */
export function inBounds(v: number, spec: DriverSpec): number {
  const bounded = !Number.isFinite(v) ? 0 : v > spec.max ? spec.max : v < spec.min ? spec.min : v;
  return spec.unit === 'money' ? roundMoney(bounded) : bounded;
}

/** An independent copy, so that a scenario or a goal-seek trial can change it freely. */
export function copySeries(series: DriverSeries): DriverSeries {
  const out = {} as DriverSeries;
  for (const key of DRIVER_KEYS) out[key] = series[key].slice();
  const discount = promotionDiscountOf(series);
  if (discount) setPromotionDiscount(out, discount.slice());
  return out;
}

export function resolveDrivers(plan: Plan): { series: DriverSeries; notices: ClampNotice[] } {
  const months = monthKeys(plan.timeline);
  const cal = calendarMonths(plan.timeline);
  const n = plan.channels.length * months.length;
  const series = {} as DriverSeries;
  for (const key of DRIVER_KEYS) series[key] = new Float64Array(n);
  const notices: ClampNotice[] = [];
  plan.channels.forEach((ch, c) => {
    for (const key of DRIVER_KEYS) {
      const driver = ch.drivers[key] ?? { base: 0 };
      const notice = resolveDriver(driver, key, months, cal, series[key], c * months.length);
      if (notice) {
        notices.push({
          channelId: ch.id,
          driver: key,
          month: months[notice.first],
          count: notice.count,
          kind: notice.kind,
        });
      }
    }
  });
  return { series, notices };
}
