/**
 * Preview and import of transaction files (CSV or XLSX), run in the customers worker: the file is
 * streamed (CSV: `file.stream()` through a decoder for the chosen encoding; XLSX: the worksheet part
 * inflated piece by piece) into the CsvParser/SheetParser → TransactionColumnBuilder, so memory
 * holds the typed columns and no object per row. The result is written as one transaction.
 *
 * Cancel: the caller's AbortSignal is checked between chunks, and aborts the write transaction if
 * it fires while that runs; either way nothing is stored (see customersClient.ts for how the UI's
 * cancel reaches the worker).
 */
import { resolveDayMonthOrder, TransactionColumnBuilder, type ColumnMapping, type TransactionColumns, type TransactionImport } from '../engine/import/columns';
import { CsvParser, recordFields, type CsvIssue, type Delimiter } from '../engine/import/csv';
import { detectEncoding, DETECTION_SAMPLE_BYTES, StreamDecoder, type TextDecoderFactory, type TextEncodingName } from '../engine/import/encoding';
import { detectColumnMapping } from '../engine/import/header';
import { detectDecimalMark } from '../engine/import/values';
import { pickSheet, readWorkbook, SheetParser, XlsxError, type XlsxWorkbook } from '../engine/import/xlsx';
import { ZipArchive, ZipError, type InflateFactory } from '../engine/import/zip';
import type { PlannerDb } from '../persistence/db';
import { columnFacts, DATASET_CHUNK_ROWS, DATASET_FORMAT, encodeDatasetChunks, isQuotaError, newDatasetId, saveDataset, type DatasetMeta, type DatasetSource } from '../persistence/datasets';
import type { FilePreview, ImportFailureCode, ImportOptions, ImportOutcome, ImportProgress } from './customersTypes';

export interface ImportDeps {
  db: PlannerDb;
  decoders: TextDecoderFactory;
  inflate: InflateFactory;
}

/** A file the preview cannot read; `message` is the code (it survives the worker boundary). */
export class PreviewError extends Error {
  constructor(readonly code: ImportFailureCode) {
    super(code);
    this.name = 'PreviewError';
  }
}

/** The file as the worker sees it (a File; a Blob with a name in tests). */
export type ImportFile = Blob & { readonly name: string; readonly lastModified?: number };

const SAMPLE_ROWS = 20;
const MAX_PRESIZED_ROWS = 1 << 24;
const PROGRESS_MS = 100;
/** Yield to the worker's event loop this often, so a cancel message is read during a long parse. */
const YIELD_MS = 50;
const ENCODINGS: readonly TextEncodingName[] = ['utf-8', 'gb18030', 'big5', 'utf-16le', 'utf-16be', 'windows-1252'];

type FileKind = 'csv' | 'xlsx' | 'xls';

async function head(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, DETECTION_SAMPLE_BYTES).arrayBuffer());
}

