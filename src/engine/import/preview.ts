/**
 * The first rows of a file as the import dialog shows them, read the same way the import reads:
 * the encoding, the delimiter (or aligned columns), the worksheet, where the header is, and the
 * distinct values of each column over a larger sample (so the dialog can show every order status
 * and what it will mean). `describePreview` turns that into the header, sample rows and guessed
 * mapping for a given header layout, so the dialog can re-derive them when the user moves the header.
 */
import { CsvParser, recordFields, type CsvRecord, type CsvSink, type Delimiter } from './csv';
import { detectEncoding, DETECTION_SAMPLE_BYTES, StreamDecoder, type TextEncodingName } from './encoding';
import { ImportFailure } from './failure';
import { detectColumnMapping, type MappingGuess } from './header';
import { detectHeaderLayout, guessMappingFromValues, type HeaderLayout } from './layout';
import type { Container, OpenedSource, SourceDeps } from './source';
import { detectDecimalMark, type DecimalMark } from './values';
import { pickSheet, SheetParser, XlsxError } from './xlsx';
import { ZipError } from './zip';

/** Records kept as rows for the preview table (title lines and header included). */
export const PREVIEW_ROWS = 40;
/** Records read for the distinct values of each column. */
const SAMPLE_RECORDS = 5000;
/** A column with more distinct values than this is not listed (ids, amounts, dates). */
const MAX_DISTINCT = 50;

export const ENCODINGS: readonly TextEncodingName[] = ['utf-8', 'gb18030', 'big5', 'utf-16le', 'utf-16be', 'windows-1252'];

export interface PreviewOverrides {
  encoding?: string;
  delimiter?: Delimiter;
  sheet?: string;
}

export interface ValueCount {
  value: string;
  count: number;
}

export interface FilePreview {
  kind: 'csv' | 'xlsx';
  /** The file came compressed (`.gz`) or inside a `.zip`. */
  container: Container;
  /** The name of the file read (inside an archive, the entry's). */
  innerName: string;
  /** The encoding the preview was decoded with ('utf-8' for xlsx). */
  encoding: TextEncodingName;
  /** csv only ([] for xlsx): every candidate, best first. */
  encodingCandidates: { encoding: TextEncodingName; confidence: number }[];
  /** csv only; ' ' for columns aligned with spaces. */
  delimiter: Delimiter | null;
  /** xlsx only: the worksheets in workbook order, and the one previewed. */
  sheetNames: string[];
  sheet: string | null;
  /** The first records as read (title lines and header included), up to PREVIEW_ROWS. */
  rows: string[][];
  /** Where the header seems to be; the user may move it. */
  layout: HeaderLayout;
  /** Per column, its distinct values below the detected header with their counts; null when there are too many. */
  values: (ValueCount[] | null)[];
  /** csv: no delimiter splits the lines, so the file reads as one column; the UI must say so. */
  singleColumn: boolean;
  /** csv: undecodable bytes (U+FFFD) in the previewed text: likely the wrong encoding. */
  replacements: number;
  /** Rough number of data rows, from the file size and the previewed rows' length. */
  estimatedRows: number;
}

/** The preview read with a header layout: what the dialog shows and maps. */
export interface PreviewView {
  /** Header names ('' for every column of a file without a header). */
  headers: string[];
  /** Rows below the header. */
  sampleRows: string[][];
  guess: MappingGuess;
  /** Decimal mark read from the amount column's samples ('ambiguous' when they could be either). */
  decimalMark: DecimalMark | 'ambiguous';
}

export function encodingName(label: string): TextEncodingName {
  const l = label.toLowerCase();
  if (l === 'gbk' || l === 'gb2312') return 'gb18030';
  const found = ENCODINGS.find((e) => e === l);
  if (!found) throw new ImportFailure('badEncoding');
  return found;
}

export function describePreview(preview: Pick<FilePreview, 'rows'>, layout: HeaderLayout): PreviewView {
  const { rows } = preview;
  const width = Math.max(0, ...rows.map((r) => r.length));
  const header = layout.hasHeader ? (rows[layout.skipRows] ?? []) : [];
  const sampleRows = rows.slice(layout.skipRows + (layout.hasHeader ? 1 : 0));
  const headers = Array.from({ length: Math.max(width, header.length) }, (_, i) => header[i] ?? '');
  const guess = layout.hasHeader ? detectColumnMapping(headers) : guessMappingFromValues(sampleRows);
  const amountAt = guess.mapping.amount ?? guess.mapping.unitPrice;
  const decimalMark = amountAt === undefined ? '.' : detectDecimalMark(sampleRows.map((r) => r[amountAt] ?? ''));
  return { headers, sampleRows, guess, decimalMark };
}

/** Collects the first rows, and distinct values per column once the header is behind. */
class PreviewSink implements CsvSink {
  readonly rows: string[][] = [];
  readonly #buffered: string[][] = [];

  record(r: CsvRecord): void {
    const fields = recordFields(r);
    if (this.rows.length < PREVIEW_ROWS) this.rows.push(fields);
    // The header is found from the first rows; until then, keep the records for the counts.
    this.#buffered.push(fields);
  }

