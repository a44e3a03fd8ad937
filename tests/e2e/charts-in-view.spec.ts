import { hoverChart } from './charts';
import { expect, test } from './fixtures';

/** "¥134,660,310" or "¥134,660,310.25" as whole yuan. */
function yuan(text: string): number {
  return Math.round(Number(text.replace(/[¥,\s]/g, '').replace('−', '-')));
}

// A 1366 × 768 laptop screen less the browser bar: the plan view's charts start under the fold, below the channel grid.
test.use({ viewport: { width: 1366, height: 650 } });

test('the charts under the grid skip edits made out of sight and show the newest figures once scrolled into view', async ({ page, planner: p }) => {
  await p.open('en');
  await p.newPlan('beauty');
  const chart = page.getByTestId('chart-by-channel');
  const name = (await p.columnTexts('channel-grid', 'name'))[0];
  const box = await chart.boundingBox();
  expect(box?.y ?? 0).toBeGreaterThan(page.viewportSize()?.height ?? Infinity);
  const netBefore = yuan(await p.readCell('channel-grid', 0, 'metric.netRevenue'));
  const rendersBefore = await p.chartRenders('chart-by-channel');

  const kpi0 = await p.kpi('netRevenue');
  await p.editCell('channel-grid', 0, 'driver.spend', '2,000,000');
  await p.kpiChangedFrom('netRevenue', kpi0);
  const netAfter = yuan(await p.readCell('channel-grid', 0, 'metric.netRevenue'));
  expect(netAfter).not.toBe(netBefore);
  // The result has been on screen (tiles, grid) for a while: the chart out of view has not redrawn.
  await page.waitForTimeout(400);
  expect(await p.chartRenders('chart-by-channel')).toBe(rendersBefore);

  // Scrolled into view, it draws at once, with the figures of the edit, not those before it.
  await chart.scrollIntoViewIfNeeded();
  await expect.poll(() => p.chartRenders('chart-by-channel')).toBeGreaterThan(rendersBefore);
  await hoverChart(page, 'chart-by-channel', name);
  const tooltip = (await chart.innerText()).split('\n').map((line) => line.trim());
  const netLine = tooltip.find((line) => line.startsWith('Net revenue:'));
  expect(netLine, tooltip.join(' | ')).toBeDefined();
  expect(yuan(netLine!.slice('Net revenue:'.length))).toBe(netAfter);
});
