import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { checkPrices, findPriceConflicts, planRebateRates, rebateRateAtPlan, scaledAov, type PriceConflict } from '../../../src/engine/evaluation';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import type { Plan, PriceEntry, PriceSettings } from '../../../src/engine/types';
import { simpleChannel, simplePlan } from '../engine/planFixtures';

const ofKind = <K extends PriceConflict['kind']>(cs: PriceConflict[], kind: K) =>
  cs.filter((c): c is Extract<PriceConflict, { kind: K }> => c.kind === kind);

function sum(xs: ArrayLike<number>, from = 0, to = xs.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += xs[i];
  return s;
}

/**
 * Channel a serves north and south and has its own AOV in the south (¥180 against the channel's ¥200):
 * the plan is regional. Channel b serves the south only and is computed whole.
 */
function regionalPlan(): Plan {
  const a = simpleChannel('a');
  a.regions = ['north', 'south'];
  a.regionDrivers = { south: { aov: { base: 18_000 } } };
  const b = simpleChannel('b');
  b.regions = ['south'];
  return simplePlan([a, b]);
}

const entry = (id: string, channelId: string, regionId: string, price: number): PriceEntry => ({ id, product: 'p', channelId, regionId, price });

describe('the rebate rate a buyer earns at the plan’s volumes', () => {
  it('is the rate of the tier the settlement period’s net revenue reaches (incremental: the top band, not the average)', () => {
    const plan = regionalPlan();
    const res = computePlan(plan);
    const net = sum(res.flows.netRevenue, 0, res.periods);
    // Yearly settlement, the second band starts at half the year's net revenue: an extra unit earns 6 %,
    // while the average rate is (½·2 % + ½·6 %) = 4 %.
    plan.channels[0].rebate = { mode: 'incremental', period: 'year', tiers: [{ threshold: 0, rate: 0.02 }, { threshold: Math.round(net / 2), rate: 0.06 }] };
    expect(rebateRateAtPlan(plan.channels[0].rebate, res.months, res.flows.netRevenue, 0)).toBe(0.06);
    // Below the second band the first band's rate.
    plan.channels[0].rebate.tiers[1].threshold = Math.round(net * 2);
    expect(rebateRateAtPlan(plan.channels[0].rebate, res.months, res.flows.netRevenue, 0)).toBe(0.02);
    // Monthly settlement: months on either side of a threshold are weighted by their net revenue.
    const months = ['2027-01', '2027-02'];
    const scheme = { mode: 'retroactive' as const, period: 'month' as const, tiers: [{ threshold: 100, rate: 0.05 }] };
    expect(rebateRateAtPlan(scheme, months, [300, 100], 0)).toBeCloseTo((300 * 0.05 + 100 * 0.05) / 400, 15);
    expect(rebateRateAtPlan(scheme, months, [300, 99], 0)).toBeCloseTo((300 * 0.05) / 399, 15);
    expect(planRebateRates(plan, res).get('b')).toBe(0);
  });
});

