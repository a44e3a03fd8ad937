import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { columnName, sheetNames, toXlsx } from '../../../src/ui/export/xlsx';

/** Reads a workbook back with SheetJS, an independent reader. */
function readBack(bytes: Uint8Array): XLSX.WorkBook {
  return XLSX.read(bytes, { type: 'array' });
}

describe('xlsx writer', () => {
  it('writes text and numbers that an independent reader gets back, with Chinese and empty cells', () => {
    const bytes = toXlsx([
      { name: '渠道评分', rows: [['渠道', 'ROI', '评分'], ['天猫旗舰店', 1.25, 87.5], ['经销商 <A&B>', -0.1, null], ['体验店', 0, 12]] },
      { name: 'Second', rows: [['x'], [3]] },
    ]);
    const wb = readBack(bytes);
    expect(wb.SheetNames).toEqual(['渠道评分', 'Second']);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['渠道评分'], { header: 1, defval: null });
    expect(rows).toEqual([['渠道', 'ROI', '评分'], ['天猫旗舰店', 1.25, 87.5], ['经销商 <A&B>', -0.1, null], ['体验店', 0, 12]]);
    expect(XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets.Second, { header: 1 })).toEqual([['x'], [3]]);
  });

  it('case 33: a text cell that looks like a formula stays text, never a formula', () => {
    const evil = ['=HYPERLINK("http://x","y")', '+1+1', '-2', '@SUM(A1)', '＝1+1'];
    const bytes = toXlsx([{ name: 'S', rows: [['v'], ...evil.map((e) => [e])] }]);
    const xml = strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']);
    expect(xml).not.toContain('<f>');
    const ws = readBack(bytes).Sheets.S;
    evil.forEach((e, i) => {
      const cell = ws[`A${i + 2}`];
      expect(cell.t).toBe('s');
      expect(cell.v).toBe(e);
      expect(cell.f).toBeUndefined();
    });
  });

  it('drops characters XML cannot hold and escapes markup', () => {
    const bytes = toXlsx([{ name: 'S', rows: [['a\u0001b</t><f>1</f>']] }]);
    expect(readBack(bytes).Sheets.S.A1.v).toBe('ab</t><f>1</f>');
  });

  it('is byte-identical for the same table', () => {
    const rows = [['a', 1], ['b', 2]];
    expect(toXlsx([{ name: 'S', rows }])).toEqual(toXlsx([{ name: 'S', rows }]));
  });

  it('names columns and sheets as Excel requires', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
    const names = sheetNames(['a/b:c', 'x'.repeat(40), 'X'.repeat(40), '', 'A/B:C']);
    expect(names[0]).toBe('a_b_c');
    expect(names[1]).toHaveLength(31);
    expect(names[2]).not.toBe(names[1]);
    expect(names[2].toLowerCase()).not.toBe(names[1].toLowerCase());
    expect(names[3]).toBe('Sheet4');
    expect(names[4].toLowerCase()).not.toBe('a_b_c');
    expect(names.every((n) => n.length <= 31)).toBe(true);
  });
});