function kindOf(bytes: Uint8Array): FileKind {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  // An OLE compound file: Excel 97–2003, or an encrypted XLSX.
  if (bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'xls';
  return 'csv';
}

function encodingName(label: string): TextEncodingName {
  const l = label.toLowerCase();
  if (l === 'gbk' || l === 'gb2312') return 'gb18030';
  const found = ENCODINGS.find((e) => e === l);
  if (!found) throw new PreviewError('badEncoding');
  return found;
}

const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function mappingFromGuess(header: string[]): Pick<FilePreview, 'mapping' | 'mappingConfidence' | 'mappingComplete' | 'suggestedCancellationPrefix'> {
  const guess = detectColumnMapping(header);
  const mapping: ColumnMapping = { ...guess.mapping, customer: guess.mapping.customer ?? -1, date: guess.mapping.date ?? -1 };
  const mappingConfidence: Record<string, number> = {};
  for (const [k, v] of Object.entries(guess.confidence)) if (v !== undefined) mappingConfidence[k] = v;
  return { mapping, mappingConfidence, mappingComplete: guess.complete, suggestedCancellationPrefix: guess.suggestedCancellationPrefix };
}

function decimalMarkOf(rows: string[][], mapping: ColumnMapping): FilePreview['decimalMark'] {
  const col = mapping.amount ?? mapping.unitPrice;
  if (col === undefined || col < 0) return '.';
  return detectDecimalMark(rows.map((r) => r[col] ?? ''));
}

// ---------------------------------------------------------------------------------------------
// Preview

export async function previewFile(
  file: ImportFile,
  overrides: { encoding?: string; delimiter?: Delimiter; sheet?: string },
  deps: Pick<ImportDeps, 'decoders' | 'inflate'>,
): Promise<FilePreview> {
  const bytes = await head(file);
  const kind = kindOf(bytes);
  if (kind === 'xls') throw new PreviewError('unsupportedXls');
  if (kind === 'xlsx') return previewXlsx(file, overrides.sheet, deps);

  const detection = detectEncoding(bytes, deps.decoders);
  if (!detection.ok && overrides.encoding === undefined) throw new PreviewError(detection.error === 'zip' ? 'badXlsx' : 'binary');
  const encoding = encodingName(overrides.encoding ?? (detection.ok ? detection.encoding : 'utf-8'));
  const decoder = new StreamDecoder(deps.decoders, encoding);
  const whole = bytes.length >= file.size;
  const text = decoder.decode(bytes) + (whole ? decoder.finish() : '');
  const rows: string[][] = [];
  const parser = new CsvParser({ record: (r) => rows.push(recordFields(r)) }, {
    delimiter: overrides.delimiter ?? 'auto',
    maxRows: SAMPLE_ROWS + 1,
  });
  parser.push(text);
  // A sample cut inside a record must not deliver the cut record: finish only at the end of the file.
  const summary = whole ? parser.finish() : parser.summary;
  const headers = rows[0] ?? [];
  const guess = mappingFromGuess(headers);
  return {
    kind: 'csv',
    encoding,
    encodingCandidates: detection.ok ? detection.candidates.map((c) => ({ encoding: c.encoding, confidence: c.confidence })) : [],
    delimiter: summary.delimiter,
    sheetNames: [],
    sheet: null,
    headers,
    sampleRows: rows.slice(1),
    ...guess,
    singleColumn: summary.detection?.singleColumn ?? false,
    replacements: decoder.replacements,
    decimalMark: decimalMarkOf(rows.slice(1), guess.mapping),
    estimatedRows: estimateRows(bytes, file.size),
  };
}

/** Data rows in the file, from the line breaks in its first bytes. */
function estimateRows(sample: Uint8Array, size: number): number {
  let lines = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0x0a) lines++;
  if (lines === 0) return sample.length >= size ? 1 : 0;
  return Math.max(0, Math.round((size / sample.length) * lines) - 1);
}

async function openWorkbook(file: Blob, inflate: InflateFactory, decoders: TextDecoderFactory): Promise<{ zip: ZipArchive; workbook: XlsxWorkbook }> {
  try {
    const zip = new ZipArchive(new Uint8Array(await file.arrayBuffer()), inflate);
    return { zip, workbook: readWorkbook(zip, decoders) };
  } catch (e) {
    if (e instanceof ZipError) throw new PreviewError(e.code === 'encrypted' ? 'unsupportedXls' : 'badXlsx');
    if (e instanceof XlsxError) throw new PreviewError('badXlsx');
    throw e;
  }
}

function sheetOf(workbook: XlsxWorkbook, name: string | undefined) {
  try {
    return pickSheet(workbook, name);
  } catch {
    throw new PreviewError('noSheet');
  }
}

async function previewXlsx(file: ImportFile, sheetName: string | undefined, deps: Pick<ImportDeps, 'decoders' | 'inflate'>): Promise<FilePreview> {
  const { zip, workbook } = await openWorkbook(file, deps.inflate, deps.decoders);
  const sheet = sheetOf(workbook, sheetName);
  const rows: string[][] = [];
  const parser = new SheetParser({ record: (r) => rows.push(recordFields(r)) }, workbook, {
    maxRows: SAMPLE_ROWS + 1,
  });
  const utf8 = deps.decoders('utf-8', { fatal: false });
  let ratio = 0;
  try {
    for (const piece of zip.pieces(sheet.path, 64 * 1024)) {
      ratio = piece.compressedRead;
      if (!parser.push(utf8.decode(piece.data, { stream: true }))) break;
    }
  } catch (e) {
    if (e instanceof ZipError) throw new PreviewError('badXlsx');
    throw e;
  }
  const headers = rows[0] ?? [];
  const guess = mappingFromGuess(headers);
  const entry = zip.entries.get(sheet.path)!;
  // Rows seen per compressed byte read, over the sheet's whole compressed size.
  const estimatedRows = rows.length <= 1 || ratio === 0 ? 0 : Math.round(((rows.length - 1) / ratio) * entry.compressedSize);
  return {
    kind: 'xlsx',
    encoding: 'utf-8',
    encodingCandidates: [],
    delimiter: null,
    sheetNames: workbook.sheets.map((s) => s.name),
    sheet: sheet.name,
    headers,
    sampleRows: rows.slice(1),
    ...guess,
    singleColumn: false,
    replacements: 0,
    decimalMark: decimalMarkOf(rows.slice(1), guess.mapping),
    estimatedRows: parser.summary.truncated ? estimatedRows : Math.max(0, rows.length - 1),
  };
}

