import { currencyDigits } from '../../engine/money';
import { toCsv, type CsvCell } from './csv';
import { downloadBlob } from './download';
import { toXlsx, XLSX_MIME } from './xlsx';

export type TableFormat = 'csv' | 'xlsx';

/** Saves a result table as CSV (UTF-8 with BOM, injection-safe) or as an XLSX workbook of one sheet. */
export function saveTable(fileBase: string, sheet: string, rows: CsvCell[][], format: TableFormat): void {
  if (format === 'csv') {
    downloadBlob(`${fileBase}.csv`, new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }));
  } else {
    downloadBlob(`${fileBase}.xlsx`, new Blob([toXlsx([{ name: sheet, rows }]) as Uint8Array<ArrayBuffer>], { type: XLSX_MIME }));
  }
}

/** Money in major units, as a person reads it in a spreadsheet (the app keeps minor units). */
export function moneyCell(minor: number | null, currency: string): CsvCell {
  return minor === null ? null : minor / 10 ** currencyDigits(currency);
}
