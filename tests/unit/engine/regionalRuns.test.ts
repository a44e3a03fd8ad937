import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { actionEffect } from '../../../src/engine/evaluation/bcgAdvice';
import { seasonallyAdjustedNetRevenue } from '../../../src/engine/evaluation/bcgInputs';
import { goalSeek, goalSeekAdjustment } from '../../../src/engine/goalSeek';
import { responseCurves } from '../../../src/engine/responseCurves';
import { convertContext, switchOperation } from '../../../src/engine/scenarios/convert';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import type { Adjustment, Plan, UncertainDriver } from '../../../src/engine/types';
import { naiveMonteCarlo, naiveTornado, prepareMonteCarlo, quantile, rangeBase, runMonteCarloChunk, drawUniform, tornado } from '../../../src/engine/uncertainty';
import { addRebate, simpleChannel, simplePlan } from './planFixtures';

/**
 * Goal seek, Monte Carlo, the tornado, BCG action effects and response curves on a plan computed by
 * region agree with computePlan, and with hand-computed figures.
 *
 * The hand plan: channel a serves north (weight 3) and south (weight 1), so its rows take 75 % and
 * 25 % of its amounts and of its curve (max and half-saturation), and south converts at its own 4 %.
 * Per month (all drivers flat):
 *   north: spend 750,000, base traffic 7,500, incremental 7,500 · 750,000 / (750,000 + 750,000) = 3,750,
 *          orders 11,250 · 2 % = 225, gross 4,500,000, returns 450,000, intermediary 810,000,
 *          net 3,240,000, gross profit 1,620,000, variable 162,000, fixed 375,000 → contribution 333,000
 *   south: spend 250,000, base traffic 2,500, incremental 1,250, orders 3,750 · 4 % = 150,
 *          gross 3,000,000, returns 300,000, intermediary 540,000, net 2,160,000, gross profit
 *          1,080,000, variable 108,000, fixed 125,000 → contribution 597,000
 * Channel b is computed whole (the defaults of simpleChannel): contribution 444,000 a month.
 */
function handPlan(): Plan {
  const a = { ...simpleChannel('a'), regions: ['north', 'south'], regionWeights: { north: 3, south: 1 }, regionDrivers: { south: { conversion: { base: 0.04 } } } };
  return simplePlan([a, { ...simpleChannel('b'), role: 'auxiliary' as const }], 2);
}
const NORTH = 333_000;
const SOUTH = 597_000;
const B = 444_000;
const BASE = 2 * (NORTH + SOUTH + B);

const sum = (xs: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s;
};
const contribution = (plan: Plan, scenarioId: string | null = null): number => sum(computePlan(plan, scenarioId).flows.contribution);
const range = (patch: Partial<UncertainDriver>): UncertainDriver => ({ id: 'u', channelId: 'a', driver: 'conversion', low: 0.03, high: 0.05, distribution: 'triangular', ...patch });

describe('the hand plan', () => {
  it('computes to the hand figures', () => {
    expect(contribution(handPlan())).toBe(BASE);
  });
});

describe('tornado on a plan computed by region', () => {
  it('has computePlan as its base and moves one region by its own values', () => {
    const plan = handPlan();
    // South's conversion at 3 % and 5 %: orders 112.5 / 187.5 → south contribution 354,000 / 840,000.
    const r = tornado(plan, { scenarioId: null, uncertainty: [range({ regionId: 'south' })] });
    expect(r.baseContribution).toBe(BASE);
    expect(r.baseContribution).toBe(contribution(plan));
    expect(r.bars[0].regionId).toBe('south');
    expect(r.bars[0].contributionAtLow).toBe(2 * (NORTH + 354_000 + B));
    expect(r.bars[0].contributionAtHigh).toBe(2 * (NORTH + 840_000 + B));
    expect(naiveTornado(plan, { scenarioId: null, uncertainty: [range({ regionId: 'south' })] })).toEqual(r);
  });

  it('moves every region of a whole channel by the same factor, and a region by its own amount', () => {
    const plan = handPlan();
    const whole = range({ id: 'w', driver: 'spend', low: 800_000, high: 1_200_000 });
    const south = range({ id: 's', driver: 'spend', regionId: 'south', low: 200_000, high: 300_000 });
    const r = tornado(plan, { scenarioId: null, uncertainty: [whole, south] });
    const bar = (id: string) => r.bars.find((b) => b.id === id)!;
    // Independent: the plan with the channel's spend (or south's own spend) written at each end.
    const withSpend = (v: number): Plan => {
      const p = structuredClone(plan);
      p.channels[0].drivers.spend = { base: v };
      return p;
    };
    const withSouthSpend = (v: number): Plan => {
      const p = structuredClone(plan);
      p.channels[0].regionDrivers = { south: { conversion: { base: 0.04 }, spend: { base: v } } };
      return p;
    };
    expect(bar('w').contributionAtLow).toBe(contribution(withSpend(800_000)));
    expect(bar('w').contributionAtHigh).toBe(contribution(withSpend(1_200_000)));
    expect(bar('s').contributionAtLow).toBe(contribution(withSouthSpend(200_000)));
    expect(bar('s').contributionAtHigh).toBe(contribution(withSouthSpend(300_000)));
  });
});

