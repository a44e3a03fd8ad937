import type { Page } from '@playwright/test';
import * as XLSX from 'xlsx';
import { computePlan } from '../../src/engine/compute';
import { rollup } from '../../src/engine/rollup';
import { formatMoney } from '../../src/i18n/format';
import { csvRows } from './downloads';
import { expect, test, watchLibraries } from './fixtures';
import type { Planner } from './planner';
import { planIdOf, storedPlan } from './storedPlan';

/**
 * The grocery template planned by region: a tier-1 region added through Settings, shares and a
 * regional AOV and spend typed and pasted in the Regions grid, and the region totals on screen and in
 * the exported files checked against the engine run in Node on the plan read back from IndexedDB.
 */

const SHOTS = process.env.REGION_SHOTS ?? '';



const grid = (page: Page) => page.getByTestId('region-grid');
const cell = (page: Page, row: number, col: string) => grid(page).locator(`.ag-row[row-index="${row}"] [col-id="${col}"]`).first();
const totalCell = (page: Page, col: string) => grid(page).locator(`.ag-row[row-index="b-0"] [col-id="${col}"]`).first();

async function typeCell(page: Page, row: number, col: string, text: string): Promise<void> {
  await cell(page, row, col).dblclick();
  const input = grid(page).locator('.ag-cell-inline-editing input').first();
  await expect(input).toBeVisible();
  await input.fill(text);
  await input.press('Enter');
}

async function pasteAt(page: Page, p: Planner, row: number, col: string, text: string): Promise<void> {
  await cell(page, row, col).click();
  await p.paste('region-grid', text);
}

function xlsxRows(bytes: Buffer): unknown[][] {
  const wb = XLSX.read(bytes, { type: 'buffer' });
  return XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1, defval: null, raw: true });
}

