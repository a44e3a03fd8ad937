import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeFromSeries, computePlan, scenarioSeries } from '../../../src/engine/compute';
import { expandPlan, regionCells } from '../../../src/engine/regions';
import { splitInteger } from '../../../src/engine/regions/shares';
import { rollup } from '../../../src/engine/rollup';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import type { Channel, Plan } from '../../../src/engine/types';
import { FLOW_METRICS, MONEY_FLOWS } from '../../../src/engine/types';

const clone = <T>(x: T): T => structuredClone(x);

function total(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s;
}

/** A plan whose channels all serve two or three regions, with their drivers written out per region. */
function regionalCopy(plan: Plan, weights: number[]): Plan {
  const out = clone(plan);
  out.channels.forEach((ch) => {
    if (ch.regions.length === 0) ch.regions = ['tier1', 'lower'];
    ch.regionWeights = Object.fromEntries(ch.regions.map((r, k) => [r, weights[k % weights.length]]));
  });
  return out;
}

describe('splitInteger', () => {
  it('splits an integer into integers that add up to it, each within one unit of its exact share', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.array(fc.double({ min: 0.01, max: 10, noNaN: true }), { minLength: 1, maxLength: 12 }), (v, ws) => {
        const sum = ws.reduce((a, b) => a + b, 0);
        const shares = ws.map((w) => w / sum);
        const parts = splitInteger(v, shares);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(v);
        parts.forEach((p, k) => {
          expect(Number.isInteger(p)).toBe(true);
          expect(Math.abs(p - v * shares[k])).toBeLessThanOrEqual(1.000001 + Math.abs(v) * 1e-12);
        });
      }),
    );
  });
});

