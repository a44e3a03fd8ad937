import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import * as XLSX from 'xlsx';
import { computePlan } from '../../src/engine/compute';
import { goalSeekPriceChange } from '../../src/engine/goalSeek';
import { priceEffects } from '../../src/engine/levers/priceEffect';
import { rollup, rollupValue } from '../../src/engine/rollup';
import { runMonteCarlo, summariseMonteCarlo } from '../../src/engine/uncertainty';
import { monthKeys } from '../../src/engine/timeline';
import { formatCount, formatMoney, formatPercent } from '../../src/i18n/format';
import { csvRows } from './downloads';
import { expect, test, watchLibraries } from './fixtures';
import { storedPlan } from './storedPlan';
import type { Plan } from '../../src/engine/types';

// The committed Online Retail subset (tests/fixtures/elasticity): the country is the channel.
const SUBSET = fileURLToPath(new URL('../fixtures/elasticity/online_retail_subset.csv', import.meta.url));
const reference = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/elasticity/reference.json', import.meta.url)), 'utf8')) as {
  channels: { channel: string; status: string; elasticity?: number }[];
};
const pct = (v: number) => formatPercent(v, 'zh-CN', 1);
const UK = reference.channels.find((c) => c.channel === 'United Kingdom')!;

async function importSubset(page: Page): Promise<void> {
  await page.getByTestId('tab-customers').click();
  await page.getByTestId('cust-import-input').setInputFiles(SUBSET);
  const dialog = page.getByTestId('cust-import-dialog');
  await dialog.getByTestId('cust-map-product').selectOption('1');
  await dialog.getByTestId('cust-map-region').selectOption('');
  await dialog.getByTestId('cust-map-channel').selectOption('6');
  await dialog.getByTestId('cust-import-start').click();
  await expect(dialog.getByTestId('cust-import-done')).toBeVisible();
  await dialog.getByTestId('cust-import-dialog-close').click();
}

function priceCell(page: Page, row: number, colId: string) {
  return page.getByTestId('price-grid').locator(`.ag-row[row-index="${row}"] [col-id="${colId}"]`).first();
}

async function typeInto(page: Page, row: number, colId: string, text: string): Promise<void> {
  await priceCell(page, row, colId).dblclick();
  const input = page.getByTestId('price-grid').locator('.ag-cell-inline-editing input').first();
  await expect(input).toBeVisible();
  await input.fill(text);
  await input.press('Enter');
}

