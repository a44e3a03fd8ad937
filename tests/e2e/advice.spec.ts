import { readFile } from 'node:fs/promises';
import { expect, test, watchLibraries } from './fixtures';
import type { Locator, Page } from '@playwright/test';

/**
 * Advice a planner can act on, in Chinese: the optimiser says whether the budget is past the
 * profitable level and offers the best budget (marked on the frontier); the BCG matrix states how it
 * measured growth on a 12-month plan, warns when a quadrant contradicts the returns, and "exit"
 * closes the channel; the scorecard flags year-on-year growth that a 12-month plan cannot have.
 */

const money = (text: string): number => Number(text.replace(/[^\d.-]/g, ''));

/** A number from a data attribute. */
async function num(locator: Locator, attr: string): Promise<number> {
  return Number(await locator.getAttribute(attr));
}

async function downloadText(page: Page, testid: string): Promise<string> {
  const wait = page.waitForEvent('download');
  await page.getByTestId(testid).click();
  return readFile(await (await wait).path(), 'utf8');
}

test.describe('advice that says when it loses money (简体中文)', () => {
  test('optimiser: profitable level, best budget, frontier mark, best budget as a scenario', async ({ page, planner: p }) => {
    const warnings = watchLibraries(page);
    await p.open('zh-CN');
    await p.newPlan('beauty');
    await page.getByTestId('tab-optimise').click();

    // Today's budget, reallocated: the verdict says where the budget sits and names the best budget.
    await page.getByTestId('opt-run').click();
    const verdict = page.getByTestId('opt-verdict');
    await expect(verdict).toBeVisible();
    const todayBudget = await num(page.getByTestId('opt-headline'), 'data-budget');
    const bestBudget = await num(verdict, 'data-best-budget');
    expect(bestBudget).toBeGreaterThan(0);
    const level = await verdict.getAttribute('data-level');
    const lambda0 = await num(verdict, 'data-lambda');
    expect(level).toBe(lambda0 > 0.005 ? 'below' : lambda0 < -0.005 ? 'past' : 'at');
    // A last ¥1 that still pays means the best budget is higher, and the other way round.
    expect(bestBudget > todayBudget).toBe(lambda0 > 0);
    // The template's budget sits near the best one.
    expect(Math.abs(bestBudget / todayBudget - 1)).toBeLessThan(0.2);
    await expect(page.getByTestId('opt-margin')).toContainText(level === 'below' ? '预算低于盈利水平' : '预算已超过盈利水平');
    await expect(page.getByTestId('opt-best')).toContainText('最佳预算为');
    // The best budget in the sentence is the one the engine reported (¥, whole yuan).
    const stated = money((await page.getByTestId('opt-best').innerText()).split('：')[0]);
    expect(Math.abs(stated - bestBudget / 100)).toBeLessThanOrEqual(1);

    // Twice today's budget: past the profitable level, and the sentence says how much of each extra ¥1 is lost.
    await page.getByTestId('opt-budget').fill(String(Math.round((2 * todayBudget) / 100)));
    await page.getByTestId('opt-run').click();
    await expect(verdict).toHaveAttribute('data-level', 'past');
    const lambda = await num(verdict, 'data-lambda');
    expect(lambda).toBeLessThan(0);
    const margin = await page.getByTestId('opt-margin').innerText();
    expect(margin).toContain('预算已超过盈利水平');
    const [back, lost] = [...margin.matchAll(/¥(\d+\.\d\d)/g)].map((m) => Number(m[1])).filter((v) => v < 1);
    expect(back).toBeCloseTo(1 + lambda, 2);
    expect(lost).toBeCloseTo(-lambda, 2);
    expect(back + lost).toBeCloseTo(1, 2);
    // Every channel's marginal contribution at this answer is the same λ, and shown as a loss.
    const rows = page.getByTestId('opt-row');
    await expect(rows).toHaveCount(4);
    for (let i = 0; i < 4; i++) {
      const m = await num(rows.nth(i), 'data-marginal');
      expect(Math.abs(m - lambda)).toBeLessThan(0.01);
      await expect(rows.nth(i).locator('td').last()).toHaveClass(/down/);
    }

    // "Use the best budget": every funded channel's last ¥1 returns ¥1.
    await page.getByTestId('opt-use-best').click();
    await expect(page.getByTestId('opt-mode')).toHaveValue('bestBudget');
    await expect(page.getByTestId('opt-objective')).toBeDisabled();
    await expect(page.getByTestId('opt-headline')).toHaveAttribute('data-budget', String(bestBudget));
    await expect(page.getByTestId('opt-margin')).toContainText('恰好带回');
    for (let i = 0; i < 4; i++) expect(Math.abs(await num(rows.nth(i), 'data-marginal'))).toBeLessThan(0.01);
    const bestContribution = await num(page.getByTestId('opt-headline'), 'data-objective');

    // The frontier marks the best budget: its SVG carries the labelled point.
    const frontier = page.getByTestId('chart-frontier');
    await expect(frontier).toHaveAttribute('data-rendered', /\d+/);
    await frontier.hover();
    const svg = await downloadText(page, 'chart-frontier-svg');
    expect(svg).toContain('最佳预算');
    expect(svg).toContain('当前方案');

    // As a scenario: the plan's contribution becomes the best one (to rounding of monthly spends).
    await page.getByTestId('opt-apply').click();
    await expect(page.getByTestId('scenario-view').locator('option:checked')).toHaveText('最佳预算');
    await expect.poll(async () => Math.abs((await p.kpi('contribution')) - bestContribution) / bestContribution).toBeLessThan(0.002);
    expect(warnings).toEqual([]);
  });

  test('BCG and scorecard on a 12-month plan: growth method, contradictions, exit, undefined YoY growth', async ({ page, planner: p }) => {
    const warnings = watchLibraries(page);
    await p.open('zh-CN');
    await p.newPlan('beauty');
    // A one-year budget, as a planner makes it.
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('plan-periods').fill('12');
    await page.getByTestId('plan-periods').press('Tab');
    await expect(page.getByTestId('plan-periods')).toHaveValue('12');
    await p.saved();

    await page.getByTestId('tab-evaluate').click();
    await page.getByTestId('eval-bcg').click();
    // Growth: Q4 against Q3, seasonally adjusted and annualised — said on screen.
    const method = page.getByTestId('bcg-method');
    await expect(method).toHaveAttribute('data-method', 'seasonalQoq');
    await expect(method).toContainText('经季节调整');
    await expect(method).toContainText('2027年10月 – 2027年12月');
    await expect(method).toContainText('2027年7月 – 2027年9月');
    // Double 11 is not growth: the flagship stores, whose only growth is 0.5 % a month, show about 1.005¹² − 1.
    const tmall = page.locator('[data-testid="bcg-row"][data-channel="天猫·京东旗舰店"]');
    const growth = Number((await tmall.locator('td').nth(2).innerText()).replace('%', ''));
    expect(growth).toBeGreaterThan(2);
    expect(growth).toBeLessThan(8);
    await expect(page.getByTestId('bcg-warnings')).toHaveCount(0);

    // A growth line of 25 %: the private community (best ROI) falls among the dogs — and is warned about.
    await page.getByTestId('bcg-growth-threshold').fill('25');
    await page.getByTestId('bcg-growth-threshold').press('Enter');
    const community = page.locator('[data-testid="bcg-row"][data-channel="私域社群（企业微信+小程序）"]');
    await expect(community).toHaveAttribute('data-quadrant', 'dog');
    await expect(community).toHaveAttribute('data-warned', 'yes');
    const warning = page.locator('[data-testid="bcg-warning"][data-channel="私域社群（企业微信+小程序）"][data-kind="topRoi"]');
    await expect(warning).toContainText('ROI 在所有渠道中最高');
    // Exiting it would lose money, and the table says so.
    expect(await num(community.locator('[data-testid="bcg-effect"][data-action="exit"]'), 'data-effect')).toBeLessThan(0);

    // Exit the live-stream (a dog that loses money): a scenario with no spend, fixed cost or base traffic.
    const live = page.locator('[data-testid="bcg-row"][data-channel="抖音直播带货"]');
    await expect(live).toHaveAttribute('data-quadrant', 'dog');
    const before = await p.kpi('contribution');
    const effect = await num(live.locator('[data-testid="bcg-effect"][data-action="exit"]'), 'data-effect');
    expect(effect).toBeGreaterThan(0);
    await live.locator('[data-testid="bcg-create"][data-action="exit"]').click();
    // The exit form: from the first month, no orders moved (what the table's effect assumes).
    await page.getByTestId('bcg-exit-confirm').click();
    await expect(page.getByTestId('scenario-view').locator('option:checked')).toHaveText('退出渠道：抖音直播带货');
    // The whole plan is the 12 months the effect was computed over: contribution rises by exactly it.
    const after = await p.kpiChangedFrom('contribution', before);
    expect(Math.abs(after - before - effect)).toBeLessThanOrEqual(1);
    // One click, one undo step.
    await page.getByTestId('undo').click();
    await expect(page.getByTestId('scenario-view').locator('option')).toHaveCount(1);
    await page.getByTestId('redo').click();
    await page.getByTestId('scenario-view').selectOption({ label: '退出渠道：抖音直播带货' });

    // The scenario's numbers, month by month: the live-stream row (the fourth) is zero throughout.
    // (Results: the driver rows of the Periods grid show and edit the baseline, also under a scenario.)
    await page.getByTestId('tab-periods').click();
    for (const what of ['metric:spend', 'metric:fixedCost', 'metric:baseTraffic', 'metric:netRevenue', 'metric:contribution']) {
      await page.getByTestId('period-select').selectOption(what);
      await expect(p.cell('period-grid', 3, 'name')).toHaveText('抖音直播带货');
      for (const month of ['2027-01', '2027-06', '2027-11', '2027-12']) {
        await expect(p.cell('period-grid', 3, `b.${month}`), `${what} ${month}`).toHaveText(/^[^1-9]*$/);
      }
      // The flagship stores are untouched.
      await expect(p.cell('period-grid', 0, 'b.2027-11')).toHaveText(/[1-9]/);
    }
    await page.getByTestId('scenario-view').selectOption('');

    // Scorecard: year-on-year growth has no value in a plan's only year; flagged, weight shared out.
    await page.getByTestId('tab-evaluate').click();
    await page.getByTestId('eval-scorecard').click();
    const flag = page.locator('[data-testid="score-undefined"] li[data-kpi="kpi-growth"]');
    await expect(flag).toHaveAttribute('data-code', 'kpiUndefined');
    await expect(flag).toContainText('同比增长率');
    await expect(flag).toContainText('15% 权重不计入');
    await expect(flag).toContainText('2027');
    const growthRow = page.getByTestId('score-kpi').filter({ has: page.getByTestId('score-not-scored') });
    await expect(growthRow).toHaveCount(1);
    await expect(growthRow.getByTestId('score-effective-weight')).toContainText('0 %');
    // ROI's 30 % counts as 30 / 85 of the score.
    await expect(page.getByTestId('score-effective-weight').first()).toContainText('35.3 %');
    await expect(page.getByTestId('score-table').locator('thead')).toContainText('不计分');
    expect(warnings).toEqual([]);
  });
});
