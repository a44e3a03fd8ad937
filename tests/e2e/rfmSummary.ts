import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Page } from '@playwright/test';

/**
 * R rfm's sample orders, described to Customers → Beyond one machine and summarised where the data
 * lives: in DuckDB, run here by its Node client, as a warehouse would run the generated SQL.
 */
export const RFM_ORDERS = fileURLToPath(new URL('../fixtures/customers/rfm_data_orders.csv', import.meta.url));

const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** Fills in R rfm's sample orders as the table `rfm_orders` and returns the generated SQL. */
export async function describeRfmOrders(page: Page, dialect: string): Promise<string> {
  await page.getByTestId('cust-beyond-dialect').selectOption(dialect);
  await page.getByTestId('cust-beyond-table').fill('rfm_orders');
  await page.getByTestId('cust-beyond-customer').fill('customer_id');
  await page.getByTestId('cust-beyond-date').fill('order_date');
  await page.getByTestId('cust-beyond-amount').fill('revenue');
  await page.getByTestId('cust-beyond-analysis-date').fill('2006-12-31');
  return page.getByTestId('cust-beyond-sql').inputValue();
}

/** Runs a DuckDB query on the sample orders and returns its result as CSV text (header row first). */
export async function runInDuckDb(sql: string): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), 'rfm-summary-'));
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  try {
    await db.run(`CREATE TABLE rfm_orders AS SELECT * FROM read_csv(${literal(RFM_ORDERS)}, header = true)`);
    const path = join(work, 'summary.csv');
    await db.run(`COPY (${sql.replace(/;\s*$/, '')}) TO ${literal(path)} (FORMAT csv, HEADER)`);
    return readFileSync(path, 'utf8');
  } finally {
    db.closeSync();
    instance.closeSync();
    rmSync(work, { recursive: true, force: true });
  }
}
