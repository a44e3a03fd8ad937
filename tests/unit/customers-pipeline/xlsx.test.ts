import { strToU8, zipSync, type Zippable } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { collectRecords, recordFields } from '../../../src/engine/import/csv';
import { daysFromCivil } from '../../../src/engine/import/values';
import { readWorkbook, SheetParser, unescapeXml } from '../../../src/engine/import/xlsx';
import { ZipArchive, ZipError } from '../../../src/engine/import/zip';
import type { PlannerDb } from '../../../src/persistence/db';
import { loadDataset } from '../../../src/persistence/datasets';
import { fflateInflate, platformDecoders } from '../../../src/workers/customersApi';
import { apiFor, expectDone, fileOf, freshDb, ignoreProgress, options } from './helpers';

let db: PlannerDb;
afterEach(async () => {
  db?.close();
  await db?.delete();
});

const EXCEL_EPOCH = 25569;
const iso = (d: number) => new Date(d * 86400000).toISOString().slice(0, 10);

/** Transactions with Chinese names, commas and quotes in text, cents, a return and a blank optional field. */
function sampleRows(): { customer: string; day: number; amount: number; channel: string; quantity: number; product: string }[] {
  const channels = ['天猫旗舰店', 'Store, downtown', 'WeChat "mini"', ''];
  return Array.from({ length: 300 }, (_, i) => ({
    customer: i % 5 === 0 ? `会员${i % 37}` : `C${String(i % 41).padStart(3, '0')}`,
    day: daysFromCivil(2023, 1 + (i % 12), 1 + (i % 28)),
    amount: i % 29 === 0 ? -(i + 0.5) : Math.round(i * 137.37) / 100,
    channel: channels[i % channels.length],
    quantity: 1 + (i % 4),
    product: `商品 ${i % 13}`,
  }));
}

const HEADER = ['客户编号', '下单时间', '实付金额', '销售渠道', '数量', '商品名称'];

function csvOf(rows: ReturnType<typeof sampleRows>): string {
  const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  return [HEADER.join(','), ...rows.map((r) => [q(r.customer), iso(r.day), r.amount.toFixed(2), q(r.channel), r.quantity, q(r.product)].join(','))].join('\r\n');
}

/** The same rows as an Excel workbook written by SheetJS: dates as serial numbers with a date format. */
function xlsxOf(rows: ReturnType<typeof sampleRows>, bookSST: boolean): Uint8Array {
  const aoa: (string | number)[][] = [HEADER, ...rows.map((r) => [r.customer, r.day + EXCEL_EPOCH, r.amount, r.channel, r.quantity, r.product])];
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  for (let i = 0; i < rows.length; i++) {
    const cell = ws[XLSX.utils.encode_cell({ r: i + 1, c: 1 })] as XLSX.CellObject;
    cell.z = 'yyyy-mm-dd';
  }
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['notes'], ['not the data']]), 'Notes');
  XLSX.utils.book_append_sheet(wb, ws, '订单');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', bookSST }) as ArrayBuffer);
}

