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

/**
 * A grid's clipboard texts as spreadsheet cells: plain numbers ("1200", "-3.5") and percentages
 * ("12%") become numbers (percentages as fractions), everything else stays text. Money is already
 * in major units in the clipboard text.
 */
export function textsToCells(rows: readonly (readonly string[])[]): CsvCell[][] {
  return rows.map((row, r) =>
    row.map((text): CsvCell => {
      if (r === 0) return text;
      const m = /^(-?\d+(?:\.\d+)?)(%?)$/.exec(text.trim());
      if (!m) return text;
      return m[2] ? Number(m[1]) / 100 : Number(m[1]);
    }),
  );
}
