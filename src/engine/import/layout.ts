/**
 * Where the data starts in the first rows of a file: exports often put a title line or two above
 * the header ("淘宝订单报表", "导出时间：2024-06-01"), and some files (CDNOW's) have no header at all.
 * Both are guessed from the previewed rows, shown, and left for the user to change; a file without
 * a header gets its customer, date and amount columns guessed from what the columns hold.
 */
import type { ColumnMapping } from './transactions';
import { detectColumnMapping, type MappedField, type MappingGuess } from './header';
import { parseNumber, readDate, type DateSlot, DATE_EXCEL, DATE_FAIL } from './values';

export interface HeaderLayout {
  /** Records above the header (or above the data, without a header). */
  skipRows: number;
  hasHeader: boolean;
}

/** Rows looked at for a title above the header. */
const MAX_TITLE_ROWS = 10;

const filled = (row: readonly string[]) => row.reduce((n, cell) => n + (cell.trim() === '' ? 0 : 1), 0);

const slot: DateSlot = { day: 0, a: 0, b: 0, year: 0 };

/** A date as exports write them (not a bare number, which could be anything). */
function looksLikeDate(cell: string): boolean {
  const form = readDate(cell, 0, cell.length, null, slot);
  return form !== DATE_FAIL && form !== DATE_EXCEL;
}

const looksLikeNumber = (cell: string) => parseNumber(cell).ok;
const looksLikeValue = (cell: string) => cell.trim() !== '' && (looksLikeNumber(cell) || looksLikeDate(cell));

/**
 * The first row that is as full as the rows below it is the header (or the first data row); rows
 * above it with one or two cells filled are titles. It is a header when its names match known
 * fields, or when it has no number or date where the next rows have them.
 */
export function detectHeaderLayout(rows: readonly (readonly string[])[]): HeaderLayout {
  if (rows.length === 0) return { skipRows: 0, hasHeader: true };
  const widest = Math.max(...rows.slice(0, MAX_TITLE_ROWS * 3).map(filled));
  let skipRows = 0;
  while (skipRows < Math.min(MAX_TITLE_ROWS, rows.length - 1) && filled(rows[skipRows]) < Math.max(2, widest / 2)) skipRows++;
  const first = rows[skipRows];
  const guess = detectColumnMapping(first);
  if (Object.keys(guess.mapping).length >= 2) return { skipRows, hasHeader: true };
  const below = rows.slice(skipRows + 1, skipRows + 21);
  if (below.length === 0) return { skipRows, hasHeader: true };
  // Columns where most rows below hold numbers or dates.
  let valueColumns = 0;
  let valuesInFirst = 0;
  for (let c = 0; c < first.length; c++) {
    const values = below.filter((r) => looksLikeValue(r[c] ?? '')).length;
    if (values * 2 <= below.length) continue;
    valueColumns++;
    if (looksLikeValue(first[c])) valuesInFirst++;
  }
  return { skipRows, hasHeader: valueColumns === 0 || valuesInFirst * 2 < valueColumns };
}

/**
 * Customer, date and amount of a file without a header, from the values: the date is the first
 * column of dates, the amount the column of numbers with decimals (else the last column of
 * numbers), the customer the first other column. Every guess has confidence 0.5 ("please check").
 */
export function guessMappingFromValues(rows: readonly (readonly string[])[]): MappingGuess {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const share = (c: number, test: (cell: string) => boolean) => {
    const cells = rows.map((r) => r[c] ?? '').filter((cell) => cell.trim() !== '');
    return cells.length === 0 ? 0 : cells.filter(test).length / cells.length;
  };
  const kinds = Array.from({ length: width }, (_, c) => {
    if (share(c, looksLikeDate) >= 0.9) return 'date';
    if (share(c, looksLikeNumber) >= 0.9) return share(c, (cell) => /[.,]\d{1,2}\s*$/.test(cell)) > 0 ? 'decimal' : 'number';
    return 'text';
  });
  const mapping: Partial<ColumnMapping> = {};
  const confidence: Partial<Record<MappedField, number>> = {};
  const take = (field: MappedField, column: number) => {
    if (column < 0) return;
    mapping[field] = column;
    confidence[field] = 0.5;
  };
  const date = kinds.indexOf('date');
  take('date', date);
  let amount = kinds.indexOf('decimal');
  if (amount < 0) amount = kinds.lastIndexOf('number');
  if (amount === date) amount = -1;
  take('amount', amount);
  take('customer', kinds.findIndex((_, c) => c !== date && c !== amount));
  const taken = new Set(Object.values(mapping));
  return {
    mapping,
    confidence,
    complete: mapping.customer !== undefined && mapping.date !== undefined && mapping.amount !== undefined,
    amountFrom: mapping.amount !== undefined ? 'column' : null,
    unmapped: Array.from({ length: width }, (_, c) => c).filter((c) => !taken.has(c)),
    suggestedCancellationPrefix: null,
    regionIsAddress: false,
  };
}
