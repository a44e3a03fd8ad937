import { expect, test } from './fixtures';

test.describe('a planner works through a plan', () => {
  test('template → edit both grids → paste → charts and KPIs follow → undo → reload', async ({ page, planner: p }) => {
    await p.open('en');
    await p.newPlan('beauty');

    // Channel grid: raise the first channel's monthly spend.
    const revenue0 = await p.kpi('netRevenue');
    const mixRenders = await p.chartRenders('chart-mix');
    await p.editCell('channel-grid', 0, 'driver.spend', '2,000,000');
    await expect(p.cell('channel-grid', 0, 'driver.spend')).toHaveText('¥2,000,000');
    const revenue1 = await p.kpiChangedFrom('netRevenue', revenue0);
    expect(revenue1).toBeGreaterThan(revenue0);
    // The total row under the grid follows the edit: it shows the tile's net revenue (whole yuan).
    const totalNet = async (): Promise<number> => Number((await p.readCell('channel-grid', 'total', 'metric.netRevenue')).replace(/[¥,]/g, ''));
    await expect.poll(totalNet).toBe(Math.round(revenue1 / 100));
    await p.showColumn('channel-grid', 'driver.conversion');
    // The chart sits under the grid: it draws the edit once it is scrolled into view.
    await page.getByTestId('chart-mix').scrollIntoViewIfNeeded();
    await expect.poll(() => p.chartRenders('chart-mix')).toBeGreaterThan(mixRenders);

    // Paste a 2 × 2 block copied from a spreadsheet (conversion, AOV) at row 2. Headless Chromium
    // does not turn Ctrl+V into a paste event, so the test dispatches the event the browser would.
    await p.cell('channel-grid', 1, 'driver.conversion').click();
    await p.paste('channel-grid', '25%\t320\r\n9%\t230\r\n');
    await expect(p.cell('channel-grid', 1, 'driver.conversion')).toHaveText('25%');
    await expect(p.cell('channel-grid', 1, 'driver.aov')).toHaveText('¥320.00');
    await expect(p.cell('channel-grid', 2, 'driver.conversion')).toHaveText('9%');
    await expect(p.cell('channel-grid', 2, 'driver.aov')).toHaveText('¥230.00');
    const revenue2 = await p.kpiChangedFrom('netRevenue', revenue1);

    // Period grid: override one month of spend; the cell is highlighted.
    await page.getByTestId('tab-periods').click();
    await expect(p.cell('period-grid', 0, 'b.2027-03')).toBeVisible();
    await p.editCell('period-grid', 0, 'b.2027-03', '0');
    await expect(p.cell('period-grid', 0, 'b.2027-03')).toHaveClass(/overridden/);
    await expect(p.cell('period-grid', 0, 'b.2027-03')).toHaveText('¥0.00');
    const revenue3 = await p.kpiChangedFrom('netRevenue', revenue2);
    expect(revenue3).toBeLessThan(revenue2);

    // A metric in the period grid follows too, and is read-only.
    await page.getByTestId('period-select').selectOption('metric:netRevenue');
    await expect(p.cell('period-grid', 0, 'b.2027-03')).not.toHaveText('');
    // Roll-ups: by channel type and by quarter.
    await page.getByTestId('group-by').selectOption('type');
    await page.getByTestId('granularity').selectOption('quarter');
    await expect(p.cell('period-grid', 0, 'name')).toHaveText('E-commerce platform');
    await expect(p.cell('period-grid', 0, 'b.2027-Q1')).toContainText('¥');
    await page.getByTestId('group-by').selectOption('channel');

    // Undo the override (Ctrl+Z) and the paste; redo the paste.
    await page.getByTestId('period-select').selectOption('driver:spend');
    await p.cell('period-grid', 1, 'b.2027-01').click();
    await page.keyboard.press('Control+z');
    await expect(p.cell('period-grid', 0, 'b.2027-03')).not.toHaveClass(/overridden/);
    await expect.poll(() => p.kpi('netRevenue')).toBe(revenue2);
    await page.keyboard.press('Control+z');
    await expect.poll(() => p.kpi('netRevenue')).toBe(revenue1);
    await page.keyboard.press('Control+y');
    await expect.poll(() => p.kpi('netRevenue')).toBe(revenue2);
    await p.saved();

    // Reload: everything as left, undo history included.
    await page.reload();
    await p.waitForKpis();
    expect(await p.kpi('netRevenue')).toBe(revenue2);
    await page.getByTestId('tab-channels').click();
    await expect(p.cell('channel-grid', 1, 'driver.conversion')).toHaveText('25%');
    await expect(p.cell('channel-grid', 0, 'driver.spend')).toHaveText('¥2,000,000');
    await page.getByTestId('undo').click();
    await expect(p.cell('channel-grid', 1, 'driver.conversion')).toHaveText('22%');
    await expect.poll(() => p.kpi('netRevenue')).toBe(revenue1);
  });
});
