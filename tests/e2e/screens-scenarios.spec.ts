import { test } from '@playwright/test';
import { Planner } from './planner';

// Screenshots of the scenario screens in English and Chinese, for a person to look at.
test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to capture');

for (const locale of ['en', 'zh-CN', 'zh-TW']) {
  test(`scenario screens ${locale}`, async ({ page, context }) => {
    await page.addInitScript((l) => localStorage.setItem('cmp.locale', l), locale);
    await page.goto('./');
    await page.getByTestId('template-appliances').click();
    await page.getByTestId('channel-grid').locator('.ag-row').first().waitFor();
    await page.getByTestId('tab-scenarios').click();
    await page.getByTestId('scenario-new').click();
    await page.getByTestId('adjustment-add').click();
    const grid = page.getByTestId('adjustment-grid');
    await grid.locator('.ag-row[row-index="0"] [col-id="slider"]').first().click();
    await new Planner(page).paste('adjustment-grid', 'Yes');
    await page.getByTestId('adjustment-add').click();
    await page.getByTestId('slider').first().waitFor();
    await page.getByTestId('goal-target').fill('500,000,000');
    await page.getByTestId('goal-run').click();
    await page.getByTestId('goal-result').waitFor();
    await page.getByTestId('cann-add').click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: `screenshots/${locale}-scenarios.png`, fullPage: true });
    await page.getByTestId('scenario-new').click();
    await page.getByTestId('tab-compare').click();
    await page.getByTestId('chart-waterfall').waitFor();
    await page.waitForTimeout(600);
    await page.screenshot({ path: `screenshots/${locale}-compare.png`, fullPage: true });
    await page.getByTestId('tab-scenarios').click();
    await page.getByTestId('scenario-item').first().click();
    await page.getByTestId('open-workshop').click();
    await page.getByTestId('workshop').waitFor();
    const popup = context.waitForEvent('page');
    await page.getByTestId('workshop-projector').click();
    const projector = await popup;
    await projector.setViewportSize({ width: 1280, height: 800 });
    await projector.getByTestId('chart-mix').waitFor();
    await page.waitForTimeout(600);
    await page.screenshot({ path: `screenshots/${locale}-workshop.png` });
    await projector.screenshot({ path: `screenshots/${locale}-projector.png` });
    await page.getByTestId('workshop-contrast').check();
    await projector.waitForTimeout(800);
    await page.screenshot({ path: `screenshots/${locale}-workshop-contrast.png` });
    await projector.screenshot({ path: `screenshots/${locale}-projector-contrast.png` });
  });
}
