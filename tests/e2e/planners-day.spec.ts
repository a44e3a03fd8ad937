import { mkdirSync } from 'node:fs';
import type { Page, TestInfo } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import * as XLSX from 'xlsx';
import { presetProfile } from '../../src/engine/seasonality/presets';
import { createPlanFromTemplate } from '../../src/engine/templates';
import { csvRows, pngLook, pngSize } from './downloads';
import { expect, test, watchLibraries } from './fixtures';
import { pageInk, pdfInfo, pdfText, rowPattern } from './pdfPages';
import type { Planner } from './planner';

/**
 * A channel manager's working day, from a template to the report for the boss, in 简体中文 and then
 * in English. Each stage checks what the planner gets out of it — the number the grid stored, the
 * month the period grid shows, the verdict of the optimiser, and the contents of every file the day
 * produces (XLSX read back with SheetJS, CSV, PNG, SVG, PDF pages) — against the screen or against
 * a calculation done here.
 */

/** What the planner reads, in each language (messages from src/i18n). */
const TEXT = {
  'zh-CN': {
    typed20wan: '营销投入：20万 读作 ¥200,000。',
    pasted: '已粘贴10个单元格。',
    pasteReadings: ['营销投入：15万 读作 ¥150,000，另有 1 格同样读取', '转化率：0.03 读作 3%（小数）', '退货率：0.05 读作 5%（小数）'],
    scenario: '直播加投、辅助渠道减投',
    allAuxiliary: '全部辅助渠道',
    live: /直播/,
    budget: '5000万',
    goalTarget: '4亿',
    closestAt50: '最接近的是50%时的',
    level: { past: '预算已超过盈利水平', below: '预算低于盈利水平', at: '预算正处于盈利水平' },
    bestIs: '最佳预算为',
    optimised: '优化贡献利润',
    exit: (channel: string) => `退出渠道：${channel}`,
    sheets: ['渠道', '营销投入（按月）', '净收入（按月）', '毛利（按月）', '渠道成本（按月）', '贡献利润（按月）', '订单数（按月）', 'ROI（按月）', '情景对比', '假设'],
    channel: '渠道',
    total: '合计',
    baseline: '基准方案',
    netRevenue: '净收入',
    spendBase: '营销投入',
    spendTotal: '营销投入（方案合计）',
    contribution: '贡献利润',
    conversion: '转化率',
    channelsFile: ' - 渠道',
    periodsFile: ' - 期间 - 营销投入',
    mixChart: '各期渠道组合（净收入）',
    pp: (value: string) => `${value} 个百分点`,
  },
  en: {
    typed20wan: 'Spend: read 20万 as ¥200,000.',
    pasted: 'Pasted 10 cells.',
    pasteReadings: ['Spend: read 15万 as ¥150,000, and 1 more read the same way', 'Conversion: read 0.03 as 3% (a fraction)', 'Return rate: read 0.05 as 5% (a fraction)'],
    scenario: 'Live-stream push, auxiliary cut',
    allAuxiliary: 'All auxiliary channels',
    live: /live-stream/i,
    budget: '¥50,000,000',
    goalTarget: '¥400,000,000',
    closestAt50: 'at 50%.',
    level: { past: 'The budget is past the profitable level.', below: 'The budget is below the profitable level.', at: 'the budget is at the profitable level' },
    bestIs: 'The best budget is',
    optimised: 'Optimised Contribution',
    exit: (channel: string) => `Exit: ${channel}`,
    sheets: ['Channels', 'Spend by month', 'Net revenue by month', 'Gross profit by month', 'Channel cost by month', 'Contribution by month', 'Orders by month', 'ROI by month', 'Scenarios', 'Assumptions'],
    channel: 'Channel',
    total: 'Total',
    baseline: 'Baseline',
    netRevenue: 'Net revenue',
    spendBase: 'Spend',
    spendTotal: 'Spend, plan total',
    contribution: 'Contribution',
    conversion: 'Conversion',
    channelsFile: ' - Channels',
    periodsFile: ' - Periods - Spend',
    mixChart: 'Channel mix by period (net revenue)',
    pp: (value: string) => `${value} pp`,
  },
} as const;
type Locale = keyof typeof TEXT;
type Texts = (typeof TEXT)[Locale];

/** Excel's format code of an amount in yuan, to the fen. */
const YUAN = '"¥"#,##0.00';

const MONTHS = Array.from({ length: 24 }, (_, t) => `${2027 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`);
const MONTH_COLS = MONTHS.map((m) => `b.${m}`);

/** Money as the screen prints it ("¥1,200.00", "-¥4,296,876", "−¥972,044") in fen. */
function fen(text: string): number {
  const n = Number(text.replace(/[^\d.]/g, ''));
  if (!/\d/.test(text) || !Number.isFinite(n)) throw new Error(`not an amount: ${text}`);
  return Math.round(n * 100) * (/^\s*[-−]/.test(text) ? -1 : 1);
}

/** What the day has made so far: stages after the first read it instead of the screen's history. */
interface Day {
  T: Texts;
  locale: Locale;
  names: string[];
  /** Row of the live-stream channel (the one the scenario pushes). */
  live: number;
  /** Base-month spend of each channel (fen) after the edits, and each one's spend over the plan. */
  planSpend: number[];
  scenarios: string[];
  planName: string;
}

