/**
 * A beauty-template plan (2027) with three years of monthly net revenue (2024–2026) for three of its
 * channels, drawn with a fixed seed: growth, a Double 11 peak, a festival month, noise. Shared by the
 * apply-as-baseline and worker tests.
 */
import { mulberry32 } from '../../../src/engine/random';
import { createPlanFromTemplate } from '../../../src/engine/templates';
import { shiftMonth } from '../../../src/engine/timeline';
import type { ActualSeries, Plan } from '../../../src/engine/types';

export function planWithActuals(months = 36): Plan {
  const plan = createPlanFromTemplate('beauty', { id: 'plan-forecast', now: Date.UTC(2026, 11, 1), locale: 'en' });
  plan.timeline = { start: '2027-01', periods: 24 };
  const u = mulberry32(12);
  const series: ActualSeries[] = plan.channels.slice(0, 3).map((channel, k) => {
    const level = [650_000_000, 210_000_000, 120_000_000][k];
    const values: number[] = [];
    for (let t = 0; t < months; t++) {
      const m = t % 12;
      const season = m === 10 ? 1.8 : m === 11 ? 1.3 : m === 5 ? 1.25 : m === 1 ? 0.8 : 1;
      values.push(Math.round(level * Math.pow(1.12, t / 12) * season * (1 + 0.06 * (u() - 0.5))));
    }
    return { channelId: channel.id, regionId: '', values: { netRevenue: values } };
  });
  plan.actuals = {
    start: shiftMonth('2027-01', -months) ?? '2024-01',
    months,
    series,
    source: { kind: 'table', name: 'sales.xlsx', importedAt: Date.UTC(2027, 0, 5) },
    channelNames: [],
    regionNames: [],
  };
  return plan;
}
