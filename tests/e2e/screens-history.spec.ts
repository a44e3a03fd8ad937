import { test, type Page } from '@playwright/test';

/** Messages at the bottom would cover the diff; they are not what these pictures are about. */
async function closeToasts(page: Page): Promise<void> {
  const close = page.getByTestId('toast').locator('button.close');
  while ((await close.count()) > 0) await close.first().click();
}

// Screenshots of the History tab in English and both Chinese scripts, for a person to look at.
test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to capture');

for (const locale of ['en', 'zh-CN', 'zh-TW']) {
  test(`history screens ${locale}`, async ({ page }) => {
    await page.addInitScript((l) => localStorage.setItem('cmp.locale', l), locale);
    await page.setViewportSize({ width: 1360, height: 900 });
    await page.goto('./');
    await page.getByTestId('template-beauty').click();
    const grid = page.getByTestId('channel-grid');
    await grid.locator('.ag-row').first().waitFor();

    // An empty history first.
    await page.getByTestId('tab-history').click();
    await page.getByTestId('snapshots-empty').waitFor();
    await closeToasts(page);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `screenshots/${locale}-history-empty.png`, fullPage: true });

    // A snapshot, then edits of several kinds, then compare.
    await page.getByTestId('snapshot-save').click();
    await page.getByTestId('snapshot-row').first().waitFor();
    await page.getByTestId('tab-channels').click();
    const spend = grid.locator('.ag-row[row-index="0"] [col-id="driver.spend"]').first();
    await spend.dblclick();
    await grid.locator('.ag-cell-inline-editing input').first().fill('2000000');
    await grid.locator('.ag-cell-inline-editing input').first().press('Enter');
    const name = grid.locator('.ag-row[row-index="1"] [col-id="name"]').first();
    await name.dblclick();
    await grid.locator('.ag-cell-inline-editing input').first().fill(locale === 'en' ? 'Flagship store (renamed)' : '旗舰店（新名称）');
    await grid.locator('.ag-cell-inline-editing input').first().press('Enter');
    await page.getByTestId('tab-scenarios').click();
    await page.getByTestId('scenario-new').click();
    await page.getByTestId('adjustment-add').click();
    await page.getByTestId('tab-history').click();
    await page.getByTestId('snapshot-name').fill(locale === 'en' ? 'After the first round' : locale === 'zh-CN' ? '第一轮之后' : '第一輪之後');
    await page.getByTestId('snapshot-save').click();
    await page.getByTestId('snapshot-row').nth(1).waitFor();
    await page.getByTestId('snapshot-row').nth(1).getByTestId('snapshot-compare').click();
    await page.getByTestId('snapshot-diff').waitFor();
    await closeToasts(page);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `screenshots/${locale}-history-compare.png`, fullPage: true });

    // Restore the first snapshot: an automatic one appears, the diff empties.
    await page.getByTestId('snapshot-row').nth(1).getByTestId('snapshot-restore').click();
    await page.getByTestId('diff-none').waitFor();
    await closeToasts(page);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `screenshots/${locale}-history-restored.png`, fullPage: true });
  });
}
