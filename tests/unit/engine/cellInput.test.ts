import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCellInput, parseInput, type InputRules } from '../../../src/engine/cellInput';
import { formatCount, formatMoney, formatPercent } from '../../../src/i18n/format';

const LOCALES = ['en', 'zh-CN', 'zh-TW'] as const;

describe('cell input', () => {
  const money = (s: string) => parseCellInput(s, 'money', 2, 'CNY');
  const rate = (s: string) => parseCellInput(s, 'rate', 2);
  const count = (s: string) => parseCellInput(s, 'count', 2);
  const value = (r: ReturnType<typeof money>) => (r.ok ? r.value : r.error);

  it('reads money in major units into minor units', () => {
    expect(money('15000')).toEqual({ ok: true, value: 1_500_000 });
    expect(money('15,000.50')).toEqual({ ok: true, value: 1_500_050 });
    expect(money('¥1,200')).toEqual({ ok: true, value: 120_000 });
    expect(money('CN¥1,200')).toEqual({ ok: true, value: 120_000 });
    expect(money('１２００')).toEqual({ ok: true, value: 120_000 });
    expect(parseCellInput('1200', 'money', 0)).toEqual({ ok: true, value: 1200 });
  });

  it('reads 万, 亿, 千 and k/m suffixes exactly, with or without 元', () => {
    expect(money('20万')).toEqual({ ok: true, value: 20_000_000, scale: '万' });
    expect(value(money('15万元'))).toBe(15_000_000);
    expect(value(money('1.45亿'))).toBe(14_500_000_000);
    expect(value(money('¥1.45亿'))).toBe(14_500_000_000);
    expect(value(money('2.56億'))).toBe(25_600_000_000);
    expect(value(money('4622萬'))).toBe(4_622_000_000);
    expect(value(money('3千元'))).toBe(300_000);
    expect(value(money('1.5千万'))).toBe(1_500_000_000);
    expect(value(money('2百万'))).toBe(200_000_000);
    expect(value(money('12k'))).toBe(1_200_000);
    expect(value(money('1.2M'))).toBe(120_000_000);
    expect(value(money('20w'))).toBe(20_000_000);
    expect(value(money('1,375万'))).toBe(1_375_000_000);
    // Floating point gives 11,499,999,999.999998 minor units here.
    expect(1.15 * 1e8 * 100).not.toBe(11_500_000_000);
    expect(value(money('1.15亿'))).toBe(11_500_000_000);
    expect(value(money('1.23456789亿'))).toBe(12_345_678_900);
    expect(value(money('0.000001万'))).toBe(1);
    expect(value(money('0.0000001万'))).toBe('tooPrecise');
  });

  it('reads currency signs, codes and unit words before or after the number', () => {
    for (const s of ['¥1,200', '￥1,200', 'CN¥1,200', 'RMB 1,200', 'RMB1200', 'CNY 1,200', '1,200元', '1200 CNY', '人民币1200', '¥ 1,200.00']) {
      expect(value(money(s)), s).toBe(120_000);
    }
    expect(value(parseCellInput('US$1,200', 'money', 2, 'USD'))).toBe(120_000);
    expect(value(parseCellInput('$1,200', 'money', 2, 'USD'))).toBe(120_000);
    expect(value(parseCellInput('HK$1,200', 'money', 2, 'HKD'))).toBe(120_000);
    expect(value(parseCellInput('€1,200', 'money', 2, 'EUR'))).toBe(120_000);
    expect(value(parseCellInput('£1,200', 'money', 2, 'GBP'))).toBe(120_000);
    expect(value(parseCellInput('JP¥1,200', 'money', 0, 'JPY'))).toBe(1200);
  });

  it('refuses an amount in another currency instead of taking its number', () => {
    expect(value(money('$1,200'))).toBe('otherCurrency');
    expect(value(money('US$1,200'))).toBe('otherCurrency');
    expect(value(money('€5'))).toBe('otherCurrency');
    expect(value(money('1200 USD'))).toBe('otherCurrency');
    expect(value(parseCellInput('¥1,200', 'money', 2, 'USD'))).toBe('otherCurrency');
  });

  it('folds full-width digits, separators and signs', () => {
    expect(value(money('１２，０００．５０'))).toBe(1_200_050);
    expect(value(money('￥２０万'))).toBe(20_000_000);
    expect(value(rate('３％'))).toBe(0.03);
    expect(value(parseInput('－５', { unit: 'count', moneyDigits: 2, signed: true }))).toBe(-5);
    expect(value(parseInput('（500）', { unit: 'money', moneyDigits: 2, signed: true }))).toBe(-50_000);
    expect(value(money('1 234 567'))).toBe(123_456_700);
    expect(value(money('1\u00a0234'))).toBe(123_400);
  });

  it('reads accounting negatives and minus signs where negatives are allowed', () => {
    const signed = (s: string) => value(parseInput(s, { unit: 'money', moneyDigits: 2, signed: true }));
    expect(signed('(500)')).toBe(-50_000);
    expect(signed('(¥1,200.00)')).toBe(-120_000);
    expect(signed('-¥1,200.00')).toBe(-120_000);
    expect(signed('¥-1,200')).toBe(-120_000);
    expect(signed('−1,200')).toBe(-120_000);
    expect(signed('500-')).toBe(-50_000);
    expect(signed('-(500)')).toBe('notANumber');
    expect(signed('--5')).toBe('notANumber');
    expect(signed('(500')).toBe('notANumber');
  });

  it('reads rates as Excel reads a percent cell: below 1 a fraction, from 1 percent points', () => {
    expect(rate('12%')).toEqual({ ok: true, value: 0.12, percent: 'sign' });
    expect(rate('12')).toEqual({ ok: true, value: 0.12, percent: 'points' });
    expect(rate('0.12')).toEqual({ ok: true, value: 0.12, percent: 'fraction' });
    expect(rate('0.03')).toEqual({ ok: true, value: 0.03, percent: 'fraction' });
    expect(rate('3')).toEqual({ ok: true, value: 0.03, percent: 'points' });
    expect(rate('0.5')).toEqual({ ok: true, value: 0.5, percent: 'fraction' });
    expect(rate('0.5%')).toEqual({ ok: true, value: 0.005, percent: 'sign' });
    expect(rate('1')).toEqual({ ok: true, value: 0.01, percent: 'points' });
    expect(rate('100%')).toEqual({ ok: true, value: 1, percent: 'sign' });
    expect(rate('100')).toEqual({ ok: true, value: 1, percent: 'points' });
    expect(rate('0')).toEqual({ ok: true, value: 0, percent: 'zero' });
    expect(value(parseInput('-0.2', { unit: 'rate', moneyDigits: 2, signed: true, max: Infinity }))).toBe(-0.2);
    expect(value(parseInput('-20', { unit: 'rate', moneyDigits: 2, signed: true, max: Infinity }))).toBe(-0.2);
    expect(value(parseInput('250%', { unit: 'rate', moneyDigits: 2, max: Infinity }))).toBe(2.5);
  });

  it('refuses what is not a valid value, with the reason', () => {
    expect(money('abc')).toEqual({ ok: false, error: 'notANumber' });
    expect(money('')).toEqual({ ok: false, error: 'empty' });
    expect(money('   ')).toEqual({ ok: false, error: 'empty' });
    expect(money('-5')).toEqual({ ok: false, error: 'negative' });
    expect(money('(500)')).toEqual({ ok: false, error: 'negative' });
    expect(money('1,5')).toEqual({ ok: false, error: 'notANumber' });
    expect(money('1.234,56')).toEqual({ ok: false, error: 'notANumber' });
    expect(money('1.005')).toEqual({ ok: false, error: 'tooPrecise' });
    expect(money('1e400')).toEqual({ ok: false, error: 'tooLarge' });
    expect(money('1万亿亿')).toEqual({ ok: false, error: 'notANumber' });
    expect(money('9999万亿')).toEqual({ ok: false, error: 'tooLarge' });
    expect(money('12%')).toEqual({ ok: false, error: 'percentNotAllowed' });
    expect(money('¥20万%')).toEqual({ ok: false, error: 'notANumber' });
    expect(money('20万万')).toEqual({ ok: false, error: 'notANumber' });
    expect(money('万')).toEqual({ ok: false, error: 'notANumber' });
    expect(money('¥')).toEqual({ ok: false, error: 'notANumber' });
    expect(money('1.2.3')).toEqual({ ok: false, error: 'notANumber' });
    expect(rate('150%')).toEqual({ ok: false, error: 'rateAboveOne' });
    expect(rate('150')).toEqual({ ok: false, error: 'rateAboveOne' });
    expect(rate('¥3')).toEqual({ ok: false, error: 'moneyNotAllowed' });
    expect(count('1e13')).toEqual({ ok: false, error: 'tooLarge' });
    expect(count('5%')).toEqual({ ok: false, error: 'percentNotAllowed' });
    expect(parseInput('2.5', { unit: 'count', moneyDigits: 2, integer: true })).toEqual({ ok: false, error: 'notWhole' });
    expect(parseInput('70', { unit: 'count', moneyDigits: 2, max: 60 })).toEqual({ ok: false, error: 'aboveMax', limit: 60 });
    expect(parseInput('6', { unit: 'count', moneyDigits: 2, min: 12 })).toEqual({ ok: false, error: 'belowMin', limit: 12 });
  });

  it('reads counts with scale suffixes', () => {
    expect(value(count('3万'))).toBe(30_000);
    expect(value(count('1.5e3'))).toBe(1500);
    expect(value(count('1,200'))).toBe(1200);
    expect(value(count('2.5k'))).toBe(2500);
  });
});

