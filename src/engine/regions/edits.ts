/**
 * Plan edits of a channel's regional values (docs/model.md#regions), one small function per kind of
 * edit so that a view builds the same ops whether a value was typed, pasted or cleared.
 */
import type { Op } from '../patch';
import type { Driver, DriverKey, Plan } from '../types';
import { regionShares } from './shares';

/**
 * New region weights of a channel after the planner typed shares (fractions) for some of its
 * regions; `undefined` for a region means "clear". Typed regions take the typed share; the others
 * share what is left in proportion to their current shares, so a row the planner reads as
 * percentages still adds up to 100 %. Weights are stored as these shares. Clearing any cell returns
 * the channel to equal shares (no weights), which is what a planner expects of "no value".
 * No ops when nothing changes.
 */
export function regionWeightOps(plan: Plan, c: number, typed: ReadonlyMap<string, number | undefined>): Op[] {
  const ch = plan.channels[c];
  const path = ['channels', c, 'regionWeights'];
  if ([...typed.values()].some((v) => v === undefined)) return ch.regionWeights === undefined ? [] : [{ path, value: undefined }];
  const shares = regionShares(plan, ch);
  const served = new Set(shares.map((s) => s.regionId));
  const given = [...typed].filter(([r]) => served.has(r)) as [string, number][];
  if (given.length === 0) return [];
  const givenSum = given.reduce((s, [, v]) => s + v, 0);
  const rest = shares.filter((s) => !typed.has(s.regionId));
  const restShare = rest.reduce((s, x) => s + x.share, 0);
  const left = Math.max(0, 1 - givenSum);
  const weights: Record<string, number> = {};
  for (const s of shares) {
    const own = typed.get(s.regionId);
    if (own !== undefined) weights[s.regionId] = own;
    else weights[s.regionId] = restShare > 0 ? (left * s.share) / restShare : left / rest.length;
  }
  // Rounding noise from the proportional split would show as 33.333333333333336 %.
  for (const r of Object.keys(weights)) weights[r] = Number(weights[r].toPrecision(12));
  return [{ path, value: weights }];
}

/**
 * A region's own value of a driver (its base), or `undefined` to return the region to the channel's
 * value. A region's first own value keeps the channel's growth and seasonality, so that typing a
 * regional AOV changes its level, not its shape over the months.
 */
export function regionDriverOps(plan: Plan, c: number, regionId: string, key: DriverKey, value: number | undefined): Op[] {
  const ch = plan.channels[c];
  const own = ch.regionDrivers?.[regionId];
  const path = ['channels', c, 'regionDrivers', regionId];
  if (value === undefined) {
    if (!own?.[key]) return [];
    // The last driver of a region goes with its entry, so no empty objects stay in the file.
    return Object.keys(own).length === 1 ? (Object.keys(ch.regionDrivers ?? {}).length === 1 ? [{ path: ['channels', c, 'regionDrivers'], value: undefined }] : [{ path, value: undefined }]) : [{ path: [...path, key], value: undefined }];
  }
  if (own?.[key]) return [{ path: [...path, key, 'base'], value }];
  const from = ch.drivers[key];
  const driver: Driver = { base: value };
  if (from.growth !== undefined) driver.growth = from.growth;
  if (from.seasonality) driver.seasonality = [...from.seasonality];
  return [{ path: [...path, key], value: driver }];
}

/** A region's own season (twelve indices, January first), or `undefined` to remove it. */
export function regionSeasonOps(plan: Plan, r: number, profile: number[] | undefined): Op[] {
  if (profile === undefined && plan.regions[r].seasonality === undefined) return [];
  return [{ path: ['regions', r, 'seasonality'], value: profile }];
}
