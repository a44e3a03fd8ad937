import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { bcgInputs } from '../../../src/engine/evaluation/bcg';
import { rollup, rollupValue } from '../../../src/engine/rollup';
import type { Plan } from '../../../src/engine/types';
import { simpleChannel, simplePlan } from '../engine/planFixtures';

/** A Double-11 shape: November far above the rest, a lull in summer. */
const SEASON = [0.95, 0.75, 1.05, 0.9, 1.0, 1.35, 0.85, 0.85, 0.95, 1.05, 1.55, 0.75];
const G = 0.01;

/**
 * Channel a: no spend response, so net revenue = baseTraffic · conversion · aov · (1 − returns) ·
 * (1 − channel margin) = base · (1 + g)^t · season · 0.02 · 20000 · 0.9 · 0.8, to rounding of one
 * minor unit per cell (revenue is ~10^8 minor units a month, so that is ~1e-8 relative).
 * Channel b: flat, for shares.
 */
function growingPlan(periods: number): Plan {
  return simplePlan(
    [
      simpleChannel('a', { spend: { base: 0 }, baseTraffic: { base: 1_000_000, growth: G, seasonality: SEASON } }, { type: 'none', max: 0, halfSat: 0, shape: 1 }),
      simpleChannel('b', { spend: { base: 0 }, baseTraffic: { base: 500_000 } }, { type: 'none', max: 0, halfSat: 0, shape: 1 }),
    ],
    periods,
  );
}

const PER_VISIT = 0.02 * 20_000 * 0.9 * 0.8;
const netA = (t: number): number => 1_000_000 * (1 + G) ** t * SEASON[t % 12] * PER_VISIT;
const sumA = (from: number, to: number): number => Array.from({ length: to - from }, (_, k) => netA(from + k)).reduce((a, b) => a + b, 0);

describe('BCG growth on a 24-month plan: year on year', () => {
  it('compares the last 12 months with the 12 before: (1 + g)^12 − 1 by hand, seasons and all', () => {
    const plan = growingPlan(24);
    const res = computePlan(plan);
    const r = bcgInputs(plan, res, 'yoy');
    expect(r.growth).toEqual({
      method: 'yoy',
      current: { start: 12, end: 24, from: '2028-01', to: '2028-12' },
      previous: { start: 0, end: 12, from: '2027-01', to: '2027-12' },
    });
    expect(r.yoyTooShort).toBe(false);
    expect(r.window).toEqual({ start: 12, end: 24, from: '2028-01', to: '2028-12' });
    expect(r.inputs[0].growth as number).toBeCloseTo((1 + G) ** 12 - 1, 7);
    expect(r.inputs[1].growth as number).toBeCloseTo(0, 9);
    // Share over the last 12 months, by hand.
    const b12 = 12 * 500_000 * PER_VISIT;
    expect(r.inputs[0].share as number).toBeCloseTo(sumA(12, 24) / (sumA(12, 24) + b12), 7);
  });

  it('reports ROI, contribution and marginal contribution over the window, as the roll-up of that year has them', () => {
    const plan = growingPlan(24);
    plan.channels.push(simpleChannel('c', { spend: { base: 2_000_000 } }));
    const res = computePlan(plan);
    const r = bcgInputs(plan, res, 'yoy');
    const year = rollup(plan, res, 'channel', 'year');
    r.returns.forEach((x, c) => {
      expect(x.contribution).toBe(rollupValue(year, 'contribution', c, 1));
      expect(x.roi).toBeCloseTo(rollupValue(year, 'roi', c, 1) as number, 12);
      expect(x.marginal).toBe(rollupValue(year, 'marginalRoi', c, 1));
    });
    // No spend: no marginal return to speak of.
    expect(r.returns[0].marginal).toBeNull();
    expect(r.returns[2].marginal).not.toBeNull();
  });
});

