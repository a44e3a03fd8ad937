import { readFile } from 'node:fs/promises';
import { test } from '@playwright/test';

// Screenshots of plan-file dialogs and the storage panel in English and Chinese, for a person to look at.
test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to capture');

for (const locale of ['en', 'zh-CN', 'zh-TW']) {
  test(`file screens ${locale}`, async ({ page }) => {
    await page.addInitScript((l) => {
      localStorage.setItem('cmp.locale', l);
      Object.defineProperty(navigator.storage, 'persisted', { value: async () => false });
      Object.defineProperty(navigator.storage, 'persist', { value: async () => false });
    }, locale);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('./');
    await page.getByTestId('template-beauty').click();
    await page.getByTestId('channel-grid').locator('.ag-row').first().waitFor();
    await page.getByTestId('tab-scenarios').click();
    await page.getByTestId('scenario-new').click();
    await page.getByTestId('plan-export').click();
    await page.getByTestId('export-password').fill('short');
    await page.getByTestId('export-password-confirm').fill('short');
    await page.waitForTimeout(300);
    await page.screenshot({ path: `screenshots/${locale}-export-dialog.png` });
    const wait = page.waitForEvent('download');
    await page.getByTestId('export-plain').click();
    const file = await readFile(await (await wait).path());
    await page.getByTestId('merge-input').setInputFiles({ name: 'plan.cmplan.json', mimeType: 'application/json', buffer: file });
    await page.getByTestId('merge-pick').first().check();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `screenshots/${locale}-merge-dialog.png` });
    await page.getByTestId('merge-dialog-close').click();
    await page.locator('header a.brand').click();
    const broken = Buffer.from(JSON.stringify({ type: 'channel-mix-plan', formatVersion: 1, plan: { name: '', currency: 'XXX', channels: [{ id: 'a', drivers: {} }] } }));
    await page.getByTestId('import-input').setInputFiles({ name: 'broken.cmplan.json', mimeType: 'application/json', buffer: broken });
    await page.getByTestId('import-problems').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `screenshots/${locale}-import-problems.png` });
    await page.getByTestId('import-problems-close').click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `screenshots/${locale}-home-storage.png`, fullPage: true });
  });
}
