/**
 * Reads a monthly table (rows of cells from a paste, a CSV or a worksheet) into records, in either
 * shape finance and BI tools write:
 *   long  channel, [region], month, then one column per measure (销售额, 订单数 …)
 *   wide  channel, [region], [measure], then one column per month (2026年1月, 2026年2月 …)
 * The header row is the first of the top rows that names a channel and either a month column or
 * month headers (titles above it are skipped). The detected shape and the measure of a wide table
 * without a measure column are reported, and the caller may override both.
 * Values are read by the app's cell-number reader (20万, ¥1,200, (500), full-width digits).
 */
import { parseInput, type InputResult } from '../input/parseInput';
import { ACTUAL_MONEY_MEASURES, type ActualMeasure } from '../types';
import { isTotalLabel, measureOfWord, roleOfHeader, type ColumnRole } from './headers';
import { parseMonthLabel } from './months';
import { problem, type ActualsProblem } from './problems';
import type { ActualRecord } from './records';

export type TableShape = 'long' | 'wide';

export interface TableOptions {
  moneyDigits: number;
  currency?: string;
  /** Cells come from a workbook: bare numbers in month places are Excel date serials. */
  serials?: boolean;
  shape?: TableShape;
  /** Wide tables without a measure column: what the values are (default net revenue). */
  wideMeasure?: ActualMeasure;
}

export interface TableRead {
  shape: TableShape | null;
  /** 1-based row of the header, 0 if none was found. */
  headerRow: number;
  header: string[];
  roles: ColumnRole[];
  /** Wide without a measure column: the measure every value is taken as. */
  wideMeasure: ActualMeasure | null;
  records: ActualRecord[];
  /** Total rows skipped as sums (合计, Total). */
  totalRows: number[];
  problems: ActualsProblem[];
}

/** Header rows are looked for among the first rows only: a title or two, a unit line. */
const HEADER_SEARCH_ROWS = 10;
/** Errors listed per kind before the rest are counted: a wrong column would otherwise list every row. */
const MAX_LISTED = 20;
/** Measures net of returns, which a month of more returns than sales makes negative. */
export const NET_MEASURES: ReadonlySet<ActualMeasure> = new Set(['netRevenue', 'units']);
const EMPTY_CELLS = new Set(['', '-', '—', '–', '/', 'n/a', 'na', '#n/a']);

function isEmptyCell(text: string): boolean {
  return EMPTY_CELLS.has(text.normalize('NFKC').trim().toLowerCase());
}

function rolesOf(header: readonly string[], serials: boolean): ColumnRole[] {
  const roles = header.map((h) => roleOfHeader(h, { serials }));
  // One column per role: a second "渠道" column (e.g. 渠道编码 next to 渠道) is ignored.
  const seen = new Set<string>();
  return roles.map((r) => {
    const key = r.kind === 'measure' ? `m:${r.measure}` : r.kind === 'monthColumn' ? `c:${r.month}` : r.kind;
    if (r.kind !== 'ignored' && seen.has(key)) return { kind: 'ignored' };
    seen.add(key);
    return r;
  });
}

const count = (roles: readonly ColumnRole[], kind: ColumnRole['kind']) => roles.filter((r) => r.kind === kind).length;

function findHeader(rows: readonly (readonly string[])[], serials: boolean): number {
  let best = -1;
  let bestScore = 0;
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    const roles = rolesOf(rows[i], serials);
    const hasChannel = count(roles, 'channel') > 0;
    const months = count(roles, 'monthColumn');
    const score = (hasChannel ? 2 : 0) + (count(roles, 'month') > 0 ? 1 : 0) + Math.min(months, 3) + Math.min(count(roles, 'measure'), 2);
    if (score > bestScore && (hasChannel || months >= 2)) {
      best = i;
      bestScore = score;
    }
  }
  return best;
}

/** Reads one value cell in the unit of its measure; a header unit (万元) scales values typed without one. */
export function readValue(raw: string, measure: ActualMeasure, scale: number, options: TableOptions): InputResult {
  const money = ACTUAL_MONEY_MEASURES.has(measure);
  const read = (power: number) =>
    parseInput(raw, money ? { unit: 'money', moneyDigits: options.moneyDigits + power, signed: true, ...(options.currency ? { currency: options.currency } : {}) } : { unit: 'count', moneyDigits: 0, signed: true });
  if (scale === 0) return read(0);
  const scaled = read(scale);
  if (!scaled.ok || scaled.scale === undefined) {
    if (!money && scaled.ok) return { ...scaled, value: scaled.value * 10 ** scale };
    return scaled;
  }
  return read(0);
}

interface Cell {
  row: number;
  column: string;
  text: string;
  channel: string;
  region: string;
  month: string;
  measure: ActualMeasure;
  scale: number;
}

