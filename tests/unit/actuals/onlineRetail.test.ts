/**
 * Monthly actuals of the UCI Online Retail data (541,909 rows; countries as channels), three ways:
 *   1. the app: transaction importer → monthlyFromTransactions;
 *   2. the generated DuckDB SQL run by DuckDB on the raw CSV, its result written to CSV and read back
 *      by the monthly-table reader (the path a user takes for data too big for a browser);
 *   3. an independent count in this test over PapaParse's reading of the file.
 * Every cell (country × month × measure) must agree exactly: money in whole minor units, counts equal.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeMonths } from '../../../src/engine/actuals/completeMonths';
import { monthlyFromTransactions, roundHalfAway } from '../../../src/engine/actuals/fromTransactions';
import type { ActualRecord } from '../../../src/engine/actuals/records';
import { monthlyActualsSql } from '../../../src/engine/actuals/sql';
import { readMonthlyTable } from '../../../src/engine/actuals/table';
import { rowsOfText } from '../../../src/engine/actuals/tableRows';
import { TransactionColumnBuilder, type ImportPolicies } from '../../../src/engine/import/columns';
import { parseCsvText } from '../../../src/engine/import/csv';
import { detectColumnMapping } from '../../../src/engine/import/header';
import type { ColumnMapping } from '../../../src/engine/import/transactions';

/** The project's shared data sets sit in `shared/data` beside the repository (or beside a folder above it). */
function sharedFile(relative: string): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'shared', 'data', relative);
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/**
 * The whole file where the shared data sets are at hand (its published figures are checked too);
 * elsewhere (a fresh clone) the committed six-country subset of the same file
 * (tests/fixtures/actuals/make-online-retail-subset.mjs), checked the same three ways.
 */
const FULL = sharedFile('online_retail/online_retail.csv.gz');
const FILE = FULL ?? fileURLToPath(new URL('../../fixtures/actuals/online_retail_subset.csv.gz', import.meta.url));
const text = FILE ? gunzipSync(readFileSync(FILE)).toString('utf8') : 'InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice,Country\n';
const header = text.slice(0, text.indexOf('\n')).split(',');
// The importer would take Country as the region; here it is the channel.
const { region, ...detected } = detectColumnMapping(header).mapping as ColumnMapping;
const mapping: ColumnMapping = { ...detected, channel: region };
// Cancellations are invoices starting with "C"; their amounts are already negative (quantity < 0).
const policies: Partial<ImportPolicies> = { returns: 'netOff', cancellation: { orderIdPrefix: 'C' } };

const cellKey = (r: Pick<ActualRecord, 'channel' | 'region' | 'month' | 'measure'>) => `${r.channel}|${r.region}|${r.month}|${r.measure}`;
const byCell = (records: readonly ActualRecord[]) => new Map(records.map((r) => [cellKey(r), r.value]));

let app: ActualRecord[];
let instance: DuckDBInstance;
let db: DuckDBConnection;
let work: string;

beforeAll(async () => {
  const builder = new TransactionColumnBuilder(mapping, policies);
  parseCsvText(text, builder, { delimiter: ',' });
  const { columns, question } = builder.finish();
  expect(question).toBeNull();
  app = monthlyFromTransactions(columns, { moneyDigits: 2, datasetName: 'Online Retail' });
  instance = await DuckDBInstance.create(':memory:');
  db = await instance.connect();
  work = mkdtempSync(join(tmpdir(), 'actuals-sql-'));
  // All columns as text, as a warehouse table loaded from the file would hold them; the amount is
  // quantity × unit price, as the importer computes it.
  await db.run(`CREATE VIEW retail AS SELECT *, TRY_CAST(Quantity AS DOUBLE) * TRY_CAST(UnitPrice AS DOUBLE) AS amount FROM read_csv('${FILE}', header = true, all_varchar = true)`);
  expected = independentCount();
}, 120_000);

afterAll(() => {
  db?.closeSync();
  instance?.closeSync();
  if (work) rmSync(work, { recursive: true, force: true });
});

type Cell = { revenue: number; orders: Set<string>; customers: Set<string>; units: number };
let expected: Map<string, Cell>;

