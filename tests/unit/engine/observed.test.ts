import { describe, expect, it } from 'vitest';
import { classifyChannels } from '../../../src/engine/evaluation';
import { createPlanFromTemplate } from '../../../src/engine/templates';
import type { Plan } from '../../../src/engine/types';
import { observe, observedBcgInputs, observedMetric, type Observed } from '../../../src/engine/variance/observed';

function plan(months: number): Plan {
  const p = createPlanFromTemplate('beauty', { id: 'p', now: 0, locale: 'en' });
  // From 2025-04: Tmall 100 a month growing to 120 a month a year later; stores flat at 50; months in minor units.
  const tmall = Array.from({ length: months }, (_, k) => (k < 12 ? 100 : 120));
  const stores = Array.from({ length: months }, (_, k) => (k === 20 ? null : 50));
  p.actuals = {
    start: '2025-04',
    months,
    series: [
      { channelId: 'ch-tmall', regionId: '', values: { netRevenue: tmall, spend: tmall.map(() => 10) } },
      { channelId: 'ch-stores', regionId: 'tier1', values: { netRevenue: stores } },
    ],
    source: { kind: 'table', name: 'x', importedAt: 0 },
    channelNames: [],
    regionNames: [],
  };
  return p;
}

describe('evaluation on actuals', () => {
  it('measures share over the last 12 months and growth against the same months a year earlier', () => {
    const o = observe(plan(24)) as Observed;
    expect(o.window).toEqual({ from: '2026-04', through: '2027-03', months: 12, previousFrom: '2025-04', previousThrough: '2026-03' });
    expect(o.growthRefused).toBeNull();
    const [tmall, stores] = [0, 1];
    expect(o.netRevenue[tmall]).toBe(1440);
    // Stores miss one month (2026-12): 11 × 50.
    expect(o.netRevenue[stores]).toBe(550);
    expect(o.growth[tmall]).toBeCloseTo(0.2, 12);
    // Like for like: the missing month is left out of both years, so flat stays flat.
    expect(o.growth[stores]).toBeCloseTo(0, 12);
    expect(observedMetric(o, 'revenueShare', tmall)).toBeCloseTo(1440 / 1990, 12);
    expect(observedMetric(o, 'roas', tmall)).toBeCloseTo(12, 12);
    expect(observedMetric(o, 'roi', tmall)).toBeNull();
    const inputs = observedBcgInputs(o);
    expect(inputs[tmall]).toEqual({ share: 1440 / 1990, growth: o.growth[tmall], contribution: 1440 });
    const points = classifyChannels(inputs, { shareMode: 'share', growthMode: 'yoy' }).points;
    expect(points[tmall].quadrant).toBe('star');
  });

  it('refuses growth when the data lacks the earlier year, and says from when it would need data', () => {
    const o = observe(plan(18)) as Observed;
    expect(o.window.from).toBe('2025-10');
    expect(o.growthRefused).toEqual({ kind: 'noEarlierYear', start: '2025-04', needed: '2024-10' });
    expect(o.growth.every((g) => g === null)).toBe(true);
    expect(o.netRevenue[0]).toBe(6 * 100 + 6 * 120);
  });

  it('refuses when there are no actuals', () => {
    const p = plan(12);
    delete p.actuals;
    expect(observe(p)).toEqual({ refused: { kind: 'noActuals' } });
  });
});