describe('BCG growth on a 12-month plan: seasonally adjusted quarters, annualised', () => {
  it('gives the trend, (1 + g)^12 − 1, where raw Q4 on Q3 would report the Double-11 season', () => {
    const plan = growingPlan(12);
    const res = computePlan(plan);
    // Asking for year on year: the plan is too short, so the adjusted quarters are used and said so.
    for (const mode of ['yoy', 'pop'] as const) {
      const r = bcgInputs(plan, res, mode);
      expect(r.yoyTooShort).toBe(mode === 'yoy');
      expect(r.growth).toEqual({
        method: 'seasonalQoq',
        current: { start: 9, end: 12, from: '2027-10', to: '2027-12' },
        previous: { start: 6, end: 9, from: '2027-07', to: '2027-09' },
      });
      // Adjusted, Q4 / Q3 = (1 + g)^3 exactly; annualised: ((1 + g)^3)^4 − 1.
      expect(r.inputs[0].growth as number).toBeCloseTo((1 + G) ** 12 - 1, 7);
      expect(r.inputs[1].growth as number).toBeCloseTo(0, 9);
      // Share and contribution over the whole year, not over the peak quarter.
      expect(r.window).toEqual({ start: 0, end: 12, from: '2027-01', to: '2027-12' });
      expect(r.inputs[0].share as number).toBeCloseTo(sumA(0, 12) / (sumA(0, 12) + 12 * 500_000 * PER_VISIT), 7);
    }
    // What the unadjusted comparison would have said: Q4 over Q3, a season, not growth.
    const raw = sumA(9, 12) / sumA(6, 9) - 1;
    expect(raw).toBeGreaterThan(0.3);
  });

  it('divides every seasonal driver, through the response curve: a channel that only follows Double 11 does not grow', () => {
    const plan = simplePlan([
      // Spend and conversion both seasonal; aov grows 0.5 % a month.
      simpleChannel('a', { spend: { base: 3_000_000, seasonality: SEASON }, conversion: { base: 0.02, seasonality: SEASON }, aov: { base: 20_000, growth: 0.005 } }),
      simpleChannel('b', { spend: { base: 3_000_000, seasonality: SEASON }, baseTraffic: { base: 10_000, seasonality: SEASON } }),
    ]);
    const r = bcgInputs(plan, computePlan(plan), 'pop');
    // Adjusted, only aov moves; it is money, so each month's value is whole minor units.
    const aov = (t: number): number => Math.round(20_000 * 1.005 ** t);
    const q = (from: number): number => aov(from) + aov(from + 1) + aov(from + 2);
    expect(r.inputs[0].growth as number).toBeCloseTo((q(9) / q(6)) ** 4 - 1, 9);
    expect(r.inputs[0].growth as number).toBeCloseTo(1.005 ** 12 - 1, 3);
    expect(r.inputs[1].growth as number).toBeCloseTo(0, 6);
  });

  it('leaves out a partial quarter at either end', () => {
    const plan = growingPlan(12);
    plan.timeline.start = '2027-02';
    const r = bcgInputs(plan, computePlan(plan), 'pop');
    expect(r.growth?.current).toEqual({ start: 8, end: 11, from: '2027-10', to: '2027-12' });
    expect(r.growth?.previous).toEqual({ start: 5, end: 8, from: '2027-07', to: '2027-09' });
    expect(r.inputs[0].growth as number).toBeCloseTo((1 + G) ** 12 - 1, 7);
  });

  it('has no growth from a zero base, and none when there are not two complete quarters', () => {
    const dead = simpleChannel('z', { baseTraffic: { base: 0 }, spend: { base: 0 } });
    const plan = simplePlan([dead]);
    const r = bcgInputs(plan, computePlan(plan), 'pop');
    expect(r.inputs).toEqual([{ share: null, growth: null, contribution: -12 * 500_000 }]);
    const short = simplePlan([simpleChannel('a')], 5);
    short.timeline.start = '2027-02';
    const s = bcgInputs(short, computePlan(short), 'pop');
    expect(s.growth).toBeNull();
    expect(s.inputs[0].growth).toBeNull();
  });

  it('refuses a result computed for another timeline', () => {
    const plan = growingPlan(24);
    const res = computePlan(plan);
    plan.timeline.periods = 12;
    expect(() => bcgInputs(plan, res, 'yoy')).toThrow(RangeError);
  });
});