async function kpiDelta(page: Page, key: string): Promise<number> {
  return Number(await page.getByTestId(`kpi-${key}-delta`).getAttribute('data-delta'));
}

/** Shows the baseline again, and waits until the tiles show its figures (no Δ any more). */
async function backToBaseline(page: Page): Promise<void> {
  await page.getByTestId('scenario-view').selectOption('');
  await expect(page.getByTestId('scenario-banner')).toHaveCount(0);
  await expect(page.getByTestId('kpi-spend-delta')).toHaveCount(0);
}

/** The planner starts next year's budget from the beauty brand's template. */
async function newPlanFromTemplate(page: Page, p: Planner, locale: Locale): Promise<Day> {
  await p.open(locale);
  await p.newPlan('beauty');
  const names = await p.columnTexts('channel-grid', 'name');
  expect(names).toHaveLength(4);
  const live = names.findIndex((n) => TEXT[locale].live.test(n));
  expect(live).toBeGreaterThanOrEqual(0);
  // No scenario yet: the tiles are the plan's own totals, the spend tile is the grid's total.
  await expect(page.getByTestId('scenario-banner')).toHaveCount(0);
  const totalSpend = fen(await p.readCell('channel-grid', 'total', 'metric.spend'));
  expect(Math.abs(totalSpend - (await p.kpi('spend')))).toBeLessThanOrEqual(50);
  const planName = ((await page.getByTestId('plan-title').textContent()) ?? '').trim();
  return { T: TEXT[locale], locale, names, live, planSpend: [], scenarios: [], planName };
}

/**
 * She types the flagship stores' spend as 20万, a pilot month of the community as ¥1,200, and pastes
 * two channels' drivers from finance's sheet: money in 万 and ¥, rates as fractions and as percents.
 */
async function editByTypingAndPasting(page: Page, p: Planner, day: Day): Promise<void> {
  const { T } = day;
  await p.editCell('channel-grid', 0, 'driver.spend', '20万');
  await expect(p.cell('channel-grid', 0, 'driver.spend')).toHaveText('¥200,000');
  await expect(p.toastWith(T.typed20wan)).toBeVisible();

  // Rows 2 and 3 from spend to return rate: spend, base traffic, conversion, AOV, return rate.
  await p.cell('channel-grid', 2, 'driver.spend').click();
  await p.paste('channel-grid', '15万\t50,000\t0.03\t¥210\t3%\r\n8.5万\t20000\t4%\t180\t0.05\r\n');
  const message = p.toastWith(T.pasted);
  await expect(message).toBeVisible();
  for (const reading of T.pasteReadings) await expect(message).toContainText(reading);
  const stored = [
    ['¥150,000', '50,000', '3%', '¥210.00', '3%'],
    ['¥85,000', '20,000', '4%', '¥180.00', '5%'],
  ];
  for (const [i, row] of stored.entries()) {
    for (const [j, col] of ['driver.spend', 'driver.baseTraffic', 'driver.conversion', 'driver.aov', 'driver.returnRate'].entries()) {
      await expect(p.cell('channel-grid', 2 + i, col), `${day.names[2 + i]} ${col}`).toHaveText(row[j]);
    }
  }

  // A pilot month typed with the currency sign in the Periods grid: stored as ¥1,200, marked as typed.
  await page.getByTestId('tab-periods').click();
  await p.showColumn('period-grid', 'b.2027-02');
  await p.editCell('period-grid', 2, 'b.2027-02', '¥1,200');
  await expect(p.cell('period-grid', 2, 'b.2027-02')).toHaveText('¥1,200.00');
  await expect(p.cell('period-grid', 2, 'b.2027-02')).toHaveClass(/overridden/);
  // The community's spend has no growth or seasonality: 23 months of ¥150,000 and the pilot month.
  await expect.poll(async () => fen(await p.readCell('period-grid', 2, 'total'))).toBe((23 * 150_000 + 1_200) * 100);
  await page.getByTestId('tab-channels').click();
}

/**
 * The flagship stores grow 8 % a year and follow Double 11, set in the editor; the Periods grid
 * then shows base × 1.08^(t/12) × the November-peak index for every month, worked out here.
 */
