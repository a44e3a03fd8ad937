import { readFile } from 'node:fs/promises';
import { computePlan } from '../../src/engine/compute';
import { regionCells } from '../../src/engine/regions';
import type { Plan } from '../../src/engine/types';
import { expect, test, watchLibraries } from './fixtures';
import { storedPlan } from './storedPlan';

/**
 * Optimiser limits of one region of a channel: the grocery plan planned by region shows, under each
 * channel serving several regions, a row per region with its spend today (the model's cells) and its
 * own min / max. A limit typed there is stored for that region only, and the answer keeps it.
 */

const FIXTURE = new URL('../fixtures/planFiles/v4-grocery-regions.cmplan.json', import.meta.url);

async function planFile(): Promise<{ bytes: Buffer; plan: Plan }> {
  const file = JSON.parse(await readFile(FIXTURE, 'utf8')) as { plan: Plan };
  // Rules of the fixture are for the rules' own spec; here only limits count.
  delete file.plan.policies;
  file.plan.scenarios = [];
  file.plan.name = '区域限额';
  return { bytes: Buffer.from(JSON.stringify(file)), plan: file.plan };
}


const digits = (s: string): number => Number(s.replace(/[^\d.-]/g, ''));

test('limits of one region of a channel: shown with its spend today, stored for that region, kept by the answer', async ({ page, planner: p }) => {
  const libraries = watchLibraries(page);
  const { bytes, plan } = await planFile();
  await p.open('zh-CN');
  await page.getByTestId('import-input').setInputFiles({ name: 'regions.cmplan.json', mimeType: 'application/json', buffer: bytes });
  await expect(page.getByTestId('channel-grid')).toBeVisible();
  await p.waitForKpis();
  // In the channel grid, a channel planned by region is marked (its drivers apply only where a region has none of its own).
  await expect(p.cell('channel-grid', 0, 'regions')).toHaveClass(/by-region/);
  await page.getByTestId('tab-optimise').click();
  await page.locator('details.bounds summary').click();

  // One row per region of each channel serving several: group-buy (2), front warehouses (2), stores (2).
  const rows = page.getByTestId('opt-region-bound');
  const served = plan.channels.filter((ch) => ch.regions.length > 1).reduce((n, ch) => n + ch.regions.length, 0);
  await expect(rows).toHaveCount(served);

  // Spend today per region = the model's channel × region cells, computed here in Node.
  const res = computePlan(plan);
  const cells = regionCells(plan, res);
  const P = cells.periods;
  const todayOf = (channelId: string, regionId: string): number => {
    const q = cells.rows.findIndex((r) => plan.channels[r.channel].id === channelId && r.regionId === regionId);
    let s = 0;
    for (let t = 0; t < P; t++) s += cells.flows.spend[q * P + t];
    return s;
  };
  const groupBuy = plan.channels.find((c) => c.id === 'ch-group-buy')!;
  const regionName = (id: string) => plan.regions.find((r) => r.id === id)!.name;
  // The group-buy channel is the first channel: its rows come first.
  const first = rows.nth(0);
  await expect(first).toContainText(regionName(groupBuy.regions[0]));
  expect(digits(await first.locator('td').nth(1).innerText()) * 100).toBeCloseTo(todayOf('ch-group-buy', groupBuy.regions[0]), 0);

  // The fixture's limit of the stores in county towns is shown on that row, not on the channel's.
  const stores = plan.channels.find((c) => c.id === 'ch-stores')!;
  const storesCounty = rows.nth(served - stores.regions.length + stores.regions.indexOf('county'));
  await expect(storesCounty).toContainText(regionName('county'));
  expect(digits(await storesCounty.locator('input').nth(0).inputValue())).toBe(10_000);

  // A maximum for group-buy in townships: 20万, stored for that region only.
  const townshipRow = rows.nth(groupBuy.regions.indexOf('township'));
  await townshipRow.locator('input').nth(1).fill('20万');
  await townshipRow.locator('input').nth(1).press('Enter');
  await p.saved();
  const stored = await storedPlan(page);
  expect(stored.budgetBounds).toContainEqual({ channelId: 'ch-group-buy', regionId: 'township', max: 20_000_000 });
  expect(stored.budgetBounds).toContainEqual({ channelId: 'ch-stores', regionId: 'county', min: 1_000_000 });
  expect(stored.budgetBounds.some((b) => b.channelId === 'ch-group-buy' && b.regionId === undefined)).toBe(false);

  // The answer keeps it: applied as a scenario, group-buy's township spend over the plan is ≤ 20万.
  await page.getByTestId('opt-run').click();
  await expect(page.getByTestId('opt-headline')).toBeVisible();
  await page.getByTestId('opt-apply').click();
  await expect(page.getByTestId('scenario-view')).not.toHaveValue('');
  await p.saved();
  const after = await storedPlan(page);
  const scenario = after.scenarios[after.scenarios.length - 1];
  const sres = computePlan(after, scenario.id);
  const scells = regionCells(after, sres);
  const q = scells.rows.findIndex((r) => after.channels[r.channel].id === 'ch-group-buy' && r.regionId === 'township');
  let spend = 0;
  for (let t = 0; t < scells.periods; t++) spend += scells.flows.spend[q * scells.periods + t];
  // Whole minor units per month: the applied scenario may differ from the answer by a fen a month.
  expect(spend).toBeLessThanOrEqual(20_000_000 + scells.periods);
  expect(spend).toBeLessThan(todayOf('ch-group-buy', 'township'));
  expect(libraries).toEqual([]);
});
