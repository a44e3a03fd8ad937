/**
 * Per-customer inputs of the BG/NBD and Gamma-Gamma models, with the conventions of the Python
 * `lifetimes` library (lifetimes/utils.py, summary_data_from_transaction_data and
 * _find_first_transactions):
 *
 *  - transactions are first grouped into periods (a day, or a calendar week Monday–Sunday as pandas'
 *    "W"), amounts summed within a period; rows after the observation end are dropped;
 *  - frequency = number of periods with a purchase − 1 (repeat periods);
 *  - recency = (start of last purchase period − start of first) / unit;
 *  - T = (start of the observation-end period − start of first) / unit;
 *  - monetary value = mean of the repeat periods' summed spend, the first period excluded; 0 without repeats.
 *
 * The unit divides the day differences like lifetimes' `freq_multiplier`: Fader & Hardie's CDNOW
 * summary (recency 30.43, T 38.86 for customer 1) is daily periods in weeks (freq 'D', multiplier 7).
 */
import { weekStartOfDay } from './calendar';
import { rowsByCustomer, type Transactions } from './columns';

export type PurchasePeriod = 'day' | 'week';
export type TimeUnit = 'days' | 'weeks';

export interface ClvSummaryOptions {
  /** Last day of the calibration period (inclusive). */
  readonly observationEndDay: number;
  /** How purchases are grouped into repeat periods; default 'day'. */
  readonly period?: PurchasePeriod;
  /** Unit of recency and T; default 'days'. */
  readonly unit?: TimeUnit;
}

export interface ClvSummary {
  readonly unit: TimeUnit;
  /** 1 for customers with a purchase by the observation end. */
  readonly present: Uint8Array;
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  readonly T: Float64Array;
  readonly monetary: Float64Array;
}

export const DAYS_PER_UNIT: Readonly<Record<TimeUnit, number>> = { days: 1, weeks: 7 };

export function clvSummary(tx: Transactions, options: ClvSummaryOptions): ClvSummary {
  return clvSummaryInRowOrder(tx, options) ?? clvSummaryByCustomer(tx, options);
}

/**
 * The summary in one pass over the rows, for the common case of rows in date order per customer (an
 * exported order log): each customer's rows are then met in the (day, row) order that
 * clvSummaryByCustomer sorts them into, and every sum adds the same amounts in the same order.
 * Null as soon as a customer's rows go back in time.
 */
function clvSummaryInRowOrder(tx: Transactions, options: ClvSummaryOptions): ClvSummary | null {
  const unit = options.unit ?? 'days';
  const perUnit = DAYS_PER_UNIT[unit];
  const weekly = options.period === 'week';
  const endStart = weekly ? weekStartOfDay(options.observationEndDay) : options.observationEndDay;
  const k = tx.customerCount;
  const { customer, day, amount } = tx;
  // Per customer, side by side so that a row touches one cache line: last day seen, first and
  // current period start, periods so far (0: no row yet).
  const state = new Int32Array(4 * k);
  const repeatSpend = new Float64Array(k);
  for (let i = 0; i < customer.length; i++) {
    const d = day[i];
    if (d > options.observationEndDay) continue;
    const c = customer[i];
    const s = 4 * c;
    const p = weekly ? weekStartOfDay(d) : d;
    if (state[s + 3] === 0) {
      state[s + 1] = state[s + 2] = p;
      state[s + 3] = 1;
    } else {
      if (d < state[s]) return null;
      if (p !== state[s + 2]) {
        state[s + 3]++;
        state[s + 2] = p;
      }
      if (p !== state[s + 1]) repeatSpend[c] += amount[i];
    }
    state[s] = d;
  }
  const present = new Uint8Array(k);
  const frequency = new Float64Array(k);
  const recency = new Float64Array(k);
  const T = new Float64Array(k);
  const monetary = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const periods = state[4 * c + 3];
    if (periods === 0) continue;
    const first = state[4 * c + 1];
    present[c] = 1;
    frequency[c] = periods - 1;
    recency[c] = (state[4 * c + 2] - first) / perUnit;
    T[c] = (endStart - first) / perUnit;
    monetary[c] = periods > 1 ? repeatSpend[c] / (periods - 1) : 0;
  }
  return { unit, present, frequency, recency, T, monetary };
}

