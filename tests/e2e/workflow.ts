import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from '@playwright/test';
import { expect } from './fixtures';
import type { Planner } from './planner';
import { openProjector } from './workshop';

/** The sections of the Evaluate tab, and the chart each one draws (if any). */
const EVALUATE_SECTIONS: [section: string, chart: string | null][] = [
  ['scorecard', 'chart-scores'],
  ['bcg', 'chart-bcg'],
  ['funnel', 'chart-funnel'],
  ['rebates', null],
  ['partners', null],
  ['prices', null],
];

/** Waits until the chart has drawn at least once. */
export async function chartDrawn(page: Page, testid: string): Promise<void> {
  // The plan view's charts draw only once they are in the window (they sit under the grid).
  await page.getByTestId(testid).scrollIntoViewIfNeeded();
  await expect.poll(async () => Number((await page.getByTestId(testid).getAttribute('data-rendered')) ?? 0)).toBeGreaterThan(0);
}

async function downloadBytes(page: Page, testid: string): Promise<{ name: string; bytes: Buffer }> {
  const wait = page.waitForEvent('download');
  await page.getByTestId(testid).click();
  const download = await wait;
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

/**
 * The whole workflow a planner goes through, for the CSP and egress cases: a plan from a template,
 * a grid edit, every tab and Evaluate section with their charts and workers, the workshop with its
 * projector window, and CSV and PNG exports. Asserts that each step worked, not only that it ran.
 */
export async function wholeWorkflow(page: Page, context: BrowserContext, p: Planner): Promise<void> {
  await p.open('en');
  await p.newPlan('beauty');
  await chartDrawn(page, 'chart-mix');

  // A chart tooltip (HTML drawn by ECharts) and a grid select editor (icons from the grid's theme).
  const mix = page.getByTestId('chart-mix');
  // The charts sit below the grid: on a 720-pixel-high window, under the fold.
  await mix.scrollIntoViewIfNeeded();
  const box = await mix.boundingBox();
  if (!box) throw new Error('chart not laid out');
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
  await page.mouse.move(box.x + box.width * 0.35, box.y + box.height * 0.3);
  await expect(mix.locator('div').filter({ hasText: /Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec/ }).last()).toBeVisible();
  await p.cell('channel-grid', 0, 'type').dblclick();
  await expect(page.getByTestId('channel-grid').locator('.ag-cell-inline-editing, .ag-popup-editor').first()).toBeVisible();
  await page.keyboard.press('Escape');

  const revenue = await p.kpi('netRevenue');
  await p.editCell('channel-grid', 0, 'driver.spend', '2,000,000');
  await expect(p.cell('channel-grid', 0, 'driver.spend')).toHaveText('¥2,000,000');
  await p.kpiChangedFrom('netRevenue', revenue);

  await page.getByTestId('tab-periods').click();
  await expect(p.cell('period-grid', 0, 'name')).not.toHaveText('');

  await page.getByTestId('tab-scenarios').click();
  await page.getByTestId('scenario-new').click();
  await expect(page.getByTestId('scenario-item')).toHaveCount(1);
  await page.getByTestId('adjustment-add').click();
  await expect(page.getByTestId('adjustment-list').locator('li')).toHaveCount(1);

  await page.getByTestId('tab-compare').click();
  await chartDrawn(page, 'chart-waterfall');
  const csv = await downloadBytes(page, 'compare-export-csv');
  expect(csv.name).toMatch(/\.csv$/);
  expect(csv.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

  await page.getByTestId('tab-optimise').click();
  await page.getByTestId('opt-run').click();
  await expect(page.getByTestId('opt-table').locator('tbody tr')).toHaveCount(4);
  await chartDrawn(page, 'chart-curves');

  await page.getByTestId('tab-risk').click();
  await page.getByTestId('mc-add').click();
  await chartDrawn(page, 'chart-tornado');
  await page.getByTestId('mc-draws').fill('2000');
  await page.getByTestId('mc-run').click();
  await expect(page.getByTestId('mc-summary')).toHaveAttribute('data-draws', '2000', { timeout: 30_000 });
  await chartDrawn(page, 'chart-fan-net');

  await page.getByTestId('tab-evaluate').click();
  for (const [section, chart] of EVALUATE_SECTIONS) {
    await page.getByTestId(`eval-${section}`).click();
    await expect(page.getByTestId(`eval-${section}`)).toHaveAttribute('aria-pressed', 'true');
    if (chart) await chartDrawn(page, chart);
  }
  // A chart saved as PNG (a data URL) and as SVG (a blob URL): both stay on the device.
  await page.getByTestId('eval-scorecard').click();
  await chartDrawn(page, 'chart-scores');
  await page.getByTestId('chart-scores').hover();
  const png = await downloadBytes(page, 'chart-scores-png');
  expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  const svg = await downloadBytes(page, 'chart-scores-svg');
  expect(svg.bytes.toString('utf8')).toMatch(/^<svg[\s\S]*<\/svg>$/);

  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('tab-history')).toHaveAttribute('aria-current', 'page');
  await page.getByTestId('tab-settings').click();
  await expect(page.getByTestId('plan-name')).toBeVisible();

  await page.getByTestId('open-workshop').click();
  await expect(page.getByTestId('workshop')).toBeVisible();
  await (await openProjector(page, context, p)).close();
  await p.saved();
}

/** What shows once each tab's lazily loaded view has arrived. */
const TAB_CONTENT: [tab: string, testid: string][] = [
  ['channels', 'channel-grid'],
  ['periods', 'period-grid'],
  ['scenarios', 'scenario-new'],
  ['compare', 'compare-table'],
  ['optimise', 'opt-run'],
  ['risk', 'mc-add'],
  ['history', 'snapshot-save'],
  ['settings', 'plan-name'],
];

/** What shows once each Evaluate section's lazily loaded view has arrived. */
const SECTION_CONTENT: [section: string, testid: string][] = [
  ['scorecard', 'score-weight'],
  ['bcg', 'bcg-row'],
  ['funnel', 'funnel-table'],
  ['rebates', 'reb-channel'],
  ['partners', 'partner-add'],
  ['prices', 'price-add'],
];

/**
 * Opens every tab, every Evaluate section, the workshop and its projector window, and the Chinese
 * catalogue: each one is a lazily loaded chunk, so this proves they all arrive (from the network or
 * from the service worker's cache). The plan needs a scenario for Compare to show its table.
 */
export async function openEveryTab(page: Page, context: BrowserContext, p: Planner): Promise<void> {
  for (const [tab, testid] of TAB_CONTENT) {
    await page.getByTestId(`tab-${tab}`).click();
    await expect(page.getByTestId(testid).first()).toBeVisible();
    if (tab === 'channels') await chartDrawn(page, 'chart-mix');
  }
  await page.getByTestId('tab-evaluate').click();
  for (const [section, testid] of SECTION_CONTENT) {
    await page.getByTestId(`eval-${section}`).click();
    await expect(page.getByTestId(testid).first()).toBeVisible();
  }
  await page.getByTestId('open-workshop').click();
  await expect(page.getByTestId('workshop')).toBeVisible();
  await (await openProjector(page, context, p)).close();
  await page.getByTestId('language').selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.getByTestId('language').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
}