describe('regions as a dimension', () => {
  const base = generateSyntheticPlan({ channels: 12, periods: 24, seed: 7, withOverrides: true });

  it('a plan without regional values computes exactly as the plain formula graph (no rows)', () => {
    const { series, notices } = scenarioSeries(base, null);
    const plain = computeFromSeries(base, series, notices);
    const res = computePlan(base);
    expect(res.regional).toBeUndefined();
    for (const m of FLOW_METRICS) expect(Array.from(res.flows[m])).toEqual(Array.from(plain.flows[m]));
  });

  it('weights alone share a channel among its regions without changing its figures', () => {
    const weighted = regionalCopy(base, [3, 1, 1]);
    const a = computePlan(base);
    const b = computePlan(weighted);
    expect(b.regional).toBeUndefined();
    for (const m of FLOW_METRICS) expect(Array.from(b.flows[m])).toEqual(Array.from(a.flows[m]));
    // …and the region roll-up follows the weights: tier1 gets 3/5 of a channel serving three regions.
    const ch = weighted.channels.find((c) => c.regions.length === 3)!;
    const cells = regionCells(weighted, b);
    const c = weighted.channels.indexOf(ch);
    const rows = cells.rows.flatMap((r, q) => (r.channel === c ? [q] : []));
    const spendOf = (q: number): number => total(cells.flows.spend.subarray(q * b.periods, (q + 1) * b.periods));
    const channelSpend = total(b.flows.spend.subarray(c * b.periods, (c + 1) * b.periods));
    expect(rows.map(spendOf).reduce((x, y) => x + y, 0)).toBe(channelSpend);
    expect(spendOf(rows[0]) / channelSpend).toBeCloseTo(0.6, 6);
  });

  it("regional drivers equal to the channel's shares reproduce the channel (to rounding) and every grouping adds up exactly", () => {
    const weighted = regionalCopy(base, [2, 1, 1]);
    const explicit = clone(weighted);
    // Write each region's own drivers as exactly what the channel gives it: the model must agree.
    explicit.channels.forEach((ch: Channel) => {
      const ws = ch.regions.map((r) => ch.regionWeights![r]);
      const sum = ws.reduce((x, y) => x + y, 0);
      ch.regionDrivers = Object.fromEntries(
        ch.regions.map((r, k) => [r, { conversion: { ...ch.drivers.conversion }, baseTraffic: { ...ch.drivers.baseTraffic, base: (ch.drivers.baseTraffic.base * ws[k]) / sum, overrides: ch.drivers.baseTraffic.overrides ? Object.fromEntries(Object.entries(ch.drivers.baseTraffic.overrides).map(([m, v]) => [m, (v * ws[k]) / sum])) : undefined } }]),
      );
    });
    const a = computePlan(weighted);
    const b = computePlan(explicit);
    expect(b.regional?.rows.length).toBeGreaterThan(base.channels.length);
    const C = base.channels.length;
    const P = a.periods;
    for (let c = 0; c < C; c++) {
      const rows = b.regional!.rows.filter((r) => r.channel === c).length;
      const na = total(a.flows.netRevenue.subarray(c * P, (c + 1) * P));
      const nb = total(b.flows.netRevenue.subarray(c * P, (c + 1) * P));
      // Each row rounds its money (and its share of spend) once per month: a few minor units per row
      // and month, plus what a spend rounded to the fen does to revenue through the curve (≤ 1e-6).
      expect(Math.abs(na - nb)).toBeLessThanOrEqual(4 * rows * P + 1e-6 * Math.abs(na));
      expect(Math.abs(total(a.flows.traffic.subarray(c * P, (c + 1) * P)) - total(b.flows.traffic.subarray(c * P, (c + 1) * P)))).toBeLessThan(1e-6 * Math.max(1, total(a.flows.traffic.subarray(c * P, (c + 1) * P))));
    }
    for (const groupBy of ['channel', 'type', 'role', 'region', 'total'] as const) {
      for (const gran of ['month', 'quarter', 'year', 'all'] as const) {
        const r = rollup(explicit, b, groupBy, gran);
        for (const m of FLOW_METRICS) {
          const sum = total(r.flows[m]);
          if (MONEY_FLOWS.has(m)) expect(sum).toBe(total(b.flows[m]));
          else expect(sum).toBeCloseTo(total(b.flows[m]), 3);
        }
      }
    }
  });

  it("a region's own season moves only that region's demand", () => {
    const plan = regionalCopy(base, [1]);
    const season = [1.5, 1.4, 1.2, 1, 0.9, 0.7, 0.6, 0.6, 0.8, 1, 1.1, 1.2];
    plan.regions = plan.regions.map((r) => (r.id === 'lower' ? { ...r, seasonality: season } : r));
    const res = computePlan(plan);
    const rows = res.regional!.rows;
    const P = res.periods;
    const c = plan.channels.findIndex((ch) => ch.regions.includes('lower') && ch.regions.includes('tier1'));
    const ch = plan.channels[c];
    const lower = rows.findIndex((r) => r.channel === c && r.regionId === 'lower');
    const tier1 = rows.findIndex((r) => r.channel === c && r.regionId === 'tier1');
    const share = rows[lower].share;
    // January of the first year, no override: base × share × the region's January index.
    const jan = res.months.indexOf('2027-01');
    if (ch.drivers.baseTraffic.overrides?.['2027-01'] === undefined) {
      expect(res.regional!.drivers.baseTraffic[lower * P + jan]).toBeCloseTo(ch.drivers.baseTraffic.base * share * season[0], 6);
    }
    // The other region keeps the channel's own season (none in this plan): base × its share.
    const other = res.regional!.drivers.baseTraffic[tier1 * P + jan];
    if (ch.drivers.baseTraffic.overrides?.['2027-01'] === undefined && !ch.drivers.baseTraffic.seasonality) {
      expect(other).toBeCloseTo(ch.drivers.baseTraffic.base * rows[tier1].share, 6);
    }
  });

  it('an adjustment of one region changes that region only; the channel is the sum of its rows', () => {
    const plan = regionalCopy(base, [1]);
    const c = plan.channels.findIndex((ch) => ch.regions.includes('tier1'));
    const ch = plan.channels[c];
    plan.scenarios = [
      { id: 's1', name: 'tier-1 push', parentId: null, notes: '', adjustments: [{ id: 'a1', target: { kind: 'channels', ids: [ch.id] }, driver: 'spend', op: { kind: 'scale', percent: 20 }, enabled: true, regionId: 'tier1' }] },
    ];
    const b = computePlan(plan);
    const s = computePlan(plan, 's1');
    const P = b.periods;
    const rows = b.regional!.rows;
    rows.forEach((r, k) => {
      if (r.channel !== c) return;
      const before = total(b.regional!.flows.spend.subarray(k * P, (k + 1) * P));
      const after = total(s.regional!.flows.spend.subarray(k * P, (k + 1) * P));
      if (r.regionId === 'tier1') expect(after / before).toBeCloseTo(1.2, 4);
      else expect(after).toBe(before);
    });
    for (let cc = 0; cc < plan.channels.length; cc++) {
      const sum = total(s.flows.contribution.subarray(cc * P, (cc + 1) * P));
      const rowSum = rows.reduce((acc, r, k) => acc + (r.channel === cc ? total(s.regional!.flows.contribution.subarray(k * P, (k + 1) * P)) : 0), 0);
      if (rows.some((r) => r.channel === cc)) expect(rowSum).toBe(sum);
      if (cc !== c) expect(sum).toBe(total(b.flows.contribution.subarray(cc * P, (cc + 1) * P)));
    }
    expect(s.adjustmentNotices.every((n) => !('channelId' in n) || plan.channels.some((x) => x.id === n.channelId))).toBe(true);
  });

  it("a whole-channel spend set on a channel planned by region is shared by the regions' shares, exactly", () => {
    const plan = regionalCopy(base, [3, 1]);
    const c = plan.channels.findIndex((ch) => ch.regions.length >= 2);
    const ch = plan.channels[c];
    ch.regionDrivers = { [ch.regions[0]]: { aov: { base: ch.drivers.aov.base * 1.1 } } };
    plan.scenarios = [
      { id: 's1', name: 'flat', parentId: null, notes: '', adjustments: [{ id: 'a1', target: { kind: 'all' }, driver: 'spend', op: { kind: 'set', value: 1_000_001 }, enabled: true }] },
    ];
    const s = computePlan(plan, 's1');
    for (let t = 0; t < s.periods; t++) expect(s.drivers.spend[c * s.periods + t]).toBe(1_000_001);
  });
});

