/**
 * Money is held in integer minor units. Floating-point results of the model are rounded to whole
 * minor units once per channel and period, so that every total is an exact integer sum and the
 * P&L identities hold to the unit, not just approximately.
 */

const digitsCache = new Map<string, number>();

/** Number of minor-unit digits of an ISO 4217 currency (2 for CNY, 0 for JPY, 3 for KWD). */
export function currencyDigits(currency: string): number {
  let d = digitsCache.get(currency);
  if (d === undefined) {
    try {
      d = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2;
    } catch {
      d = 2;
    }
    digitsCache.set(currency, d);
  }
  return d;
}

export function isValidCurrency(currency: string): boolean {
  if (!/^[A-Z]{3}$/.test(currency)) return false;
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency });
    return true;
  } catch {
    return false;
  }
}

export function toMinor(major: number, currency: string): number {
  return Math.round(major * 10 ** currencyDigits(currency));
}

export function toMajor(minor: number, currency: string): number {
  return minor / 10 ** currencyDigits(currency);
}

/** Rounds a model value to minor units; the caller guarantees the input is finite. */
export function roundMoney(value: number): number {
  // Math.round(-0.5) is -0; normalise so that exported figures never show "-0".
  const r = Math.round(value);
  return r === 0 ? 0 : r;
}

export function isSafeMoney(value: number): boolean {
  return Number.isSafeInteger(value);
}
