import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computePlan } from '../../../src/engine/compute';
import { roundMoney } from '../../../src/engine/money';
import { actualiseSeries, grossForNet } from '../../../src/engine/scenarios/actualise';
import { resolveDrivers } from '../../../src/engine/driverSeries';
import { createPlanFromTemplate } from '../../../src/engine/templates';
import { monthKeys } from '../../../src/engine/timeline';
import type { Plan } from '../../../src/engine/types';

/** Beauty template (2027-01, 24 months) with three months of actuals; stores reported by two regions. */
function planWithActuals(): Plan {
  const plan = createPlanFromTemplate('beauty', { id: 'p', now: 0, locale: 'en' });
  plan.actuals = {
    start: '2026-12',
    months: 5,
    series: [
      // 2026-12 lies before the plan; 2027-04 is empty (null).
      { channelId: 'ch-tmall', regionId: '', values: { netRevenue: [1, 512_000_037, 640_000_001, 388_000_999, null], orders: [1, 21_400, 26_900, 16_100, null], spend: [1, 80_000_000, 95_000_013, 60_000_000, null] } },
      { channelId: 'ch-stores', regionId: 'tier1', values: { netRevenue: [null, 120_000_000, 131_000_000, 99_000_000, null], orders: [null, 4_000, 4_100, 3_900, null] } },
      { channelId: 'ch-stores', regionId: 'tier2', values: { netRevenue: [null, 30_000_003, null, 10_000_000, null], orders: [null, 1_000, null, 500, null] } },
      // Revenue only: orders stay as planned, AOV carries the difference.
      { channelId: 'ch-community', regionId: '', values: { netRevenue: [null, 7_777_777, 8_888_888, 0, null] } },
    ],
    source: { kind: 'table', name: 'a.xlsx', importedAt: 0 },
    channelNames: [],
    regionNames: [],
  };
  plan.scenarios.push({ id: 'sc-act', name: 'Actual through March', parentId: null, notes: '', adjustments: [], actualise: { through: '2027-03', after: 'plan' } });
  return plan;
}

const cell = (plan: Plan, channelId: string, t: number): number => plan.channels.findIndex((c) => c.id === channelId) * plan.timeline.periods + t;