/** The summary customer by customer, rows sorted by (day, row): for rows in any order. */
export function clvSummaryByCustomer(tx: Transactions, options: ClvSummaryOptions): ClvSummary {
  const unit = options.unit ?? 'days';
  const perUnit = DAYS_PER_UNIT[unit];
  const weekly = options.period === 'week';
  const periodStart = (d: number) => (weekly ? weekStartOfDay(d) : d);
  const endStart = periodStart(options.observationEndDay);
  const { offsets, rows } = rowsByCustomer(tx, options.observationEndDay);
  const k = tx.customerCount;
  const present = new Uint8Array(k);
  const frequency = new Float64Array(k);
  const recency = new Float64Array(k);
  const T = new Float64Array(k);
  const monetary = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const start = offsets[c];
    const end = offsets[c + 1];
    if (end === start) continue;
    present[c] = 1;
    const first = periodStart(tx.day[rows[start]]);
    let current = first;
    let periods = 1;
    let repeatSpend = 0;
    for (let j = start; j < end; j++) {
      const row = rows[j];
      const p = periodStart(tx.day[row]);
      if (p !== current) {
        periods++;
        current = p;
      }
      if (p !== first) repeatSpend += tx.amount[row];
    }
    frequency[c] = periods - 1;
    recency[c] = (current - first) / perUnit;
    T[c] = (endStart - first) / perUnit;
    monetary[c] = periods > 1 ? repeatSpend / (periods - 1) : 0;
  }
  return { unit, present, frequency, recency, T, monetary };
}

export interface ClvPatterns {
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  readonly T: Float64Array;
  /** Customers sharing each (frequency, recency, T). */
  readonly weights: Float64Array;
}

const PATTERN_DAYS = 65536; // recency and T in whole days below 2¹⁶ (179 years)

/**
 * Distinct (frequency, recency, T) patterns with their customer counts — lifetimes' `weights`. The
 * BG/NBD likelihood depends on nothing else, so a million customers fit as a few thousand patterns.
 */
export function clvPatterns(summary: ClvSummary): ClvPatterns {
  const perUnit = DAYS_PER_UNIT[summary.unit];
  let n = 0;
  for (let c = 0; c < summary.present.length; c++) n += summary.present[c];
  const keys = new Float64Array(n);
  for (let c = 0, j = 0; c < summary.present.length; c++) {
    if (!summary.present[c]) continue;
    const recencyDays = Math.round(summary.recency[c] * perUnit);
    const ageDays = Math.round(summary.T[c] * perUnit);
    keys[j++] = (summary.frequency[c] * PATTERN_DAYS + recencyDays) * PATTERN_DAYS + ageDays;
  }
  keys.sort();
  let distinct = 0;
  for (let j = 0; j < n; j++) if (j === 0 || keys[j] !== keys[j - 1]) distinct++;
  const out = {
    frequency: new Float64Array(distinct),
    recency: new Float64Array(distinct),
    T: new Float64Array(distinct),
    weights: new Float64Array(distinct),
  };
  for (let j = 0, p = -1; j < n; j++) {
    if (j === 0 || keys[j] !== keys[j - 1]) {
      p++;
      const key = keys[j];
      const ageDays = key % PATTERN_DAYS;
      const rest = (key - ageDays) / PATTERN_DAYS;
      const recencyDays = rest % PATTERN_DAYS;
      out.frequency[p] = (rest - recencyDays) / PATTERN_DAYS;
      out.recency[p] = recencyDays / perUnit;
      out.T[p] = ageDays / perUnit;
    }
    out.weights[p]++;
  }
  return out;
}