async function growthAndSeasonality(page: Page, p: Planner, day: Day): Promise<void> {
  await p.cell('channel-grid', 0, 'name').click();
  await page.getByTestId('season-open').click();
  await expect(page.getByTestId('season-editor')).toBeVisible();
  await expect(page.getByTestId('season-channel').locator('option:checked')).toHaveText(day.names[0]);
  await page.getByTestId('growth-year').fill('8%');
  await page.getByTestId('growth-year').press('Tab');
  await expect(page.getByTestId('growth-month')).toHaveValue('0.643%');
  await page.getByTestId('season-preset').selectOption('double11');
  await page.getByTestId('season-apply').click();
  const d11 = presetProfile('double11');
  await expect(page.getByTestId('season-m10')).toHaveValue(d11[10].toFixed(3));
  await page.getByTestId('season-close').click();
  await expect.poll(() => p.readCell('channel-grid', 0, 'growth.spend')).toBe('+8%');

  await page.getByTestId('tab-periods').click();
  const expected = MONTHS.map((_, t) => 200_000 * 100 * Math.pow(1.08, t / 12) * d11[t % 12]);
  for (const [t, col] of MONTH_COLS.entries()) {
    // Shown to the yuan: within a yuan of the exact value.
    await expect.poll(async () => Math.abs(fen(await p.readCell('period-grid', 0, col)) - expected[t]), `${day.names[0]} ${MONTHS[t]}`).toBeLessThanOrEqual(100);
  }
  const total = fen(await p.readCell('period-grid', 0, 'total'));
  expect(Math.abs(total - expected.reduce((a, v) => a + v, 0))).toBeLessThanOrEqual(24 * 100);
  // Each channel's spend over the plan, for the scenario's check: the Periods grid's total column.
  day.planSpend = [];
  for (let r = 0; r < day.names.length; r++) day.planSpend.push(fen(await p.readCell('period-grid', r, 'total')));
  expect(Math.abs(day.planSpend.reduce((a, v) => a + v, 0) - (await p.kpi('spend')))).toBeLessThanOrEqual(day.names.length * 50);
  await page.getByTestId('tab-channels').click();
}

/**
 * A scenario: the live-stream picked by name gets 30 % more spend, every auxiliary channel (a role)
 * 10 % less. The tiles' Δ spend is what those two changes cost, worked out from each channel's spend.
 */
async function scenarioWithPickedTargets(page: Page, p: Planner, day: Day): Promise<void> {
  const { T } = day;
  await page.getByTestId('tab-scenarios').click();
  await page.getByTestId('scenario-new').click();
  await page.getByTestId('scenario-name').fill(T.scenario);
  await page.getByTestId('scenario-name').press('Tab');
  await expect(page.getByTestId('scenario-item')).toHaveText([T.scenario]);

  await page.getByTestId('adjustment-add').click();
  await p.showColumn('adjustment-grid', 'target');
  await p.cell('adjustment-grid', 0, 'target').dblclick();
  const picker = page.getByTestId('target-picker');
  await expect(picker).toBeVisible();
  for (const [i, name] of day.names.entries()) {
    await picker.getByTestId('target-channel').nth(i).setChecked(i === day.live);
    await expect(picker.locator('.channels .name').nth(i)).toHaveText(name);
  }
  await expect(picker.getByTestId('target-matches')).toContainText(day.names[day.live]);
  await picker.getByTestId('target-apply').click();
  await expect(picker).toHaveCount(0);
  await expect.poll(() => p.readCell('adjustment-grid', 0, 'target')).toBe(day.names[day.live]);
  await p.typeAdjustment(0, 'number', '30%');
  await expect(p.cell('adjustment-grid', 0, 'number')).toHaveText('+30%');

  await page.getByTestId('adjustment-add').click();
  await p.showColumn('adjustment-grid', 'target');
  await p.cell('adjustment-grid', 1, 'target').dblclick();
  await picker.getByTestId('target-kind-role').check();
  await picker.getByTestId('target-role').selectOption('auxiliary');
  await picker.getByTestId('target-apply').click();
  await expect.poll(() => p.readCell('adjustment-grid', 1, 'target')).toBe(T.allAuxiliary);
  await p.typeAdjustment(1, 'number', '-10%');
  await expect(p.cell('adjustment-grid', 1, 'number')).toHaveText('-10%');
  await expect(page.getByTestId('adjustment-list').locator('li')).toHaveCount(2);
  day.scenarios.push(T.scenario);

  // Goal seek on the scenario: the range typed as a fraction (0.5 = +50 %) and "Solve" clicked at
  // once. The note saying how 0.5 was read appears under the field, after the click has landed.
  await page.getByTestId('goal-target').fill(T.goalTarget);
  await page.getByTestId('goal-max').fill('0.5');
  await page.getByTestId('goal-run').click();
  const goal = page.getByTestId('goal-result');
  // 4亿 is out of reach with at most 50 % more budget: the closest is at the bound, 50 % (not 0.5 %).
  await expect(goal).toHaveAttribute('data-status', 'unreachable');
  await expect(goal).toContainText(T.closestAt50);
  await expect(page.getByTestId('goal-max')).toHaveValue('50%');
  await expect(page.getByTestId('goal-max-note')).toContainText('50%');

  // Independent: the live-stream × 1.3 × 0.9, the other auxiliary channels × 0.9.
  const auxiliary = [1, 2, 3];
  const expectedDelta = auxiliary.reduce((a, r) => a + day.planSpend[r] * ((r === day.live ? 1.3 * 0.9 : 0.9) - 1), 0);
  await expect(page.getByTestId('scenario-banner')).toContainText(T.scenario);
  await expect.poll(async () => Math.abs((await kpiDelta(page, 'spend')) - expectedDelta)).toBeLessThanOrEqual(200);
  // Half as much budget again brings more net revenue than the scenario has, and less than the target.
  const closest = fen(/¥[\d,]+/.exec(await goal.innerText())?.[0] ?? '');
  expect(closest).toBeGreaterThan(await p.kpi('netRevenue'));
  expect(closest).toBeLessThan(400_000_000 * 100);
}