describe('XLSX import', () => {
  for (const bookSST of [true, false]) {
    it(`equals the CSV import of the same data (${bookSST ? 'shared' : 'formula'} strings, written by SheetJS)`, async () => {
      db = await freshDb();
      const api = apiFor(db);
      const rows = sampleRows();
      const xlsx = fileOf(xlsxOf(rows, bookSST), 'orders.xlsx');
      const csv = fileOf(csvOf(rows), 'orders.csv');

      const preview = await api.previewFile(xlsx, { sheet: '订单' });
      expect(preview).toMatchObject({ kind: 'xlsx', sheetNames: ['Notes', '订单'], sheet: '订单', delimiter: null, encodingCandidates: [] });
      expect(preview.headers).toEqual(HEADER);
      expect(preview.sampleRows).toHaveLength(39);
      expect(preview.sampleRows[1]).toEqual(['C001', String(rows[1].day + EXCEL_EPOCH), '1.37', 'Store, downtown', '2', '商品 1']);
      expect(preview.mapping).toEqual({ customer: 0, date: 1, amount: 2, channel: 3, quantity: 4, product: 5 });

      const fromXlsx = expectDone(await api.importFile(xlsx, options(preview.mapping, { sheet: '订单' }), ignoreProgress, new AbortController().signal));
      const fromCsv = expectDone(await api.importFile(csv, options(preview.mapping), ignoreProgress, new AbortController().signal));
      expect(fromXlsx.source).toEqual({ kind: 'xlsx', container: null, encoding: null, delimiter: null, sheet: '订单' });
      expect(fromXlsx.report.dates.forms.excelSerial).toBe(300);
      expect(fromCsv.report.dates.forms.ymd).toBe(300);
      expect(fromXlsx).toMatchObject({ rows: 300, customers: fromCsv.customers, channels: fromCsv.channels, firstDay: fromCsv.firstDay, lastDay: fromCsv.lastDay });
      expect(fromXlsx.report.returns).toEqual(fromCsv.report.returns);
      const a = (await loadDataset(db, fromXlsx.id)).columns;
      const b = (await loadDataset(db, fromCsv.id)).columns;
      expect(a).toEqual(b);
      expect(a.channel!.values).toContain('WeChat "mini"');
    });
  }

  it('reads the first visible sheet by default, and refuses a sheet that is not there', async () => {
    db = await freshDb();
    const api = apiFor(db);
    const file = fileOf(xlsxOf(sampleRows(), true), 'orders.xlsx');
    expect((await api.previewFile(file)).sheet).toBe('Notes');
    await expect(api.previewFile(file, { sheet: 'Missing' })).rejects.toMatchObject({ name: 'PreviewFailed', code: 'noSheet' });
    const outcome = await api.importFile(file, options({ customer: 0, date: 1, amount: 2 }, { sheet: 'Missing' }), ignoreProgress, new AbortController().signal);
    expect(outcome).toEqual({ kind: 'failed', code: 'noSheet' });
  });

  it('an old .xls file or a damaged workbook is refused with a reason', async () => {
    db = await freshDb();
    const api = apiFor(db);
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await expect(api.previewFile(fileOf(ole, 'old.xls'))).rejects.toMatchObject({ code: 'unsupportedXls' });
    const cut = xlsxOf(sampleRows(), true).slice(0, 600);
    await expect(api.previewFile(fileOf(cut, 'cut.xlsx'))).rejects.toMatchObject({ code: 'badXlsx' });
  });

  it('cancel stops an XLSX import with nothing stored', async () => {
    db = await freshDb();
    const controller = new AbortController();
    const outcome = await apiFor(db).importFile(fileOf(xlsxOf(sampleRows(), true), 'orders.xlsx'), options({ customer: 0, date: 1, amount: 2 }, { sheet: '订单' }), () => controller.abort(), controller.signal);
    expect(outcome).toEqual({ kind: 'cancelled' });
    expect(await db.datasets.count()).toBe(0);
  });
});

/** A workbook written by hand, with what other writers produce: inline and rich strings, prefixes, gaps. */
function handMade(parts: Record<string, string>, level: 0 | 6 = 6): Uint8Array {
  const files: Zippable = {};
  for (const [name, xml] of Object.entries(parts)) files[name] = [strToU8(xml), { level }];
  return zipSync(files);
}

