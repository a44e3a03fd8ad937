import { expect, test } from './fixtures';
import type { Locator, Page } from '@playwright/test';

/**
 * What the engine refuses or notes reaches a Chinese user in Chinese: curve import, curve fit, the
 * optimiser and uncertain ranges, each read off the screen with its figures.
 * Texts from src/i18n/engineMessages/zh-CN.ts.
 */

/** Three ASCII words in a row: an English sentence (or part of one) where Chinese should be. */
const ENGLISH_RUN = /[A-Za-z]{2,}(?:[\s,’']+[A-Za-z]{2,}){2,}/;

async function chineseText(locator: Locator): Promise<string> {
  const text = (await locator.innerText()).trim();
  expect(text).toMatch(/[\u4e00-\u9fff]/);
  expect(text, text).not.toMatch(ENGLISH_RUN);
  return text;
}

async function openOptimise(page: Page): Promise<void> {
  await page.getByTestId('tab-optimise').click();
  await expect(page.getByTestId('calibration')).toBeVisible();
}

async function fillRobyn(page: Page, values: Record<string, string>): Promise<void> {
  for (const [key, value] of Object.entries(values)) await page.getByTestId(`cal-field-${key}`).fill(value);
  await page.getByTestId('cal-convert').click();
}

test.describe('engine messages in Chinese', () => {
  // The charts and grids beside these messages must not warn either.
  let libraryWarnings: string[] = [];
  test.beforeEach(({ page }) => {
    libraryWarnings = [];
    page.on('console', (m) => {
      if (m.type() === 'warning' && /ag-grid|AG Grid|echarts/i.test(m.text())) libraryWarnings.push(m.text());
    });
  });
  test.afterEach(() => expect(libraryWarnings).toEqual([]));

  test('curve import: a refused Robyn curve and the notes of a converted one', async ({ page, planner: p }) => {
    await p.open('zh-CN');
    await p.newPlan('beauty');
    await openOptimise(page);
    await page.getByTestId('cal-import').locator('summary').click();

    // gamma = 2 is outside Robyn's [0, 1].
    await fillRobyn(page, { alpha: '1.5', gamma: '2', coef: '20000', spendMin: '10000', spendMax: '90000' });
    const refused = page.getByTestId('cal-import-refused');
    await expect(refused).toHaveAttribute('data-code', 'import.gammaRange');
    expect(await chineseText(refused)).toBe('gamma 必须在 0 到 1 之间。');
    await expect(page.getByTestId('cal-imported')).toHaveCount(0);

    // A field left empty is named, in Chinese too.
    await page.getByTestId('cal-field-coef').fill('');
    await page.getByTestId('cal-convert').click();
    expect(await chineseText(refused)).toBe('请填写 coef。');

    // A valid curve: inflexion 0.5 × 10,000 + 0.5 × 90,000 = ¥50,000, max 20,000, shape 1.5; two notes.
    await fillRobyn(page, { gamma: '0.5', coef: '20000' });
    await expect(refused).toHaveCount(0);
    await expect(page.getByTestId('cal-imported')).toContainText('¥50,000');
    await expect(page.getByTestId('cal-imported')).toContainText('20,000');
    await expect(page.getByTestId('cal-imported')).toContainText('1.500');
    const notes = page.getByTestId('cal-import-note');
    await expect(notes).toHaveCount(2);
    expect(await notes.evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual(['import.note.robynSamePeriod', 'import.note.robynSpendRange']);
    expect(await chineseText(notes.nth(0))).toBe('Robyn 是在经过滞后效应（adstock）处理的投入上拟合曲线的。未填写 theta 时，这是对同期投入的响应，不含对后续各期的滞后影响。');
    expect(await chineseText(notes.nth(1))).toBe('拐点取决于 Robyn 建模窗口内的投入范围：spendMin 和 spendMax 必须是 Robyn 实际使用的范围。');

    // With theta the first note says it is the steady state.
    await fillRobyn(page, { theta: '0.3' });
    await expect(notes.first()).toHaveAttribute('data-code', 'import.note.robynSteadyState');
    expect(await chineseText(notes.first())).toBe('稳态曲线：每期投入相同金额时的响应，已包含滞后影响（按 theta 计算的几何衰减 adstock）。');
  });

  test('curve fit: three equal spends, and spends far below saturation with advice', async ({ page, planner: p }) => {
    await p.open('zh-CN');
    await p.newPlan('beauty');
    await openOptimise(page);

    await page.getByTestId('cal-points').fill('50000, 12000\n50000, 13000\n50000, 14000');
    await page.getByTestId('cal-fit').click();
    const refused = page.getByTestId('cal-refused');
    await expect(refused).toHaveAttribute('data-code', 'fit.sameSpend');
    expect(await chineseText(refused)).toBe('无法拟合：所有观测点的投入都相同，看不出结果如何随投入变化。');

    // Spends up to 1 % of a ¥500,000 half-saturation point: the fit cannot see where the curve bends.
    const hill = (s: number): number => (20000 * s ** 1.2) / (500000 ** 1.2 + s ** 1.2);
    const spends = Array.from({ length: 12 }, (_, i) => 500 + (4500 * i) / 11);
    await page.getByTestId('cal-points').fill(spends.map((s) => `${s.toFixed(2)}, ${hill(s).toFixed(6)}`).join('\n'));
    await page.getByTestId('cal-fit').click();
    await expect(refused).toHaveAttribute('data-code', 'fit.farBelowHalfSat');
    expect(await chineseText(refused)).toBe(
      '无法拟合：所有观测投入都远低于拟合所需的半饱和投入（超过最大投入的 10 倍），数据无法区分“上限高但来得晚”与“上限低但来得早”。请补充更高投入的观测点，或手动设置上限或半饱和投入。',
    );
  });

  test('optimiser: a budget below the sum of the minimums', async ({ page, planner: p }) => {
    await p.open('zh-CN');
    await p.newPlan('beauty');
    await openOptimise(page);
    await page.locator('details.bounds summary').click();
    // The channels' own rows (each channel serving several regions also has a row per region).
    const mins = page.locator('details.bounds tbody tr:not(.region-row)').getByRole('textbox', { name: /最低$/ });
    await mins.nth(0).fill('80万');
    await mins.nth(0).press('Enter');
    await mins.nth(1).fill('50万');
    await mins.nth(1).press('Enter');
    await page.getByTestId('opt-budget').fill('100万');
    await page.getByTestId('opt-budget').press('Enter');
    await page.getByTestId('opt-run').click();
    const error = page.getByTestId('opt-error');
    await expect(error).toHaveAttribute('data-code', 'opt.minsAboveBudget');
    expect(await chineseText(error)).toBe('无法实现：各渠道最低投入合计 ¥1,300,000，超过预算 ¥1,000,000。');
  });

  test('uncertain ranges: a lognormal from 0 is named next to its range and the run waits for it', async ({ page, planner: p }) => {
    await p.open('zh-CN');
    await p.newPlan('beauty');
    await page.getByTestId('tab-risk').click();
    // Nothing to draw from yet: Run is off and says why.
    await expect(page.getByTestId('mc-run')).toBeDisabled();
    await expect(page.getByTestId('mc-run')).toHaveAttribute('title', '为驱动因素设置区间（例如转化率 2.5% 至 3.5%），看看方案有多确定。');
    await page.getByTestId('mc-add').click();
    const range = page.getByTestId('mc-range').first();
    await range.getByRole('combobox', { name: '分布' }).selectOption('lognormal');
    await range.getByTestId('mc-low').fill('0');
    await range.getByTestId('mc-low').press('Enter');
    const issue = page.getByTestId('mc-issue');
    await expect(issue).toHaveAttribute('data-code', 'risk.lognormalNotPositive');
    expect(await chineseText(issue)).toBe('对数正态分布要求 P10 大于 0（当前为 0%）：请提高 P10，或改用其他分布。');
    await expect(page.getByTestId('mc-run')).toBeDisabled();
    expect(await chineseText(page.getByTestId('mc-fix-ranges'))).toBe('请先修正上面标出的区间，再运行模拟。');
    await expect(page.getByTestId('mc-run')).toHaveAttribute('title', '请先修正上面标出的区间，再运行模拟。');

    // A usable P10 clears it.
    await range.getByTestId('mc-low').fill('1%');
    await range.getByTestId('mc-low').press('Enter');
    await expect(issue).toHaveCount(0);
    await expect(page.getByTestId('mc-run')).toBeEnabled();
    await expect(page.getByTestId('mc-run')).not.toHaveAttribute('title');
  });
});