/** She compares the scenario with the baseline: the same Δ as the tiles, coloured by good or bad. */
async function compareWithBaseline(page: Page, day: Day): Promise<void> {
  const tileDelta: Record<string, number> = {};
  for (const k of ['spend', 'contribution', 'cac', 'roi']) tileDelta[k] = await kpiDelta(page, k);
  await page.getByTestId('tab-compare').click();
  const table = page.getByTestId('compare-table');
  await expect(table).toBeVisible();
  await expect(table.locator('thead')).toContainText(day.T.scenario);
  const colours = await page.evaluate(() => {
    const css = getComputedStyle(document.documentElement);
    const probe = document.createElement('span');
    document.body.append(probe);
    const rgb = (v: string): string => ((probe.style.color = v), getComputedStyle(probe).color);
    const out = { good: rgb(css.getPropertyValue('--ok')), bad: rgb(css.getPropertyValue('--danger')) };
    probe.remove();
    return out;
  });
  for (const [metric, better] of [['spend', 0], ['contribution', 1], ['cac', -1], ['roi', 1]] as const) {
    const cell = table.getByTestId(`delta-${metric}-1`);
    await expect.poll(async () => Number(await cell.getAttribute('data-delta'))).toBeCloseTo(tileDelta[metric], 6);
    const tone = better === 0 || tileDelta[metric] === 0 ? 'neutral' : Math.sign(tileDelta[metric]) === better ? 'good' : 'bad';
    await expect(cell, metric).toHaveAttribute('data-tone', tone);
    if (tone !== 'neutral') expect(await cell.evaluate((el) => getComputedStyle(el).color), metric).toBe(colours[tone]);
  }
  // ROI is a ratio: its Δ is in percentage points (0.0123 → "+1.2 pp"), with no Δ % beside it.
  const roi = tileDelta.roi;
  const points = new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(Math.abs(roi) * 100);
  await expect(table.getByTestId('delta-roi-1')).toHaveText(`${roi > 0 ? '+' : roi < 0 ? '−' : '±'}${day.T.pp(points)}`);
  await expect(table.getByTestId('delta-pct-roi-1')).toHaveText('');
  await expect(page.getByTestId('compare-legend')).toBeVisible();
}

/**
 * Back on the baseline she types a budget of 5,000万 and clicks "Optimise": the verdict says whether
 * the budget is past the profitable level and names the best budget. She applies the answer as a
 * scenario — one step, one undo.
 */
async function optimise(page: Page, p: Planner, day: Day): Promise<void> {
  const { T } = day;
  await backToBaseline(page);
  await page.getByTestId('tab-optimise').click();
  // Typed and clicked at once, without Enter: the click reaches the button and the budget counts.
  await page.getByTestId('opt-budget').fill(T.budget);
  await page.getByTestId('opt-run').click();
  const verdict = page.getByTestId('opt-verdict');
  await expect(verdict).toBeVisible();
  await expect(page.getByTestId('opt-headline')).toHaveAttribute('data-budget', '5000000000');
  const level = (await verdict.getAttribute('data-level')) as keyof Texts['level'];
  const lambda = Number(await verdict.getAttribute('data-lambda'));
  expect(level).toBe(lambda > 0.005 ? 'below' : lambda < -0.005 ? 'past' : 'at');
  await expect(page.getByTestId('opt-margin').first()).toContainText(T.level[level]);
  // The best budget in words is the engine's figure, to the yuan; more than this budget only when the last ¥1 still pays.
  const best = Number(await verdict.getAttribute('data-best-budget'));
  const sentence = await page.getByTestId('opt-best').innerText();
  expect(sentence).toContain(T.bestIs);
  expect(Math.abs(fen(/¥[\d,]+/.exec(sentence)?.[0] ?? '') - best)).toBeLessThanOrEqual(100);
  expect(best > 5_000_000_000).toBe(lambda > 0);
  // Every channel's last ¥1 returns the same at the answer: the marginal contributions are all λ.
  const rows = page.getByTestId('opt-row');
  await expect(rows).toHaveCount(day.names.length);
  for (let i = 0; i < day.names.length; i++) {
    expect(Math.abs(Number(await rows.nth(i).getAttribute('data-marginal')) - lambda)).toBeLessThan(0.01);
    // A move and its share carry the same sign: "−¥972,044 (−2.9%)", never "(2.9%)" beside a cut.
    expect(await rows.nth(i).locator('td').nth(3).innerText()).toMatch(/^(?:([+−])¥[\d,]+(?:\.\d\d)? \(\1[\d.,]+%\)|¥0(?:\.00)? \(0%\))$/);
  }
  // "Today" is each channel's spend over the plan, as the Periods grid's total column showed it; the
  // answer spends the budget typed, and each move is the answer less today.
  let answered = 0;
  for (let i = 0; i < day.names.length; i++) {
    const cells = rows.nth(i).locator('td');
    await expect(cells.first()).toHaveText(day.names[i]);
    const [today, optimal, move] = await Promise.all([1, 2, 3].map(async (c) => fen((await cells.nth(c).innerText()).split(' (')[0])));
    expect(Math.abs(today - day.planSpend[i]), `${day.names[i]} today`).toBeLessThanOrEqual(100);
    expect(Math.abs(optimal - today - move), `${day.names[i]} move`).toBeLessThanOrEqual(100);
    answered += optimal;
  }
  expect(Math.abs(answered - 5_000_000_000)).toBeLessThanOrEqual(day.names.length * 100);

  const promised = Number(await page.getByTestId('opt-headline').getAttribute('data-objective'));
  const options = page.getByTestId('scenario-view').locator('option');
  const before = await options.count();
  await page.getByTestId('opt-apply').click();
  await expect(page.getByTestId('scenario-view').locator('option:checked')).toHaveText(T.optimised);
  await expect.poll(async () => Math.abs((await p.kpi('contribution')) - promised) / Math.abs(promised)).toBeLessThan(0.002);
  // The scenario scales each channel's months, each rounded to the fen: the budget to within that.
  await expect.poll(async () => Math.abs((await p.kpi('spend')) - 5_000_000_000)).toBeLessThanOrEqual((24 * day.names.length) / 2);
  // One step: a single undo takes the whole scenario away, a single redo brings it back.
  await page.getByTestId('undo').click();
  await expect(options).toHaveCount(before);
  await page.getByTestId('redo').click();
  await expect(options).toHaveCount(before + 1);
  day.scenarios.push(T.optimised);
}

