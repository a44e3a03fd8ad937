/**
 * Reads a whole transaction file into typed columns: the text streamed through a decoder for the
 * chosen encoding into the CsvParser, or a worksheet's XML inflated piece by piece into the
 * SheetParser, and either into the TransactionColumnBuilder — memory holds the columns and no object
 * per row. `pace` is called between chunks with the progress; the caller reports it, yields to its
 * event loop and throws to cancel.
 */
import { TransactionColumnBuilder } from './columns';
import type { ColumnMapping, TransactionImport } from './transactions';
import { CsvParser, type Delimiter } from './csv';
import { detectEncoding, DETECTION_SAMPLE_BYTES, StreamDecoder } from './encoding';
import { ImportFailure } from './failure';
import { completePolicies, type ImportPolicies } from './policies';
import { encodingName } from './preview';
import { FastCsvImport, fastImportSupported, type FastEncoding } from './fastImport';
import type { ByteSource, OpenedSource, SourceDeps } from './source';
import type { DayMonthOrder } from './values';
import { pickSheet, SheetParser, XlsxError } from './xlsx';
import { ZipError } from './zip';

export interface ReadOptions {
  /** csv: the encoding to read with; default the detected one. */
  encoding?: string;
  /** csv: default detected. */
  delimiter?: Delimiter;
  /** xlsx: the sheet by name; default the first visible one. */
  sheet?: string;
  mapping: ColumnMapping;
  policies: Partial<ImportPolicies>;
  /** The answer to a day/month question (overrides policies.dayMonthOrder). */
  dayMonthOrder?: DayMonthOrder;
}

export interface ReadProgress {
  /** Bytes of the stored file read, of its size. */
  bytesRead: number;
  totalBytes: number;
  /** Data records read so far. */
  rows: number;
}

export type Pace = (progress: ReadProgress) => Promise<void>;

/** How the file was read, to store with the data set. */
export interface ReadSource {
  kind: 'csv' | 'xlsx';
  container: 'gzip' | 'zip' | null;
  encoding: string | null;
  delimiter: Delimiter | null;
  sheet: string | null;
}

const MAX_PRESIZED_ROWS = 1 << 24;

/** Mapping with unmapped optional fields (−1) removed; null if a required field is missing. */
export function cleanMapping(mapping: ColumnMapping): ColumnMapping | null {
  const out: Partial<ColumnMapping> = {};
  for (const [k, v] of Object.entries(mapping) as [keyof ColumnMapping, number | undefined][]) {
    if (v !== undefined && Number.isInteger(v) && v >= 0) out[k] = v;
  }
  if (out.customer === undefined || out.date === undefined) return null;
  if (out.amount === undefined && (out.unitPrice === undefined || out.quantity === undefined)) return null;
  return out as ColumnMapping;
}

/** Data rows in the file, from the line breaks in its first bytes. */
function estimateRows(sample: Uint8Array, size: number): number {
  let lines = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0x0a) lines++;
  return lines === 0 ? 1 : Math.round((size / sample.length) * lines);
}

/**
 * Reads every row. Throws ImportFailure for a file that holds no data row, a fatal parse error, text
 * that does not decode in the chosen encoding, or a damaged container; whatever `pace` throws.
 */
export async function readTransactions(opened: OpenedSource, options: ReadOptions, pace: Pace, deps: SourceDeps): Promise<{ imp: TransactionImport; source: ReadSource }> {
  const mapping = cleanMapping(options.mapping);
  if (!mapping) throw new ImportFailure('badMapping');
  const policies = completePolicies({ ...options.policies, dayMonthOrder: options.dayMonthOrder ?? options.policies.dayMonthOrder });
  const { imp, source } = opened.kind === 'xlsx' ? await readSheet(opened, options, mapping, policies, pace, deps) : await readText(opened, options, mapping, policies, pace, deps);
  const { report } = imp;
  if (report.rowsRead === 0) throw new ImportFailure(report.header.length === 0 && report.rowsAboveHeader === 0 ? 'empty' : 'headerOnly');
  return { imp, source };
}

async function readText(
  opened: Extract<OpenedSource, { kind: 'csv' }>, options: ReadOptions, mapping: ColumnMapping, policies: ImportPolicies, pace: Pace, deps: SourceDeps,
): Promise<{ imp: TransactionImport; source: ReadSource }> {
  const file = opened.source;
  const head = await file.head(DETECTION_SAMPLE_BYTES);
  if (head.length === 0) throw new ImportFailure('empty');
  const detection = detectEncoding(head, deps.decoders);
  if (!detection.ok && options.encoding === undefined) throw new ImportFailure(detection.error === 'zip' ? 'badXlsx' : 'binary');
  const encoding = encodingName(options.encoding ?? (detection.ok ? detection.encoding : 'utf-8'));
  // Columns sized from the estimate save the copies of growing; a wrong estimate only costs those.
  const expected = Math.min(Math.ceil(estimateRows(head, file.contentSize) * 1.05) + 16, MAX_PRESIZED_ROWS);
  if (fastImportSupported(mapping, policies, encoding, options.delimiter)) {
    const fast = await readFast(file, encoding, options.delimiter, mapping, policies, expected, pace, deps);
    if (fast) return { imp: fast.imp, source: { kind: 'csv', container: opened.container, encoding, delimiter: fast.delimiter, sheet: null } };
  }
  const builder = new TransactionColumnBuilder(mapping, policies, expected);
  const parser = new CsvParser(builder, { delimiter: options.delimiter ?? 'auto' });
  const decoder = new StreamDecoder(deps.decoders, encoding);
  const dataRows = () => builder.rowsRead;
  let bytesRead = 0;
  try {
    for await (const chunk of file.chunks()) {
      bytesRead = chunk.read;
      if (!parser.push(decoder.decode(chunk.data))) break;
      await pace({ bytesRead, totalBytes: file.size, rows: dataRows() });
    }
  } catch (e) {
    throw containerFailure(e);
  }
  parser.push(decoder.finish());
  const summary = parser.finish();
  await pace({ bytesRead: file.size, totalBytes: file.size, rows: dataRows() });
  if (summary.fatal) throw new ImportFailure('fatalCsv', { issue: summary.fatal });
  if (decoder.replacements > 0) throw new ImportFailure('badEncoding', { byteOffset: decoder.firstReplacementChunkAt });
  return { imp: builder.finish(), source: { kind: 'csv', container: opened.container, encoding, delimiter: summary.delimiter, sheet: null } };
}