  values(layout: HeaderLayout): (ValueCount[] | null)[] {
    const data = this.#buffered.slice(layout.skipRows + (layout.hasHeader ? 1 : 0));
    const width = Math.max(0, ...data.map((r) => r.length));
    return Array.from({ length: width }, (_, c) => {
      const counts = new Map<string, number>();
      for (const row of data) {
        const v = (row[c] ?? '').trim();
        counts.set(v, (counts.get(v) ?? 0) + 1);
        if (counts.size > MAX_DISTINCT) return null;
      }
      return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count);
    });
  }
}

/** Data rows in the file, from the line breaks in its first bytes. */
function estimateRows(sample: Uint8Array, size: number): number {
  let lines = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0x0a) lines++;
  if (lines === 0) return sample.length >= size ? 1 : 0;
  return Math.max(0, Math.round((size / sample.length) * lines) - 1);
}

/** Reads the first rows of an opened source; throws ImportFailure when it cannot. */
export async function previewSource(opened: OpenedSource, overrides: PreviewOverrides, deps: SourceDeps): Promise<FilePreview> {
  return opened.kind === 'xlsx' ? previewSheet(opened, overrides.sheet, deps) : previewText(opened, overrides, deps);
}

async function previewText(opened: Extract<OpenedSource, { kind: 'csv' }>, overrides: PreviewOverrides, deps: SourceDeps): Promise<FilePreview> {
  const { source } = opened;
  const bytes = await source.head(DETECTION_SAMPLE_BYTES);
  const detection = detectEncoding(bytes, deps.decoders);
  if (!detection.ok && overrides.encoding === undefined) throw new ImportFailure(detection.error === 'zip' ? 'badXlsx' : 'binary');
  const encoding = encodingName(overrides.encoding ?? (detection.ok ? detection.encoding : 'utf-8'));
  const decoder = new StreamDecoder(deps.decoders, encoding);
  const whole = bytes.length < DETECTION_SAMPLE_BYTES;
  const text = decoder.decode(bytes) + (whole ? decoder.finish() : '');
  const sink = new PreviewSink();
  const parser = new CsvParser(sink, { delimiter: overrides.delimiter ?? 'auto', maxRows: SAMPLE_RECORDS });
  parser.push(text);
  // A sample cut inside a record must not deliver the cut record: finish only at the end of the file.
  const summary = whole ? parser.finish() : parser.summary;
  if (sink.rows.length === 0) throw new ImportFailure('empty');
  const layout = detectHeaderLayout(sink.rows);
  return {
    kind: 'csv',
    container: opened.container,
    innerName: source.name,
    encoding,
    encodingCandidates: detection.ok ? detection.candidates.map((c) => ({ encoding: c.encoding, confidence: c.confidence })) : [],
    delimiter: summary.delimiter,
    sheetNames: [],
    sheet: null,
    rows: sink.rows,
    layout,
    values: sink.values(layout),
    singleColumn: summary.detection?.singleColumn ?? false,
    replacements: decoder.replacements,
    estimatedRows: Math.max(0, estimateRows(bytes, source.contentSize) - layout.skipRows),
  };
}

async function previewSheet(opened: Extract<OpenedSource, { kind: 'xlsx' }>, sheetName: string | undefined, deps: SourceDeps): Promise<FilePreview> {
  const { zip, workbook } = opened;
  let sheet;
  try {
    sheet = pickSheet(workbook, sheetName);
  } catch (e) {
    if (e instanceof XlsxError) throw new ImportFailure('noSheet');
    throw e;
  }
  const sink = new PreviewSink();
  const parser = new SheetParser(sink, workbook, { maxRows: SAMPLE_RECORDS });
  const utf8 = deps.decoders('utf-8', { fatal: false });
  let ratio = 0;
  try {
    for (const piece of zip.pieces(sheet.path, 64 * 1024)) {
      ratio = piece.compressedRead;
      if (!parser.push(utf8.decode(piece.data, { stream: true }))) break;
    }
  } catch (e) {
    if (e instanceof ZipError) throw new ImportFailure('badXlsx');
    throw e;
  }
  if (sink.rows.length === 0) throw new ImportFailure('empty');
  const layout = detectHeaderLayout(sink.rows);
  const entry = zip.entries.get(sheet.path)!;
  const records = parser.summary.records;
  // Rows seen per compressed byte read, over the sheet's whole compressed size.
  const estimated = parser.summary.truncated && ratio > 0 ? Math.round((records / ratio) * entry.compressedSize) : records;
  return {
    kind: 'xlsx',
    container: opened.container,
    innerName: opened.source.name,
    encoding: 'utf-8',
    encodingCandidates: [],
    delimiter: null,
    sheetNames: workbook.sheets.map((s) => s.name),
    sheet: sheet.name,
    rows: sink.rows,
    layout,
    values: sink.values(layout),
    singleColumn: false,
    replacements: 0,
    estimatedRows: Math.max(0, estimated - layout.skipRows - (layout.hasHeader ? 1 : 0)),
  };
}
