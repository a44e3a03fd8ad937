import { expect, test } from './fixtures';

test('case 12: an edit closed within the save delay is there on reopen', async ({ page, context, planner: p }) => {
  await p.open('en');
  await p.newPlan('beauty');
  await p.saved();
  const url = page.url();
  await p.editCell('channel-grid', 0, 'driver.spend', '777,777');
  await expect(p.cell('channel-grid', 0, 'driver.spend')).toHaveText('¥777,777');
  // Close at once: no waiting for "Saved".
  await page.close({ runBeforeUnload: true });
  const again = await context.newPage();
  await again.goto(url);
  await expect(again.getByTestId('channel-grid').locator('.ag-row[row-index="0"] [col-id="driver.spend"]').first()).toHaveText('¥777,777');
  await expect(again.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
});

test('case 36: markup in names is shown as text, never run', async ({ page, planner: p }) => {
  const channelName = '<img src=x onerror=window.__x=1>';
  const planName = '<b>bold</b><img src=x onerror=window.__x=2>';
  await p.open('en');
  await p.newPlan('beauty');
  await p.editCell('channel-grid', 0, 'name', channelName);
  await expect(p.cell('channel-grid', 0, 'name')).toHaveText(channelName);
  // Tooltip of the chart lists the channel name (HTML tooltip: must be escaped).
  const chart = page.getByTestId('chart-mix');
  const box = await chart.boundingBox();
  if (!box) throw new Error('chart not laid out');
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.6);
  await expect(chart.getByText(channelName, { exact: false }).first()).toBeVisible();
  // The plan name in the header and the plan list.
  await page.getByTestId('tab-settings').click();
  await page.getByTestId('plan-name').fill(planName);
  await page.getByTestId('plan-name').press('Tab');
  await expect(page.getByTestId('plan-title')).toHaveText(planName);
  // A toast that names the channel.
  await page.getByTestId('tab-channels').click();
  await p.cell('channel-grid', 0, 'name').click();
  await page.getByTestId('remove-channel').click();
  await expect(p.toast()).toContainText(channelName);
  await page.goto('./#/');
  await expect(page.getByTestId('plan-link').first()).toHaveText(planName);
  expect(await page.evaluate(() => (window as unknown as { __x?: number }).__x)).toBeUndefined();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('b', { hasText: 'bold' })).toHaveCount(0);
});