describe('cell input properties', () => {
  const locale = fc.constantFrom(...LOCALES);

  it('never returns NaN or an infinite value, whatever is typed', () => {
    const piece = fc.constantFrom('1', '0', '9', '.', ',', '，', '%', '％', '-', '−', '(', ')', '（', '）', '¥', '￥', '$', 'US$', 'CN¥', 'RMB', '元', '万', '亿', '千', 'k', 'M', 'e', 'E', ' ', '１', '\u00a0', 'x');
    const junk = fc.oneof(fc.string(), fc.array(piece, { maxLength: 12 }).map((a) => a.join('')));
    fc.assert(
      fc.property(junk, fc.constantFrom('money', 'rate', 'count' as const), fc.boolean(), (s, unit, signed) => {
        const r = parseInput(s, { unit, moneyDigits: 2, currency: 'CNY', signed });
        if (r.ok) {
          expect(Number.isFinite(r.value)).toBe(true);
          if (unit === 'money') expect(Number.isSafeInteger(r.value)).toBe(true);
          if (!signed) expect(r.value).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('money formatted in any locale reads back to the same minor units', () => {
    const currency = fc.constantFrom(['CNY', 2] as const, ['USD', 2] as const, ['JPY', 0] as const, ['HKD', 2] as const, ['EUR', 2] as const);
    // Amounts from 10,000 up are shown without cents (formatMoney), so those are whole.
    const amount = fc.oneof(fc.integer({ min: -999_999, max: 999_999 }), fc.integer({ min: -9e12, max: 9e12 }).map((v) => v * 100));
    fc.assert(
      fc.property(amount, currency, locale, (minor, [code, digits], loc) => {
        if (digits === 0 && Math.abs(minor) >= 10_000 && minor % 1 !== 0) return;
        const shown = formatMoney(minor, code, loc);
        const rules: InputRules = { unit: 'money', moneyDigits: digits, currency: code, signed: true };
        expect(parseInput(shown, rules), shown).toEqual({ ok: true, value: minor === 0 ? 0 : minor });
      }),
      { numRuns: 2000 },
    );
  });

  it('compact money (¥2.56亿, ¥4622万, ¥46.22M) reads back exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 0, max: 8 }), locale, (k, p, loc) => {
        const minor = k * 10 ** p * 100;
        const shown = formatMoney(minor, 'CNY', loc, true);
        expect(parseInput(shown, { unit: 'money', moneyDigits: 2, currency: 'CNY' }), shown).toEqual(expect.objectContaining({ ok: true, value: minor }));
      }),
      { numRuns: 1000 },
    );
  });

  it('万 and 亿 scale exactly in minor units, with no float error', () => {
    const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 0, maxLength: 4 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999 }), digits, fc.constantFrom(['万', 4] as const, ['亿', 8] as const, ['萬', 4] as const, ['億', 8] as const, ['千', 3] as const), (whole, frac, [suffix, power]) => {
        const text = frac === '' ? `${whole}${suffix}` : `${whole}.${frac}${suffix}`;
        // Expected minor units by integer arithmetic on the digits.
        const expected = (BigInt(`${whole}${frac}`) * 10n ** BigInt(power + 2)) / 10n ** BigInt(frac.length);
        const r = parseInput(text, { unit: 'money', moneyDigits: 2, currency: 'CNY' });
        expect(r, text).toEqual(expect.objectContaining({ ok: true, value: Number(expected) }));
      }),
      { numRuns: 2000 },
    );
  });

  it('percents formatted in any locale read back, and follow the Excel rule without the sign', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), locale, (k, loc) => {
        const v = k / 10_000;
        const shown = formatPercent(v, loc, 2);
        const r = parseCellInput(shown, 'rate', 2);
        expect(r.ok && r.value, shown).toBe(v);
        // A bare number below 1 is the fraction itself; from 1 on, percent points.
        const bare = String(v);
        const b = parseCellInput(bare, 'rate', 2);
        if (v > 0 && v < 1) expect(b).toEqual({ ok: true, value: v, percent: 'fraction' });
        const points = parseCellInput(String(k / 100), 'rate', 2);
        if (k >= 100) expect(points).toEqual({ ok: true, value: Number(`${k}e-4`), percent: 'points' });
      }),
      { numRuns: 1500 },
    );
  });

  it('counts formatted in any locale read back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e11 }), locale, (v, loc) => {
        const shown = formatCount(v, loc);
        expect(parseCellInput(shown, 'count', 2), shown).toEqual({ ok: true, value: v });
      }),
      { numRuns: 1000 },
    );
  });
});
