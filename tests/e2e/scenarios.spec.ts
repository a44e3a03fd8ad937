import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';

/** Drags a range input with real pointer events, from its current position by a fraction of its width. */
async function dragSlider(page: Page, index: number, fraction: number): Promise<void> {
  const slider = page.getByTestId('slider').nth(index);
  const box = await slider.boundingBox();
  if (!box) throw new Error('slider not laid out');
  const value = Number(await slider.inputValue());
  const min = Number(await slider.getAttribute('min'));
  const max = Number(await slider.getAttribute('max'));
  const x0 = box.x + ((value - min) / (max - min)) * box.width;
  const y = box.y + box.height / 2;
  await page.mouse.move(x0, y);
  await page.mouse.down();
  const steps = 8;
  for (let i = 1; i <= steps; i++) await page.mouse.move(x0 + (fraction * box.width * i) / steps, y);
  await page.mouse.up();
}

test.describe('scenarios, what-if, compare, goal seek, workshop', () => {
  test('two scenarios → slider → compare → goal seek → projector → pin → reload', async ({ page, context, planner: p }) => {
    await p.open('en');
    await p.newPlan('beauty');
    const baselineRevenue = await p.kpi('netRevenue');

    // Scenario A with a slider on the first channel's spend.
    await page.getByTestId('tab-scenarios').click();
    await page.getByTestId('scenario-new').click();
    await expect(page.getByTestId('scenario-item')).toHaveCount(1);
    await page.getByTestId('adjustment-add').click();
    await expect(page.getByTestId('adjustment-list').locator('li')).toHaveCount(1);
    await expect(page.getByTestId('adjustment-list')).toContainText('Spend +10%');
    const withTen = await p.kpiChangedFrom('netRevenue', baselineRevenue);
    expect(withTen).toBeGreaterThan(baselineRevenue);
    // Turn its slider on from the adjustment grid (pasting "Yes" into the Slider cell).
    const grid = page.getByTestId('adjustment-grid');
    await grid.locator('.ag-row[row-index="0"] [col-id="slider"]').first().click();
    await p.paste('adjustment-grid', 'Yes');
    await expect(page.getByTestId('slider')).toHaveCount(1);

    // Drag it to the right with the mouse: KPIs follow.
    await dragSlider(page, 0, 0.25);
    const dragged = await p.kpiChangedFrom('netRevenue', withTen);
    expect(dragged).toBeGreaterThan(withTen);
    await expect(page.getByTestId('undo')).toBeEnabled();

    // Scenario B built on the baseline, cutting live-stream spend.
    await page.getByTestId('scenario-new').click();
    await expect(page.getByTestId('scenario-item')).toHaveCount(2);
    await page.getByTestId('scenario-name').fill('Cut live-stream');
    await page.getByTestId('scenario-name').press('Tab');
    await expect(page.getByTestId('scenario-item').nth(1)).toHaveText('Cut live-stream');

    // Compare: KPI deltas and a waterfall.
    await page.getByTestId('tab-compare').click();
    await expect(page.getByTestId('compare-table')).toBeVisible();
    await expect(page.getByTestId('delta-netRevenue-1')).toContainText('+');
    await expect(page.getByTestId('chart-waterfall')).toBeVisible();
    const download = page.waitForEvent('download');
    await page.getByTestId('compare-export-csv').click();
    expect((await download).suggestedFilename()).toMatch(/\.csv$/);

    // Goal seek: the net revenue that +25 % total budget gives, found back.
    await page.getByTestId('tab-scenarios').click();
    await page.getByTestId('scenario-item').nth(1).click();
    await page.getByTestId('goal-target').fill('300,000,000');
    await page.getByTestId('goal-run').click();
    await expect(page.getByTestId('goal-result')).toHaveAttribute('data-status', 'reached');
    // The answer says what it spends and earns: figures the plan shows once it is applied.
    const yuan = (text: string): number[] => [...text.matchAll(/[+−-]?¥[\d,]+(?:\.\d+)?/g)].map((m) => Math.round(Number(m[0].replace(/[^\d.]/g, '')) * 100) * (/^[−-]/.test(m[0]) ? -1 : 1));
    const spendBefore = await p.kpi('spend');
    const contributionBefore = await p.kpi('contribution');
    const [spendFrom, spendTo, spendDelta] = yuan(await page.getByTestId('goal-effect-spend').innerText());
    expect(await page.getByTestId('goal-effect-spend').innerText()).toMatch(/^Spend: ¥[\d,.]+ → ¥[\d,.]+ \([+−]¥[\d,.]+\)\.$/);
    // To the yuan: budget-sized figures are shown in whole yuan, each rounded on its own.
    expect(Math.abs(spendFrom - spendBefore)).toBeLessThanOrEqual(50);
    expect(Math.abs(spendTo - spendFrom - spendDelta)).toBeLessThanOrEqual(100);
    const [contributionFrom, contributionTo] = yuan(await page.getByTestId('goal-effect-contribution').innerText());
    expect(Math.abs(contributionFrom - contributionBefore)).toBeLessThanOrEqual(50);
    // Money lost is said as such, and only then.
    await expect(page.getByTestId('goal-loses-money')).toHaveCount(contributionTo < contributionFrom ? 1 : 0);
    await page.getByTestId('goal-apply').click();
    await expect(page.getByTestId('adjustment-list').locator('li')).toHaveCount(1);
    await expect.poll(async () => Math.abs((await p.kpi('spend')) - spendTo)).toBeLessThanOrEqual(100);
    await expect.poll(async () => Math.abs((await p.kpi('contribution')) - contributionTo)).toBeLessThanOrEqual(100);
    await expect.poll(() => p.kpi('netRevenue')).toBeGreaterThan(299_999_000_00);
    await expect.poll(() => p.kpi('netRevenue')).toBeLessThan(300_001_000_00);
    // An unreachable target says so, with the closest value.
    await page.getByTestId('goal-target').fill('90,000,000,000');
    await page.getByTestId('goal-run').click();
    await expect(page.getByTestId('goal-result')).toHaveAttribute('data-status', 'unreachable');

    // Workshop on scenario A, with the projector window following a slider change.
    await page.getByTestId('scenario-item').nth(0).click();
    await page.getByTestId('open-workshop').click();
    await expect(page.getByTestId('workshop')).toBeVisible();
    const popupPromise = context.waitForEvent('page');
    await page.getByTestId('workshop-projector').click();
    const projector = await popupPromise;
    await expect(projector.getByTestId('projector')).toBeVisible();
    await expect(projector.getByTestId('kpi-netRevenue-value')).not.toHaveAttribute('data-value', '');
    const shown = Number(await projector.getByTestId('kpi-netRevenue-value').getAttribute('data-value'));
    await dragSlider(page, 0, -0.2);
    await expect.poll(async () => Number(await projector.getByTestId('kpi-netRevenue-value').getAttribute('data-value'))).not.toBe(shown);
    // The projector follows every step of the drag; once both settle they show the same figure.
    await expect
      .poll(async () => Number(await projector.getByTestId('kpi-netRevenue-value').getAttribute('data-value')) === (await p.kpi('netRevenue')))
      .toBe(true);
    // Keyboard: 1 focuses the first slider, Shift+→ moves it ten steps.
    const before = await p.kpi('netRevenue');
    await page.keyboard.press('1');
    await page.keyboard.press('Shift+ArrowRight');
    await p.kpiChangedFrom('netRevenue', before);
    // High contrast reaches the projector too.
    await page.getByTestId('workshop-contrast').check();
    await expect(projector.locator('html')).toHaveAttribute('data-theme', 'contrast');
    await page.getByTestId('workshop-pin').click();
    await expect(p.toast()).toContainText('Pinned as');
    await projector.close();

    // Reload: three scenarios (A, pinned copy, B), the adjustments and sliders kept.
    await p.saved();
    await page.goto(page.url().replace(/\/workshop$/, '/scenarios'));
    await page.reload();
    await expect(page.getByTestId('scenario-item')).toHaveCount(3);
    await expect(page.getByTestId('scenario-item').nth(2)).toHaveText('Cut live-stream');
    await page.getByTestId('scenario-item').nth(1).click();
    await expect(page.getByTestId('slider')).toHaveCount(1);
  });
});