/**
 * In the BCG matrix (of the baseline) she takes the one-click "exit" of a channel the matrix calls a
 * dog: a scenario in which the channel has no spend, so the plan spends exactly that much less.
 */
async function bcgExit(page: Page, p: Planner, day: Day): Promise<void> {
  await backToBaseline(page);
  // Each channel's contribution on the baseline, as the channel grid shows it: what an exit gives up.
  await page.getByTestId('tab-channels').click();
  const contribution: number[] = [];
  for (let r = 0; r < day.names.length; r++) contribution.push(fen(await p.readCell('channel-grid', r, 'metric.contribution')));
  await page.getByTestId('tab-evaluate').click();
  await page.getByTestId('eval-bcg').click();
  await expect(page.getByTestId('bcg-row')).toHaveCount(day.names.length);
  const exit = page.locator('[data-testid="bcg-row"][data-quadrant="dog"]').filter({ has: page.locator('[data-testid="bcg-create"][data-action="exit"]') }).first();
  await expect(exit).toBeVisible();
  const channel = (await exit.getAttribute('data-channel')) ?? '';
  const row = day.names.indexOf(channel);
  expect(row).toBeGreaterThanOrEqual(0);
  await exit.locator('[data-testid="bcg-create"][data-action="exit"]').click();
  await page.getByTestId('bcg-exit-confirm').click();
  const name = day.T.exit(channel);
  await expect(page.getByTestId('scenario-view').locator('option:checked')).toHaveText(name);
  await expect.poll(() => kpiDelta(page, 'spend')).toBe(-day.planSpend[row]);
  // Spend, fixed cost and base traffic all go: the plan loses exactly the channel's contribution
  // (the template has no cannibalisation), to the yuan the grid shows.
  expect(Math.abs((await kpiDelta(page, 'contribution')) + contribution[row])).toBeLessThanOrEqual(100);
  day.scenarios.push(name);

  // In the Periods grid the driver months are the baseline's, which typing there edits (the banner
  // says so); the scenario's spend is the metric, zero in every month of the exited channel.
  await page.getByTestId('tab-periods').click();
  await expect.poll(async () => fen(await p.readCell('period-grid', row, 'total'))).toBe(day.planSpend[row]);
  await page.getByTestId('period-select').selectOption('metric:spend');
  await expect.poll(async () => fen(await p.readCell('period-grid', row, 'total'))).toBe(0);
  await page.getByTestId('period-select').selectOption('driver:spend');

  // A file saved from a grid while the scenario is on screen says whose numbers it holds.
  await page.getByTestId('tab-channels').click();
  await expect(p.cell('channel-grid', 0, 'name')).toHaveText(day.names[0]);
  const file = await p.download('channels-export-csv');
  // (What file systems refuse, such as ":", becomes "_".)
  expect(file.name).toBe(`${day.planName} - ${name}${day.T.channelsFile}.csv`.replace(/[:]/g, '_'));
  const rows = csvRows(file.bytes);
  const head = rows[0];
  // Its base drivers are the baseline's, as the grid shows; its results are the scenario's.
  expect(Number(rows[1 + row][head.indexOf(day.T.spendBase)])).toBeGreaterThan(0);
  expect(Number(rows[1 + row][head.indexOf(day.T.spendTotal)])).toBe(0);
  expect(Number(rows[1 + row][head.indexOf(day.T.netRevenue)])).toBe(0);
  // No fixed cost left behind: the exited channel's contribution is nil, not minus its fixed cost.
  expect(Number(rows[1 + row][head.indexOf(day.T.contribution)])).toBe(0);
}

/** Sheet rows as SheetJS reads them, raw values. */
function sheetRows(wb: XLSX.WorkBook, name: string): unknown[][] {
  return XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name], { header: 1, defval: null, raw: true });
}

