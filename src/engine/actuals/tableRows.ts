/**
 * The cells of a small monthly table, from pasted text or a CSV/XLSX file, through the app's own
 * readers (import/csv, import/xlsx, the encoding detection and containers of import/source). Rows
 * keep the numbers a spreadsheet shows (blank rows hold their place), so problems name real rows.
 */
import { CsvParser, recordFields, type CsvRecord, type CsvSink } from '../import/csv';
import { detectEncoding, StreamDecoder } from '../import/encoding';
import { ImportFailure } from '../import/failure';
import { encodingName } from '../import/preview';
import type { OpenedSource, SourceDeps } from '../import/source';
import { pickSheet, SheetParser, XlsxError } from '../import/xlsx';
import { ZipError } from '../import/zip';

/** A monthly table has a row per channel (wide) or per channel × month (long): far below this. */
export const MAX_TABLE_ROWS = 200_000;
/** Bytes of a table file the worker reads (a monthly table is small; a transaction file belongs in Customers). */
export const MAX_TABLE_BYTES = 32 * 1024 * 1024;

class RowSink implements CsvSink {
  readonly rows: string[][] = [];
  record(r: CsvRecord): void {
    while (this.rows.length < r.row - 1) this.rows.push([]);
    this.rows.push(recordFields(r));
  }
}

export interface TableRows {
  rows: string[][];
  /** Cells came from a workbook, where a date cell is its serial number. */
  serials: boolean;
}

/** Rows of pasted text: tab-separated from a spreadsheet, or any delimiter the CSV reader detects. */
export function rowsOfText(text: string): TableRows {
  const sink = new RowSink();
  const parser = new CsvParser(sink, { delimiter: 'auto', maxRows: MAX_TABLE_ROWS });
  parser.push(text.replace(/^\uFEFF/, ''));
  const summary = parser.finish();
  if (summary.fatal) throw new ImportFailure('fatalCsv', { issue: summary.fatal });
  return { rows: sink.rows, serials: false };
}

export async function rowsOfSource(opened: OpenedSource, deps: SourceDeps): Promise<TableRows> {
  if (opened.kind === 'csv') {
    const bytes = await opened.source.bytes();
    const detection = detectEncoding(bytes.subarray(0, 256 * 1024), deps.decoders);
    if (!detection.ok) throw new ImportFailure(detection.error === 'zip' ? 'badXlsx' : 'binary');
    const decoder = new StreamDecoder(deps.decoders, encodingName(detection.encoding));
    return rowsOfText(decoder.decode(bytes) + decoder.finish());
  }
  const { zip, workbook } = opened;
  try {
    const sheet = pickSheet(workbook);
    const sink = new RowSink();
    const parser = new SheetParser(sink, workbook, { maxRows: MAX_TABLE_ROWS });
    const utf8 = deps.decoders('utf-8', { fatal: false });
    for (const piece of zip.pieces(sheet.path, 64 * 1024)) if (!parser.push(utf8.decode(piece.data, { stream: true }))) break;
    const summary = parser.finish();
    if (summary.fatal) throw new ImportFailure('fatalSheet', { issue: summary.fatal });
    return { rows: sink.rows, serials: true };
  } catch (e) {
    if (e instanceof XlsxError) throw new ImportFailure('noSheet');
    if (e instanceof ZipError) throw new ImportFailure('badXlsx');
    throw e;
  }
}