test('grocery plan by region: a tier-1 region, shares, regional AOV and spend typed and pasted, totals checked and exported', async ({ page, planner: p }) => {
  const libs = watchLibraries(page);
  await p.open('en');
  await p.newPlan('grocery');
  const id = planIdOf(page);

  // A plan with regions but no regional values: equal shares and a note saying so.
  await page.getByTestId('tab-regions').click();
  await expect(page.getByTestId('regions-hint')).toContainText('shared equally among their regions');
  await expect(cell(page, 0, 'r.county')).toHaveText('50%');

  // A tier-1 region added where regions are edited, served by the front warehouses (row 1).
  await page.getByTestId('tab-settings').click();
  await page.getByTestId('add-region').click();
  const names = page.locator('input[aria-label="Region name"]');
  await expect(names).toHaveCount(4);
  await names.last().fill('一线城市');
  await names.last().press('Enter');
  await names.last().blur();
  await page.getByTestId('tab-channels').click();
  const regionsCell = p.cell('channel-grid', 1, 'regions');
  const served = ((await regionsCell.textContent()) ?? '').trim();
  await p.editCell('channel-grid', 1, 'regions', `${served}, 一线城市`);
  await expect(regionsCell).toContainText('一线城市');

  await page.getByTestId('tab-regions').click();
  const tier1Header = grid(page).locator('.ag-header-cell', { hasText: '一线城市' });
  await expect(tier1Header).toHaveCount(1);
  const tier1 = (await tier1Header.getAttribute('col-id')) as string;
  expect(tier1).toMatch(/^r\./);
  // Three served regions at equal shares; tier-1 is served by the front warehouses only.
  await expect(cell(page, 1, tier1)).toHaveText('33.33%');
  await expect(cell(page, 0, tier1)).toHaveText('—');

  // One share typed: the other regions keep their proportions of the rest.
  await typeCell(page, 1, tier1, '40%');
  await expect(cell(page, 1, tier1)).toHaveText('40%');
  await expect(cell(page, 1, 'r.tier3')).toHaveText('30%');
  await expect(cell(page, 1, 'r.county')).toHaveText('30%');
  await expect(cell(page, 1, tier1)).toHaveClass(/own-value/);
  // A row pasted from Excel as fractions: stored as typed (stores, row 2: tier-3 and county).
  await pasteAt(page, p, 2, 'r.tier3', '0.7\t0.3');
  await expect(cell(page, 2, 'r.tier3')).toHaveText('70%');
  await expect(cell(page, 2, 'r.county')).toHaveText('30%');
  await expect(cell(page, 2, 'total')).toHaveText('100%');
  // A row that adds up to more than 100 % is read as proportions, and the planner is told; undone.
  await pasteAt(page, p, 0, 'r.county', '60%\t60%');
  await expect(p.toastWith('add up to 120%')).toBeVisible();
  await expect(cell(page, 0, 'r.county')).toHaveText('50%');
  await page.keyboard.press('Control+z');
  await expect(cell(page, 0, 'r.county')).toHaveClass(/inherited-value/);

  // Regional AOV typed: the region's own value, the others keep the channel's.
  await page.getByTestId('region-select').selectOption('driver:aov');
  const channelAov = (await cell(page, 1, 'r.county').textContent())?.trim();
  await expect(cell(page, 1, 'r.county')).toHaveClass(/inherited-value/);
  await typeCell(page, 1, tier1, '¥85');
  await expect(cell(page, 1, tier1)).toHaveText('¥85.00');
  await expect(cell(page, 1, tier1)).toHaveClass(/own-value/);
  await expect(cell(page, 1, 'r.county')).toHaveText(channelAov ?? '');

  // Regional spend pasted as a block (20万 and ¥1,200 as a planner types them) into the front
  // warehouses and the stores, tier-3 then county.
  await page.getByTestId('region-select').selectOption('driver:spend');
  await pasteAt(page, p, 1, 'r.tier3', '20万\t¥150,000\n¥1,200\t3万');
  await expect(cell(page, 1, 'r.tier3')).toHaveText('¥200,000');
  await expect(cell(page, 1, 'r.county')).toHaveText('¥150,000');
  await expect(cell(page, 2, 'r.tier3')).toHaveText('¥1,200.00');
  await expect(cell(page, 2, 'r.county')).toHaveText('¥30,000');
  // An amount: the row total is the channel's spend base by region, adding up both ways.
  await expect(cell(page, 2, 'total')).toHaveText('¥31,200');

  // Clearing a cell returns the region to the channel's value, which is split by share again.
  await cell(page, 2, 'r.tier3').click();
  await page.keyboard.press('Delete');
  await expect(cell(page, 2, 'r.tier3')).toHaveClass(/inherited-value/);
  await page.keyboard.press('Control+z');
  await expect(cell(page, 2, 'r.tier3')).toHaveText('¥1,200.00');
  await p.saved();

  // Results: net revenue by channel × region over the whole plan, against the engine in Node.
  await page.getByTestId('region-select').selectOption('metric:netRevenue');
  await expect(page.getByTestId('region-granularity')).toHaveValue('all');
  const plan = await storedPlan(page, id);
  expect(plan.channels[1].regionWeights?.[tier1.slice(2)]).toBeCloseTo(0.4, 12);
  expect(plan.channels[1].regionDrivers?.[tier1.slice(2)]?.aov?.base).toBe(8500);
  expect(plan.channels[2].regionWeights).toEqual({ tier3: 0.7, county: 0.3 });
  const res = computePlan(plan);
  const byRegion = rollup(plan, res, 'region', 'all');
  const regionNet = new Map(byRegion.groupKeys.map((k, g) => [k, byRegion.flows.netRevenue[g]] as const));
  const total = [...regionNet.values()].reduce((a, v) => a + v, 0);
  // Exact in minor units: the regions add up to the plan.
  expect(total).toBe(rollup(plan, res, 'total', 'all').flows.netRevenue[0]);
  expect(await p.kpi('netRevenue')).toBe(total);

  // By hand for the group-buy network (row 0: no values of its own, computed whole): half of the
  // channel in each of its two regions.
  const groupBuyNet = rollup(plan, res, 'channel', 'all').flows.netRevenue[0];
  // Each month is split in whole fen, so the year may differ from 70 % of the year by a fen a month.
  const months = plan.timeline.periods;

  // The files: header, one row per channel, the total row; numbers are numbers.
  const csv = csvRows((await p.download('regions-export-csv')).bytes);
  const header = csv[0];
  expect(header[0]).toBe('Channel');
  expect(header.slice(1, -1)).toEqual(plan.regions.map((r) => r.name));
  expect(header.at(-1)).toBe('Total');
  expect(csv.length).toBe(1 + plan.channels.length + 1);
  expect(csv.slice(1, -1).map((r) => r[0])).toEqual(plan.channels.map((c) => c.name));
  const xlsx = xlsxRows((await p.download('regions-export-xlsx')).bytes);
  expect(xlsx.length).toBe(csv.length);
  const totalRow = xlsx.at(-1) as unknown[];
  expect(totalRow[0]).toBe('Total');
  plan.regions.forEach((r, k) => {
    const v = totalRow[1 + k];
    expect(typeof v, `${r.name} total is a number`).toBe('number');
    expect(Math.round((v as number) * 100), r.name).toBe(regionNet.get(r.id));
  });
  expect(Math.round((totalRow.at(-1) as number) * 100)).toBe(total);
  for (const row of xlsx.slice(1, -1)) {
    const c = plan.channels.findIndex((ch) => ch.name === row[0]);
    const channelNet = rollup(plan, res, 'channel', 'all').flows.netRevenue[c];
    const cells = row.slice(1, -1).filter((v) => v !== null) as number[];
    for (const v of cells) expect(typeof v).toBe('number');
    expect(Math.round(cells.reduce((a, v) => a + v * 100, 0)), `${String(row[0])} adds up`).toBe(channelNet);
    expect(Math.round((row.at(-1) as number) * 100)).toBe(channelNet);
  }
  const groupBuyRow = xlsx.find((r) => r[0] === plan.channels[0].name) as unknown[];
  for (const region of ['county', 'township']) {
    const v = Math.round((groupBuyRow[1 + plan.regions.findIndex((r) => r.id === region)] as number) * 100);
    expect(Math.abs(v - groupBuyNet / 2), region).toBeLessThanOrEqual(months);
  }

  // On screen: the region totals row shows the same figures.
  const fmt = { format: (minor: number) => formatMoney(minor, 'CNY', 'en') };
  for (const r of plan.regions) await expect(totalCell(page, `r.${r.id}`)).toHaveText(fmt.format(regionNet.get(r.id) ?? 0));
  await expect(totalCell(page, 'total')).toHaveText(fmt.format(total));

  // Region tiles add up to the plan; the heatmap and the month chart draw.
  const tiles = page.getByTestId('region-kpi');
  await expect(tiles).toHaveCount(plan.regions.length);
  const tileNet = await page.getByTestId('region-kpi-netRevenue').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
  expect(tileNet).toEqual(plan.regions.map((r) => regionNet.get(r.id)));
  const shares = await page.getByTestId('region-kpi-spendShare').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
  expect(shares.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 9);
  await expect.poll(() => p.chartRenders('region-heatmap')).toBeGreaterThan(0);
  await expect.poll(() => p.chartRenders('region-months-chart')).toBeGreaterThan(0);

  // A month of the plan: the period selector reads one month's results.
  await page.getByTestId('region-granularity').selectOption('month');
  await page.getByTestId('region-bucket').selectOption({ index: 2 });
  const byMonth = rollup(plan, res, 'region', 'month');
  const tier3 = byMonth.groupKeys.indexOf('tier3');
  await expect(totalCell(page, 'r.tier3')).toHaveText(fmt.format(byMonth.flows.netRevenue[tier3 * byMonth.buckets.length + 2]));

  if (SHOTS) {
    await page.getByTestId('region-granularity').selectOption('all');
    for (const locale of ['en', 'zh-CN', 'zh-TW']) {
      await page.evaluate((l) => localStorage.setItem('cmp.locale', l), locale);
      await page.reload();
      await expect(grid(page)).toBeVisible();
      await page.getByTestId('region-select').selectOption('metric:contribution');
      await expect.poll(() => p.chartRenders('region-heatmap')).toBeGreaterThan(0);
      await page.screenshot({ path: `${SHOTS}/regions-${locale}.png`, fullPage: true });
      await page.getByTestId('region-select').selectOption('driver:spend');
      await page.screenshot({ path: `${SHOTS}/regions-spend-${locale}.png` });
    }
  }
  expect(libs).toEqual([]);
});

test('a plan without regions says how to add them', async ({ page, planner: p }) => {
  const libs = watchLibraries(page);
  await p.open('en');
  await p.newPlan('blank');
  await page.getByTestId('tab-regions').click();
  await expect(page.getByTestId('regions-empty')).toContainText('no regions');
  await page.getByTestId('regions-add-link').click();
  await expect(page.getByTestId('add-region')).toBeVisible();
  expect(libs).toEqual([]);
});
