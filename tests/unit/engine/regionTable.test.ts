import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { applyOps } from '../../../src/engine/patch';
import { checkPlanValues } from '../../../src/engine/planFile/checks';
import { regionDriverOps, regionSeasonOps, regionWeightOps } from '../../../src/engine/regions/edits';
import { regionShares } from '../../../src/engine/regions/shares';
import { regionTable } from '../../../src/engine/regions/table';
import { rollup, rollupValue } from '../../../src/engine/rollup';
import { createPlanFromTemplate } from '../../../src/engine/templates';
import { buckets } from '../../../src/engine/timeline';
import type { Plan } from '../../../src/engine/types';
import { FLOW_METRICS, MONEY_FLOWS, RATIO_METRICS } from '../../../src/engine/types';

const grocery = (): Plan => createPlanFromTemplate('grocery', { id: 'p', now: 0, locale: 'en' });
const apply = (plan: Plan, ops: Parameters<typeof applyOps>[1]): Plan => applyOps(plan, ops).result;

/** The grocery plan with a share typed, a regional AOV and spend, and a region's season. */
function regional(): Plan {
  let plan = grocery();
  plan = apply(plan, regionWeightOps(plan, 1, new Map([['tier3', 0.7]])));
  plan = apply(plan, regionDriverOps(plan, 0, 'township', 'aov', 3_200));
  plan = apply(plan, regionDriverOps(plan, 2, 'county', 'spend', 5_000_000));
  plan = apply(plan, regionSeasonOps(plan, 0, [1.4, 1.2, 1, 1, 0.9, 0.9, 0.8, 0.8, 0.9, 1, 1, 1.1]));
  return plan;
}

