import { computePlan } from '../../../src/engine/compute';
import { settlementGroups } from '../../../src/engine/rebates';
import type { Channel, Driver, DriverKey, Plan, RebateMode, SettlementPeriod } from '../../../src/engine/types';

/** A one-channel plan with round numbers, so expected values can be worked out by hand. */
export function simpleChannel(id: string, overrides: Partial<Record<DriverKey, Driver>> = {}, curve?: Channel['curve']): Channel {
  return {
    id,
    name: id,
    type: 'ecommercePlatform',
    role: 'main',
    regions: [],
    color: '#336699',
    drivers: {
      spend: { base: 1_000_000 }, // ¥10,000.00
      baseTraffic: { base: 10_000 },
      conversion: { base: 0.02 },
      aov: { base: 20_000 }, // ¥200.00
      returnRate: { base: 0.1 },
      grossMargin: { base: 0.5 },
      channelMargin: { base: 0.2 },
      variableCostRate: { base: 0.05 },
      fixedCost: { base: 500_000 },
      newCustomerShare: { base: 0.5 },
      ...overrides,
    },
    curve: curve ?? { type: 'hill', max: 10_000, halfSat: 1_000_000, shape: 1 },
  };
}

export function simplePlan(channels: Channel[], periods = 12): Plan {
  return {
    id: 'p1',
    name: 'Test',
    currency: 'CNY',
    locale: 'en',
    timeline: { start: '2027-01', periods },
    regions: [
      { id: 'north', name: 'North' },
      { id: 'south', name: 'South' },
    ],
    channels,
    customMetrics: [],
    scenarios: [],
    cannibalisation: [],
    uncertainty: [],
    budgetBounds: [],
    evaluation: {},
    notes: '',
    createdAt: 0,
    updatedAt: 0,
  };
}

/**
 * Gives channel `c` a rebate whose thresholds are multiples of its average net revenue per
 * settlement period (rates 1 %, 2 %, … by tier), so that tests land on both sides of the tiers.
 */
export function addRebate(plan: Plan, c: number, mode: RebateMode, period: SettlementPeriod, multiples: number[]): void {
  const res = computePlan(plan);
  const P = res.periods;
  let revenue = 0;
  for (let t = 0; t < P; t++) revenue += res.flows.netRevenue[c * P + t];
  const perPeriod = revenue / settlementGroups(res.months, period).length;
  const at = [...multiples].sort((a, b) => a - b);
  plan.channels[c].rebate = { mode, period, tiers: at.map((x, k) => ({ threshold: Math.round(x * perPeriod) + k, rate: 0.01 * (k + 1) })) };
}
