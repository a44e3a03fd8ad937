import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { rollup } from '../../../src/engine/rollup';
import { validateScenarios } from '../../../src/engine/scenarios';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import type { Plan } from '../../../src/engine/types';
import { FLOW_METRICS } from '../../../src/engine/types';
import { simpleChannel, simplePlan } from './planFixtures';

/** a as in compute.test.ts; b the same but with no spend, so none of its revenue is spend-driven. */
function twoChannels(rate: number): Plan {
  const plan = simplePlan([simpleChannel('a'), simpleChannel('b', { spend: { base: 0 } })]);
  plan.cannibalisation = [{ from: 'a', to: 'b', rate }];
  return plan;
}

const randomPlan = fc
  .record({
    channels: fc.integer({ min: 2, max: 8 }),
    periods: fc.integer({ min: 12, max: 36 }),
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    withOverrides: fc.boolean(),
  })
  .map((o) => generateSyntheticPlan(o));

const pairsArb = fc.array(fc.record({ from: fc.nat(7), to: fc.nat(7), rate: fc.double({ min: 0, max: 1, noNaN: true }) }), { minLength: 1, maxLength: 10 });

function withPairs(plan: Plan, pairs: { from: number; to: number; rate: number }[]): Plan {
  const id = (k: number): string => plan.channels[k % plan.channels.length].id;
  return { ...plan, cannibalisation: pairs.map((p) => ({ from: id(p.from), to: id(p.to), rate: p.rate })) };
}

describe('cannibalisation, worked by hand', () => {
  // a: net ¥43,200 from 15,000 visits, 5,000 of them bought by spend → spend-driven net ¥14,400.
  // b (no spend): 10,000 visits → orders 200 → gross ¥40,000 → returns ¥4,000 → margin ¥7,200
  //   → net before ¥28,800; it loses 50 % of ¥14,400 = ¥7,200 → net ¥21,600
  //   → gross profit ¥10,800, variable ¥1,080, channel cost ¥6,080, contribution ¥4,720.
  const res = computePlan(twoChannels(0.5));
  const f = res.flows;
  const b = 12; // first period of channel b

  it('takes the share of the other channel’s spend-driven revenue', () => {
    expect(f.cannibalised[b]).toBe(720_000);
    expect(f.netRevenue[b]).toBe(2_160_000);
    expect(f.grossProfit[b]).toBe(1_080_000);
    expect(f.variableCost[b]).toBe(108_000);
    expect(f.channelCost[b]).toBe(608_000);
    expect(f.contribution[b]).toBe(472_000);
  });

  it('moves revenue only: traffic, orders and gross revenue stay, and the taker is unchanged', () => {
    const none = computePlan(twoChannels(0)).flows;
    for (const m of ['traffic', 'orders', 'grossRevenue', 'returns', 'intermediaryMargin'] as const) {
      expect(f[m]).toEqual(none[m]);
    }
    expect(f.cannibalised[0]).toBe(0);
    expect(f.netRevenue[0]).toBe(4_320_000);
    expect(f.contribution[0]).toBe(444_000);
  });

  it('counts what the taker costs its victim in the taker’s marginal ROI', () => {
    // slope at halfSat = 10,000 / 4,000,000; net revenue per visit 288 fen; own margin 0.45,
    // victim's margin lost 0.5 · 0.45 → (0.0025 · 288 · 0.225) − 1
    expect(res.marginalRoi[0]).toBeCloseTo(0.0025 * 288 * 0.225 - 1, 12);
    expect(computePlan(twoChannels(0)).marginalRoi[0]).toBeCloseTo(0.0025 * 288 * 0.45 - 1, 12);
    // And it matches a finite difference of the plan's contribution.
    const total = (p: Plan): number => rollup(p, computePlan(p), 'total', 'month').flows.contribution[0];
    const more = twoChannels(0.5);
    more.channels[0].drivers.spend.base += 10_000;
    const fd = (total(more) - total(twoChannels(0.5))) / 10_000;
    expect(fd).toBeCloseTo(res.marginalRoi[0], 2);
  });

  it('never takes more than the victim has', () => {
    const plan = twoChannels(1);
    plan.channels[1].drivers.baseTraffic = { base: 1_000 }; // b's net before: ¥2,880
    const g = computePlan(plan).flows;
    expect(g.cannibalised[b]).toBe(288_000);
    expect(g.netRevenue[b]).toBe(0);
    expect(g.grossProfit[b]).toBe(0);
    expect(g.contribution[b]).toBe(-500_000); // fixed cost only
  });

  it('sums several takers and applies the same in a scenario', () => {
    const plan = simplePlan([simpleChannel('a'), simpleChannel('b', { spend: { base: 0 } }), simpleChannel('c')]);
    plan.cannibalisation = [
      { from: 'a', to: 'b', rate: 0.25 },
      { from: 'c', to: 'b', rate: 0.25 },
    ];
    expect(computePlan(plan).flows.cannibalised[12]).toBe(720_000);
    plan.scenarios = [{ id: 's', name: 's', parentId: null, notes: '', adjustments: [
      { id: 'x', target: { kind: 'channels', ids: ['c'] }, driver: 'spend', op: { kind: 'set', value: 0 }, enabled: true },
    ] }];
    expect(computePlan(plan, 's').flows.cannibalised[12]).toBe(360_000);
  });
});

