/**
 * Reads transaction rows from an Excel workbook (XLSX, Office Open XML) into the same sink as the
 * CSV parser: every non-empty row of a worksheet becomes a CsvRecord whose fields are the cells'
 * texts, so the TransactionColumnBuilder reads both kinds of file the same way.
 *
 * Cell values as text: shared and inline strings as written; numbers as Excel stores them ("1280.5",
 * "1.5E-3"); dates are numbers with a date format, i.e. Excel serials, which the date reader takes
 * (a 1904-system workbook's date cells are moved to the 1900 system first); booleans TRUE/FALSE;
 * formula results as cached. Missing cells are empty fields; a row is as wide as the widest of its
 * cells and the first row, so a row whose trailing cells are empty is not a short row.
 *
 * The worksheet XML is fed in decoded text pieces (see ZipArchive.pieces), like the CSV parser.
 */

import { CsvRecord, FIELD_PLAIN, type CsvIssue, type CsvSink } from './csv';
import type { TextDecoderFactory } from './encoding';
import type { ZipArchive } from './zip';

export interface XlsxSheet {
  name: string;
  /** Part name in the package, e.g. `xl/worksheets/sheet1.xml`. */
  path: string;
  hidden: boolean;
}

export interface XlsxWorkbook {
  /** Worksheets in workbook order. */
  sheets: XlsxSheet[];
  sharedStrings: string[];
  /** Per cell style index: the style formats numbers as dates. */
  dateStyles: boolean[];
  /** The workbook counts days from 1904-01-01 (old Mac Excel). */
  date1904: boolean;
}

export class XlsxError extends Error {
  constructor(readonly code: 'noWorkbook' | 'noSheet', detail = '') {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'XlsxError';
  }
}

/** Serial difference between the 1904 and 1900 date systems. */
const DAYS_1904 = 1462;

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** Excel's escape of characters XML cannot hold: `_x000D_` is CR, `_x005F_` a literal underscore. */
const EXCEL_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/** XML character references and entities, then Excel's `_xHHHH_` escapes. */
export function unescapeXml(s: string): string {
  if (s.indexOf('&') >= 0) {
    s = s.replace(ENTITY, (_, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (name) return NAMED[name];
      const code = hex ? parseInt(hex, 16) : Number(dec);
      return code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
    });
  }
  if (s.indexOf('_x') >= 0) s = s.replace(EXCEL_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return s;
}

const attr = (tag: string, name: string): string | null => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeXml(m[1]) : null;
};

/** Text of `<t>` elements (rich text runs joined), leaving out phonetic guides (`<rPh>`). */
const PHONETIC = /<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g;
const TEXT = /<(?:[\w.-]+:)?t(?:\s[^>]*)?(?:\/>|>([^<]*)<\/(?:[\w.-]+:)?t>)/g;
function runText(xml: string): string {
  if (xml.indexOf('rPh') >= 0) xml = xml.replace(PHONETIC, '');
  let out = '';
  TEXT.lastIndex = 0;
  for (let m = TEXT.exec(xml); m; m = TEXT.exec(xml)) if (m[1]) out += m[1];
  return unescapeXml(out);
}

function resolvePath(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const p of target.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return parts.join('/');
}

function relsOf(zip: ZipArchive, decode: (b: Uint8Array) => string, part: string): { id: string; type: string; target: string }[] {
  const dir = part.split('/').slice(0, -1).join('/');
  const path = `${dir ? dir + '/' : ''}_rels/${part.split('/').pop()}.rels`;
  if (!zip.has(path)) return [];
  const xml = decode(zip.read(path));
  const out: { id: string; type: string; target: string }[] = [];
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const type = attr(m[0], 'Type');
    const target = attr(m[0], 'Target');
    if (id !== null && type !== null && target !== null && attr(m[0], 'TargetMode') !== 'External') {
      out.push({ id, type, target: resolvePath(part, target) });
    }
  }
  return out;
}

