import { describe, expect, it } from 'vitest';
import { dayFromCivil } from '../../../src/engine/customers/calendar';
import { clvPatterns, clvSummary } from '../../../src/engine/customers/clvSummary';
import type { Transactions } from '../../../src/engine/customers/columns';
import { column, loadCdnowSample, loadNumericCsv } from './fixtures';

const { tx, names } = loadCdnowSample();
const calibrationEnd = dayFromCivil(1997, 9, 30);
const summary = clvSummary(tx, { observationEndDay: calibrationEnd, period: 'day', unit: 'weeks' });
const round2 = (v: number) => Math.round(v * 100) / 100;

describe('lifetimes-style summary of the raw CDNOW sample (calibration end 1997-09-30, days in weeks)', () => {
  it('matches cdnow_customers_summary.csv row for row', () => {
    const reference = loadNumericCsv('cdnow_customers_summary.csv');
    const ids = column(reference, 'ID');
    const f = column(reference, 'frequency');
    const r = column(reference, 'recency');
    const T = column(reference, 'T');
    expect(ids.length).toBe(2357);
    for (let i = 0; i < ids.length; i++) {
      const c = names.indexOf(String(ids[i]));
      expect(summary.present[c]).toBe(1);
      expect([summary.frequency[c], round2(summary.recency[c]), round2(summary.T[c])]).toEqual([f[i], r[i], T[i]]);
    }
  });

  it('matches the mean repeat spend zbar, which the file rounds half up', () => {
    const reference = loadNumericCsv('cdnow_customers_summary_with_transactions.csv');
    const ids = column(reference, 'ID');
    const zbar = column(reference, 'zbar');
    let halves = 0;
    for (let i = 0; i < ids.length; i++) {
      const c = names.indexOf(String(ids[i]));
      const m = summary.monetary[c];
      // zbar = m rounded to cents half up (a spreadsheet's ROUND): 22.345 → 22.35, where JS toFixed may give 22.34.
      expect(Math.abs(zbar[i] - m)).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(zbar[i]).toBeCloseTo(Math.floor(m * 100 + 0.5 + 1e-9) / 100, 9);
      if (Math.abs(Math.abs(zbar[i] - m) - 0.005) < 1e-9) halves++;
    }
    expect(halves).toBeGreaterThan(0);
  });

  it('merges same-day purchases into one period and sums their spend (lifetimes _find_first_transactions)', () => {
    // Customer with two orders on the first day and two on a later day.
    const small: Transactions = {
      customer: Int32Array.of(0, 0, 0, 0, 1),
      day: Int32Array.of(10, 10, 17, 17, 12),
      amount: Float64Array.of(5, 7, 20, 30, 9),
      customerCount: 2,
    };
    const s = clvSummary(small, { observationEndDay: 30 });
    expect([s.frequency[0], s.recency[0], s.T[0], s.monetary[0]]).toEqual([1, 7, 20, 50]);
    expect([s.frequency[1], s.recency[1], s.T[1], s.monetary[1]]).toEqual([0, 0, 18, 0]);
  });

  it('weekly periods are pandas "W" weeks, Monday to Sunday', () => {
    // 1997-01-01 was a Wednesday: 01-01 and 01-05 (Sunday) share a week, 01-06 (Monday) starts the next.
    const d = (day: number) => dayFromCivil(1997, 1, day);
    const weekly: Transactions = {
      customer: Int32Array.of(0, 0, 0),
      day: Int32Array.of(d(1), d(5), d(6)),
      amount: Float64Array.of(1, 2, 4),
      customerCount: 1,
    };
    const s = clvSummary(weekly, { observationEndDay: d(31), period: 'week', unit: 'weeks' });
    // Periods: week of 12-30 (1 + 2), week of 01-06 (4); end 01-31 falls in the week of 01-27.
    expect([s.frequency[0], s.recency[0], s.T[0], s.monetary[0]]).toEqual([1, 1, 4, 4]);
  });

  it('patterns carry the same customers as weights', () => {
    const patterns = clvPatterns(summary);
    expect(patterns.weights.reduce((a, b) => a + b, 0)).toBe(2357);
    const seen = new Set<string>();
    for (let c = 0; c < tx.customerCount; c++) seen.add(`${summary.frequency[c]}|${Math.round(summary.recency[c] * 7)}|${Math.round(summary.T[c] * 7)}`);
    expect(patterns.frequency.length).toBe(seen.size);
    for (let j = 0; j < patterns.frequency.length; j++) {
      expect(seen.has(`${patterns.frequency[j]}|${Math.round(patterns.recency[j] * 7)}|${Math.round(patterns.T[j] * 7)}`)).toBe(true);
    }
  });
});
