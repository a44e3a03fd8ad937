import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { describeRfmOrders, runInDuckDb } from './rfmSummary';
import type { Planner } from './planner';

async function openBeyond(page: Page, planner: Planner): Promise<void> {
  await planner.open('en');
  await planner.newPlan('beauty');
  await page.getByTestId('tab-customers').click();
  await expect(page.getByTestId('cust-beyond')).toBeVisible();
}



test.describe('Customers tab: beyond one machine', () => {
  test('writes the summary SQL in three dialects with the columns quoted, and reports bad input', async ({ page, planner }) => {
    await openBeyond(page, planner);

    const duckdb = await describeRfmOrders(page, 'duckdb');
    expect(duckdb).toContain('"customer_id"');
    expect(duckdb).toContain('"order_date"');
    expect(duckdb).toContain('"revenue"');
    expect(duckdb).toContain('"rfm_orders"');
    expect(duckdb).toContain('2006-12-31');
    await expect(page.getByTestId('cust-beyond-channel-sql')).toHaveCount(0);

    await page.getByTestId('cust-beyond-dialect').selectOption('spark');
    const spark = await page.getByTestId('cust-beyond-sql').inputValue();
    expect(spark).toContain('`customer_id`');
    expect(spark).toContain('TRY_CAST');
    expect(spark).not.toBe(duckdb);

    await page.getByTestId('cust-beyond-dialect').selectOption('bigquery');
    await page.getByTestId('cust-beyond-table').fill('my-project.shop.orders');
    const bigquery = await page.getByTestId('cust-beyond-sql').inputValue();
    expect(bigquery).toContain('`customer_id`');
    expect(bigquery).toContain('`my-project`.`shop`.`orders`');
    expect(bigquery).toContain('SAFE_CAST');

    // A channel column adds the per-channel query.
    await page.getByTestId('cust-beyond-channel').fill('sales channel');
    await expect(page.getByTestId('cust-beyond-channel-sql')).toHaveValue(/`sales channel`/);

    // The .sql download carries the text shown.
    const download = page.waitForEvent('download');
    await page.getByTestId('cust-beyond-download').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.sql$/);
    expect(readFileSync(await file.path(), 'utf8')).toBe(await page.getByTestId('cust-beyond-sql').inputValue());

    // Problems from the generator, in words, instead of SQL.
    await page.getByTestId('cust-beyond-customer').fill('');
    await page.getByTestId('cust-beyond-analysis-date').fill('31/12/2006');
    const problems = page.getByTestId('cust-beyond-sql-problems');
    await expect(problems).toContainText('Customer id column: type a name.');
    await expect(problems).toContainText('Analysis date: type a date as YYYY-MM-DD');
    await expect(page.getByTestId('cust-beyond-sql')).toHaveCount(0);
  });

  test('imports the summary DuckDB computes from the generated SQL: R rfm’s Champions', async ({ page, planner }) => {
    await openBeyond(page, planner);
    const sql = await describeRfmOrders(page, 'duckdb');
    const csv = await runInDuckDb(sql);

    await page.getByTestId('cust-beyond-input').setInputFiles({ name: 'rfm summary <b>.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const result = page.getByTestId('cust-beyond-result');
    await expect(result).toBeVisible();
    await expect(result).toHaveAttribute('data-customers', '995');
    await expect(result).toContainText('995 customers, as of Dec 31, 2006.');
    // The file name is shown as text.
    await expect(result).toContainText('From “rfm summary <b>.csv”.');
    await expect(page.getByTestId('cust-beyond-not-saved')).toContainText('Not saved');

    const champions = page.locator('[data-testid="cust-beyond-segment-row"][data-segment="champions"]');
    await expect(champions).toHaveAttribute('data-customers', '158');
    await expect(champions).toHaveAttribute('data-orders', '1234');
    await expect(champions).toHaveAttribute('data-revenue', '120178');
    const cells = champions.locator('td');
    await expect(cells.nth(0)).toHaveText('Champions');
    await expect(cells.nth(1)).toHaveText('158');
    await expect(cells.nth(3)).toHaveText('1,234');
    await expect(cells.nth(4)).toContainText('120,178');
    // R's ten segments, plus "Others" for customers no rule matches.
    expect(await page.getByTestId('cust-beyond-segment-row').count()).toBeGreaterThanOrEqual(10);

    const abc = page.getByTestId('cust-beyond-abc-row');
    await expect(abc).toHaveCount(3);
    const counts = await abc.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-count'))));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(995);

    // Exports: the segment table and one row per customer.
    const segDownload = page.waitForEvent('download');
    await page.getByTestId('cust-beyond-seg-export-csv').click();
    const segText = readFileSync(await (await segDownload).path(), 'utf8');
    expect(segText).toContain('Champions,158,');
    const memberDownload = page.waitForEvent('download');
    await page.getByTestId('cust-beyond-membership-csv').click();
    const members = readFileSync(await (await memberDownload).path(), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(members[0]).toBe('customer,recency_days,frequency,monetary,r_score,f_score,m_score,segment,abc_class');
    expect(members).toHaveLength(996);
    const xlsx = page.waitForEvent('download');
    await page.getByTestId('cust-beyond-membership-xlsx').click();
    expect((await xlsx).suggestedFilename()).toMatch(/\.xlsx$/);
  });

  test('a summary file missing a column: the problem is listed and nothing is imported', async ({ page, planner }) => {
    await openBeyond(page, planner);
    const csv = await runInDuckDb(await describeRfmOrders(page, 'duckdb'));
    // Drop the clv_monetary column from every line.
    const lines = csv.trim().split('\n');
    const drop = lines[0].split(',').indexOf('clv_monetary');
    expect(drop).toBeGreaterThan(0);
    const broken = lines.map((line) => line.split(',').filter((_, i) => i !== drop).join(',')).join('\n');

    await page.getByTestId('cust-beyond-input').setInputFiles({ name: 'summary.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) });
    const failed = page.getByTestId('cust-beyond-failed');
    await expect(failed).toBeVisible();
    await expect(failed).toContainText('“summary.csv” was not imported. Problems found: 1.');
    const problem = page.getByTestId('cust-beyond-problem');
    await expect(problem).toHaveCount(1);
    await expect(problem).toHaveAttribute('data-code', 'missingColumn');
    await expect(problem).toHaveText('Row 1, column “clv_monetary”: this column is missing from the header.');
    await expect(page.getByTestId('cust-beyond-result')).toHaveCount(0);
    await expect(page.getByTestId('cust-beyond-segments')).toHaveCount(0);
  });
});