/** Built-in number formats that show dates or times (ECMA-376 §18.8.30, and the CJK locales' 27–36, 50–58). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A custom format shows a date if it has y, m, d, h or s outside quotes, brackets and escapes (`[h]:mm` durations too). */
function isDateFormatCode(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\\.|_.|\*./g, '').replace(/\[(?:[^\]]*)\]/g, (b) => (/^\[(h+|m+|s+)\]$/i.test(b) ? 'h' : ''));
  return /[ymdhse]/i.test(bare.replace(/General/gi, '')) && !/^[#0.,%\s?/E+-]*$/.test(bare);
}

function readDateStyles(xml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?numFmt\b[^>]*>/g)) {
    const id = attr(m[0], 'numFmtId');
    const code = attr(m[0], 'formatCode');
    if (id !== null && code !== null) custom.set(Number(id), code);
  }
  const xfs = /<(?:[\w.-]+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?cellXfs>/.exec(xml);
  if (!xfs) return [];
  const out: boolean[] = [];
  for (const m of xfs[1].matchAll(/<(?:[\w.-]+:)?xf\b[^>]*>/g)) {
    const id = Number(attr(m[0], 'numFmtId') ?? 0);
    const code = custom.get(id);
    out.push(code !== undefined ? isDateFormatCode(code) : BUILTIN_DATE_FORMATS.has(id));
  }
  return out;
}

/** The sheets, shared strings and date settings of a workbook (its small parts). */
export function readWorkbook(zip: ZipArchive, decoders: TextDecoderFactory): XlsxWorkbook {
  const utf8 = decoders('utf-8', { fatal: false });
  const decode = (b: Uint8Array) => utf8.decode(b);
  const root = relsOf(zip, decode, '_rels/.rels').find((r) => r.type.endsWith('/officeDocument'));
  const workbookPath = root?.target ?? 'xl/workbook.xml';
  if (!zip.has(workbookPath)) throw new XlsxError('noWorkbook');
  const workbook = decode(zip.read(workbookPath));
  const rels = relsOf(zip, decode, workbookPath);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets: XlsxSheet[] = [];
  for (const m of workbook.matchAll(/<(?:[\w.-]+:)?sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name');
    const rid = /\s(?:[\w.-]+:)?id="([^"]*)"/.exec(m[0])?.[1];
    const rel = rid === undefined ? undefined : byId.get(rid);
    if (name === null || !rel || !rel.type.endsWith('/worksheet') || !zip.has(rel.target)) continue;
    const state = attr(m[0], 'state');
    sheets.push({ name, path: rel.target, hidden: state === 'hidden' || state === 'veryHidden' });
  }
  if (sheets.length === 0) throw new XlsxError('noSheet');
  const pr = /<(?:[\w.-]+:)?workbookPr\b[^>]*>/.exec(workbook);
  const flag = pr ? attr(pr[0], 'date1904') : null;
  const date1904 = flag === '1' || flag === 'true';

  const sharedPath = rels.find((r) => r.type.endsWith('/sharedStrings'))?.target;
  const sharedStrings: string[] = [];
  if (sharedPath && zip.has(sharedPath)) {
    const xml = decode(zip.read(sharedPath));
    for (const m of xml.matchAll(/<(?:[\w.-]+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?si>)/g)) sharedStrings.push(m[1] ? runText(m[1]) : '');
  }
  const stylesPath = rels.find((r) => r.type.endsWith('/styles'))?.target;
  // Date styles matter only for moving 1904-system serials; skip parsing the styles otherwise.
  const dateStyles = date1904 && stylesPath && zip.has(stylesPath) ? readDateStyles(decode(zip.read(stylesPath))) : [];
  return { sheets, sharedStrings, dateStyles, date1904 };
}

