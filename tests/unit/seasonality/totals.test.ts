import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { resolveDrivers } from '../../../src/engine/driverSeries';
import { baseDriverTotals } from '../../../src/engine/driverTotals';
import { rollup } from '../../../src/engine/rollup';
import { presetProfile } from '../../../src/engine/seasonality/presets';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import { createPlanFromTemplate } from '../../../src/engine/templates';
import type { DriverKey, Plan } from '../../../src/engine/types';
import { RATIO_METRICS } from '../../../src/engine/types';
import { channelRows } from '../../../src/ui/grid/channelColumns';
import { periodTable, type PeriodSelection } from '../../../src/ui/grid/periodColumns';
import { simpleChannel, simplePlan } from '../engine/planFixtures';

/** Channels whose rates move over the year, so that a blend of bases would differ from the true blend. */
function movingPlan(): Plan {
  return simplePlan(
    [
      simpleChannel('a', { conversion: { base: 0.02, growth: 0.01 }, aov: { base: 20_000, seasonality: presetProfile('double11') } }),
      simpleChannel('b', {
        spend: { base: 3_000_000, seasonality: presetProfile('618') },
        baseTraffic: { base: 40_000, growth: 0.02 },
        conversion: { base: 0.05, overrides: { '2027-06': 0.09 } },
        returnRate: { base: 0.3 },
        channelMargin: { base: 0.05, seasonality: presetProfile('springFestival') },
        grossMargin: { base: 0.62 },
        newCustomerShare: { base: 0.2 },
      }),
      simpleChannel('c', { baseTraffic: { base: 2_000 }, aov: { base: 90_000 }, variableCostRate: { base: 0.15, growth: -0.01 } }),
    ],
    24,
  );
}

/**
 * The blended rates computed the long way: every channel-month's own rate weighted by the volume it
 * applies to, from the resolved drivers and the cell flows (no roll-up code involved).
 */
function weightedAverages(plan: Plan): Partial<Record<DriverKey, number>> {
  const res = computePlan(plan);
  const { series } = resolveDrivers(plan);
  const f = res.flows;
  const avg = (key: DriverKey, weight: (i: number) => number): number => {
    let num = 0;
    let den = 0;
    for (let i = 0; i < series[key].length; i++) {
      num += series[key][i] * weight(i);
      den += weight(i);
    }
    return num / den;
  };
  return {
    conversion: avg('conversion', (i) => f.traffic[i]),
    aov: avg('aov', (i) => f.orders[i]),
    newCustomerShare: avg('newCustomerShare', (i) => f.orders[i]),
    returnRate: avg('returnRate', (i) => f.grossRevenue[i]),
    channelMargin: avg('channelMargin', (i) => f.grossRevenue[i] - f.returns[i]),
    grossMargin: avg('grossMargin', (i) => f.netRevenue[i]),
    variableCostRate: avg('variableCostRate', (i) => f.netRevenue[i]),
  };
}

describe('channel grid total row', () => {
  for (const [name, make] of [
    ['rates that move over the year', movingPlan],
    ['the beauty template', () => createPlanFromTemplate('beauty', { id: 'p', now: 0, locale: 'en' })],
    ['a synthetic plan', () => generateSyntheticPlan({ channels: 12, periods: 36, seed: 4 })],
  ] as const) {
    it(`blends rates by the volume they apply to (${name})`, () => {
      const plan = make();
      const totals = baseDriverTotals(plan, rollup(plan, computePlan(plan), 'total', 'all'));
      const expected = weightedAverages(plan);
      for (const [key, value] of Object.entries(expected) as [DriverKey, number][]) {
        // Money is rounded to whole fen per cell, so the blend agrees to rounding, not to the last bit.
        expect(totals[key], key).not.toBeNull();
        expect(Math.abs((totals[key] as number) - value) / value, key).toBeLessThan(1e-6);
      }
    });
  }

  it('sums the base amounts the rows show', () => {
    const plan = movingPlan();
    const totals = baseDriverTotals(plan, null);
    expect(totals.spend).toBe(1_000_000 + 3_000_000 + 1_000_000);
    expect(totals.baseTraffic).toBe(10_000 + 40_000 + 2_000);
    expect(totals.fixedCost).toBe(3 * 500_000);
    expect(totals.conversion).toBeNull();
  });

  it('shows whole-plan spend and fixed cost per channel that add up to the total', () => {
    const plan = movingPlan();
    const res = computePlan(plan);
    const { rows, total } = channelRows(plan, { plan, out: { result: res } });
    for (const m of ['spend', 'fixedCost', 'netRevenue', 'contribution'] as const) {
      expect(rows.reduce((a, r) => a + (r.metrics[m] as number), 0), m).toBe(total.metrics[m]);
    }
    let spend = 0;
    for (const v of res.flows.spend) spend += v;
    expect(total.metrics.spend).toBe(spend);
    // ROI of the total is the ratio of the totals, not a sum or mean of the channels' ROI.
    const roi = (total.metrics.contribution as number) / ((total.metrics.spend as number) + (total.metrics.fixedCost as number));
    expect(total.metrics.roi).toBeCloseTo(roi, 12);
  });
});

