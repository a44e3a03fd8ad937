import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { countCell, decimalCell, integerCell, moneyCell, percentCell } from '../../../src/ui/export/cells';
import { columnName, sheetNames, toXlsx } from '../../../src/ui/export/xlsx';

/** Reads a workbook back with SheetJS, an independent reader (number formats included). */
function readBack(bytes: Uint8Array): XLSX.WorkBook {
  return XLSX.read(bytes, { type: 'array', cellNF: true });
}

function part(bytes: Uint8Array, path: string): string {
  return strFromU8(unzipSync(bytes)[path]);
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

  it('cuts text longer than an Excel cell holds', () => {
    const long = 'x'.repeat(40_000);
    const v = readBack(toXlsx([{ name: 'S', rows: [['notes'], [long]] }])).Sheets.S.A2.v as string;
    expect(v).toHaveLength(32_767);
    expect(v.endsWith('…')).toBe(true);
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
    // Excel reserves "History" and refuses apostrophes at either end.
    expect(sheetNames(['History', "'Plan B'", "'"])).toEqual(['History_', 'Plan B', 'Sheet3']);
  });

  it('writes money, percentages and counts as numbers with number formats, not as text', () => {
    const bytes = toXlsx([{
      name: '渠道',
      rows: [
        ['渠道', '净收入', '净收入 JPY', '贡献率', '订单', '客户', 'ROAS'],
        ['天猫旗舰店', moneyCell(13466031012, 'CNY'), moneyCell(1346603101, 'JPY'), percentCell(0.4605221802664323), countCell(12345.678), integerCell(42), decimalCell(3.14159, 2)],
        ['=HYPERLINK("http://x","y")', moneyCell(-5, 'CNY'), null, percentCell(0.0035), countCell(0), integerCell(0), decimalCell(-1, 2)],
        ['合计', moneyCell(13466031007, 'CNY'), moneyCell(1346603101, 'JPY'), percentCell(1), countCell(12345.678), integerCell(42), null],
      ],
      totalRows: 1,
      freezeColumns: 1,
    }]);
    const ws = readBack(bytes).Sheets['渠道'];
    const expectNumber = (ref: string, v: number, z: string): void => {
      expect(ws[ref].t, ref).toBe('n');
      expect(ws[ref].v, ref).toBe(v);
      expect(ws[ref].z, ref).toBe(z);
    };
    expectNumber('B2', 134660310.12, '"¥"#,##0.00');
    expect(ws.B2.w).toBe('¥134,660,310.12');
    expectNumber('C2', 1346603101, '"¥"#,##0');
    expectNumber('D2', 0.460522, '0.00%');
    expect(ws.D2.w).toBe('46.05%');
    expectNumber('E2', 12345.68, '#,##0');
    expectNumber('F2', 42, '#,##0');
    expectNumber('G2', 3.14, '#,##0.00');
    expectNumber('B3', -0.05, '"¥"#,##0.00');
    expectNumber('B4', 134660310.07, '"¥"#,##0.00');
    // Text stays inline text even next to numbers; the header is text.
    expect(ws.A3.t).toBe('s');
    expect(ws.A3.v).toBe('=HYPERLINK("http://x","y")');
    expect(ws.A3.f).toBeUndefined();
    expect(ws.A1.t).toBe('s');
    expect(ws.C3).toBeUndefined();
    expect(part(bytes, 'xl/worksheets/sheet1.xml')).not.toContain('<f>');
  });

  it('freezes the header row (and the label column when asked), sizes columns, makes totals bold', () => {
    const bytes = toXlsx([
      { name: 'A', rows: [['Channel', 'Net revenue'], ['Tmall', moneyCell(100, 'CNY')], ['Total', moneyCell(100, 'CNY')]], totalRows: 1, freezeColumns: 1 },
      { name: 'B', rows: [['x'], [1]] },
    ]);
    const a = part(bytes, 'xl/worksheets/sheet1.xml');
    expect(a).toMatch(/<pane xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" state="frozen"\/>/);
    expect(part(bytes, 'xl/worksheets/sheet2.xml')).toMatch(/<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/);
    const widths = [...a.matchAll(/<col min="(\d+)" max="\d+" width="(\d+)"/g)].map((m) => Number(m[2]));
    expect(widths).toHaveLength(2);
    expect(widths.every((w) => w >= 8 && w <= 62)).toBe(true);
    expect(XLSX.read(bytes, { type: 'array', cellStyles: true }).Sheets.A['!cols']?.map((c) => c.width)).toEqual(widths);
    // The style of a cell tells its font: header and total cells use the bold font, body cells do not.
    const styles = part(bytes, 'xl/styles.xml');
    const xfs = [...styles.split('<cellXfs')[1].matchAll(/<xf [^>]*fontId="(\d)"/g)].map((m) => Number(m[1]));
    const styleOf = (ref: string): number => Number(new RegExp(`<c r="${ref}"(?: s="(\\d+)")?`).exec(a)?.[1] ?? 0);
    expect(xfs[styleOf('A1')]).toBe(1);
    expect(xfs[styleOf('B3')]).toBe(1);
    expect(xfs[styleOf('A3')]).toBe(1);
    expect(xfs[styleOf('B2')]).toBe(0);
    expect(xfs[styleOf('A2')]).toBe(0);
  });
});