describe('actualise through a month', () => {
  it('reproduces actual net revenue and spend to the minor unit and orders to the unit', () => {
    const plan = planWithActuals();
    const res = computePlan(plan, 'sc-act');
    const f = res.flows;
    // Jan–Mar 2027 are plan months 0–2; expected values are the actuals, regions summed by hand.
    const expected: [string, number, number, number | null, number | null][] = [
      ['ch-tmall', 0, 512_000_037, 21_400, 80_000_000],
      ['ch-tmall', 1, 640_000_001, 26_900, 95_000_013],
      ['ch-tmall', 2, 388_000_999, 16_100, 60_000_000],
      ['ch-stores', 0, 150_000_003, 5_000, null],
      ['ch-stores', 1, 131_000_000, 4_100, null],
      ['ch-stores', 2, 109_000_000, 4_400, null],
      ['ch-community', 0, 7_777_777, null, null],
      ['ch-community', 1, 8_888_888, null, null],
      ['ch-community', 2, 0, null, null],
    ];
    const base = computePlan(plan, null);
    for (const [id, t, net, orders, spend] of expected) {
      const i = cell(plan, id, t);
      expect(f.netRevenue[i], `${id} ${t} net`).toBe(net);
      if (orders !== null) expect(Math.abs(f.orders[i] - orders), `${id} ${t} orders`).toBeLessThan(1e-6);
      else expect(f.orders[i]).toBeCloseTo(base.flows.orders[i], 9);
      expect(f.spend[i]).toBe(spend ?? base.flows.spend[i]);
      // The P&L identity still holds on the actualised cell.
      expect(f.grossRevenue[i] - f.returns[i] - f.intermediaryMargin[i] - f.cannibalised[i]).toBe(f.netRevenue[i]);
    }
  });

  it('keeps the plan after the last actual month, and where the actuals give nothing', () => {
    const plan = planWithActuals();
    const res = computePlan(plan, 'sc-act');
    const base = computePlan(plan, null);
    const P = plan.timeline.periods;
    for (let c = 0; c < plan.channels.length; c++) {
      for (let t = 3; t < P; t++) expect(res.flows.netRevenue[c * P + t]).toBe(base.flows.netRevenue[c * P + t]);
    }
    // ch-douyin-live has no actuals: every month as planned.
    const live = cell(plan, 'ch-douyin-live', 0);
    expect(res.flows.netRevenue[live]).toBe(base.flows.netRevenue[live]);
  });

  it('stops at `through` even where the actuals go on', () => {
    const plan = planWithActuals();
    plan.scenarios[plan.scenarios.length - 1].actualise = { through: '2027-01', after: 'plan' };
    const res = computePlan(plan, 'sc-act');
    const base = computePlan(plan, null);
    expect(res.flows.netRevenue[cell(plan, 'ch-tmall', 0)]).toBe(512_000_037);
    expect(res.flows.netRevenue[cell(plan, 'ch-tmall', 1)]).toBe(base.flows.netRevenue[cell(plan, 'ch-tmall', 1)]);
  });

  it('sets the months after `through` to the re-forecast', () => {
    const plan = planWithActuals();
    const P = plan.timeline.periods;
    const reforecast = Array.from({ length: P - 3 }, (_, k) => 300_000_000 + k * 1_234_567);
    plan.scenarios[plan.scenarios.length - 1].actualise = { through: '2027-03', after: 'reforecast', reforecast: [{ channelId: 'ch-tmall', netRevenue: reforecast }] };
    const res = computePlan(plan, 'sc-act');
    const base = computePlan(plan, null);
    for (let t = 3; t < P; t++) expect(res.flows.netRevenue[cell(plan, 'ch-tmall', t)]).toBe(reforecast[t - 3]);
    expect(res.flows.netRevenue[cell(plan, 'ch-tmall', 2)]).toBe(388_000_999);
    // Spend stays as planned after the actuals; channels without a re-forecast keep the plan.
    expect(res.flows.spend[cell(plan, 'ch-tmall', 5)]).toBe(base.flows.spend[cell(plan, 'ch-tmall', 5)]);
    expect(res.flows.netRevenue[cell(plan, 'ch-stores', 5)]).toBe(base.flows.netRevenue[cell(plan, 'ch-stores', 5)]);
  });

  it('reproduces the actuals of cannibalised channels too, along a chain of pairs', () => {
    const plan = planWithActuals();
    // Live-stream takes from stores and Tmall takes from live-stream: stores' loss depends on live-stream's solved revenue.
    plan.cannibalisation = [
      { from: 'ch-douyin-live', to: 'ch-stores', rate: 0.15 },
      { from: 'ch-tmall', to: 'ch-douyin-live', rate: 0.1 },
      { from: 'ch-community', to: 'ch-stores', rate: 0.05 },
    ];
    plan.actuals!.series.push({ channelId: 'ch-douyin-live', regionId: '', values: { netRevenue: [null, 90_000_011, 95_000_000, 70_000_000, null], spend: [null, 30_000_000, 30_000_000, 30_000_000, null] } });
    const P = plan.timeline.periods;
    const reforecast = Array.from({ length: P - 3 }, (_, k) => 100_000_000 + k * 777);
    plan.scenarios[plan.scenarios.length - 1].actualise = { through: '2027-03', after: 'reforecast', reforecast: [{ channelId: 'ch-stores', netRevenue: reforecast }] };
    const res = computePlan(plan, 'sc-act');
    const f = res.flows;
    const stores = [150_000_003, 131_000_000, 109_000_000];
    const live = [90_000_011, 95_000_000, 70_000_000];
    for (let t = 0; t < 3; t++) {
      expect(f.cannibalised[cell(plan, 'ch-stores', t)]).toBeGreaterThan(0);
      expect(f.netRevenue[cell(plan, 'ch-stores', t)]).toBe(stores[t]);
      expect(f.netRevenue[cell(plan, 'ch-douyin-live', t)]).toBe(live[t]);
    }
    for (let t = 3; t < P; t++) expect(f.netRevenue[cell(plan, 'ch-stores', t)]).toBe(reforecast[t - 3]);
  });

  it('reports the months it cannot reproduce', () => {
    const plan = planWithActuals();
    const { series } = resolveDrivers(plan);
    const c = plan.channels.findIndex((ch) => ch.id === 'ch-community');
    const P = plan.timeline.periods;
    series.baseTraffic[c * P] = 0;
    series.conversion[c * P] = 0;
    plan.channels[c].curve = { ...plan.channels[c].curve, type: 'none' };
    const notices = actualiseSeries(plan, series, monthKeys(plan.timeline), { through: '2027-03', after: 'plan' });
    expect(notices).toContainEqual({ channelId: 'ch-community', month: '2027-01', kind: 'noOrders' });
  });

  it('grossForNet reaches every net revenue exactly as the cell formula rounds it', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e11 }), fc.double({ min: 0, max: 0.95, noNaN: true }), fc.double({ min: 0, max: 0.95, noNaN: true }), (net, rr, cm) => {
        const g = grossForNet(net, rr, cm);
        expect(g).not.toBeNull();
        const returns = roundMoney(g! * rr);
        expect(g! - returns - roundMoney((g! - returns) * cm)).toBe(net);
      }),
      { numRuns: 2000 },
    );
    expect(grossForNet(5, 1, 0)).toBeNull();
  });
});

describe('actualise a plan planned by region', () => {
  it("reproduces each channel's actuals to the minor unit, and a region's own actuals in its row", () => {
    const plan = planWithActuals();
    // Every channel serving regions gets a value of its own in its first region, so all are computed by region.
    for (const ch of plan.channels) {
      if (ch.regions.length === 0) continue;
      ch.regionWeights = Object.fromEntries(ch.regions.map((r, k) => [r, k + 1]));
      ch.regionDrivers = { [ch.regions[0]]: { conversion: { base: ch.drivers.conversion.base * 1.1 } } };
    }
    const res = computePlan(plan, 'sc-act');
    expect(res.regional).toBeDefined();
    const P = res.periods;
    const expected: [string, number, number][] = [
      ['ch-tmall', 0, 512_000_037],
      ['ch-tmall', 2, 388_000_999],
      ['ch-stores', 0, 150_000_003],
      ['ch-stores', 2, 109_000_000],
      ['ch-community', 1, 8_888_888],
    ];
    for (const [id, t, net] of expected) expect(res.flows.netRevenue[cell(plan, id, t)], `${id} ${t}`).toBe(net);
    const stores = plan.channels.findIndex((c) => c.id === 'ch-stores');
    const row = (regionId: string): number => res.regional!.rows.findIndex((r) => r.channel === stores && r.regionId === regionId);
    if (plan.channels[stores].regions.includes('tier1')) expect(res.regional!.flows.netRevenue[row('tier1') * P + 0]).toBe(120_000_000);
    if (plan.channels[stores].regions.includes('tier2')) expect(res.regional!.flows.netRevenue[row('tier2') * P + 0]).toBe(30_000_003);
    // Months after the actuals keep the plan: the same as the baseline's.
    const base = computePlan(plan, null);
    expect(res.flows.netRevenue[cell(plan, 'ch-tmall', 5)]).toBe(base.flows.netRevenue[cell(plan, 'ch-tmall', 5)]);
  });
});
