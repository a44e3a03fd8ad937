import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { clipboardText, countCell, decimalCell, integerCell, majorMoneyCell, moneyCell, percentCell, unitCell, type ExportCell } from '../../../src/ui/export/cells';
import { toCsv } from '../../../src/ui/export/csv';
import { tableTsv } from '../../../src/ui/export/tableExport';
import { formatCode } from '../../../src/ui/export/xlsxStyles';

/** The CSV as a reader gets it: BOM stripped, RFC 4180 fields as text. */
function parseCsv(csv: string): string[][] {
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  return Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
}

const ROW: ExportCell[] = [
  '天猫旗舰店',
  moneyCell(13466031012, 'CNY'), // ¥134,660,310.12
  moneyCell(1346603101, 'JPY'), // ¥1,346,603,101 (no minor unit)
  percentCell(0.4605221802664323),
  countCell(12345.678901),
  integerCell(42),
  decimalCell(3.14159, 2),
  moneyCell(-5, 'CNY'),
  percentCell(0.0035),
];

describe('export cells in CSV', () => {
  it('writes every number as a plain decimal a reader parses, rounded to what the format means', () => {
    const rows = parseCsv(toCsv([['名称', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], ROW]));
    const values = rows[1].slice(1);
    // Numbers, no currency signs, no thousands separators, no exponents.
    for (const v of values) {
      expect(v).toMatch(/^-?\d+(\.\d+)?$/);
      expect(Number.isFinite(Number(v))).toBe(true);
    }
    expect(values).toEqual(['134660310.12', '1346603101', '0.460522', '12345.68', '42', '3.14', '-0.05', '0.0035']);
  });

  it('sums: a money column read back adds up to the same fen as the minor units', () => {
    const minor = [123456789, 1, 99, 100050, 33333333];
    const csv = toCsv([['v'], ...minor.map((m) => [moneyCell(m, 'CNY')])]);
    const sum = parseCsv(csv).slice(1).reduce((a, [v]) => a + Number(v), 0);
    expect(Math.round(sum * 100)).toBe(minor.reduce((a, b) => a + b, 0));
  });

  it('keeps text that looks like a formula as text, typed numbers never neutralised', () => {
    const csv = toCsv([['=1+1', moneyCell(-1000, 'CNY'), '-x', percentCell(-0.1)]]);
    expect(csv).toBe("\uFEFF'=1+1,-10,'-x,-0.1\r\n");
  });

  it('writes empty cells for null and non-finite values', () => {
    expect(toCsv([[null, moneyCell(Number.NaN, 'CNY'), Number.POSITIVE_INFINITY, percentCell(null)]])).toBe('\uFEFF,,,\r\n');
  });

  it('rounds untyped numbers to ten significant digits (no floating-point tail)', () => {
    expect(toCsv([[0.1 + 0.2, 1 / 3]])).toBe('\uFEFF0.3,0.3333333333\r\n');
  });
});

describe('export cells on the clipboard', () => {
  it('money as a plain number in major units, rates as percentages: what Excel and the grid read back', () => {
    expect(ROW.map(clipboardText)).toEqual(['天猫旗舰店', '134660310.12', '1346603101', '46.0522%', '12345.68', '42', '3.14', '-0.05', '0.35%']);
    expect(clipboardText(moneyCell(120000000, 'CNY'))).toBe('1200000');
    expect(clipboardText(moneyCell(123450, 'CNY'))).toBe('1234.50');
    expect(clipboardText(majorMoneyCell(12.5, 'CNY'))).toBe('12.50');
  });

  it('copies every row of a table, header first, as TSV', () => {
    const out = tableTsv({ rows: [['a', 'b'], ['x\ty', moneyCell(100, 'CNY')], ['Total', moneyCell(300, 'CNY')]], totalRows: 1 });
    expect(out.rows).toBe(2);
    expect(out.text).toBe('a\tb\r\n"x\ty"\t1\r\nTotal\t3\r\n');
  });
});

describe('number formats', () => {
  it('money in the currency with its minor digits, percentages, whole numbers', () => {
    expect(formatCode({ kind: 'money', currency: 'CNY' })).toBe('"¥"#,##0.00');
    expect(formatCode({ kind: 'money', currency: 'JPY' })).toBe('"¥"#,##0');
    expect(formatCode({ kind: 'money', currency: 'USD' })).toBe('"$"#,##0.00');
    expect(formatCode({ kind: 'money', currency: 'EUR' })).toBe('"€"#,##0.00');
    expect(formatCode({ kind: 'money', currency: 'KWD' })).toMatch(/#,##0\.000$/);
    expect(formatCode({ kind: 'percent' })).toBe('0.00%');
    expect(formatCode({ kind: 'integer' })).toBe('#,##0');
    expect(formatCode({ kind: 'decimal', digits: 1 })).toBe('#,##0.0');
  });

  it('maps the app units: money in minor units, rates and percents as fractions', () => {
    expect(unitCell('money', 150, 'CNY')).toEqual({ value: 1.5, format: { kind: 'money', currency: 'CNY' } });
    expect(unitCell('rate', 0.03, 'CNY')).toEqual({ value: 0.03, format: { kind: 'percent' } });
    expect(unitCell('percent', 1.5, 'CNY')).toEqual({ value: 1.5, format: { kind: 'percent' } });
    expect(unitCell('ratio', 2.345, 'CNY')).toEqual({ value: 2.345, format: { kind: 'decimal', digits: 2 } });
    expect(unitCell('count', 10.5, 'CNY')).toEqual({ value: 10.5, format: { kind: 'count' } });
    expect(unitCell('money', null, 'CNY')).toBeNull();
  });
});