/** Every cell of a sheet from `firstCol` on, below the header: typed as numbers, with a number format. */
function expectTypedNumbers(wb: XLSX.WorkBook, name: string, firstCol: number, skip: (r: number, c: number) => boolean = () => false): void {
  const ws = wb.Sheets[name];
  const range = XLSX.utils.decode_range(ws['!ref'] ?? 'A1');
  for (let r = 1; r <= range.e.r; r++) {
    for (let c = firstCol; c <= range.e.c; c++) {
      if (skip(r, c)) continue;
      const cell = ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined;
      const where = `${name}!${XLSX.utils.encode_cell({ r, c })}`;
      expect(cell?.t, where).toBe('n');
      expect(cell?.z, where).toMatch(/0/);
    }
  }
}

/**
 * "Export plan to Excel" while the exit scenario is on screen: one workbook with a sheet per view,
 * every channel and the total, numbers as numbers with formats; the scenario's net revenue in it is
 * the tile's, and, back on the baseline, the plan's figures are the tiles' and the grid's.
 */
async function exportPlanToExcel(page: Page, p: Planner, day: Day): Promise<void> {
  const { T } = day;
  const shownNet = await p.kpi('netRevenue');
  const file = await p.download('plan-export-xlsx');
  expect(file.name).toMatch(/\.xlsx$/);
  const wb = XLSX.read(file.bytes, { type: 'buffer', cellNF: true });
  expect(wb.SheetNames).toEqual([...T.sheets]);

  const channels = sheetRows(wb, T.sheets[0]);
  expect(channels.map((r) => r[0])).toEqual([T.channel, ...day.names, T.total]);
  const head = channels[0] as string[];
  // Name, type, role and regions are text, and so is the curve type; every other cell is a number,
  // the total row's too (base amounts summed, rates blended), except under the curve's parameters.
  const curve = channels[1].findIndex((v, i) => i >= 4 && typeof v === 'string');
  expectTypedNumbers(wb, T.sheets[0], 4, (r, c) => c === curve || (r === channels.length - 1 && c > curve && c <= curve + 3));
  // What was typed is what finance gets: 20万, the pasted 15万 and 0.03.
  const baseSpend = head.findIndex((h) => h.startsWith(T.spendBase));
  expect(channels[1][baseSpend]).toBe(200_000);
  expect(channels[3][baseSpend]).toBe(150_000);
  expect(channels[3][head.findIndex((h) => h.startsWith(T.conversion))]).toBe(0.03);
  // The formats finance sees: money in the plan's currency (yuan and fen), rates in percent.
  const format = (sheet: string, r: number, c: number): unknown => wb.Sheets[sheet][XLSX.utils.encode_cell({ r, c })]?.z;
  expect(format(T.sheets[0], 1, baseSpend)).toBe(YUAN);
  expect(format(T.sheets[0], 3, head.findIndex((h) => h.startsWith(T.conversion)))).toBe('0.00%');
  for (const [k, name] of T.sheets.slice(1, 8).entries()) {
    const rows = sheetRows(wb, name);
    expect(rows.map((r) => r[0]), name).toEqual([T.channel, ...day.names, T.total]);
    expect(rows[0], name).toHaveLength(1 + 24 + 1);
    expectTypedNumbers(wb, name, 1);
    // Five sheets of money, then orders (a count) and ROI (a ratio, no currency).
    const z = format(name, 1, 1);
    if (k < 5) expect(z, name).toBe(YUAN);
    else if (k === 5) expect(z, name).toBe('#,##0');
    else expect(z, name).not.toMatch(/¥/);
  }
  // Every sheet opens with its header row frozen (read from the sheet's own XML in the zip).
  const parts = unzipSync(new Uint8Array(file.bytes));
  for (let i = 1; i <= T.sheets.length; i++) {
    const xml = strFromU8(parts[`xl/worksheets/sheet${i}.xml`] ?? new Uint8Array());
    expect(xml, T.sheets[i - 1]).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
  }
  // Scenarios: the baseline and each of the day's scenarios; the one on screen has the tile's net revenue.
  const scenarios = sheetRows(wb, T.sheets[8]);
  // Columns: metric, baseline, then each scenario's value, Δ and Δ %.
  const valueCol = (k: number): number => 2 + 3 * k;
  expect([scenarios[0][1], ...day.scenarios.map((_, k) => scenarios[0][valueCol(k)])]).toEqual([T.baseline, ...day.scenarios]);
  const net = scenarios.find((r) => r[0] === T.netRevenue) ?? [];
  expect(Math.round((net[valueCol(day.scenarios.length - 1)] as number) * 100)).toBe(shownNet);
  expectTypedNumbers(wb, T.sheets[8], 1, (r, c) => scenarios[r][c] === null);
  expect(sheetRows(wb, T.sheets[9]).length).toBeGreaterThan(5);

  // Back on the baseline: the workbook's totals are the tiles', its months the grid's cells.
  await backToBaseline(page);
  expect(Math.round((net[1] as number) * 100)).toBe(await p.kpi('netRevenue'));
  expect(Math.round((channels.at(-1)?.[head.indexOf(T.netRevenue)] as number) * 100)).toBe(await p.kpi('netRevenue'));
  const spendByMonth = sheetRows(wb, T.sheets[1]);
  expect(Math.round((spendByMonth.at(-1)?.at(-1) as number) * 100)).toBe(await p.kpi('spend'));
  await page.getByTestId('tab-periods').click();
  for (const t of [0, 10, 23]) {
    expect(Math.round(spendByMonth[1][1 + t] as number), MONTHS[t]).toBe(Math.round(fen(await p.readCell('period-grid', 0, MONTH_COLS[t])) / 100));
  }
  await page.getByTestId('tab-channels').click();
}

