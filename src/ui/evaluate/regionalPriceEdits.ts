import type { AovCheck } from '../../engine/evaluation';
import { scaledAov } from '../../engine/evaluation';
import type { Op } from '../../engine/patch';
import type { Plan } from '../../engine/types';

/**
 * The two ways to make a regional price and the plan's AOV there agree (docs/model.md#regional-prices),
 * each one edit. Returns null when the check gives nothing to set it from.
 */

/** The region's own AOV: the channel's AOV driver × the price list's ratio. */
export function aovFromPriceOps(plan: Plan, check: AovCheck): { ops: Op[]; value: number } | null {
  const c = plan.channels.findIndex((ch) => ch.id === check.channelId);
  if (c < 0 || check.priceRatio === null || check.regionId === '') return null;
  const ch = plan.channels[c];
  const aov = scaledAov(ch.drivers.aov, check.priceRatio);
  if (!(aov.base > 0)) return null;
  const own = ch.regionDrivers ?? {};
  // The whole map is written: a channel without regional drivers has none to address by path.
  const next = { ...own, [check.regionId]: { ...(own[check.regionId] ?? {}), aov } };
  return { ops: [{ path: ['channels', { id: ch.id }, 'regionDrivers'], value: next }], value: aov.base };
}

/** The price: its base price × the plan's ratio, in whole minor units. */
export function priceFromPlanOps(plan: Plan, check: AovCheck): { ops: Op[]; value: number } | null {
  const entries = plan.evaluation.prices?.entries ?? [];
  const i = entries.findIndex((e) => e.id === check.entryId);
  if (i < 0 || check.basePrice === null || check.planRatio === null) return null;
  const value = Math.round(check.basePrice * check.planRatio);
  if (!(value > 0)) return null;
  return { ops: [{ path: ['evaluation', 'prices', 'entries', { id: check.entryId }, 'price'], value }], value };
}
