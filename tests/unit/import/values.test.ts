import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  civilFromDays,
  daysFromCivil,
  detectDayMonthOrder,
  detectDecimalMark,
  excelSerialToDays,
  formatDay,
  parseDate,
  parseNumber,
  readNumber,
  type DecimalMark,
} from '../../../src/engine/import/values';

const ok = (value: number) => ({ ok: true, value });
const err = (error: string) => ({ ok: false, error });
const day = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return daysFromCivil(y, m, d);
};

describe('numbers', () => {
  it('case 30: reads every form in the chosen notation, and never turns a failure into a number', () => {
    const table: [string, DecimalMark, ReturnType<typeof ok> | ReturnType<typeof err>][] = [
      ['1,234.56', '.', ok(1234.56)],
      ['1.234,56', ',', ok(1234.56)],
      ['1 234,56', ',', ok(1234.56)],
      ['1\u00a0234,56', ',', ok(1234.56)],
      ["1'234.56", '.', ok(1234.56)],
      ['¥1,200', '.', ok(1200)],
      ['￥1,200', '.', ok(1200)],
      ['CN¥1,200.50', '.', ok(1200.5)],
      ['CNY 1200', '.', ok(1200)],
      ['RMB1200', '.', ok(1200)],
      ['1200元', '.', ok(1200)],
      ['$5.99', '.', ok(5.99)],
      ['US$5', '.', ok(5)],
      ['NT$1,200', '.', ok(1200)],
      ['€5', '.', ok(5)],
      ['1.234,56 €', ',', ok(1234.56)],
      ['£3.50', '.', ok(3.5)],
      ['12.50 USD', '.', ok(12.5)],
      ['(500)', '.', ok(-500)],
      ['(¥1,200.00)', '.', ok(-1200)],
      ['-5', '.', ok(-5)],
      ['+5', '.', ok(5)],
      ['−5', '.', ok(-5)],
      ['-$5', '.', ok(-5)],
      ['$-5', '.', ok(-5)],
      ['12%', '.', ok(0.12)],
      ['12,5%', ',', ok(0.125)],
      ['１２３４', '.', ok(1234)],
      ['１，２３４．５', '.', ok(1234.5)],
      ['－１２', '.', ok(-12)],
      ['1E+05', '.', ok(100000)],
      ['1.5e3', '.', ok(1500)],
      ['2,5E+03', ',', ok(2500)],
      ['.5', '.', ok(0.5)],
      ['1,234', '.', ok(1234)],
      ['1,234', ',', ok(1.234)],
      ['1.234', ',', ok(1234)],
      ['-0', '.', ok(0)],
      ['  42  ', '.', ok(42)],
      // Refused, with a reason.
      ['', '.', err('empty')],
      ['   ', '.', err('empty')],
      ['1,234,5', '.', err('grouping')],
      ['1,5', '.', err('grouping')],
      ['12,34,567', '.', err('grouping')],
      ['1.234,56', '.', err('grouping')],
      ['1,234.56', ',', err('grouping')],
      ['1.2.3', '.', err('invalid')],
      ['abc', '.', err('invalid')],
      ['NaN', '.', err('invalid')],
      ['Infinity', '.', err('invalid')],
      ['--5', '.', err('invalid')],
      ['(-5)', '.', err('invalid')],
      ['5-', '.', err('invalid')],
      ['1e999', '.', err('outOfRange')],
      ['12 kg', '.', err('invalid')],
    ];
    for (const [raw, mark, expected] of table) expect(parseNumber(raw, mark), `${raw} (${mark})`).toEqual(expected);
  });

  it('case 30: the fast range reader gives exactly what Number() gives for plain decimals', () => {
    const slot = { value: 0 };
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 8 }), (x, digits) => {
        const text = x.toFixed(digits);
        const prefix = 'x,';
        expect(readNumber(prefix + text + ',y', prefix.length, prefix.length + text.length, '.', slot)).toBeNull();
        expect(slot.value).toBe(Number(text) === 0 ? 0 : Number(text));
      }),
    );
    expect(readNumber('12,5', 0, 4, ',', slot)).toBeNull();
    expect(slot.value).toBe(12.5);
    expect(readNumber('1.', 0, 2, '.', slot)).toBeNull(); // "1." is 1, read by the full parser
    expect(slot.value).toBe(1);
    expect(readNumber('-', 0, 1, '.', slot)).toBe('invalid');
    expect(readNumber('', 0, 0, '.', slot)).toBe('empty');
  });

  it('never returns NaN or an infinity, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('1', '0', '9', ',', '.', ' ', '-', '+', '(', ')', '%', 'e', 'E', '¥', '$', '元', '１', 'x') }), fc.constantFrom<DecimalMark>('.', ','), (raw, mark) => {
        const r = parseNumber(raw, mark);
        if (r.ok) expect(Number.isFinite(r.value)).toBe(true);
        else expect(['empty', 'invalid', 'grouping', 'outOfRange']).toContain(r.error);
      }),
    );
  });

  it('case 30: detects the decimal mark from values that can be read only one way', () => {
    expect(detectDecimalMark(['1,234.56', '12'])).toBe('.');
    expect(detectDecimalMark(['12.5', '3'])).toBe('.');
    expect(detectDecimalMark(['1.234,56', '7'])).toBe(',');
    expect(detectDecimalMark(['0,99'])).toBe(',');
    expect(detectDecimalMark(['1.234.567'])).toBe(',');
    expect(detectDecimalMark(['1,234', '5,678'])).toBe('ambiguous');
    expect(detectDecimalMark(['12', '13'])).toBe('.');
    expect(detectDecimalMark(['12.5', '0,99'])).toBe('ambiguous');
  });
});