/** The sheet to read: the one named, else the first visible one. */
export function pickSheet(workbook: XlsxWorkbook, name?: string | null): XlsxSheet {
  if (name !== undefined && name !== null) {
    const sheet = workbook.sheets.find((s) => s.name === name);
    if (!sheet) throw new XlsxError('noSheet', name);
    return sheet;
  }
  return workbook.sheets.find((s) => !s.hidden) ?? workbook.sheets[0];
}

export interface SheetOptions {
  /** Stop after this many records (a preview). */
  maxRows?: number;
  /** Most columns a row may reach (cells further right are a fatal `tooManyColumns`); default 1024. */
  maxColumns?: number;
  /** Longest row, in characters of XML, before it is a fatal `rowTooLong`; default 8 MiB. */
  maxRowLength?: number;
}

export interface SheetSummary {
  /** Records delivered to the sink (the header row included). */
  records: number;
  /** Rows without any non-empty cell (skipped, as blank lines of a CSV). */
  blankRows: number;
  /** Fields of the first record. */
  expectedFields: number;
  fatal: CsvIssue | null;
  truncated: boolean;
}

const ROW_OPEN = /<(?:([\w.-]+):)?row\b/g;
const CELL = /<(?:[\w.-]+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?c>)/g;
const VALUE = /<(?:[\w.-]+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?v>/;
const INLINE = /<(?:[\w.-]+:)?is\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?is>/;
const CELL_REF = /\sr="([A-Za-z]+)\d*"/;
const CELL_TYPE = /\st="([^"]*)"/;
const CELL_STYLE = /\ss="(\d+)"/;
const ROW_NUMBER = /\sr="(\d+)"/;
/** Separator of fields in a record's text: it only matters for the duplicate-row fingerprint. */
const SEPARATOR = '\u001f';

function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + ((letters.charCodeAt(i) | 0x20) - 0x60);
  return n - 1;
}

/**
 * Streams the rows of one worksheet's XML into a CsvSink.
 * Usage: `const p = new SheetParser(sink, workbook); p.push(text) …; const summary = p.finish();`
 */
export class SheetParser {
  readonly #sink: CsvSink;
  readonly #shared: string[];
  readonly #dateStyles: boolean[];
  readonly #date1904: boolean;
  readonly #maxRows: number;
  readonly #maxColumns: number;
  readonly #maxRowLength: number;
  readonly #rec: CsvRecord;
  readonly #values: string[] = [];
  #carry = '';
  #row = 0;
  #stopped = false;
  readonly #summary: SheetSummary = { records: 0, blankRows: 0, expectedFields: -1, fatal: null, truncated: false };

  constructor(sink: CsvSink, workbook: Pick<XlsxWorkbook, 'sharedStrings' | 'dateStyles' | 'date1904'>, options: SheetOptions = {}) {
    this.#sink = sink;
    this.#shared = workbook.sharedStrings;
    this.#dateStyles = workbook.dateStyles;
    this.#date1904 = workbook.date1904;
    this.#maxRows = options.maxRows ?? Infinity;
    this.#maxColumns = Math.max(1, options.maxColumns ?? 1024);
    this.#maxRowLength = options.maxRowLength ?? 8 << 20;
    this.#rec = new CsvRecord(this.#maxColumns);
  }

  get summary(): SheetSummary {
    return this.#summary;
  }

