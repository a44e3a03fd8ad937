import { median } from './evaluation/average';
import type { Channel, Driver, DriverKey, Plan } from './types';

export const CHANNEL_PALETTE = [
  '#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2',
  '#ca8a04', '#db2777', '#4f46e5', '#059669', '#7c3aed', '#0d9488',
];

/** Drivers whose growth is the growth of the business: a new channel inherits the plan's typical rate. */
export const GROWING_DRIVERS = ['spend', 'baseTraffic'] as const satisfies readonly DriverKey[];
export type GrowingDriver = (typeof GROWING_DRIVERS)[number];

/**
 * Monthly growth a new channel starts with: for spend and base traffic, the median monthly growth of
 * that driver across the plan's channels (a channel without growth counts as 0).
 *
 * Why the median and not zero: a channel without growth has flat net revenue, so its year-on-year
 * growth is 0 and the BCG matrix files it below the median line as a cash cow or dog before the
 * planner has said anything about it. Growing "like the rest of the plan" puts it on the median
 * instead: neutral until the planner sets its own rate, which the app prompts for. Rates (conversion,
 * margins) and prices start flat: inheriting them would change the unit economics the planner typed.
 * A plan without channels gives 0, and the prompt says so.
 */
export function defaultGrowth(plan: Plan): Record<GrowingDriver, number> {
  const out = {} as Record<GrowingDriver, number>;
  for (const key of GROWING_DRIVERS) {
    out[key] = median(plan.channels.map((c) => c.drivers[key]?.growth ?? 0)) ?? 0;
  }
  return out;
}

/**
 * A new channel as the grid adds it: modest, round numbers that compute to a visible result, so the
 * user sees at once what each driver does when they change it. Money in minor units of `digits`.
 * `growth` is the monthly growth of spend and base traffic (see `defaultGrowth`).
 */
export function newChannel(id: string, name: string, color: string, digits: number, growth?: Partial<Record<GrowingDriver, number>>): Channel {
  const money = (major: number): number => Math.round(major * 10 ** digits);
  const growing = (base: number, g: number | undefined): Driver => (g ? { base, growth: g } : { base });
  return {
    id,
    name,
    type: 'other',
    role: 'auxiliary',
    regions: [],
    color,
    drivers: {
      spend: growing(money(10000), growth?.spend),
      baseTraffic: growing(5000, growth?.baseTraffic),
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
