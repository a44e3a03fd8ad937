import { currencyDigits } from '../../engine/money';

import { dateTimeFormat, formatMoney, numberFormat } from '../../i18n/format';
import { i18n, t, type AnyMessageKey } from '../../state/i18n.svelte';

const DAY_MS = 86_400_000;

/** Imported amounts are plain numbers in major units; shown in the plan's currency. */
export function dataMoney(major: number | null, currency: string, locale: string, compact = false): string {
  return formatMoney(major === null || !Number.isFinite(major) ? null : Math.round(major * 10 ** currencyDigits(currency)), currency, locale, compact);
}

/** A day number (days since 1970-01-01 UTC) as a date in the user's language. */
export function formatDay(day: number, locale: string): string {
  return dateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(day * DAY_MS);
}

/** A day number as `yyyy-mm-dd`, the value of a date input. */
export function dayToInput(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The day number of a date input's value; null when empty or not a date. */
export function inputToDay(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(ms) ? Math.round(ms / DAY_MS) : null;
}

/** A month index (year × 12 + month − 1) as "Mar 2024" / "2024年3月". */
export function formatMonthIndex(index: number, locale: string): string {
  return dateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(Date.UTC(Math.floor(index / 12), index % 12, 1));
}

export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${numberFormat(locale, { maximumFractionDigits: u === 0 ? 0 : 1 }).format(v)} ${units[u]}`;
}

export function hasMessage(key: string): key is AnyMessageKey {
  return i18n.has(key);
}

/**
 * Display name of a segment: the catalogue's name for the built-in ids (R `rfm`'s ten, the four
 * classes, the eight-class model, "others", and the migration's "new" and "none"); a user's own
 * rule is shown by the name the user gave it.
 */
export function segmentName(id: string): string {
  const key = `cust.seg.${id}`;
  return hasMessage(key) ? t(key) : id;
}

/** Colours of segments in charts, by position; built-in ids keep the same colour everywhere. */
const SEGMENT_COLORS: Readonly<Record<string, string>> = {
  champions: '#15803d',
  'loyal-customers': '#22c55e',
  'potential-loyalist': '#84cc16',
  'new-customers': '#06b6d4',
  promising: '#3b82f6',
  'need-attention': '#eab308',
  'about-to-sleep': '#f97316',
  'at-risk': '#ef4444',
  'cant-lose-them': '#a855f7',
  lost: '#94a3b8',
  others: '#cbd5e1',
  'high-value': '#15803d',
  potential: '#3b82f6',
  general: '#eab308',
  'important-value': '#15803d',
  'important-develop': '#3b82f6',
  'important-retain': '#a855f7',
  'important-winback': '#ef4444',
  'general-value': '#84cc16',
  'general-develop': '#06b6d4',
  'general-retain': '#eab308',
  'general-winback': '#94a3b8',
};
const FALLBACK_COLORS = ['#2563eb', '#16a34a', '#f59e0b', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#ea580c', '#475569'];

/**
 * A segment's colour. A user's rule named like a built-in segment (rules start as copies of the
 * built-in ones, named in the user's language) keeps that segment's colour.
 */
export function segmentColor(id: string, index: number): string {
  const builtIn = Object.hasOwn(SEGMENT_COLORS, id) ? id : Object.keys(SEGMENT_COLORS).find((key) => segmentName(key) === id);
  return builtIn === undefined ? FALLBACK_COLORS[index % FALLBACK_COLORS.length] : SEGMENT_COLORS[builtIn];
}

/** "Too few" style placeholders for rows whose example row numbers are known. */
export function exampleRows(rows: readonly number[], count: number, locale: string): string {
  if (rows.length === 0) return '';
  const nf = new Intl.NumberFormat(locale);
  const list = rows.map((r) => nf.format(r)).join(', ');
  return count > rows.length ? t('cust.report.examplesMore', { rows: list }) : t('cust.report.examples', { rows: list });
}
