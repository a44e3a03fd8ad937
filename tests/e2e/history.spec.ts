import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';

const rows = (page: Page) => page.getByTestId('snapshot-row');

async function openHistory(page: Page): Promise<void> {
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('snapshot-save')).toBeVisible();
}

async function saveSnapshot(page: Page, name: string): Promise<void> {
  const before = await rows(page).count();
  await page.getByTestId('snapshot-name').fill(name);
  await page.getByTestId('snapshot-save').click();
  await expect(rows(page)).toHaveCount(before + 1);
}

test.describe('history: snapshots, compare, restore', () => {
  test('snapshot → edit a driver and add a scenario → the diff lists both → restore → undo → reload keeps the snapshots', async ({ page, planner: p }) => {
    await p.open('en');
    await p.newPlan('beauty');
    const channel = ((await p.cell('channel-grid', 0, 'name').textContent()) ?? '').trim();
    const spend = ((await p.cell('channel-grid', 0, 'driver.spend').textContent()) ?? '').trim();
    const channels = await p.rows('channel-grid').count();
    const revenue0 = await p.kpi('netRevenue');

    await openHistory(page);
    await expect(page.getByTestId('snapshots-empty')).toBeVisible();
    await saveSnapshot(page, 'Before the review');
    await expect(rows(page).first().getByTestId('snapshot-row-name')).toHaveText('Before the review');
    await expect(rows(page).first().getByTestId('snapshot-kind')).toHaveText('Manual');
    await expect(rows(page).first().getByTestId('snapshot-channels')).toHaveText(String(channels));
    await expect(rows(page).first().getByTestId('snapshot-scenarios')).toHaveText('0');

    // Two edits: a driver and a new scenario.
    await page.getByTestId('tab-channels').click();
    await p.editCell('channel-grid', 0, 'driver.spend', '2,000,000');
    await expect(p.cell('channel-grid', 0, 'driver.spend')).toHaveText('¥2,000,000');
    const revenue1 = await p.kpiChangedFrom('netRevenue', revenue0);
    await page.getByTestId('tab-scenarios').click();
    await page.getByTestId('scenario-new').click();
    await expect(page.getByTestId('scenario-item')).toHaveCount(1);
    const scenario = ((await page.getByTestId('scenario-item').first().textContent()) ?? '').trim();

    // Compare with now: the summary names the channel's spend and the new scenario.
    await openHistory(page);
    await rows(page).first().getByTestId('snapshot-compare').click();
    const diff = page.getByTestId('snapshot-diff');
    await expect(diff).toContainText('Changes since “Before the review”');
    await expect(diff.getByTestId('diff-channels')).toContainText(`${channel}: Spend (value ¥`);
    await expect(diff.getByTestId('diff-channels')).toContainText('→ ¥2,000,000)');
    await expect(diff.getByTestId('diff-scenarios')).toContainText(`Scenario added: ${scenario}`);
    await expect(diff.getByTestId('diff-line')).toHaveCount(2);
    await expect(page.getByTestId('recent-edits').locator('li').first()).toHaveText('New scenario');

    // Restore: the plan goes back, the plan as it was is snapshotted first, and the diff empties.
    await rows(page).first().getByTestId('snapshot-restore').click();
    await expect(p.toastWith('Restored “Before the review”')).toBeVisible();
    await expect(rows(page)).toHaveCount(2);
    await expect(rows(page).first()).toHaveAttribute('data-kind', 'beforeRestore');
    await expect(rows(page).first().getByTestId('snapshot-row-name')).toHaveText('Automatic snapshot');
    await expect(rows(page).first().getByTestId('snapshot-kind')).toHaveText('Before restore');
    await expect(rows(page).first().getByTestId('snapshot-scenarios')).toHaveText('1');
    await expect(diff.getByTestId('diff-none')).toBeVisible();
    // The restore is one step; it writes only what differs, so its detail is the spend going back.
    const restoreStep = page.getByTestId('recent-edits').locator('li').first();
    await expect(restoreStep).toContainText('Restore snapshot “Before the review”');
    await expect(restoreStep.getByTestId('recent-edit-detail')).toHaveText(/ ¥2,000,000 → ¥1,200,000$/);
    await expect.poll(() => p.kpi('netRevenue')).toBe(revenue0);
    const planUrl = page.url();
    await page.getByTestId('tab-channels').click();
    await expect(p.cell('channel-grid', 0, 'driver.spend')).toHaveText(spend);
    await expect(page.getByTestId('scenario-view').locator('option')).toHaveCount(1);
    // The plan kept its id: the same address.
    expect(page.url().replace(/\/channels$/, '')).toBe(planUrl.replace(/\/history$/, ''));

    // Restore is one undo step.
    await page.getByTestId('undo').click();
    await expect(p.cell('channel-grid', 0, 'driver.spend')).toHaveText('¥2,000,000');
    await expect.poll(() => p.kpi('netRevenue')).toBe(revenue1);
    await expect(page.getByTestId('scenario-view').locator('option')).toHaveCount(2);
    await p.saved();

    // Reload: both snapshots are still there, newest first, and the restore can be redone.
    await page.reload();
    await p.waitForKpis();
    await openHistory(page);
    await expect(rows(page)).toHaveCount(2);
    await expect(rows(page).nth(0)).toHaveAttribute('data-kind', 'beforeRestore');
    await expect(rows(page).nth(1).getByTestId('snapshot-row-name')).toHaveText('Before the review');
    await expect(page.getByTestId('redo')).toBeEnabled();
    await page.getByTestId('redo').click();
    await page.getByTestId('tab-channels').click();
    await expect(p.cell('channel-grid', 0, 'driver.spend')).toHaveText(spend);
  });

  test('default name, rename, delete with undo; names typed as markup stay text', async ({ page, planner: p }) => {
    const evil = '<img src=x onerror=window.__h=1>';
    await p.open('en');
    await p.newPlan('grocery');
    await openHistory(page);

    // Without a name, the snapshot is named after the moment it was taken.
    await expect(page.getByTestId('snapshot-name')).toHaveAttribute('placeholder', /^Snapshot of /);
    await page.getByTestId('snapshot-save').click();
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first().getByTestId('snapshot-row-name')).toHaveText(/^Snapshot of .*\d/);

    await rows(page).first().getByTestId('snapshot-rename').click();
    const input = page.getByTestId('snapshot-rename-input');
    await expect(input).toBeFocused();
    await input.fill(evil);
    await input.press('Enter');
    await expect(rows(page).first().getByTestId('snapshot-row-name')).toHaveText(evil);
    // Escape leaves the name as it was.
    await rows(page).first().getByTestId('snapshot-rename').click();
    await page.getByTestId('snapshot-rename-input').fill('Not this');
    await page.getByTestId('snapshot-rename-input').press('Escape');
    await expect(rows(page).first().getByTestId('snapshot-row-name')).toHaveText(evil);

    await rows(page).first().getByTestId('snapshot-compare').click();
    await expect(page.getByTestId('snapshot-diff')).toContainText(`Changes since “${evil}”`);
    await expect(page.getByTestId('diff-none')).toBeVisible();

    // Delete, then undo from the message.
    await rows(page).first().getByTestId('snapshot-delete').click();
    await expect(rows(page)).toHaveCount(0);
    await expect(page.getByTestId('snapshot-diff')).toHaveCount(0);
    const toast = p.toastWith(`Deleted the snapshot “${evil}”`);
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first().getByTestId('snapshot-row-name')).toHaveText(evil);

    // Restoring a snapshot equal to the plan does nothing and says so.
    await rows(page).first().getByTestId('snapshot-restore').click();
    await expect(p.toastWith('nothing to restore')).toBeVisible();
    await expect(rows(page)).toHaveCount(1);
    await expect(page.getByTestId('undo')).toBeDisabled();

    await page.reload();
    await openHistory(page);
    await expect(rows(page).first().getByTestId('snapshot-row-name')).toHaveText(evil);
    expect(await page.evaluate(() => (window as unknown as { __h?: unknown }).__h)).toBeUndefined();
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
  });

  test('a snapshot saved or deleted in one tab shows up in another tab of the same plan', async ({ page, context, planner: p, pageErrors }) => {
    await p.open('en');
    await p.newPlan('beauty');
    await openHistory(page);
    const page2 = await context.newPage();
    page2.on('pageerror', (e) => pageErrors.push(`pageerror (second tab): ${e.message}`));
    page2.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(`console (second tab): ${m.text()}`);
    });
    await page2.goto(page.url());
    await expect(page2.getByTestId('snapshots-empty')).toBeVisible();

    await saveSnapshot(page, 'Taken in the first tab');
    await expect(rows(page2)).toHaveCount(1);
    await expect(rows(page2).first().getByTestId('snapshot-row-name')).toHaveText('Taken in the first tab');
    await rows(page2).first().getByTestId('snapshot-delete').click();
    await expect(rows(page)).toHaveCount(0);
  });

  test('case 5 (partial): without IndexedDB, snapshots and restore work for the visit', async ({ page, planner: p }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', { configurable: true, value: undefined });
    });
    await p.open('en');
    await p.newPlan('grocery');
    const spend = ((await p.cell('channel-grid', 0, 'driver.spend').textContent()) ?? '').trim();
    await openHistory(page);
    await expect(page.getByRole('note').filter({ hasText: 'only until the tab closes' })).toBeVisible();
    await saveSnapshot(page, 'In memory');

    await page.getByTestId('tab-channels').click();
    await p.editCell('channel-grid', 0, 'driver.spend', '500,000');
    await expect(p.cell('channel-grid', 0, 'driver.spend')).toHaveText('¥500,000');

    // Snapshots outlive a visit to the plan list within the tab.
    await p.goHome();
    await page.getByTestId('plan-link').first().click();
    await openHistory(page);
    await expect(rows(page)).toHaveCount(1);
    await rows(page).first().getByTestId('snapshot-restore').click();
    await expect(rows(page)).toHaveCount(2);
    await page.getByTestId('tab-channels').click();
    await expect(p.cell('channel-grid', 0, 'driver.spend')).toHaveText(spend);
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'error');
  });
});
