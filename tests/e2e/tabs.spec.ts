import { expect, test } from './fixtures';
import { Planner } from './planner';

test.describe('several tabs', () => {
  test('case 13: two tabs edit different cells; both edits are kept and each tab shows the other’s', async ({ page, context, planner: a }) => {
    await a.open('en');
    await a.newPlan('beauty');
    await a.saved();
    const url = page.url();
    const page2 = await context.newPage();
    const b = new Planner(page2);
    await page2.goto(url);
    await expect(b.cell('channel-grid', 0, 'name')).toBeVisible();

    await a.editCell('channel-grid', 0, 'name', 'Edited in tab A');
    await b.editCell('channel-grid', 1, 'name', 'Edited in tab B');
    await a.saved();
    await b.saved();
    await expect(b.cell('channel-grid', 0, 'name')).toHaveText('Edited in tab A', { timeout: 2000 });
    await expect(a.cell('channel-grid', 1, 'name')).toHaveText('Edited in tab B', { timeout: 2000 });

    // Both survive a reload.
    await page.reload();
    await expect(a.cell('channel-grid', 0, 'name')).toHaveText('Edited in tab A');
    await expect(a.cell('channel-grid', 1, 'name')).toHaveText('Edited in tab B');
    await page2.close();
  });

  test('case 6: a tab whose database is upgraded by a newer tab stops writing, keeps its edits and asks to reload', async ({ page, planner: a }) => {
    await a.open('en');
    await a.newPlan('grocery');
    await a.saved();
    // Another connection opens the database at a higher version (what a newer build of the app does).
    const version = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const req = indexedDB.open('channel-mix-planner');
          req.onsuccess = () => {
            const v = req.result.version;
            req.result.close();
            resolve(v);
          };
          req.onerror = () => reject(req.error);
        }),
    );
    await page.evaluate(
      (v) =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.open('channel-mix-planner', v + 10);
          req.onupgradeneeded = () => undefined;
          req.onsuccess = () => {
            req.result.close();
            resolve();
          };
          req.onerror = () => reject(req.error);
        }),
      version,
    );
    await expect(page.getByTestId('stale-tab')).toBeVisible();
    await a.editCell('channel-grid', 0, 'name', 'Edited after the upgrade');
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'error');
    await expect(a.cell('channel-grid', 0, 'name')).toHaveText('Edited after the upgrade');
    // The edit waits in the journal for the reload.
    const journal = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cmp.unsaved.')).length);
    expect(journal).toBeGreaterThan(0);
  });

  test('case 6: a newer tab whose upgrade is held up by an old tab says so, and goes on once that tab lets go', async ({ page, context, planner: a }) => {
    // An "old version" holding the database open without giving way, in another tab of the origin.
    const old = await context.newPage();
    await old.goto('./manifest.webmanifest');
    await old.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.open('channel-mix-planner', 1);
          req.onupgradeneeded = () => {
            const db = req.result;
            db.createObjectStore('plans', { keyPath: 'id' });
            db.createObjectStore('history', { keyPath: 'planId' });
            db.createObjectStore('settings', { keyPath: 'key' });
          };
          req.onsuccess = () => {
            (window as unknown as { held: IDBDatabase }).held = req.result;
            resolve();
          };
          req.onerror = () => reject(req.error);
        }),
    );
    await page.goto('./');
    await expect(page.getByTestId('upgrade-blocked')).toBeVisible();
    await old.evaluate(() => (window as unknown as { held: IDBDatabase }).held.close());
    await expect(page.getByTestId('upgrade-blocked')).toHaveCount(0);
    await a.newPlan('beauty');
    await a.saved();
    await old.close();
  });
});
