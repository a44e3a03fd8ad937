import { DRIVER_SPECS, type DriverUnit } from './drivers';
import type { DriverKey } from './types';

export type CellInputError = 'empty' | 'notANumber' | 'negative' | 'rateAboveOne' | 'tooLarge' | 'tooPrecise';

export type CellInputResult = { ok: true; value: number } | { ok: false; error: CellInputError };

const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
// A currency sign as Intl prints it (¥, CN¥, US$, HK$) at the start, or ¥/元 at the end.
const CURRENCY_SIGNS = /^[A-Z]{0,3}[¥￥$€£]|元$|[¥￥$€£]$/g;

/**
 * Parses what a user typed or pasted into a driver cell. Never returns NaN: anything that is not a
 * plain number in the expected unit is an error the grid shows, not a value.
 *   money  "15000", "15,000.50", "¥1,200"      → minor units (×10^digits)
 *   rate   "12%", "12" (percent points), "0.5%" → 0.12, 0.12, 0.005
 *   count  "1,200", "1.5e3"                      → 1200, 1500
 * Accounting negatives "(500)" parse as −500 and are then refused as negative.
 */
export function parseCellInput(raw: string, unit: DriverUnit, moneyDigits: number): CellInputResult {
  let s = raw.replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).trim();
  if (s === '') return { ok: false, error: 'empty' };
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  s = s.replace(CURRENCY_SIGNS, '').trim();
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  if (s.startsWith('-') || s.startsWith('−')) {
    negative = !negative;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) s = s.slice(1).trim();
  // Thousands separators only in well-formed groups, so "1,5" (a European decimal) is refused, not misread.
  if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) s = s.replace(/,/g, '');
  if (!/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return { ok: false, error: 'notANumber' };
  let v = Number(s);
  if (!Number.isFinite(v)) return { ok: false, error: 'tooLarge' };
  if (negative && v !== 0) return { ok: false, error: 'negative' };
  if (unit === 'rate') {
    // In a percent column a bare number is percent points, as a spreadsheet's percent cell reads it.
    v = v / 100;
    if (v > 1) return { ok: false, error: 'rateAboveOne' };
    return { ok: true, value: v };
  }
  if (percent) return { ok: false, error: 'notANumber' };
  if (unit === 'money') {
    const minor = v * 10 ** moneyDigits;
    const rounded = Math.round(minor);
    if (!Number.isSafeInteger(rounded)) return { ok: false, error: 'tooLarge' };
    if (Math.abs(minor - rounded) > 1e-6 * Math.max(1, Math.abs(minor))) return { ok: false, error: 'tooPrecise' };
    return { ok: true, value: rounded };
  }
  if (v > 1e12) return { ok: false, error: 'tooLarge' };
  return { ok: true, value: v };
}

export function parseDriverInput(raw: string, key: DriverKey, moneyDigits: number): CellInputResult {
  return parseCellInput(raw, DRIVER_SPECS[key].unit, moneyDigits);
}
