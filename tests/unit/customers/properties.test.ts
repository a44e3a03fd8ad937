import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { abcClasses } from '../../../src/engine/customers/abc';
import { clvSummary } from '../../../src/engine/customers/clvSummary';
import { customerSummary, rowsByCustomer, type Transactions } from '../../../src/engine/customers/columns';

const rowsArb = fc.array(fc.record({ c: fc.integer({ min: 0, max: 7 }), d: fc.integer({ min: 0, max: 60 }), a: fc.integer({ min: -50, max: 500 }) }), { maxLength: 80 });
const toTx = (rows: { c: number; d: number; a: number }[]): Transactions => ({
  customer: Int32Array.from(rows, (r) => r.c),
  day: Int32Array.from(rows, (r) => r.d),
  amount: Float64Array.from(rows, (r) => r.a),
  customerCount: 8,
});

describe('customer engine properties', () => {
  it('summary matches a naive recount for any rows and analysis day', () => {
    fc.assert(
      fc.property(rowsArb, fc.integer({ min: 0, max: 70 }), (rows, asOf) => {
        const s = customerSummary(toTx(rows), asOf, { orders: 'days' });
        for (let c = 0; c < 8; c++) {
          const mine = rows.filter((r) => r.c === c && r.d <= asOf);
          expect(s.orders[c]).toBe(new Set(mine.map((r) => r.d)).size);
          if (mine.length === 0) continue;
          expect(s.lastDay[c]).toBe(Math.max(...mine.map((r) => r.d)));
          expect(s.firstDay[c]).toBe(Math.min(...mine.map((r) => r.d)));
          expect(s.revenue[c]).toBe(mine.reduce((t, r) => t + r.a, 0));
        }
      }),
    );
  });

  it('grouping keeps every row once, by customer, in (day, row) order', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const tx = toTx(rows);
        const { offsets, rows: grouped } = rowsByCustomer(tx);
        expect([...grouped].sort((a, b) => a - b)).toEqual(rows.map((_, i) => i));
        for (let c = 0; c < 8; c++) {
          const expected = rows.map((r, i) => ({ ...r, i })).filter((r) => r.c === c).sort((x, y) => x.d - y.d || x.i - y.i).map((r) => r.i);
          expect(Array.from(grouped.subarray(offsets[c], offsets[c + 1]))).toEqual(expected);
        }
      }),
    );
  });

  it('lifetimes summary: recency ≤ T, frequency 0 ⇔ recency 0, monetary only from repeat days', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const s = clvSummary(toTx(rows), { observationEndDay: 60 });
        for (let c = 0; c < 8; c++) {
          if (!s.present[c]) continue;
          expect(s.recency[c]).toBeLessThanOrEqual(s.T[c]);
          expect(s.frequency[c] === 0).toBe(s.recency[c] === 0);
          const mine = rows.filter((r) => r.c === c);
          const first = Math.min(...mine.map((r) => r.d));
          const repeat = mine.filter((r) => r.d !== first);
          const periods = new Set(repeat.map((r) => r.d)).size;
          expect(s.monetary[c]).toBeCloseTo(periods ? repeat.reduce((t, r) => t + r.a, 0) / periods : 0, 9);
        }
      }),
    );
  });

  it('ABC: classes are monotone along the ranking and A holds at least the A cut-off', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 60 }), (values) => {
        const r = abcClasses(Float64Array.from(values));
        for (let j = 1; j < r.order.length; j++) expect(r.classOf[r.order[j]]).toBeGreaterThanOrEqual(r.classOf[r.order[j - 1]]);
        if (r.positiveRevenue > 0) expect(r.classes[0].revenueShare).toBeGreaterThanOrEqual(0.8 - 1e-12);
      }),
    );
  });
});
