import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { curveSlope, curveTraffic } from '../../../src/engine/curve';
import { rollup, rollupValue } from '../../../src/engine/rollup';
import { simpleChannel, simplePlan } from './planFixtures';

describe('formula graph, worked by hand', () => {
  // spend ¥10,000 at halfSat ¥10,000, s = 1 → incremental = 10,000 · 1/2 = 5,000 visits
  // traffic 15,000 → orders 300 → gross ¥60,000.00 → returns ¥6,000 → margin 20 % of 54,000 = ¥10,800
  // net ¥43,200 → gross profit ¥21,600 → variable ¥2,160 → channel cost ¥2,160 + ¥5,000 = ¥7,160
  // contribution 21,600 − 7,160 − 10,000 = ¥4,440
  const res = computePlan(simplePlan([simpleChannel('a')]));
  const f = res.flows;

  it('computes every flow of the first period', () => {
    expect(f.incrementalTraffic[0]).toBe(5000);
    expect(f.traffic[0]).toBe(15000);
    expect(f.orders[0]).toBeCloseTo(300, 9);
    expect(f.newOrders[0]).toBeCloseTo(150, 9);
    expect(f.grossRevenue[0]).toBe(6_000_000);
    expect(f.returns[0]).toBe(600_000);
    expect(f.intermediaryMargin[0]).toBe(1_080_000);
    expect(f.netRevenue[0]).toBe(4_320_000);
    expect(f.grossProfit[0]).toBe(2_160_000);
    expect(f.variableCost[0]).toBe(216_000);
    expect(f.channelCost[0]).toBe(716_000);
    expect(f.contribution[0]).toBe(444_000);
  });

  it('derives the ratio metrics from the flows', () => {
    const r = rollup(simplePlan([simpleChannel('a')]), res, 'channel', 'month');
    expect(rollupValue(r, 'roi', 0, 0)).toBeCloseTo(444_000 / 1_500_000, 12);
    expect(rollupValue(r, 'roas', 0, 0)).toBeCloseTo(4.32, 12);
    expect(rollupValue(r, 'cac', 0, 0)).toBeCloseTo(1_000_000 / 150, 9);
    expect(rollupValue(r, 'costRatio', 0, 0)).toBeCloseTo(1_716_000 / 4_320_000, 12);
    expect(rollupValue(r, 'revenueShare', 0, 0)).toBe(1);
    // value of a visit = 0.02 · 200 · 0.9 · 0.8 · (0.5 − 0.05) = 1.296 yuan = 129.6 fen;
    // slope at halfSat with s = 1: max / (4 · halfSat) = 10,000 / 4,000,000 visits per fen
    expect(rollupValue(r, 'marginalRoi', 0, 0)).toBeCloseTo((10_000 / 4_000_000) * 129.6 - 1, 12);
  });

  it('leaves ratios undefined, not NaN, when the divisor is zero', () => {
    const plan = simplePlan([
      simpleChannel('a', { spend: { base: 0 }, fixedCost: { base: 0 }, baseTraffic: { base: 0 } }),
    ]);
    const r = rollup(plan, computePlan(plan), 'channel', 'month');
    for (const m of ['roi', 'roas', 'cac', 'costRatio', 'revenueShare', 'growth'] as const) {
      expect(rollupValue(r, m, 0, 0)).toBeNull();
    }
  });
});

describe('drivers over time', () => {
  it('compounds growth and applies seasonality by calendar month', () => {
    const season = [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.5];
    const plan = simplePlan([simpleChannel('a', { spend: { base: 100_000, growth: 0.1, seasonality: season } })], 14);
    plan.timeline.start = '2026-12';
    const d = computePlan(plan).drivers.spend;
    expect(d[0]).toBe(50_000); // December: 100,000 · 0.5
    expect(d[1]).toBe(220_000); // January: 100,000 · 1.1 · 2
    expect(d[2]).toBe(121_000); // February: 100,000 · 1.1²
  });

  it('lets an override win over growth and seasonality', () => {
    const plan = simplePlan([
      simpleChannel('a', { conversion: { base: 0.02, growth: 0.5, seasonality: Array(12).fill(1.2), overrides: { '2027-03': 0.07 } } }),
    ]);
    const d = computePlan(plan).drivers.conversion;
    expect(d[2]).toBe(0.07);
    expect(d[3]).toBeCloseTo(0.02 * 1.5 ** 3 * 1.2, 12);
  });

  it('caps a rate pushed past 100 % and reports it', () => {
    const plan = simplePlan([simpleChannel('a', { conversion: { base: 0.5, growth: 0.2 } })]);
    const res = computePlan(plan);
    expect(Math.max(...res.drivers.conversion)).toBe(1);
    expect(res.notices).toEqual([{ channelId: 'a', driver: 'conversion', month: '2027-05', count: 8, kind: 'aboveMax' }]);
  });
});

describe('response curve', () => {
  const hill = { type: 'hill' as const, max: 1000, halfSat: 500, shape: 2 };
  it('is zero at zero spend, half of max at halfSat and tends to max', () => {
    expect(curveTraffic(hill, 0)).toBe(0);
    expect(curveTraffic(hill, 500)).toBeCloseTo(500, 12);
    expect(curveTraffic(hill, 1e15)).toBeCloseTo(1000, 6);
  });
  it('has a slope that matches a finite difference', () => {
    for (const shape of [0.5, 1, 2.5]) {
      const c = { ...hill, shape };
      for (const s of [50, 500, 3000]) {
        const h = 1e-3;
        const fd = (curveTraffic(c, s + h) - curveTraffic(c, s - h)) / (2 * h);
        expect(curveSlope(c, s)).toBeCloseTo(fd, 6);
      }
    }
  });
  it('says the slope of a concave curve at zero is undefined', () => {
    expect(curveSlope({ ...hill, shape: 0.5 }, 0)).toBeNull();
    expect(curveSlope({ ...hill, shape: 2 }, 0)).toBe(0);
  });
  it('makes linear pass through the half-saturation point', () => {
    expect(curveTraffic({ ...hill, type: 'linear' }, 500)).toBe(500);
    expect(curveTraffic({ ...hill, type: 'linear' }, 2000)).toBe(2000);
  });
});
