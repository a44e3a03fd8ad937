/**
 * The planner's year with data, in 简体中文: last three years of orders from the shop system → the
 * monthly actuals → a forecast → applied to the plan → three months later, finance's monthly table
 * added to the history → plan against actual → actualised through March with a re-forecast →
 * compared. Every figure a planner would act on is checked against an independent sum of the file
 * or an independent calculation; downloads are read back.
 */
import * as XLSX from 'xlsx';
import { HISTORY_CHANNELS, historyCsv, monthlyTotals, salesHistory } from '../fixtures/sales-history/salesHistory';
import { csvRows } from './downloads';
import { expect, test, watchLibraries } from './fixtures';

const rows = salesHistory();
const totals = monthlyTotals(rows);

/** Finance's sheet for January to March 2027, as pasted from Excel (tabs, 万 and ¥ as typed). */
const FINANCE = [
  '渠道\t2027年1月\t2027年2月\t2027年3月',
  '天猫·京东旗舰店\t12万\t¥9.5万\t110,000',
  '线下体验店\t6万\t5.5万\t6.2万',
  '私域社群（企业微信+小程序）\t3万\t3.1万\t3.3万',
  '抖音直播带货\t4万\t3.6万\t4.4万',
].join('\n');
const FINANCE_TMALL = [120_000, 95_000, 110_000];

/** A money text as the grids show it (¥1,234 or -¥1,234) → yuan. */
const yuan = (text: string) => Number(text.replace(/[¥,\s±]/g, '').replace('−', '-'));