describe('region edits', () => {
  it('a typed share keeps the other regions in proportion; a pasted row is stored as typed; clearing returns to equal shares', () => {
    const plan = grocery();
    plan.channels[1].regions = ['tier3', 'county', 'township'];
    const one = apply(plan, regionWeightOps(plan, 1, new Map([['county', 0.4]])));
    expect(regionShares(one, one.channels[1]).map((s) => s.share)).toEqual([0.3, 0.4, 0.3]);
    const row = apply(one, regionWeightOps(one, 1, new Map([['tier3', 0.5], ['county', 0.3], ['township', 0.2]])));
    expect(row.channels[1].regionWeights).toEqual({ tier3: 0.5, county: 0.3, township: 0.2 });
    const cleared = apply(row, regionWeightOps(row, 1, new Map([['county', undefined]])));
    expect(cleared.channels[1].regionWeights).toBeUndefined();
  });

  it("a region's first own driver keeps the channel's growth and season; clearing the last one leaves no empty object", () => {
    let plan = grocery();
    plan.channels[0].drivers.aov.growth = 0.01;
    plan.channels[0].drivers.aov.seasonality = [1.1, 0.9, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    plan = apply(plan, regionDriverOps(plan, 0, 'county', 'aov', 4_000));
    expect(plan.channels[0].regionDrivers).toEqual({ county: { aov: { base: 4_000, growth: 0.01, seasonality: [1.1, 0.9, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] } } });
    plan = apply(plan, regionDriverOps(plan, 0, 'county', 'aov', 4_500));
    expect(plan.channels[0].regionDrivers?.county?.aov?.base).toBe(4_500);
    plan = apply(plan, regionDriverOps(plan, 0, 'county', 'aov', undefined));
    expect(plan.channels[0].regionDrivers).toBeUndefined();
  });
});

describe('regionTable', () => {
  it('shows equal shares and the channel values split for a plan without regional values', () => {
    const plan = grocery();
    const shares = regionTable(plan, { kind: 'share' })!;
    expect(shares.columns).toEqual(['tier3', 'county', 'township']);
    expect(shares.rows[0].values).toEqual([null, 0.5, 0.5]);
    expect(shares.rows.every((r) => r.own.every((o) => !o))).toBe(true);
    const spend = regionTable(plan, { kind: 'driver', key: 'spend' })!;
    spend.rows.forEach((r, c) => expect(r.total).toBe(plan.channels[c].drivers.spend.base));
    expect(spend.total).toBe(plan.channels.reduce((s, ch) => s + ch.drivers.spend.base, 0));
  });

  it("marks a region's own driver and keeps the channel's value elsewhere", () => {
    const plan = regional();
    const aov = regionTable(plan, { kind: 'driver', key: 'aov' })!;
    expect(aov.rows[0].values).toEqual([null, plan.channels[0].drivers.aov.base, 3_200]);
    expect(aov.rows[0].own).toEqual([false, false, true]);
    expect(aov.total).toBeNull();
    const spend = regionTable(plan, { kind: 'driver', key: 'spend' })!;
    expect(spend.rows[2].values[1]).toBe(5_000_000);
    expect(spend.columnTotals.reduce((s, v) => s! + v!, 0)).toBe(spend.total);
  });

  it('results add up both ways, exactly, to the channel and region roll-ups, for every flow and period', () => {
    const plan = regional();
    const res = computePlan(plan);
    for (const granularity of ['all', 'year', 'month'] as const) {
      const n = buckets(plan.timeline, granularity).length;
      const byRegion = rollup(plan, res, 'region', granularity);
      const byChannel = rollup(plan, res, 'channel', granularity);
      for (let bucket = 0; bucket < n; bucket += granularity === 'month' ? 5 : 1) {
        for (const key of FLOW_METRICS) {
          const t = regionTable(plan, { kind: 'metric', key }, { res, period: { granularity, bucket } })!;
          t.columns.forEach((id, j) => {
            expect(t.columnTotals[j]).toBe(rollupValue(byRegion, key, byRegion.groupKeys.indexOf(id), bucket));
            expect(t.rows.reduce((s, r) => s + (r.values[j] ?? 0), 0)).toBeCloseTo(t.columnTotals[j]!, 6);
          });
          t.rows.forEach((r, c) => {
            expect(r.total).toBe(rollupValue(byChannel, key, c, bucket));
            const sum = r.values.reduce<number>((s, v) => s + (v ?? 0), 0);
            if (MONEY_FLOWS.has(key)) expect(sum).toBe(r.total);
            else expect(sum).toBeCloseTo(r.total!, 6);
          });
          const grand = t.columnTotals.reduce((s, v) => s! + v!, 0)!;
          // Money in whole minor units adds up exactly; traffic and orders are fractional counts.
          if (MONEY_FLOWS.has(key)) expect(t.total).toBe(grand);
          else expect(t.total).toBeCloseTo(grand, 6);
        }
      }
    }
  });

  it('ratios per region are recomputed from the region’s flows, never summed', () => {
    const plan = regional();
    const res = computePlan(plan);
    const t = regionTable(plan, { kind: 'metric', key: 'roi' }, { res, period: { granularity: 'all', bucket: 0 } })!;
    const r = rollup(plan, res, 'region', 'all');
    t.columns.forEach((id, j) => {
      const g = r.groupKeys.indexOf(id);
      const expected = r.flows.contribution[g] / (r.flows.spend[g] + r.flows.fixedCost[g]);
      expect(t.columnTotals[j]).toBeCloseTo(expected, 12);
    });
    for (const key of RATIO_METRICS) expect(() => regionTable(plan, { kind: 'metric', key }, { res, period: { granularity: 'year', bucket: 0 } })).not.toThrow();
  });
});

describe('plan-file checks of regional values', () => {
  it('accepts the values the editors write', () => {
    expect(checkPlanValues(regional()).errors).toEqual([]);
    expect(checkPlanValues(regional()).warnings).toEqual([]);
  });

  it('refuses weights that are not finite or negative, invalid regional drivers and a season that is not twelve positive numbers', () => {
    const plan = regional();
    plan.channels[1].regionWeights = { tier3: -1, county: Number.NaN };
    plan.channels[0].regionDrivers = { township: { aov: { base: -5 } }, county: { conversion: { base: 2 } } };
    plan.regions[0].seasonality = [1, 1, 1];
    plan.regions[1].seasonality = [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    const paths = checkPlanValues(plan).errors.map((e) => `${e.path.join('.')}:${e.code}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'channels.1.regionWeights.tier3:outOfRange',
        'channels.1.regionWeights.county:notFinite',
        'channels.0.regionDrivers.township.aov.base:outOfRange',
        'channels.0.regionDrivers.county.conversion.base:outOfRange',
        'regions.0.seasonality:invalidValue',
        'regions.1.seasonality.0:outOfRange',
      ]),
    );
  });

  it('warns of values for a region the channel does not serve', () => {
    const plan = regional();
    plan.channels[0].regionWeights = { tier3: 1 };
    plan.channels[0].regionDrivers = { ...plan.channels[0].regionDrivers, gone: { aov: { base: 100 } } };
    const warnings = checkPlanValues(plan).warnings.map((w) => `${w.path.join('.')}:${w.code}`);
    expect(warnings).toEqual(['channels.0.regionWeights.tier3:unknownRef', 'channels.0.regionDrivers.gone:unknownRef']);
  });

  it('finds no problem in generated regional values within range', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 2, maxLength: 2 }), ([a, b]) => {
        const plan = grocery();
        plan.channels[0].regionWeights = { county: a, township: b };
        expect(checkPlanValues(plan).errors).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });
});
