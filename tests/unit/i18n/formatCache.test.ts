import { describe, expect, it } from 'vitest';
import { formatCount, formatDecimal, formatMoney, formatMoneyWhole, formatMonth, formatPercent, formatRatio } from '../../../src/i18n/format';

/**
 * The formatters keep their Intl formatters under keys of their own: calls that differ only in a
 * currency, a number of digits or a locale, made in turn, must each get the text a formatter built
 * afresh for that call gives.
 */
describe('kept number formatters', () => {
  const locales = ['en', 'zh-CN', 'zh-TW', 'de'];
  const money = (locale: string, currency: string, options: Intl.NumberFormatOptions, major: number) =>
    new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', ...options }).format(major);

  it('each call reads as a formatter built for it', () => {
    for (let round = 0; round < 2; round++) {
      for (const locale of locales) {
        for (const currency of ['CNY', 'USD', 'JPY', 'EUR']) {
          const digits = currency === 'JPY' ? 0 : 2;
          for (const minor of [12_345, -98_765_432, 1_000_000_00, 7]) {
            const major = minor / 10 ** digits;
            expect(formatMoney(minor, currency, locale)).toBe(money(locale, currency, Math.abs(major) >= 10_000 ? { maximumFractionDigits: 0 } : {}, major));
            expect(formatMoney(minor, currency, locale, true)).toBe(money(locale, currency, { notation: 'compact', maximumSignificantDigits: 4 }, major));
            expect(formatMoneyWhole(minor, currency, locale)).toBe(money(locale, currency, { maximumFractionDigits: 0 }, major));
          }
        }
        for (const v of [0.123456, -0.5, 3.75, 0]) {
          for (const digits of [0, 1, 2]) {
            expect(formatPercent(v, locale, digits)).toBe(new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: digits }).format(v));
            expect(formatDecimal(v * 100, locale, digits)).toBe(new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(v * 100));
          }
          expect(formatRatio(v * 10, locale)).toBe(new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v * 10));
        }
        for (const v of [3.14159, 12_345.678, -7.5, 2_500_000]) {
          expect(formatCount(v, locale)).toBe(new Intl.NumberFormat(locale, { maximumFractionDigits: Math.abs(v) < 10 ? 2 : 0 }).format(v));
          expect(formatCount(v, locale, true)).toBe(new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(v));
        }
        expect(formatMonth('2027-03', locale)).toBe(new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(Date.UTC(2027, 2, 1)));
      }
    }
    // Spelled out once, so the test does not only agree with Intl whatever it says.
    expect(formatMoney(1_000_000_00, 'CNY', 'zh-CN')).toBe('¥1,000,000');
    expect(formatMoney(12_345, 'USD', 'en')).toBe('$123.45');
    expect(formatPercent(0.123456, 'en', 2)).toBe('12.35%');
    expect(formatPercent(0.123456, 'en', 1)).toBe('12.3%');
    expect(formatMonth('2027-03', 'zh-CN')).toBe('2027年3月');
  });
});
