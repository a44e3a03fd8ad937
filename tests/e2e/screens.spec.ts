import { test } from '@playwright/test';

// Screenshots of every screen in English and Chinese, for a person to look at (not an assertion).
test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to capture');

for (const locale of ['en', 'zh-CN', 'zh-TW']) {
  test(`screens ${locale}`, async ({ page }) => {
    await page.addInitScript((l) => localStorage.setItem('cmp.locale', l), locale);
    await page.goto('./');
    await page.getByTestId('template-beauty').waitFor();
    await page.screenshot({ path: `screenshots/${locale}-home-empty.png`, fullPage: true });
    await page.getByTestId('template-beauty').click();
    await page.getByTestId('channel-grid').locator('.ag-row').first().waitFor();
    // The charts under the grid draw once they are in the window.
    await page.getByTestId('chart-mix').scrollIntoViewIfNeeded();
    await page.locator('[data-testid="chart-mix"][data-rendered]').waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `screenshots/${locale}-channels.png`, fullPage: true });
    await page.getByTestId('tab-periods').click();
    await page.getByTestId('period-grid').locator('.ag-row').first().waitFor();
    await page.screenshot({ path: `screenshots/${locale}-periods.png`, fullPage: true });
    await page.getByTestId('period-select').selectOption('metric:contribution');
    await page.getByTestId('group-by').selectOption('region');
    await page.getByTestId('granularity').selectOption('quarter');
    await page.screenshot({ path: `screenshots/${locale}-periods-rollup.png`, fullPage: true });
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('plan-name').waitFor();
    await page.screenshot({ path: `screenshots/${locale}-settings.png`, fullPage: true });
    await page.goto('./#/');
    await page.getByTestId('plan-item').first().waitFor();
    await page.screenshot({ path: `screenshots/${locale}-home.png`, fullPage: true });
  });
}
