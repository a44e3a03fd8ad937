import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { createPlanFromTemplate } from '../../../src/engine/templates';
import type { Plan } from '../../../src/engine/types';
import { lastActualMonth } from '../../../src/engine/variance/actualMonths';
import { reforecastPlan } from '../../../src/engine/variance/reforecast';
import { likeForLike, toleranceStatus, varianceCell, varianceGrid, ytdRollup, ytdTotal, ytdWindow } from '../../../src/engine/variance/variance';

function plan(): Plan {
  const p = createPlanFromTemplate('beauty', { id: 'p', now: 0, locale: 'en' });
  p.regions = [{ id: 'north', name: 'North' }, { id: 'south', name: 'South' }] as Plan['regions'];
  p.channels.find((c) => c.id === 'ch-stores')!.regions = ['north', 'south'];
  p.actuals = {
    start: '2027-01',
    months: 4,
    series: [
      { channelId: 'ch-tmall', regionId: '', values: { netRevenue: [500_000_000, null, 400_000_000, null] } },
      { channelId: 'ch-stores', regionId: 'north', values: { netRevenue: [60_000_000, 70_000_000, 80_000_000, null] } },
      { channelId: 'ch-stores', regionId: 'south', values: { netRevenue: [40_000_000, 30_000_000, null, null] } },
    ],
    source: { kind: 'table', name: 'x', importedAt: 0 },
    channelNames: [],
    regionNames: [],
  };
  return p;
}