/** A CSV cell that must be a plain number (no currency sign, no grouping, no percent sign). */
function num(text: string | undefined, where: string): number {
  expect(text, where).toMatch(/^-?\d+(\.\d+)?$/);
  return Number(text);
}

/**
 * CSV of each grid: the channel grid (every channel and the total, which adds up), the Periods grid
 * (every month and the total column), the scenario's adjustments (every adjustment, typed values).
 */
async function csvOfEachGrid(page: Page, p: Planner, day: Day): Promise<void> {
  const { T } = day;
  await expect(p.cell('channel-grid', 0, 'name')).toHaveText(day.names[0]);
  const channels = await p.download('channels-export-csv');
  expect(channels.name).toMatch(new RegExp(`${T.channelsFile}\\.csv$`));
  const rows = csvRows(channels.bytes);
  expect(rows.map((r) => r[0])).toEqual([T.channel, ...day.names, T.total]);
  const head = rows[0];
  const netCol = head.indexOf(T.netRevenue);
  const summable = [T.spendBase, T.spendTotal, T.netRevenue, T.contribution].map((h) => head.indexOf(h));
  expect(summable).not.toContain(-1);
  for (const c of summable) {
    const sum = rows.slice(1, -1).reduce((a, r) => a + Math.round(num(r[c], `${head[c]} of ${r[0]}`) * 100), 0);
    expect(Math.round(num(rows.at(-1)?.[c], `${head[c]} total`) * 100), head[c]).toBe(sum);
  }
  expect(Math.round(Number(rows.at(-1)?.[netCol]) * 100)).toBe(await p.kpi('netRevenue'));
  expect(num(rows[1][head.indexOf(T.spendBase)], 'typed spend')).toBe(200_000);

  await page.getByTestId('tab-periods').click();
  await expect(p.cell('period-grid', 0, 'name')).toHaveText(day.names[0]);
  const periods = await p.download('periods-export-csv');
  expect(periods.name).toMatch(new RegExp(`${T.periodsFile}\\.csv$`));
  const months = csvRows(periods.bytes);
  expect(months.map((r) => r[0])).toEqual([T.channel, ...day.names, T.total]);
  expect(months[0]).toHaveLength(1 + 24 + 1);
  for (const r of months.slice(1)) {
    const sum = r.slice(1, 25).reduce((a, v, t) => a + Math.round(num(v, `${r[0]} ${MONTHS[t]}`) * 100), 0);
    expect(Math.abs(Math.round(num(r[25], `${r[0]} total`) * 100) - sum), r[0]).toBeLessThanOrEqual(1);
  }
  for (let c = 1; c <= 25; c++) {
    const sum = months.slice(1, -1).reduce((a, r) => a + Math.round(Number(r[c]) * 100), 0);
    expect(Math.abs(Math.round(Number(months.at(-1)?.[c]) * 100) - sum), months[0][c]).toBeLessThanOrEqual(day.names.length);
  }
  // The pilot month typed as ¥1,200 is in the file as 1200.
  expect(Number(months[3][2])).toBe(1200);

  await page.getByTestId('tab-scenarios').click();
  await page.getByTestId('scenario-item').filter({ hasText: T.scenario }).click();
  await expect(page.getByTestId('adjustment-list').locator('li')).toHaveCount(2);
  const adjustments = csvRows((await p.download('adjustments-export-csv')).bytes);
  expect(adjustments).toHaveLength(3);
  const amount = adjustments[0].findIndex((_, c) => adjustments.slice(1).every((r) => /^-?\d/.test(r[c] ?? '')));
  expect(adjustments.slice(1).map((r) => num(r[amount], 'adjustment'))).toEqual([0.3, -0.1]);
  expect(adjustments[1]).toContain(day.names[day.live]);
  expect(adjustments[2]).toContain(T.allAuxiliary);
  await backToBaseline(page);
  await page.getByTestId('tab-channels').click();
}

