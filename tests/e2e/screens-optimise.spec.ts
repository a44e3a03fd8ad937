import { test } from '@playwright/test';

// Screenshots of the optimiser and uncertainty screens in English and Chinese, for a person to look at.
test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to capture');

for (const locale of ['en', 'zh-CN', 'zh-TW']) {
  test(`optimise screens ${locale}`, async ({ page }) => {
    await page.addInitScript((l) => localStorage.setItem('cmp.locale', l), locale);
    await page.goto('./');
    await page.getByTestId('template-beauty').click();
    await page.getByTestId('channel-grid').locator('.ag-row').first().waitFor();
    await page.getByTestId('tab-optimise').click();
    await page.getByTestId('opt-run').click();
    await page.getByTestId('chart-frontier').waitFor();
    await page.getByTestId('cal-points').fill(['60000, 5900', '120000, 14000', '200000, 21500', '300000, 27600', '450000, 32000', '700000, 35200'].join('\n'));
    await page.getByTestId('cal-fit').click();
    await page.getByTestId('cal-result').waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `screenshots/${locale}-optimise.png`, fullPage: true });
    await page.getByTestId('tab-risk').click();
    await page.getByTestId('mc-add').click();
    await page.getByTestId('mc-add').click();
    await page.getByTestId('mc-target').fill('40,000,000');
    await page.getByTestId('mc-run').click();
    await page.locator('[data-testid="mc-summary"][data-draws="10000"]').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: `screenshots/${locale}-risk.png`, fullPage: true });
  });
}
