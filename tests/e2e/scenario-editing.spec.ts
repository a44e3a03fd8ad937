import type { Locator, Page } from '@playwright/test';
import { expect, test, watchLibraries } from './fixtures';
import type { Planner } from './planner';

/**
 * Scenario editing as a planner does it, in Chinese and then in English: every choice shows a
 * translated label, a target is picked by channel name, switching the operation keeps the value's
 * meaning, a capped move says so, and the numbers on screen say what they are (banner, KPI Δ against
 * the baseline, Compare colours by good/bad, formulas on hover).
 */

// Messages from src/i18n (the tests read what a user reads).
const TEXT = {
  'zh-CN': {
    scenario: '直播 +20%',
    op: { set: '设为', scale: '按百分比调整', add: '增加', move: '转移预算' },
    yes: '是',
    no: '否',
    spend: '营销投入',
    planStart: '方案开始',
    liveStream: /直播/,
    capped: '已封顶',
    banner: '正在显示情景“直播 +20%”',
    back: '返回基准方案',
    pp: '个百分点',
    roiFormula: 'ROI = 贡献利润 ÷（营销投入 + 固定成本）',
    roasFormula: 'ROAS = 净收入 ÷ 营销投入',
    allMain: '全部主渠道',
    conversion: '转化率',
    recordAction: '改为只记入“直播 +20%”',
  },
  en: {
    scenario: 'Live-stream +20%',
    op: { set: 'Set to', scale: 'Scale by %', add: 'Add', move: 'Move budget' },
    yes: 'Yes',
    no: 'No',
    spend: 'Spend',
    planStart: 'Plan start',
    liveStream: /live-stream/i,
    capped: 'Capped',
    banner: 'Showing scenario “Live-stream +20%”',
    back: 'Back to baseline',
    pp: 'pp',
    roiFormula: 'ROI = contribution ÷ (spend + fixed cost)',
    roasFormula: 'ROAS = net revenue ÷ spend',
    allMain: 'All main channels',
    conversion: 'Conversion',
    recordAction: 'Record in “Live-stream +20%” instead',
  },
} as const;
type Texts = (typeof TEXT)[keyof typeof TEXT];

/** Internal codes that must never reach the screen as option or cell text. */
const RAW_CODES = new Set([
  'set', 'scale', 'add', 'move', 'yes', 'no', 'true', 'false', 'main', 'auxiliary',
  'spend', 'baseTraffic', 'conversion', 'aov', 'returnRate', 'grossMargin', 'channelMargin', 'variableCostRate', 'fixedCost', 'newCustomerShare',
  'channels', 'type', 'role', 'all', 'ecommercePlatform', 'directStore', 'socialCommerce', 'liveStream',
]);

const KPIS = ['spend', 'netRevenue', 'contribution', 'roi', 'cac', 'costRatio'] as const;

function adjustmentCell(page: Page, row: number, col: string): Locator {
  return page.getByTestId('adjustment-grid').locator(`.ag-row[row-index="${row}"] [col-id="${col}"]`).first();
}

/** The grid draws only the columns in view: scroll sideways until the column is there. */
async function reveal(page: Page, col: string): Promise<void> {
  const grid = page.getByTestId('adjustment-grid');
  const header = grid.locator(`.ag-header-cell[col-id="${col}"]`);
  if (await header.isVisible()) return;
  const viewport = grid.locator('.ag-body-horizontal-scroll-viewport');
  for (const left of [0, 500, 1000, 1500, 2000, 2500]) {
    await viewport.evaluate((el, x) => (el.scrollLeft = x), left);
    try {
      await expect(header).toBeVisible({ timeout: 1000 });
      return;
    } catch {
      // Not drawn at this position: scroll on.
    }
  }
  throw new Error(`column ${col} not found`);
}

async function cellText(page: Page, row: number, col: string): Promise<string> {
  await reveal(page, col);
  return ((await adjustmentCell(page, row, col).textContent()) ?? '').trim();
}

