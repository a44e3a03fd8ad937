import type { Channel } from '../types';

/**
 * A region's share of a channel (docs/model.md#regions): its weight over the sum of the weights of the
 * regions the channel serves (a region without a weight counts 1, so no weights means equal shares);
 * 0 for a region the channel does not serve.
 */
export function regionShare(ch: Channel, regionId: string): number {
  if (!ch.regions.includes(regionId)) return 0;
  const weight = (r: string): number => {
    const w = ch.regionWeights?.[r];
    return w !== undefined && Number.isFinite(w) && w >= 0 ? w : 1;
  };
  let sum = 0;
  for (const r of ch.regions) sum += weight(r);
  return sum > 0 ? weight(regionId) / sum : 0;
}
