import { describe, expect, it } from 'vitest';
import { bgnbdConditionalExpectedPurchases, bgnbdProbabilityAlive, fitBgNbd } from '../../../src/engine/customers/bgnbd';
import { customerClv, discountedClv, groupTotals, MONTH_IN_UNITS } from '../../../src/engine/customers/clv';
import type { ClvSummary } from '../../../src/engine/customers/clvSummary';
import { fitGammaGamma, gammaGammaExpectedSpend } from '../../../src/engine/customers/gammaGamma';
import { heuristicClv } from '../../../src/engine/customers/heuristics';
import { column, loadNumericCsv } from './fixtures';

const csv = loadNumericCsv('cdnow_customers_summary_with_transactions.csv');
const frequency = column(csv, 'x');
const recency = column(csv, 't_x');
const T = column(csv, 'T');
const monetary = column(csv, 'zbar');
const bg = fitBgNbd({ frequency, recency, T }).params;
const gg = fitGammaGamma({ frequency, monetary }).params;
const published = { bg: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, gg: { p: 6.25, q: 3.74, v: 15.44 } };

describe('discounted CLV (lifetimes customer_lifetime_value)', () => {
  it('reproduces the lifetimes Quickstart table: 12 months, 1 % a month, default freq "D"', () => {
    // docs/Quickstart.md prints ggf.customer_lifetime_value(bgf, …, time=12, discount_rate=0.01).head(10)
    // with the default freq "D" — 30 units a month, although that summary is in weeks; same here.
    const expected = [140.096211, 18.943467, 38.180574, 38.180574, 38.180574, 1003.868107, 28.109683, 38.180574, 167.418216, 38.180574];
    expected.forEach((value, i) => {
      const spend = gammaGammaExpectedSpend(gg, frequency[i], monetary[i]);
      expect(discountedClv(bg, spend, frequency[i], recency[i], T[i], 'days', 12, 0.01)).toBeCloseTo(value, 2);
    });
  });

  it('agrees with scipy’s hyp2f1 in weeks (4.345 a month) at the published parameters', () => {
    // Independent cross-check: the same sum in Python with scipy.special.hyp2f1 at r .243, α 4.414,
    // a .793, b 2.426 and p 6.25, q 3.74, γ 15.44 (customers 1, 2, 3, 6, 7, 9): [weeks, 30-unit months].
    const scipy: [number, number, number][] = [
      [0, 36.28921113, 140.12518279],
      [1, 4.63729466, 18.94094869],
      [2, 8.36900436, 38.29002428],
      [5, 283.53277632, 1003.81638384],
      [6, 6.88235547, 28.11086017],
      [8, 43.36787227, 167.45833928],
    ];
    for (const [i, weeks, days] of scipy) {
      const spend = gammaGammaExpectedSpend(published.gg, frequency[i], monetary[i]);
      expect(discountedClv(published.bg, spend, frequency[i], recency[i], T[i], 'weeks')).toBeCloseTo(weeks, 6);
      expect(discountedClv(published.bg, spend, frequency[i], recency[i], T[i], 'days')).toBeCloseTo(days, 6);
    }
    // E[purchases in the next 52 weeks] for customer 1 (x 2, tₓ 30.43, T 38.86), scipy: 1.5587208064.
    expect(bgnbdConditionalExpectedPurchases(published.bg, 52, 2, 30.43, 38.86)).toBeCloseTo(1.5587208064, 9);
  });

  it('customerClv fills every output per customer and rolls up by group', () => {
    const summary: ClvSummary = { unit: 'weeks', present: new Uint8Array(frequency.length).fill(1), frequency, recency, T, monetary };
    const out = customerClv(bg, gg, summary, { months: 12 });
    const i = 5; // customer 6: x 7, tₓ 29.43, T 38.86
    expect(out.probabilityAlive[i]).toBe(bgnbdProbabilityAlive(bg, 7, 29.43, 38.86));
    expect(out.expectedPurchases[i]).toBeCloseTo(bgnbdConditionalExpectedPurchases(bg, 12 * MONTH_IN_UNITS.weeks, 7, 29.43, 38.86), 12);
    expect(out.expectedSpend[i]).toBeCloseTo(gammaGammaExpectedSpend(gg, 7, monetary[i]), 12);
    expect(out.clv[i]).toBeCloseTo(discountedClv(bg, out.expectedSpend[i], 7, 29.43, 38.86, 'weeks'), 12);

    // Roll-up by repeat/no-repeat: sums and means recomputed directly.
    const group = Int32Array.from(frequency, (x) => (x > 0 ? 1 : 0));
    const totals = groupTotals(out.clv, group, 2);
    expect(totals.count[1]).toBe(946);
    expect(totals.count[0] + totals.count[1]).toBe(2357);
    let repeatSum = 0;
    for (let c = 0; c < frequency.length; c++) if (frequency[c] > 0) repeatSum += out.clv[c];
    expect(totals.sum[1]).toBeCloseTo(repeatSum, 8);
    expect(totals.mean[1]).toBeCloseTo(repeatSum / 946, 10);
  });
});

describe('heuristic CLV', () => {
  it('is AOV × frequency × margin × lifespan', () => {
    expect(heuristicClv(80, 4, 0.3, 3)).toBeCloseTo(288, 12);
    expect(heuristicClv(80, 0, 0.3, 3)).toBe(0);
  });
});
