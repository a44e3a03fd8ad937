/**
 * Growth as a planner states it and as the model stores it. The model compounds a rate per month
 * (`Driver.growth`); planners think in a rate per year. The two convert exactly through compounding,
 * so "10 % a year" really ends the year 10 % higher, not 10.47 % as 12 × 0.833 % would.
 */
import { GROWTH_MAX, GROWTH_MIN } from '../drivers';

/** Monthly compound rate that gives `perYear` over twelve months: (1 + g_year)^(1/12) − 1. */
export function monthlyFromYearly(perYear: number): number {
  return Math.pow(1 + perYear, 1 / 12) - 1;
}

/** Yearly rate that twelve months of `perMonth` compound to: (1 + g_month)^12 − 1. */
export function yearlyFromMonthly(perMonth: number): number {
  return Math.pow(1 + perMonth, 12) - 1;
}

export type GrowthPeriod = 'month' | 'year';

export type GrowthInputError = 'empty' | 'notANumber' | 'belowMin' | 'aboveMax';

export type GrowthInput =
  | { ok: true; perMonth: number; /** What the text meant, as a fraction of its own period. */ typed: number }
  | { ok: false; error: GrowthInputError };

const FULL_WIDTH = /[\uFF01-\uFF5E]/g;

/**
 * Reads a growth rate typed per month or per year and returns the monthly rate the model stores.
 * Percent entry follows a spreadsheet's percent cell: "10%" and "10" are 10 %, and a bare number
 * between −1 and 1 is a fraction ("0.1" is 10 %); "0.5%" is half a percent. Negative rates shrink.
 * The monthly result must lie within the model's bounds (−50 % … +100 % a month).
 */
export function parseGrowthInput(raw: string, period: GrowthPeriod): GrowthInput {
  let s = raw.replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).trim().replace(/\s+/g, '');
  if (s === '') return { ok: false, error: 'empty' };
  let sign = 1;
  if (/^[-−]/.test(s)) {
    sign = -1;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1);
  }
  if (!/^(\d+\.?\d*|\.\d+)$/.test(s)) return { ok: false, error: 'notANumber' };
  const n = Number(s);
  const typed = sign * (percent || n >= 1 ? n / 100 : n);
  const perMonth = period === 'month' ? typed : monthlyFromYearly(typed);
  if (!Number.isFinite(perMonth) || perMonth < GROWTH_MIN) return { ok: false, error: 'belowMin' };
  if (perMonth > GROWTH_MAX) return { ok: false, error: 'aboveMax' };
  return { ok: true, perMonth, typed };
}
