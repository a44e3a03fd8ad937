import { describe, expect, it } from 'vitest';
import { curveTraffic } from '../../../src/engine/curve';
import {
  calibrationPoint,
  DAYS_PER_MONTH,
  peekingFalsePositiveRate,
  predictLift,
  testCost,
  testDays,
  withCurvePoint,
  type PlannedChange,
} from '../../../src/engine/experiments';
import { createPlanFromTemplate } from '../../../src/engine/templates';

const plan = createPlanFromTemplate('beauty', { id: 'p', now: 0, locale: 'en' });
const live = plan.channels.find((c) => c.type === 'liveStream')!;
const change: PlannedChange = { channelId: live.id, driver: 'spend', percent: 20, regionId: 'tier2', month: '2027-03', scenarioId: null };

function lift(c: PlannedChange) {
  const l = predictLift(plan, c);
  if (typeof l === 'string') throw new Error(l);
  return l;
}

describe('the plan predicts the lift of a tested change', () => {
  it('live-stream spend +20 % in tier-2: orders follow the region row of the Hill curve', () => {
    const l = lift(change);
    // tier-2 is one of three regions with equal weights: the row has a third of the spend, and the
    // channel's curve with max and half-saturation × ⅓.
    const share = 1 / 3;
    expect(l.share).toBeCloseTo(share, 12);
    const s = l.before.spend;
    expect(l.after.spend).toBe(Math.round(s * 1.2));
    const row = { ...live.curve, max: live.curve.max * share, halfSat: live.curve.halfSat * share };
    const hill = (x: number): number => (row.max * x ** row.shape) / (row.halfSat ** row.shape + x ** row.shape);
    const conv = live.drivers.conversion.base;
    const expectedExtraOrders = conv * (hill(l.after.spend) - hill(s));
    expect(l.after.orders - l.before.orders).toBeCloseTo(expectedExtraOrders, 6);
    expect(l.ordersLift).toBeCloseTo(expectedExtraOrders / l.before.orders, 12);
    expect(l.conversion).toBeCloseTo(conv, 12);
    expect(l.ordersLift).toBeGreaterThan(0.05);
  });

  it('a change of 0 % predicts no lift; a conversion change lifts orders by its percent', () => {
    expect(lift({ ...change, percent: 0 }).ordersLift).toBe(0);
    expect(lift({ ...change, driver: 'conversion', percent: 10, regionId: '' }).ordersLift).toBeCloseTo(0.1, 12);
    expect(lift({ ...change, driver: 'aov', percent: 5, regionId: '' }).aovLift).toBeCloseTo(0.05, 4);
  });

  it('refuses an unknown channel or a month outside the plan', () => {
    expect(predictLift(plan, { ...change, channelId: 'nope' })).toBe('noChannel');
    expect(predictLift(plan, { ...change, month: '2040-01' })).toBe('noMonth');
  });

  it('an observed lift equal to the predicted one gives a point on the channel curve', () => {
    const l = lift(change);
    const point = calibrationPoint(l, l.ordersLift)!;
    expect(point.spend).toBe(Math.round(l.after.spend / l.share));
    expect(Math.abs(point.outcome - curveTraffic(live.curve, point.spend)) / point.outcome).toBeLessThan(1e-4);
    // A smaller observed lift puts the point below the curve.
    expect(calibrationPoint(l, l.ordersLift / 2)!.outcome).toBeLessThan(point.outcome);
    expect(withCurvePoint([{ spend: point.spend, outcome: 1 }, { spend: 1, outcome: 2 }], point)).toEqual([{ spend: 1, outcome: 2 }, point]);
  });

  it('duration and cost follow the traffic in the test', () => {
    const l = lift(change);
    const days = testDays(10_000, l.before.traffic, 0.5)!;
    expect(days).toBeCloseTo((20_000 / (l.before.traffic * 0.5)) * DAYS_PER_MONTH, 9);
    const cost = testCost(l, 0.5, DAYS_PER_MONTH);
    expect(cost.extraSpend).toBe(Math.round((l.after.spend - l.before.spend) * 0.25));
    expect(testDays(100, 0, 1)).toBeNull();
  });
});

describe('peeking', () => {
  it('reading p at every look inflates false positives as Armitage, McPherson & Rowe tabulate', () => {
    expect(peekingFalsePositiveRate(1)).toBe(0.05);
    // Their table for α = 5 %: 2 looks 8.3 %, 5 looks 14.2 %, 10 looks 19.3 %; simulation error ≈ 0.2 %.
    expect(Math.abs(peekingFalsePositiveRate(2) - 0.083)).toBeLessThan(0.006);
    expect(Math.abs(peekingFalsePositiveRate(5) - 0.142)).toBeLessThan(0.006);
    expect(Math.abs(peekingFalsePositiveRate(10) - 0.193)).toBeLessThan(0.008);
  });
});
