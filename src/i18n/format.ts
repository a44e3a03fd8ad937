import { currencyDigits } from '../engine/money';

/**
 * Intl formatters are costly to build (tens of microseconds each) and formatting runs per grid cell
 * and per chart label on every edit: keep them. Measured on a slider drag over a 36-month plan,
 * building a date formatter per month label was the largest single cost of the main thread.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function numberFormat(locale: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = locale + JSON.stringify(opts);
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, opts);
    numberFormats.set(key, f);
  }
  return f;
}

export function dateTimeFormat(locale: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(opts);
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, opts);
    dateFormats.set(key, f);
  }
  return f;
}

const nf = numberFormat;
const MONTH = { year: 'numeric', month: 'short', timeZone: 'UTC' } as const;

export const DASH = '—';

/** Money held in minor units, shown in major units with the currency's symbol. */
export function formatMoney(minor: number | null, currency: string, locale: string, compact = false): string {
  if (minor === null) return DASH;
  const major = minor / 10 ** currencyDigits(currency);
  const base = { style: 'currency', currency, currencyDisplay: 'narrowSymbol' } as const;
  if (compact) return nf(locale, { ...base, notation: 'compact', maximumSignificantDigits: 4 }).format(major);
  // Cents matter on an order value, not on a budget line: large amounts drop them to stay readable.
  return nf(locale, Math.abs(major) >= 10_000 ? { ...base, maximumFractionDigits: 0 } : base).format(major);
}

/** Money in whole major units, for columns of totals where cents would only make small rows look different. */
export function formatMoneyWhole(minor: number | null, currency: string, locale: string): string {
  if (minor === null) return DASH;
  const major = minor / 10 ** currencyDigits(currency);
  return nf(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', maximumFractionDigits: 0 }).format(major);
}

/** Money as a plain number in major units (for editing and copying: no symbol, no grouping). */
export function moneyToInput(minor: number, currency: string): string {
  const d = currencyDigits(currency);
  const major = minor / 10 ** d;
  return Number.isInteger(major) ? String(major) : major.toFixed(d);
}

export function formatPercent(v: number | null, locale: string, digits = 1): string {
  if (v === null) return DASH;
  return nf(locale, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: digits }).format(v);
}

export function formatCount(v: number | null, locale: string, compact = false): string {
  if (v === null) return DASH;
  return nf(locale, compact ? { notation: 'compact', maximumFractionDigits: 1 } : { maximumFractionDigits: Math.abs(v) < 10 ? 2 : 0 }).format(v);
}

export function formatRatio(v: number | null, locale: string): string {
  if (v === null) return DASH;
  return nf(locale, { maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(v);
}

export function formatDate(ms: number, locale: string): string {
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

/** `2027-03` as "Mar 2027" / "2027年3月". */
export function formatMonth(key: string, locale: string): string {
  const [y, m] = key.split('-').map(Number);
  return dateTimeFormat(locale, MONTH).format(Date.UTC(y, m - 1, 1));
}

/** A score or other plain number with at most `digits` decimals (73.75 → "73.8"). */
export function formatDecimal(v: number | null, locale: string, digits = 1): string {
  if (v === null) return DASH;
  return nf(locale, { maximumFractionDigits: digits }).format(v);
}