describe('plan vs actual', () => {
  it('totals like for like: each month the plan of the channels that reported it, the others left out', () => {
    const p = plan();
    const res = computePlan(p);
    const rows = varianceGrid(p, res, 'netRevenue');
    const P = res.periods;
    const flow = (id: string, t: number) => res.flows.netRevenue[p.channels.findIndex((c) => c.id === id) * P + t];
    const { cells, reporting } = likeForLike(rows, res.months.length);
    // Tmall and the stores report; the template's other channels never do.
    expect(p.channels.length).toBeGreaterThan(2);
    expect(reporting.map((r) => r.key)).toEqual(['ch-tmall', 'ch-stores']);
    // January: both reported.
    expect(cells[0]).toEqual(varianceCell(flow('ch-tmall', 0) + flow('ch-stores', 0), 500_000_000 + 100_000_000));
    // February: only the stores did, so only their plan counts.
    expect(cells[1]).toEqual(varianceCell(flow('ch-stores', 1), 100_000_000));
    // March: Tmall and the stores' north region.
    expect(cells[2]).toEqual(varianceCell(flow('ch-tmall', 2) + flow('ch-stores', 2), 400_000_000 + 80_000_000));
    // April on: no actual; the plan of the channels that report, not of every channel.
    expect(cells[3]).toEqual(varianceCell(flow('ch-tmall', 3) + flow('ch-stores', 3), null));
    expect(cells[3].plan).toBeLessThan(rows.reduce((a, r) => a + r.cells[3].plan, 0));
    // Without any actual every row counts.
    const none = rows.map((r) => ({ ...r, cells: r.cells.map((c) => varianceCell(c.plan, null)) }));
    expect(likeForLike(none, res.months.length).cells[0].plan).toBe(rows.reduce((a, r) => a + r.cells[0].plan, 0));
  });

  it('gives Δ and Δ % per channel and month, and nothing where no actual was given', () => {
    const p = plan();
    const res = computePlan(p);
    const rows = varianceGrid(p, res, 'netRevenue');
    const tmall = rows.find((r) => r.key === 'ch-tmall')!;
    const P = res.periods;
    const c = p.channels.findIndex((ch) => ch.id === 'ch-tmall');
    const planJan = res.flows.netRevenue[c * P];
    expect(tmall.cells[0]).toEqual({ plan: planJan, actual: 500_000_000, delta: 500_000_000 - planJan, deltaPct: (500_000_000 - planJan) / planJan });
    expect(tmall.cells[1]).toEqual({ plan: res.flows.netRevenue[c * P + 1], actual: null, delta: null, deltaPct: null });
    // Regions summed: 60 + 40 million in January.
    expect(rows.find((r) => r.key === 'ch-stores')!.cells[0].actual).toBe(100_000_000);
    // Douyin has no actuals at all.
    expect(rows.find((r) => r.key === 'ch-douyin-live')!.cells.every((x) => x.actual === null)).toBe(true);
  });

  it('classes differences against the tolerance, and never divides by a zero plan', () => {
    expect(toleranceStatus(varianceCell(100, 105), 0.05)).toBe('within');
    expect(toleranceStatus(varianceCell(100, 106), 0.05)).toBe('above');
    expect(toleranceStatus(varianceCell(100, 94), 0.05)).toBe('below');
    expect(toleranceStatus(varianceCell(100, null), 0.05)).toBe('none');
    expect(varianceCell(0, 10)).toEqual({ plan: 0, actual: 10, delta: 10, deltaPct: null });
  });

  it('sums year to date like for like through the last actual month', () => {
    const p = plan();
    const res = computePlan(p);
    expect(lastActualMonth(p.actuals!)).toBe('2027-03');
    const w = ytdWindow(p, res.months)!;
    expect(w).toMatchObject({ first: 0, last: 2, from: '2027-01', through: '2027-03' });
    const P = res.periods;
    const planOf = (id: string, t: number) => res.flows.netRevenue[p.channels.findIndex((ch) => ch.id === id) * P + t];
    const byChannel = ytdRollup(p, res, 'netRevenue', 'channel', w)!;
    const tmall = byChannel.find((r) => r.key === 'ch-tmall')!;
    // February has no actual: its plan is left out.
    expect(tmall.cell.plan).toBe(planOf('ch-tmall', 0) + planOf('ch-tmall', 2));
    expect(tmall.cell.actual).toBe(900_000_000);
    expect(tmall.months).toBe(2);
    const total = ytdTotal(p, res, 'netRevenue', w);
    expect(total.cell.actual).toBe(900_000_000 + 280_000_000);
    expect(total.cell.plan).toBe(planOf('ch-tmall', 0) + planOf('ch-tmall', 2) + planOf('ch-stores', 0) + planOf('ch-stores', 1) + planOf('ch-stores', 2));
    expect(total.months).toBe(3);
    // By region: only stores report by region; their plan split equally between north and south
    // (Tmall, reported as a whole, is left out); south reported Jan and Feb only.
    const regions = ytdRollup(p, res, 'netRevenue', 'region', w)!;
    expect(regions.map((r) => r.key)).toEqual(['north', 'south']);
    const south = regions.find((r) => r.key === 'south')!;
    const north = regions.find((r) => r.key === 'north')!;
    expect(south.cell.actual).toBe(70_000_000);
    expect(Math.abs(south.cell.plan - (planOf('ch-stores', 0) + planOf('ch-stores', 1)) / 2)).toBeLessThanOrEqual(1);
    expect(north.cell.actual).toBe(210_000_000);
    expect(Math.abs(north.cell.plan - (planOf('ch-stores', 0) + planOf('ch-stores', 1) + planOf('ch-stores', 2)) / 2)).toBeLessThanOrEqual(1.5);
    // Without region series there is nothing to compare by region.
    p.actuals!.series = p.actuals!.series.map((s) => ({ ...s, regionId: '' }));
    expect(ytdRollup(p, res, 'netRevenue', 'region', w)).toBeNull();
  });

  it('re-forecasts each channel from its actuals over the plan months after M', () => {
    const p = createPlanFromTemplate('beauty', { id: 'p', now: 0, locale: 'en' });
    // Three years of a seasonal series ending 2027-03.
    const values = Array.from({ length: 39 }, (_, k) => Math.round(100_000_000 * (1 + 0.01 * k) * (1 + 0.3 * Math.sin((2 * Math.PI * k) / 12))));
    p.actuals = { start: '2024-01', months: 39, series: [{ channelId: 'ch-tmall', regionId: '', values: { netRevenue: values } }], source: { kind: 'table', name: 'x', importedAt: 0 }, channelNames: [], regionNames: [] };
    const f = reforecastPlan(p, '2027-03');
    expect(f.months[0]).toBe('2027-04');
    expect(f.months.length).toBe(p.timeline.periods - 3);
    expect(f.reforecast).toHaveLength(1);
    const r = f.reforecast[0].netRevenue;
    expect(r).toHaveLength(f.months.length);
    expect(r.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
    // The forecast follows the seasonal pattern of the history: April 2027 near April 2026 × trend.
    expect(Math.abs(r[0] / values[27] - 1)).toBeLessThan(0.25);
    const band = f.bands[0];
    expect(band.lower.every((v, k) => v <= r[k] && r[k] <= band.upper[k])).toBe(true);
    expect(f.skipped.map((s) => s.channelId)).toContain('ch-stores');
  });
});
