import type { Page } from '@playwright/test';
import { moveInPot } from '../../src/engine/workshop/fixedPot';
import { marginalReturns, mixContribution } from '../../src/engine/workshop/marginalReturns';
import { potGame } from '../../src/engine/workshop/potGame';
import { proposalFrontier } from '../../src/engine/workshop/proposalFrontier';
import { formatMoney } from '../../src/i18n/format';
import type { Plan } from '../../src/engine/types';
import { expect, test } from './fixtures';
import { planIdOf, storedPlan } from './storedPlan';
import type { Planner } from './planner';
import { workshopWithSlider } from './workshop';

const yuan = (text: string | null): number => Number((text ?? '').replace(/[^\d.-]/g, ''));

async function workshopWithTwoPins(page: Page, p: Planner): Promise<Plan> {
  await p.open('zh-CN');
  await p.newPlan('beauty');
  await workshopWithSlider(page, p, '是');

  const slider = page.getByTestId('slider').first();
  for (const steps of [2, 3]) {
    await slider.focus();
    for (let k = 0; k < steps; k++) await slider.press('Shift+ArrowRight');
    await page.getByTestId('workshop-pin').click();
  }
  await expect(page.getByTestId('proposal-name')).toHaveCount(2);
  await expect.poll(async () => (await storedPlan(page, planIdOf(page))).decisions?.length).toBe(2);
  return storedPlan(page, planIdOf(page));
}