/** The open list of a grid select (it opens in a popup on the page, not inside the grid). */
function gridOptions(page: Page): Locator {
  return page.locator('.ag-select-list').getByRole('option');
}

/** Opens a choice cell's list and returns the texts of its options, leaving the editor closed. */
async function optionTexts(page: Page, row: number, col: string): Promise<string[]> {
  await reveal(page, col);
  await adjustmentCell(page, row, col).dblclick();
  await expect(page.getByTestId('adjustment-grid').locator('.ag-cell-inline-editing, .ag-popup-editor').first().or(page.locator('.ag-popup-editor').first())).toBeVisible();
  const options = gridOptions(page);
  // The select editor opens its list by itself or on Enter, depending on how fast it started:
  // press Enter only when the list is not open yet (Enter on an open list would choose).
  if (!(await options.first().isVisible())) {
    try {
      await expect(options.first()).toBeVisible({ timeout: 1000 });
    } catch {
      await page.keyboard.press('Enter');
    }
  }
  await expect(options.first()).toBeVisible();
  const texts = (await options.allTextContents()).map((s) => s.trim());
  // The stored choice is one of the options: ag-grid's "Invalid selection." never shows.
  await expect(page.getByText('Invalid selection.')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('adjustment-grid').locator('.ag-cell-inline-editing')).toHaveCount(0);
  return texts;
}

async function choose(page: Page, row: number, col: string, label: string): Promise<void> {
  await reveal(page, col);
  await adjustmentCell(page, row, col).dblclick();
  await page.keyboard.press('Enter');
  await page.locator('.ag-select-list').getByRole('option', { name: label, exact: true }).click();
  await expect(page.getByTestId('adjustment-grid').locator('.ag-cell-inline-editing')).toHaveCount(0);
}

async function typeInto(page: Page, row: number, col: string, text: string): Promise<void> {
  await reveal(page, col);
  await adjustmentCell(page, row, col).dblclick();
  const input = page.getByTestId('adjustment-grid').locator('.ag-cell-inline-editing input').first();
  await expect(input).toBeVisible();
  await input.fill(text);
  await input.press('Enter');
}

/** Money as the grid prints it ("¥100,000", "+¥100,000.50") in minor units. */
function moneyOf(text: string): number {
  const n = Number(text.replace(/[^\d.]/g, ''));
  return Math.round(n * 100) * (/[-−]/.test(text) ? -1 : 1);
}

async function kpiDelta(page: Page, key: string): Promise<number> {
  return Number(await page.getByTestId(`kpi-${key}-delta`).getAttribute('data-delta'));
}

async function baselineKpis(p: Planner): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const k of KPIS) out[k] = await p.kpi(k);
  return out;
}

