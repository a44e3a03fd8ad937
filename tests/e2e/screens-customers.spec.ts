import { fileURLToPath } from 'node:url';
import { test, type Page } from '@playwright/test';

// Screenshots of the Customers tab in English and both Chinese scripts, for a person to look at.
test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to capture');

const GBK_ORDERS = fileURLToPath(new URL('../fixtures/customers-ui/orders-gbk.csv', import.meta.url));

async function shot(page: Page, name: string, wait: string): Promise<void> {
  await page.getByTestId(wait).first().waitFor();
  await page.waitForTimeout(700);
  await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
}

for (const locale of ['en', 'zh-CN', 'zh-TW']) {
  test(`customers screens ${locale}`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.addInitScript((l) => localStorage.setItem('cmp.locale', l), locale);
    await page.setViewportSize({ width: 1360, height: 900 });
    await page.goto('./');
    await page.getByTestId('template-beauty').click();
    await page.getByTestId('channel-grid').locator('.ag-row').first().waitFor();
    await page.getByTestId('tab-customers').click();
    await shot(page, `${locale}-cust-empty`, 'cust-datasets-empty');

    // The import dialog: preview, mapping and rules; then the report.
    // A tall window, so that the dialogs show whole.
    await page.setViewportSize({ width: 1360, height: 1500 });
    await page.getByTestId('cust-import-input').setInputFiles(GBK_ORDERS);
    const dialog = page.getByTestId('cust-import-dialog');
    await dialog.getByTestId('cust-preview').waitFor();
    await page.waitForTimeout(300);
    await dialog.screenshot({ path: `screenshots/${locale}-cust-import.png` });
    await dialog.getByTestId('cust-policy-duplicates').selectOption('drop');
    await dialog.getByTestId('cust-import-start').click();
    await dialog.getByTestId('cust-import-done').waitFor();
    await page.waitForTimeout(300);
    await dialog.screenshot({ path: `screenshots/${locale}-cust-report.png` });
    await dialog.getByTestId('cust-import-dialog-close').click();
    await page.setViewportSize({ width: 1360, height: 900 });
    await shot(page, `${locale}-cust-data`, 'cust-dataset-row');

    await page.getByTestId('cust-nav-segments').click();
    await page.getByTestId('cust-segment-row').first().waitFor();
    await page.locator('details.scores summary').click();
    await shot(page, `${locale}-cust-segments`, 'cust-score-ranges');
    await page.getByTestId('cust-segmentation').selectOption('custom');
    await shot(page, `${locale}-cust-rules`, 'cust-rule');
    await page.getByTestId('cust-segmentation').selectOption('eight');
    await page.waitForTimeout(500);
    await page.getByTestId('cust-scatter-rm').click();
    await shot(page, `${locale}-cust-eight`, 'cust-segment-row');
    await page.getByTestId('cust-segmentation').selectOption('rfm');

    await page.getByTestId('cust-nav-abc').click();
    await shot(page, `${locale}-cust-abc`, 'cust-abc-row');
    await page.getByTestId('cust-nav-matrix').click();
    await shot(page, `${locale}-cust-matrix`, 'cust-matrix-row');
    await page.getByTestId('cust-nav-migration').click();
    await shot(page, `${locale}-cust-migration`, 'cust-cohort-row');
    await page.getByTestId('cust-nav-clv').click();
    await page.getByTestId('cust-clv-params').waitFor({ timeout: 60_000 });
    await shot(page, `${locale}-cust-clv`, 'cust-clv-top-row');

    // A question about ambiguous dates.
    await page.getByTestId('cust-nav-data').click();
    const csv = ['customer,date,amount', 'a,03/04/2024,10', 'b,05/06/2024,20', 'a,07/08/2024,30'].join('\n');
    await page.getByTestId('cust-import-input').setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await dialog.getByTestId('cust-import-start').click();
    await dialog.getByTestId('cust-question').waitFor();
    await page.waitForTimeout(300);
    await dialog.screenshot({ path: `screenshots/${locale}-cust-question.png` });
  });
}
