import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { rollup, rollupValue, type GroupBy } from '../../../src/engine/rollup';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import { monthKeys } from '../../../src/engine/timeline';
import { FLOW_METRICS, MONEY_FLOWS, RATIO_METRICS } from '../../../src/engine/types';

const planArb = fc
  .record({
    channels: fc.integer({ min: 1, max: 12 }),
    periods: fc.integer({ min: 12, max: 60 }),
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    withOverrides: fc.boolean(),
    // Cannibalisation pairs by channel index (wrapped to the plan's size; self-pairs are ignored).
    pairs: fc.array(fc.record({ from: fc.nat(11), to: fc.nat(11), rate: fc.double({ min: 0, max: 1, noNaN: true }) }), { maxLength: 4 }),
  })
  .map(({ pairs, ...o }) => {
    const plan = generateSyntheticPlan(o);
    const id = (k: number): string => plan.channels[k % plan.channels.length].id;
    plan.cannibalisation = pairs.map((p) => ({ from: id(p.from), to: id(p.to), rate: p.rate }));
    return plan;
  });

describe('formula graph properties', () => {
  it('keeps every money flow an exact integer and every value finite', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const res = computePlan(plan);
        for (const m of FLOW_METRICS) {
          for (const v of res.flows[m]) {
            expect(Number.isFinite(v)).toBe(true);
            if (MONEY_FLOWS.has(m)) expect(Number.isSafeInteger(v)).toBe(true);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('holds the P&L identities in every cell, exactly', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const f = computePlan(plan).flows;
        for (let i = 0; i < f.spend.length; i++) {
          expect(f.netRevenue[i]).toBe(f.grossRevenue[i] - f.returns[i] - f.intermediaryMargin[i] - f.cannibalised[i]);
          expect(f.netRevenue[i]).toBeGreaterThanOrEqual(0);
          expect(f.channelCost[i]).toBe(f.variableCost[i] + f.fixedCost[i] + f.rebate[i]);
          expect(f.contribution[i]).toBe(f.grossProfit[i] - f.channelCost[i] - f.spend[i]);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('makes totals equal the sum of channels for every grouping and granularity', () => {
    const groupings: GroupBy[] = ['channel', 'type', 'role', 'region', 'total'];
    fc.assert(
      fc.property(planArb, fc.constantFrom(...groupings), fc.constantFrom('month', 'quarter', 'year' as const), (plan, g, gran) => {
        const res = computePlan(plan);
        const total = rollup(plan, res, 'total', gran);
        const grouped = rollup(plan, res, g, gran);
        for (const m of FLOW_METRICS) {
          for (let b = 0; b < total.buckets.length; b++) {
            let sum = 0;
            for (let k = 0; k < grouped.groupKeys.length; k++) sum += grouped.flows[m][k * grouped.buckets.length + b];
            if (MONEY_FLOWS.has(m)) expect(sum).toBe(total.flows[m][b]);
            else expect(sum).toBeCloseTo(total.flows[m][b], 6);
          }
        }
        // Revenue shares of the groups of one bucket add up to 1 whenever there is revenue.
        for (let b = 0; b < grouped.buckets.length; b++) {
          if (total.flows.netRevenue[b] === 0) continue;
          let share = 0;
          for (let k = 0; k < grouped.groupKeys.length; k++) share += rollupValue(grouped, 'revenueShare', k, b) ?? 0;
          expect(share).toBeCloseTo(1, 9);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('never returns NaN or Infinity for a ratio metric', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const r = rollup(plan, computePlan(plan), 'channel', 'quarter');
        for (const m of RATIO_METRICS) {
          for (let g = 0; g < r.groupKeys.length; g++) {
            for (let b = 0; b < r.buckets.length; b++) {
              const v = rollupValue(r, m, g, b);
              expect(v === null || Number.isFinite(v)).toBe(true);
            }
          }
        }
      }),
      { numRuns: 30 },
    );
  });

  it('lets an override win over growth and seasonality whatever they are', () => {
    fc.assert(
      fc.property(
        planArb,
        fc.double({ min: -0.1, max: 0.1, noNaN: true }),
        fc.integer({ min: 0, max: 11 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (plan, growth, t, value) => {
          const ch = plan.channels[0];
          const month = monthKeys(plan.timeline)[t];
          ch.drivers.spend = { ...ch.drivers.spend, growth, overrides: { [month]: value } };
          const res = computePlan(plan);
          expect(res.drivers.spend[t]).toBe(value);
          expect(res.flows.spend[t]).toBe(value);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('raises contribution with spend exactly while marginal ROI is positive (for concave curves)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const plan = generateSyntheticPlan({ channels: 1, periods: 12, seed });
        plan.channels[0].curve.shape = 0.8;
        plan.channels[0].drivers.spend = { base: plan.channels[0].drivers.spend.base };
        const base = computePlan(plan);
        const r = rollup(plan, base, 'channel', 'month');
        const mroi = rollupValue(r, 'marginalRoi', 0, 0);
        plan.channels[0].drivers.spend.base += 10_000;
        const more = computePlan(plan);
        const delta = more.flows.contribution[0] - base.flows.contribution[0];
        // Finite-difference slope agrees in sign with the analytic marginal ROI (rounding aside).
        if (mroi !== null && Math.abs(mroi) > 0.05) expect(Math.sign(delta)).toBe(Math.sign(mroi));
      }),
      { numRuns: 60 },
    );
  });
});
