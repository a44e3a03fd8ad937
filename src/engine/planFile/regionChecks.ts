/**
 * Checks of a plan's regional values (docs/model.md#regions): a channel's region weights, a region's
 * own drivers and a region's own season. A value that cannot be computed is an error; a weight or
 * driver left for a region the channel no longer serves is a warning — the app leaves those when a
 * planner unticks a region in the channel grid, and the model ignores them.
 */
import { SEASONALITY_MAX } from '../drivers';
import { DRIVER_KEYS, type Channel, type DriverKey, type Plan } from '../types';
import { driverProblems, type Problem } from '../validate';

type Path = (string | number)[];

interface Report {
  error(path: Path, code: Problem['code'], params?: Problem['params']): void;
  warn(path: Path, code: Problem['code'], params?: Problem['params']): void;
}

const DRIVER_SET: ReadonlySet<string> = new Set(DRIVER_KEYS);

/** A region the channel's value names must be one of the plan's regions the channel serves. */
function checkServed(r: Report, path: Path, plan: Plan, ch: Channel, regionId: string): void {
  if (!plan.regions.some((x) => x.id === regionId) || !ch.regions.includes(regionId)) r.warn(path, 'unknownRef', { value: regionId });
}

function checkWeights(r: Report, plan: Plan, ch: Channel, c: number): void {
  for (const [regionId, w] of Object.entries(ch.regionWeights ?? {})) {
    const path = ['channels', c, 'regionWeights', regionId];
    if (typeof w !== 'number' || !Number.isFinite(w)) r.error(path, 'notFinite');
    else if (w < 0) r.error(path, 'outOfRange', { min: 0, value: w });
    checkServed(r, path, plan, ch, regionId);
  }
}

function checkRegionDrivers(r: Report, plan: Plan, ch: Channel, c: number): void {
  for (const [regionId, drivers] of Object.entries(ch.regionDrivers ?? {})) {
    const path = ['channels', c, 'regionDrivers', regionId];
    checkServed(r, path, plan, ch, regionId);
    if (typeof drivers !== 'object' || drivers === null) {
      r.error(path, 'invalidValue');
      continue;
    }
    for (const [key, d] of Object.entries(drivers)) {
      if (!DRIVER_SET.has(key)) {
        r.error([...path, key], 'invalidValue', { value: key });
        continue;
      }
      for (const p of driverProblems([...path, key], key as DriverKey, d)) r.error(p.path, p.code, p.params);
    }
  }
}

/** A region's season: twelve positive indices, January first. */
function checkRegionSeason(r: Report, plan: Plan): void {
  plan.regions.forEach((region, i) => {
    const s = region.seasonality;
    if (s === undefined) return;
    const path = ['regions', i, 'seasonality'];
    if (!Array.isArray(s) || s.length !== 12) return r.error(path, 'invalidValue', { expected: 12 });
    s.forEach((x, m) => {
      if (typeof x !== 'number' || !Number.isFinite(x)) r.error([...path, m], 'notFinite');
      else if (x <= 0 || x > SEASONALITY_MAX) r.error([...path, m], 'outOfRange', { min: 0, max: SEASONALITY_MAX, value: x });
    });
  });
}

export function checkRegionalValues(plan: Plan, r: Report): void {
  plan.channels.forEach((ch, c) => {
    checkWeights(r, plan, ch, c);
    checkRegionDrivers(r, plan, ch, c);
  });
  checkRegionSeason(r, plan);
}
