import { describe, expect, it } from 'vitest';
import { ABC_EXCLUDED, abcClasses, paretoPoints } from '../../../src/engine/customers/abc';
import { customerSummary } from '../../../src/engine/customers/columns';
import { loadRfmOrders } from './fixtures';

const classes = (revenue: number[], options = {}) => Array.from(abcClasses(Float64Array.from(revenue), options).classOf, (c) => 'ABC'[c]).join('');

describe('ABC boundary convention', () => {
  it('the item whose cumulative share first reaches 80 % is the last A', () => {
    // Cumulative 50, 80, 90, 95, 100 %: 80 % is reached by item 1 → A; 95 % by item 3 → B.
    expect(classes([50, 30, 10, 5, 5])).toBe('AABBC');
    // Cumulative 60, 90, 100 %: item 1 crosses 80 % → A; item 2 starts at 90 % < 95 % → B.
    expect(classes([60, 30, 10])).toBe('AAB');
  });

  it('a dominant customer is A even above 80 % alone', () => {
    expect(classes([90, 6, 4])).toBe('ABC');
  });

  it('cut-offs are editable', () => {
    expect(classes([50, 30, 10, 5, 5], { aCutoff: 0.5, bCutoff: 0.9 })).toBe('ABBCC');
  });

  it('ties rank by item index, and zero or negative revenue is always C', () => {
    const r = abcClasses(Float64Array.of(10, 40, 10, 40, 0, -5));
    expect(Array.from(r.order)).toEqual([1, 3, 0, 2, 4, 5]);
    expect(Array.from(r.classOf, (c) => 'ABC'[c]).join('')).toBe('BABACC'); // ranks 40, 40 (A, A: 0 % and 40 % before), 10 (80 % before → B), 10 (90 % → B)
    expect(r.positiveRevenue).toBe(100);
  });

  it('leaves out items not included', () => {
    const r = abcClasses(Float64Array.of(5, 100, 5), { include: Uint8Array.of(1, 0, 1) });
    expect(r.classOf[1]).toBe(ABC_EXCLUDED);
    expect(r.order.length).toBe(2);
  });
});

describe('ABC on the R rfm sample customers', () => {
  const { tx } = loadRfmOrders();
  const summary = customerSummary(tx);
  const result = abcClasses(summary.revenue, { include: summary.orders });

  it('agrees with a plain recount from sorted revenues', () => {
    const sorted = Array.from(summary.revenue).sort((a, b) => b - a);
    const total = sorted.reduce((a, b) => a + b, 0);
    let before = 0;
    const counts = [0, 0, 0];
    for (const value of sorted) {
      counts[before / total < 0.8 ? 0 : before / total < 0.95 ? 1 : 2]++;
      before += value;
    }
    expect(result.classes.map((c) => c.count)).toEqual(counts);
    expect(result.classes.reduce((s, c) => s + c.revenue, 0)).toBeCloseTo(total, 6);
    expect(result.classes[0].revenueShare).toBeGreaterThanOrEqual(0.8);
    expect(result.classes[0].revenueShare - summary.revenue[result.order[counts[0] - 1]] / total).toBeLessThan(0.8);
    expect(result.cumulativeShare[result.cumulativeShare.length - 1]).toBeCloseTo(1, 12);
  });

  it('thins the Pareto curve for charts, keeping both ends', () => {
    const { x, y } = paretoPoints(result, 51);
    expect(x.length).toBe(52);
    expect([x[0], y[0]]).toEqual([0, 0]);
    expect(x[x.length - 1]).toBe(1);
    expect(y[y.length - 1]).toBeCloseTo(1, 12);
    for (let i = 1; i < y.length; i++) expect(y[i]).toBeGreaterThanOrEqual(y[i - 1]);
  });
});
