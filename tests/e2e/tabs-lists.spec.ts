import type { Page } from '@playwright/test';
import { SAVE_DEBOUNCE_MS } from '../../src/state/planSaver.svelte';
import { expect, test } from './fixtures';
import { Planner } from './planner';

/**
 * Two real tabs of one plan. Tab A's save is held back (its debounced save timer is kept until
 * released), so A's edit stays unsaved while tab B reorders, inserts or deletes rows and saves; then
 * A's save goes ahead. A hears of B's save first and replays its edit on B's version, then saves:
 * every edit must land on the item it was made on, or be reported — and nothing else may change.
 */
async function holdSaves(page: Page): Promise<{ release: () => Promise<void> }> {
  await page.evaluate((debounce) => {
    const held: (() => void)[] = [];
    const real = window.setTimeout.bind(window);
    const w = window as unknown as { __held: (() => void)[]; __release: () => void };
    w.__held = held;
    window.setTimeout = ((fn: () => void, ms?: number, ...rest: unknown[]) => {
      if (ms === debounce) {
        held.push(fn);
        return 0;
      }
      return real(fn, ms, ...rest);
    }) as typeof window.setTimeout;
    w.__release = () => {
      window.setTimeout = real as typeof window.setTimeout;
      for (const fn of held.splice(0)) fn();
    };
  }, SAVE_DEBOUNCE_MS);
  return { release: () => page.evaluate(() => (window as unknown as { __release: () => void }).__release()) };
}

async function twoTabs(a: Planner, page: Page): Promise<{ b: Planner; page2: Page }> {
  await a.open('en');
  await a.newPlan('beauty');
  await a.saved();
  const page2 = await page.context().newPage();
  const b = new Planner(page2);
  await page2.goto(page.url());
  await expect(b.cell('channel-grid', 0, 'name')).toBeVisible();
  return { b, page2 };
}

/** Channel names as the grid shows them, top to bottom. */
const names = (p: Planner) => p.columnTexts('channel-grid', 'name');

test.describe('several tabs: rows moved, added and removed while the other tab has unsaved edits', () => {
  test('case 47: B moves a row while A has an unsaved edit of another row; both land where they were made', async ({ page, planner: a }) => {
    const { b, page2 } = await twoTabs(a, page);
    const before = await names(a);
    const held = await holdSaves(page);
    await a.editCell('channel-grid', 0, 'name', 'Flagship (renamed in A)');
    await b.cell('channel-grid', 1, 'name').click();
    await page2.getByTestId('move-up').click();
    await b.saved();
    await held.release();
    await a.saved();

    const expected = [before[1], 'Flagship (renamed in A)', ...before.slice(2)];
    await expect.poll(() => names(a)).toEqual(expected);
    await expect.poll(() => names(b)).toEqual(expected);
    // A move changes no value: no tab says that a value was changed again elsewhere.
    await expect(page.getByTestId('toast')).toHaveCount(0);
    await page.reload();
    await expect.poll(() => names(a)).toEqual(expected);
    await page2.close();
  });

  test('case 47: B deletes the row A is editing; A is told its edit was not applied, and no other row changes', async ({ page, planner: a }) => {
    const { b, page2 } = await twoTabs(a, page);
    const before = await names(a);
    const spendBefore = await a.columnTexts('channel-grid', 'driver.spend');
    const held = await holdSaves(page);
    await a.editCell('channel-grid', 1, 'driver.spend', '777777');
    await b.cell('channel-grid', 1, 'name').click();
    await page2.getByTestId('remove-channel').click();
    await b.saved();
    await held.release();

    const expected = before.filter((_, i) => i !== 1);
    await expect.poll(() => names(a)).toEqual(expected);
    await expect(a.toast()).toContainText('was not applied');
    await a.saved();
    // Nobody's spend became 777,777: the edit did not move to the neighbour.
    await expect.poll(() => a.columnTexts('channel-grid', 'driver.spend')).toEqual(spendBefore.filter((_, i) => i !== 1));
    await page.reload();
    await expect.poll(() => names(a)).toEqual(expected);
    await page2.close();
  });

  test('case 47: B adds a row at the top of the order while A renames the third row; the name goes to that channel', async ({ page, planner: a }) => {
    const { b, page2 } = await twoTabs(a, page);
    const before = await names(a);
    const held = await holdSaves(page);
    await a.editCell('channel-grid', 2, 'name', 'Third (renamed in A)');
    await page2.getByTestId('add-channel').click();
    // The new channel is last; move it to the top.
    for (let i = 0; i < before.length; i++) await page2.getByTestId('move-up').click();
    await b.saved();
    await held.release();
    await a.saved();

    await expect.poll(async () => (await names(a)).slice(1)).toEqual([before[0], before[1], 'Third (renamed in A)', ...before.slice(3)]);
    await expect.poll(async () => (await names(b)).slice(1)).toEqual([before[0], before[1], 'Third (renamed in A)', ...before.slice(3)]);
    expect((await names(a))[0]).not.toBe(before[0]);
    await page2.close();
  });

  test('case 47: Ctrl+Z in A after B moved a row undoes A\'s edit only', async ({ page, planner: a }) => {
    const { b, page2 } = await twoTabs(a, page);
    const before = await names(a);
    await a.editCell('channel-grid', 1, 'name', 'Renamed in A');
    await a.saved();
    await b.cell('channel-grid', 2, 'name').click();
    await page2.getByTestId('move-up').click();
    await b.saved();
    const moved = [before[0], before[2], before[1], ...before.slice(3)];
    await expect.poll(() => names(a)).toEqual([before[0], before[2], 'Renamed in A', ...before.slice(3)]);
    await page.getByTestId('undo').click();
    await a.saved();
    await expect.poll(() => names(a)).toEqual(moved);
    await expect.poll(() => names(b)).toEqual(moved);
    await page2.close();
  });

  test('case 47: B deletes one scenario and renames another while A has an unsaved rename of a third; each lands on its own scenario', async ({ page, planner: a }) => {
    const { b, page2 } = await twoTabs(a, page);
    // Three scenarios, made in A and seen by B.
    await page.getByTestId('tab-scenarios').click();
    for (let i = 0; i < 3; i++) await page.getByTestId('scenario-new').click();
    await a.saved();
    const names = () => page.getByTestId('scenario-item').allTextContents();
    const before = await names();
    expect(before).toHaveLength(3);
    await page2.getByTestId('tab-scenarios').click();
    await expect(page2.getByTestId('scenario-item')).toHaveCount(3);

    // A renames the third scenario; its save is held.
    const held = await holdSaves(page);
    await page.getByTestId('scenario-item').nth(2).click();
    await page.getByTestId('scenario-name').fill('Third (renamed in A)');
    await page.getByTestId('scenario-name').press('Enter');
    // B deletes the first and renames the second, and saves.
    await page2.getByTestId('scenario-delete').first().click();
    await page2.getByTestId('scenario-item').first().click();
    await page2.getByTestId('scenario-name').fill('Second (renamed in B)');
    await page2.getByTestId('scenario-name').press('Enter');
    await b.saved();
    await held.release();
    await a.saved();

    const expected = ['Second (renamed in B)', 'Third (renamed in A)'];
    await expect.poll(names).toEqual(expected);
    await expect.poll(() => page2.getByTestId('scenario-item').allTextContents()).toEqual(expected);
    await page.reload();
    await page.getByTestId('tab-scenarios').click();
    await expect.poll(names).toEqual(expected);
    await page2.close();
  });
});