export function readMonthlyTable(rows: readonly (readonly string[])[], options: TableOptions): TableRead {
  const serials = options.serials ?? false;
  const problems: ActualsProblem[] = [];
  const out: TableRead = { shape: null, headerRow: 0, header: [], roles: [], wideMeasure: null, records: [], totalRows: [], problems };
  if (rows.every((r) => r.every(isEmptyCell))) {
    problems.push(problem('empty', 'error'));
    return out;
  }
  const h = findHeader(rows, serials);
  if (h < 0) {
    problems.push(problem('noHeader', 'error', { rows: Math.min(rows.length, HEADER_SEARCH_ROWS) }));
    return out;
  }
  const header = rows[h].map((c) => c.trim());
  const roles = rolesOf(header, serials);
  Object.assign(out, { headerRow: h + 1, header, roles });
  const channelAt = roles.findIndex((r) => r.kind === 'channel');
  const regionAt = roles.findIndex((r) => r.kind === 'region');
  const monthAt = roles.findIndex((r) => r.kind === 'month');
  const measureNameAt = roles.findIndex((r) => r.kind === 'measureName');
  const monthColumns = roles.flatMap((r, i) => (r.kind === 'monthColumn' ? [i] : []));
  const measureColumns = roles.flatMap((r, i) => (r.kind === 'measure' ? [i] : []));
  if (channelAt < 0) {
    problems.push(problem('noChannelColumn', 'error', { row: h + 1, header: header.join(' | ') }));
    return out;
  }
  const shape: TableShape = options.shape ?? (monthColumns.length > 0 ? 'wide' : 'long');
  out.shape = shape;
  if (shape === 'wide' && monthColumns.length === 0) {
    problems.push(problem('noMonths', 'error', { row: h + 1, shape }));
    return out;
  }
  if (shape === 'long' && monthAt < 0) {
    problems.push(problem('noMonths', 'error', { row: h + 1, shape }));
    return out;
  }
  if (shape === 'long' && measureColumns.length === 0) {
    problems.push(problem('noMeasure', 'error', { row: h + 1 }));
    return out;
  }
  if (shape === 'wide' && measureNameAt < 0) out.wideMeasure = options.wideMeasure ?? measureColumns.map((i) => (roles[i] as { measure: ActualMeasure }).measure)[0] ?? 'netRevenue';

  const listed = new Map<string, { n: number; severity: ActualsProblem['severity'] }>();
  const report = (p: ActualsProblem) => {
    const n = listed.get(p.code)?.n ?? 0;
    listed.set(p.code, { n: n + 1, severity: p.severity });
    if (n < MAX_LISTED) problems.push(p);
  };
  const cells: Cell[] = [];
  for (let r = h + 1; r < rows.length; r++) {
    const cellsOfRow = rows[r];
    const row = r + 1;
    if (cellsOfRow.every(isEmptyCell)) continue;
    const channel = (cellsOfRow[channelAt] ?? '').trim();
    const region = regionAt >= 0 ? (cellsOfRow[regionAt] ?? '').trim() : '';
    if (isTotalLabel(channel) || (channel === '' && isTotalLabel(region))) {
      out.totalRows.push(row);
      continue;
    }
    if (channel === '') {
      report(problem('emptyChannel', 'error', { row }));
      continue;
    }
    if (shape === 'long') {
      const monthText = cellsOfRow[monthAt] ?? '';
      const month = parseMonthLabel(monthText, { serials });
      if (!month) {
        report(problem('badMonth', 'error', { row, column: header[monthAt], text: monthText }));
        continue;
      }
      for (const c of measureColumns) {
        const role = roles[c] as Extract<ColumnRole, { kind: 'measure' }>;
        cells.push({ row, column: header[c], text: cellsOfRow[c] ?? '', channel, region, month, measure: role.measure, scale: role.scale });
      }
    } else {
      let measure = out.wideMeasure;
      if (measureNameAt >= 0) {
        const word = cellsOfRow[measureNameAt] ?? '';
        measure = measureOfWord(word);
        if (!measure) {
          report(problem('badValue', 'error', { row, column: header[measureNameAt], text: word }));
          continue;
        }
      }
      for (const c of monthColumns) {
        const role = roles[c] as Extract<ColumnRole, { kind: 'monthColumn' }>;
        cells.push({ row, column: header[c], text: cellsOfRow[c] ?? '', channel, region, month: role.month, measure: measure!, scale: 0 });
      }
    }
  }
  for (const cell of cells) {
    if (isEmptyCell(cell.text)) continue;
    const read = readValue(cell.text, cell.measure, cell.scale, options);
    if (!read.ok) {
      report(problem('badValue', 'error', { row: cell.row, column: cell.column, text: cell.text }));
      continue;
    }
    if (read.value < 0) {
      if (NET_MEASURES.has(cell.measure)) report(problem('negativeNet', 'warning', { row: cell.row, column: cell.column, text: cell.text, measure: cell.measure }));
      else {
        report(problem('negativeRefused', 'error', { row: cell.row, column: cell.column, text: cell.text, measure: cell.measure }));
        continue;
      }
    }
    out.records.push({ row: cell.row, channel: cell.channel, region: cell.region, month: cell.month, measure: cell.measure, value: read.value });
  }
  for (const [code, { n, severity }] of listed) if (n > MAX_LISTED) problems.push(problem('moreProblems', severity, { code, more: n - MAX_LISTED }));
  return out;
}
