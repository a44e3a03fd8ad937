/**
 * Channel evaluation on what happened rather than on the plan (docs/model.md#evaluation-on-actuals):
 * observed share of net revenue over the last 12 months of actuals, and observed growth against the
 * same months a year earlier. Nothing is estimated: a figure the actuals cannot give is null, and
 * growth is refused (with the month the data would need) when the data lacks the earlier year.
 */
import { ratio } from '../ratios';
import { monthsBetween, shiftMonth } from '../timeline';
import type { Actuals, Plan } from '../types';
import { channelActuals, lastActualMonth } from './actualMonths';
import type { BcgInput } from '../evaluation/bcg';

export interface ObservedWindow {
  from: string;
  through: string;
  months: number;
  /** The same months a year earlier (what growth compares with). */
  previousFrom: string;
  previousThrough: string;
}

export type ObservedRefusal =
  /** The plan has no actual net revenue. */
  | { kind: 'noActuals' }
  /** The actuals begin after the year-earlier window starts: growth needs data from `needed`. */
  | { kind: 'noEarlierYear'; start: string; needed: string };

export interface Observed {
  window: ObservedWindow;
  /** Per plan channel: net revenue, orders and spend over the window (null: not in the actuals). */
  netRevenue: (number | null)[];
  orders: (number | null)[];
  spend: (number | null)[];
  /** Per channel growth of net revenue, like for like; null where undefined. */
  growth: (number | null)[];
  /** Why growth is missing for every channel; null when it could be measured. */
  growthRefused: ObservedRefusal | null;
}

const WINDOW = 12;

function monthsFrom(start: string, count: number): string[] {
  return Array.from({ length: count }, (_, k) => shiftMonth(start, k) ?? '');
}

function sum(values: readonly (number | null)[], pick?: (k: number) => boolean): number | null {
  let s = 0;
  let any = false;
  values.forEach((v, k) => {
    if (v === null || (pick && !pick(k))) return;
    s += v;
    any = true;
  });
  return any ? s : null;
}

export function observedWindow(actuals: Actuals): ObservedWindow | null {
  const through = lastActualMonth(actuals, 'netRevenue');
  if (!through) return null;
  const available = (monthsBetween(actuals.start, through) ?? 0) + 1;
  const months = Math.min(WINDOW, available);
  const from = shiftMonth(through, -(months - 1)) ?? through;
  return { from, through, months, previousFrom: shiftMonth(from, -12) ?? from, previousThrough: shiftMonth(through, -12) ?? through };
}

/** Observed figures of every plan channel over the last 12 months of actuals (fewer when the data is shorter). */
export function observe(plan: Plan): Observed | { refused: ObservedRefusal } {
  const actuals = plan.actuals;
  const window = actuals ? observedWindow(actuals) : null;
  if (!actuals || !window) return { refused: { kind: 'noActuals' } };
  const current = monthsFrom(window.from, window.months);
  const previous = monthsFrom(window.previousFrom, window.months);
  const growthRefused: ObservedRefusal | null = actuals.start > window.previousFrom ? { kind: 'noEarlierYear', start: actuals.start, needed: window.previousFrom } : null;
  const per = plan.channels.map((ch) => {
    const now = channelActuals(actuals, ch.id, 'netRevenue', current);
    const before = channelActuals(actuals, ch.id, 'netRevenue', previous);
    // Like for like: only months given in both years count towards growth.
    const both = (k: number): boolean => now[k] !== null && before[k] !== null;
    const a = sum(now, both);
    const b = sum(before, both);
    const r = growthRefused || a === null || b === null || b <= 0 ? null : ratio(a, b);
    return {
      net: sum(now),
      orders: sum(channelActuals(actuals, ch.id, 'orders', current)),
      spend: sum(channelActuals(actuals, ch.id, 'spend', current)),
      growth: r === null ? null : r - 1,
    };
  });
  return {
    window,
    netRevenue: per.map((p) => p.net),
    orders: per.map((p) => p.orders),
    spend: per.map((p) => p.spend),
    growth: per.map((p) => p.growth),
    growthRefused,
  };
}

/**
 * BCG inputs on actuals: share of the channels' actual net revenue, observed growth; the bubble is
 * the actual net revenue (the actuals hold no contribution).
 */
export function observedBcgInputs(o: Observed): BcgInput[] {
  const total = o.netRevenue.reduce<number>((a, v) => a + (v ?? 0), 0);
  return o.netRevenue.map((net, c) => ({ share: net === null ? null : ratio(net, total), growth: o.growth[c], contribution: net ?? 0 }));
}

/** Scorecard metrics the actuals can give; every other metric is null on actuals. */
export const OBSERVED_SCORE_METRICS = ['netRevenue', 'orders', 'spend', 'revenueShare', 'growth', 'roas'] as const;

export function observedMetric(o: Observed, metric: string, c: number): number | null {
  const total = o.netRevenue.reduce<number>((a, v) => a + (v ?? 0), 0);
  switch (metric) {
    case 'netRevenue':
      return o.netRevenue[c];
    case 'orders':
      return o.orders[c];
    case 'spend':
      return o.spend[c];
    case 'revenueShare':
      return o.netRevenue[c] === null ? null : ratio(o.netRevenue[c] as number, total);
    case 'growth':
      return o.growth[c];
    case 'roas':
      return o.netRevenue[c] === null || o.spend[c] === null ? null : ratio(o.netRevenue[c] as number, o.spend[c] as number);
    default:
      return null;
  }
}
