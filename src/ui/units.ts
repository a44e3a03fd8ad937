import { parseCellInput, type CellInputError } from '../engine/cellInput';
import { DRIVER_SPECS, type DriverUnit } from '../engine/drivers';
import { metricFormat, type MetricFormat } from '../engine/metrics';
import { currencyDigits } from '../engine/money';
import type { CustomMetric, DriverKey, MetricKey } from '../engine/types';
import { formatCount, formatMoney, formatPercent, formatRatio, moneyToInput } from '../i18n/format';
import { t } from '../state/i18n.svelte';
import type { ParseOutcome } from './grid/cellSpec';

export interface Money {
  currency: string;
  locale: string;
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

export function inputError(error: CellInputError, raw: string): string {
  return t(`input.${error}`, { value: raw });
}

export function parseUnit(raw: string, unit: DriverUnit, currency: string): ParseOutcome {
  const r = parseCellInput(raw, unit, currencyDigits(currency));
  return r.ok ? { ok: true, value: r.value } : { ok: false, message: inputError(r.error, raw) };
}

export function parseDriver(raw: string, key: DriverKey, currency: string): ParseOutcome {
  return parseUnit(raw, DRIVER_SPECS[key].unit, currency);
}
