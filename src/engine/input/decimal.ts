/**
 * An exact decimal, coefficient × 10^exponent, so that "1.45亿" is 145 × 10^6 and becomes
 * 14,500,000,000 minor units with no binary rounding on the way (1.45 × 1e8 in floating point is
 * 144,999,999.99999997).
 */
export interface Decimal {
  coefficient: bigint;
  exponent: number;
}

/** Digits before and after the point, already stripped of separators. */
export function decimalOf(intDigits: string, fracDigits: string, exponent: number): Decimal {
  const digits = (intDigits + fracDigits).replace(/^0+(?=\d)/, '');
  let coefficient = BigInt(digits === '' ? '0' : digits);
  let exp = exponent - fracDigits.length;
  // Trailing zeros carry no precision: 1.50 is 15 × 10^-1, and 0 has exponent 0.
  if (coefficient === 0n) return { coefficient, exponent: 0 };
  while (coefficient % 10n === 0n) {
    coefficient /= 10n;
    exp++;
  }
  return { coefficient, exponent: exp };
}

/** The nearest double, through the decimal string (correctly rounded, unlike c × 10^e). */
export function decimalToNumber(d: Decimal): number {
  return Number(`${d.coefficient}e${d.exponent}`);
}

/** The decimal as an integer after shifting by `shift` places, or null when digits would be lost. */
export function decimalToInteger(d: Decimal, shift: number): bigint | null {
  const e = d.exponent + shift;
  if (e >= 0) return d.coefficient * 10n ** BigInt(e);
  const div = 10n ** BigInt(-e);
  return d.coefficient % div === 0n ? d.coefficient / div : null;
}

/** Compares |d| with 10^power exactly: −1, 0 or 1. */
export function compareWithPowerOfTen(d: Decimal, power: number): -1 | 0 | 1 {
  if (d.coefficient === 0n) return -1;
  const digits = d.coefficient.toString().length;
  // The leading digit sits at 10^(digits − 1 + exponent).
  const lead = digits - 1 + d.exponent;
  if (lead !== power) return lead < power ? -1 : 1;
  return d.coefficient === 10n ** BigInt(digits - 1) ? 0 : 1;
}
