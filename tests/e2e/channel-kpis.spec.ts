import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import * as XLSX from 'xlsx';
import { computePlan } from '../../src/engine/compute';
import type { Plan } from '../../src/engine/types';
import { expect, test, watchLibraries } from './fixtures';
import { storedPlan } from './storedPlan';

/** A cell of one of the channel KPI grids. */
function cell(page: Page, grid: string, row: number, colId: string) {
  return page.getByTestId(grid).locator(`.ag-row[row-index="${row}"] [col-id="${colId}"]`).first();
}

/**
 * Turnover days of channel `c` over the plan's last calendar year, worked out here from the stored
 * plan and the engine's net revenue and gross profit, without the app's KPI code: average month-end
 * stock ÷ (cost of goods ÷ days), cost of goods = net revenue − gross profit.
 */
function turnoverDays(plan: Plan, c: number): { days: number; year: string; cogsPerDay: number } {
  const res = computePlan(plan);
  const P = res.periods;
  const year = res.months[P - 1].slice(0, 4);
  const stock = plan.channelKpis?.channels[plan.channels[c].id]?.stock;
  let cogs = 0;
  let days = 0;
  let stockSum = 0;
  let n = 0;
  res.months.forEach((m, t) => {
    if (!m.startsWith(year)) return;
    cogs += res.flows.netRevenue[c * P + t] - res.flows.grossProfit[c * P + t];
    days += new Date(Date.UTC(Number(year), Number(m.slice(5, 7)), 0)).getUTCDate();
    stockSum += stock?.overrides?.[m] ?? stock?.base ?? 0;
    n++;
  });
  return { days: (stockSum / n) * days / cogs, year, cogsPerDay: cogs / days };
}

test('库存积压预警: stock typed and pasted per channel raises a backlog alert in the scorecard, checked against the stored plan', async ({ page, planner: p }) => {
  const libraries = watchLibraries(page);
  await p.open('zh-CN');
  await p.newPlan('beauty');
  await p.saved();
  const template = await storedPlan(page);
  const name = template.channels[0].name;
  // About 80 days of the first channel's cost of goods, in 万 as a planner types it.
  const { cogsPerDay } = turnoverDays(template, 0);
  const stockWan = Math.round((cogsPerDay * 80) / 1_000_000);
  expect(stockWan).toBeGreaterThan(0);

  await page.getByTestId('tab-evaluate').click();
  await page.getByTestId('eval-kpis').click();
  await expect(page.getByTestId('eval-kpis')).toHaveText('渠道指标');

  // A block pasted from Excel: percents as 92% and 0.004, money as 2000万; one undoable edit.
  await cell(page, 'ckpi-values', 0, 'satisfaction').click();
  await p.paste('ckpi-values', '92%\t0.004\t35\t2000万\t25%\t120');
  await expect(cell(page, 'ckpi-values', 0, 'satisfaction')).toHaveText('92%');
  await expect(cell(page, 'ckpi-values', 0, 'complaintRate')).toHaveText('0.4%');
  await expect(cell(page, 'ckpi-values', 0, 'marketSize')).toHaveText(/^¥20,000,000(\.00)?$/);
  await page.getByTestId('undo').click();
  await expect(cell(page, 'ckpi-values', 0, 'satisfaction')).toHaveText('');
  await expect(cell(page, 'ckpi-values', 0, 'floorArea')).toHaveText('');
  await page.getByTestId('redo').click();
  await expect(cell(page, 'ckpi-values', 0, 'floorArea')).toHaveText('120');

  // The plan's backlog line, then stock for every month and one month typed apart (double).
  const line = page.getByTestId('ckpi-backlog-days');
  await line.fill('45');
  await line.press('Enter');
  await line.blur();
  await cell(page, 'ckpi-stock', 0, 'base').click();
  await p.paste('ckpi-stock', `${stockWan}万`);
  const firstMonth = template.timeline.start;
  await cell(page, 'ckpi-stock', 0, `m:${firstMonth}`).click();
  await p.paste('ckpi-stock', `${stockWan * 2}万`);
  await expect(cell(page, 'ckpi-stock', 0, `m:${firstMonth}`)).toHaveClass(/overridden/);
  await p.saved();

  // What IndexedDB holds, and the turnover worked out from it in Node.
  const plan = await storedPlan(page);
  const kpis = plan.channelKpis;
  expect(kpis?.backlogDays).toBe(45);
  expect(kpis?.channels[plan.channels[0].id]).toMatchObject({
    satisfaction: 0.92, complaintRate: 0.004, nps: 35, marketSize: 2_000_000_000, competitorShare: 0.25, floorArea: 120,
    stock: { base: stockWan * 1_000_000, overrides: { [firstMonth]: stockWan * 2 * 1_000_000 } },
  });
  const expected = turnoverDays(plan, 0);
  expect(expected.days).toBeGreaterThan(45);
  const shown = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 }).format(expected.days);

  // The section's own figures and alert.
  const row = page.locator(`[data-testid="ckpi-derived-row"][data-channel="${name}"]`);
  await expect(row).toHaveAttribute('data-backlog', 'yes');
  expect(Number(await row.getAttribute('data-turnover'))).toBeCloseTo(expected.days, 6);
  await expect(row.getByTestId('ckpi-turnover')).toHaveText(shown);
  await expect(page.getByTestId('ckpi-alerts')).toContainText(`库存积压预警：${name}`);

  // The export: every channel a row, numbers as numbers.
  const wait = page.waitForEvent('download');
  await page.getByTestId('ckpi-export-xlsx').click();
  const file = await wait;
  const book = XLSX.read(await readFile(await file.path()), { type: 'buffer' });
  const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]], { header: 1 });
  const head = rows[0] as string[];
  expect(rows.slice(1).map((r) => r[0])).toEqual(plan.channels.map((c) => c.name));
  const daysCol = head.indexOf('周转天数');
  const satCol = head.indexOf('满意度（满意客户占比）');
  const first = rows[1];
  expect(typeof first[daysCol]).toBe('number');
  expect(first[daysCol] as number).toBeCloseTo(expected.days, 1);
  expect(first[satCol]).toBeCloseTo(0.92, 12);

  // The scorecard's alert list carries the backlog with the same turnover days.
  await page.getByTestId('eval-scorecard').click();
  const alert = page.locator(`[data-testid="score-alerts"] [data-testid="ckpi-alert"][data-kind="backlog"][data-channel="${name}"]`);
  await expect(alert).toBeVisible();
  expect(Number(await alert.getAttribute('data-days'))).toBeCloseTo(expected.days, 6);
  await expect(alert).toContainText(`${shown} 天`);
  await expect(alert).toContainText('超过预警线 45 天');
  await expect(alert).toContainText(expected.year);

  // Turnover days as a scorecard criterion: picked lower-is-better, scored with the same figure.
  await page.getByTestId('score-add').click();
  const metric = page.getByTestId('score-metric').last();
  await metric.selectOption('kpi:turnoverDays');
  await expect(metric.locator('option:checked')).toHaveText('库存周转天数');
  await expect(page.getByTestId('score-direction').last().locator('option:checked')).toHaveText('越低越好');
  await expect(page.getByTestId('score-table').locator('th').filter({ hasText: '库存周转天数' })).toHaveCount(1);
  expect(libraries).toEqual([]);
});
