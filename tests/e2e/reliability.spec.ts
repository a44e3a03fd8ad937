import type { Page } from '@playwright/test';
import { hoverChart } from './charts';
import { expect, test } from './fixtures';
import { Planner } from './planner';

/** The fixture watches only the first page; a page opened later reports into the same list. */
function watch(page: Page, errors: string[]): void {
  page.on('pageerror', (e) => errors.push(`pageerror (second page): ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console (second page): ${m.text()}`);
  });
}

test.describe('reliability (RELIABILITY.md)', () => {
  test('case 12: an edit closed within the save delay is there on reopen', async ({ page, context, planner: p, pageErrors }) => {
    await p.open('en');
    await p.newPlan('beauty');
    await p.saved();
    const url = page.url();
    expect(url).toMatch(/#\/plan\/[\w-]+\/channels$/);
    const revenue0 = await p.kpi('netRevenue');

    await p.editCell('channel-grid', 0, 'driver.spend', '2,345,678');
    await expect(p.cell('channel-grid', 0, 'driver.spend')).toHaveText('¥2,345,678');
    // Close at once: no waiting for "Saved".
    const closed = page.waitForEvent('close');
    await page.close({ runBeforeUnload: true });
    await closed;

    const page2 = await context.newPage();
    watch(page2, pageErrors);
    const p2 = new Planner(page2);
    await page2.goto(url);
    await expect(p2.cell('channel-grid', 0, 'driver.spend')).toHaveText('¥2,345,678');
    await p2.waitForKpis();
    await expect.poll(() => p2.kpi('netRevenue')).not.toBe(revenue0);
    // The recovered edit reaches IndexedDB and stays undoable.
    await p2.saved();
    await expect(page2.getByTestId('undo')).toBeEnabled();

    // And it is in IndexedDB, not only in the localStorage journal: a third visit after the journal
    // is gone still finds it.
    await page2.evaluate(() => {
      for (const k of Object.keys(localStorage)) if (k.startsWith('cmp.unsaved.')) localStorage.removeItem(k);
    });
    await page2.reload();
    await expect(p2.cell('channel-grid', 0, 'driver.spend')).toHaveText('¥2,345,678');
  });

  test('case 36: markup in names is shown as text everywhere', async ({ page, planner: p }) => {
    const CHANNEL = '<img src=x onerror=window.__x=1>';
    const PLAN = '<b>bold</b><img src=x onerror=window.__x=2>';
    const REGION = '<img src=x onerror=window.__x=3>';

    await p.open('en');
    expect(await page.evaluate(() => (window as unknown as { __x?: unknown }).__x)).toBeUndefined();
    await p.newPlan('beauty');

    // A channel name typed into the grid.
    await p.editCell('channel-grid', 0, 'name', CHANNEL);
    await expect(p.cell('channel-grid', 0, 'name')).toHaveText(CHANNEL);

    // The plan name from Settings, and a region with a markup name.
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('plan-name').fill(PLAN);
    await page.getByTestId('plan-name').press('Tab');
    await expect(page.getByTestId('plan-title')).toHaveText(PLAN);
    await page.getByTestId('add-region').click();
    const regionInput = page.getByRole('textbox', { name: 'Region name', exact: true }).last();
    await regionInput.fill(REGION);
    await regionInput.press('Tab');
    await expect(regionInput).toHaveValue(REGION);

    // The channel serves the region: its name shows in the grid's Regions column and as a row label.
    await page.getByTestId('tab-channels').click();
    await p.editCell('channel-grid', 0, 'regions', REGION);
    await expect(p.cell('channel-grid', 0, 'regions')).toHaveText(REGION);
    await page.getByTestId('tab-periods').click();
    await page.getByTestId('period-select').selectOption('metric:netRevenue');
    await page.getByTestId('group-by').selectOption('region');
    await expect(p.grid('period-grid').getByText(REGION, { exact: true })).toBeVisible();
    await page.getByTestId('group-by').selectOption('channel');
    await expect(p.grid('period-grid').getByText(CHANNEL, { exact: true })).toBeVisible();

    // The mix chart's tooltip (HTML) lists the channel by name, as text.
    await page.getByTestId('tab-channels').click();
    const chart = page.getByTestId('chart-mix');
    await expect(chart).toBeVisible();
    await hoverChart(page, 'chart-mix', CHANNEL);
    await expect(chart.getByText(CHANNEL)).toBeVisible();

    // The grid cell shows it literally.
    await expect(p.cell('channel-grid', 0, 'name')).toHaveText(CHANNEL);
    await expect(p.grid('channel-grid').getByText(CHANNEL, { exact: true })).toBeVisible();

    // Removing the channel puts its name into a toast.
    await p.cell('channel-grid', 0, 'name').click();
    await page.getByTestId('remove-channel').click();
    const toast = p.toastWith(CHANNEL);
    await expect(toast).toBeVisible();
    await expect(toast.getByText(`Removed “${CHANNEL}”.`, { exact: true })).toBeVisible();

    // The plan list shows the plan name as text.
    await p.goHome();
    await expect(p.planItem(PLAN)).toBeVisible();
    await expect(p.planItem(PLAN).getByTestId('plan-link')).toHaveText(PLAN);
    await expect(page.locator('b', { hasText: 'bold' })).toHaveCount(0);

    expect(await page.evaluate(() => (window as unknown as { __x?: unknown }).__x)).toBeUndefined();
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
  });

  for (const variant of ['throws', 'undefined'] as const) {
    test(`case 5 (partial): no IndexedDB (window.indexedDB ${variant}) → in-memory mode with a banner`, async ({ page, planner: p }) => {
      await page.addInitScript((v) => {
        if (v === 'throws') {
          Object.defineProperty(window, 'indexedDB', {
            configurable: true,
            get() {
              throw new Error('disabled');
            },
          });
        } else {
          Object.defineProperty(window, 'indexedDB', { configurable: true, value: undefined });
        }
      }, variant);
      await p.open('en');

      const banner = page.getByRole('alert').filter({ hasText: 'store data' });
      await expect(banner).toBeVisible();
      await expect(banner).toContainText('Not saved');

      await p.newPlan('grocery');
      await expect(page.getByTestId('plan-title')).toHaveText('Grocery chain in lower-tier markets: group-buy + front warehouses + stores');
      await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'error');
      const revenue0 = await p.kpi('netRevenue');
      await p.editCell('channel-grid', 0, 'driver.spend', '500,000');
      await expect(p.cell('channel-grid', 0, 'driver.spend')).toHaveText('¥500,000');
      const revenue1 = await p.kpiChangedFrom('netRevenue', revenue0);
      expect(revenue1).not.toBe(revenue0);
      // Undo works in memory; the status never claims "saved".
      await page.getByTestId('undo').click();
      await expect(p.cell('channel-grid', 0, 'driver.spend')).toHaveText('¥120,000');
      await expect.poll(() => p.kpi('netRevenue')).toBe(revenue0);
      await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'error');
      await expect(banner).toBeVisible();
    });
  }

  test('case 5 (partial): in memory, a plan survives a visit to the plan list until the tab closes', async ({ page, planner: p }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', { configurable: true, value: undefined });
    });
    await p.open('en');
    await p.newPlan('grocery');
    await p.editCell('channel-grid', 0, 'driver.spend', '500,000');
    await expect(p.cell('channel-grid', 0, 'driver.spend')).toHaveText('¥500,000');
    await p.goHome();
    const name = 'Grocery chain in lower-tier markets: group-buy + front warehouses + stores';
    await expect(p.planItem(name)).toBeVisible();
    await p.planItem(name).getByTestId('plan-link').click();
    await expect(p.cell('channel-grid', 0, 'driver.spend')).toHaveText('¥500,000');
  });
});

test('case 36: markup in scenario names stays text in scenarios, compare and the workshop', async ({ page, planner: p }) => {
  const evil = '<img src=x onerror=window.__y=1>';
  await p.open('en');
  await p.newPlan('beauty');
  await page.getByTestId('tab-scenarios').click();
  await page.getByTestId('scenario-new').click();
  await page.getByTestId('scenario-name').fill(evil);
  await page.getByTestId('scenario-name').press('Tab');
  await expect(page.getByTestId('scenario-item').first()).toHaveText(evil);
  await page.getByTestId('adjustment-add').click();
  await page.getByTestId('tab-compare').click();
  await expect(page.getByTestId('compare-table')).toContainText(evil);
  const chart = page.getByTestId('chart-compare-mix');
  const box = await chart.boundingBox();
  if (!box) throw new Error('chart not laid out');
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.5);
  await page.getByTestId('open-workshop').click();
  await expect(page.getByTestId('workshop-scenario')).toContainText(evil);
  expect(await page.evaluate(() => (window as unknown as { __y?: number }).__y)).toBeUndefined();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
});
