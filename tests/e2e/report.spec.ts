import { expect, test } from './fixtures';

test('printable report: plan summary, scenario comparison, charts and assumptions; print hides the app around it', async ({ page, planner: p }) => {
  await p.open('en');
  await p.newPlan('appliances');
  await page.getByTestId('tab-scenarios').click();
  await page.getByTestId('scenario-new').click();
  await page.getByTestId('open-report').click();
  const report = page.getByTestId('report');
  await expect(report).toHaveAttribute('data-ready', 'true');
  // Baseline and the scenario side by side, eight KPIs (ROI and ROAS both: teams mean either by "ROI").
  await expect(page.getByTestId('report-kpis').locator('thead th')).toHaveCount(3);
  await expect(page.getByTestId('report-kpis').locator('tbody tr')).toHaveCount(8);
  const channels = await page.getByTestId('report-drivers').locator('tbody tr').count();
  expect(channels).toBeGreaterThan(2);
  // Every driver is an assumption the boss may ask about: all ten, in two tables of one row per channel.
  const headers = [...(await page.getByTestId('report-drivers').locator('thead th').allInnerTexts()), ...(await page.getByTestId('report-drivers-more').locator('thead th').allInnerTexts())];
  expect(headers).toEqual(['Channel', 'Region', 'Spend', 'Base traffic', 'Conversion', 'Average order value', 'Return rate', 'Channel', 'Gross margin', 'Channel margin', 'Variable cost rate', 'Fixed cost', 'New-customer share']);
  await expect(page.getByTestId('report-drivers-more').locator('tbody tr')).toHaveCount(channels);
  for (const id of ['report-chart-mix', 'report-chart-channels', 'report-chart-scenarios']) {
    await expect(page.getByTestId(id)).toHaveAttribute('data-rendered', /\d+/);
  }
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('nav').first()).toBeHidden();
  await expect(page.getByTestId('report-print')).toBeHidden();
  await expect(report.locator('h1')).toBeVisible();
  if (process.env.SCREENSHOTS) await page.screenshot({ path: 'screenshots/en-report-print.png', fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByTestId('report-print')).toBeVisible();
});