/** The channel-mix chart saved as PNG and as SVG: a real image at twice its size, under its title. */
async function chartImages(page: Page, p: Planner, day: Day): Promise<void> {
  const chart = page.getByTestId('chart-mix');
  await chart.scrollIntoViewIfNeeded();
  await expect(chart).toHaveAttribute('data-rendered', /\d+/);
  const { width, height } = await chart.evaluate((el) => ({ width: el.clientWidth, height: el.clientHeight }));
  const png = await p.download('chart-mix-png');
  expect(png.name).toBe(`${day.T.mixChart}.png`);
  // Twice the chart's size, plus the title band of 40 px.
  expect(pngSize(png.bytes)).toEqual({ width: 2 * Math.max(320, width), height: 2 * (height + 40) });
  // Its contents: a title in the band (dark text from the left margin of 16 px), and below it every
  // channel's bars in the channel's own colour (a series dimmed by a hover would not be).
  const template = createPlanFromTemplate('beauty', { id: 'colours', now: 0, locale: day.locale });
  const colours = day.names.map((name) => template.channels.find((c) => c.name === name)?.color ?? '');
  for (const c of colours) expect(c).toMatch(/^#[0-9a-f]{6}$/i);
  const look = await pngLook(page, png.bytes, 2 * 40, colours);
  expect(look.bandInk?.left).toBeGreaterThanOrEqual(2 * 16 - 2);
  expect(look.bandInk?.left).toBeLessThanOrEqual(2 * 16 + 8);
  expect(look.bandInk!.right - look.bandInk!.left).toBeGreaterThan(2 * 100);
  for (const [k, name] of day.names.entries()) expect(look.counts[k], name).toBeGreaterThan(500);

  const svg = (await p.download('chart-mix-svg')).bytes.toString('utf8');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: doc.getElementsByTagName('parsererror').length > 0,
      root: doc.documentElement.nodeName,
      texts: Array.from(doc.getElementsByTagName('text'), (n) => n.textContent ?? ''),
    };
  }, svg);
  expect(parsed.error).toBe(false);
  expect(parsed.root).toBe('svg');
  expect(parsed.texts[0]).toBe(day.T.mixChart);
  // The legend names every channel (as far as the chart prints it).
  for (const name of day.names) expect(parsed.texts.some((s) => s.length > 2 && name.startsWith(s.replace(/…$/, '')))).toBe(true);
}

/**
 * The report for the boss as an A4 portrait PDF: nothing beyond the page's margins on any page
 * (pdftoppm), and every channel's P&L row of every scenario in its text (pdftotext).
 */
async function reportPdf(page: Page, p: Planner, day: Day, testInfo: TestInfo): Promise<void> {
  await page.getByTestId('open-report').click();
  const report = page.getByTestId('report');
  await expect(report).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('report-orientation').selectOption('portrait');
  for (const id of ['report-chart-mix', 'report-chart-channels', 'report-chart-scenarios']) await expect(page.getByTestId(id)).toHaveAttribute('data-rendered', /\d+/);
  const scenarios = 1 + day.scenarios.length;
  await expect(page.getByTestId('report-pnl-row')).toHaveCount(day.names.length * scenarios);
  const rows = await p.reportPnlRows();

  const dir = testInfo.outputPath(`report-${day.locale}`);
  mkdirSync(dir, { recursive: true });
  const pdf = `${dir}/report.pdf`;
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  const info = pdfInfo(pdf);
  expect([Math.round((info.width / 72) * 25.4), Math.round((info.height / 72) * 25.4)]).toEqual([210, 297]);
  const pages = pageInk(pdf, dir);
  expect(pages).toHaveLength(info.pages);
  // The report's side margins are 12 mm (72 dpi: a pixel is a point); a pixel of anti-aliasing either side.
  const margin = (12 / 25.4) * 72;
  for (const [i, pg] of pages.entries()) {
    expect(pg.ink, `page ${i + 1} is blank`).not.toBeNull();
    expect(pg.ink!.right, `page ${i + 1}: ink beyond the right margin`).toBeLessThanOrEqual(Math.ceil(pg.width - margin));
    expect(pg.ink!.left, `page ${i + 1}: ink beyond the left margin`).toBeGreaterThanOrEqual(Math.floor(margin) - 1);
    expect(pg.ink!.bottom, `page ${i + 1}: ink beyond the bottom edge`).toBeLessThan(pg.height - 1);
  }
  const text = pdfText(pdf).replace(/\u00a0/g, ' ');
  for (const name of day.names) expect(text).toContain(name);
  for (const row of rows) expect(text.match(rowPattern(row))?.length ?? 0, `P&L row ${row.join(' ')}`).toBeGreaterThan(0);
}

async function plannersDay(page: Page, p: Planner, locale: Locale, testInfo: TestInfo): Promise<void> {
  const libraries = watchLibraries(page);
  const day = await newPlanFromTemplate(page, p, locale);
  await editByTypingAndPasting(page, p, day);
  await growthAndSeasonality(page, p, day);
  await scenarioWithPickedTargets(page, p, day);
  await compareWithBaseline(page, day);
  await optimise(page, p, day);
  await bcgExit(page, p, day);
  await exportPlanToExcel(page, p, day);
  await csvOfEachGrid(page, p, day);
  await chartImages(page, p, day);
  await reportPdf(page, p, day, testInfo);
  expect(libraries).toEqual([]);
}

test.describe('a planner’s working day', () => {
  test.describe.configure({ timeout: 240_000 });

  test('简体中文: template, typed and pasted edits, growth, scenario, compare, optimise, BCG, and every file checked', async ({ page, planner: p }, testInfo) => {
    await plannersDay(page, p, 'zh-CN', testInfo);
  });

  test('English: the same day', async ({ page, planner: p }, testInfo) => {
    await plannersDay(page, p, 'en', testInfo);
  });
});