describe('Monte Carlo on a plan computed by region', () => {
  it('with zero-width ranges every draw is computePlan, in both kernels and the reference', () => {
    const plan = handPlan();
    const uncertainty = [
      range({ id: 'w', driver: 'spend', low: 1_000_000, high: 1_000_000 }),
      range({ id: 's', regionId: 'south', low: 0.04, high: 0.04 }),
      range({ id: 'n', regionId: 'north', driver: 'aov', low: 20_000, high: 20_000 }),
      range({ id: 'b', channelId: 'b', low: 0.02, high: 0.02 }),
    ];
    const model = prepareMonteCarlo(plan, { scenarioId: null, uncertainty });
    for (const kernel of ['js', 'wasm-simd'] as const) {
      const chunk = runMonteCarloChunk(model, 5, 0, 6, kernel);
      for (let i = 0; i < 6; i++) expect(chunk.totalContribution[i]).toBeCloseTo(BASE, 4);
      for (let i = 0; i < 6; i++) expect(chunk.totalNetRevenue[i]).toBeCloseTo(2 * (3_240_000 + 2_160_000 + 4_320_000), 4);
    }
    const naive = naiveMonteCarlo(plan, { scenarioId: null, uncertainty }, 5, 3);
    for (let i = 0; i < 3; i++) expect(naive.totalContribution[i]).toBe(BASE);
  });

  it("a whole channel's range moves all its regions by one draw", () => {
    const plan = handPlan();
    const u = range({ id: 'w', driver: 'spend', low: 700_000, high: 1_300_000, distribution: 'uniform' });
    const chunk = runMonteCarloChunk(prepareMonteCarlo(plan, { scenarioId: null, uncertainty: [u] }), 9, 0, 8, 'js');
    for (let i = 0; i < 8; i++) {
      const x = quantile(u, drawUniform(9, i, 0));
      const p = structuredClone(plan);
      p.channels[0].drivers.spend = { base: x };
      // computePlan rounds money to minor units per cell; the draw does not (a few units per cell).
      expect(Math.abs(chunk.totalContribution[i] - contribution(p))).toBeLessThan(6 * 4);
    }
  });

  it('the fast kernels agree with the reference on regional plans with rebates and cannibalisation', () => {
    const plan = handPlan();
    addRebate(plan, 0, 'retroactive', 'month', [0.8, 1.1]);
    plan.cannibalisation = [{ from: 'b', to: 'a', rate: 0.1 }];
    plan.channels[0].regionDrivers = { south: { conversion: { base: 0.04 }, spend: { base: 0 } } };
    const uncertainty = [
      range({ id: 'w', driver: 'spend', low: 700_000, high: 1_300_000, distribution: 'lognormal' }),
      range({ id: 'ws', driver: 'spend', regionId: 'south', low: 100_000, high: 400_000, distribution: 'uniform' }),
      range({ id: 'c', low: 0.015, high: 0.025, distribution: 'normal' }),
      range({ id: 'cn', regionId: 'north', low: 0.015, high: 0.025 }),
      range({ id: 'm', driver: 'grossMargin', low: 0.4, high: 0.6 }),
      range({ id: 'f', channelId: 'b', driver: 'fixedCost', low: 400_000, high: 600_000 }),
    ];
    const model = prepareMonteCarlo(plan, { scenarioId: null, uncertainty });
    const naive = naiveMonteCarlo(plan, { scenarioId: null, uncertainty }, 3, 40);
    for (const kernel of ['js', 'wasm-simd'] as const) {
      const fast = runMonteCarloChunk(model, 3, 0, 40, kernel);
      for (let i = 0; i < 40; i++) expect(Math.abs(fast.totalContribution[i] - naive.totalContribution[i])).toBeLessThan(6 * 6 + 1e-9 * Math.abs(naive.totalNetRevenue[i]));
    }
  });

  it('a plan without regional values gives bit-identical draws when a range names the one region a channel serves', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 2, max: 5 }), (seed, channels) => {
        const plan = generateSyntheticPlan({ channels, periods: 6, seed, withOverrides: true });
        plan.regions = [{ id: 'r1', name: 'R1' }];
        plan.channels.forEach((ch) => (ch.regions = ['r1']));
        plan.uncertainty = [];
        const ranges = plan.channels.flatMap((ch, c) => [
          { id: `s${c}`, channelId: ch.id, driver: 'spend' as const, low: ch.drivers.spend.base * 0.6, high: ch.drivers.spend.base * 1.5, distribution: 'lognormal' as const },
          { id: `c${c}`, channelId: ch.id, driver: 'conversion' as const, low: ch.drivers.conversion.base * 0.8, high: ch.drivers.conversion.base * 1.2, distribution: 'triangular' as const },
        ]);
        const named = ranges.map((u) => ({ ...u, regionId: 'r1' }));
        const a = runMonteCarloChunk(prepareMonteCarlo(plan, { scenarioId: null, uncertainty: ranges }), seed, 0, 6, 'js');
        const b = runMonteCarloChunk(prepareMonteCarlo(plan, { scenarioId: null, uncertainty: named }), seed, 0, 6, 'js');
        expect([...b.totalContribution]).toEqual([...a.totalContribution]);
        expect([...b.periodNetRevenue]).toEqual([...a.periodNetRevenue]);
        const ta = tornado(plan, { scenarioId: null, uncertainty: ranges });
        const tb = tornado(plan, { scenarioId: null, uncertainty: named });
        expect(tb.baseContribution).toBe(ta.baseContribution);
        expect(tb.bars.map((x) => [x.id, x.contributionAtLow, x.contributionAtHigh])).toEqual(ta.bars.map((x) => [x.id, x.contributionAtLow, x.contributionAtHigh]));
      }),
      { numRuns: 12 },
    );
  });
});

