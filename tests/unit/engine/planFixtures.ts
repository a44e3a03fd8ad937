import type { Channel, Driver, DriverKey, Plan } from '../../../src/engine/types';

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
    notes: '',
    createdAt: 0,
    updatedAt: 0,
  };
}
