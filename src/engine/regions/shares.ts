/**
 * How a channel is shared among the regions it serves (docs/model.md#regions). Pure functions of the
 * plan: every view, the compute and the optimiser read shares from here so they never disagree.
 */
import type { Channel, Plan } from '../types';

export interface RegionShare {
  regionId: string;
  /** Fraction of the channel (0–1); the shares of a channel sum to 1. */
  share: number;
}

// Region ids of a plan's region list, kept per list (lists are replaced, never changed, by edits).
const knownIds = new WeakMap<readonly { id: string }[], Set<string>>();

function regionIds(plan: Plan): Set<string> {
  let ids = knownIds.get(plan.regions);
  if (!ids) {
    ids = new Set(plan.regions.map((r) => r.id));
    knownIds.set(plan.regions, ids);
  }
  return ids;
}

/** The plan regions a channel serves, each once, in the channel's order; unknown ids are left out. */
export function servedRegions(plan: Plan, ch: Channel): string[] {
  const known = regionIds(plan);
  return [...new Set(ch.regions.filter((r) => known.has(r)))];
}

/** A weight as the model reads it: missing → 1; negative or not a number → 0. */
function weightOf(ch: Channel, regionId: string): number {
  const w = ch.regionWeights?.[regionId];
  if (w === undefined) return 1;
  return Number.isFinite(w) && w > 0 ? w : 0;
}

/**
 * Each served region's share: its weight over the sum of the served regions' weights. All weights
 * zero means equal shares (a channel cannot vanish from every region by weights alone). Empty when
 * the channel serves no region of the plan.
 */
export function regionShares(plan: Plan, ch: Channel): RegionShare[] {
  // The optimiser asks for the same channel's shares once per rule; answer from the last call when
  // nothing it depends on was replaced (edits replace objects, they do not change them).
  const hit = sharesCache.get(ch);
  if (hit && hit.regions === plan.regions && hit.served === ch.regions && hit.weights === ch.regionWeights) return hit.shares;
  const shares = Object.freeze(computeShares(plan, ch).map((r) => Object.freeze(r))) as RegionShare[];
  sharesCache.set(ch, { regions: plan.regions, served: ch.regions, weights: ch.regionWeights, shares });
  return shares;
}

const sharesCache = new WeakMap<Channel, { regions: Plan['regions']; served: string[]; weights: Channel['regionWeights']; shares: RegionShare[] }>();

function computeShares(plan: Plan, ch: Channel): RegionShare[] {
  const served = servedRegions(plan, ch);
  const weights = served.map((r) => weightOf(ch, r));
  const total = weights.reduce((s, w) => s + w, 0);
  return served.map((regionId, k) => ({ regionId, share: total > 0 ? weights[k] / total : 1 / served.length }));
}

/** Whether the channel's regions have equal shares (no weights, or all the same). */
export function equalShares(plan: Plan, ch: Channel): boolean {
  const served = servedRegions(plan, ch);
  if (served.length <= 1) return true;
  const w0 = weightOf(ch, served[0]);
  return served.every((r) => weightOf(ch, r) === w0) && w0 > 0;
}

/**
 * An integer amount split by shares into integers that add up to it exactly (largest remainder; ties
 * go to the earlier share). With equal shares this is the split the region roll-up has always used:
 * the remainder goes to the first regions.
 */
export function splitInteger(value: number, shares: readonly number[]): number[] {
  const n = shares.length;
  if (n === 0) return [];
  if (n === 1) return [value];
  const sign = value < 0 ? -1 : 1;
  const abs = Math.abs(value);
  const parts = new Array<number>(n);
  const rest: { k: number; frac: number }[] = [];
  let given = 0;
  for (let k = 0; k < n; k++) {
    const exact = abs * shares[k];
    const whole = Math.floor(exact);
    parts[k] = whole;
    given += whole;
    rest.push({ k, frac: exact - whole });
  }
  let left = Math.round(abs - given);
  rest.sort((a, b) => b.frac - a.frac || a.k - b.k);
  for (let j = 0; left > 0 && j < rest.length; j++, left--) parts[rest[j].k]++;
  // Shares that do not sum exactly to 1 (rounding) can leave a unit over: the first share takes it.
  if (left !== 0) parts[0] += left;
  return parts.map((p) => sign * p);
}

/** Whether a channel has values of its own in any served region, or serves a region with its own season. */
export function hasOwnRegionalValues(plan: Plan, ch: Channel): boolean {
  const served = servedRegions(plan, ch);
  if (served.length === 0) return false;
  const seasons = new Set(plan.regions.filter((r) => r.seasonality?.length === 12).map((r) => r.id));
  return served.some((r) => seasons.has(r) || Object.keys(ch.regionDrivers?.[r] ?? {}).length > 0);
}
