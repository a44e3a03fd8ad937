import { generateSyntheticPlan } from '../src/engine/synthetic';
import type { Plan } from '../src/engine/types';

/**
 * The W4r plan: 50 channels × 36 months serving 10 regions each, with weights and regional drivers
 * on every channel, so every channel is computed region by region (500 channel × region rows).
 */
export function regionalBenchPlan(): Plan {
  const plan = generateSyntheticPlan({ channels: 50, periods: 36, seed: 42, withOverrides: true });
  const regions = Array.from({ length: 10 }, (_, k) => ({ id: `r${k}`, name: `Region ${k + 1}` }));
  return {
    ...plan,
    id: 'benchW4r',
    updatedAt: Date.now(),
    regions,
    channels: plan.channels.map((ch, c) => ({
      ...ch,
      regions: regions.map((r) => r.id),
      regionWeights: Object.fromEntries(regions.map((r, k) => [r.id, 1 + ((c + k) % 4)])),
      regionDrivers: {
        [regions[c % 10].id]: { aov: { base: Math.round(ch.drivers.aov.base * 1.2) } },
        [regions[(c + 3) % 10].id]: { spend: { base: Math.round(ch.drivers.spend.base / 8) }, conversion: { base: Math.min(1, ch.drivers.conversion.base * 0.8) } },
      },
    })),
  };
}
