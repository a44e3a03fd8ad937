import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { createPlanFromTemplate } from '../../../src/engine/templates';
import type { Reforecast } from '../../../src/engine/variance/reforecast';
import { varianceGrid } from '../../../src/engine/variance/variance';
import { varianceChartOption } from '../../../src/ui/actuals/variance/varianceChart';

interface Series { name: string; data: (number | null)[] }

describe('the plan vs actual chart of all channels', () => {
  it('sets each month the actuals of the channels that reported it against their plan, and the re-forecast against theirs', () => {
    const p = createPlanFromTemplate('beauty', { id: 'p', now: 0, locale: 'en' });
    // Two of the plan's channels report January and February; the others never do.
    p.actuals = {
      start: '2027-01',
      months: 2,
      series: [
        { channelId: 'ch-tmall', regionId: '', values: { netRevenue: [500_000_000, 520_000_000] } },
        { channelId: 'ch-stores', regionId: '', values: { netRevenue: [100_000_000, null] } },
      ],
      source: { kind: 'table', name: 'x', importedAt: 0 },
      channelNames: [],
      regionNames: [],
    };
    const res = computePlan(p);
    const P = res.periods;
    const flow = (id: string, t: number) => res.flows.netRevenue[p.channels.findIndex((c) => c.id === id) * P + t];
    const rows = varianceGrid(p, res, 'netRevenue');
    const after = res.months.slice(2);
    const reforecast: Reforecast = {
      through: '2027-02',
      months: after,
      reforecast: [
        { channelId: 'ch-tmall', netRevenue: after.map(() => 510_000_000) },
        { channelId: 'ch-stores', netRevenue: after.map(() => 90_000_000) },
      ] as Reforecast['reforecast'],
      bands: [],
      notes: [],
      skipped: p.channels.filter((c) => c.id !== 'ch-tmall' && c.id !== 'ch-stores').map((c) => ({ channelId: c.id, reason: 'noActuals' as const })),
    };
    const option = varianceChartOption(res.months, rows, 'netRevenue', { currency: 'CNY', locale: 'en' }, reforecast, false) as unknown as { series: Series[] };
    const series = (name: string) => option.series.find((s) => s.name === name)!.data;
    expect(series('Actual').slice(0, 3)).toEqual([600_000_000, 520_000_000, null]);
    expect(series('Plan')[0]).toBe(flow('ch-tmall', 0) + flow('ch-stores', 0));
    expect(series('Plan')[1]).toBe(flow('ch-tmall', 1));
    // After the actuals: the plan of the two channels the re-forecast is of, not of all five.
    expect(series('Plan')[2]).toBe(flow('ch-tmall', 2) + flow('ch-stores', 2));
    expect(option.series.find((s) => s.name !== 'Actual' && s.name !== 'Plan')!.data[2]).toBe(600_000_000);
  });
});