test('zh-CN: orders → actuals → forecast → applied → finance’s months added → plan vs actual → actualised → compared', async ({ planner, page }) => {
  test.setTimeout(300_000);
  const libraries = watchLibraries(page);
  await planner.open('zh-CN');
  await planner.newPlan('beauty');

  // 1. Three years of orders from the shop system, imported as a customer data set.
  await page.getByTestId('tab-customers').click();
  await page.getByTestId('cust-import-input').setInputFiles({ name: '订单明细-2024至2026.csv', mimeType: 'text/csv', buffer: Buffer.from(historyCsv(rows)) });
  const customers = page.getByTestId('cust-import-dialog');
  await customers.getByTestId('cust-import-start').click();
  await expect(customers.getByTestId('cust-import-done')).toBeVisible({ timeout: 60_000 });
  await customers.getByTestId('cust-import-dialog-close').click();

  // 2. Its monthly totals become the plan's actuals; the names fold onto the plan's channels by themselves.
  await page.getByTestId('tab-actuals').click();
  await page.getByTestId('actuals-import-open').click();
  await page.getByTestId('actuals-source-dataset').click();
  await page.getByTestId('actuals-dataset').selectOption({ index: 1 });
  await page.getByTestId('actuals-dataset-read').click();
  const mapped = (name: string) => page.locator(`[data-testid="actuals-map-channels-row"][data-name="${name}"] select option:checked`);
  await expect(mapped('天貓·京東旗艦店')).toHaveText('天猫·京东旗舰店');
  await expect(mapped('私域社群（企业微信＋小程序）')).toHaveText('私域社群（企业微信+小程序）');
  await expect(mapped('抖音直播帶貨')).toHaveText('抖音直播带货');
  await page.getByTestId('actuals-import-confirm').click();
  await expect(page.getByTestId('actuals-import')).toHaveCount(0);
  const dataView = page.getByTestId('actuals-data-view');
  await expect(dataView).not.toHaveAttribute('data-series', '0');
  // Every channel's three-year total, over its regions' rows, equals the file's own sum (whole yuan on screen).
  const total = async (channel: string) => {
    const cells = await page.locator(`[data-testid="actuals-grid-row"][data-channel="${channel}"] td.total`).allInnerTexts();
    return cells.reduce((a, text) => a + yuan(text), 0);
  };
  const fileTotal = (name: string) => [...totals.get(name)!.values()].reduce((a, v) => a + v, 0) / 100;
  // Rounded per region row on screen: within a yuan per row of the file's sum.
  expect(Math.abs((await total('天猫·京东旗舰店')) - fileTotal(HISTORY_CHANNELS[0]))).toBeLessThanOrEqual(3);
  expect(Math.abs((await total('抖音直播带货')) - fileTotal(HISTORY_CHANNELS[3]))).toBeLessThanOrEqual(3);

  // 3. The forecast: a model per channel, its hold-out accuracy beside last year's.
  await page.getByTestId('tab-forecast').click();
  const cards = page.getByTestId('forecast-channel');
  await expect(cards).toHaveCount(4, { timeout: 60_000 });
  await expect(page.getByTestId('forecast-window')).toContainText('2026年11月');
  for (const card of await cards.all()) {
    await expect(card.getByTestId('forecast-model')).toContainText('ETS(');
    await expect(card.getByTestId('forecast-flag')).toHaveAttribute('data-flag', /better|noBetter/);
  }
  const values = csvRows((await planner.download('forecast-values-export-csv')).bytes);
  expect(values.length).toBeGreaterThan(4 * 24);
  for (const r of values.slice(1)) for (const cell of r.slice(2)) if (cell !== '') expect(Number.isFinite(Number(cell))).toBe(true);

  // 4. Applied to two channels as one edit: the KPI moves, undo and redo work on it as one step.
  const before = await planner.kpi('netRevenue');
  await page.locator('[data-testid="forecast-apply-channel"][data-channel="天猫·京东旗舰店"]').check();
  await page.locator('[data-testid="forecast-apply-channel"][data-channel="抖音直播带货"]').check();
  await page.getByTestId('forecast-apply-button').click();
  const applied = await planner.kpiChangedFrom('netRevenue', before);
  await page.getByTestId('undo').click();
  await expect.poll(() => planner.kpi('netRevenue')).toBe(before);
  await page.getByTestId('redo').click();
  await expect.poll(() => planner.kpi('netRevenue')).toBe(applied);

  // 5. Three months on: finance's table is added to the history, not put in its place.
  await page.getByTestId('tab-actuals').click();
  await page.getByTestId('actuals-data').click();
  await page.getByTestId('actuals-import-open').click();
  await page.getByTestId('actuals-paste').fill(FINANCE);
  await expect(page.getByTestId('actuals-mode-add')).toBeChecked();
  await page.getByTestId('actuals-import-confirm').click();
  await expect(page.getByTestId('actuals-import')).toHaveCount(0);
  // The history is still there, and the channel-wide row of the new months is added to it.
  const tmallTotal = fileTotal(HISTORY_CHANNELS[0]) + FINANCE_TMALL.reduce((a, v) => a + v, 0);
  await expect.poll(() => total('天猫·京东旗舰店')).toBeGreaterThan(tmallTotal - 5);
  expect(Math.abs((await total('天猫·京东旗舰店')) - tmallTotal)).toBeLessThanOrEqual(5);

  // 6. Plan against actual: Δ = actual − plan for January, from the figures on screen.
  await page.getByTestId('actuals-variance').click();
  const tmallRow = page.getByTestId('variance-grid').locator('.ag-row').filter({ hasText: '天猫·京东旗舰店' }).first();
  const cell = async (col: string) => yuan((await tmallRow.locator(`[col-id="2027-01:${col}"]`).first().innerText()).trim());
  await expect(tmallRow.locator('[col-id="2027-01:actual"]').first()).toHaveText('¥120,000');
  const plan = await cell('plan');
  expect(Math.abs((await cell('delta')) - (120_000 - plan))).toBeLessThanOrEqual(1);
  await expect(page.getByTestId('variance-tile-months').locator('.value')).toHaveText('3');

  // 7. Actualised through March with a re-forecast: its own scenario, matching every actual month.
  await expect(page.getByTestId('actualise-through')).toHaveValue('2027-03');
  await page.getByTestId('actualise-after').selectOption('reforecast');
  await expect(page.getByTestId('actualise-run')).toBeEnabled({ timeout: 60_000 });
  const name = (await page.getByTestId('actualise-name').innerText()).trim();
  // December 2026 never came in: filled for the re-forecast only, which still fits a seasonal model on the whole history.
  const how = page.getByTestId('actualise-how-row');
  await expect(how).toHaveCount(4);
  for (const row of await how.all()) {
    await expect(row).toHaveAttribute('data-code', /^forecast\.ets/);
    await expect(row).toContainText('2026年12月');
  }
  await page.getByTestId('actualise-run').click();
  await expect(page.getByTestId('variance-against').locator('option', { hasText: name })).toHaveCount(1);
  await page.getByTestId('variance-against').selectOption({ label: name });
  for (const m of ['2027-01', '2027-02', '2027-03']) await expect(tmallRow.locator(`[col-id="${m}:delta"]`).first()).toHaveText(/^±¥0(\.00)?$/);

  // The plan workbook carries the actuals and the comparison as numbers.
  const workbook = XLSX.read((await planner.download('plan-export-xlsx')).bytes, { type: 'buffer' });
  const sheetNames = workbook.SheetNames.join(' ');
  expect(sheetNames).toContain('实际');
  for (const sheetName of workbook.SheetNames.filter((n) => n.includes('实际'))) {
    const sheet = XLSX.utils.sheet_to_json<unknown[]>(workbook.Sheets[sheetName], { header: 1, defval: null, raw: true });
    // Long layout: channel, (region,) month as text, then measures as number cells (empty when not given).
    const labels = sheet[0].findIndex((h) => typeof h === 'string' && /月份/.test(h)) + 1;
    expect(labels).toBeGreaterThan(1);
    const numbers = sheet.slice(1).flatMap((r) => r.slice(labels)).filter((v) => v !== null && v !== '');
    expect(numbers.length).toBeGreaterThan(sheet.length - 1);
    expect(numbers.filter((v) => typeof v !== 'number')).toEqual([]);
  }

  // 8. Compared with the plan: the actualised scenario is in the Compare tab with its months.
  await page.getByTestId('tab-compare').click();
  await expect(page.getByTestId('compare-pick').locator('xpath=..').filter({ hasText: name })).toHaveCount(1);
  expect(libraries).toEqual([]);
});