describe('dates', () => {
  const days = (raw: string) => {
    const r = parseDate(raw);
    return r.ok && 'days' in r ? formatDay(r.days) : r;
  };

  it('reads ISO, yyyy/m/d, yyyymmdd, 年月日 and times, as days since 1970-01-01', () => {
    expect(parseDate('1970-01-01')).toEqual({ ok: true, days: 0, form: 'ymd' });
    expect(parseDate('2024-01-05')).toEqual({ ok: true, days: day('2024-01-05'), form: 'ymd' });
    const table: [string, string][] = [
      ['2024-01-05', '2024-01-05'],
      ['2024-1-5', '2024-01-05'],
      ['2024/1/5', '2024-01-05'],
      ['2024/01/05', '2024-01-05'],
      ['2024.01.05', '2024-01-05'],
      ['20240105', '2024-01-05'],
      ['2024年1月5日', '2024-01-05'],
      ['2024年01月05日', '2024-01-05'],
      ['2024年1月5号', '2024-01-05'],
      ['2024年1月5日 14:30', '2024-01-05'],
      ['2010-12-01 08:26:00', '2010-12-01'],
      ['2010-12-01 8:26', '2010-12-01'],
      ['2024-01-05T23:59:59Z', '2024-01-05'],
      ['2024-01-05T23:59:59.123+08:00', '2024-01-05'],
      ['2024/1/5 1:05 PM', '2024-01-05'],
      ['  2024-01-05  ', '2024-01-05'],
      ['2024-02-29', '2024-02-29'],
      ['1899-12-31', '1899-12-31'],
    ];
    for (const [raw, iso] of table) expect(days(raw), raw).toBe(iso);
  });

  it('refuses what is no date, and days that do not exist', () => {
    expect(parseDate('')).toEqual({ ok: false, error: 'empty' });
    expect(parseDate('2023-02-29')).toEqual({ ok: false, error: 'noSuchDay' });
    expect(parseDate('2024-04-31')).toEqual({ ok: false, error: 'noSuchDay' });
    for (const raw of ['2024-13-01', '2024-00-10', '2024-01-32', '24-01-05', '2024-01', 'yesterday', '2024-01-05 noon', '2024/01-05', '123456', '1/5/24', '2024年1月', '-45292']) {
      expect(parseDate(raw).ok, raw).toBe(false);
    }
  });

  it('case 31: d/m/yyyy vs m/d/yyyy is never guessed from one value: both readings come back', () => {
    expect(parseDate('5/1/2024')).toEqual({ ok: true, form: 'dayMonth', dmy: day('2024-01-05'), mdy: day('2024-05-01') });
    expect(parseDate('13/1/2024')).toEqual({ ok: true, form: 'dayMonth', dmy: day('2024-01-13'), mdy: null });
    expect(parseDate('1/13/2024')).toEqual({ ok: true, form: 'dayMonth', dmy: null, mdy: day('2024-01-13') });
    expect(parseDate('31.12.2024')).toEqual({ ok: true, form: 'dayMonth', dmy: day('2024-12-31'), mdy: null });
    expect(parseDate('13/13/2024').ok).toBe(false);
    // With an order chosen, one reading.
    expect(parseDate('5/1/2024', 'dmy')).toEqual({ ok: true, days: day('2024-01-05'), form: 'dayMonth' });
    expect(parseDate('5/1/2024', 'mdy')).toEqual({ ok: true, days: day('2024-05-01'), form: 'dayMonth' });
    expect(parseDate('13/1/2024', 'mdy')).toEqual({ ok: false, error: 'invalid' });
  });

  it('case 31: a column is ambiguous when no value has a part above 12, and asks', () => {
    expect(detectDayMonthOrder(0, 0)).toBe('ambiguous');
    expect(detectDayMonthOrder(3, 0)).toBe('dmy');
    expect(detectDayMonthOrder(0, 2)).toBe('mdy');
    expect(detectDayMonthOrder(1, 1)).toBe('conflict');
  });

  it('case 31: Excel serials in the 1900 date system, including its 29 February 1900 that never was', () => {
    expect(parseDate('45292')).toEqual({ ok: true, days: day('2024-01-01'), form: 'excelSerial' });
    expect(parseDate('45292.75')).toEqual({ ok: true, days: day('2024-01-01'), form: 'excelSerial' });
    expect(excelSerialToDays(25569)).toBe(0);
    expect(excelSerialToDays(1)).toBe(day('1900-01-01'));
    expect(excelSerialToDays(59)).toBe(day('1900-02-28'));
    expect(excelSerialToDays(60)).toBeNull(); // Excel's 1900-02-29
    expect(excelSerialToDays(61)).toBe(day('1900-03-01'));
    expect(excelSerialToDays(0)).toBeNull();
    expect(parseDate('60')).toEqual({ ok: false, error: 'noSuchDay' });
  });

  it('day numbers and calendar dates convert both ways', () => {
    fc.assert(
      fc.property(fc.integer({ min: -800_000, max: 2_900_000 }), (d) => {
        const { year, month, day: dd } = civilFromDays(d);
        expect(daysFromCivil(year, month, dd)).toBe(d);
      }),
    );
    fc.assert(
      fc.property(fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }), (date) => {
        const iso = date.toISOString().slice(0, 10);
        expect(parseDate(iso)).toEqual({ ok: true, days: Math.floor(date.getTime() / 86_400_000), form: 'ymd' });
      }),
    );
  });
});