describe('period grid total column', () => {
  const plan = movingPlan();
  const res = computePlan(plan);
  const table = (sel: PeriodSelection, g: 'month' | 'quarter' | 'year' = 'month', by: 'channel' | 'type' = 'channel') => periodTable(plan, res, sel, g, [], by);

  it('sums flows and amounts over the periods, for every row and the total row', () => {
    for (const sel of [{ kind: 'driver', key: 'spend' }, { kind: 'metric', key: 'netRevenue' }, { kind: 'metric', key: 'orders' }] as PeriodSelection[]) {
      for (const g of ['month', 'quarter', 'year'] as const) {
        const t = table(sel, g);
        for (const row of [...t.rows, t.total]) {
          const sum = row.values.reduce<number>((a, v) => a + (v ?? 0), 0);
          expect(row.total, `${JSON.stringify(sel)} ${g} ${row.id}`).toBeCloseTo(sum, 6);
        }
        // The corner: the column of totals adds up to the total row's total.
        expect(t.rows.reduce((a, r) => a + (r.total ?? 0), 0)).toBeCloseTo(t.total.total as number, 6);
      }
    }
  });

  it('recomputes rates from the summed flows, never sums the monthly rates', () => {
    const P = res.periods;
    const t = table({ kind: 'driver', key: 'conversion' });
    t.rows.forEach((row, c) => {
      let orders = 0;
      let traffic = 0;
      for (let p = 0; p < P; p++) {
        orders += res.flows.orders[c * P + p];
        traffic += res.flows.traffic[c * P + p];
      }
      expect(row.total).toBeCloseTo(orders / traffic, 12);
      const sumOfRates = row.values.reduce<number>((a, v) => a + (v ?? 0), 0);
      expect(row.total).not.toBeCloseTo(sumOfRates, 3);
    });
    const roi = table({ kind: 'metric', key: 'roi' }, 'quarter');
    roi.rows.forEach((row, c) => {
      let contribution = 0;
      let cost = 0;
      for (let p = 0; p < P; p++) {
        contribution += res.flows.contribution[c * P + p];
        cost += res.flows.spend[c * P + p] + res.flows.fixedCost[c * P + p];
      }
      expect(row.total).toBeCloseTo(contribution / cost, 12);
    });
  });

  it('has a value for every ratio metric that is defined over the whole plan, grouped or not', () => {
    for (const m of RATIO_METRICS) {
      const t = table({ kind: 'metric', key: m }, 'month', 'type');
      // Year-on-year growth needs a year before the plan: undefined over the whole plan, never a number.
      if (m === 'growth' || m === 'growthPop') expect(t.total.total, m).toBeNull();
      else expect(Number.isFinite(t.total.total), m).toBe(true);
    }
    const share = table({ kind: 'metric', key: 'revenueShare' });
    expect(share.rows.reduce((a, r) => a + (r.total ?? 0), 0)).toBeCloseTo(1, 12);
  });
});
