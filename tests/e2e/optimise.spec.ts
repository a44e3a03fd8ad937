import { expect, test } from './fixtures';

test.describe('optimiser, calibration, Monte Carlo and tornado', () => {
  test('optimise a template, apply as scenario, see curves and frontier; bounds, frozen, infeasible', async ({ page, planner: p }) => {
    await p.open('en');
    await p.newPlan('beauty');
    await page.getByTestId('tab-optimise').click();
    await page.getByTestId('opt-run').click();
    const headline = page.getByTestId('opt-headline');
    await expect(headline).toBeVisible();
    const optimal = Number(await headline.getAttribute('data-objective'));
    const today = Number(await headline.getAttribute('data-today'));
    expect(optimal).toBeGreaterThanOrEqual(today);
    await expect(page.getByTestId('opt-table').locator('tbody tr')).toHaveCount(4);
    await expect(page.getByTestId('chart-curves')).toBeVisible();
    await expect(page.getByTestId('chart-frontier')).toBeVisible();

    // Apply: a new scenario is shown, and its contribution is the optimiser's (up to rounding).
    await page.getByTestId('opt-apply').click();
    await expect(page.getByTestId('scenario-view')).not.toHaveValue('');
    await expect.poll(async () => Math.abs((await p.kpi('contribution')) - optimal) / Math.abs(optimal)).toBeLessThan(0.002);

    // Freeze the first channel: its optimal spend stays as today.
    await page.getByTestId('scenario-view').selectOption('');
    await page.locator('details.bounds summary').click();
    await page.getByTestId('opt-frozen').first().check();
    await page.getByTestId('opt-run').click();
    const firstRow = page.getByTestId('opt-table').locator('tbody tr').first();
    await expect.poll(async () => (await firstRow.locator('td').nth(1).innerText()) === (await firstRow.locator('td').nth(2).innerText())).toBe(true);
    await expect(firstRow.locator('td').nth(3)).toContainText('¥0');

    // A budget smaller than the frozen channel alone is infeasible, with a clear message.
    await page.getByTestId('opt-budget').fill('1000');
    await page.getByTestId('opt-run').click();
    await expect(page.getByTestId('opt-error')).toBeVisible();
  });

  test('fit a response curve from observed points and use it', async ({ page, planner: p }) => {
    await p.open('en');
    await p.newPlan('beauty');
    await page.getByTestId('tab-optimise').click();
    // Points on a known Hill curve (max 40,000, half-saturation ¥300,000, shape 1.5), with a little noise.
    const hill = (s: number) => (40000 * s ** 1.5) / (300000 ** 1.5 + s ** 1.5);
    const spends = [60000, 120000, 200000, 300000, 450000, 700000, 1000000];
    const noise = [1.02, 0.98, 1.01, 0.99, 1.015, 0.985, 1.0];
    await page.getByTestId('cal-points').fill(spends.map((s, i) => `${s}, ${Math.round(hill(s) * noise[i])}`).join('\n'));
    await page.getByTestId('cal-fit').click();
    const result = page.getByTestId('cal-result');
    await expect(result).toBeVisible();
    expect(Number(await result.getAttribute('data-r2'))).toBeGreaterThan(0.99);
    await page.getByTestId('cal-apply').click();
    // The channel's curve is now the fitted one (half-saturation in minor units).
    const current = page.getByTestId('cal-current');
    await expect(current).toContainText(/Current curve: Hill · /);
    await expect.poll(async () => Number(await current.getAttribute('data-halfsat'))).toBeGreaterThan(24_000_000);
    expect(Number(await current.getAttribute('data-halfsat'))).toBeLessThan(36_000_000);
    expect(Number(await current.getAttribute('data-shape'))).toBeGreaterThan(1.2);
    expect(Number(await current.getAttribute('data-shape'))).toBeLessThan(1.8);
    // The fit is undoable like any edit.
    await page.getByTestId('undo').click();
    await expect(current).toHaveAttribute('data-halfsat', '120000000');
    // Too few points are refused with a reason.
    await page.getByTestId('cal-points').fill('100000, 5000\n200000, 8000');
    await page.getByTestId('cal-fit').click();
    await expect(page.getByTestId('cal-refused')).toBeVisible();
  });

  test('Monte Carlo with progress and cancel, same seed same answer; tornado', async ({ page, planner: p }) => {
    await p.open('en');
    await p.newPlan('beauty');
    await page.getByTestId('tab-risk').click();
    await page.getByTestId('mc-add').click();
    await page.getByTestId('mc-add').click();
    await expect(page.getByTestId('mc-range')).toHaveCount(2);
    await expect(page.getByTestId('chart-tornado')).toBeVisible();

    // A long run, cancelled part-way.
    await page.getByTestId('mc-draws').fill('100000');
    await page.getByTestId('mc-run').click();
    await expect(page.getByTestId('mc-progress')).toBeVisible();
    await page.getByTestId('mc-cancel').click();
    await expect(p.toast()).toContainText('cancelled');
    await expect(page.getByTestId('mc-run')).toBeVisible();

    // A full run of 10,000 draws with a target.
    await page.getByTestId('mc-draws').fill('10000');
    await page.getByTestId('mc-target').fill('40,000,000');
    await page.getByTestId('mc-run').click();
    const summary = page.getByTestId('mc-summary');
    await expect(summary).toHaveAttribute('data-draws', '10000', { timeout: 30_000 });
    // The workers ran the WebAssembly SIMD kernels (compiled under the app's policy), not the JS fallback.
    await expect(summary).toHaveAttribute('data-kernel', 'wasm-simd');
    await expect(page.getByTestId('mc-probability')).toBeVisible();
    await expect(page.getByTestId('chart-fan-net')).toBeVisible();
    await expect(page.getByTestId('chart-histogram')).toBeVisible();
    const p50 = await summary.getAttribute('data-p50');
    await page.getByTestId('mc-run').click();
    await expect(summary).toHaveAttribute('data-draws', '10000', { timeout: 30_000 });
    await expect(summary).toHaveAttribute('data-p50', p50 ?? '');
  });
});
