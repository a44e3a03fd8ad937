/**
 * The plan edits of growth and seasonality, one small function per kind of edit, so that each user
 * action becomes one list of ops (one undo step). Channels are addressed by position in
 * `plan.channels`: the `…At` builders take the position, the others look it up by id.
 */
import type { Op } from '../patch';
import type { DriverKey, Plan } from '../types';
import { isFlat } from './profile';

/**
 * Monthly compound growth of one driver. A typed 0 is kept: "no growth, decided" is not the same as
 * growth never set (undefined), which the grid shows as a prompt.
 */
export function growthOpAt(channelIndex: number, key: DriverKey, perMonth: number | undefined): Op {
  return { path: ['channels', channelIndex, 'drivers', key, 'growth'], value: perMonth };
}

/** A seasonality profile of one driver; a flat profile (or null) removes it. */
export function seasonalityOpAt(channelIndex: number, key: DriverKey, indices: readonly number[] | null): Op {
  const value = indices === null || isFlat(indices) ? undefined : [...indices];
  return { path: ['channels', channelIndex, 'drivers', key, 'seasonality'], value };
}

function indexOf(plan: Plan, channelId: string): number {
  return plan.channels.findIndex((c) => c.id === channelId);
}

export function growthOps(plan: Plan, channelId: string, key: DriverKey, perMonth: number | undefined): Op[] {
  const i = indexOf(plan, channelId);
  return i < 0 ? [] : [growthOpAt(i, key, perMonth)];
}

/**
 * The same seasonality profile on one driver of each listed channel (one channel for a typed index,
 * several when a preset is applied). Each channel gets its own copy of the array.
 */
export function seasonalityOps(plan: Plan, channelIds: readonly string[], key: DriverKey, indices: readonly number[] | null): Op[] {
  const ops: Op[] = [];
  for (const id of channelIds) {
    const i = indexOf(plan, id);
    if (i >= 0) ops.push(seasonalityOpAt(i, key, indices));
  }
  return ops;
}

/** Removes the months of one driver typed in the Periods grid, so that every month follows the profile again. */
export function clearOverridesOps(plan: Plan, channelId: string, key: DriverKey): Op[] {
  const i = indexOf(plan, channelId);
  return i < 0 ? [] : [{ path: ['channels', i, 'drivers', key, 'overrides'], value: undefined }];
}

/** Growth and seasonality of one channel's driver copied onto the same driver of other channels. */
export function copyProfileOps(plan: Plan, fromId: string, toIds: readonly string[], key: DriverKey, withGrowth: boolean): Op[] {
  const from = plan.channels.find((c) => c.id === fromId)?.drivers[key];
  if (!from) return [];
  const ops = seasonalityOps(plan, toIds, key, from.seasonality ?? null);
  if (withGrowth) {
    for (const id of toIds) ops.push(...growthOps(plan, id, key, from.growth));
  }
  return ops;
}