const RELS = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WB_RELS = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;
const workbookXml = (date1904: boolean) => `<?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<x:workbookPr${date1904 ? ' date1904="1"' : ''}/><x:sheets><x:sheet name="Q1 &amp; Q2" sheetId="1" r:id="rId2"/></x:sheets></x:workbook>`;
const SHARED = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
<si><t>customer</t></si><si><t>date</t></si><si><r><rPr><b/></rPr><t>amo</t></r><r><t xml:space="preserve">unt</t></r></si>
<si><t>李</t><rPh sb="0" eb="1"><t>リ</t></rPh></si></sst>`;
const STYLES = `<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>
<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>`;
const SHEET = `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1" t="s"><x:v>2</x:v></x:c><x:c r="D1" t="inlineStr"><x:is><x:t>note</x:t></x:is></x:c></x:row>
<x:row r="2"><x:c r="A2" t="s"><x:v>3</x:v></x:c><x:c r="B2" s="1"><x:v>45292</x:v></x:c><x:c r="C2"><x:v>1.5E+3</x:v></x:c><x:c r="D2" t="inlineStr"><x:is><x:t>a &lt;b&gt; &amp; "c"_x000D_</x:t></x:is></x:c></x:row>
<x:row r="3" spans="1:4"/>
<x:row r="4"><x:c r="A4" t="inlineStr"><x:is><x:r><x:t>王</x:t></x:r><x:r><x:t>五</x:t></x:r></x:is></x:c><x:c r="B4" s="2"><x:v>45293.75</x:v></x:c><x:c r="C4" t="str"><x:f>10*2</x:f><x:v>20</x:v></x:c></x:row>
<x:row r="5"><x:c r="A5" s="1"/></x:row>
<x:row><x:c t="inlineStr"><x:is><x:t>Z</x:t></x:is></x:c><x:c><x:v>45294</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c r="F6" t="e"><x:v>#N/A</x:v></x:c></x:row>
</x:sheetData></x:worksheet>`;

function readRows(bytes: Uint8Array, pieceBytes = 1 << 20): { rows: { row: number; fields: string[] }[]; blankRows: number } {
  const zip = new ZipArchive(bytes, fflateInflate);
  const workbook = readWorkbook(zip, platformDecoders);
  const rows: { row: number; fields: string[] }[] = [];
  const parser = new SheetParser({ record: (r) => rows.push({ row: r.row, fields: recordFields(r) }) }, workbook);
  const decoder = new TextDecoder();
  // Tiny pieces: tags and rows are cut everywhere.
  const xml = zip.read(workbook.sheets[0].path);
  for (let i = 0; i < xml.length; i += pieceBytes) parser.push(decoder.decode(xml.subarray(i, i + pieceBytes), { stream: true }));
  return { rows, blankRows: parser.finish().blankRows };
}

describe('XLSX reader', () => {
  const parts = (date1904 = false) => ({
    '_rels/.rels': RELS,
    'xl/workbook.xml': workbookXml(date1904),
    'xl/_rels/workbook.xml.rels': WB_RELS,
    'xl/sharedStrings.xml': SHARED,
    'xl/styles.xml': STYLES,
    'xl/worksheets/data.xml': SHEET,
  });
  const expected = [
    { row: 1, fields: ['customer', 'date', 'amount', 'note'] },
    { row: 2, fields: ['李', '45292', '1.5E+3', 'a <b> & "c"\r'] },
    { row: 4, fields: ['王五', '45293.75', '20', ''] },
    { row: 6, fields: ['Z', '45294', 'TRUE', '', '', '#N/A'] },
  ];

  for (const level of [6, 0] as const) {
    for (const piece of [1 << 20, 7]) {
      it(`reads inline, rich and shared strings, prefixes, gaps and rows without numbers (${level ? 'deflated' : 'stored'}, pieces of ${piece} bytes)`, () => {
        const { rows, blankRows } = readRows(handMade(parts(), level), piece);
        expect(rows).toEqual(expected);
        expect(blankRows).toBe(2);
      });
    }
  }

  it('moves 1904-system date cells to the 1900 system, and leaves other numbers alone', () => {
    const { rows } = readRows(handMade(parts(true)));
    expect(rows[1].fields.slice(1, 3)).toEqual([String(45292 + 1462), '1.5E+3']);
    expect(rows[2].fields[1]).toBe(String(45293.75 + 1462));
    // No date style on F6's row: 45294 stays.
    expect(rows[3].fields[1]).toBe('45294');
  });

  it('names the workbook’s sheets and unescapes XML and Excel escapes', () => {
    const zip = new ZipArchive(handMade(parts()), fflateInflate);
    expect(readWorkbook(zip, platformDecoders).sheets).toEqual([{ name: 'Q1 & Q2', path: 'xl/worksheets/data.xml', hidden: false }]);
    expect(unescapeXml('&#x4E2D;&#25991;_x005F_x000D_&quot;')).toBe('中文_x000D_"');
  });

  it('parses the same rows as CSV text of the same table', () => {
    const table = [['id', 'day', 'amt'], ['A', '45292', '12.5'], ['B "b"', '45300', '-3']];
    const ws = XLSX.utils.aoa_to_sheet(table);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'S');
    const { rows } = readRows(new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer));
    const csv = collectRecords('id,day,amt\nA,45292,12.5\n"B ""b""",45300,-3\n').rows;
    expect(rows.map((r) => r.fields)).toEqual(csv);
  });

  it('refuses what is not a ZIP archive', () => {
    expect(() => new ZipArchive(strToU8('customer,date\n'), fflateInflate)).toThrow(ZipError);
  });
});