/** Per `country|month`: net revenue in pence, distinct invoices and customers, units — over PapaParse's reading. */
function independentCount(): Map<string, Cell> {
  const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
  const out = new Map<string, Cell>();
  for (const r of rows) {
      if (r.CustomerID.trim() === '') continue;
    const key = `${r.Country}|${r.InvoiceDate.slice(0, 7)}`;
    let cell = out.get(key);
    if (!cell) out.set(key, (cell = { revenue: 0, orders: new Set(), customers: new Set(), units: 0 }));
    cell.revenue += roundHalfAway(Number(r.Quantity) * Number(r.UnitPrice) * 100);
    cell.orders.add(r.InvoiceNo);
    cell.customers.add(r.CustomerID);
    cell.units += Number(r.Quantity);
  }
  return out;
}

const countries = () => new Set([...expected.keys()].map((k) => k.split('|')[0])).size;

describe('Online Retail monthly actuals by country', () => {
  it('the app matches an independent count over PapaParse, cell by cell', () => {
    const got = byCell(app);
    // Every country has every month of the data (a month without sales is a zero), four measures each.
    expect(got.size).toBe(countries() * 13 * 4);
    for (const [key, value] of got) {
      const [country, , month] = key.split('|');
      if (!expected.has(`${country}|${month}`)) expect(value, key).toBe(0);
    }
    for (const [key, cell] of expected) {
      const [country, month] = key.split('|');
      const at = (measure: string) => got.get(`${country}||${month}|${measure}`);
      expect([at('netRevenue'), at('orders'), at('customers'), at('units')], key).toEqual([cell.revenue, cell.orders.size, cell.customers.size, cell.units]);
    }
    // Published figures of the data set: 37 countries (with a customer id), Dec 2010 to Dec 2011; UK's
    // net revenue of November 2011, the peak month, checked as the planner would read it.
    expect(new Set(app.map((r) => r.channel)).size).toBe(FULL ? 37 : 6);
    expect(new Set(app.map((r) => r.month))).toEqual(new Set(['2010-12', ...Array.from({ length: 12 }, (_, i) => `2011-${String(i + 1).padStart(2, '0')}`)]));
    if (FULL) expect(got.get('United Kingdom||2011-11|netRevenue')).toBe(expected.get('United Kingdom|2011-11')!.revenue);
  });

  it('the DuckDB SQL, run by DuckDB and imported as a long table, gives every cell the app computes', async () => {
    const result = monthlyActualsSql('duckdb', { table: 'retail', customer: 'CustomerID', date: 'InvoiceDate', amount: 'amount', orderId: 'InvoiceNo', channel: 'Country', quantity: 'Quantity' }, { moneyDigits: 2, returns: 'netOff', cancellationPrefix: 'C' });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const path = join(work, 'actuals.csv');
    await db.run(`COPY (${result.sql.replace(/;\s*$/, '')}) TO '${path}' (FORMAT csv, HEADER)`);
    const read = readMonthlyTable(rowsOfText(readFileSync(path, 'utf8')).rows, { moneyDigits: 2, currency: 'GBP' });
    // As the import of a query result does: months without sales are zeros.
    const records = completeMonths(read.records);
    expect(read.shape).toBe('long');
    // Months of more returns than sales in a small market: net revenue or units below zero, kept and warned about.
    expect(read.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const anyNegative = [...expected.values()].some((c) => c.revenue < 0 || c.units < 0);
    expect(new Set(read.problems.map((p) => (p.code === 'moreProblems' ? p.params.code : p.code)))).toEqual(new Set(anyNegative ? ['negativeNet'] : []));
    const negative = read.records.filter((r) => r.value < 0);
    expect(negative.length > 0).toBe(anyNegative);
    // Four measures for each country-month with sales (1,192 for the whole file).
    expect(read.records.length).toBe(expected.size * 4);
    if (FULL) expect(read.records.length).toBe(1192);
    expect(negative.every((r) => r.measure === 'netRevenue' || r.measure === 'units')).toBe(true);
    const sql = byCell(records);
    const inApp = byCell(app);
    expect(sql.size).toBe(inApp.size);
    let compared = 0;
    for (const [key, value] of inApp) {
      expect(sql.get(key), key).toBe(value);
      compared++;
    }
    // Countries × 13 months × 4 measures (37 countries and 1,924 cells in the whole file).
    expect(compared).toBe(countries() * 13 * 4);
    if (FULL) expect(compared).toBe(1924);
  }, 120_000);
});
