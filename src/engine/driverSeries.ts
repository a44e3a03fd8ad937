import { DRIVER_SPECS } from './drivers';
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
  const isMoney = spec.unit === 'money';
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
    let kind: ClampNotice['kind'] | null = null;
    if (!Number.isFinite(v)) {
      v = 0;
      kind = 'notFinite';
    } else if (v > spec.max) {
      v = spec.max;
      kind = 'aboveMax';
    } else if (v < spec.min) {
      v = spec.min;
      kind = 'belowMin';
    }
    if (kind) {
      if (!notice) notice = { kind, first: t, count: 0 };
      notice.count++;
    }
    out[offset + t] = isMoney ? roundMoney(v) : v;
  }
  return notice;
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
