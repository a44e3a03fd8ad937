import { test } from '@playwright/test';

// Screenshots of the Evaluate tab in English and both Chinese scripts, for a person to look at.
test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to capture');

for (const locale of ['en', 'zh-CN', 'zh-TW']) {
  test(`evaluate screens ${locale}`, async ({ page }) => {
    await page.addInitScript((l) => localStorage.setItem('cmp.locale', l), locale);
    await page.setViewportSize({ width: 1360, height: 900 });
    await page.goto('./');
    await page.getByTestId('template-beauty').click();
    await page.getByTestId('channel-grid').locator('.ag-row').first().waitFor();
    await page.getByTestId('tab-evaluate').click();
    await page.getByTestId('score-table').waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `screenshots/${locale}-eval-scorecard.png`, fullPage: true });
    await page.getByTestId('eval-bcg').click();
    await page.getByTestId('chart-bcg').waitFor();
    await page.waitForTimeout(600);
    await page.screenshot({ path: `screenshots/${locale}-eval-bcg.png`, fullPage: true });
    await page.getByTestId('eval-funnel').click();
    await page.getByTestId('chart-funnel').waitFor();
    await page.waitForTimeout(600);
    await page.screenshot({ path: `screenshots/${locale}-eval-funnel.png`, fullPage: true });
    await page.getByTestId('eval-rebates').click();
    await page.getByTestId('reb-add').click();
    await page.getByTestId('chart-rebate').waitFor();
    await page.waitForTimeout(600);
    await page.screenshot({ path: `screenshots/${locale}-eval-rebates.png`, fullPage: true });
    await page.getByTestId('eval-partners').click();
    await page.getByTestId('partner-examples').click();
    await page.getByTestId('partner-sensitivity').waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `screenshots/${locale}-eval-partners.png`, fullPage: true });
    await page.getByTestId('eval-prices').click();
    await page.getByTestId('price-example').click();
    await page.getByTestId('price-conflicts').waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `screenshots/${locale}-eval-prices.png`, fullPage: true });
  });
}
