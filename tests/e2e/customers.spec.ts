import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { toXlsx } from '../../src/ui/export/xlsx';
import { expect, test } from './fixtures';

const GBK_ORDERS = fileURLToPath(new URL('../fixtures/customers-ui/orders-gbk.csv', import.meta.url));

async function openCustomers(page: Page, planner: { open(l?: string): Promise<void>; newPlan(t: string): Promise<void> }, locale = 'en'): Promise<void> {
  await planner.open(locale);
  await planner.newPlan('beauty');
  await page.getByTestId('tab-customers').click();
  await expect(page.getByTestId('cust-datasets-empty')).toBeVisible();
}

/** Imports the GBK fixture with the detected mapping and returns when its report is on screen. */
async function importGbkOrders(page: Page): Promise<void> {
  await page.getByTestId('cust-import-input').setInputFiles(GBK_ORDERS);
  const dialog = page.getByTestId('cust-import-dialog');
  await expect(dialog.getByTestId('cust-detected')).toHaveAttribute('data-encoding', 'gb18030');
  await dialog.getByTestId('cust-import-start').click();
  await expect(dialog.getByTestId('cust-import-done')).toBeVisible();
}

test.describe('Customers tab', () => {
  test('GBK file with Chinese headers: preview, mapping, report, segments, matrix, migration, cohorts and CLV (cases 25, 36)', async ({ page, planner }) => {
    await openCustomers(page, planner, 'zh-CN');
    await page.getByTestId('cust-import-input').setInputFiles(GBK_ORDERS);
    const dialog = page.getByTestId('cust-import-dialog');

    // Detected as GB18030 (GBK), comma-separated; Chinese headers decoded, no replacement characters.
    const detected = dialog.getByTestId('cust-detected');
    await expect(detected).toHaveAttribute('data-encoding', 'gb18030');
    await expect(detected).toHaveAttribute('data-delimiter', ',');
    await expect(dialog.getByTestId('cust-preview-header')).toHaveText(['订单号', '客户编号', '下单时间', '实付金额', '销售渠道', '地区', '数量', '商品名称', '订单状态']);
    await expect(dialog.getByTestId('cust-preview')).toContainText('天猫旗舰店');
    await expect(dialog.getByTestId('cust-preview')).not.toContainText('\uFFFD');
    await expect(dialog.getByTestId('cust-replacements')).toHaveCount(0);

    // The columns were found from their Chinese names; the status column marks returns.
    await expect(dialog.getByTestId('cust-map-customer')).toHaveValue('1');
    await expect(dialog.getByTestId('cust-map-date')).toHaveValue('2');
    await expect(dialog.getByTestId('cust-map-amount')).toHaveValue('3');
    await expect(dialog.getByTestId('cust-map-channel')).toHaveValue('4');
    await expect(dialog.getByTestId('cust-map-orderId')).toHaveValue('0');
    await expect(dialog.getByTestId('cust-map-status')).toHaveValue('8');

    // Reading it as Big5 garbles the preview; going back to GB18030 restores it (the override works).
    await dialog.getByTestId('cust-encoding').selectOption('big5');
    await expect(detected).toHaveAttribute('data-encoding', 'big5');
    await expect(dialog.getByTestId('cust-preview-header').first()).not.toHaveText('订单号');
    await dialog.getByTestId('cust-encoding').selectOption('gb18030');
    await expect(dialog.getByTestId('cust-preview-header').first()).toHaveText('订单号');
    await expect(dialog.getByTestId('cust-map-customer')).toHaveValue('1');

    // Rules: leave returns out, drop exact duplicates.
    await dialog.getByTestId('cust-policy-returns').selectOption('exclude');
    await dialog.getByTestId('cust-policy-duplicates').selectOption('drop');
    await dialog.getByTestId('cust-import-name').fill('2023–2024 订单');
    await dialog.getByTestId('cust-import-start').click();

    // The report: every skipped row has a reason and example row numbers.
    await expect(dialog.getByTestId('cust-import-done')).toBeVisible();
    const report = dialog.getByTestId('cust-report');
    await expect(report.getByTestId('cust-report-read')).toHaveText('713');
    await expect(report.getByTestId('cust-skip-missingCustomer')).toHaveAttribute('data-count', '2');
    await expect(report.getByTestId('cust-skip-badAmount')).toHaveAttribute('data-count', '1');
    await expect(report.getByTestId('cust-skip-duplicate')).toHaveAttribute('data-count', '1');
    const returns = Number(await report.getByTestId('cust-skip-returnExcluded').getAttribute('data-count'));
    expect(returns).toBeGreaterThan(0);
    await expect(report.getByTestId('cust-report-imported')).toHaveText(String(713 - 2 - 1 - 1 - returns));
    await expect(report.getByTestId('cust-skip-missingCustomer')).toContainText('第 22');
    await expect(report.getByTestId('cust-report-range')).toContainText('2023');

    // The data set is listed; the dialog leads on to the segments.
    await dialog.getByTestId('cust-import-analyse').click();
    await expect(dialog).toHaveCount(0);
    const segments = page.getByTestId('cust-segments');
    await expect(segments).toBeVisible();
    await expect(page.getByTestId('cust-segment-row').first()).toBeVisible();
    const counted = await page.getByTestId('cust-segment-row').evaluateAll((rows) => rows.reduce((a, r) => a + Number(r.getAttribute('data-customers')), 0));
    expect(counted).toBe(200);
    await expect(page.getByTestId('chart-cust-scatter')).toHaveAttribute('data-rendered', /\d+/);
    await expect(page.getByTestId('chart-cust-treemap')).toHaveAttribute('data-rendered', /\d+/);
    // Hovering the charts runs their tooltips over the customer and channel named as markup.
    await page.getByTestId('chart-cust-scatter').hover({ position: { x: 200, y: 150 } });
    await page.getByTestId('chart-cust-treemap').hover({ position: { x: 100, y: 100 } });

    // The Chinese eight-class model names its segments in Chinese.
    await page.getByTestId('cust-segmentation').selectOption('eight');
    await expect(page.getByTestId('cust-segment-row')).toHaveCount(8);
    await expect(segments).toContainText('重要价值客户');
    await expect(segments).toContainText('一般挽留客户');

    // User rules: a single rule for the most recent customers, everyone else "others".
    await page.getByTestId('cust-segmentation').selectOption('custom');
    await expect(page.getByTestId('cust-rule')).toHaveCount(10);
    while ((await page.getByTestId('cust-rule').count()) > 1) await page.getByTestId('cust-rule-remove').last().click();
    await page.getByTestId('cust-rule-name').fill('最近活跃');
    await page.getByTestId('cust-rule-name').press('Tab');
    await page.getByTestId('cust-rule-rmin').fill('5');
    await page.getByTestId('cust-rule-rmin').press('Tab');
    await expect(page.locator('[data-testid="cust-segment-row"][data-segment="最近活跃"]')).toBeVisible();
    await expect(page.locator('[data-testid="cust-segment-row"][data-segment="others"]')).toBeVisible();
    await page.getByTestId('cust-segmentation').selectOption('rfm');
    await expect(page.locator('[data-testid="cust-segment-row"][data-segment="champions"]')).toBeVisible();

    // ABC: A holds at least 80 % of revenue; the Pareto chart draws.
    await page.getByTestId('cust-nav-abc').click();
    await expect(page.getByTestId('cust-abc-row')).toHaveCount(3);
    await expect(page.getByTestId('chart-cust-pareto')).toHaveAttribute('data-rendered', /\d+/);
    await page.getByTestId('cust-abc-of').selectOption('products');
    await expect(page.getByTestId('cust-abc-top')).toBeVisible();

    // Segment × channel: a heatmap and a table; plan channels with the data's names are linked.
    await page.getByTestId('cust-nav-matrix').click();
    await expect(page.getByTestId('cust-matrix-row').first()).toBeVisible();
    await expect(page.getByTestId('chart-cust-matrix')).toHaveAttribute('data-rendered', /\d+/);
    await page.getByTestId('cust-mx-metric').selectOption('customers');
    await expect(page.getByTestId('cust-matrix')).toHaveAttribute('data-metric', 'customers');
    await expect(page.locator('[data-testid="cust-channel-row"][data-channel="线下体验店"]')).toHaveAttribute('data-linked', '1');
    await expect(page.locator('[data-testid="cust-channel-row"][data-channel="抖音直播带货"]')).toHaveAttribute('data-linked', '1');
    await expect(page.locator('[data-testid="cust-channel-row"][data-channel="天猫旗舰店"]')).toHaveAttribute('data-linked', '0');
    await expect(page.getByTestId('cust-plan-link')).toHaveAttribute('data-matched', '2');
    // The channel named as markup is shown as text.
    await expect(page.getByTestId('cust-channels')).toContainText('<img src=x onerror=window.__x=1>');
    await page.getByTestId('chart-cust-matrix').hover({ position: { x: 300, y: 80 } });

    // Migration between two dates, and cohorts split by first channel.
    await page.getByTestId('cust-nav-migration').click();
    await expect(page.getByTestId('cust-migration-row').first()).toBeVisible();
    await expect(page.getByTestId('chart-cust-migration')).toHaveAttribute('data-rendered', /\d+/);
    await page.getByTestId('cust-mig-from').fill('2024-01-01');
    await page.getByTestId('cust-mig-from').press('Tab');
    await expect(page.locator('[data-testid="cust-migration-row"][data-segment="new"]')).toBeVisible();
    await expect(page.getByTestId('cust-cohorts')).toHaveAttribute('data-cohorts', '24');
    await page.getByTestId('cust-coh-channel').selectOption({ label: '天猫旗舰店' });
    await expect(page.getByTestId('chart-cust-cohorts')).toHaveAttribute('data-rendered', /\d+/);

    // CLV: the fitted parameters, per segment, per first channel, top customers, the heuristic.
    await page.getByTestId('cust-nav-clv').click();
    await expect(page.getByTestId('cust-clv-params')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('cust-clv-unstable')).toHaveCount(0);
    expect(Number((await page.getByTestId('cust-bg-r').textContent())?.replace(/,/g, ''))).toBeGreaterThan(0);
    await expect(page.getByTestId('cust-clv-segment-row').first()).toBeVisible();
    await expect(page.getByTestId('cust-clv-channel-row').first()).toBeVisible();
    await expect(page.getByTestId('cust-clv-top-row')).not.toHaveCount(0);
    const heuristic = page.getByTestId('cust-heur-result');
    await page.getByTestId('cust-heur-aov').fill('200');
    await page.getByTestId('cust-heur-aov').press('Tab');
    await page.getByTestId('cust-heur-frequency').fill('3');
    await page.getByTestId('cust-heur-frequency').press('Tab');
    await page.getByTestId('cust-heur-lifespan').fill('2');
    await page.getByTestId('cust-heur-lifespan').press('Tab');
    // 200 × 3 × 30 % × 2
    await expect(heuristic).toHaveAttribute('data-value', '360');

    expect(await page.evaluate(() => (window as unknown as { __x?: unknown }).__x)).toBeUndefined();
  });

  test('ambiguous day/month dates are asked about, with both readings (case 31)', async ({ page, planner }) => {
    await openCustomers(page, planner);
    const csv = ['customer,date,amount', 'a,03/04/2024,10', 'b,05/06/2024,20', 'a,07/08/2024,30', 'c,01/02/2024,5'].join('\n');
    await page.getByTestId('cust-import-input').setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const dialog = page.getByTestId('cust-import-dialog');
    await dialog.getByTestId('cust-import-start').click();
    const question = dialog.getByTestId('cust-question');
    await expect(question).toBeVisible();
    await expect(question).toContainText('03/04/2024');
    await expect(question).toContainText('2024-04-03');
    await expect(question).toContainText('2024-03-04');
    // Nothing is stored while the question is open.
    await expect(page.getByTestId('cust-dataset-row')).toHaveCount(0);
    await dialog.getByTestId('cust-answer-dmy').click();
    await expect(dialog.getByTestId('cust-import-done')).toBeVisible();
    await expect(dialog.getByTestId('cust-report-dates')).toContainText('day first');
    await dialog.getByTestId('cust-import-dialog-close').click();
    await expect(page.getByTestId('cust-dataset-row')).toHaveCount(1);
  });

  test('a cancelled large import stores nothing; the earlier data set stays listed and analysable (cases 2, 35)', async ({ page, planner }, testInfo) => {
    test.setTimeout(180_000);
    await openCustomers(page, planner);
    await importGbkOrders(page);
    await page.getByTestId('cust-import-dialog-close').click();
    const rows = page.getByTestId('cust-dataset-row');
    await expect(rows).toHaveCount(1);
    const before = await rows.first().getAttribute('data-id');

    // About 45 MB of orders, written to a file (too big to hand over as a buffer).
    const lines = ['customer_id,order_date,amount,channel'];
    const channels = ['Online', 'Store', 'Partner'];
    for (let i = 0; i < 1_200_000; i++) lines.push(`C${(i * 7919) % 150000},2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},${(i % 997) + 0.5},${channels[i % 3]}`);
    const big = testInfo.outputPath('big-orders.csv');
    await writeFile(big, lines.join('\n'));

    await page.getByTestId('cust-import-input').setInputFiles(big);
    const dialog = page.getByTestId('cust-import-dialog');
    await expect(dialog.getByTestId('cust-map-customer')).toHaveValue('0');
    await dialog.getByTestId('cust-import-start').click();
    const progress = dialog.getByTestId('cust-progress');
    await expect.poll(async () => Number(await progress.getAttribute('data-bytes'))).toBeGreaterThan(0);
    await dialog.getByTestId('cust-import-cancel').click();
    await expect(dialog.getByTestId('cust-import-cancelled')).toBeVisible({ timeout: 15_000 });
    await dialog.getByTestId('cust-import-dialog-close').click();

    // Still exactly the earlier data set, and it still analyses.
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute('data-id', before ?? '');
    await page.reload();
    await page.getByTestId('tab-customers').click();
    await expect(rows).toHaveCount(1);
    await rows.first().getByTestId('cust-analyse').click();
    await expect(page.getByTestId('cust-segment-row').first()).toBeVisible();
  });

  test('rename and delete a data set (delete asks first)', async ({ page, planner }) => {
    await openCustomers(page, planner);
    await importGbkOrders(page);
    await page.getByTestId('cust-import-dialog-close').click();
    const row = page.getByTestId('cust-dataset-row');
    await row.getByTestId('cust-rename').click();
    await page.getByTestId('cust-rename-input').fill('Shop orders');
    await page.getByTestId('cust-rename-input').press('Enter');
    await expect(row.getByTestId('cust-dataset-name')).toHaveText('Shop orders');
    await row.getByTestId('cust-show-report').click();
    await expect(page.getByTestId('cust-report-dialog').getByTestId('cust-report-read')).toHaveText('713');
    await page.getByTestId('cust-report-dialog-close').click();
    await row.getByTestId('cust-delete').click();
    await expect(page.getByTestId('cust-delete-dialog')).toContainText('Shop orders');
    await page.getByTestId('cust-delete-dialog-close').click();
    await expect(row).toHaveCount(1);
    await row.getByTestId('cust-delete').click();
    await page.getByTestId('cust-delete-confirm').click();
    await expect(row).toHaveCount(0);
    await page.getByTestId('cust-nav-segments').click();
    await expect(page.getByTestId('cust-empty')).toBeVisible();
  });

  test('XLSX workbook: the sheet is chosen and the amount is quantity × unit price', async ({ page, planner }) => {
    await openCustomers(page, planner);
    // UCI Online Retail's layout: no amount column; dates as Excel serial numbers (45292 = 2024-01-01).
    const orders = [
      ['InvoiceNo', 'StockCode', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'],
      ['536365', '85123A', 6, 45292, 2.55, '17850', 'United Kingdom'],
      ['536366', '71053', 2, 45293, 3.39, '17850', 'United Kingdom'],
      ['536367', '84406B', 8, 45300, 2.75, '13047', 'France'],
      ['C536368', '84406B', -1, 45301, 2.75, '13047', 'France'],
    ];
    const workbook = toXlsx([
      { name: 'Notes', rows: [['Exported from the shop'], ['Orders are on the next sheet']] },
      { name: 'Orders', rows: orders },
    ]);
    await page.getByTestId('cust-import-input').setInputFiles({ name: 'retail.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(workbook) });
    const dialog = page.getByTestId('cust-import-dialog');
    const sheet = dialog.getByTestId('cust-sheet');
    await expect(sheet).toBeVisible();
    await sheet.selectOption('Orders');
    await expect(dialog.getByTestId('cust-preview-header').first()).toHaveText('InvoiceNo');
    await expect(dialog.getByTestId('cust-amount-product')).toBeChecked();
    await expect(dialog.getByTestId('cust-map-unitPrice')).toHaveValue('4');
    await expect(dialog.getByTestId('cust-map-quantity')).toHaveValue('2');
    await expect(dialog.getByTestId('cust-policy-prefix')).toHaveValue('C');
    await dialog.getByTestId('cust-policy-returns').selectOption('exclude');
    await dialog.getByTestId('cust-import-start').click();
    await expect(dialog.getByTestId('cust-import-done')).toBeVisible();
    await expect(dialog.getByTestId('cust-report-imported')).toHaveText('3');
    await expect(dialog.getByTestId('cust-skip-returnExcluded')).toHaveAttribute('data-count', '1');
    await expect(dialog.getByTestId('cust-report-dates')).toContainText('Excel serial numbers');
    await dialog.getByTestId('cust-import-analyse').click();
    // 6 × 2.55 + 2 × 3.39 + 8 × 2.75 = 44.08
    await expect(page.getByTestId('cust-segments').locator('tfoot')).toContainText('44.08');
  });

  test('a file dropped on the tab opens the import dialog', async ({ page, planner }) => {
    await openCustomers(page, planner);
    const csv = 'customer,date,amount\na,2024-01-02,10\nb,2024-01-03,20\n';
    const transfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
      return dt;
    }, csv);
    await page.dispatchEvent('main, body', 'dragover', { dataTransfer: transfer });
    await page.dispatchEvent('main, body', 'drop', { dataTransfer: transfer });
    const dialog = page.getByTestId('cust-import-dialog');
    await expect(dialog).toContainText('dropped.csv');
    await expect(dialog.getByTestId('cust-map-amount')).toHaveValue('2');
  });

  test('without IndexedDB the tab says customer data needs storage (case 5)', async ({ page, planner }) => {
    await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { configurable: true, value: undefined }));
    await planner.open('en');
    await planner.newPlan('beauty');
    await page.getByTestId('tab-customers').click();
    await expect(page.getByTestId('cust-no-storage')).toContainText('IndexedDB');
    await expect(page.getByTestId('cust-import')).toHaveCount(0);
  });
});