describe('price list against the plan’s regional AOV', () => {
  const settings: PriceSettings = {
    reference: { p: 10_000 },
    tolerance: 0.1,
    entries: [entry('an', 'a', 'north', 10_000), entry('as', 'a', 'south', 8_000), entry('b', 'b', '', 10_000), entry('bn', 'b', 'north', 7_000)],
    freight: [{ from: 'north', to: 'south', cost: 300 }],
  };

  it('puts each regional price beside the plan’s AOV there and flags ratios further apart than the tolerance', () => {
    const plan = regionalPlan();
    const check = checkPrices(plan, computePlan(plan), settings);
    expect(check.regional).toBe(true);
    const [an, as, b, bn] = check.aov;
    // North: price ¥100 / reference ¥100 = 1; the plan's AOV there is the channel's own ¥200: agrees.
    expect(an).toMatchObject({ status: 'agrees', basePrice: 10_000, baseKind: 'reference' });
    expect(an.planAov).toBeCloseTo(20_000, 6);
    expect(an.gap).toBeCloseTo(0, 9);
    // South: price ratio 8,000 / 10,000 = 0.8, so the price list implies an AOV of ¥200 × 0.8 = ¥160;
    // the plan has ¥180 there, 180 / 160 − 1 = 12.5 % above: beyond ±10 %.
    expect(as.status).toBe('differs');
    expect(as.priceRatio).toBe(0.8);
    expect(as.planAov).toBeCloseTo(18_000, 6);
    expect(as.channelAov).toBeCloseTo(20_000, 6);
    expect(as.planRatio).toBeCloseTo(0.9, 12);
    expect(as.impliedAov).toBeCloseTo(16_000, 6);
    expect(as.gap).toBeCloseTo(0.125, 12);
    expect(b.status).toBe('allRegions');
    // Channel b does not serve the north: no AOV, and a problem naming the entry.
    expect(bn).toMatchObject({ status: 'notServed', planAov: null, gap: null });
    expect(check.problems).toEqual([{ code: 'regionNotServed', entryId: 'bn', channelId: 'b', regionId: 'north' }]);
  });

  it('the region’s AOV set from the price ratio (one driver, scaled) makes the two agree', () => {
    const plan = regionalPlan();
    plan.channels[0].regionDrivers!.south.aov = scaledAov(plan.channels[0].drivers.aov, 0.8);
    expect(plan.channels[0].regionDrivers!.south.aov).toEqual({ base: 16_000 });
    const as = checkPrices(plan, computePlan(plan), settings).aov[1];
    expect(as.status).toBe('agrees');
    expect(as.planAov).toBeCloseTo(16_000, 6);
    // Typed months are scaled and rounded to whole minor units; growth and season stay.
    expect(scaledAov({ base: 333, growth: 0.01, seasonality: Array(12).fill(1), overrides: { '2027-03': 1_001 } }, 0.5)).toEqual({
      base: 167, growth: 0.01, seasonality: Array(12).fill(1), overrides: { '2027-03': 501 },
    });
  });

  it('measures against the channel’s price for all regions when it has one, not the reference', () => {
    const plan = regionalPlan();
    const s: PriceSettings = { ...settings, entries: [entry('a0', 'a', '', 9_000), entry('as', 'a', 'south', 8_100)] };
    const as = checkPrices(plan, computePlan(plan), s).aov[1];
    // 8,100 / 9,000 = 0.9 = the plan's 180 / 200: they agree although both are off the reference.
    expect(as).toMatchObject({ baseKind: 'channel', basePrice: 9_000, status: 'agrees' });
    expect(as.impliedAov).toBeCloseTo(18_000, 6);
  });

  it('a regional AOV of 0 or a region without orders is stated, never NaN', () => {
    const plan = regionalPlan();
    plan.channels[0].regionDrivers!.south.aov = { base: 0 };
    const as = checkPrices(plan, computePlan(plan), settings).aov[1];
    expect(as).toMatchObject({ status: 'zeroAov', planAov: 0, gap: null, impliedAov: null, planRatio: null });
    plan.channels[0].regionDrivers!.south = { baseTraffic: { base: 0 }, spend: { base: 0 } };
    const none = checkPrices(plan, computePlan(plan), settings).aov[1];
    expect(none).toMatchObject({ status: 'noOrders', planAov: null, gap: null });
  });

  it('diversion reads served regions only, a channel’s price for all regions where it has no regional one, freight and the buyer’s rebate at the plan’s volumes', () => {
    const plan = regionalPlan();
    const res = computePlan(plan);
    const net = sum(res.flows.netRevenue, 0, res.periods);
    plan.channels[0].rebate = { mode: 'incremental', period: 'year', tiers: [{ threshold: 0, rate: 0.02 }, { threshold: Math.round(net / 2), rate: 0.06 }] };
    const check = checkPrices(plan, computePlan(plan), settings);
    const div = ofKind(check.conflicts, 'diversion');
    // a south → a north: 10,000 − 8,000 × 0.94 − 300 = 2,180.
    expect(div[0]).toMatchObject({ low: { entryId: 'as', regionId: 'south', netPrice: 7_520, rebateRate: 0.06 }, high: { entryId: 'an', regionId: 'north', price: 10_000 }, gap: 2_480, freight: 300, margin: 2_180, freightUnknown: false });
    // a north → the south, where b's price for all regions stands: 10,000 − 10,000 × 0.94 − 300 = 300.
    expect(div[1]).toMatchObject({ low: { entryId: 'an', regionId: 'north', netPrice: 9_400 }, high: { entryId: 'b', regionId: 'south', price: 10_000, fallback: true }, gap: 600, margin: 300 });
    expect(div[0].low.fallback).toBeUndefined();
    // b's price in the north, which b does not serve, takes part in no pair (7,000 would beat both).
    expect(div).toHaveLength(2);
    expect(div.some((d) => d.low.entryId === 'bn' || d.high.entryId === 'bn')).toBe(false);
    // The spread check still reads every price against the reference.
    expect(ofKind(check.conflicts, 'spread').map((c) => c.entryId)).toEqual(['as', 'bn']);
  });

  it('prices alone (the old check) would have paired the unserved price and missed the price for all regions', () => {
    const old = findPriceConflicts(settings, (id) => (id === 'a' ? 0.06 : 0));
    const div = ofKind(old.conflicts, 'diversion');
    expect(div.some((d) => d.low.entryId === 'bn')).toBe(true);
    expect(div.some((d) => d.high.entryId === 'b')).toBe(false);
  });

  it('freight with a negative cost is reported and not used', () => {
    const plan = regionalPlan();
    const check = checkPrices(plan, computePlan(plan), { ...settings, freight: [{ from: 'north', to: 'south', cost: -50 }] });
    expect(check.problems).toContainEqual({ code: 'freightInvalid', index: 0, cost: -50 });
    const div = ofKind(check.conflicts, 'diversion');
    expect(div[0]).toMatchObject({ freight: 0, freightUnknown: true, margin: 2_000 });
  });
});

