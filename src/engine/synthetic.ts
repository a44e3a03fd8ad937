import { createRng } from './random';
import type { Channel, ChannelType, Driver, DriverKey, Plan } from './types';
import { CHANNEL_TYPES } from './types';

export interface SyntheticPlanOptions {
  channels: number;
  periods: number;
  seed: number;
  /** Make ~10 % of driver cells overrides, as a plan that people have worked on has. */
  withOverrides?: boolean;
}

const PALETTE = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777', '#4f46e5', '#059669'];
const ECOMMERCE_SEASON = [0.85, 0.8, 0.9, 0.95, 1.0, 1.25, 0.9, 0.9, 0.95, 1.0, 1.45, 1.05];

/**
 * A reproducible plan of any size for tests and benchmarks: channel sizes are Pareto-skewed (a few
 * big channels, a long tail), roles and types vary, every driver is inside its valid range.
 */
export function generateSyntheticPlan(opts: SyntheticPlanOptions): Plan {
  const rng = createRng(opts.seed);
  const regions = [
    { id: 'tier1', name: 'Tier-1 cities' },
    { id: 'tier2', name: 'Tier-2 cities' },
    { id: 'lower', name: 'Lower-tier markets' },
  ];
  const startYear = 2027;
  const channels: Channel[] = [];
  for (let c = 0; c < opts.channels; c++) {
    const type: ChannelType = rng.pick(CHANNEL_TYPES);
    const scale = Math.min(rng.pareto(1, 1.3), 40);
    const d = (base: number, extra: Partial<Driver> = {}): Driver => ({ base, ...extra });
    const money = (yuan: number): number => Math.round(yuan * 100);
    const drivers: Record<DriverKey, Driver> = {
      spend: d(money(20000 * scale * rng.range(0.5, 1.5)), { growth: rng.range(-0.005, 0.02), seasonality: ECOMMERCE_SEASON }),
      baseTraffic: d(Math.round(5000 * scale * rng.range(0.3, 1.5)), { growth: rng.range(0, 0.01) }),
      conversion: d(rng.range(0.01, 0.2)),
      aov: d(money(rng.range(80, 2500))),
      returnRate: d(rng.range(0, 0.3)),
      grossMargin: d(rng.range(0.3, 0.65)),
      channelMargin: d(rng.range(0, 0.3)),
      variableCostRate: d(rng.range(0.02, 0.12)),
      fixedCost: d(money(rng.range(0, 60000) * Math.sqrt(scale))),
      newCustomerShare: d(rng.range(0.2, 0.7)),
    };
    if (opts.withOverrides) {
      for (let t = 0; t < opts.periods; t++) {
        if (rng.next() < 0.1) {
          const month = `${startYear + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
          drivers.spend.overrides = { ...drivers.spend.overrides, [month]: money(30000 * scale * rng.next()) };
        }
      }
    }
    const served = regions.filter(() => rng.next() < 0.6).map((r) => r.id);
    channels.push({
      id: `ch-${c + 1}`,
      name: `Channel ${c + 1}`,
      type,
      role: c < Math.max(1, Math.round(opts.channels * 0.2)) ? 'main' : 'auxiliary',
      regions: served,
      color: PALETTE[c % PALETTE.length],
      drivers,
      curve: {
        type: 'hill',
        max: Math.round(20000 * scale * rng.range(0.5, 2)),
        halfSat: money(25000 * scale * rng.range(0.5, 2)),
        shape: rng.pick([0.6, 0.8, 1, 1.5, 2.2]),
      },
    });
  }
  return {
    id: `synthetic-${opts.seed}-${opts.channels}x${opts.periods}`,
    name: `Synthetic ${opts.channels} × ${opts.periods}`,
    currency: 'CNY',
    locale: 'en',
    timeline: { start: `${startYear}-01`, periods: opts.periods },
    regions,
    channels,
    customMetrics: [],
    scenarios: [],
    cannibalisation: [],
    uncertainty: [],
    budgetBounds: [],
    evaluation: {},
    notes: `Generated with seed ${opts.seed}.`,
    createdAt: 0,
    updatedAt: 0,
  };
}
