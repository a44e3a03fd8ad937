import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { computePlan } from '../../src/engine/compute';
import type { Adjustment, Plan, UncertainDriver } from '../../src/engine/types';
import { expect, test, watchLibraries } from './fixtures';

/**
 * The grocery plan planned by region (tier-3 cities, county towns, townships: one channel with a
 * township conversion of its own, weights per region, tier-3 with its own season): a scenario that
 * pushes the main channels' spend in tier-3 cities only, checked against the engine run here in
 * Node, then a Monte Carlo range and a tornado bar of one region, with the tornado's base checked
 * against the plan.
 */

const FIXTURE = new URL('../fixtures/planFiles/v4-grocery-regions.cmplan.json', import.meta.url);
const TIER3 = 'tier3';
const TIER3_NAME = '三四线城市';

/** The fixture without its own scenario and ranges: those are made on screen. */
async function regionalPlanFile(): Promise<{ bytes: Buffer; plan: Plan }> {
  const file = JSON.parse(await readFile(FIXTURE, 'utf8')) as { plan: Plan };
  file.plan.scenarios = [];
  file.plan.uncertainty = [];
  file.plan.name = '区域生鲜方案';
  return { bytes: Buffer.from(JSON.stringify(file)), plan: file.plan };
}

async function importPlan(page: Page, bytes: Buffer): Promise<void> {
  // A plan the app does not have yet opens as a new plan straight away.
  await page.getByTestId('import-input').setInputFiles({ name: 'regions.cmplan.json', mimeType: 'application/json', buffer: bytes });
  await expect(page.getByTestId('channel-grid')).toBeVisible();
}

const sum = (xs: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s;
};

