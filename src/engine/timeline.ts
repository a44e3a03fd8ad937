import type { Timeline } from './types';

export const MIN_PERIODS = 12;
export const MAX_PERIODS = 60;

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export interface YearMonth {
  year: number;
  /** 1–12 */
  month: number;
}

export function parseMonth(key: string): YearMonth | null {
  const m = MONTH_RE.exec(key);
  if (!m) return null;
  return { year: Number(m[1]), month: Number(m[2]) };
}

export function monthKey(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** The month `count` months after `key` (before it when negative); null when `key` is not a month. */
export function shiftMonth(key: string, count: number): string | null {
  const m = parseMonth(key);
  if (!m) return null;
  const k = m.year * 12 + m.month - 1 + count;
  return monthKey(Math.floor(k / 12), (k % 12) + 1);
}

/** Months from `from` to `to` (0 when equal, negative when `to` is earlier); null when either is not a month. */
export function monthsBetween(from: string, to: string): number | null {
  const a = parseMonth(from);
  const b = parseMonth(to);
  return a && b ? (b.year - a.year) * 12 + b.month - a.month : null;
}

/** The month keys of every period, in order. */
export function monthKeys(timeline: Timeline): string[] {
  const start = parseMonth(timeline.start);
  if (!start) throw new RangeError(`Invalid start month "${timeline.start}"`);
  const keys: string[] = [];
  for (let i = 0; i < timeline.periods; i++) {
    const index = start.month - 1 + i;
    keys.push(monthKey(start.year + Math.floor(index / 12), (index % 12) + 1));
  }
  return keys;
}

/** 0-based calendar month (0 = January) of each period: seasonality indexes into it. */
export function calendarMonths(timeline: Timeline): Uint8Array {
  const start = parseMonth(timeline.start);
  if (!start) throw new RangeError(`Invalid start month "${timeline.start}"`);
  const out = new Uint8Array(timeline.periods);
  for (let i = 0; i < timeline.periods; i++) out[i] = (start.month - 1 + i) % 12;
  return out;
}

/** 'all' is one bucket spanning the whole timeline (plan totals). */
export type Granularity = 'month' | 'quarter' | 'year' | 'all';

/** A run of consecutive periods that roll up together (a month, a calendar quarter or year). */
export interface Bucket {
  key: string;
  /** First period index, inclusive. */
  start: number;
  /** Last period index, exclusive. */
  end: number;
  /** How many buckets back the same bucket of the previous year is (for year-on-year growth). */
  yearLag: number;
}

export function buckets(timeline: Timeline, granularity: Granularity): Bucket[] {
  const keys = monthKeys(timeline);
  if (granularity === 'all') return [{ key: 'all', start: 0, end: keys.length, yearLag: 1 }];
  const keyOf = (k: string): string => {
    const ym = parseMonth(k) as YearMonth;
    if (granularity === 'month') return k;
    if (granularity === 'quarter') return `${ym.year}-Q${Math.ceil(ym.month / 3)}`;
    return String(ym.year);
  };
  const out: Bucket[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keyOf(keys[i]);
    const last = out[out.length - 1];
    if (last && last.key === key) last.end = i + 1;
    else out.push({ key, start: i, end: i + 1, yearLag: 0 });
  }
  const lag = granularity === 'month' ? 12 : granularity === 'quarter' ? 4 : 1;
  for (const b of out) b.yearLag = lag;
  return out;
}
