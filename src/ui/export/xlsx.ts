/**
 * A minimal XLSX (Office Open XML spreadsheet) writer: sheets of text and typed numbers, no
 * formulas. Numbers are numeric cells with a number format (money in the plan's currency, percent,
 * whole numbers), so a finance colleague can sum a column. Text is written as inline strings, so a
 * cell such as `=HYPERLINK(...)` stays text in Excel — nothing a user imported can run as a formula
 * (RELIABILITY 33). The header row is bold and frozen; totals are bold; columns are as wide as their
 * content. The zip is built with fflate; everything else is a handful of XML parts.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { currencyDigits } from '../../engine/money';
import { isNumberCell, storedNumber, type ExportCell } from './cells';
import { currencySymbol, formatCode, StyleBook, type CellRole } from './xlsxStyles';

export interface Sheet {
  name: string;
  /** Header row first. */
  rows: readonly (readonly ExportCell[])[];
  /** The last rows that are totals (bold, with a line above). */
  totalRows?: number;
  /** Columns kept in view when scrolling right (row labels); the header row is always frozen. */
  freezeColumns?: number;
}

// XML 1.0 forbids most control characters even when escaped; drop them.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function xmlText(s: string): string {
  return s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Column letters of a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * Excel refuses sheet names over 31 characters, with []:*?/\, starting or ending with an apostrophe,
 * named "History" (it reserves the name), or duplicates (case-insensitive).
 */
export function sheetNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((raw, i) => {
    const cleaned = raw.replace(/[[\]:*?/\\]/g, '_').replace(INVALID_XML, '').trim().slice(0, 31).replace(/^'+|'+$/g, '').trim();
    const base = cleaned.toLowerCase() === 'history' ? `${cleaned}_` : cleaned || `Sheet${i + 1}`;
    let name = base;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base.slice(0, 31 - String(k).length - 1)}~${k}`;
    used.add(name.toLowerCase());
    return name;
  });
}

const MAX_CELL_TEXT = 32_767;

const grouped = new Map<number, Intl.NumberFormat>();

/** Roughly how many characters a cell shows: East Asian characters count double, as Excel draws them. */
function displayWidth(c: ExportCell): number {
  if (c === null) return 0;
  if (typeof c === 'string') {
    let w = 0;
    for (const ch of c.split('\n')[0]) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
    return w;
  }
  if (!Number.isFinite(typeof c === 'number' ? c : c.value)) return 0;
  const v = storedNumber(c);
  if (!isNumberCell(c)) return String(v).length;
  if (c.format.kind === 'percent') return (v * 100).toFixed(2).length + 1;
  const digits = c.format.kind === 'money' ? currencyDigits(c.format.currency) : c.format.kind === 'decimal' ? c.format.digits : 0;
  let f = grouped.get(digits);
  if (!f) grouped.set(digits, (f = new Intl.NumberFormat('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return f.format(v).length + (c.format.kind === 'money' ? currencySymbol(c.format.currency).length : 0);
}

/** Widths that fit the longest value (headers wrap rather than widen a numeric column past ~24). */
function columnWidths(rows: readonly (readonly ExportCell[])[]): number[] {
  const widths: number[] = [];
  rows.forEach((row, r) =>
    row.forEach((c, j) => {
      const w = Math.min(displayWidth(c), r === 0 ? 24 : 60);
      widths[j] = Math.max(widths[j] ?? 0, w);
    }),
  );
  return Array.from(widths, (w) => Math.max(8, Math.min(62, (w ?? 0) + 2)));
}

function paneXml(columns: number): string {
  const cell = `${columnName(columns)}2`;
  if (columns <= 0) return `<pane ySplit="1" topLeftCell="${cell}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>`;
  return `<pane xSplit="${columns}" ySplit="1" topLeftCell="${cell}" activePane="bottomRight" state="frozen"/><selection pane="bottomRight" activeCell="${cell}" sqref="${cell}"/>`;
}

function sheetXml(sheet: Sheet, styles: StyleBook): string {
  const { rows } = sheet;
  const firstTotal = rows.length - Math.max(0, Math.min(sheet.totalRows ?? 0, rows.length - 1));
  const out: string[] = [];
  rows.forEach((row, r) => {
    const role: CellRole = r === 0 ? 'header' : r >= firstTotal ? 'total' : 'body';
    const cells: string[] = [];
    row.forEach((c, j) => {
      if (c === null || (typeof c === 'number' && !Number.isFinite(c)) || (isNumberCell(c) && !Number.isFinite(c.value))) return;
      const ref = `${columnName(j)}${r + 1}`;
      if (typeof c === 'string') {
        const s = styles.style('General', role);
        // Excel holds at most 32,767 characters in a cell and calls a longer one a damaged file.
        const text = c.length > MAX_CELL_TEXT ? `${c.slice(0, MAX_CELL_TEXT - 1)}…` : c;
        cells.push(`<c r="${ref}"${s ? ` s="${s}"` : ''} t="inlineStr"><is><t xml:space="preserve">${xmlText(text)}</t></is></c>`);
        return;
      }
      const s = styles.style(isNumberCell(c) ? formatCode(c.format) : 'General', role);
      cells.push(`<c r="${ref}"${s ? ` s="${s}"` : ''}><v>${storedNumber(c)}</v></c>`);
    });
    out.push(`<row r="${r + 1}">${cells.join('')}</row>`);
  });
  const widths = columnWidths(rows);
  const cols = widths.length ? `<cols>${widths.map((w, j) => `<col min="${j + 1}" max="${j + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>` : '';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    (rows.length > 0 ? `<sheetViews><sheetView workbookViewId="0">${paneXml(sheet.freezeColumns ?? 0)}</sheetView></sheetViews>` : '') +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    cols +
    `<sheetData>${out.join('')}</sheetData></worksheet>`
  );
}

const CONTENT_TYPES = (n: number): string =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  Array.from({ length: n }, (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
  '</Types>';

const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '</Relationships>';

/** The workbook as bytes (an .xlsx file). */
export function toXlsx(sheets: readonly Sheet[]): Uint8Array {
  if (sheets.length === 0) throw new RangeError('A workbook needs at least one sheet');
  const names = sheetNames(sheets.map((s) => s.name));
  const workbook =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
    names.map((n, i) => `<sheet name="${xmlText(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
    '</sheets></workbook>';
  const workbookRels =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
    `<Relationship Id="rId${names.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
    '</Relationships>';
  const styles = new StyleBook();
  const files: Zippable = {
    '[Content_Types].xml': strToU8(CONTENT_TYPES(sheets.length)),
    '_rels/.rels': strToU8(ROOT_RELS),
    'xl/workbook.xml': strToU8(workbook),
    'xl/_rels/workbook.xml.rels': strToU8(workbookRels),
  };
  // Sheets first: the styles part lists only what they used.
  sheets.forEach((s, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(s, styles))));
  files['xl/styles.xml'] = strToU8(styles.xml(xmlText));
  // A fixed timestamp keeps the same table's file byte-identical between exports.
  return zipSync(files, { level: 6, mtime: new Date(2000, 0, 1) });
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
