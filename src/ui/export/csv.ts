/**
 * CSV for spreadsheets: UTF-8 with a BOM (so a Chinese-locale Excel reads it as UTF-8), CRLF rows,
 * RFC 4180 quoting, and text cells that a spreadsheet would run as a formula neutralised with a
 * leading apostrophe (RELIABILITY 33). Numbers are written as numbers, so -5 stays -5.
 */
export type CsvCell = string | number | null;

const FORMULA_START = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/;

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function cellText(c: CsvCell): string {
  if (c === null) return '';
  if (typeof c === 'number') return Number.isFinite(c) ? String(c) : '';
  const s = neutralise(c);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return '\uFEFF' + rows.map((r) => r.map(cellText).join(',')).join('\r\n') + '\r\n';
}
