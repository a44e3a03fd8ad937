import { writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import type { Page } from '@playwright/test';
import { encodeGbk, expectedFigures, makeShopExport, toCsv } from '../fixtures/shop-export/shopExport';
import { expect, test } from './fixtures';
import type { Planner } from './planner';

const GBK_ORDERS = fileURLToPath(new URL('../fixtures/customers-ui/orders-gbk.csv', import.meta.url));
const CDNOW = fileURLToPath(new URL('../fixtures/customers/CDNOW_sample.txt', import.meta.url));

async function openCustomers(page: Page, planner: Planner, locale: string): Promise<void> {
  await planner.open(locale);
  await planner.newPlan('beauty');
  await page.getByTestId('tab-customers').click();
  await expect(page.getByTestId('cust-datasets-empty')).toBeVisible();
}

const sumOf = async (page: Page, testid: string, attribute: string) =>
  page.getByTestId(testid).evaluateAll((rows, a) => rows.reduce((s, r) => s + Number(r.getAttribute(a)), 0), attribute);

test.describe('Customers: shop back-office exports', () => {
  test('a 50,000-row 淘宝 order report in GBK with a title line: statuses understood, revenue = successful orders, CLV shown', async ({ page, planner }, testInfo) => {
    test.setTimeout(240_000);
    const shop = makeShopExport();
    const expected = expectedFigures(shop.rows);
    const path = testInfo.outputPath('订单报表.csv');
    await writeFile(path, encodeGbk(toCsv([['淘宝订单报表 导出时间：2024-12-31'], ...shop.rows])));

    await openCustomers(page, planner, 'zh-CN');
    await page.getByTestId('cust-import-input').setInputFiles(path);
    const dialog = page.getByTestId('cust-import-dialog');
    const detected = dialog.getByTestId('cust-detected');
    await expect(detected).toHaveAttribute('data-encoding', 'gb18030');
    // The title line is found above the header and left out.
    await expect(detected).toHaveAttribute('data-skip', '1');
    await expect(dialog.getByTestId('cust-skip-rows')).toHaveValue('1');
    await expect(dialog.getByTestId('cust-preview-above')).toHaveCount(1);
    await expect(dialog.getByTestId('cust-preview-header').first()).toHaveText('订单编号');
    // Back-office names: buyer, paid amount, created time, shop as channel, title as product, province as region.
    await expect(dialog.getByTestId('cust-map-customer')).toHaveValue('1');
    await expect(dialog.getByTestId('cust-map-amount')).toHaveValue('2');
    await expect(dialog.getByTestId('cust-map-date')).toHaveValue('4');
    await expect(dialog.getByTestId('cust-map-product')).toHaveValue('6');
    await expect(dialog.getByTestId('cust-map-channel')).toHaveValue('8');
    await expect(dialog.getByTestId('cust-map-region')).toHaveValue('9');
    await expect(dialog.getByTestId('cust-map-status')).toHaveValue('3');
    // Each status with what it will mean; the select shows the words.
    const statuses = dialog.getByTestId('cust-statuses');
    await expect(statuses.locator('[data-testid="cust-status"][data-value="交易成功"]')).toHaveAttribute('data-class', 'sale');
    await expect(statuses.locator('[data-testid="cust-status"][data-value="退款成功"]')).toHaveAttribute('data-class', 'refunded');
    await expect(statuses.locator('[data-testid="cust-status"][data-value="交易关闭"] select option:checked')).toHaveText('已取消或未付款');
    await expect(dialog.getByTestId('cust-status-rows').locator('option:checked')).toHaveText('一个订单及其最终状态（每个订单一行）');

    await dialog.getByTestId('cust-import-start').click();
    await expect(dialog.getByTestId('cust-import-done')).toBeVisible({ timeout: 60_000 });
    const report = dialog.getByTestId('cust-report');
    await expect(report.getByTestId('cust-report-read')).toHaveText('50,000');
    await expect(report.getByTestId('cust-skip-orderRefunded')).toHaveAttribute('data-count', String(expected.byStatus['退款成功']));
    await expect(report.getByTestId('cust-skip-orderCancelled')).toHaveAttribute('data-count', String(expected.byStatus['交易关闭']));
    await expect(report.getByTestId('cust-report-above')).toBeVisible();
    await expect(report.locator('[data-testid="cust-report-status"][data-value="交易成功"]')).toHaveAttribute('data-rows', String(expected.byStatus['交易成功']));

    await dialog.getByTestId('cust-import-analyse').click();
    await expect(page.getByTestId('cust-segment-row').first()).toBeVisible({ timeout: 30_000 });
    expect(Math.round((await sumOf(page, 'cust-segment-row', 'data-revenue')) * 100)).toBe(expected.revenueCents);
    expect(await sumOf(page, 'cust-segment-row', 'data-customers')).toBe(expected.customers);

    // CLV: the fit lands where a + b < 1; the figures are there.
    await page.getByTestId('cust-nav-clv').click();
    const total = page.getByTestId('cust-clv-total');
    await expect(total).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('cust-clv-unstable')).toHaveCount(0);
    expect(Number(await total.getAttribute('data-total'))).toBeGreaterThan(0);
    await expect(page.getByTestId('cust-clv-segment-row').first()).toBeVisible();
    await expect(page.getByTestId('cust-clv-top-row')).toHaveCount(100);
  });

  test('a .csv.gz and a .zip holding a CSV import directly', async ({ page, planner }, testInfo) => {
    const { readFile } = await import('node:fs/promises');
    const gbk = await readFile(GBK_ORDERS);
    await openCustomers(page, planner, 'en');
    const dialog = page.getByTestId('cust-import-dialog');

    const gz = testInfo.outputPath('orders.csv.gz');
    await writeFile(gz, gzipSync(gbk));
    await page.getByTestId('cust-import-input').setInputFiles(gz);
    await expect(dialog.getByTestId('cust-detected')).toHaveAttribute('data-container', 'gzip');
    await expect(dialog.getByTestId('cust-detected')).toHaveAttribute('data-encoding', 'gb18030');
    await dialog.getByTestId('cust-import-start').click();
    await expect(dialog.getByTestId('cust-report-read')).toHaveText('713');
    await dialog.getByTestId('cust-import-dialog-close').click();

    const zip = testInfo.outputPath('orders.zip');
    await writeFile(zip, zipSync({ '订单.csv': new Uint8Array(gbk) }));
    await page.getByTestId('cust-import-input').setInputFiles(zip);
    await expect(dialog.getByTestId('cust-detected')).toHaveAttribute('data-container', 'zip');
    await expect(dialog.getByTestId('cust-detected')).toContainText('订单.csv');
    await dialog.getByTestId('cust-import-start').click();
    await expect(dialog.getByTestId('cust-report-read')).toHaveText('713');
    await dialog.getByTestId('cust-import-dialog-close').click();
    await expect(page.getByTestId('cust-dataset-row')).toHaveCount(2);
    await expect(page.getByTestId('cust-dataset-row').nth(0)).toHaveAttribute('data-rows', await page.getByTestId('cust-dataset-row').nth(1).getAttribute('data-rows') ?? '');
  });

  test('CDNOW’s aligned text without a header: read, columns guessed from the values', async ({ page, planner }) => {
    await openCustomers(page, planner, 'en');
    await page.getByTestId('cust-import-input').setInputFiles(CDNOW);
    const dialog = page.getByTestId('cust-import-dialog');
    await expect(dialog.getByTestId('cust-detected')).toHaveAttribute('data-delimiter', ' ');
    await expect(dialog.getByTestId('cust-delimiter').locator('option:checked')).toHaveText('Spaces (aligned columns)');
    await expect(dialog.getByTestId('cust-has-header')).not.toBeChecked();
    await expect(dialog.getByTestId('cust-map-customer')).toHaveValue('0');
    await expect(dialog.getByTestId('cust-map-date')).toHaveValue('2');
    await expect(dialog.getByTestId('cust-map-amount')).toHaveValue('4');
    await dialog.getByTestId('cust-import-start').click();
    await expect(dialog.getByTestId('cust-report-imported')).toHaveText('6,919');
    await dialog.getByTestId('cust-import-dialog-close').click();
    await expect(page.getByTestId('cust-dataset-row')).toHaveAttribute('data-customers', '2357');
  });

  test('empty, header-only and broken files show only why they were refused', async ({ page, planner }) => {
    await openCustomers(page, planner, 'zh-CN');
    const dialog = page.getByTestId('cust-import-dialog');

    await page.getByTestId('cust-import-input').setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
    await expect(dialog.getByTestId('cust-preview-error')).toHaveAttribute('data-code', 'empty');
    await expect(dialog.getByTestId('cust-preview-error')).toContainText('文件是空的');
    await dialog.getByTestId('cust-import-dialog-close').click();

    await page.getByTestId('cust-import-input').setInputFiles({ name: 'head.csv', mimeType: 'text/csv', buffer: Buffer.from('客户,日期,金额\n') });
    await dialog.getByTestId('cust-import-start').click();
    await expect(dialog.getByTestId('cust-import-failed')).toHaveAttribute('data-code', 'headerOnly');
    await expect(dialog.getByTestId('cust-report')).toHaveCount(0);
    await expect(dialog).not.toContainText('所有行均已导入');
    await dialog.getByTestId('cust-import-dialog-close').click();

    await page.getByTestId('cust-import-input').setInputFiles({ name: 'quote.csv', mimeType: 'text/csv', buffer: Buffer.from('客户,日期,金额\nA,2024-01-02,"10\nB,2024-01-03,20\n') });
    await dialog.getByTestId('cust-import-start').click();
    await expect(dialog.getByTestId('cust-import-failed')).toHaveAttribute('data-code', 'fatalCsv');
    await expect(dialog.getByTestId('cust-import-failed')).toContainText('第 2 行');
    await expect(dialog.getByTestId('cust-report')).toHaveCount(0);
    await expect(dialog).not.toContainText('所有行均已导入');
    await dialog.getByTestId('cust-import-dialog-close').click();
    await expect(page.getByTestId('cust-dataset-row')).toHaveCount(0);
  });
});