describe('goal seek on a plan computed by region', () => {
  it("reaches a contribution by varying one region's spend, and the answer applied gives it", () => {
    const plan = handPlan();
    const target = BASE - 100_000;
    const spec = { scenarioId: null, metric: 'contribution' as const, target, variable: { kind: 'driver' as const, channelId: 'a', driver: 'spend' as const, regionId: 'south' }, minPercent: -50, maxPercent: 300 };
    const r = goalSeek(plan, spec);
    expect(r.status).toBe('reached');
    if (r.status !== 'reached') return;
    const applied = structuredClone(plan);
    applied.scenarios = [{ id: 'g', name: 'g', parentId: null, notes: '', adjustments: [goalSeekAdjustment(spec, r.percent, 'adj')] }];
    expect(applied.scenarios[0].adjustments[0].regionId).toBe('south');
    expect(Math.abs(contribution(applied, 'g') - target)).toBeLessThanOrEqual(2);
    // Only south moved: north and b are as before.
    const res = computePlan(applied, 'g');
    const north = res.regional!.rows.findIndex((x) => x.regionId === 'north');
    expect(res.regional!.flows.contribution[north * 2]).toBe(NORTH);
  });

  it('refuses a region the channel does not serve', () => {
    const plan = handPlan();
    expect(() => goalSeek(plan, { scenarioId: null, metric: 'contribution', target: 0, variable: { kind: 'driver', channelId: 'b', driver: 'spend', regionId: 'south' }, minPercent: -10, maxPercent: 10 })).toThrow(RangeError);
  });

  it('reaches a target on the regional fixture plan through its scenario', async () => {
    const { readFile } = await import('node:fs/promises');
    const file = JSON.parse(await readFile(new URL('../../fixtures/planFiles/v4-grocery-regions.cmplan.json', import.meta.url), 'utf8'));
    const plan = file.plan as Plan;
    const scenarioId = plan.scenarios[0].id;
    const before = contribution(plan, scenarioId);
    const spec = { scenarioId, metric: 'contribution' as const, target: before + 5_000_00, variable: { kind: 'totalBudget' as const }, minPercent: -50, maxPercent: 50 };
    const r = goalSeek(plan, spec);
    if (r.status !== 'reached') return void expect(r.closestAchieved).toBeLessThan(spec.target);
    const applied = structuredClone(plan);
    applied.scenarios.push({ id: 'g', name: 'g', parentId: scenarioId, notes: '', adjustments: [goalSeekAdjustment(spec, r.percent, 'adj')] });
    expect(Math.abs(contribution(applied, 'g') - spec.target)).toBeLessThanOrEqual(5);
  });
});

