import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import * as XLSX from 'xlsx';
import { computePlan } from '../../src/engine/compute';
import { regionCells } from '../../src/engine/regions';
import { rollup, rollupValue } from '../../src/engine/rollup';
import { checkPrices, type PriceCheck } from '../../src/engine/evaluation';
import type { Plan, PriceSettings } from '../../src/engine/types';
import { formatMoney, formatPercent } from '../../src/i18n/format';
import { expect, test, watchLibraries } from './fixtures';

const FIXTURE = fileURLToPath(new URL('../fixtures/planFiles/v4-grocery-regions.cmplan.json', import.meta.url));
const yuan = (minor: number): string => formatMoney(Math.round(minor), 'CNY', 'en');

/**
 * The price list typed below, as the engine sees it: the community group-buy channel priced ¥40 in
 * every region and in the county, ¥38 in the township (5 % under, while the plan's township AOV is
 * ¥32 against the channel's ¥38, 15.8 % under); the front warehouse at ¥43 in tier-3 cities and at
 * ¥30 in the township, a region it does not serve. Freight tier-3 ↔ county ¥2.
 */
const ROWS = [
  ['Rice 5kg', '社区团购（团长）', 'All regions', '40'],
  ['Rice 5kg', '社区团购（团长）', '县城', '40'],
  ['Rice 5kg', '社区团购（团长）', '乡镇及农村', '38'],
  ['Rice 5kg', '前置仓到家配送', '三四线城市', '43'],
  ['Rice 5kg', '前置仓到家配送', '乡镇及农村', '30'],
];
const SETTINGS: PriceSettings = {
  reference: { 'Rice 5kg': 4_000 },
  tolerance: 0.1,
  entries: [
    { id: 'r0', product: 'Rice 5kg', channelId: 'ch-group-buy', regionId: '', price: 4_000 },
    { id: 'r1', product: 'Rice 5kg', channelId: 'ch-group-buy', regionId: 'county', price: 4_000 },
    { id: 'r2', product: 'Rice 5kg', channelId: 'ch-group-buy', regionId: 'township', price: 3_800 },
    { id: 'r3', product: 'Rice 5kg', channelId: 'ch-front-warehouse', regionId: 'tier3', price: 4_300 },
    { id: 'r4', product: 'Rice 5kg', channelId: 'ch-front-warehouse', regionId: 'township', price: 3_000 },
  ],
  freight: [{ from: 'tier3', to: 'county', cost: 200 }],
};

async function fixturePlan(): Promise<{ text: string; plan: Plan }> {
  const text = await readFile(FIXTURE, 'utf8');
  return { text, plan: (JSON.parse(text) as { plan: Plan }).plan };
}

function expected(plan: Plan): PriceCheck {
  return checkPrices(plan, computePlan(plan), SETTINGS);
}