test('a price rise with an estimated elasticity: estimate, use it for 天猫, raise its price; figures match the engine (zh-CN)', async ({ page, planner }) => {
  const libraryWarnings = watchLibraries(page);
  await planner.open('zh-CN');
  await planner.newPlan('beauty');
  await importSubset(page);

  // Customers → Price elasticity: the United Kingdom's pooled estimate, used as 天猫's elasticity.
  await page.getByTestId('cust-nav-elasticity').click();
  const ukRow = page.locator('[data-testid="elas-channel-row"][data-channel="United Kingdom"]');
  await expect(ukRow.getByTestId('elas-value')).toBeVisible();
  const use = ukRow.getByTestId('elas-channel-use');
  await use.getByTestId('elas-channel-use-channel').selectOption('ch-tmall');
  await use.getByTestId('elas-channel-use-button').click();
  await planner.saved();
  let plan = await storedPlan(page);
  const entry = plan.prices!.channels.find((c) => c.channelId === 'ch-tmall')!;
  expect(Math.abs(entry.elasticity! - UK.elasticity!)).toBeLessThan(1e-9);
  expect(entry.source).toMatchObject({ kind: 'estimated', scope: 'United Kingdom' });
  const src = entry.source as Extract<NonNullable<typeof entry.source>, { kind: 'estimated' }>;
  expect(src.priceChanges).toBeGreaterThan(0);
  // The P10–P90 range brackets the estimate (its Monte Carlo uncertainty).
  expect(entry.range!.low).toBeLessThan(entry.elasticity!);
  expect(entry.range!.high).toBeGreaterThan(entry.elasticity!);
  const changesOnScreen = await ukRow.locator('td').nth(5).textContent();
  expect(changesOnScreen?.trim()).toBe(formatCount(src.priceChanges, 'zh-CN'));

  // Prices & promotions → Prices: the source says where ε came from, the select says what it acts on.
  await page.getByTestId('tab-levers').click();
  await page.getByTestId('levers-prices').click();
  const tmall = page.locator('[data-testid="price-elasticity-row"][data-channel="ch-tmall"]');
  await expect(tmall.getByTestId('price-elasticity-source')).toContainText(`${formatCount(src.priceChanges, 'zh-CN')} 次价格变动`);
  await expect(tmall.getByTestId('price-elasticity-source')).toContainText('United Kingdom');
  await expect(tmall.getByTestId('price-acts-on').locator('option:checked')).toHaveText('计划默认：转化率（每次访问的购买率下降）');
  await expect(page.getByTestId('price-effect-none')).toHaveText('所有渠道均为当前价格，无可比较。');

  // 5 % dearer from the start: typed as 105 %, one undo step.
  await typeInto(page, 0, 'base', '105%');
  await expect(priceCell(page, 0, 'base')).toHaveText(pct(1.05));
  await planner.saved();
  plan = await storedPlan(page);
  expect(plan.prices!.channels.find((c) => c.channelId === 'ch-tmall')!.index.base).toBe(1.05);

  // A block pasted from Excel into three months of 天猫 and 线下门店: one edit; "1.1" and "110%" read alike.
  const months = monthKeys(plan.timeline);
  await priceCell(page, 0, `m.${months[5]}`).click();
  await planner.paste('price-grid', '1.1\t110%\t108\r\n0.95\t95%\t0.95\r\n');
  await expect(priceCell(page, 0, `m.${months[7]}`)).toHaveText(pct(1.08));
  await expect(priceCell(page, 1, `m.${months[6]}`)).toHaveText(pct(0.95));
  await planner.saved();
  plan = await storedPlan(page);
  expect(plan.prices!.channels.find((c) => c.channelId === 'ch-tmall')!.index.overrides).toEqual({ [months[5]]: 1.1, [months[6]]: 1.1, [months[7]]: 1.08 });
  expect(plan.prices!.channels.find((c) => c.channelId === 'ch-stores')!.index.overrides).toEqual({ [months[5]]: 0.95, [months[6]]: 0.95, [months[7]]: 0.95 });
  await page.getByTestId('undo').click();
  await expect(priceCell(page, 1, `m.${months[6]}`)).toHaveText(pct(1));
  await expect(priceCell(page, 0, `m.${months[5]}`)).toHaveText(pct(1.05));
  await planner.saved();
  plan = await storedPlan(page);
  expect(plan.prices!.channels.find((c) => c.channelId === 'ch-tmall')!.index.overrides ?? {}).toEqual({});
  expect(plan.prices!.channels.some((c) => c.channelId === 'ch-stores')).toBe(false);

  // The effect on screen is what the engine computes, in Node, from the stored plan.
  const effects = priceEffects(plan, null);
  expect(effects.map((e) => e.channelId)).toEqual(['ch-tmall']);
  const e = effects[0];
  const row = page.locator('[data-testid="price-effect-row"][data-channel="ch-tmall"]');
  const money = (v: number) => formatMoney(v, plan.currency, 'zh-CN');
  await expect(row.getByTestId('price-effect-index')).toHaveText(formatPercent(1.05, 'zh-CN', 1));
  await expect(row.getByTestId('price-effect-orders')).toHaveText(`${formatCount(e.orders.with, 'zh-CN')} (${formatPercent(e.orders.with / e.orders.without - 1, 'zh-CN', 1)})`);
  await expect(row.getByTestId('price-effect-net')).toHaveText(`${money(e.netRevenue.with)} (${formatPercent(e.netRevenue.with / e.netRevenue.without - 1, 'zh-CN', 1)})`);
  await expect(row.getByTestId('price-effect-contribution')).toHaveText(money(e.contribution.with));
  const delta = e.contribution.with - e.contribution.without;
  // Independent check of the direction: orders fall by 1.05^ε exactly (conversion below its cap).
  expect(e.orders.with / e.orders.without).toBeCloseTo(1.05 ** UK.elasticity!, 9);
  await expect(row.getByTestId('price-effect-verdict')).toHaveText(
    delta < 0 ? `与当前价格相比，此次调价减少贡献利润 ${money(-delta)}。` : `与当前价格相比，此次调价增加贡献利润 ${money(delta)}。`,
  );

  // Exports: every channel row, the indices as numbers.
  const csv = csvRows((await planner.download('price-export-csv')).bytes);
  expect(csv.length).toBe(1 + plan.channels.length);
  expect(csv.slice(1).map((r) => r[0])).toEqual(plan.channels.map((c) => c.name));
  expect(Number(csv[1][1])).toBeCloseTo(1.05, 9);
  const xlsx = XLSX.read((await planner.download('price-export-xlsx')).bytes, { type: 'buffer' });
  const rows = XLSX.utils.sheet_to_json<(string | number)[]>(xlsx.Sheets[xlsx.SheetNames[0]], { header: 1 });
  expect(rows.length).toBe(1 + plan.channels.length);
  expect(rows[1][1]).toBe(1.05);
  expect(rows[2][1]).toBe(1);
  expect(rows[1].slice(2).every((v) => typeof v === 'number')).toBe(true);

  // Uncertainty: the estimate's P10–P90 is drawn in Monte Carlo, even with no other range; the median is the engine's.
  await page.getByTestId('tab-risk').click();
  await expect(page.getByTestId('mc-price-ranges')).toContainText('天猫·京东旗舰店（P10');
  await page.getByTestId('mc-run').click();
  const summary = page.getByTestId('mc-summary');
  // Every draw done (the summary grows while the workers run).
  await expect(summary).toHaveAttribute('data-draws', '10000', { timeout: 60_000 });
  const draws = 10_000;
  await expect(page.getByTestId('mc-seed')).toHaveValue('1');
  const seed = 1;
  const node = summariseMonteCarlo([runMonteCarlo(plan, { scenarioId: null, uncertainty: [], seed, from: 0, to: draws })], plan.timeline.periods);
  expect(Math.abs(Number(await summary.getAttribute('data-p50')) - node.p50)).toBeLessThanOrEqual(1e-6 * Math.abs(node.p50));
  expect(node.p90 - node.p10).toBeGreaterThan(0);
  await page.getByTestId('tab-levers').click();

  // A bad index is refused with a reason and changes nothing.
  await typeInto(page, 0, 'base', '0');
  await expect(planner.toast()).toContainText('价格指数须在 1% 到 10,000% 之间');
  await expect(priceCell(page, 0, 'base')).toHaveText(pct(1.05));
  expect(libraryWarnings).toEqual([]);
});

