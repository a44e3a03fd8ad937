import { expect, test } from './fixtures';

const BEAUTY = 'Beauty brand: e-commerce + experience stores + private community';
const GROCERY = 'Grocery chain in lower-tier markets: group-buy + front warehouses + stores';
const RENAMED = 'Spring launch 2027';

/** "3 channels · 24 months from …" → 3 */
async function channelCount(item: import('@playwright/test').Locator): Promise<number> {
  const text = (await item.locator('.muted').first().textContent()) ?? '';
  const m = /(\d+) channels/.exec(text);
  expect(m, `channel count in "${text}"`).not.toBeNull();
  return Number(m![1]);
}

test.describe('plan list', () => {
  test('create two plans, rename, duplicate, delete + undo, reload', async ({ page, planner: p }) => {
    await p.open('en');
    await expect(page.getByTestId('empty-plans')).toBeVisible();

    await p.newPlan('beauty');
    await expect(page.getByTestId('plan-title')).toHaveText(BEAUTY);
    await p.goHome();
    await p.newPlan('grocery');
    await expect(page.getByTestId('plan-title')).toHaveText(GROCERY);
    await p.goHome();

    await expect(page.getByTestId('plan-item')).toHaveCount(2);
    await expect(p.planItem(BEAUTY)).toBeVisible();
    await expect(p.planItem(GROCERY)).toBeVisible();

    // Rename inline: Rename → input → Enter.
    await p.planItem(BEAUTY).getByTestId('rename').click();
    const input = page.getByTestId('rename-input');
    await expect(input).toHaveValue(BEAUTY);
    await input.fill(RENAMED);
    await input.press('Enter');
    await expect(input).toHaveCount(0);
    await expect(p.planItem(RENAMED)).toBeVisible();
    await expect(p.planItem(BEAUTY)).toHaveCount(0);

    // Open it: the header shows the new name.
    await p.planItem(RENAMED).getByTestId('plan-link').click();
    await expect(page.getByTestId('plan-title')).toHaveText(RENAMED);
    await p.waitForKpis();
    await p.goHome();

    // Duplicate the grocery plan: "Copy of …" with the same channel count.
    const groceryChannels = await channelCount(p.planItem(GROCERY));
    expect(groceryChannels).toBe(3);
    await p.planItem(GROCERY).getByTestId('duplicate').click();
    const copy = p.planItem(`Copy of ${GROCERY}`);
    await expect(copy).toBeVisible();
    await expect(page.getByTestId('plan-item')).toHaveCount(3);
    expect(await channelCount(copy)).toBe(groceryChannels);

    // Delete the renamed plan: gone; the toast's Undo brings it back.
    await p.planItem(RENAMED).getByTestId('delete').click();
    await expect(p.planItem(RENAMED)).toHaveCount(0);
    await expect(page.getByTestId('plan-item')).toHaveCount(2);
    const toast = p.toastWith(RENAMED);
    await expect(toast).toBeVisible();
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect(p.planItem(RENAMED)).toBeVisible();
    await expect(page.getByTestId('plan-item')).toHaveCount(3);

    const before = await p.planNames();
    expect([...before].sort()).toEqual([`Copy of ${GROCERY}`, GROCERY, RENAMED].sort());

    // Reload: the list is as left.
    await page.reload();
    await expect(page.getByTestId('plan-item')).toHaveCount(3);
    expect(await p.planNames()).toEqual(before);
    expect(await channelCount(p.planItem(`Copy of ${GROCERY}`))).toBe(groceryChannels);

    // The restored plan still opens with its content.
    const renamedChannels = await channelCount(p.planItem(RENAMED));
    await p.planItem(RENAMED).getByTestId('plan-link').click();
    await expect(page.getByTestId('plan-title')).toHaveText(RENAMED);
    await p.waitForKpis();
    await expect(p.rows('channel-grid')).toHaveCount(renamedChannels);
  });

  test('blank template: one example row; Add channel adds a row and moves the KPIs', async ({ page, planner: p }) => {
    await p.open('en');
    await p.newPlan('blank');
    await expect(page.getByTestId('plan-title')).toHaveText('New plan');
    await expect(p.rows('channel-grid')).toHaveCount(1);
    await expect(p.cell('channel-grid', 0, 'name')).toHaveText('Example channel (rename me)');

    const revenue0 = await p.kpi('netRevenue');
    const contribution0 = await p.kpi('contribution');
    await page.getByTestId('add-channel').click();
    await expect(p.rows('channel-grid')).toHaveCount(2);
    await expect(p.cell('channel-grid', 1, 'name')).toHaveText('New channel 2');
    const revenue1 = await p.kpiChangedFrom('netRevenue', revenue0);
    expect(revenue1).toBeGreaterThan(revenue0);
    await expect.poll(() => p.kpi('contribution')).not.toBe(contribution0);

    // The new row is saved with the plan.
    await p.saved();
    await page.reload();
    await p.waitForKpis();
    await expect(p.rows('channel-grid')).toHaveCount(2);
    expect(await p.kpi('netRevenue')).toBe(revenue1);
  });

  test('Remove channel of the last row, then the toast\'s Undo restores it', async ({ page, planner: p }) => {
    await p.open('en');
    await p.newPlan('blank');
    // Nothing is selected yet: Remove is disabled.
    await expect(page.getByTestId('remove-channel')).toBeDisabled();
    const revenue0 = await p.kpi('netRevenue');
    await page.getByTestId('add-channel').click();
    await expect(p.rows('channel-grid')).toHaveCount(2);
    const revenue1 = await p.kpiChangedFrom('netRevenue', revenue0);

    await p.cell('channel-grid', 1, 'name').click();
    await page.getByTestId('remove-channel').click();
    await expect(p.rows('channel-grid')).toHaveCount(1);
    await expect.poll(() => p.kpi('netRevenue')).toBe(revenue0);
    const toast = p.toastWith('Removed “New channel 2”');
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect(p.rows('channel-grid')).toHaveCount(2);
    await expect.poll(() => p.columnTexts('channel-grid', 'name')).toEqual(['Example channel (rename me)', 'New channel 2']);
    await expect.poll(() => p.kpi('netRevenue')).toBe(revenue1);
  });

  test('Remove channel of a middle row, then the toast\'s Undo restores it (and keeps the others)', async ({ page, planner: p }) => {
    await p.open('en');
    await p.newPlan('blank');
    await page.getByTestId('add-channel').click();
    await expect(p.rows('channel-grid')).toHaveCount(2);
    await page.getByTestId('add-channel').click();
    await expect(p.rows('channel-grid')).toHaveCount(3);
    await p.waitForKpis();
    await expect.poll(() => p.columnTexts('channel-grid', 'name')).toEqual(['Example channel (rename me)', 'New channel 2', 'New channel 3']);
    const revenue3 = await p.kpi('netRevenue');

    await p.cell('channel-grid', 1, 'name').click();
    await page.getByTestId('remove-channel').click();
    await expect(p.rows('channel-grid')).toHaveCount(2);
    expect(await p.columnTexts('channel-grid', 'name')).toEqual(['Example channel (rename me)', 'New channel 3']);
    await p.kpiChangedFrom('netRevenue', revenue3);
    const toast = p.toastWith('Removed “New channel 2”');
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect(p.rows('channel-grid')).toHaveCount(3);
    await expect.poll(() => p.columnTexts('channel-grid', 'name')).toEqual(['Example channel (rename me)', 'New channel 2', 'New channel 3']);
    await expect.poll(() => p.kpi('netRevenue')).toBe(revenue3);

    // Removed again, a channel added next is not a second "New channel 3".
    await p.cell('channel-grid', 1, 'name').click();
    await page.getByTestId('remove-channel').click();
    await expect(p.rows('channel-grid')).toHaveCount(2);
    await page.getByTestId('add-channel').click();
    await expect.poll(() => p.columnTexts('channel-grid', 'name')).toEqual(['Example channel (rename me)', 'New channel 3', 'New channel 4']);
  });

  test('Move up / Move down reorder the rows and the order is saved', async ({ page, planner: p }) => {
    await p.open('en');
    await p.newPlan('blank');
    await page.getByTestId('add-channel').click();
    await expect(p.rows('channel-grid')).toHaveCount(2);
    await page.getByTestId('add-channel').click();
    await expect(p.rows('channel-grid')).toHaveCount(3);
    await expect.poll(() => p.columnTexts('channel-grid', 'name')).toEqual(['Example channel (rename me)', 'New channel 2', 'New channel 3']);
    await p.waitForKpis();
    const revenue = await p.kpi('netRevenue');

    await p.cell('channel-grid', 2, 'name').click();
    await expect(page.getByTestId('move-down')).toBeDisabled();
    await page.getByTestId('move-up').click();
    await expect.poll(() => p.columnTexts('channel-grid', 'name')).toEqual(['Example channel (rename me)', 'New channel 3', 'New channel 2']);
    await page.getByTestId('move-up').click();
    await expect.poll(() => p.columnTexts('channel-grid', 'name')).toEqual(['New channel 3', 'Example channel (rename me)', 'New channel 2']);
    await expect(page.getByTestId('move-up')).toBeDisabled();
    await page.getByTestId('move-down').click();
    await expect.poll(() => p.columnTexts('channel-grid', 'name')).toEqual(['Example channel (rename me)', 'New channel 3', 'New channel 2']);
    // A whole-plan total does not depend on the order.
    await expect.poll(() => p.kpi('netRevenue')).toBe(revenue);

    await p.saved();
    await page.reload();
    await p.waitForKpis();
    await expect.poll(() => p.columnTexts('channel-grid', 'name')).toEqual(['Example channel (rename me)', 'New channel 3', 'New channel 2']);
  });

  test('the toast\'s Undo restores the removed channel even after a later edit', async ({ page, planner: p }) => {
    await p.open('en');
    await p.newPlan('blank');
    await page.getByTestId('add-channel').click();
    await expect(p.rows('channel-grid')).toHaveCount(2);
    await p.cell('channel-grid', 1, 'name').click();
    await page.getByTestId('remove-channel').click();
    await expect(p.rows('channel-grid')).toHaveCount(1);
    const toast = p.toastWith('Removed “New channel 2”');
    await expect(toast).toBeVisible();
    // Another edit before clicking the toast's Undo.
    await p.editCell('channel-grid', 0, 'driver.spend', '7,000');
    await expect(p.cell('channel-grid', 0, 'driver.spend')).toHaveText('¥7,000.00');
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect(p.rows('channel-grid')).toHaveCount(2);
    await expect(p.cell('channel-grid', 1, 'name')).toHaveText('New channel 2');
    await expect(p.cell('channel-grid', 0, 'driver.spend')).toHaveText('¥7,000.00');
  });
});
