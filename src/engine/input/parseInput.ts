import { compareWithPowerOfTen, decimalToInteger, decimalToNumber, type Decimal } from './decimal';
import { readNumber, type NumberToken } from './readNumber';

/** What a field holds: money in minor units, a rate as a fraction, or a plain quantity. */
export type InputUnit = 'money' | 'rate' | 'count';

export interface InputRules {
  unit: InputUnit;
  /** Minor-unit digits of the plan currency (money only). */
  moneyDigits: number;
  /** The plan currency: a mark for another currency ("$" in a yuan plan) is refused, not converted. */
  currency?: string;
  /** Whether a negative value is allowed (a change, a threshold of growth); default no. */
  signed?: boolean;
  /** Whole numbers only (periods, draws, scores). */
  integer?: boolean;
  /** Bounds in the stored unit (minor units, fractions). Rates default to at most 1 (100 %). */
  min?: number;
  max?: number;
}

/**
 * How a number in a percent field was read, after Excel's automatic percent entry: "3%" is 3 %
 * ('sign'); without the sign, a number below 1 is a fraction (0.03 → 3 %, 'fraction') and a number
 * of 1 or more is percent points (3 → 3 %, 'points'). Zero is zero either way.
 */
export type PercentReading = 'sign' | 'fraction' | 'points' | 'zero';

export type InputError =
  | 'empty'
  | 'notANumber'
  | 'negative'
  | 'rateAboveOne'
  | 'tooLarge'
  | 'tooPrecise'
  | 'otherCurrency'
  | 'moneyNotAllowed'
  | 'percentNotAllowed'
  | 'notWhole'
  | 'belowMin'
  | 'aboveMax';

export type InputResult =
  | { ok: true; value: number; percent?: PercentReading; scale?: string }
  | { ok: false; error: InputError; limit?: number };

/** Quantities above this are typing slips, not plans (and would lose integer precision later). */
const COUNT_LIMIT = 1e12;

function percentReading(t: NumberToken): PercentReading {
  if (t.percent) return 'sign';
  if (t.magnitude.coefficient === 0n) return 'zero';
  return compareWithPowerOfTen(t.magnitude, 0) < 0 ? 'fraction' : 'points';
}

function shifted(d: Decimal, by: number): Decimal {
  return { coefficient: d.coefficient, exponent: d.exponent + by };
}

function magnitudeOf(t: NumberToken, rules: InputRules): { ok: true; value: number; percent?: PercentReading } | { ok: false; error: InputError } {
  if (rules.unit === 'money') {
    if (t.percent) return { ok: false, error: 'percentNotAllowed' };
    if (t.currencies && rules.currency && !t.currencies.includes(rules.currency)) return { ok: false, error: 'otherCurrency' };
    if (t.magnitude.exponent + rules.moneyDigits > 20) return { ok: false, error: 'tooLarge' };
    const minor = decimalToInteger(t.magnitude, rules.moneyDigits);
    if (minor === null) return { ok: false, error: 'tooPrecise' };
    if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, error: 'tooLarge' };
    return { ok: true, value: Number(minor) };
  }
  if (t.currencies) return { ok: false, error: 'moneyNotAllowed' };
  if (t.magnitude.exponent > 300) return { ok: false, error: 'tooLarge' };
  if (rules.unit === 'rate') {
    const percent = percentReading(t);
    const v = decimalToNumber(percent === 'fraction' ? t.magnitude : shifted(t.magnitude, -2));
    return { ok: true, value: v, percent };
  }
  if (t.percent) return { ok: false, error: 'percentNotAllowed' };
  if (rules.integer && decimalToInteger(t.magnitude, 0) === null) return { ok: false, error: 'notWhole' };
  const v = decimalToNumber(t.magnitude);
  if (v > COUNT_LIMIT) return { ok: false, error: 'tooLarge' };
  return { ok: true, value: v };
}

/**
 * Reads what a user typed or pasted into a numeric field, in the field's unit. Never returns NaN or
 * an infinite value: anything that is not a number in the expected unit is an error with a reason.
 *   money  "15000", "¥1,200", "20万", "15万元", "1.45亿", "(500)" → minor units, exactly
 *   rate   "12%", "12", "0.12" → 0.12 ("0.5%" → 0.005; "1" → 0.01, as Excel reads a percent cell)
 *   count  "1,200", "1.5e3", "3万" → 1200, 1500, 30000
 */
export function parseInput(raw: string, rules: InputRules): InputResult {
  const read = readNumber(raw);
  if (!read.ok) return read;
  const t = read.token;
  const m = magnitudeOf(t, rules);
  if (!m.ok) return m;
  const value = t.negative && m.value !== 0 ? -m.value : m.value;
  if (value < 0 && !rules.signed) return { ok: false, error: 'negative' };
  if (!Number.isFinite(value)) return { ok: false, error: 'tooLarge' };
  if (t.magnitude.coefficient !== 0n && value === 0) return { ok: false, error: 'tooPrecise' };
  const max = rules.max ?? (rules.unit === 'rate' ? 1 : undefined);
  if (max !== undefined && value > max) return rules.unit === 'rate' && rules.max === undefined ? { ok: false, error: 'rateAboveOne' } : { ok: false, error: 'aboveMax', limit: max };
  if (rules.min !== undefined && value < rules.min) return { ok: false, error: 'belowMin', limit: rules.min };
  return { ok: true, value, ...(m.percent ? { percent: m.percent } : {}), ...(t.scale ? { scale: t.scale } : {}) };
}
