import { currencyDigits } from '../engine/money';

/**
 * Intl formatters are costly to build (tens of microseconds each) and formatting runs per grid cell
 * and per chart label on every edit: keep them. Measured on a slider drag over a 36-month plan,
 * building a date formatter per month label was the largest single cost of the main thread.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function kept<F>(cache: Map<string, F>, key: string, make: () => F): F {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

export function numberFormat(locale: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  return kept(numberFormats, locale + JSON.stringify(opts), () => new Intl.NumberFormat(locale, opts));
}

export function dateTimeFormat(locale: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return kept(dateFormats, locale + JSON.stringify(opts), () => new Intl.DateTimeFormat(locale, opts));
}

/**
 * numberFormat under a key its caller spells out, for the formatters of grid cells and chart labels:
 * the options are built only the first time. Turning them into a key with JSON.stringify on every
 * call took longer than the formatting itself (about 3 µs against 1, a thousand cells per result).
 * The keys cannot meet numberFormat's, which go on with the options' "{".
 */
function keyedFormat(locale: string, key: string, options: () => Intl.NumberFormatOptions): Intl.NumberFormat {
  return kept(numberFormats, locale + '\u0000' + key, () => new Intl.NumberFormat(locale, options()));
}

const MONTH = { year: 'numeric', month: 'short', timeZone: 'UTC' } as const;
/** The month formatter of a locale under a short key, as keyedFormat (36 labels an axis). */
const monthFormat = (locale: string): Intl.DateTimeFormat => kept(dateFormats, locale + '\u0000month', () => new Intl.DateTimeFormat(locale, MONTH));

export const DASH = '—';

/** Money held in minor units, shown in major units with the currency's symbol. */
export function formatMoney(minor: number | null, currency: string, locale: string, compact = false): string {
  if (minor === null) return DASH;
  const major = minor / 10 ** currencyDigits(currency);
  const base = { style: 'currency', currency, currencyDisplay: 'narrowSymbol' } as const;
  if (compact) return keyedFormat(locale, 'money-compact ' + currency, () => ({ ...base, notation: 'compact', maximumSignificantDigits: 4 })).format(major);
  // Cents matter on an order value, not on a budget line: large amounts drop them to stay readable.
  if (Math.abs(major) >= 10_000) return keyedFormat(locale, 'money-whole ' + currency, () => ({ ...base, maximumFractionDigits: 0 })).format(major);
  return keyedFormat(locale, 'money ' + currency, () => base).format(major);
}

/** Money in whole major units, for columns of totals where cents would only make small rows look different. */
export function formatMoneyWhole(minor: number | null, currency: string, locale: string): string {
  if (minor === null) return DASH;
  const major = minor / 10 ** currencyDigits(currency);
  return keyedFormat(locale, 'money-whole ' + currency, () => ({ style: 'currency', currency, currencyDisplay: 'narrowSymbol', maximumFractionDigits: 0 })).format(major);
}

/** Money as a plain number in major units (for editing and copying: no symbol, no grouping). */
export function moneyToInput(minor: number, currency: string): string {
  const d = currencyDigits(currency);
  const major = minor / 10 ** d;
  return Number.isInteger(major) ? String(major) : major.toFixed(d);
}

export function formatPercent(v: number | null, locale: string, digits = 1): string {
  if (v === null) return DASH;
  return keyedFormat(locale, 'percent ' + digits, () => ({ style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: digits })).format(v);
}

export function formatCount(v: number | null, locale: string, compact = false): string {
  if (v === null) return DASH;
  if (compact) return keyedFormat(locale, 'count-compact', () => ({ notation: 'compact', maximumFractionDigits: 1 })).format(v);
  const digits = Math.abs(v) < 10 ? 2 : 0;
  return keyedFormat(locale, 'count ' + digits, () => ({ maximumFractionDigits: digits })).format(v);
}

export function formatRatio(v: number | null, locale: string): string {
  if (v === null) return DASH;
  return keyedFormat(locale, 'ratio', () => ({ maximumFractionDigits: 2, minimumFractionDigits: 2 })).format(v);
}

export function formatDate(ms: number, locale: string): string {
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

/** `2027-03` as "Mar 2027" / "2027年3月". */
export function formatMonth(key: string, locale: string): string {
  const [y, m] = key.split('-').map(Number);
  return monthFormat(locale).format(Date.UTC(y, m - 1, 1));
}

/** A score or other plain number with at most `digits` decimals (73.75 → "73.8"). */
export function formatDecimal(v: number | null, locale: string, digits = 1): string {
  if (v === null) return DASH;
  return keyedFormat(locale, 'decimal ' + digits, () => ({ maximumFractionDigits: digits })).format(v);
}
