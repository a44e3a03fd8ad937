import { expect, test } from './fixtures';

test.describe('storage on this device', () => {
  test('case 3: persistence refused → best-effort is shown with a backup reminder until the plan is exported', async ({ page, planner: p }) => {
    await page.addInitScript(() => {
      Object.defineProperty(navigator.storage, 'persisted', { value: async () => false });
      Object.defineProperty(navigator.storage, 'persist', { value: async () => false });
    });
    await p.open('en');
    await p.newPlan('beauty');
    await p.goHome();
    await expect(page.getByTestId('storage-panel')).toHaveAttribute('data-mode', 'bestEffort');
    await expect(page.getByTestId('storage-mode')).toContainText('Best-effort');
    await expect(page.getByTestId('backup-reminder')).toContainText('1 plan');
    // Exporting the plan answers the reminder.
    await page.getByTestId('export').click();
    const wait = page.waitForEvent('download');
    await page.getByTestId('export-plain').click();
    await wait;
    await expect(page.getByTestId('backup-reminder')).toHaveCount(0);
    await expect(page.getByTestId('last-export')).toContainText('Last exported');
  });

  test('storage granted → persistent, no reminder', async ({ page, planner: p }) => {
    await page.addInitScript(() => {
      Object.defineProperty(navigator.storage, 'persisted', { value: async () => true });
    });
    await p.open('en');
    await p.newPlan('grocery');
    await p.goHome();
    await expect(page.getByTestId('storage-panel')).toHaveAttribute('data-mode', 'persistent');
    await expect(page.getByTestId('backup-reminder')).toHaveCount(0);
  });

  test('case 4: a returning user whose browser cleared the database is told why and how to recover', async ({ page, planner: p }) => {
    await p.open('en');
    await p.newPlan('beauty');
    await p.goHome();
    await expect(page.getByTestId('plan-item')).toHaveCount(1);
    await expect(page.getByTestId('storage-evicted')).toHaveCount(0);
    // The browser evicts the site's IndexedDB (the app's open connection gives way).
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.deleteDatabase('channel-mix-planner');
          req.onsuccess = () => resolve();
          req.onerror = () => reject(req.error);
        }),
    );
    await page.reload();
    await expect(page.getByTestId('storage-evicted')).toContainText('no longer in this browser');
    await expect(page.getByTestId('import-plan')).toBeVisible();
    // A new plan clears the notice.
    await p.newPlan('grocery');
    await p.goHome();
    await expect(page.getByTestId('storage-evicted')).toHaveCount(0);
  });
});
