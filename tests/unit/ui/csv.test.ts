import { describe, expect, it } from 'vitest';
import { neutralise, toCsv } from '../../../src/ui/export/csv';
import { safeFileName } from '../../../src/ui/export/download';

describe('CSV export', () => {
  it('case 33: neutralises formula-like text but keeps numbers as numbers', () => {
    for (const bad of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '\nx', '  =cmd', '＝1', '\u3000=1']) {
      expect(neutralise(bad)).toBe(`'${bad}`);
    }
    expect(neutralise('Tmall')).toBe('Tmall');
    expect(toCsv([[-5, 'a-b']])).toBe('\uFEFF-5,a-b\r\n');
  });

  it('case 34: starts with the UTF-8 BOM, quotes as RFC 4180, keeps Chinese text', () => {
    const csv = toCsv([['渠道', '净收入'], ['天猫, 京东', 100], ['say "hi"', null]]);
    expect(csv.startsWith('\uFEFF渠道,净收入\r\n')).toBe(true);
    expect(csv).toContain('"天猫, 京东",100\r\n');
    expect(csv).toContain('"say ""hi""",\r\n');
  });

  it('makes any name a safe file name', () => {
    expect(safeFileName('a/b:c*?"<img>|')).toBe('a_b_c____img__');
    expect(safeFileName('   ')).toBe('export');
  });
});
