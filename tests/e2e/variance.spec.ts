import * as XLSX from 'xlsx';
import { computePlan } from '../../src/engine/compute';
import { serialisePlanFile } from '../../src/engine/planFile/serialise';
import { createPlanFromTemplate } from '../../src/engine/templates';
import type { Plan } from '../../src/engine/types';
import { formatMoney } from '../../src/i18n/format';
import { csvRows, pngSize } from './downloads';
import { expect, test, watchLibraries } from './fixtures';

/**
 * A beauty plan (2027-01, 24 months) holding 15 months of actuals from 2026-01: Tmall with revenue,
 * orders and spend; stores by two regions, revenue only. Written through the engine, as a user's file.
 */
function planWithActuals(): Plan {
  const plan = createPlanFromTemplate('beauty', { id: 'p-variance-e2e', now: Date.UTC(2027, 3, 2), locale: 'en' });
  plan.name = 'Variance check';
  const season = [0.8, 0.7, 0.9, 0.95, 1, 1.3, 0.9, 0.85, 0.95, 1, 1.6, 1.2];
  const tmall = Array.from({ length: 15 }, (_, k) => Math.round(1_400_000_000 * (1 + 0.01 * k) * season[k % 12]) + 37);
  plan.actuals = {
    start: '2026-01',
    months: 15,
    series: [
      { channelId: 'ch-tmall', regionId: '', values: { netRevenue: tmall, orders: tmall.map((v) => Math.round(v / 25_000)), spend: tmall.map(() => 120_000_000) } },
      { channelId: 'ch-stores', regionId: 'tier1', values: { netRevenue: Array.from({ length: 15 }, (_, k) => (k === 14 ? null : 300_000_000 + k * 1_000_000)) } },
      { channelId: 'ch-stores', regionId: 'tier2', values: { netRevenue: Array.from({ length: 15 }, () => 100_000_000) } },
    ],
    source: { kind: 'table', name: 'actuals.xlsx', importedAt: Date.UTC(2027, 3, 2) },
    channelNames: [],
    regionNames: [],
  };
  return plan;
}

