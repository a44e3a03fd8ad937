import { currencyDigits } from '../engine/money';

/** Intl formatters are costly to build and formatting runs per grid cell: keep them. */
const cache = new Map<string, Intl.NumberFormat>();

function nf(locale: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = locale + JSON.stringify(opts);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, opts);
    cache.set(key, f);
  }
  return f;
}

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
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

/** `2027-03` as "Mar 2027" / "2027年3月". */
export function formatMonth(key: string, locale: string): string {
  const [y, m] = key.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 1));
}

/** A score or other plain number with at most `digits` decimals (73.75 → "73.8"). */
export function formatDecimal(v: number | null, locale: string, digits = 1): string {
  if (v === null) return DASH;
  return nf(locale, { maximumFractionDigits: digits }).format(v);
}
