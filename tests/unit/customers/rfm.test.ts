import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../../src/engine/customers/calendar';
import { customerSummary } from '../../../src/engine/customers/columns';
import { quantileType7, rfmBreaks, scoreRfm } from '../../../src/engine/customers/rfm';
import {
  assignSegments,
  eightClassSegments,
  EIGHT_CLASS_IDS,
  R_RFM_SEGMENT_NAMES,
  R_RFM_SEGMENT_RULES,
  seedFourClassRules,
  segmentTable,
  UNASSIGNED,
} from '../../../src/engine/customers/segments';
import { loadRfmOrders } from './fixtures';

const { tx, names } = loadRfmOrders();
const analysisDay = dayFromIso('2006-12-31');
const summary = customerSummary(tx, analysisDay);
const scores = scoreRfm(summary);
const segments = assignSegments(scores, R_RFM_SEGMENT_RULES);
const indexOf = (name: string) => names.indexOf(name);

describe('quantileType7 (R stats::quantile, type 7)', () => {
  it('matches R on small vectors', () => {
    // R: quantile(1:10, c(.2, .5, .9)) = 2.8, 5.5, 9.1; quantile(c(1, 1, 1, 5), .6) = 1 (equal neighbours).
    const x = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    expect(quantileType7(x, 0.2)).toBeCloseTo(2.8, 14);
    expect(quantileType7(x, 0.5)).toBeCloseTo(5.5, 14);
    expect(quantileType7(x, 0.9)).toBeCloseTo(9.1, 14);
    expect(quantileType7([1, 1, 1, 5], 0.6)).toBe(1);
    expect(quantileType7([3], 0.4)).toBe(3);
  });
});

describe('rfm_table_order on rfm_data_orders, analysis date 2006-12-31', () => {
  it('has the default breaks of the package docs’ custom-threshold example', () => {
    // R/rfm-table-transaction.R documents recency_bins = c(115, 181, 297, 482), frequency_bins =
    // c(4, 5, 6, 8), monetary_bins = c(256, 382, 506, 666): the default breaks, rounded.
    expect(scores.thresholds.recency.lower.slice(1).map(Math.round)).toEqual([115, 181, 297, 482]);
    expect(scores.thresholds.frequency.lower.slice(1)).toEqual([4, 5, 6, 8]);
    expect(scores.thresholds.monetary.lower.slice(1).map(Math.round)).toEqual([256, 382, 506, 666]);
  });

  it('reproduces the scores printed in the package README', () => {
    // README.md (rfm_table, same data): customer, recency_days, transaction_count, amount, R, F, M.
    const readme: [string, number, number, number, number, number, number][] = [
      ["Abbey O'Reilly", 205, 6, 472, 3, 4, 3],
      ['Add Senger', 140, 3, 340, 4, 1, 2],
      ['Aden Lesch', 194, 4, 405, 3, 2, 3],
      ['Admiral Senger', 132, 5, 448, 4, 3, 3],
      ["Agness O'Keefe", 90, 9, 843, 5, 5, 5],
      ['Aileen Barton', 84, 9, 763, 5, 5, 5],
      ['Ailene Hermann', 281, 8, 699, 3, 5, 5],
      ['Aiyanna Bruen', 246, 4, 157, 3, 2, 1],
      ['Ala Schmidt', 349, 3, 363, 2, 1, 2],
      ['Alannah Borer', 619, 4, 196, 1, 2, 1],
    ];
    for (const [name, recency, count, amount, r, f, m] of readme) {
      const c = indexOf(name);
      expect([summary.recency[c], summary.orders[c], summary.revenue[c]]).toEqual([recency, count, amount]);
      expect([scores.recency[c], scores.frequency[c], scores.monetary[c]]).toEqual([r, f, m]);
    }
  });

  it('custom cut points equal to the default breaks give the default scores', () => {
    const custom = scoreRfm(summary, {
      recencyBins: scores.thresholds.recency.lower.slice(1),
      frequencyBins: scores.thresholds.frequency.lower.slice(1),
      monetaryBins: scores.thresholds.monetary.lower.slice(1),
    });
    expect(custom.recency).toEqual(scores.recency);
    expect(custom.frequency).toEqual(scores.frequency);
    expect(custom.monetary).toEqual(scores.monetary);
  });

  it('user cut points follow R: value < first cut → 1, recency reversed, no + 1 on given cuts', () => {
    const custom = scoreRfm(summary, { recencyBins: [100, 300], frequencyBins: [5], monetaryBins: [500] });
    for (let c = 0; c < tx.customerCount; c++) {
      const r = summary.recency[c];
      expect(custom.recency[c]).toBe(r < 100 ? 3 : r < 300 ? 2 : 1);
      expect(custom.frequency[c]).toBe(summary.orders[c] < 5 ? 1 : 2);
      expect(custom.monetary[c]).toBe(summary.revenue[c] < 500 ? 1 : 2);
    }
  });

  it('gives equal values equal scores', () => {
    const byValue = new Map<number, number>();
    for (let c = 0; c < tx.customerCount; c++) {
      const seen = byValue.get(summary.revenue[c]);
      if (seen !== undefined) expect(scores.monetary[c]).toBe(seen);
      byValue.set(summary.revenue[c], scores.monetary[c]);
    }
  });
});