test('a scenario raises 天猫’s price from June: described in words, its slider moves it, goal seek solves for the price, the KPIs are the engine’s (zh-CN)', async ({ page, planner }) => {
  const libraryWarnings = watchLibraries(page);
  await planner.open('zh-CN');
  await planner.newPlan('beauty');
  await page.getByTestId('tab-levers').click();
  const tmall = page.locator('[data-testid="price-elasticity-row"][data-channel="ch-tmall"]');
  await tmall.getByTestId('price-elasticity-input').fill('-1.8');
  await tmall.getByTestId('price-elasticity-input').press('Enter');
  await expect(tmall.getByTestId('price-elasticity-source')).toHaveText('手动输入');

  await page.getByTestId('tab-scenarios').click();
  await page.getByTestId('scenario-new').click();
  await expect(page.getByTestId('scenario-item')).toHaveCount(1);
  let plan = await storedPlan(page);
  const months = monthKeys(plan.timeline);
  const box = page.getByTestId('scenario-price-changes');
  await box.getByTestId('price-change-channel').selectOption('ch-tmall');
  await box.getByTestId('price-change-percent').fill('5');
  await box.getByTestId('price-change-from').selectOption(months[5]);
  await box.getByTestId('price-change-add').click();
  await expect(box.getByTestId('price-change-text')).toHaveText(`天猫·京东旗舰店：价格 +5%（自${new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(months[5].slice(0, 4)), Number(months[5].slice(5)) - 1, 1)))}起）`);

  // The save is debounced: `stored` says when the database holds the edit just made.
  const kpiIs = async (scenarioId: string, stored: (p: Plan) => boolean) => {
    await expect.poll(async () => stored(await storedPlan(page))).toBe(true);
    plan = await storedPlan(page);
    const res = computePlan(plan, scenarioId);
    const want = rollupValue(rollup(plan, res, 'total', 'all'), 'contribution', 0, 0) as number;
    await expect.poll(() => planner.kpi('contribution')).toBe(want);
    return res;
  };
  const firstChange = (p: Plan) => p.scenarios[0]?.priceChanges?.[0]?.percent;
  await expect.poll(async () => firstChange(await storedPlan(page))).toBe(5);
  const scenarioId = (await storedPlan(page)).scenarios[0].id;
  const at5 = await kpiIs(scenarioId, (p) => firstChange(p) === 5);
  // June on: 天猫's orders are 1.05^−1.8 of the baseline's; May is untouched.
  const base = computePlan(plan, null);
  expect(at5.flows.orders[5] / base.flows.orders[5]).toBeCloseTo(1.05 ** -1.8, 9);
  expect(at5.flows.orders[4]).toBe(base.flows.orders[4]);

  // The slider: +12 %, and the KPI follows.
  await box.getByTestId('price-change-slider').fill('12');
  await expect(box.getByTestId('price-change-text')).toContainText('价格 +12%');
  await kpiIs(scenarioId, (p) => firstChange(p) === 12);
  expect(plan.scenarios[0].priceChanges![0].percent).toBe(12);

  // Goal seek on the price: the net revenue that 3 % more on 天猫's price would bring is found at 3 %, and applies as a price change.
  const spec = { scenarioId, metric: 'netRevenue' as const, target: 0, variable: { kind: 'price' as const, channelId: 'ch-tmall' }, minPercent: -100, maxPercent: 300 };
  const extra = structuredClone(plan);
  extra.scenarios[0].priceChanges!.push(goalSeekPriceChange(spec, 3, 'x'));
  const target = rollupValue(rollup(extra, computePlan(extra, scenarioId), 'total', 'all'), 'netRevenue', 0, 0) as number;
  const goal = page.getByTestId('goal-seek');
  await goal.getByTestId('goal-metric').selectOption('netRevenue');
  await goal.getByTestId('goal-target').fill((target / 100).toFixed(2));
  await goal.getByTestId('goal-target').press('Enter');
  await goal.getByTestId('goal-variable').selectOption('ch-tmall');
  await goal.getByTestId('goal-driver').selectOption('price');
  await expect(goal.getByTestId('goal-driver').locator('option:checked')).toHaveText('价格指数');
  await goal.getByTestId('goal-run').click();
  await expect(goal.getByTestId('goal-result')).toHaveAttribute('data-status', 'reached');
  await goal.getByTestId('goal-apply').click();
  await expect(box.getByTestId('price-change-row')).toHaveCount(2);
  await kpiIs(scenarioId, (p) => p.scenarios[0].priceChanges?.length === 2);
  expect(plan.scenarios[0].priceChanges![1].percent).toBeCloseTo(3, 4);
  expect(libraryWarnings).toEqual([]);
});
