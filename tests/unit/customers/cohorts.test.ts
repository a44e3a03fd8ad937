import { describe, expect, it } from 'vitest';
import { dayFromCivil, dayFromIso, monthIndexOfDay } from '../../../src/engine/customers/calendar';
import { cohortTable, firstChannel } from '../../../src/engine/customers/cohorts';
import type { Transactions } from '../../../src/engine/customers/columns';
import { loadCdnowSample } from './fixtures';

describe('cohorts by first-purchase month', () => {
  // c0: Jan 5 (ch 1), Jan 5 (ch 0), Mar 3 — first-day tie → row 0 → channel 1
  // c1: Feb 10 (ch 0), Feb 20, Mar 1
  // c2: Jan 31 (ch 0)
  const d = dayFromIso;
  const tx: Transactions = {
    customer: Int32Array.of(1, 0, 0, 2, 1, 0, 1),
    day: Int32Array.of(d('2024-02-10'), d('2024-01-05'), d('2024-01-05'), d('2024-01-31'), d('2024-02-20'), d('2024-03-03'), d('2024-03-01')),
    amount: Float64Array.of(1, 1, 1, 1, 1, 1, 1),
    channel: Int32Array.of(0, 1, 0, 0, 0, 0, 1),
    customerCount: 3,
    channelCount: 2,
  };

  it('counts active customers per month since the first purchase', () => {
    const t = cohortTable(tx);
    expect(t.firstMonth).toBe(2024 * 12);
    expect(t.cohorts).toBe(3);
    expect(Array.from(t.size)).toEqual([2, 1, 0]);
    // Jan cohort (c0, c2): month 0 both, month 1 nobody, month 2 c0.
    expect(Array.from(t.active.subarray(0, 3))).toEqual([2, 0, 1]);
    expect(Array.from(t.rate.subarray(0, 3))).toEqual([1, 0, 0.5]);
    // Feb cohort (c1): months 0 and 1 active; month 2 is after the data.
    expect(Array.from(t.active.subarray(3, 5))).toEqual([1, 1]);
    expect(Number.isNaN(t.rate[3 + 2])).toBe(true);
  });

  it('splits by first channel, ties on the first day by the lowest row', () => {
    expect(Array.from(firstChannel(tx))).toEqual([1, 0, 0]);
    const t = cohortTable(tx, { byFirstChannel: true });
    const [ch0, ch1] = t.byFirstChannel!;
    expect(Array.from(ch1.size)).toEqual([1, 0, 0]); // c0
    expect(Array.from(ch0.size)).toEqual([1, 1, 0]); // c2 (Jan), c1 (Feb)
    expect(Array.from(ch1.active.subarray(0, 3))).toEqual([1, 0, 1]);
  });
});

describe('cohorts of the CDNOW sample', () => {
  const { tx } = loadCdnowSample();
  const t = cohortTable(tx);

  it('all 2,357 customers were acquired in the first quarter of 1997', () => {
    // Fader & Hardie: the CDNOW cohort made its first purchase in the first 12 weeks of 1997.
    expect(t.firstMonth).toBe(1997 * 12);
    expect(t.size[0] + t.size[1] + t.size[2]).toBe(2357);
    for (let c = 3; c < t.cohorts; c++) expect(t.size[c]).toBe(0);
    expect(t.cohorts).toBe(18); // 1997-01 … 1998-06
  });

  it('active counts agree with a direct recount of customer-months', () => {
    const first = new Map<number, number>();
    for (let i = 0; i < tx.customer.length; i++) {
      const m = monthIndexOfDay(tx.day[i]);
      first.set(tx.customer[i], Math.min(first.get(tx.customer[i]) ?? Infinity, m));
    }
    const pairs = new Set<string>();
    for (let i = 0; i < tx.customer.length; i++) pairs.add(`${tx.customer[i]}|${monthIndexOfDay(tx.day[i])}`);
    const active = new Map<string, number>();
    for (const key of pairs) {
      const [c, m] = key.split('|').map(Number);
      const cell = `${first.get(c)! - 1997 * 12}|${m - first.get(c)!}`;
      active.set(cell, (active.get(cell) ?? 0) + 1);
    }
    for (const [cell, n] of active) {
      const [cohort, age] = cell.split('|').map(Number);
      expect(t.active[cohort * t.ages + age]).toBe(n);
    }
  });

  it('a cut-off day drops later months', () => {
    const cut = cohortTable(tx, { throughDay: dayFromCivil(1997, 9, 30) });
    expect(cut.cohorts).toBe(9);
  });
});