describe('a plan without regional values is checked exactly as before', () => {
  const base = generateSyntheticPlan({ channels: 5, periods: 12, seed: 3 });
  const regionIds = ['', ...base.regions.map((r) => r.id), 'elsewhere'];
  const entryArb = fc.record({
    product: fc.constantFrom('p', 'q'),
    channel: fc.nat({ max: base.channels.length - 1 }),
    region: fc.constantFrom(...regionIds),
    price: fc.oneof(fc.integer({ min: 1, max: 50_000 }), fc.constant(0)),
  });
  it('same conflicts and problems as the price check alone, and no AOV rows (property)', () => {
    const res = computePlan(base);
    expect(res.regional).toBeUndefined();
    const rates = planRebateRates(base, res);
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 12 }), fc.integer({ min: -100, max: 2_000 }), fc.double({ min: 0, max: 0.5, noNaN: true }), (es, cost, tolerance) => {
        const settings: PriceSettings = {
          reference: { p: 10_000 },
          tolerance,
          entries: es.map((e, i) => ({ id: `e${i}`, product: e.product, channelId: base.channels[e.channel].id, regionId: e.region, price: e.price })),
          freight: base.regions.length >= 2 ? [{ from: base.regions[0].id, to: base.regions[1].id, cost }] : [],
        };
        const check = checkPrices(base, res, settings);
        const alone = findPriceConflicts(settings, (id) => rates.get(id) ?? 0);
        expect(check.regional).toBe(false);
        expect(check.aov).toEqual([]);
        expect(check.conflicts).toEqual(alone.conflicts);
        expect(check.problems).toEqual(alone.problems);
      }),
      { numRuns: 60 },
    );
  });
});