describe('BCG action effects and response curves on a plan computed by region', () => {
  it("an action's effect is the scenario's change of contribution", () => {
    const plan = handPlan();
    const res = computePlan(plan);
    const cut: Adjustment[] = [{ id: 'x', target: { kind: 'channels', ids: ['a'] }, driver: 'spend', op: { kind: 'set', value: 400_000 }, enabled: true }];
    const window = { start: 0, end: 2, from: '2027-01', to: '2027-02' };
    const withCut = structuredClone(plan);
    withCut.scenarios = [{ id: 's', name: 's', parentId: null, notes: '', adjustments: cut }];
    expect(actionEffect(plan, res, 0, cut, window)).toBe(contribution(withCut, 's') - BASE);
  });

  it("a channel's curve at today's spend is its contribution", () => {
    const plan = handPlan();
    const curves = responseCurves(plan, null, 'contribution', 4, { a: 4_000_000 });
    const a = curves.find((c) => c.channelId === 'a')!;
    // Sampled at 0, 1, 2, 3, 4 million: today's 2 million (two months) is the third point.
    expect(a.spend[2]).toBe(2_000_000);
    expect(Math.abs(a.value[2] - 2 * (NORTH + SOUTH))).toBeLessThan(10);
  });
});

describe('switching the operation of an adjustment of one region', () => {
  it("measures against the region's own level, not the channel's", () => {
    const plan = handPlan();
    const adj: Adjustment = { id: 'x', target: { kind: 'channels', ids: ['a'] }, regionId: 'south', driver: 'spend', op: { kind: 'scale', percent: 20 }, enabled: true };
    // South spends 250,000 a month: +20 % of it is 50,000, and setting it means 300,000.
    expect(switchOperation(convertContext(plan), adj, 'add').op).toEqual({ kind: 'add', value: 50_000 });
    expect(switchOperation(convertContext(plan), adj, 'set').op).toEqual({ kind: 'set', value: 300_000 });
    expect(rangeBase(plan, { channelId: 'a', driver: 'spend', regionId: 'south' })).toBe(250_000);
    expect(rangeBase(plan, { channelId: 'a', driver: 'conversion', regionId: 'south' })).toBe(0.04);
    expect(rangeBase(plan, { channelId: 'a', driver: 'conversion', regionId: 'north' })).toBe(0.02);
  });
});

describe('BCG growth on a plan computed by region', () => {
  it("takes each region's own season out", () => {
    const plan = handPlan();
    // North's base traffic peaks in January (×1.5) and dips in February (×0.5); spend is flat.
    plan.regions[0].seasonality = [1.5, 0.5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    const res = computePlan(plan);
    const net = seasonallyAdjustedNetRevenue(plan, res);
    // Without the season both months are the hand plan's: a's net revenue 3,240,000 + 2,160,000.
    expect(net[0]).toBe(3_240_000 + 2_160_000);
    expect(net[1]).toBe(3_240_000 + 2_160_000);
    expect(res.flows.netRevenue[0]).not.toBe(res.flows.netRevenue[1]);
  });
});
