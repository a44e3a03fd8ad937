import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { roundMoney } from '../../../src/engine/money';
import {
  cliffAt,
  marginalRebateRate,
  rebateAmount,
  rebateRow,
  settlementGroups,
  settlements,
  validateRebate,
} from '../../../src/engine/rebates';
import type { RebateScheme } from '../../../src/engine/types';
import { validatePlan } from '../../../src/engine/validate';
import { simpleChannel, simplePlan } from './planFixtures';

/** 1 % from 100,000, 2 % from 200,000, 5 % from 500,000 (minor units). */
const tiers = [
  { threshold: 100_000, rate: 0.01 },
  { threshold: 200_000, rate: 0.02 },
  { threshold: 500_000, rate: 0.05 },
];
const retro: RebateScheme = { mode: 'retroactive', period: 'quarter', tiers };
const incr: RebateScheme = { mode: 'incremental', period: 'quarter', tiers };

describe('rebate maths', () => {
  it('retroactive: the whole volume at the tier reached, at and around each threshold', () => {
    expect(rebateAmount(retro, 0)).toBe(0);
    expect(rebateAmount(retro, 99_999)).toBe(0);
    expect(rebateAmount(retro, 100_000)).toBeCloseTo(1_000, 9);
    expect(rebateAmount(retro, 199_999)).toBeCloseTo(1_999.99, 9);
    expect(rebateAmount(retro, 200_000)).toBeCloseTo(4_000, 9);
    expect(rebateAmount(retro, 499_999)).toBeCloseTo(9_999.98, 9);
    expect(rebateAmount(retro, 500_000)).toBeCloseTo(25_000, 9);
    expect(rebateAmount(retro, 1_000_000)).toBeCloseTo(50_000, 9);
  });

  it('incremental: each band at its own rate, continuous at the thresholds', () => {
    expect(rebateAmount(incr, 99_999)).toBe(0);
    expect(rebateAmount(incr, 100_000)).toBe(0);
    expect(rebateAmount(incr, 150_000)).toBeCloseTo(500, 9);
    expect(rebateAmount(incr, 200_000)).toBeCloseTo(1_000, 9);
    // 1,000 on the first band + 2 % of 300,000 + 5 % of 100,000
    expect(rebateAmount(incr, 600_000)).toBeCloseTo(1_000 + 6_000 + 5_000, 9);
    for (const t of tiers) expect(rebateAmount(incr, t.threshold + 1e-6) - rebateAmount(incr, t.threshold - 1e-6)).toBeLessThan(1e-6);
  });

  it('marginal rebate and the cliff of one more unit at a threshold', () => {
    expect(marginalRebateRate(retro, 150_000)).toBe(0.01);
    expect(marginalRebateRate(incr, 499_999)).toBe(0.02);
    expect(marginalRebateRate(incr, 99_999)).toBe(0);
    // Reaching 200,000 retroactively lifts the first 200,000 from 1 % to 2 %.
    expect(cliffAt(retro, 1)).toBeCloseTo(2_000, 9);
    // The last unit before the threshold earned 1 %; the jump is the cliff plus that unit at 1 %.
    expect(rebateAmount(retro, 200_000) - rebateAmount(retro, 199_999)).toBeCloseTo(cliffAt(retro, 1) + 0.01, 6);
    expect(cliffAt(incr, 1)).toBe(0);
  });

  it('property: incremental never pays more than retroactive when rates rise with the threshold', () => {
    const schemeArb = fc
      .array(fc.record({ gap: fc.integer({ min: 1, max: 1e7 }), step: fc.double({ min: 0, max: 0.1, noNaN: true }) }), { minLength: 1, maxLength: 6 })
      .map((rows) => {
        let threshold = 0;
        let rate = 0;
        return rows.map((r) => ((threshold += r.gap), (rate = Math.min(1, rate + r.step)), { threshold, rate }));
      });
    fc.assert(
      fc.property(schemeArb, fc.double({ min: 0, max: 1e8, noNaN: true }), (ts, sales) => {
        const i = rebateAmount({ mode: 'incremental', period: 'month', tiers: ts }, sales);
        const r = rebateAmount({ mode: 'retroactive', period: 'month', tiers: ts }, sales);
        expect(i).toBeLessThanOrEqual(r + 1e-6 * Math.max(1, r));
        expect(i).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('groups months into calendar settlement periods, partial ones at the ends', () => {
    const months = ['2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04'];
    expect(settlementGroups(months, 'quarter')).toEqual([
      { key: '2026-Q4', start: 0, end: 2 },
      { key: '2027-Q1', start: 2, end: 5 },
      { key: '2027-Q2', start: 5, end: 6 },
    ]);
    expect(settlementGroups(months, 'year').map((g) => g.key)).toEqual(['2026', '2027']);
    expect(settlementGroups(months, 'month')).toHaveLength(6);
  });

  it('accrues a settled rebate to its months by revenue, in whole units that add up exactly', () => {
    const months = ['2027-01', '2027-02', '2027-03'];
    const net = Float64Array.from([100_001, 100_001, 100_001]);
    const out = new Float64Array(3);
    rebateRow(retro, months, net, 0, out);
    // 300,003 at 2 % = 6,000.06 → 6,000 settled, 2,000 a month.
    expect([...out]).toEqual([2_000, 2_000, 2_000]);
    const uneven = Float64Array.from([1, 2, 300_000]);
    rebateRow({ ...retro, tiers: [{ threshold: 1, rate: 0.011 }] }, months, uneven, 0, out);
    expect(out.reduce((a, b) => a + b, 0)).toBe(roundMoney(300_003 * 0.011));
    expect(out.every((v) => Number.isInteger(v))).toBe(true);
  });

  it('flags sales just below the next threshold with what reaching it would earn', () => {
    const months = ['2027-01', '2027-02', '2027-03'];
    const s = settlements(retro, months, Float64Array.from([65_000, 65_000, 65_000]), 0);
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ key: '2027-Q1', sales: 195_000, tier: 0, nextThreshold: 200_000, near: true });
    expect(s[0].gainAtNext).toBe(4_000 - 1_950);
    const far = settlements(retro, months, Float64Array.from([50_000, 50_000, 50_000]), 0);
    expect(far[0].near).toBe(false);
  });

  it('refuses tiers that fall, repeat or leave [0, 1]', () => {
    expect(validateRebate(retro)).toEqual([]);
    const bad: RebateScheme = {
      mode: 'retroactive',
      period: 'quarter',
      tiers: [
        { threshold: 100, rate: 0.05 },
        { threshold: 100, rate: 0.02 },
        { threshold: -1, rate: 1.5 },
      ],
    };
    expect(validateRebate(bad, ['r'])).toEqual([
      { path: ['r', 'tiers', 1, 'threshold'], code: 'notIncreasing' },
      { path: ['r', 'tiers', 1, 'rate'], code: 'ratesDecrease' },
      { path: ['r', 'tiers', 2, 'threshold'], code: 'outOfRange' },
      { path: ['r', 'tiers', 2, 'rate'], code: 'outOfRange' },
    ]);
  });
});

describe('rebates in the channel P&L', () => {
  const plan = simplePlan([simpleChannel('a'), simpleChannel('b')]);
  const before = computePlan(plan);
  const P = before.periods;
  const quarterSales = before.flows.netRevenue.slice(0, 3).reduce((x, y) => x + y, 0);
  const withRebate = {
    ...plan,
    channels: [{ ...plan.channels[0], rebate: { mode: 'retroactive', period: 'quarter', tiers: [{ threshold: Math.floor(quarterSales / 2), rate: 0.03 }] } as RebateScheme }, plan.channels[1]],
  };
  const after = computePlan(withRebate);

  it('costs the settled rebate per quarter and keeps the P&L identities exact', () => {
    expect(validatePlan(withRebate)).toEqual([]);
    const f = after.flows;
    const q1 = f.rebate[0] + f.rebate[1] + f.rebate[2];
    expect(q1).toBe(roundMoney(quarterSales * 0.03));
    for (let i = 0; i < 2 * P; i++) {
      expect(f.channelCost[i]).toBe(f.variableCost[i] + f.fixedCost[i] + f.rebate[i]);
      expect(f.contribution[i]).toBe(f.grossProfit[i] - f.channelCost[i] - f.spend[i]);
      expect(f.contribution[i]).toBe(before.flows.contribution[i] - f.rebate[i]);
      expect(f.netRevenue[i]).toBe(before.flows.netRevenue[i]);
    }
    // The other channel pays none.
    expect(f.rebate.slice(P).every((v) => v === 0)).toBe(true);
  });

  it('lowers marginal ROI by the rebate on the extra revenue', () => {
    let checked = 0;
    for (let t = 0; t < P; t++) {
      if (!before.marginalRoiDefined[t]) continue;
      expect(after.marginalRoi[t]).toBeLessThan(before.marginalRoi[t]);
      checked++;
    }
    expect(checked).toBe(P);
  });
});
