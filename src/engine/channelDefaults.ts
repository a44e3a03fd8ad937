import type { Channel } from './types';

export const CHANNEL_PALETTE = [
  '#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2',
  '#ca8a04', '#db2777', '#4f46e5', '#059669', '#7c3aed', '#0d9488',
];

/**
 * A new channel as the grid adds it: modest, round numbers that compute to a visible result, so the
 * user sees at once what each driver does when they change it. Money in minor units of `digits`.
 */
export function newChannel(id: string, name: string, color: string, digits: number): Channel {
  const money = (major: number): number => Math.round(major * 10 ** digits);
  return {
    id,
    name,
    type: 'other',
    role: 'auxiliary',
    regions: [],
    color,
    drivers: {
      spend: { base: money(10000) },
      baseTraffic: { base: 5000 },
      conversion: { base: 0.03 },
      aov: { base: money(200) },
      returnRate: { base: 0.05 },
      grossMargin: { base: 0.5 },
      channelMargin: { base: 0 },
      variableCostRate: { base: 0.05 },
      fixedCost: { base: money(5000) },
      newCustomerShare: { base: 0.4 },
    },
    curve: { type: 'hill', max: 10000, halfSat: money(20000), shape: 1 },
  };
}
