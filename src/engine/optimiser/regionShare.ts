import { regionShares } from '../regions/shares';
import type { Channel, Plan } from '../types';

/** A region's share of a channel (docs/model.md#regions), as the compute reads it; 0 for a region it does not serve. */
export function regionShare(plan: Plan, ch: Channel, regionId: string): number {
  return regionShares(plan, ch).find((r) => r.regionId === regionId)?.share ?? 0;
}
