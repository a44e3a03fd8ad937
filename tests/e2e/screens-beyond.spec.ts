import { test } from '@playwright/test';
import { runInDuckDb } from './rfmSummary';

// Screenshots of the Customers tab's "beyond one machine" panel in English and both Chinese scripts, for a person to look at.
test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to capture');

for (const locale of ['en', 'zh-CN', 'zh-TW']) {
  test(`beyond one machine screens ${locale}`, async ({ page }) => {
    await page.addInitScript((l) => localStorage.setItem('cmp.locale', l), locale);
    await page.setViewportSize({ width: 1360, height: 900 });
    await page.goto('./');
    await page.getByTestId('template-beauty').click();
    await page.getByTestId('channel-grid').locator('.ag-row').first().waitFor();
    await page.getByTestId('tab-customers').click();
    const panel = page.getByTestId('cust-beyond');
    await panel.waitFor();
    await page.getByTestId('cust-beyond-table').fill('rfm_orders');
    await page.getByTestId('cust-beyond-amount').fill('revenue');
    await page.getByTestId('cust-beyond-analysis-date').fill('2006-12-31');
    await page.getByTestId('cust-beyond-channel').fill('channel');
    await page.waitForTimeout(300);
    await panel.screenshot({ path: `screenshots/${locale}-cust-beyond-sql.png` });

    await page.getByTestId('cust-beyond-channel').fill('');
    const csv = await runInDuckDb(await page.getByTestId('cust-beyond-sql').inputValue());
    await page.getByTestId('cust-beyond-input').setInputFiles({ name: 'rfm_summary.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('cust-beyond-result').waitFor();
    await page.waitForTimeout(300);
    await page.getByTestId('cust-beyond-result').screenshot({ path: `screenshots/${locale}-cust-beyond-imported.png` });

    const lines = csv.trim().split('\n');
    const drop = lines[0].split(',').indexOf('orders');
    const broken = lines.map((line) => line.split(',').filter((_, i) => i !== drop).join(',')).join('\n');
    await page.getByTestId('cust-beyond-input').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) });
    await page.getByTestId('cust-beyond-failed').waitFor();
    await page.getByTestId('cust-beyond-customer').fill('');
    await page.waitForTimeout(300);
    await panel.screenshot({ path: `screenshots/${locale}-cust-beyond-problems.png` });
  });
}
