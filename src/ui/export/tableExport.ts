import { toTsv } from '../grid/tsv';
import { asTable, clipboardText, type ExportCell, type ExportTable } from './cells';
import { toCsv } from './csv';
import { downloadBlob } from './download';
import { toXlsx, XLSX_MIME, type Sheet } from './xlsx';

export type TableFormat = 'csv' | 'xlsx';

/**
 * Saves a table as CSV (UTF-8 with BOM, injection-safe, plain rounded numbers) or as an XLSX
 * workbook of one sheet (typed numbers with formats, frozen header, bold totals). Every table and
 * grid of the app is saved through here.
 */
export function saveTable(fileBase: string, sheet: string, source: ExportCell[][] | ExportTable, format: TableFormat): void {
  const table = asTable(source);
  if (format === 'csv') {
    downloadBlob(`${fileBase}.csv`, new Blob([toCsv(table.rows)], { type: 'text/csv;charset=utf-8' }));
  } else {
    downloadBlob(`${fileBase}.xlsx`, new Blob([toXlsx([tableSheet(sheet, table)]) as Uint8Array<ArrayBuffer>], { type: XLSX_MIME }));
  }
}

/** One table as a workbook sheet; a first column of text (row labels) stays in view when scrolling. */
export function tableSheet(name: string, table: ExportTable): Sheet {
  const labels = table.rows.length > 1 && table.rows.slice(1).every((r) => r[0] === null || typeof r[0] === 'string');
  return { name, rows: table.rows, totalRows: table.totalRows, freezeColumns: labels ? 1 : 0 };
}

/** The table as tab-separated text for the clipboard (what Excel puts there), and its data-row count. */
export function tableTsv(source: ExportCell[][] | ExportTable): { text: string; rows: number } {
  const { rows } = asTable(source);
  return { text: toTsv(rows.map((r) => r.map(clipboardText))), rows: Math.max(0, rows.length - 1) };
}

export { moneyCell } from './cells';
