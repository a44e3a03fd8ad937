/**
 * CSV for spreadsheets: UTF-8 with a BOM (so a Chinese-locale Excel reads it as UTF-8), CRLF rows,
 * RFC 4180 quoting, and text cells that a spreadsheet would run as a formula neutralised with a
 * leading apostrophe (RELIABILITY 33).
 *
 * Numbers are written as plain decimals — no currency sign, no thousands separator, rounded to the
 * precision their format stands for (money to the currency's minor unit) — so every spreadsheet and
 * every CSV reader (pandas, R, a database import) reads them as numbers that sum. Percentages are
 * written as fractions (12.34 % → 0.1234), not as "12.34%": a fraction is a number to every reader,
 * while "12.34%" is one only to spreadsheets that recognise the sign in the current locale; and the
 * app's own rate cells read a pasted 0.1234 as 12.34 %, as Excel does.
 */
import { isNumberCell, numberText, storedNumber, type ExportCell } from './cells';

/** Kept as the name views know; a CSV cell is any export cell. */
export type CsvCell = ExportCell;

const FORMULA_START = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/;

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function cellText(c: CsvCell): string {
  if (c === null) return '';
  if (typeof c === 'number' || isNumberCell(c)) {
    const v = typeof c === 'number' ? c : c.value;
    return Number.isFinite(v) ? numberText(storedNumber(c)) : '';
  }
  const s = neutralise(c);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return '\uFEFF' + rows.map((r) => r.map(cellText).join(',')).join('\r\n') + '\r\n';
}
