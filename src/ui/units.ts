import { parseInput, type InputError, type InputResult, type InputRules } from '../engine/cellInput';
import { DRIVER_SPECS, type DriverUnit } from '../engine/drivers';
import { metricFormat, type MetricFormat } from '../engine/metrics';
import { currencyDigits } from '../engine/money';
import type { CustomMetric, DriverKey, MetricKey } from '../engine/types';
import { formatCount, formatMoney, formatPercent, formatRatio, moneyToInput } from '../i18n/format';
import { i18n, t } from '../state/i18n.svelte';
import type { InputReading, ParseOutcome } from './grid/cellSpec';

export interface Money {
  currency: string;
  locale: string;
}

const moneys = new Map<string, Money>();

/**
 * The Money of a currency and a locale, the same object for the same pair. A view's
 * `$derived(moneyOf(plan.currency, i18n.locale))` then changes only when the currency or the
 * language does: a new object on every edit of the plan it reads the currency from would make the
 * view reformat every figure it shows, as if each had changed.
 */
export function moneyOf(currency: string, locale: string): Money {
  const key = `${currency} ${locale}`;
  let money = moneys.get(key);
  if (!money) {
    money = { currency, locale };
    moneys.set(key, money);
  }
  return money;
}

export function formatByUnit(unit: DriverUnit | MetricFormat, v: number | null, m: Money): string {
  switch (unit) {
    case 'money':
      return formatMoney(v, m.currency, m.locale);
    case 'rate':
    case 'percent':
      return formatPercent(v, m.locale, 2);
    case 'ratio':
      return formatRatio(v, m.locale);
    case 'count':
      return formatCount(v, m.locale);
  }
}

export function formatMetric(key: MetricKey, v: number | null, m: Money): string {
  return formatByUnit(metricFormat(key), v, m);
}

export function formatCustom(format: CustomMetric['format'], v: number | null, m: Money): string {
  return formatByUnit(format === 'number' ? 'count' : format, v, m);
}

/** Text that `parseCellInput` reads back to the same value (clipboard and editing). */
export function unitToInput(unit: DriverUnit, v: number, currency: string): string {
  if (unit === 'money') return moneyToInput(v, currency);
  if (unit === 'rate') return `${Number((v * 100).toPrecision(12))}%`;
  return String(Number(v.toPrecision(12)));
}

/** Extra rules of a field beyond its unit: sign, whole numbers, bounds (in the stored unit). */
export type FieldRules = Omit<InputRules, 'unit' | 'moneyDigits' | 'currency'>;

function limitText(unit: DriverUnit, limit: number, currency: string): string {
  return formatByUnit(unit, limit, { currency, locale: i18n.locale });
}

export function inputError(error: InputError, raw: string, currency = '', limit?: string): string {
  return t(`input.${error}`, { value: raw.trim(), currency, limit: limit ?? '' });
}

/**
 * How a number was read when that is worth saying: a bare number in a percent field (0.03 → 3 %,
 * 12 → 12 %) or a scale suffix (20万 → ¥200,000).
 */
function readingOf(r: InputResult & { ok: true }, raw: string, unit: DriverUnit, currency: string): InputReading | undefined {
  const m: Money = { currency, locale: i18n.locale };
  if (r.percent === 'fraction' || r.percent === 'points') return { raw: raw.trim(), kind: r.percent, shown: formatPercent(r.value, m.locale, 4) };
  if (r.scale) return { raw: raw.trim(), kind: 'scaled', shown: unit === 'money' ? formatMoney(r.value, currency, m.locale) : formatCount(r.value, m.locale) };
  return undefined;
}

/** Parses a field's text in its unit, with the reason when refused and how it was read when accepted. */
export function parseUnit(raw: string, unit: DriverUnit, currency: string, rules: FieldRules = {}): ParseOutcome {
  const r = parseInput(raw, { unit, moneyDigits: currencyDigits(currency), currency, ...rules });
  if (!r.ok) return { ok: false, message: inputError(r.error, raw, currency, r.limit === undefined ? undefined : limitText(unit, r.limit, currency)) };
  const reading = readingOf(r, raw, unit, currency);
  return reading ? { ok: true, value: r.value, reading } : { ok: true, value: r.value };
}

export function parseDriver(raw: string, key: DriverKey, currency: string): ParseOutcome {
  return parseUnit(raw, DRIVER_SPECS[key].unit, currency);
}
