import { describe, expect, it } from 'vitest';
import { dayFromCivil, dayFromIso, monthIndexOfDay, weekStartOfDay } from '../../../src/engine/customers/calendar';
import { customerSummary, defaultAnalysisDay, rowsByCustomer, type Transactions } from '../../../src/engine/customers/columns';
import { mulberry32 } from '../../../src/engine/random';
import { loadCdnowSample, loadRfmOrders } from './fixtures';

function shuffled(tx: Transactions, seed: number): Transactions {
  const n = tx.customer.length;
  const order = Array.from({ length: n }, (_, i) => i);
  const next = mulberry32(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return {
    ...tx,
    customer: Int32Array.from(order, (i) => tx.customer[i]),
    day: Int32Array.from(order, (i) => tx.day[i]),
    amount: Float64Array.from(order, (i) => tx.amount[i]),
  };
}

describe('calendar', () => {
  it('agrees with Date.UTC on day numbers, months and weeks', () => {
    for (const [y, m, d] of [[1970, 1, 1], [1997, 9, 30], [2000, 2, 29], [2006, 12, 31], [1969, 12, 28], [2024, 3, 1]]) {
      const day = Date.UTC(y, m - 1, d) / 86_400_000;
      expect(dayFromCivil(y, m, d)).toBe(day);
      expect(monthIndexOfDay(day)).toBe(y * 12 + m - 1);
      const start = weekStartOfDay(day);
      expect(new Date(start * 86_400_000).getUTCDay()).toBe(1); // a Monday
      expect(day - start).toBeGreaterThanOrEqual(0);
      expect(day - start).toBeLessThan(7);
    }
    expect(dayFromIso('2006-12-31')).toBe(Date.UTC(2006, 11, 31) / 86_400_000);
  });
});

describe('customerSummary on R rfm sample orders', () => {
  const { tx } = loadRfmOrders();
  const analysisDay = dayFromIso('2006-12-31');

  it('counts 4,906 transactions of 995 customers (rfm tests/testthat/test-rfm-table.R)', () => {
    const s = customerSummary(tx, analysisDay);
    expect(s.customersWithOrders).toBe(995);
    expect(s.orders.reduce((a, b) => a + b, 0)).toBe(4906);
  });

  it('matches a straightforward per-row recount', () => {
    const s = customerSummary(tx, analysisDay);
    const byCustomer = new Map<number, { first: number; last: number; n: number; revenue: number }>();
    for (let i = 0; i < tx.customer.length; i++) {
      const e = byCustomer.get(tx.customer[i]) ?? { first: Infinity, last: -Infinity, n: 0, revenue: 0 };
      e.first = Math.min(e.first, tx.day[i]);
      e.last = Math.max(e.last, tx.day[i]);
      e.n++;
      e.revenue += tx.amount[i];
      byCustomer.set(tx.customer[i], e);
    }
    for (const [c, e] of byCustomer) {
      expect([s.firstDay[c], s.lastDay[c], s.orders[c], s.recency[c]]).toEqual([e.first, e.last, e.n, analysisDay - e.last]);
      expect(s.revenue[c]).toBeCloseTo(e.revenue, 9);
    }
  });

  it('defaults to the day after the last order and ignores orders after an earlier analysis day', () => {
    expect(defaultAnalysisDay(tx)).toBe(dayFromIso('2006-12-30') + 1);
    const cut = dayFromIso('2005-12-31');
    const s = customerSummary(tx, cut);
    let rows = 0;
    const customers = new Set<number>();
    for (let i = 0; i < tx.day.length; i++) {
      if (tx.day[i] <= cut) {
        rows++;
        customers.add(tx.customer[i]);
      }
    }
    expect(s.orders.reduce((a, b) => a + b, 0)).toBe(rows);
    expect(s.customersWithOrders).toBe(customers.size);
    for (let c = 0; c < tx.customerCount; c++) if (s.orders[c] > 0) expect(s.lastDay[c]).toBeLessThanOrEqual(cut);
  });
});

describe('distinct purchase days', () => {
  const { tx } = loadCdnowSample();

  it('count each (customer, day) once, whether or not rows are in date order', () => {
    const distinct = new Map<number, Set<number>>();
    for (let i = 0; i < tx.customer.length; i++) {
      const set = distinct.get(tx.customer[i]) ?? new Set<number>();
      set.add(tx.day[i]);
      distinct.set(tx.customer[i], set);
    }
    const inOrder = customerSummary(tx, undefined, { orders: 'days' });
    const mixed = customerSummary(shuffled(tx, 7), undefined, { orders: 'days' });
    const transactions = customerSummary(tx).orders;
    let sameDayRepeats = 0;
    for (const [c, set] of distinct) {
      expect(inOrder.orders[c]).toBe(set.size);
      expect(mixed.orders[c]).toBe(set.size);
      sameDayRepeats += transactions[c] - set.size;
    }
    expect(sameDayRepeats).toBeGreaterThan(0); // the sample does have same-day repeat rows
  });

  it('rowsByCustomer returns each customer’s rows by day, ties by row index', () => {
    const mixed = shuffled(tx, 11);
    const { offsets, rows } = rowsByCustomer(mixed);
    expect(rows.length).toBe(mixed.customer.length);
    for (let c = 0; c < mixed.customerCount; c++) {
      for (let j = offsets[c]; j < offsets[c + 1]; j++) {
        expect(mixed.customer[rows[j]]).toBe(c);
        if (j > offsets[c]) {
          const [a, b] = [rows[j - 1], rows[j]];
          expect(mixed.day[a] < mixed.day[b] || (mixed.day[a] === mixed.day[b] && a < b)).toBe(true);
        }
      }
    }
  });
});
