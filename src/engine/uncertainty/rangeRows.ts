/**
 * Which rows of the computed plan a range moves, and how (docs/model.md#monte-carlo). On a plan
 * computed by region (regions/run.ts) a channel can be several rows:
 *   - a range of one region (`regionId`) moves that region's row; low and high are the region's own
 *     values (its own amount, its own rate), measured against the region's base;
 *   - a range of the whole channel moves every row of it by the same draw: x / (the channel's base)
 *     multiplies each row, or, with base 0, x is added — an amount shared by the regions' shares, a
 *     rate to each region as it is.
 * On a plan not computed by region a range moves its channel's one row, as it always has.
 */
import { DRIVER_SPECS } from '../drivers';
import type { DriverSeries } from '../driverSeries';
import { AMOUNT_DRIVERS } from '../regions/expand';
import type { RegionalRun } from '../regions/run';
import { regionShares, splitInteger } from '../regions/shares';
import type { Plan, UncertainDriver } from '../types';
import { applyToRow, driverBase } from './apply';

export interface RangeRows {
  /** Rows of the computed plan (run.target). */
  rows: number[];
  /** What low and high are measured against: a draw x gives factor x / base; 0 means x is added. */
  base: number;
  /** Per row: the part of an added x it takes (its share of an amount; 1 for a rate). */
  addShare: number[];
}

export function rangeRows(run: RegionalRun, u: Pick<UncertainDriver, 'channelId' | 'driver' | 'regionId'>): RangeRows {
  const c = run.plan.channels.findIndex((ch) => ch.id === u.channelId);
  const x = run.x;
  if (c < 0) return { rows: [], base: 0, addShare: [] };
  if (!x) return { rows: [c], base: driverBase(run.plan, c, u.driver), addShare: [1] };
  const rows = x.rowsOf[c];
  if (u.regionId !== undefined) {
    const row = rows.find((r) => x.rowOf[r].regionId === u.regionId);
    return row === undefined ? { rows: [], base: 0, addShare: [] } : { rows: [row], base: driverBase(run.target, row, u.driver), addShare: [1] };
  }
  const amount = AMOUNT_DRIVERS.has(u.driver);
  return { rows, base: driverBase(run.plan, c, u.driver), addShare: rows.map((r) => (amount && rows.length > 1 ? x.rowOf[r].share : 1)) };
}

/**
 * One end of a range applied to its rows of `series`, in place, as the tornado applies it: inside
 * the driver's bounds, money rounded to minor units (an added amount split exactly by share).
 */
export function applyRangeValue(series: DriverSeries, target: RangeRows, driver: UncertainDriver['driver'], value: number, periods: number): void {
  const { rows, base, addShare } = target;
  if (base !== 0) {
    for (const r of rows) applyToRow(series, driver, r, periods, true, value / base, 0, true);
    return;
  }
  const money = DRIVER_SPECS[driver].unit === 'money';
  const parts = money && rows.length > 1 ? splitInteger(Math.round(value), addShare) : addShare.map((s) => value * s);
  rows.forEach((r, k) => applyToRow(series, driver, r, periods, false, 1, parts[k], true));
}

/**
 * The value a range's low and high are measured against, without expanding the plan: the channel
 * driver's base, or a region's — its own value if it has one, else its share of an amount or the
 * channel's rate (the row's base in the expansion). 0 when the channel or region is unknown.
 */
export function rangeBase(plan: Plan, u: Pick<UncertainDriver, 'channelId' | 'driver' | 'regionId'>): number {
  const ch = plan.channels.find((c) => c.id === u.channelId);
  if (!ch) return 0;
  const finite = (v: number | undefined): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  const whole = finite(ch.drivers[u.driver]?.base);
  if (u.regionId === undefined) return whole;
  const own = ch.regionDrivers?.[u.regionId]?.[u.driver];
  if (own) return finite(own.base);
  const share = regionShares(plan, ch).find((r) => r.regionId === u.regionId)?.share;
  if (share === undefined) return 0;
  return AMOUNT_DRIVERS.has(u.driver) ? whole * share : whole;
}
