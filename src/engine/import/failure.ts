/**
 * Why a file cannot be previewed or imported, as codes the UI words in the user's language. The
 * engine throws ImportFailure with a code; the worker passes it on as data.
 */
import type { CsvIssue } from './csv';

export type ImportFailureCode =
  /** The file holds nothing (or only blank lines). */
  | 'empty'
  /** The file has a header but no data row. */
  | 'headerOnly'
  /** Rows were read but none could be imported (see the report). */
  | 'noRows'
  /** The CSV parse stopped (unterminated quote, NUL byte, too long a field or row, too many columns): see `issue`. */
  | 'fatalCsv'
  /** The worksheet parse stopped (too many columns, too long a row): see `issue`. */
  | 'fatalSheet'
  /** The text does not decode in the chosen encoding (U+FFFD would be stored): choose another. */
  | 'badEncoding'
  /** The file is not text, nor an XLSX workbook, nor a compressed one of those. */
  | 'binary'
  /** An old binary Excel file (.xls) or a password-protected workbook: save it as .xlsx or .csv. */
  | 'unsupportedXls'
  /** The XLSX file is damaged or not a workbook. */
  | 'badXlsx'
  /** The chosen sheet does not exist. */
  | 'noSheet'
  /** The mapping lacks customer, date or amount, or points past the columns. */
  | 'badMapping'
  /** A ZIP archive that is damaged, encrypted or uses an unsupported compression. */
  | 'badZip'
  /** A ZIP archive without any file in it. */
  | 'zipEmpty'
  /** A ZIP archive with several files: which one is meant? */
  | 'zipSeveral'
  /** A .gz file whose compressed data is damaged. */
  | 'badGzip';

export class ImportFailure extends Error {
  constructor(
    readonly code: ImportFailureCode,
    readonly detail: { issue?: CsvIssue; byteOffset?: number; names?: string[] } = {},
  ) {
    super(code);
    this.name = 'ImportFailure';
  }
}