  /** Feeds the next piece of the worksheet's XML; false once the parse has stopped. */
  push(text: string): boolean {
    if (this.#stopped) return false;
    const buf = this.#carry === '' ? text : this.#carry + text;
    let pos = 0;
    this.#carry = '';
    for (;;) {
      ROW_OPEN.lastIndex = pos;
      const open = ROW_OPEN.exec(buf);
      if (!open) {
        // Keep a tail that may hold the start of a `<row` tag cut by the piece boundary.
        const lt = buf.lastIndexOf('<');
        if (lt >= pos && buf.length - lt < 64) this.#carry = buf.slice(lt);
        break;
      }
      const start = open.index;
      const gt = buf.indexOf('>', start);
      if (gt < 0) {
        this.#carry = buf.slice(start);
        break;
      }
      const tag = buf.slice(start, gt + 1);
      const number = ROW_NUMBER.exec(tag);
      const rowNumber = number ? Number(number[1]) : this.#row + 1;
      if (buf.charCodeAt(gt - 1) === 0x2f) {
        // `<row r="7"/>`: an empty row.
        this.#row = rowNumber;
        this.#summary.blankRows++;
        pos = gt + 1;
        continue;
      }
      const close = `</${open[1] ? open[1] + ':' : ''}row>`;
      const end = buf.indexOf(close, gt);
      if (end < 0) {
        if (buf.length - start > this.#maxRowLength) return this.#stop({ code: 'rowTooLong', row: rowNumber, column: 0 });
        this.#carry = buf.slice(start);
        break;
      }
      this.#row = rowNumber;
      if (!this.#cells(buf, gt + 1, end)) return false;
      pos = end + close.length;
    }
    return true;
  }

  finish(): SheetSummary {
    this.#stopped = true;
    return this.#summary;
  }

  #stop(fatal: CsvIssue): boolean {
    this.#summary.fatal = fatal;
    this.#stopped = true;
    return false;
  }

  /** Reads the cells of the row in buf[from, to) and delivers it unless it is empty. */
  #cells(buf: string, from: number, to: number): boolean {
    const values = this.#values;
    let count = 0;
    let nonEmpty = false;
    const xml = buf.slice(from, to);
    CELL.lastIndex = 0;
    for (let m = CELL.exec(xml); m; m = CELL.exec(xml)) {
      const attrs = m[1];
      const ref = CELL_REF.exec(attrs);
      const col = ref ? columnIndex(ref[1]) : count;
      if (col >= this.#maxColumns) return this.#stop({ code: 'tooManyColumns', row: this.#row, column: col + 1 });
      const value = m[2] === undefined ? '' : this.#cellText(attrs, m[2]);
      while (count < col) values[count++] = '';
      values[col] = value;
      if (col >= count) count = col + 1;
      if (value !== '') nonEmpty = true;
    }
    if (!nonEmpty) {
      this.#summary.blankRows++;
      return true;
    }
    const summary = this.#summary;
    if (summary.expectedFields < 0) summary.expectedFields = count;
    while (count < summary.expectedFields) values[count++] = '';

    const rec = this.#rec;
    let src = '';
    for (let i = 0; i < count; i++) {
      if (i > 0) src += SEPARATOR;
      rec.starts[i] = src.length;
      src += values[i];
      rec.ends[i] = src.length;
      rec.kinds[i] = FIELD_PLAIN;
    }
    rec.src = src;
    rec.count = count;
    rec.row = this.#row;
    rec.start = 0;
    rec.end = src.length;
    summary.records++;
    this.#sink.record(rec);
    if (summary.records >= this.#maxRows) {
      summary.truncated = true;
      this.#stopped = true;
      return false;
    }
    return true;
  }

  #cellText(attrs: string, inner: string): string {
    const type = CELL_TYPE.exec(attrs)?.[1] ?? 'n';
    if (type === 'inlineStr') {
      const is = INLINE.exec(inner);
      return is ? runText(is[1]) : '';
    }
    const v = VALUE.exec(inner);
    if (!v) return '';
    const raw = v[1];
    switch (type) {
      case 's': {
        const s = this.#shared[Number(raw)];
        return s ?? '';
      }
      case 'b':
        return raw === '1' ? 'TRUE' : 'FALSE';
      case 'n': {
        if (this.#date1904) {
          const style = CELL_STYLE.exec(attrs);
          if (style && this.#dateStyles[Number(style[1])]) {
            const serial = Number(raw);
            if (Number.isFinite(serial)) return String(serial + DAYS_1904);
          }
        }
        return raw.trim();
      }
      default:
        // 'str' (formula text), 'e' (an error such as #N/A), 'd' (ISO 8601 date).
        return unescapeXml(raw);
    }
  }
}
