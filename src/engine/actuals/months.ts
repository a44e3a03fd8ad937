/**
 * Month labels as planners and finance write them, read to `YYYY-MM`: 2026-03 · 2026/3 · 2026.03 ·
 * 2026年3月 · 2026年03月份 · Mar 2026 · March 2026 · Mar-26 · 3/2026 · 202603 · a full date
 * (2026-03-15, 2026/3/15, 2026年3月15日, 20260315: its month) · an Excel date serial (from XLSX only,
 * where a date cell arrives as its serial). Full-width digits are read as digits. Anything else is
 * not a month: null, never a guess.
 */
import { monthKey } from '../timeline';

const ENGLISH = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const YEAR_MONTH = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:月份?)?$/;
const YEAR_MONTH_DAY = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?(?:[ T].*)?$/;
const MONTH_YEAR = /^(\d{1,2})\s*[-/.]\s*(\d{4})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})?$/;
const NAMED = /^([a-z]{3,9})\.?[\s\-',]*(\d{4}|\d{2})$/;
const NAMED_YEAR_FIRST = /^(\d{4})[\s\-',]*([a-z]{3,9})\.?$/;

/** Excel serials of 1900-03-01 to 2099-12-31: dates a sales table can hold. */
const SERIAL_MIN = 61;
const SERIAL_MAX = 73415;

const valid = (year: number, month: number): string | null => (year >= 1900 && year <= 2199 && month >= 1 && month <= 12 ? monthKey(year, month) : null);

function englishMonth(word: string): number {
  const i = ENGLISH.indexOf(word.slice(0, 3));
  if (i < 0) return -1;
  // "Mar", "March", "Sept": the word must be a prefix of the month's name.
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][i];
  return full.startsWith(word) || (i === 8 && word === 'sept') ? i + 1 : -1;
}

/** The month of an Excel (1900 system) date serial. */
export function monthOfSerial(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < SERIAL_MIN || serial > SERIAL_MAX) return null;
  // Serial 25569 is 1970-01-01; Excel's phantom 1900-02-29 lies before SERIAL_MIN.
  const date = new Date(Math.floor(serial - 25569) * 86_400_000);
  return monthKey(date.getUTCFullYear(), date.getUTCMonth() + 1);
}

export interface MonthLabelOptions {
  /** Read bare numbers as Excel date serials (cells of a workbook). */
  serials?: boolean;
}

export function parseMonthLabel(raw: string, options: MonthLabelOptions = {}): string | null {
  const s = raw.normalize('NFKC').trim().toLowerCase();
  if (s === '') return null;
  let m = YEAR_MONTH.exec(s);
  if (m) return valid(Number(m[1]), Number(m[2]));
  m = YEAR_MONTH_DAY.exec(s);
  if (m) return Number(m[3]) >= 1 && Number(m[3]) <= 31 ? valid(Number(m[1]), Number(m[2])) : null;
  m = MONTH_YEAR.exec(s);
  if (m) return valid(Number(m[2]), Number(m[1]));
  m = COMPACT.exec(s);
  if (m) {
    if (m[3] !== undefined && (Number(m[3]) < 1 || Number(m[3]) > 31)) return null;
    return valid(Number(m[1]), Number(m[2]));
  }
  m = NAMED.exec(s);
  if (m) {
    const month = englishMonth(m[1]);
    const year = m[2].length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
    return month > 0 ? valid(year, month) : null;
  }
  m = NAMED_YEAR_FIRST.exec(s);
  if (m) {
    const month = englishMonth(m[2]);
    return month > 0 ? valid(Number(m[1]), month) : null;
  }
  if (options.serials && /^\d+(\.\d+)?$/.test(s)) return monthOfSerial(Number(s));
  return null;
}