// ---------------------------------------------------------------------------------------------
// Import

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

/** The parsed import waiting for a day/month answer, so the answer does not re-read the file. */
export interface PendingImport {
  key: string;
  imp: TransactionImport;
  source: DatasetSource;
}

function pendingKey(file: ImportFile, options: ImportOptions): string {
  const { encoding, delimiter, sheet, mapping, policies } = options;
  return JSON.stringify([file.name, file.size, file.lastModified ?? 0, encoding ?? null, delimiter ?? null, sheet ?? null, mapping, policies]);
}

export interface ImportResult {
  outcome: ImportOutcome;
  /** The stored columns (so the worker can keep them for the analysis that follows). */
  columns?: TransactionColumns;
  /** Set when the outcome is a question. */
  pending?: PendingImport;
}

class Cancelled extends Error {}
class Failed extends Error {
  constructor(readonly outcome: ImportOutcome & { kind: 'failed' }) {
    super(outcome.code);
  }
}

/**
 * Reads, checks and stores one file. `pending` is the import parked by an earlier call that asked
 * about the day/month order: when the options match, the answer is applied to it without a re-read.
 * `datasetId` lets the caller know the id before the write (to clean up after a forced stop).
 */
export async function importFile(
  file: ImportFile,
  options: ImportOptions,
  onProgress: (p: ImportProgress) => void,
  signal: AbortSignal,
  deps: ImportDeps,
  pending: PendingImport | null = null,
  datasetId: string = newDatasetId(),
): Promise<ImportResult> {
  try {
    const mapping = cleanMapping(options.mapping);
    if (!mapping) return { outcome: { kind: 'failed', code: 'badMapping' } };
    const key = pendingKey(file, options);
    let imp: TransactionImport;
    let source: DatasetSource;
    if (pending && pending.key === key && options.dayMonthOrder) {
      imp = resolveDayMonthOrder(pending.imp, options.dayMonthOrder);
      source = pending.source;
    } else {
      const policies = { ...options.policies, dayMonthOrder: options.dayMonthOrder ?? options.policies.dayMonthOrder };
      const bytes = await head(file);
      const kind = kindOf(bytes);
      if (kind === 'xls') return { outcome: { kind: 'failed', code: 'unsupportedXls' } };
      const read = kind === 'xlsx' ? readXlsx : readCsv;
      ({ imp, source } = await read(file, bytes, options, mapping, policies, onProgress, signal, deps));
    }
    if (imp.question) return { outcome: { kind: 'question', question: imp.question }, pending: { key, imp, source } };
    if (imp.report.rowsImported === 0) return { outcome: { kind: 'failed', code: 'noRows', report: imp.report } };
    if (signal.aborted) throw new Cancelled();

    onProgress({ bytesRead: file.size, totalBytes: file.size, rows: imp.report.rowsRead, phase: 'saving' });
    const columns = imp.columns;
    const id = datasetId;
    const facts = columnFacts(columns);
    const { chunks, storedBytes } = encodeDatasetChunks(id, columns);
    const meta: DatasetMeta = {
      id,
      planId: options.planId,
      name: options.name,
      fileName: file.name,
      createdAt: Date.now(),
      rows: columns.length,
      customers: facts.customers,
      channels: columns.channel ? [...columns.channel.values] : [],
      regions: columns.region ? [...columns.region.values] : [],
      products: columns.product ? columns.product.values.length : 0,
      firstDay: facts.firstDay,
      lastDay: facts.lastDay,
      bytes: file.size,
      storedBytes,
      report: imp.report,
      hasChannel: columns.channel !== null,
      hasRegion: columns.region !== null,
      hasProduct: columns.product !== null,
      hasOrderId: columns.orderId !== null,
      hasQuantity: columns.quantity !== null,
      source,
      format: DATASET_FORMAT,
      chunkRows: DATASET_CHUNK_ROWS,
    };
    if (signal.aborted) throw new Cancelled();
    try {
      await saveDataset(deps.db, meta, chunks, signal);
    } catch (e) {
      if (signal.aborted) throw new Cancelled();
      throw new Failed({ kind: 'failed', code: isQuotaError(e) ? 'quota' : 'storage', report: imp.report });
    }
    return { outcome: { kind: 'done', dataset: meta }, columns };
  } catch (e) {
    if (e instanceof Cancelled || (signal.aborted && !(e instanceof Failed))) return { outcome: { kind: 'cancelled' } };
    if (e instanceof Failed) return { outcome: e.outcome };
    if (e instanceof PreviewError) return { outcome: { kind: 'failed', code: e.code } };
    throw e;
  }
}