async function plannersDay(page: Page, p: Planner, locale: keyof typeof TEXT): Promise<void> {
  const T: Texts = TEXT[locale];
  const warnings = watchLibraries(page);
  await p.open(locale);
  await p.newPlan('beauty');
  const months = 24;
  const baseline = await baselineKpis(p);
  // No scenario shown: no banner and no Δ.
  await expect(page.getByTestId('scenario-banner')).toHaveCount(0);
  await expect(page.getByTestId('kpi-spend-delta')).toHaveCount(0);
  expect(baseline.spend).toBeGreaterThan(0);

  // A scenario named by the planner, with one adjustment on the live-stream channel, picked by name.
  await page.getByTestId('tab-scenarios').click();
  await page.getByTestId('scenario-new').click();
  await page.getByTestId('scenario-name').fill(T.scenario);
  await page.getByTestId('scenario-name').press('Tab');
  await expect(page.getByTestId('scenario-item')).toHaveText([T.scenario]);
  await page.getByTestId('adjustment-add').click();
  await reveal(page, 'target');
  await adjustmentCell(page, 0, 'target').dblclick();
  const picker = page.getByTestId('target-picker');
  await expect(picker).toBeVisible();
  const boxes = picker.getByTestId('target-channel');
  const names = (await picker.locator('.channels .name').allTextContents()).map((s) => s.trim());
  const live = names.find((n) => T.liveStream.test(n));
  if (!live) throw new Error(`no live-stream channel among ${names.join(', ')}`);
  for (let i = 0; i < names.length; i++) await boxes.nth(i).setChecked(names[i] === live);
  await expect(picker.getByTestId('target-matches')).toContainText(live);
  await picker.getByTestId('target-apply').click();
  await expect(picker).toHaveCount(0);
  await expect.poll(() => cellText(page, 0, 'target')).toBe(live);
  await typeInto(page, 0, 'number', '20%');
  await expect(adjustmentCell(page, 0, 'number')).toHaveText('+20%');
  await expect(page.getByTestId('adjustment-list')).toContainText(live);

  // Every choice lists labels, never codes, and the cells show labels.
  expect(await optionTexts(page, 0, 'op')).toEqual([T.op.set, T.op.scale, T.op.add, T.op.move]);
  expect(await optionTexts(page, 0, 'enabled')).toEqual([T.yes, T.no]);
  expect(await optionTexts(page, 0, 'slider')).toEqual([T.yes, T.no]);
  const drivers = await optionTexts(page, 0, 'driver');
  expect(drivers).toHaveLength(10);
  expect(drivers).toContain(T.spend);
  const from = await optionTexts(page, 0, 'from');
  expect(from[0]).toBe(T.planStart);
  expect(from).toHaveLength(months + 1);
  for (const text of [...drivers, ...from]) expect(RAW_CODES.has(text), text).toBe(false);
  const cells: string[] = [];
  for (const col of ['enabled', 'slider.step']) {
    await reveal(page, col);
    cells.push(...(await page.getByTestId('adjustment-grid').locator('.ag-row .ag-cell').allTextContents()).map((s) => s.trim()));
  }
  for (const text of cells) expect(RAW_CODES.has(text), text).toBe(false);
  expect(cells).toContain(T.op.scale);
  expect(cells).toContain(T.spend);

  // The tiles show the scenario with its Δ against the baseline tiles read above.
  await expect(page.getByTestId('scenario-banner')).toContainText(T.banner);
  await expect.poll(() => kpiDelta(page, 'spend')).toBeGreaterThan(0);
  const scaled = await kpiDelta(page, 'spend');

  // Scale +20 % → add: the same money each month, in yuan, not ¥0.20.
  await choose(page, 0, 'op', T.op.add);
  await expect.poll(() => cellText(page, 0, 'number')).toMatch(/^\+/);
  const added = moneyOf(await cellText(page, 0, 'number'));
  expect(added).toBeGreaterThan(100_00);
  // Rounded to whole yuan a month: within ¥0.50 × 24 of the scale's extra spend.
  expect(Math.abs(added * months - scaled)).toBeLessThanOrEqual(50 * months);
  await expect.poll(() => kpiDelta(page, 'spend')).toBe(added * months);

  // Add → move budget: from another channel into the live-stream, the same money, spend conserved.
  await choose(page, 0, 'op', T.op.move);
  await expect.poll(() => cellText(page, 0, 'moveTo')).toBe(live);
  const source = await cellText(page, 0, 'moveFrom');
  expect(names).toContain(source);
  expect(source).not.toBe(live);
  expect(moneyOf(await cellText(page, 0, 'number'))).toBe(added);
  await expect.poll(() => cellText(page, 0, 'target')).toBe('—');
  await expect.poll(() => cellText(page, 0, 'driver')).toBe('—');
  const ends = await optionTexts(page, 0, 'moveFrom');
  expect(ends).toEqual(names);
  await expect.poll(() => kpiDelta(page, 'spend')).toBe(0);
  await expect(page.getByTestId('adjustment-notice')).toHaveCount(0);

  // A move larger than the source's spend is capped, and says so next to it and in the notices.
  await typeInto(page, 0, 'number', '50000000');
  await expect(page.getByTestId('adjustment-notice')).toHaveCount(1);
  await expect(page.getByTestId('adjustment-notice')).toContainText(T.capped);
  await expect(page.getByTestId('adjustment-notice')).toContainText(source);
  await expect(page.getByTestId('notices')).toContainText(T.capped);
  await reveal(page, 'notices');
  await expect(adjustmentCell(page, 0, 'notices')).toContainText(T.capped);
  // Asked: ¥50,000,000 × 24 months.
  await expect(page.getByTestId('adjustment-notice')).toContainText('1,200,000,000');
  await expect.poll(() => kpiDelta(page, 'spend')).toBe(0);
  await typeInto(page, 0, 'number', String(added / 100));
  await expect(page.getByTestId('adjustment-notice')).toHaveCount(0);
  await choose(page, 0, 'op', T.op.scale);
  await expect(adjustmentCell(page, 0, 'number')).toHaveText('+20%');
  await expect.poll(() => cellText(page, 0, 'target')).toBe(live);

  // On the Channels tab the banner says the grid edits the baseline; each Δ = scenario − baseline.
  await page.getByTestId('tab-channels').click();
  await expect(page.getByTestId('scenario-banner')).toContainText(T.banner);
  await expect.poll(() => kpiDelta(page, 'spend')).toBe(scaled);
  for (const k of KPIS) {
    const shown = await p.kpi(k);
    const delta = await kpiDelta(page, k);
    expect(Number(await page.getByTestId(`kpi-${k}-delta`).getAttribute('data-baseline'))).toBeCloseTo(baseline[k], 9);
    expect(delta, k).toBeCloseTo(shown - baseline[k], 9);
  }
  const roiDelta = await kpiDelta(page, 'roi');
  const roiText = `${roiDelta > 0 ? '+' : '−'}${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(Math.abs(roiDelta) * 100)}`;
  await expect(page.getByTestId('kpi-roi-delta')).toContainText(roiText);
  await expect(page.getByTestId('kpi-roi-delta')).toContainText(T.pp);
  const spendText = new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol', notation: 'compact', maximumSignificantDigits: 4 }).format(scaled / 100);
  await expect(page.getByTestId('kpi-spend-delta')).toContainText(`+${spendText}`);
  // Spend is a choice: not coloured good or bad. Contribution and ROI by their direction.
  await expect(page.getByTestId('kpi-spend-delta')).toHaveAttribute('data-tone', 'neutral');
  const cacDelta = await kpiDelta(page, 'cac');
  await expect(page.getByTestId('kpi-cac-delta')).toHaveAttribute('data-tone', cacDelta > 0 ? 'bad' : cacDelta < 0 ? 'good' : 'neutral');
  await expect(page.getByTestId('kpi-roi-delta')).toHaveAttribute('data-tone', roiDelta > 0 ? 'good' : roiDelta < 0 ? 'bad' : 'neutral');

  // Typing in the channel grid while the scenario is shown offers to record it in the scenario.
  const spendCell = p.cell('channel-grid', 0, 'driver.spend');
  const firstChannel = ((await p.cell('channel-grid', 0, 'name').textContent()) ?? '').trim();
  const before = moneyOf((await spendCell.textContent()) ?? '');
  await p.editCell('channel-grid', 0, 'driver.spend', String((before * 1.5) / 100));
  const offer = p.toastWith(T.scenario);
  await offer.getByRole('button', { name: T.recordAction }).click();
  await expect.poll(async () => moneyOf((await spendCell.textContent()) ?? '')).toBe(before);
  await page.getByTestId('scenario-banner-back').click();
  await expect(page.getByTestId('scenario-banner')).toHaveCount(0);
  await expect(page.getByTestId('scenario-view')).toHaveValue('');
  await expect(page.getByTestId('kpi-spend-delta')).toHaveCount(0);
  // The baseline is as it was; the scenario got a second adjustment (the channel's spend × 1.5).
  await expect.poll(() => p.kpi('spend')).toBe(baseline.spend);
  await page.getByTestId('tab-scenarios').click();
  await page.getByTestId('scenario-item').first().click();
  await expect(page.getByTestId('adjustment-list').locator('li')).toHaveCount(2);
  const recorded = page.getByTestId('adjustment-list').locator('li').nth(1);
  await expect(recorded).toContainText(firstChannel);
  await expect(recorded).toContainText(T.spend);
  // The scenario now spends more than with the live-stream push alone.
  await expect.poll(() => kpiDelta(page, 'spend')).toBeGreaterThan(scaled);

  // A second scenario: conversion −20 % on all main channels, picked as a role.
  await page.getByTestId('scenario-new').click();
  await page.getByTestId('adjustment-add').click();
  await reveal(page, 'target');
  await adjustmentCell(page, 0, 'target').dblclick();
  await page.getByTestId('target-kind-role').check();
  await expect(page.getByTestId('target-role').locator('option').first()).toContainText(T.allMain);
  await page.getByTestId('target-apply').click();
  await expect.poll(() => cellText(page, 0, 'target')).toBe(T.allMain);
  await choose(page, 0, 'driver', T.conversion);
  await typeInto(page, 0, 'number', '-20%');
  await expect(adjustmentCell(page, 0, 'number')).toHaveText('-20%');

  // Every native select on the scenario views lists labels.
  for (const text of (await page.locator('select option').allTextContents()).map((s) => s.trim())) expect(RAW_CODES.has(text), text).toBe(false);

  // Compare: a rising CAC is bad (red), ROI moves in percentage points, a legend says what colours mean.
  await page.getByTestId('tab-compare').click();
  const table = page.getByTestId('compare-table');
  await expect(table).toBeVisible();
  const cac = table.getByTestId('delta-cac-2');
  await expect(cac).toHaveAttribute('data-tone', 'bad');
  expect(Number(await cac.getAttribute('data-delta'))).toBeGreaterThan(0);
  expect(await cac.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(185, 28, 28)');
  await expect(table.getByTestId('delta-roi-2')).toContainText(T.pp);
  await expect(table.getByTestId('delta-roi-2')).toHaveAttribute('data-tone', 'bad');
  await expect(table.getByTestId('delta-pct-roi-2')).toHaveText('');
  await expect(page.getByTestId('compare-legend')).toBeVisible();
  for (const text of (await page.locator('select option').allTextContents()).map((s) => s.trim())) expect(RAW_CODES.has(text), text).toBe(false);

  // Hovering a metric shows its formula.
  const roiDef = table.getByTestId('metric-def-roi');
  await expect(roiDef).toBeHidden();
  await table.getByTestId('metric-label-roi').hover();
  await expect(roiDef).toBeVisible();
  await expect(roiDef).toContainText(T.roiFormula);
  await table.getByTestId('metric-label-roas').hover();
  await expect(table.getByTestId('metric-def-roas')).toContainText(T.roasFormula);
  await page.getByTestId('kpi-roi').getByTestId('metric-label-roi').hover();
  await expect(page.getByTestId('kpi-roi').getByTestId('metric-def-roi')).toBeVisible();

  expect(warnings).toEqual([]);
}

test.describe('scenario editing that speaks the user’s language', () => {
  test('zh-CN: picker, labelled choices, op switches, capped move, banner, KPI Δ, Compare colours, formulas', async ({ page, planner: p }) => {
    await plannersDay(page, p, 'zh-CN');
  });

  test('en: the same day in English', async ({ page, planner: p }) => {
    await plannersDay(page, p, 'en');
  });
});