async function openPrices(page: Page, text: string): Promise<void> {
  await page.getByTestId('import-input').setInputFiles({ name: 'grocery.cmplan.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByTestId('channel-grid')).toBeVisible();
  await page.getByTestId('tab-evaluate').click();
  await page.getByTestId('eval-prices').click();
}

async function typePriceList(page: Page): Promise<void> {
  for (let i = 0; i < ROWS.length; i++) await page.getByTestId('price-add').click();
  const grid = page.getByTestId('price-grid');
  await expect(grid.locator('.ag-row')).toHaveCount(ROWS.length);
  // Typed as a planner pastes from a sheet: one block, names as shown.
  await grid.locator('.ag-row[row-index="0"] [col-id="product"]').click();
  await page.getByTestId('price-grid').evaluate((el, t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    const target = document.activeElement && el.contains(document.activeElement) ? document.activeElement : el;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, ROWS.map((r) => r.join('\t')).join('\n'));
  await expect(grid.locator('.ag-row[row-index="4"] [col-id="price"]')).toHaveText('¥30.00');
  const reference = page.getByTestId('price-reference');
  await reference.fill('40');
  await reference.blur();
  await page.getByRole('button', { name: '+ Add route' }).click();
  const cost = page.getByTestId('price-freight').locator('input').first();
  await cost.fill('2');
  await cost.blur();
}

test.describe('prices read against a regional plan', () => {
  test('a regional price that disagrees with the plan’s AOV is flagged with the engine’s figures, resolved in one undoable step; diversion uses freight and served regions only', async ({ page, planner: p }) => {
    const libraries = watchLibraries(page);
    const { text, plan } = await fixturePlan();
    const want = expected(plan);
    // What the engine says, by hand: township ratio 38 / 40 = 0.95, plan 32 / 38 = 0.842; gap −11.4 %.
    const township = want.aov.find((a) => a.entryId === 'r2')!;
    expect(township.status).toBe('differs');
    expect(township.impliedAov).toBeCloseTo(3_610, 3);
    expect(township.planAov).toBeCloseTo(3_200, 3);
    expect(township.gap).toBeCloseTo(3_200 / 3_610 - 1, 6);

    await p.open('en');
    await openPrices(page, text);
    await typePriceList(page);

    // The grid shows the plan's AOV and the AOV the price implies beside each price.
    const grid = page.getByTestId('price-grid');
    const cell = (row: number, col: string) => grid.locator(`.ag-row[row-index="${row}"] [col-id="${col}"]`);
    await expect(cell(2, 'planAov')).toHaveText(yuan(township.planAov!));
    await expect(cell(2, 'impliedAov')).toHaveText(yuan(township.impliedAov!));
    await expect(cell(2, 'aovGap')).toHaveText(`−${formatPercent(Math.abs(township.gap!), 'en', 2)}`);
    await expect(cell(1, 'aovGap')).toHaveText('0%');
    await expect(cell(4, 'aovGap')).toHaveText('region not served');

    // The flags, one per disagreement, in the engine's order and with its numbers.
    const issues = page.getByTestId('price-aov-issue');
    const statuses = want.aov.filter((a) => a.status !== 'agrees' && a.status !== 'allRegions').map((a) => a.status);
    expect(statuses).toEqual(['differs', 'notServed']);
    await expect(issues).toHaveCount(2);
    await expect(issues.nth(0)).toHaveAttribute('data-status', 'differs');
    await expect(issues.nth(0)).toContainText(
      `the price ¥38.00 is 95% of ¥40.00 (the channel’s price for all regions), so the AOV there should be ${yuan(township.impliedAov!)} (¥38.00 × 95%); the plan has ${yuan(township.planAov!)}, 11.4% below it (tolerance 10%).`,
    );
    await expect(issues.nth(1)).toHaveAttribute('data-status', 'notServed');
    await expect(issues.nth(1)).toHaveText('前置仓到家配送 does not serve 乡镇及农村: its price of Rice 5kg there is left out of the diversion check.');

    // Diversion: the same pairs as the engine, the unserved township price in none of them.
    const conflicts = page.getByTestId('price-conflict');
    const kinds = want.conflicts.map((c) => c.kind);
    expect(kinds).toEqual(['spread', 'diversion', 'diversion', 'diversion']);
    await expect(conflicts).toHaveCount(kinds.length);
    const countyToTier3 = want.conflicts.find((c) => c.kind === 'diversion' && c.low.regionId === 'county' && c.high.regionId === 'tier3');
    expect(countyToTier3).toMatchObject({ freight: 200, margin: 100, freightUnknown: false });
    await expect(conflicts.filter({ hasText: 'bought from 社区团购（团长） in 县城 at ¥40.00 net of rebate and sold against 前置仓到家配送 in 三四线城市 at ¥43.00, a unit still earns ¥1.00 after ¥2.00 freight' })).toHaveCount(1);
    await expect(conflicts.filter({ hasText: '¥30.00' })).toHaveCount(1); // only its spread against the reference

    // Resolve: the township AOV from the price list's ratio (¥38.00 × 0.95 = ¥36.10), one step.
    await issues.nth(0).getByTestId('price-aov-use-ratio').click();
    await expect(issues).toHaveCount(1);
    await expect(cell(2, 'planAov')).toHaveText('¥36.10');
    await expect(cell(2, 'aovGap')).toHaveText('0%');
    const fixed = structuredClone(plan);
    fixed.channels.find((c) => c.id === 'ch-group-buy')!.regionDrivers!.township.aov = { base: 3_610 };
    const after = expected(fixed).aov.find((a) => a.entryId === 'r2')!;
    expect(after.status).toBe('agrees');
    expect(after.planAov).toBeCloseTo(3_610, 3);
    await page.getByTestId('undo').click();
    await expect(issues).toHaveCount(2);
    await expect(cell(2, 'planAov')).toHaveText(yuan(township.planAov!));

    // The other way: the price from the plan (¥40.00 × 32 / 38 = ¥33.68).
    await issues.nth(0).getByTestId('price-aov-use-plan').click();
    await expect(issues).toHaveCount(1);
    await expect(cell(2, 'price')).toHaveText(yuan(Math.round(4_000 * (3_200 / 3_800))));

    // Freight cannot go negative: refused, and the ¥2.00 route still counts.
    const cost = page.getByTestId('price-freight').locator('input').first();
    await cost.fill('-1');
    await cost.blur();
    await expect(page.getByTestId('price-freight')).toContainText('Must not be negative');
    await expect(conflicts.filter({ hasText: 'after ¥2.00 freight' })).toHaveCount(1);
    expect(libraries).toEqual([]);
  });

  test('the report’s "By region" table and the workbook’s "By region" sheet carry the engine’s regional figures', async ({ page, planner: p }) => {
    const libraries = watchLibraries(page);
    const { text, plan } = await fixturePlan();
    const res = computePlan(plan);
    const byRegion = rollup(plan, res, 'region', 'all');
    const whole = rollup(plan, res, 'total', 'all');
    await p.open('en');
    await page.getByTestId('import-input').setInputFiles({ name: 'grocery.cmplan.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await expect(page.getByTestId('channel-grid')).toBeVisible();
    await p.waitForKpis();

    // The workbook: every channel × region row of regionCells, numbers as numbers.
    const file = await p.download('plan-export-xlsx');
    const wb = XLSX.read(file.bytes, { type: 'buffer', cellNF: true });
    expect(wb.SheetNames).toContain('By region');
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['By region'], { header: 1, defval: null, raw: true });
    const cells = regionCells(plan, res);
    expect(rows).toHaveLength(1 + cells.rows.length + 1);
    cells.rows.forEach((row, q) => {
      const sum = (m: 'spend' | 'netRevenue' | 'contribution') => {
        let v = 0;
        for (let k = 0; k < cells.periods; k++) v += cells.flows[m][q * cells.periods + k];
        return v;
      };
      const r = rows[q + 1];
      expect([r[0], r[1]]).toEqual([plan.channels[row.channel].name, plan.regions.find((x) => x.id === row.regionId)!.name]);
      expect(Math.round((r[3] as number) * 100)).toBe(sum('spend'));
      expect(Math.round((r[6] as number) * 100)).toBe(sum('netRevenue'));
      expect(Math.round((r[8] as number) * 100)).toBe(sum('contribution'));
    });

    // The report: one row per region with the roll-up's money and shares, and the plan's total.
    await page.getByTestId('open-report').click();
    await expect(page.getByTestId('report')).toHaveAttribute('data-ready', 'true');
    const table = page.getByTestId('report-regions');
    await expect(table.getByTestId('report-region-row')).toHaveCount(plan.regions.length);
    for (const [g, id] of byRegion.groupKeys.entries()) {
      const row = table.locator(`[data-testid="report-region-row"][data-region="${id}"]`);
      await expect(row.locator('[data-col="spend"]')).toHaveText(yuan(byRegion.flows.spend[g]));
      await expect(row.locator('[data-col="netRevenue"]')).toHaveText(yuan(byRegion.flows.netRevenue[g]));
      await expect(row.locator('[data-col="contribution"]')).toHaveText(yuan(byRegion.flows.contribution[g]));
      await expect(row.locator('[data-col="roi"]')).toHaveText(formatPercent(rollupValue(byRegion, 'roi', g, 0), 'en', 1));
      await expect(row.locator('[data-col="spendShare"]')).toHaveText(formatPercent(byRegion.flows.spend[g] / whole.flows.spend[0], 'en', 1));
    }
    await expect(table.getByTestId('report-region-total').locator('[data-col="netRevenue"]')).toHaveText(yuan(whole.flows.netRevenue[0]));
    expect(libraries).toEqual([]);
  });
});