type Reader = (
  file: ImportFile,
  head: Uint8Array,
  options: ImportOptions,
  mapping: ColumnMapping,
  policies: ImportOptions['policies'],
  onProgress: (p: ImportProgress) => void,
  signal: AbortSignal,
  deps: ImportDeps,
) => Promise<{ imp: TransactionImport; source: DatasetSource }>;

/** Reports progress at most every PROGRESS_MS, and yields to the event loop every YIELD_MS. */
function pacer(onProgress: (p: ImportProgress) => void, totalBytes: number) {
  let lastReport = -Infinity;
  let lastYield = performance.now();
  return {
    async tick(bytesRead: number, rows: number, signal: AbortSignal): Promise<void> {
      const now = performance.now();
      if (now - lastReport >= PROGRESS_MS) {
        lastReport = now;
        onProgress({ bytesRead, totalBytes, rows, phase: 'reading' });
      }
      if (now - lastYield >= YIELD_MS) {
        await yieldToEvents();
        lastYield = performance.now();
      }
      if (signal.aborted) throw new Cancelled();
    },
    done(rows: number): void {
      onProgress({ bytesRead: totalBytes, totalBytes, rows, phase: 'reading' });
    },
  };
}

const readCsv: Reader = async (file, bytes, options, mapping, policies, onProgress, signal, deps) => {
  const detection = detectEncoding(bytes, deps.decoders);
  if (!detection.ok && options.encoding === undefined) throw new Failed({ kind: 'failed', code: detection.error === 'zip' ? 'badXlsx' : 'binary' });
  const encoding = encodingName(options.encoding ?? (detection.ok ? detection.encoding : 'utf-8'));
  // Columns sized from the estimate save the copies of growing; a wrong estimate only costs those.
  const expected = Math.min(Math.ceil(estimateRows(bytes, file.size) * 1.05) + 16, MAX_PRESIZED_ROWS);
  const builder = new TransactionColumnBuilder(mapping, policies, expected);
  const parser = new CsvParser(builder, { delimiter: options.delimiter ?? 'auto' });
  const decoder = new StreamDecoder(deps.decoders, encoding);
  const header = policies.hasHeader ? 1 : 0;
  const pace = pacer(onProgress, file.size);
  const reader = file.stream().getReader();
  let bytesRead = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytesRead += value.length;
      if (!parser.push(decoder.decode(value))) break;
      await pace.tick(bytesRead, Math.max(0, parser.summary.records - header), signal);
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  if (signal.aborted) throw new Cancelled();
  parser.push(decoder.finish());
  const summary = parser.finish();
  pace.done(Math.max(0, summary.records - header));
  const report = () => builder.finish().report;
  if (summary.fatal) throw new Failed({ kind: 'failed', code: 'fatalCsv', issue: summary.fatal as CsvIssue, report: report() });
  if (decoder.replacements > 0) throw new Failed({ kind: 'failed', code: 'badEncoding', byteOffset: decoder.firstReplacementChunkAt });
  return {
    imp: builder.finish(),
    source: { kind: 'csv', encoding, delimiter: summary.delimiter, sheet: null },
  };
};

const readXlsx: Reader = async (file, _head, options, mapping, policies, onProgress, signal, deps) => {
  const { zip, workbook } = await openWorkbook(file, deps.inflate, deps.decoders);
  const sheet = sheetOf(workbook, options.sheet);
  const entry = zip.entries.get(sheet.path)!;
  const builder = new TransactionColumnBuilder(mapping, policies);
  const parser = new SheetParser(builder, workbook);
  const utf8 = deps.decoders('utf-8', { fatal: false });
  const header = policies.hasHeader ? 1 : 0;
  const pace = pacer(onProgress, file.size);
  try {
    for (const piece of zip.pieces(sheet.path)) {
      if (!parser.push(utf8.decode(piece.data, { stream: true }))) break;
      const bytesRead = Math.round((piece.compressedRead / Math.max(1, entry.compressedSize)) * file.size);
      await pace.tick(bytesRead, Math.max(0, parser.summary.records - header), signal);
    }
    parser.push(utf8.decode());
  } catch (e) {
    if (e instanceof ZipError) throw new Failed({ kind: 'failed', code: 'badXlsx' });
    throw e;
  }
  const summary = parser.finish();
  pace.done(Math.max(0, summary.records - header));
  if (summary.fatal) throw new Failed({ kind: 'failed', code: 'fatalSheet', issue: summary.fatal, report: builder.finish().report });
  return { imp: builder.finish(), source: { kind: 'xlsx', encoding: null, delimiter: null, sheet: sheet.name } };
};