describe('cannibalisation properties', () => {
  it('changes nothing when every coefficient is 0', () => {
    fc.assert(
      fc.property(randomPlan, pairsArb, (plan, pairs) => {
        const zero = withPairs(plan, pairs.map((p) => ({ ...p, rate: 0 })));
        const a = computePlan(plan);
        const z = computePlan(zero);
        expect(z.flows).toEqual(a.flows);
        expect(z.marginalRoi).toEqual(a.marginalRoi);
        expect(z.marginalRoiSpend).toEqual(a.marginalRoiSpend);
      }),
      { numRuns: 40 },
    );
  });

  it('never makes a cell or a total negative, and only ever lowers net revenue', () => {
    fc.assert(
      fc.property(randomPlan, pairsArb, (plan, pairs) => {
        const none = computePlan(plan).flows;
        const res = computePlan(withPairs(plan, pairs));
        const f = res.flows;
        for (let i = 0; i < f.netRevenue.length; i++) {
          expect(f.cannibalised[i]).toBeGreaterThanOrEqual(0);
          expect(f.netRevenue[i]).toBeGreaterThanOrEqual(0);
          expect(f.netRevenue[i]).toBeLessThanOrEqual(none.netRevenue[i]);
          expect(f.netRevenue[i]).toBe(f.grossRevenue[i] - f.returns[i] - f.intermediaryMargin[i] - f.cannibalised[i]);
          expect(f.orders[i]).toBe(none.orders[i]);
          expect(Number.isFinite(res.marginalRoi[i])).toBe(true);
        }
        const total = rollup(plan, res, 'total', 'all').flows;
        for (const m of ['netRevenue', 'grossProfit', 'cannibalised', 'grossRevenue'] as const) expect(total[m][0]).toBeGreaterThanOrEqual(0);
        for (const m of FLOW_METRICS) expect(Number.isFinite(total[m][0])).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('ignores and reports rates outside 0–1, self-pairs and unknown channels', () => {
    const plan = twoChannels(0);
    plan.cannibalisation = [
      { from: 'a', to: 'b', rate: 1.5 },
      { from: 'a', to: 'b', rate: -0.1 },
      { from: 'a', to: 'a', rate: 0.5 },
      { from: 'ghost', to: 'b', rate: 0.5 },
    ];
    expect(computePlan(plan).flows).toEqual(computePlan(twoChannels(0)).flows);
    expect(validateScenarios(plan).map((p) => [p.path.join('.'), p.code])).toEqual([
      ['cannibalisation.0.rate', 'outOfRange'],
      ['cannibalisation.1.rate', 'outOfRange'],
      ['cannibalisation.1', 'duplicateId'],
      ['cannibalisation.2.to', 'invalidValue'],
      ['cannibalisation.3.from', 'unknownRef'],
    ]);
  });
});