test('a scenario of one region, its slider, a regional range and the tornado agree with the engine', async ({ page, planner: p }) => {
  const libraries = watchLibraries(page);
  const { bytes, plan } = await regionalPlanFile();
  await p.open('zh-CN');
  await importPlan(page, bytes);
  await p.waitForKpis();

  // "Main channels in tier-3 cities: spend +20 %", made in the adjustments grid.
  await page.getByTestId('tab-scenarios').click();
  await page.getByTestId('scenario-new').click();
  await page.getByTestId('adjustment-add').click();
  await expect(page.getByTestId('adjustment-list').locator('li')).toHaveCount(1);
  await p.cell('adjustment-grid', 0, 'target').click();
  await p.paste('adjustment-grid', '全部主渠道');
  await expect(p.cell('adjustment-grid', 0, 'target')).toHaveText('全部主渠道');
  await p.typeAdjustment(0, 'number', '20%');
  await p.showColumn('adjustment-grid', 'region');
  await p.cell('adjustment-grid', 0, 'region').click();
  await p.paste('adjustment-grid', TIER3_NAME);
  await expect(p.cell('adjustment-grid', 0, 'region')).toHaveText(TIER3_NAME);
  await expect(page.getByTestId('adjustment-list').locator('li').first()).toHaveText(`全部主渠道 · ${TIER3_NAME}：营销投入+20%`);

  // Its what-if slider moves the regional adjustment (one step up from +20 %).
  await p.showColumn('adjustment-grid', 'slider');
  await p.cell('adjustment-grid', 0, 'slider').click();
  await p.paste('adjustment-grid', '是');
  const slider = page.getByTestId('slider');
  await expect(slider).toHaveCount(1);
  await expect(page.getByTestId('slider-label')).toHaveText(`全部主渠道 · ${TIER3_NAME}：营销投入+20%`);
  await slider.focus();
  await slider.press('ArrowRight');
  const percent = Number(await slider.inputValue());
  expect(percent).toBeGreaterThan(20);
  await expect(page.getByTestId('adjustment-list').locator('li').first()).toContainText(`全部主渠道 · ${TIER3_NAME}：营销投入+${percent}%`);

  // The same scenario computed here: the figures on screen are the engine's.
  const adjustment: Adjustment = { id: 'a', target: { kind: 'role', role: 'main' }, regionId: TIER3, driver: 'spend', op: { kind: 'scale', percent }, enabled: true };
  const withScenario: Plan = { ...plan, scenarios: [{ id: 's', name: 's', parentId: null, notes: '', adjustments: [adjustment] }] };
  const expected = computePlan(withScenario, 's');
  const baseline = computePlan(withScenario, null);
  await expect.poll(() => p.kpi('netRevenue')).toBe(sum(expected.flows.netRevenue));
  expect(await p.kpi('contribution')).toBe(sum(expected.flows.contribution));
  expect(await p.kpi('spend')).toBe(sum(expected.flows.spend));
  // Only tier-3 spend of the main channels moved: that share of it is the whole change of spend.
  const rows = expected.regional!.rows;
  const P = expected.periods;
  let tier3MainSpend = 0;
  rows.forEach((r, k) => {
    if (r.regionId === TIER3 && plan.channels[r.channel].role === 'main') tier3MainSpend += sum(baseline.regional!.flows.spend.subarray(k * P, (k + 1) * P));
  });
  expect(tier3MainSpend).toBeGreaterThan(0);
  expect(Math.abs(sum(expected.flows.spend) - sum(baseline.flows.spend) - (percent / 100) * tier3MainSpend)).toBeLessThan(P * rows.length);

  // A range of one region: township conversion of the group-buy channel, P10 = P90 = its own rate,
  // so every draw is the plan (the simulation does not round to fen: a few fen per cell at most).
  await page.getByTestId('tab-risk').click();
  await page.getByTestId('mc-add').click();
  const range = page.getByTestId('mc-range').first();
  await range.getByRole('combobox', { name: '渠道' }).selectOption('ch-group-buy');
  await range.getByRole('combobox', { name: '驱动因素' }).selectOption('conversion');
  const region = range.getByRole('combobox', { name: '区间所属区域' });
  await region.selectOption('township');
  await expect(region.locator('option:checked')).toHaveText('乡镇及农村');
  const own = plan.channels.find((c) => c.id === 'ch-group-buy')!.regionDrivers!.township!.conversion!.base;
  for (const field of ['mc-low', 'mc-high'] as const) {
    await range.getByTestId(field).fill(`${own * 100}%`);
    await range.getByTestId(field).press('Enter');
  }
  await expect(page.getByTestId('mc-issue')).toHaveCount(0);
  const ranged: UncertainDriver = { id: 'u', channelId: 'ch-group-buy', driver: 'conversion', regionId: 'township', low: own, high: own, distribution: 'triangular' };
  const withRange: Plan = { ...withScenario, uncertainty: [ranged] };
  const planContribution = sum(computePlan(withRange, 's').flows.contribution);

  // The tornado's base is the plan's contribution, to the fen.
  await expect(page.getByTestId('tornado-base')).toHaveAttribute('data-value', String(planContribution));
  await expect(page.getByTestId('chart-tornado')).toBeVisible();

  await page.getByTestId('mc-draws').fill('200');
  await page.getByTestId('mc-draws').press('Enter');
  await page.getByTestId('mc-run').click();
  const summary = page.getByTestId('mc-summary');
  await expect(summary).toHaveAttribute('data-draws', '200');
  const p50 = Number(await summary.getAttribute('data-p50'));
  const cells = plan.channels.length * 3 * P;
  expect(Math.abs(p50 - planContribution)).toBeLessThan(6 * cells);

  // A real range of the region: the run still centres near the plan and the tornado bar is there.
  await range.getByTestId('mc-low').fill(`${own * 80}%`);
  await range.getByTestId('mc-low').press('Enter');
  await range.getByTestId('mc-high').fill(`${own * 120}%`);
  await range.getByTestId('mc-high').press('Enter');
  await expect(page.getByTestId('tornado-base')).toHaveAttribute('data-value', String(planContribution));
  await page.getByTestId('mc-run').click();
  await expect(summary).toHaveAttribute('data-draws', '200');
  expect(libraries).toEqual([]);
});
