/**
 * Day arithmetic of promotions: the model is monthly, so an event (or the days before or after it)
 * lands in a month by the share of that month's days it covers. Days are counted in UTC so that a
 * date means the same day in every time zone.
 */
import { parseMonth } from '../timeline';

const DAY_RE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date; null when it is not a real date (2026-02-30). */
export function dayNumber(date: string): number | null {
  const m = DAY_RE.exec(date);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / MS_PER_DAY;
}

/** The `YYYY-MM-DD` date of a day number. */
export function dayDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** First day and number of days of a `YYYY-MM` month. */
export function monthDays(month: string): { first: number; days: number } {
  const ym = parseMonth(month);
  if (!ym) throw new RangeError(`Invalid month "${month}"`);
  const first = Date.UTC(ym.year, ym.month - 1, 1) / MS_PER_DAY;
  const next = Date.UTC(ym.year, ym.month, 1) / MS_PER_DAY;
  return { first, days: next - first };
}

/** A span of whole days, `from` to `to` inclusive (empty when to < from). */
export interface DaySpan {
  from: number;
  to: number;
}

/** Days of `span` inside each month, as a fraction of the month's days (0 = none, 1 = the whole month). */
export function monthShares(span: DaySpan, months: readonly string[]): Float64Array {
  const out = new Float64Array(months.length);
  months.forEach((m, t) => {
    const { first, days } = monthDays(m);
    const last = first + days - 1;
    const inside = Math.min(span.to, last) - Math.max(span.from, first) + 1;
    if (inside > 0) out[t] = inside / days;
  });
  return out;
}

/** The day `months` calendar months after `day` (day of month kept, or the month's last day). */
export function addMonthsToDay(day: number, months: number): number {
  const d = new Date(day * MS_PER_DAY);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastOfTarget = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), lastOfTarget)) / MS_PER_DAY;
}

/** Number of days in a span. */
export function spanLength(span: DaySpan): number {
  return Math.max(0, span.to - span.from + 1);
}
