import type { Locator, Page } from '@playwright/test';
import { hoverChart } from './charts';
import { pngLook } from './downloads';
import { expect, test } from './fixtures';

// Tall enough to show the channel grid and the plan's charts under it at once.
test.use({ viewport: { width: 1440, height: 1500 } });

const NET = '#2563eb';
const CONTRIBUTION = '#16a34a';

/** Pixels of each colour in what the chart shows on screen. */
async function colours(page: Page, chart: Locator, list: string[]): Promise<number[]> {
  return (await pngLook(page, await chart.screenshot(), 0, list)).counts;
}

/** "¥134,660,310" as a number of yuan. */
const yuan = (text: string): number => Math.round(Number(text.replace(/[¥,\s]/g, '').replace('−', '-')));

test('the plan view’s charts are drawn by the chart worker: bars on screen that follow edits, the page’s tooltip with the grid’s figures, the legend, print', async ({ page, planner: p }) => {
  await p.open('en');
  await p.newPlan('beauty');
  const byChannel = page.getByTestId('chart-by-channel');
  await expect(byChannel).toHaveAttribute('data-rendered', /\d+/);
  // Drawn by the worker: its canvas was handed over, and the page has no ECharts instance on the element.
  expect(page.workers().map((w) => w.url()).some((u) => /chart\.worker/.test(u))).toBe(true);
  await expect(byChannel.locator('canvas')).toHaveCount(1);
  expect(await byChannel.getAttribute('_echarts_instance_')).toBeNull();

  // Bars in both series' colours are on screen.
  const [net0, contribution0] = await colours(page, byChannel, [NET, CONTRIBUTION]);
  expect(net0).toBeGreaterThan(500);
  expect(contribution0).toBeGreaterThan(500);

  // An edit redraws it with the new figures: the tooltip the page draws shows the grid's net revenue.
  const name = (await p.columnTexts('channel-grid', 'name'))[0];
  const renders = Number(await byChannel.getAttribute('data-rendered'));
  const kpi0 = await p.kpi('netRevenue');
  await p.editCell('channel-grid', 0, 'driver.spend', '3,000,000');
  await p.kpiChangedFrom('netRevenue', kpi0);
  await expect.poll(async () => Number(await byChannel.getAttribute('data-rendered'))).toBeGreaterThan(renders);
  const netAfter = yuan(await p.readCell('channel-grid', 0, 'metric.netRevenue'));
  await hoverChart(page, 'chart-by-channel', name);
  const lines = (await byChannel.innerText()).split('\n').map((l) => l.trim());
  expect(lines).toContain(name);
  const netLine = lines.find((l) => l.startsWith('Net revenue:'));
  expect(netLine, lines.join(' | ')).toBeDefined();
  expect(yuan(netLine!.slice('Net revenue:'.length))).toBe(netAfter);
  expect(lines.some((l) => l.startsWith('Contribution:'))).toBe(true);

  // The pointer over a legend entry turns into a hand (the worker hit-tests, the page sets the
  // cursor); a click there hides that series: its bars go, and the tooltip leaves it out.
  const box = (await byChannel.boundingBox())!;
  const canvas = byChannel.locator('canvas');
  let legendX: number | null = null;
  for (let fx = 0.2; fx < 0.8 && legendX === null; fx += 0.01) {
    await page.mouse.move(box.x + box.width * fx, box.y + box.height - 14);
    await page.waitForTimeout(30);
    if ((await canvas.evaluate((c) => c.style.cursor)) === 'pointer') legendX = box.x + box.width * fx;
  }
  expect(legendX, 'a legend entry under the pointer').not.toBeNull();
  await page.mouse.click(legendX!, box.y + box.height - 14);
  await expect.poll(async () => (await colours(page, byChannel, [NET]))[0]).toBeLessThan(net0 / 10);
  await hoverChart(page, 'chart-by-channel', name);
  const after = (await byChannel.innerText()).split('\n').map((l) => l.trim());
  expect(after.some((l) => l.startsWith('Net revenue:')), after.join(' | ')).toBe(false);
  expect(after.some((l) => l.startsWith('Contribution:'))).toBe(true);
  // Off the chart, no tooltip.
  await page.mouse.move(box.x + box.width / 2, box.y - 60);
  await expect(byChannel).not.toContainText('Contribution:');

  // Printed, the chart is the same option drawn on the page as an image (the worker could not
  // draw in time for the print's layout), and the screen's canvas is hidden.
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  const image = byChannel.locator('img.print-only');
  await expect(image).toHaveCount(1);
  expect(await image.evaluate((i: HTMLImageElement) => (i.complete ? i.naturalWidth : 0))).toBeGreaterThan(600);
  await page.emulateMedia({ media: 'print' });
  await expect(image).toBeVisible();
  await expect(canvas).toBeHidden();
  await page.emulateMedia({ media: null });
  await page.evaluate(() => dispatchEvent(new Event('afterprint')));
  await expect(image).toHaveCount(0);
  await expect(canvas).toBeVisible();
});

test('where a canvas cannot be handed to a worker, the plan view’s charts draw on the page as before', async ({ page, planner: p }) => {
  await page.addInitScript(() => {
    delete (HTMLCanvasElement.prototype as Partial<HTMLCanvasElement>).transferControlToOffscreen;
  });
  await p.open('en');
  await p.newPlan('beauty');
  const byChannel = page.getByTestId('chart-by-channel');
  await expect(byChannel).toHaveAttribute('data-rendered', /\d+/);
  await expect(byChannel).toHaveAttribute('_echarts_instance_', /.+/);
  expect(page.workers().map((w) => w.url()).some((u) => /chart\.worker/.test(u))).toBe(false);
  const [net, contribution] = await colours(page, byChannel, [NET, CONTRIBUTION]);
  expect(net).toBeGreaterThan(500);
  expect(contribution).toBeGreaterThan(500);
  const name = (await p.columnTexts('channel-grid', 'name'))[0];
  await hoverChart(page, 'chart-by-channel', name);
  await expect(byChannel).toContainText('Net revenue:');
});