test('plan vs actual: grid, exports, actualise with a re-forecast, compare and report', async ({ page, planner: p }) => {
  const library = watchLibraries(page);
  const plan = planWithActuals();
  const base = computePlan(plan);
  const P = base.periods;
  const ti = plan.channels.findIndex((c) => c.id === 'ch-tmall');
  const actualJan = plan.actuals!.series[0].values.netRevenue![12] as number;
  const planJan = base.flows.netRevenue[ti * P];
  const deltaJan = actualJan - planJan;

  await p.open('en');
  await page.getByTestId('import-input').setInputFiles({ name: 'variance.cmplan.json', mimeType: 'application/json', buffer: Buffer.from(serialisePlanFile(plan, { name: 'channel-mix-planner', version: '0.1.0' })) });
  // A file with a new plan opens as that plan.
  await expect(page.getByTestId('channel-grid')).toBeVisible();
  await page.getByTestId('tab-actuals').click();
  await page.getByTestId('actuals-variance').click();
  const grid = page.getByTestId('variance-grid');
  const tmallRow = grid.locator('.ag-row[row-id="ch-tmall"]');
  // Δ of January 2027, computed here from the plan and the actual.
  const sign = deltaJan > 0 ? '+' : '−';
  await expect(tmallRow.locator('[col-id="2027-01:delta"]').first()).toHaveText(sign + formatMoney(Math.abs(deltaJan), 'CNY', 'en'));
  await expect(tmallRow.locator('[col-id="2027-01:actual"]').first()).toHaveText(formatMoney(actualJan, 'CNY', 'en'));
  // Tolerance shown as a symbol as well as a colour.
  const pct = deltaJan / planJan;
  await expect(tmallRow.locator('[col-id="2027-01:deltaPct"]').first()).toContainText(Math.abs(pct) <= 0.05 ? '✓' : pct > 0 ? '▲' : '▼');
  await expect(page.getByTestId('variance-tile-months').locator('.value')).toHaveText('3');

  // The grid's CSV and XLSX: every channel row plus the total, numbers as numbers.
  const csv = csvRows((await p.download('variance-export-csv')).bytes);
  expect(csv).toHaveLength(1 + plan.channels.length + 1);
  const header = csv[0];
  const deltaCol = header.indexOf('Jan 2027 · Δ');
  expect(deltaCol).toBeGreaterThan(0);
  const csvTmall = csv.find((r) => r[0] === plan.channels[ti].name)!;
  expect(Number(csvTmall[deltaCol])).toBeCloseTo(deltaJan / 100, 2);
  // April 2027 has no actual: empty, not 0 or −100 % (the grid draws only the columns in view; the file has all).
  for (const col of ['Apr 2027 · Actual', 'Apr 2027 · Δ', 'Apr 2027 · Δ %']) expect(csvTmall[header.indexOf(col)]).toBe('');
  expect(Number(csvTmall[header.indexOf('Apr 2027 · Plan')])).toBeCloseTo(base.flows.netRevenue[ti * P + 3] / 100, 2);
  const wb = XLSX.read((await p.download('variance-export-xlsx')).bytes, { type: 'buffer' });
  const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1, defval: null, raw: true });
  expect(rows).toHaveLength(1 + plan.channels.length + 1);
  const xTmall = rows.find((r) => r[0] === plan.channels[ti].name)!;
  expect(typeof xTmall[deltaCol]).toBe('number');
  expect(xTmall[deltaCol] as number).toBeCloseTo(deltaJan / 100, 2);
  expect(typeof xTmall[deltaCol + 1]).toBe('number');

  // The plan workbook gains the actuals and plan vs actual, numbers as numbers.
  const book = XLSX.read((await p.download('plan-export-xlsx')).bytes, { type: 'buffer' });
  expect(book.SheetNames).toEqual(expect.arrayContaining(['Actuals', 'Plan vs actual']));
  const pva = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['Plan vs actual'], { header: 1, defval: null, raw: true });
  const pvaTmallJan = pva.find((r) => r[0] === plan.channels[ti].name && r[1] === 'Jan 2027')!;
  expect(pvaTmallJan[3]).toBe(actualJan / 100);
  expect(pvaTmallJan[4] as number).toBeCloseTo(deltaJan / 100, 2);
  // Tmall and stores reported Jan–Mar 2027 (stores' tier 1 missed March, tier 2 did not).
  expect(pva).toHaveLength(1 + 3 + 3);
  const actualsSheet = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['Actuals'], { header: 1, defval: null, raw: true });
  expect(actualsSheet).toHaveLength(1 + 15 + 14 + 15);
  expect(actualsSheet.slice(1).every((r) => typeof r[3] === 'number')).toBe(true);

  // Year to date by channel and by region, exported.
  await expect(page.getByTestId('variance-ytd-row').filter({ hasText: plan.channels[ti].name })).toBeVisible();
  const ytdCsv = csvRows((await p.download('variance-ytd-export-csv')).bytes);
  expect(ytdCsv).toHaveLength(1 + plan.channels.length);
  const ytdTmall = ytdCsv.find((r) => r[0] === plan.channels[ti].name)!;
  const ytdActual = (plan.actuals!.series[0].values.netRevenue!.slice(12, 15) as number[]).reduce((a, v) => a + v, 0);
  expect(Number(ytdTmall[2])).toBeCloseTo(ytdActual / 100, 2);
  await page.getByTestId('variance-ytd-by').selectOption('region');
  await expect(page.getByTestId('variance-ytd-row')).not.toHaveCount(0);

  // Actualise through March 2027 with a re-forecast: one edit, a new scenario.
  await expect(page.getByTestId('actualise-through')).toHaveValue('2027-03');
  await expect(page.getByTestId('actualise-run')).toBeEnabled({ timeout: 30_000 });
  await page.getByTestId('actualise-run').click();
  const name = 'Actual through 2027-03, re-forecast after';
  await expect(page.getByTestId('variance-against').locator('option', { hasText: name })).toHaveCount(1);
  // One undoable edit: undo removes the scenario, redo brings it back.
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('variance-against').locator('option', { hasText: name })).toHaveCount(0);
  await page.getByTestId('redo').click();
  await expect(page.getByTestId('variance-against').locator('option', { hasText: name })).toHaveCount(1);
  // Against the actualised scenario every actual month matches: Δ = 0 for Tmall in Jan–Mar.
  await page.getByTestId('variance-against').selectOption({ label: name });
  for (const m of ['2027-01', '2027-02', '2027-03']) await expect(tmallRow.locator(`[col-id="${m}:delta"]`).first()).toHaveText(`±${formatMoney(0, 'CNY', 'en')}`);
  await expect(page.getByTestId('variance-tile-delta')).toHaveAttribute('data-delta', '0');
  await expect(page.getByTestId('variance-unmatched')).toHaveCount(0);
  // The chart shows the re-forecast band for one channel.
  await page.getByTestId('variance-chart-channel').selectOption('ch-tmall');
  await expect.poll(() => p.chartRenders('variance-chart')).toBeGreaterThan(0);
  expect(pngSize((await p.download('variance-chart-png')).bytes).width).toBeGreaterThan(600);
  expect((await p.download('variance-chart-svg')).bytes.toString('utf8')).toContain('<svg');

  // BCG on actuals: the window is stated; 15 months of data have no full year before the last 12.
  await page.getByTestId('tab-evaluate').click();
  await page.getByTestId('eval-bcg').click();
  await page.getByTestId('bcg-basis').selectOption('actuals');
  await expect(page.getByTestId('observed-window')).toContainText('Apr 2026 to Mar 2027 (12 months)');
  await expect(page.getByTestId('observed-no-growth')).toContainText('begin in Jan 2026');

  // It is a scenario like any other: in Compare, with the scenario's own figures.
  await page.getByTestId('tab-compare').click();
  await expect(page.getByTestId('compare-pick').locator('xpath=..').filter({ hasText: name })).toHaveCount(1);
  await page.getByTestId('tab-scenarios').click();
  await page.getByTestId('scenario-item').filter({ hasText: name }).click();
  await expect(page.getByTestId('scenario-banner-actualised')).toContainText('Actuals through Mar 2027');

  // The report has a plan vs actual section.
  await page.getByTestId('open-report').click();
  await expect(page.getByTestId('report-variance')).toBeVisible();
  await expect(page.getByTestId('report-variance-row').filter({ hasText: plan.channels[ti].name })).toBeVisible();
  expect(library).toEqual([]);
});