/**
 * The fast import (fastImport.ts), or null when it cannot run here or refuses the file: then the file
 * is read again from its start by the JS path. The delimiter, when not given, is detected by a
 * CsvParser from the same decoded text the JS path would detect it from.
 */
async function readFast(
  file: ByteSource, encoding: FastEncoding, given: Delimiter | undefined, mapping: ColumnMapping, policies: ImportPolicies, expected: number, pace: Pace, deps: SourceDeps,
): Promise<{ imp: TransactionImport; delimiter: Delimiter } | null> {
  let delimiter = given;
  const detector = new CsvParser({ record() {} }, { maxRows: 1 });
  const text = deps.decoders(encoding, { fatal: false });
  const held: Uint8Array[] = [];
  /** The kernel, started once the delimiter is known, with the pieces held until then; null if it cannot go on. */
  const begin = (d: Delimiter): FastCsvImport | null => {
    if (!fastImportSupported(mapping, policies, encoding, d)) return null;
    const started = FastCsvImport.start(mapping, policies, d, expected, deps.decoders, encoding);
    return started && held.splice(0).every((piece) => started.push(piece)) ? started : null;
  };
  let fast: FastCsvImport | null = null;
  let bytesRead = 0;
  try {
    for await (const chunk of file.chunks()) {
      bytesRead = chunk.read;
      if (fast) {
        if (!fast.push(chunk.data)) return null;
      } else {
        held.push(chunk.data);
        if (delimiter === undefined) {
          detector.push(text.decode(chunk.data, { stream: true }));
          if (detector.summary.detection !== null) delimiter = detector.summary.delimiter;
        }
        if (delimiter !== undefined && !(fast = begin(delimiter))) return null;
      }
      await pace({ bytesRead, totalBytes: file.size, rows: fast ? fast.rowsRead : 0 });
    }
  } catch (e) {
    throw containerFailure(e);
  }
  if (delimiter === undefined) {
    detector.push(text.decode());
    delimiter = detector.finish().delimiter;
  }
  fast ??= begin(delimiter);
  const imp = fast?.finish();
  if (!imp) return null;
  await pace({ bytesRead: file.size, totalBytes: file.size, rows: imp.report.rowsRead });
  return { imp, delimiter };
}

async function readSheet(
  opened: Extract<OpenedSource, { kind: 'xlsx' }>, options: ReadOptions, mapping: ColumnMapping, policies: ImportPolicies, pace: Pace, deps: SourceDeps,
): Promise<{ imp: TransactionImport; source: ReadSource }> {
  const { zip, workbook } = opened;
  let sheet;
  try {
    sheet = pickSheet(workbook, options.sheet);
  } catch (e) {
    if (e instanceof XlsxError) throw new ImportFailure('noSheet');
    throw e;
  }
  const entry = zip.entries.get(sheet.path)!;
  const total = opened.source.size;
  const builder = new TransactionColumnBuilder(mapping, policies);
  const parser = new SheetParser(builder, workbook);
  const utf8 = deps.decoders('utf-8', { fatal: false });
  try {
    for (const piece of zip.pieces(sheet.path)) {
      if (!parser.push(utf8.decode(piece.data, { stream: true }))) break;
      await pace({ bytesRead: Math.round((piece.compressedRead / Math.max(1, entry.compressedSize)) * total), totalBytes: total, rows: builder.rowsRead });
    }
    parser.push(utf8.decode());
  } catch (e) {
    if (e instanceof ZipError) throw new ImportFailure('badXlsx');
    throw e;
  }
  const summary = parser.finish();
  await pace({ bytesRead: total, totalBytes: total, rows: builder.rowsRead });
  if (summary.fatal) throw new ImportFailure('fatalSheet', { issue: summary.fatal });
  return { imp: builder.finish(), source: { kind: 'xlsx', container: opened.container, encoding: null, delimiter: null, sheet: sheet.name } };
}

/** A failure inside an archive's entry is the archive's damage, not the text's (gunzip reports its own). */
function containerFailure(e: unknown): unknown {
  return e instanceof ZipError ? new ImportFailure('badZip') : e;
}