describe('rfm_segment with the package’s default segments', () => {
  it('Champions: 158 customers, 1,234 orders, revenue 120,178 (tests/testthat/test-rfm-segment.R)', () => {
    const table = segmentTable(segments, summary);
    const champions = table.find((row) => row.id === 'champions')!;
    expect(R_RFM_SEGMENT_NAMES[champions.id]).toBe('Champions');
    expect(champions.customers).toBe(158);
    expect(champions.orders).toBe(1234);
    expect(champions.revenue).toBe(120178);
    expect(champions.aov).toBeCloseTo(120178 / 1234, 12);
    expect(table.reduce((s, row) => s + row.customers, 0)).toBe(995);
    expect(table.reduce((s, row) => s + row.customerShare, 0)).toBeCloseTo(1, 12);
    expect(table.reduce((s, row) => s + row.revenueShare, 0)).toBeCloseTo(1, 12);
  });

  it('puts the first ten customers of the test in its expected segments', () => {
    // The test's names carry suffixes (e.g. "Abbey O'Reilly DVM") that the shipped CSV drops.
    const expected: [string, string][] = [
      ["Abbey O'Reilly", 'Loyal Customers'],
      ['Add Senger', 'Potential Loyalist'],
      ['Aden Lesch', 'Potential Loyalist'],
      ['Admiral Senger', 'Loyal Customers'],
      ["Agness O'Keefe", 'Champions'],
      ['Aileen Barton', 'Champions'],
      ['Ailene Hermann', 'Loyal Customers'],
      ['Aiyanna Bruen', 'Potential Loyalist'],
      ['Ala Schmidt', 'About To Sleep'],
      ['Alannah Borer', 'Lost'],
    ];
    for (const [name, segment] of expected) expect(R_RFM_SEGMENT_NAMES[segments.ids[segments.segment[indexOf(name)]]]).toBe(segment);
  });

  it('first matching rule wins and uncovered scores are others', () => {
    for (let c = 0; c < tx.customerCount; c++) {
      const r = scores.recency[c];
      const f = scores.frequency[c];
      const m = scores.monetary[c];
      const first = R_RFM_SEGMENT_RULES.find(
        (rule) => r >= rule.recency[0] && r <= rule.recency[1] && f >= rule.frequency[0] && f <= rule.frequency[1] && m >= rule.monetary[0] && m <= rule.monetary[1],
      );
      expect(segments.ids[segments.segment[c]]).toBe(first?.id ?? 'others');
    }
  });
});