describe('expandPlan', () => {
  it("moves a channel's range to each row's level and takes a region's own range as typed", () => {
    const plan = generateSyntheticPlan({ channels: 4, periods: 12, seed: 3 });
    const ch = plan.channels[0];
    ch.regions = ['tier1', 'lower'];
    ch.regionWeights = { tier1: 3, lower: 1 };
    ch.regionDrivers = { tier1: { conversion: { base: ch.drivers.conversion.base * 2 } } };
    plan.uncertainty = [
      { id: 'u1', channelId: ch.id, driver: 'spend', low: ch.drivers.spend.base * 0.8, high: ch.drivers.spend.base * 1.2, distribution: 'uniform' },
      { id: 'u2', channelId: ch.id, driver: 'conversion', low: ch.drivers.conversion.base * 0.9, high: ch.drivers.conversion.base * 1.1, distribution: 'uniform' },
      { id: 'u3', channelId: ch.id, regionId: 'lower', driver: 'conversion', low: 0.01, high: 0.02, distribution: 'uniform' },
    ];
    const x = expandPlan(plan)!;
    const byId = new Map(x.plan.uncertainty.map((u) => [u.id, u]));
    const spendTier1 = byId.get('u1\u241etier1')!;
    expect(spendTier1.low).toBeCloseTo(ch.drivers.spend.base * 0.8 * 0.75, 6);
    expect(spendTier1.high).toBeCloseTo(ch.drivers.spend.base * 1.2 * 0.75, 6);
    // tier1's conversion is its own (twice the channel's): the range keeps its width relative to it.
    expect(byId.get('u2\u241etier1')!.low).toBeCloseTo(ch.drivers.conversion.base * 2 * 0.9, 12);
    expect(byId.get('u2\u241elower')!.high).toBeCloseTo(ch.drivers.conversion.base * 1.1, 12);
    expect(byId.get('u3\u241elower')).toMatchObject({ low: 0.01, high: 0.02 });
    expect(byId.has('u3\u241etier1')).toBe(false);
    expect(x.plan.uncertainty.every((u) => u.regionId === undefined)).toBe(true);
  });
});
