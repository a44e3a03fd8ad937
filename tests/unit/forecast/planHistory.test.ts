import { describe, expect, it } from 'vitest';
import { channelHistories, forecastWindow, holdoutFor } from '../../../src/engine/forecast';
import { planWithActuals } from './forecastPlan';

describe('channel histories from the plan’s actuals', () => {
  it('sums a channel’s regions month by month; a region that gives nothing adds nothing', () => {
    const plan = planWithActuals(24);
    const tmall = plan.actuals!.series[0];
    const total = tmall.values.netRevenue!;
    // Split the channel into two regions; the second leaves March 2025 empty.
    const north = total.map((v) => Math.round(v! * 0.4));
    const south = total.map((v, t) => (t === 14 ? null : v! - Math.round(v! * 0.4)));
    plan.actuals!.series.splice(0, 1, { channelId: tmall.channelId, regionId: 'north', values: { netRevenue: north } }, { channelId: tmall.channelId, regionId: 'south', values: { netRevenue: south } });
    const h = channelHistories(plan, 'netRevenue')[0];
    expect(h).toMatchObject({ start: '2025-01', end: '2026-12', regions: 2, notes: [] });
    expect(h.values[0]).toBe(total[0]);
    expect(h.values[14]).toBe(north[14]);
  });

  it('a long gap inside the data: the unbroken months after it, and a note that says how many were missing', () => {
    const plan = planWithActuals(36);
    const column = plan.actuals!.series[1].values.netRevenue!;
    column[5] = null;
    column[6] = null;
    column[7] = null;
    column[35] = null; // a trailing empty month is no gap: the data simply ends earlier
    const h = channelHistories(plan, 'netRevenue')[1];
    expect(h).toMatchObject({ start: '2024-09', end: '2026-11', notes: [{ code: 'history.gap', params: { missing: 3, from: '2024-09' } }] });
    expect(h.values).toHaveLength(27);
    const none = channelHistories(plan, 'orders')[0];
    expect(none.values).toHaveLength(0);
    expect(none.notes[0].code).toBe('history.empty');
  });

  it('a short gap is filled for the forecast only, from the same months a year earlier, and said so', () => {
    const plan = planWithActuals(36);
    const column = plan.actuals!.series[1].values.netRevenue!;
    const [before, left, right, leftBefore, rightBefore] = [column[18], column[19], column[22], column[7], column[10]] as number[];
    const yearEarlier = [column[8], column[9]] as number[];
    column[20] = null;
    column[21] = null;
    const h = channelHistories(plan, 'netRevenue')[1];
    expect(h.values).toHaveLength(36);
    expect(h.notes).toEqual([{ code: 'history.filled', params: { months: ['2025-09', '2025-10'] } }]);
    const scale = (left + right) / (leftBefore + rightBefore);
    expect(h.values[20]).toBeCloseTo(yearEarlier[0] * scale, 6);
    expect(h.values[21]).toBeCloseTo(yearEarlier[1] * scale, 6);
    expect(h.values[18]).toBe(before);
    // The stored actuals keep their gap.
    expect(plan.actuals!.series[1].values.netRevenue![20]).toBeNull();
  });

  it('the window: data up to the plan, overlapping it, or ending before it', () => {
    const plan = planWithActuals();
    expect(forecastWindow(plan, '2026-12')).toEqual({ firstMonth: '2027-01', horizon: 24, firstPeriod: 0, gap: 0, overlap: 0 });
    expect(forecastWindow(plan, '2027-03')).toEqual({ firstMonth: '2027-04', horizon: 21, firstPeriod: 3, gap: 0, overlap: 3 });
    expect(forecastWindow(plan, '2026-09')).toEqual({ firstMonth: '2026-10', horizon: 27, firstPeriod: 0, gap: 3, overlap: 0 });
    expect(forecastWindow(plan, '2028-12').horizon).toBe(0);
  });

  it('hold-out: 12 months when 2 years remain, fewer for shorter series (never more than one cycle’s worth of training lost), none when too short', () => {
    expect(holdoutFor(48)).toBe(12);
    expect(holdoutFor(36)).toBe(12);
    expect(holdoutFor(32)).toBe(8);
    expect(holdoutFor(30)).toBe(7);
    expect(holdoutFor(26)).toBe(6);
    expect(holdoutFor(20)).toBe(5);
    expect(holdoutFor(14)).toBe(1);
    expect(holdoutFor(13)).toBe(0);
    // Never more for a shorter series.
    for (let n = 1; n < 60; n++) expect(holdoutFor(n)).toBeLessThanOrEqual(holdoutFor(n + 1));
    expect(holdoutFor(48, 0)).toBe(0);
  });
});
