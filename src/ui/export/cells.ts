/**
 * Cells of an exported table. A number carries the format a spreadsheet should give it, so that one
 * table becomes typed cells with number formats in XLSX, plain rounded numbers in CSV and text that a
 * spreadsheet (and this app's paste) reads back from the clipboard. Views say what a number is
 * (money, a rate, a count); the writers decide how each file format spells it.
 */
import type { DriverUnit } from '../../engine/drivers';
import type { MetricFormat } from '../../engine/metrics';
import { currencyDigits } from '../../engine/money';

export type NumberFormat =
  /** Major units of the currency (the app keeps minor units: see `moneyCell`). */
  | { kind: 'money'; currency: string }
  /** A fraction shown as a percentage (0.1234 → 12.34 %). */
  | { kind: 'percent' }
  /** A whole number: customers, orders counted from data, ranks. */
  | { kind: 'integer' }
  /** A model quantity that is a count in meaning but fractional in value (traffic, orders of a plan). */
  | { kind: 'count' }
  | { kind: 'decimal'; digits: number };

export interface NumberCell {
  readonly value: number;
  readonly format: NumberFormat;
}

/** Text, an unformatted number, a formatted number, or an empty cell. */
export type ExportCell = string | number | null | NumberCell;

/** A table as exported: the header row first; the last `totalRows` rows are totals (bold in XLSX). */
export interface ExportTable {
  rows: ExportCell[][];
  totalRows?: number;
}

export function isNumberCell(c: ExportCell): c is NumberCell {
  return typeof c === 'object' && c !== null;
}

function numberCell(value: number | null | undefined, format: NumberFormat): NumberCell | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : { value, format };
}

/** Money held in minor units (as the plan holds it), exported in major units of the currency. */
export function moneyCell(minor: number | null | undefined, currency: string): NumberCell | null {
  return numberCell(minor === null || minor === undefined ? null : Math.round(minor) / 10 ** currencyDigits(currency), { kind: 'money', currency });
}

/** Money already in major units (imported transaction amounts, CLV). */
export function majorMoneyCell(major: number | null | undefined, currency: string): NumberCell | null {
  return numberCell(major, { kind: 'money', currency });
}

export function percentCell(fraction: number | null | undefined): NumberCell | null {
  return numberCell(fraction, { kind: 'percent' });
}

export function integerCell(n: number | null | undefined): NumberCell | null {
  return numberCell(n, { kind: 'integer' });
}

export function countCell(n: number | null | undefined): NumberCell | null {
  return numberCell(n, { kind: 'count' });
}

export function decimalCell(n: number | null | undefined, digits = 2): NumberCell | null {
  return numberCell(n, { kind: 'decimal', digits });
}

/** A value in one of the app's units (drivers, metrics, custom metrics): money in minor units, rates as fractions. */
export function unitCell(unit: DriverUnit | MetricFormat, value: number | null | undefined, currency: string): NumberCell | null {
  switch (unit) {
    case 'money':
      return moneyCell(value, currency);
    case 'rate':
    case 'percent':
      return percentCell(value);
    case 'ratio':
      return decimalCell(value, 2);
    case 'count':
      return countCell(value);
  }
}

/** How many decimals a stored number keeps: what the format means, not more. */
export function storedDigits(format: NumberFormat): number {
  switch (format.kind) {
    case 'money':
      return currencyDigits(format.currency);
    // Rates are inputs such as a 0.35 % conversion: four decimals of a percentage keep them exact
    // while dropping the floating-point tail of computed ratios (0.4605221802664323 → 0.460522).
    case 'percent':
      return 6;
    case 'integer':
      return 0;
    case 'count':
      return 2;
    case 'decimal':
      return format.digits;
  }
}

function round(v: number, digits: number): number {
  const r = Number(v.toFixed(digits));
  // -0 would be written as "-0" by some readers.
  return r === 0 ? 0 : r;
}

/** Significant digits of a number without a format: enough for any figure, none of the binary noise. */
const PLAIN_PRECISION = 10;

/** The number a file stores for a cell: rounded to the precision its format stands for. */
export function storedNumber(c: number | NumberCell): number {
  if (typeof c === 'number') {
    const r = Number(c.toPrecision(PLAIN_PRECISION));
    return r === 0 ? 0 : r;
  }
  return round(c.value, storedDigits(c.format));
}

/** Decimal text of a stored number, never in exponent notation (Excel and this app both read it). */
export function numberText(v: number, digits?: number): string {
  if (digits !== undefined) return Number.isInteger(v) ? String(v) : v.toFixed(digits);
  const s = String(v);
  return /e/i.test(s) ? v.toFixed(20).replace(/\.?0+$/, '') : s;
}

/**
 * Clipboard text of a cell, as a person would type it: money as a plain number in major units,
 * rates as "12.34%". Excel, Google Sheets and this app's grids read these back as the same numbers.
 */
export function clipboardText(c: ExportCell): string {
  if (c === null) return '';
  if (typeof c === 'string') return c;
  if (typeof c === 'number') return Number.isFinite(c) ? numberText(storedNumber(c)) : '';
  if (c.format.kind === 'percent') return `${numberText(round(c.value * 100, storedDigits(c.format) - 2))}%`;
  const v = storedNumber(c);
  return c.format.kind === 'money' ? numberText(v, currencyDigits(c.format.currency)) : numberText(v);
}

/** A view's rows or table, as one table. */
export function asTable(source: ExportCell[][] | ExportTable): ExportTable {
  return Array.isArray(source) ? { rows: source } : source;
}