test('研讨会：固定的提案与有效前沿同图，差距用文字说明；固定总预算游戏总额不变，边际回报与标准答案与 Node 计算一致', async ({ page, context, planner: p }) => {
  const plan = await workshopWithTwoPins(page, p);
  const popup = context.waitForEvent('page');
  await page.getByTestId('workshop-projector').click();
  const projector = await popup;
  await expect(projector.getByTestId('projector')).toBeVisible();
  const [d1, d2] = plan.decisions!;
  const current = d1.fromScenarioId;
  const money = (v: number): string => formatMoney(v, plan.currency, 'zh-CN');

  // The chart: the frontier of the scenario on screen and four labelled points, as Node computes them.
  const expected = proposalFrontier(plan, current, [null, current, d1.scenarioId, d2.scenarioId], plan.budgetBounds);
  const frontier = page.getByTestId('proposal-frontier');
  await expect(frontier).not.toHaveAttribute('data-chart', '');
  await expect(page.getByTestId('chart-proposal-frontier')).toBeVisible();
  await expect.poll(async () => JSON.parse((await frontier.getAttribute('data-chart')) || '[[],[]]')[1].length).toBe(4);
  const [curve, points] = JSON.parse((await frontier.getAttribute('data-chart'))!) as [number[][], { name: string; value: number[]; label: { show: boolean; formatter: string } }[]];
  expect(curve.length).toBe(expected.frontier.budgets.length);
  curve.forEach(([b, v], i) => {
    expect(b).toBe(expected.frontier.budgets[i]);
    expect(v).toBeCloseTo(expected.frontier.objectives[i], 3);
  });
  expect(points.map((x) => x.name)).toEqual(['基准', '当前滑块', d1.name, d2.name]);
  // The sliders have not moved since the second pin: that point and the sliders' share one label.
  expect(points.map((x) => (x.label.show ? x.label.formatter : null))).toEqual(['基准', `当前滑块 = ${d2.name}`, d1.name, null]);
  points.forEach((x, i) => {
    expect(x.value[0]).toBe(expected.points[i]!.spend);
    expect(x.value[1]).toBeCloseTo(expected.points[i]!.contribution, 3);
  });
  // Moving spend off today's mix without a reason costs something at the same spend: said in words.
  const gaps = page.getByTestId('frontier-gap');
  if (process.env.SCREENSHOTS) await page.getByTestId('proposals').screenshot({ path: test.info().outputPath('frontier-zh-CN.png') });
  await expect(gaps).toHaveCount(4);
  for (const i of [2, 3]) {
    const gap = expected.points[i]!.gap!;
    expect(gap).toBeGreaterThan(100);
    await expect(gaps.nth(i)).toContainText(`${[d1.name, d2.name][i - 2]}：比同样投入（${money(expected.points[i]!.spend)}）的最佳组合少 ${money(gap)}`);
  }

  // The game: the pot is the scenario's total spend; a move keeps it exactly.
  await page.getByTestId('pot-toggle').click();
  const g = potGame(plan, current, plan.budgetBounds);
  if (!g.ok || !g.par.ok) throw new Error('no game');
  const total = page.getByTestId('pot-total');
  await expect(total).toHaveText(money(g.pot * g.unit));
  await expect(page.getByTestId('pot-par')).toHaveText(money(g.par.objective));
  await expect(page.getByTestId('pot-par-spend')).toHaveText(g.par.allocations.map((a) => money(a.optimal)));

  const target = Math.round(g.start[0] * 0.6);
  await page.getByTestId('pot-slider').first().fill(String(target));
  const after = moveInPot(g.start, g.limits, 0, target, { kind: 'proportional' });
  await expect(page.getByTestId('pot-spend')).toHaveText(after.map((s) => money(s * g.unit)));
  await expect(total).toHaveText(money(g.pot * g.unit));
  expect(yuan(await total.textContent())).toBe(g.pot);
  const shownSum = (await page.getByTestId('pot-spend').allTextContents()).reduce((s, x) => s + yuan(x), 0);
  expect(shownSum).toBe(g.pot);

  // Marginal returns on screen are the engine's at the mix on screen (three decimals).
  const marginal = marginalReturns(g.models, after.map((s) => s * g.unit));
  const shownMarginal = (await page.getByTestId('pot-marginal').allTextContents()).map((x) => Number(x.replace(/[^\d.-]/g, '')));
  shownMarginal.forEach((v, c) => expect(Math.abs(v - marginal[c])).toBeLessThanOrEqual(0.0005 + 1e-9));
  // And how far this mix is from par.
  const gapToPar = g.par.objective - mixContribution(g.models, after.map((s) => s * g.unit));
  expect(gapToPar).toBeGreaterThan(100);
  await expect(page.getByTestId('pot-gap')).toHaveText(`比标准答案少 ${money(gapToPar)}`);
  if (process.env.SCREENSHOTS) await page.screenshot({ path: test.info().outputPath('pot-game-zh-CN.png'), fullPage: true });

  // The projector shows the same game, mix and par, and moves nothing.
  await expect(projector.getByTestId('pot-total')).toHaveText(money(g.pot * g.unit));
  await expect(projector.getByTestId('pot-spend')).toHaveText(after.map((s) => money(s * g.unit)));
  await expect(projector.getByTestId('pot-par')).toHaveText(money(g.par.objective));
  await expect(projector.getByTestId('pot-slider').first()).toBeDisabled();

  // Money from one chosen channel only: the others stay as they were.
  await page.getByTestId('pot-rule').selectOption({ label: `仅${plan.channels[3].name}` });
  await page.getByTestId('pot-slider').nth(1).fill(String(after[1] + 500_000));
  const fromOne = moveInPot(after, g.limits, 1, after[1] + 500_000, { kind: 'from', channel: 3 });
  expect(fromOne[0]).toBe(after[0]);
  await expect(page.getByTestId('pot-spend')).toHaveText(fromOne.map((s) => money(s * g.unit)));
  await expect(total).toHaveText(money(g.pot * g.unit));
  // Arrow keys move a round amount (0.5 % of the pot rounded down to 1, 2 or 5 × 10ⁿ yuan), Shift ten times that.
  const nudge = Number(await page.getByTestId('pot-spend').first().getAttribute('data-nudge'));
  expect(nudge).toBe(200_000);
  await page.getByTestId('pot-slider').nth(2).press('ArrowRight');
  await page.getByTestId('pot-slider').nth(2).press('Shift+ArrowLeft');
  const k1 = moveInPot(fromOne, g.limits, 2, fromOne[2] + nudge, { kind: 'from', channel: 3 });
  const keyed = moveInPot(k1, g.limits, 2, k1[2] - 10 * nudge, { kind: 'from', channel: 3 });
  expect(keyed[2]).toBe(fromOne[2] - 9 * nudge);
  await expect(page.getByTestId('pot-spend')).toHaveText(keyed.map((s) => money(s * g.unit)));
  await expect(total).toHaveText(money(g.pot * g.unit));
  await expect(projector.getByTestId('pot-spend')).toHaveText(keyed.map((s) => money(s * g.unit)));
  await expect(projector.getByTestId('pot-rule-text')).toContainText(`仅${plan.channels[3].name}`);
  // Closing the game on the facilitator's screen closes it on the projector.
  await page.getByTestId('pot-toggle').click();
  await expect(projector.getByTestId('pot-game')).toHaveCount(0);
});
