import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { priceIndexSeries, withoutPrices } from '../../../src/engine/levers/price';
import { applyAllocationAsAdjustments, optimiseBudget } from '../../../src/engine/optimiser';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import { monthKeys } from '../../../src/engine/timeline';
import { FLOW_METRICS, type Plan, type PriceTarget } from '../../../src/engine/types';

const basePlanArb = fc.record({
  channels: fc.integer({ min: 1, max: 6 }),
  periods: fc.integer({ min: 12, max: 36 }),
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  withOverrides: fc.boolean(),
}).map((o) => generateSyntheticPlan(o));

/** A price lever on some channels: an index with growth and a typed month, an elasticity each. */
const leverArb = (plan: Plan) =>
  fc.record({
    elasticity: fc.double({ min: -4, max: 1, noNaN: true }),
    actsOn: fc.constantFrom<PriceTarget>('conversion', 'baseTraffic'),
    picks: fc.array(
      fc.record({
        c: fc.nat(plan.channels.length - 1),
        base: fc.double({ min: 0.5, max: 1.6, noNaN: true }),
        growth: fc.option(fc.double({ min: -0.02, max: 0.02, noNaN: true }), { nil: undefined }),
        typed: fc.option(fc.tuple(fc.nat(plan.timeline.periods - 1), fc.double({ min: 0.3, max: 2, noNaN: true })), { nil: undefined }),
        elasticity: fc.option(fc.double({ min: -3, max: 0, noNaN: true }), { nil: undefined }),
        actsOn: fc.option(fc.constantFrom<PriceTarget>('conversion', 'baseTraffic'), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  });

type Lever = ReturnType<typeof leverArb> extends fc.Arbitrary<infer T> ? T : never;

function withLever(plan: Plan, l: Lever, elasticity?: number): Plan {
  const months = monthKeys(plan.timeline);
  return {
    ...plan,
    prices: {
      elasticity: elasticity ?? l.elasticity,
      actsOn: l.actsOn,
      channels: l.picks.map((p) => ({
        channelId: plan.channels[p.c].id,
        index: { base: p.base, growth: p.growth, overrides: p.typed ? { [months[p.typed[0]]]: p.typed[1] } : undefined },
        elasticity: elasticity ?? p.elasticity,
        actsOn: p.actsOn,
      })),
    },
  };
}

const planWithLeverArb = basePlanArb.chain((plan) => leverArb(plan).map((l) => ({ plan, l })));

function expectSameFlows(a: Plan, b: Plan, scenarioId: string | null = null): void {
  const x = computePlan(a, scenarioId);
  const y = computePlan(b, scenarioId);
  for (const m of FLOW_METRICS) expect(x.flows[m]).toEqual(y.flows[m]);
  expect(x.marginalRoi).toEqual(y.marginalRoi);
}

describe('price lever properties', () => {
  it('computes bit for bit as before with no price data, or with today’s price everywhere', () => {
    fc.assert(
      fc.property(planWithLeverArb, ({ plan, l }) => {
        const flat = withLever(plan, { ...l, picks: l.picks.map((p) => ({ ...p, base: 1, growth: undefined, typed: undefined })) });
        expectSameFlows(flat, plan);
        expectSameFlows({ ...plan, prices: { elasticity: -2, actsOn: 'conversion', channels: [] } }, plan);
      }),
      { numRuns: 30 },
    );
  });

  it('with elasticity 0 keeps orders and scales gross revenue by the index, to rounding', () => {
    fc.assert(
      fc.property(planWithLeverArb, ({ plan, l }) => {
        const priced = withLever(plan, l, 0);
        const a = computePlan(plan);
        const b = computePlan(priced);
        const index = priceIndexSeries(priced, a.months, null)!;
        expect(b.flows.orders).toEqual(a.flows.orders);
        expect(b.flows.traffic).toEqual(a.flows.traffic);
        for (let i = 0; i < index.length; i++) {
          // Independent: orders × aov × index, rounded once to a minor unit.
          const want = Math.round(a.flows.orders[i] * a.drivers.aov[i] * index[i]);
          expect(Math.abs(b.flows.grossRevenue[i] - want)).toBeLessThanOrEqual(1);
          if (index[i] === 1) expect(b.flows.grossRevenue[i]).toBe(a.flows.grossRevenue[i]);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('moves orders by index^ε on conversion (below the cap), and the P&L identities stay exact', () => {
    fc.assert(
      fc.property(planWithLeverArb, ({ plan, l }) => {
        const priced = withLever(plan, { ...l, actsOn: 'conversion', picks: l.picks.map((p) => ({ ...p, actsOn: undefined })) });
        const a = computePlan(plan);
        const b = computePlan(priced);
        const P = a.periods;
        const index = priceIndexSeries(priced, a.months, null)!;
        const eps = plan.channels.map((ch) => priced.prices!.channels.find((x) => x.channelId === ch.id)?.elasticity ?? priced.prices!.elasticity);
        for (let i = 0; i < index.length; i++) {
          const conv = a.drivers.conversion[i] * index[i] ** eps[Math.floor(i / P)];
          if (conv <= 1) expect(b.flows.orders[i]).toBeCloseTo(a.flows.traffic[i] * conv, 6);
          const f = b.flows;
          expect(f.netRevenue[i]).toBe(f.grossRevenue[i] - f.returns[i] - f.intermediaryMargin[i] - f.cannibalised[i]);
          expect(f.channelCost[i]).toBe(f.variableCost[i] + f.fixedCost[i] + f.rebate[i]);
          expect(f.contribution[i]).toBe(f.grossProfit[i] - f.channelCost[i] - f.spend[i]);
          for (const m of ['grossRevenue', 'netRevenue', 'contribution'] as const) expect(Number.isSafeInteger(f[m][i])).toBe(true);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('on base traffic, leaves spend-driven visits on the response curve', () => {
    fc.assert(
      fc.property(planWithLeverArb, ({ plan, l }) => {
        const priced = withLever(plan, { ...l, actsOn: 'baseTraffic', picks: l.picks.map((p) => ({ ...p, actsOn: undefined })) });
        const a = computePlan(plan);
        const b = computePlan(priced);
        expect(b.flows.incrementalTraffic).toEqual(a.flows.incrementalTraffic);
        expect(b.drivers.conversion).toEqual(a.drivers.conversion);
      }),
      { numRuns: 20 },
    );
  });

  it('leaves months a scenario has actualised as they were', () => {
    fc.assert(
      fc.property(planWithLeverArb, fc.nat(), ({ plan, l }, at) => {
        const months = monthKeys(plan.timeline);
        const through = months[at % months.length];
        const scenarios = [{ id: 'act', name: 'Actual', parentId: null, adjustments: [], notes: '', actualise: { through, after: 'plan' as const } }];
        const a = computePlan({ ...plan, scenarios }, 'act');
        const b = computePlan({ ...withLever(plan, l), scenarios }, 'act');
        const P = a.periods;
        for (let i = 0; i < a.flows.grossRevenue.length; i++) {
          if (months[i % P] <= through) {
            for (const m of FLOW_METRICS) expect(b.flows[m][i]).toBe(a.flows[m][i]);
          }
        }
      }),
      { numRuns: 20 },
    );
  });

  it('applies a scenario’s price change on top of the plan’s index, from its month on', () => {
    const plan = withLever(generateSyntheticPlan({ channels: 3, periods: 24, seed: 7 }), {
      elasticity: -1.5, actsOn: 'conversion', picks: [{ c: 0, base: 1.1, growth: undefined, typed: undefined, elasticity: undefined, actsOn: undefined }],
    });
    const months = monthKeys(plan.timeline);
    plan.scenarios = [{ id: 's', name: 'Dearer', parentId: null, adjustments: [], notes: '', priceChanges: [
      { id: 'p', channelIds: [plan.channels[0].id, plan.channels[1].id], from: months[5], percent: 5, enabled: true },
    ] }];
    const index = priceIndexSeries(plan, months, 's')!;
    expect(index[4]).toBeCloseTo(1.1, 12);
    expect(index[5]).toBeCloseTo(1.1 * 1.05, 12);
    expect(index[24 + 5]).toBeCloseTo(1.05, 12);
    expect(index[48 + 5]).toBe(1);
    const base = computePlan(plan);
    const s = computePlan(plan, 's');
    expect(s.flows.orders[24 + 5]).toBeCloseTo(base.flows.orders[24 + 5] * 1.05 ** -1.5, 6);
    expect(s.flows.orders[24 + 4]).toBe(base.flows.orders[24 + 4]);
    // The baseline is measured without the lever: withoutPrices drops the plan's and the scenario's prices.
    expect(computePlan(withoutPrices(plan), 's').flows.orders).toEqual(computePlan({ ...plan, prices: undefined, scenarios: [] }).flows.orders);
  });

  it('gives the optimiser’s contribution for its answer as computePlan does with the prices as fixed context', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.double({ min: -3, max: 0, noNaN: true }), (seed, eps) => {
        const plan = generateSyntheticPlan({ channels: 4, periods: 12, seed });
        for (const ch of plan.channels) ch.curve.shape = Math.min(ch.curve.shape, 1);
        plan.prices = { elasticity: eps, actsOn: 'conversion', channels: plan.channels.slice(0, 2).map((ch, k) => ({ channelId: ch.id, index: { base: k === 0 ? 1.08 : 0.93 } })) };
        const today = computePlan(plan).flows.spend.reduce((s, v) => s + v, 0);
        const r = optimiseBudget(plan, { mode: 'maxObjective', objective: 'contribution', totalBudget: Math.round(today * 1.1), scenarioId: null, bounds: [] });
        if (!r.ok) throw new Error(r.error);
        let n = 0;
        plan.scenarios = [{ id: 'opt', name: 'opt', parentId: null, notes: '', adjustments: applyAllocationAsAdjustments(plan, r, () => `a${n++}`) }];
        const res = computePlan(plan, 'opt');
        r.allocations.forEach((a, c) => {
          let got = 0;
          for (let t = 0; t < res.periods; t++) got += res.flows.contribution[c * res.periods + t];
          // Scaling rounds each month's spend, and compute rounds each money line, to a minor unit.
          expect(Math.abs(got - a.contributionOptimal)).toBeLessThanOrEqual(6 * res.periods + Math.abs(a.marginalContribution) * res.periods);
        });
      }),
      { numRuns: 15 },
    );
  });
});

describe('price lever on a channel planned by region', () => {
  it('holds in every region of the channel: orders move by index^ε, gross revenue by the index', () => {
    const plan = generateSyntheticPlan({ channels: 3, periods: 12, seed: 11 });
    const ch = plan.channels[0];
    ch.regions = plan.regions.map((r) => r.id);
    // A region with a conversion of its own makes the channel computed region by region.
    ch.regionDrivers = { [plan.regions[0].id]: { conversion: { base: ch.drivers.conversion.base * 0.5 } } };
    ch.regionWeights = { [plan.regions[1].id]: 2 };
    const priced: Plan = { ...plan, prices: { elasticity: -1.4, actsOn: 'conversion', channels: [{ channelId: ch.id, index: { base: 1.1 } }] } };
    const a = computePlan(plan);
    const b = computePlan(priced);
    expect(a.regional).toBeDefined();
    for (let t = 0; t < a.periods; t++) {
      expect(b.flows.orders[t]).toBeCloseTo(a.flows.orders[t] * 1.1 ** -1.4, 6);
      // Other channels are untouched.
      expect(b.flows.orders[a.periods + t]).toBe(a.flows.orders[a.periods + t]);
    }
    const zero = computePlan({ ...priced, prices: { ...priced.prices!, elasticity: 0 } });
    for (let t = 0; t < a.periods; t++) {
      const rows = a.regional!.rows.filter((r) => r.channel === 0).length;
      expect(Math.abs(zero.flows.grossRevenue[t] - a.flows.grossRevenue[t] * 1.1)).toBeLessThanOrEqual(rows + 1);
    }
  });
});
