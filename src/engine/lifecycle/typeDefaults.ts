/**
 * Starting drivers of a channel of each type, for a channel a scenario launches: typical unit
 * economics of the kind of channel (an intermediary keeps a margin, a store has rent, a live-stream
 * has a platform take and high returns), to be edited by the planner. Money in major units here.
 */
import { newChannel } from '../channelDefaults';
import type { Channel, ChannelType } from '../types';

interface TypeProfile {
  role: Channel['role'];
  spend: number;
  baseTraffic: number;
  conversion: number;
  aov: number;
  returnRate: number;
  grossMargin: number;
  channelMargin: number;
  variableCostRate: number;
  fixedCost: number;
}

const P = (spend: number, baseTraffic: number, conversion: number, aov: number, returnRate: number, channelMargin: number, variableCostRate: number, fixedCost: number): TypeProfile => ({
  role: 'auxiliary', spend, baseTraffic, conversion, aov, returnRate, grossMargin: 0.5, channelMargin, variableCostRate, fixedCost,
});

export const TYPE_PROFILES: Record<ChannelType, TypeProfile> = {
  directStore: P(10000, 8000, 0.12, 300, 0.03, 0, 0.03, 60000),
  officialSite: P(20000, 10000, 0.025, 250, 0.06, 0, 0.06, 10000),
  salesForce: P(5000, 800, 0.15, 3000, 0.02, 0, 0.02, 80000),
  distributor: P(10000, 2000, 0.2, 2000, 0.02, 0.25, 0.03, 10000),
  agent: P(5000, 1500, 0.15, 1500, 0.02, 0.15, 0.03, 5000),
  franchise: P(5000, 6000, 0.1, 250, 0.03, 0.3, 0.02, 5000),
  ecommercePlatform: P(50000, 20000, 0.03, 200, 0.08, 0.05, 0.08, 20000),
  socialCommerce: P(20000, 10000, 0.04, 150, 0.08, 0.05, 0.07, 10000),
  liveStream: P(50000, 5000, 0.03, 180, 0.15, 0.2, 0.08, 20000),
  retailTerminal: P(10000, 15000, 0.08, 50, 0.02, 0.2, 0.04, 20000),
  o2o: P(15000, 8000, 0.06, 100, 0.03, 0.1, 0.1, 10000),
  communityGroupBuy: P(10000, 12000, 0.08, 60, 0.03, 0.15, 0.08, 5000),
  other: P(10000, 5000, 0.03, 200, 0.05, 0, 0.05, 5000),
};

/** A channel of `type` with that type's starting drivers (flat: no growth, no seasonality). */
export function channelOfType(id: string, name: string, type: ChannelType, color: string, digits: number): Channel {
  const p = TYPE_PROFILES[type];
  const money = (major: number): number => Math.round(major * 10 ** digits);
  const ch = newChannel(id, name, color, digits);
  return {
    ...ch,
    type,
    role: p.role,
    drivers: {
      spend: { base: money(p.spend) },
      baseTraffic: { base: p.baseTraffic },
      conversion: { base: p.conversion },
      aov: { base: money(p.aov) },
      returnRate: { base: p.returnRate },
      grossMargin: { base: p.grossMargin },
      channelMargin: { base: p.channelMargin },
      variableCostRate: { base: p.variableCostRate },
      fixedCost: { base: money(p.fixedCost) },
      newCustomerShare: { base: 0.4 },
    },
    // Scaled so the curve's half-saturation sits at twice the starting spend, as for a new grid channel.
    curve: { type: 'hill', max: p.baseTraffic * 2, halfSat: money(p.spend * 2), shape: 1 },
  };
}
