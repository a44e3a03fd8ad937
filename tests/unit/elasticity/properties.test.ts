// Properties of the elasticity estimate on made-up data sets.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TransactionColumns } from '../../../src/engine/import/transactions';
import { elasticityForPlan, estimateElasticities, studentTCdf, studentTQuantile, Z90 } from './imports';

/** One row per week per product: units = k·price^ε exactly, prices from `prices`. */
function columnsOf(rows: { product: string; week: number; units: number; price: number; channel?: string }[]): TransactionColumns {
  const productValues = [...new Set(rows.map((r) => r.product))];
  const channelValues = [...new Set(rows.map((r) => r.channel ?? 'shop'))];
  return {
    length: rows.length,
    customer: { codes: new Int32Array(rows.length), values: ['c'] },
    // Mondays from 2024-01-01 (day 19723).
    date: Int32Array.from(rows, (r) => 19723 + 7 * r.week),
    amount: Float64Array.from(rows, (r) => r.units * r.price),
    quantity: Float64Array.from(rows, (r) => r.units),
    orderId: null,
    channel: { codes: Int32Array.from(rows, (r) => channelValues.indexOf(r.channel ?? 'shop')), values: channelValues },
    region: null,
    product: { codes: Int32Array.from(rows, (r) => productValues.indexOf(r.product)), values: productValues },
  };
}

const priceSeries = fc.array(fc.double({ min: 0.5, max: 50, noNaN: true }), { minLength: 10, maxLength: 40 }).filter((ps) => {
  let changes = 0;
  for (let i = 1; i < ps.length; i++) if (Math.abs(ps[i] / ps[i - 1] - 1) > 0.01) changes++;
  return changes >= 3 && Math.max(...ps) / Math.min(...ps) > 1.1;
});

describe('elasticity estimate: properties', () => {
  it('gives ε back when units = k·price^ε exactly, with a zero-width interval', () => {
    fc.assert(
      fc.property(priceSeries, fc.double({ min: -4, max: 1, noNaN: true }), fc.double({ min: 10, max: 1e5, noNaN: true }), (prices, e, k) => {
        const result = estimateElasticities(columnsOf(prices.map((price, week) => ({ product: 'A', week, price, units: k * price ** e }))));
        if (result.kind !== 'done') return false;
        const est = result.products[0].estimate;
        expect(est.status).toBe('estimated');
        if (est.status !== 'estimated') return;
        expect(est.elasticity).toBeCloseTo(e, 9);
        expect(est.intercept!).toBeCloseTo(Math.log(k), 7);
        expect(est.standardError).toBeLessThan(1e-9);
        expect(est.high - est.low).toBeLessThan(1e-8);
      }),
      { numRuns: 60 },
    );
  });

  it('pooled: products with their own levels and one ε give ε back', () => {
    fc.assert(
      fc.property(priceSeries, priceSeries, fc.double({ min: -3, max: -0.2, noNaN: true }), (pa, pb, e) => {
        const rows = [
          ...pa.map((price, week) => ({ product: 'A', week, price, units: 100 * price ** e })),
          ...pb.map((price, week) => ({ product: 'B', week, price, units: 7 * price ** e })),
        ];
        const result = estimateElasticities(columnsOf(rows));
        if (result.kind !== 'done') return false;
        const pooled = result.channels![0].estimate;
        expect(pooled.status).toBe('estimated');
        if (pooled.status === 'estimated') expect(pooled.elasticity).toBeCloseTo(e, 9);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses constant prices, whatever the units do', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1000, noNaN: true }), fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 2, maxLength: 60 }), (price, units) => {
        const result = estimateElasticities(columnsOf(units.map((u, week) => ({ product: 'A', week, price, units: u }))));
        if (result.kind !== 'done') return false;
        expect(result.products[0].estimate).toMatchObject({ status: 'refused', reason: 'pricesNeverMove', priceChanges: 0 });
        expect(result.channels![0].estimate).toMatchObject({ status: 'refused', reason: 'pricesNeverMove' });
      }),
      { numRuns: 60 },
    );
  });

  it('refuses too few price changes and too few weeks, and says which', () => {
    const twoChanges = [1, 1, 1, 1.1, 1.1, 1.1, 1.2, 1.2, 1.2, 1.2].map((price, week) => ({ product: 'A', week, price, units: 10 / price }));
    const fiveWeeks = [1, 1.1, 1.2, 1.3, 1.4].map((price, week) => ({ product: 'B', week, price, units: 10 / price }));
    const result = estimateElasticities(columnsOf([...twoChanges, ...fiveWeeks]));
    if (result.kind !== 'done') throw new Error();
    expect(result.products.find((p) => p.product === 'A')!.estimate).toMatchObject({ status: 'refused', reason: 'tooFewPriceChanges', priceChanges: 2, observations: 10 });
    expect(result.products.find((p) => p.product === 'B')!.estimate).toMatchObject({ status: 'refused', reason: 'tooFewObservations', priceChanges: 4, observations: 5 });
  });

  it('leaves out returns (negative units) and free goods, and counts them', () => {
    const rows = [1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9].map((price, week) => ({ product: 'A', week, price, units: 10 / price }));
    const cols = columnsOf([...rows, { product: 'A', week: 3, price: 1.3, units: -4 }, { product: 'A', week: 4, price: 0, units: 2 }]);
    const result = estimateElasticities(cols);
    if (result.kind !== 'done') throw new Error();
    expect(result.excluded).toEqual({ rows: 12, nonPositiveQuantity: 1, nonPositivePrice: 1 });
    const est = result.products[0].estimate;
    expect(est.status === 'estimated' && est.elasticity).toBeCloseTo(-1, 12);
  });

  it('needs quantity and product columns', () => {
    const cols = columnsOf([{ product: 'A', week: 0, price: 1, units: 1 }]);
    expect(estimateElasticities({ ...cols, quantity: null })).toEqual({ kind: 'unavailable', missing: 'quantity' });
    expect(estimateElasticities({ ...cols, product: null })).toEqual({ kind: 'unavailable', missing: 'product' });
  });

  it('t quantiles invert the t CDF', () => {
    for (const df of [1, 2, 3, 7, 30, 200, 5000]) {
      for (const p of [0.6, 0.9, 0.975, 0.995]) expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 11);
    }
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706204736174698, 10);
  });

  it('offers the plan ε with its P10–P90 from the standard error, and nothing for a refusal', () => {
    const est = { status: 'estimated', elasticity: -1.8, intercept: 3, standardError: 0.4, classicalStandardError: 0.3, degreesOfFreedom: 40, low: -2.6, high: -1, observations: 42, priceChanges: 12, verdict: 'elastic' } as const;
    const plan = elasticityForPlan(est)!;
    expect(plan.elasticity).toBe(-1.8);
    expect(plan.uncertainty.distribution).toBe('normal');
    expect(plan.uncertainty.low).toBeCloseTo(-1.8 - Z90 * 0.4, 14);
    expect(plan.uncertainty.high).toBeCloseTo(-1.8 + Z90 * 0.4, 14);
    expect(elasticityForPlan({ status: 'refused', reason: 'pricesNeverMove', observations: 20, priceChanges: 0 })).toBeNull();
  });
});