describe('other segment models', () => {
  it('user rules: two rules with one id form one segment', () => {
    const custom = assignSegments(scores, [
      { id: 'best', recency: [5, 5], frequency: [1, 5], monetary: [1, 5] },
      { id: 'best', recency: [1, 5], frequency: [5, 5], monetary: [5, 5] },
      { id: 'rest', recency: [1, 5], frequency: [1, 5], monetary: [1, 5] },
    ]);
    expect(custom.ids).toEqual(['best', 'rest']);
    for (let c = 0; c < tx.customerCount; c++) {
      const best = scores.recency[c] === 5 || (scores.frequency[c] === 5 && scores.monetary[c] === 5);
      expect(custom.ids[custom.segment[c]]).toBe(best ? 'best' : 'rest');
    }
  });

  it('the four seed classes cover every customer by the documented rule', () => {
    const four = assignSegments(scores, seedFourClassRules());
    expect(four.ids).toEqual(['high-value', 'potential', 'general', 'lost']);
    for (let c = 0; c < tx.customerCount; c++) {
      const [r, f, m] = [scores.recency[c] >= 3, scores.frequency[c] >= 3, scores.monetary[c] >= 3];
      const expected = r ? (f && m ? 'high-value' : 'potential') : f ? 'general' : 'lost';
      expect(four.ids[four.segment[c]]).toBe(expected);
    }
  });

  it('eight classes: high/low against the means, equality counts as low', () => {
    const eight = eightClassSegments(summary);
    expect(eight.ids).toEqual([...EIGHT_CLASS_IDS]);
    // Independent recount from the raw rows.
    const perCustomer = new Map<number, { last: number; n: number; m: number }>();
    for (let i = 0; i < tx.customer.length; i++) {
      const e = perCustomer.get(tx.customer[i]) ?? { last: -Infinity, n: 0, m: 0 };
      e.last = Math.max(e.last, tx.day[i]);
      e.n++;
      e.m += tx.amount[i];
      perCustomer.set(tx.customer[i], e);
    }
    const all = [...perCustomer.values()];
    const mean = (f: (e: { last: number; n: number; m: number }) => number) => all.reduce((s, e) => s + f(e), 0) / all.length;
    const meanR = mean((e) => analysisDay - e.last);
    const meanF = mean((e) => e.n);
    const meanM = mean((e) => e.m);
    const eightClassOf: Record<string, string> = { '111': 'important-value', '101': 'important-develop', '011': 'important-retain', '001': 'important-winback', '110': 'general-value', '100': 'general-develop', '010': 'general-retain', '000': 'general-winback' };
    const code = (rHigh: boolean, fHigh: boolean, mHigh: boolean) => eightClassOf[`${+rHigh}${+fHigh}${+mHigh}`];
    for (const [c, e] of perCustomer) {
      expect(eight.ids[eight.segment[c]]).toBe(code(analysisDay - e.last < meanR, e.n > meanF, e.m > meanM));
    }
  });

  it('eight classes on a hand example where a value equals the mean', () => {
    // Recency 10 / 20 / 30 days (mean 20), orders 1 / 2 / 3 (mean 2), revenue 10 / 20 / 30 (mean 20).
    const day = 100;
    const hand = customerSummary(
      { customer: Int32Array.of(0, 1, 1, 2, 2, 2), day: Int32Array.of(90, 80, 80, 70, 70, 70), amount: Float64Array.of(10, 10, 10, 10, 10, 10), customerCount: 3 },
      day,
    );
    const eight = eightClassSegments(hand);
    // Customer 1 sits on every mean: low, low, low.
    expect([0, 1, 2].map((c) => eight.ids[eight.segment[c]])).toEqual(['general-develop', 'general-winback', 'important-retain']);
  });

  it('customers without orders by the analysis day get no segment', () => {
    const early = customerSummary(tx, dayFromIso('2004-06-30'));
    const assigned = assignSegments(scoreRfm(early), R_RFM_SEGMENT_RULES);
    for (let c = 0; c < tx.customerCount; c++) expect(assigned.segment[c] === UNASSIGNED).toBe(early.orders[c] === 0);
  });

  it('rfmBreaks: average monetary value option scores revenue per order', () => {
    const avg = scoreRfm(summary, { monetary: 'average' });
    const values = new Float64Array(tx.customerCount);
    for (let c = 0; c < tx.customerCount; c++) values[c] = summary.revenue[c] / summary.orders[c];
    expect(avg.thresholds.monetary.lower.slice(1)).toEqual(rfmBreaks(values, 5));
  });
});
