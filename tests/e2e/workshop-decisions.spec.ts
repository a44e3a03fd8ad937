import { readFile } from 'node:fs/promises';
import { computePlan } from '../../src/engine/compute';
import { expect, test } from './fixtures';
import { planIdOf, storedPlan } from './storedPlan';
import { workshopWithSlider } from './workshop';

/**
 * A workshop in Chinese: proposals pinned once each with the facilitator's reason, side by side on the
 * board with their change against the baseline, the minutes file holding the log (user text escaped),
 * and the projector saying plainly when the facilitator has left.
 */
test('研讨会：固定方案并写下理由，方案并排对比，下载会议纪要；主持人离开后投影窗口明确提示', async ({ page, context, planner: p }) => {
  await p.open('zh-CN');
  await p.newPlan('beauty');

  // A scenario with a slider on the first channel's spend.
  await workshopWithSlider(page, p, '是');
  const popup = context.waitForEvent('page');
  await page.getByTestId('workshop-projector').click();
  const projector = await popup;
  await expect(projector.getByTestId('projector')).toBeVisible();
  await expect(projector.getByTestId('kpi-netRevenue-value')).not.toHaveAttribute('data-value', '');

  // First proposal: two steps right, a reason with markup in it, pinned by a double click.
  const slider = page.getByTestId('slider').first();
  await slider.focus();
  await slider.press('ArrowRight');
  await slider.press('ArrowRight');
  await page.getByTestId('workshop-rationale').fill('先投直播 <b>三月</b> 复盘');
  await page.getByTestId('workshop-pin').dblclick();
  await expect(page.getByTestId('proposal-name')).toHaveCount(1);
  await expect(p.toast().last()).toContainText('不再重复固定');
  await expect(page.getByTestId('workshop-rationale')).toHaveValue('');

  // Second proposal after moving the slider further; Enter in the reason box pins.
  await slider.focus();
  await slider.press('ArrowRight');
  await page.getByTestId('workshop-rationale').fill('预算上限内的最大贡献');
  await page.getByTestId('workshop-rationale').press('Enter');
  await expect(page.getByTestId('proposal-name')).toHaveCount(2);
  const names = await page.getByTestId('proposal-name').allTextContents();
  expect(new Set(names.map((n) => n.replace('查看', '').trim())).size).toBe(2);
  await expect(page.getByTestId('proposal-why')).toHaveText(['先投直播 <b>三月</b> 复盘', '预算上限内的最大贡献']);

  // The logged figures are what the engine gives for each pinned copy and for the baseline.
  // (Saving follows edits by a moment: wait for the second pin to be stored.)
  await expect.poll(async () => (await storedPlan(page, planIdOf(page))).decisions?.length).toBe(2);
  const plan = await storedPlan(page, planIdOf(page));
  const sum = (a: Float64Array) => a.reduce((s, x) => s + x, 0);
  const baseline = sum(computePlan(plan, null).flows.contribution);
  for (const d of plan.decisions!) {
    const pinned = plan.scenarios.find((s) => s.id === d.scenarioId)!;
    expect(pinned.name).toBe(d.name);
    expect(d.kpis.contribution).toBe(sum(computePlan(plan, d.scenarioId).flows.contribution));
    expect(d.baseline.contribution).toBe(baseline);
  }
  expect(plan.decisions![1].moves).toHaveLength(1);
  expect(plan.decisions![1].moves[0].before).not.toBe(plan.decisions![1].moves[0].after);
  // On the board, each column's change is its contribution less the baseline's, in yuan.
  const delta = (plan.decisions![1].kpis.contribution - baseline) / 100;
  const shown = await page.getByTestId('proposal-contribution').nth(1).locator('small').textContent();
  const shownYuan = Number((shown ?? '').replace(/[^\d.-]/g, ''));
  expect(Math.abs(shownYuan - delta)).toBeLessThan(1);

  if (process.env.SCREENSHOTS) {
    await page.getByTestId('proposals').scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath('workshop-proposals-zh.png') });
  }
  // The minutes: every proposal, its reason (markup escaped), the moves and a figures table.
  const download = page.waitForEvent('download');
  await page.getByTestId('minutes-download').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/会议纪要 \d{4}-\d{2}-\d{2}\.md$/);
  const md = await readFile((await file.path())!, 'utf8');
  expect(md).toContain('# 研讨会纪要：');
  for (const d of plan.decisions!) expect(md).toContain(d.name);
  expect(md).toContain('先投直播 &lt;b&gt;三月&lt;/b&gt; 复盘');
  expect(md).not.toContain('<b>');
  expect(md).toContain('预算上限内的最大贡献');
  expect(md.match(/^\| 净收入 \|/gm)).toHaveLength(2);
  expect(md).toContain(plan.decisions![1].moves[0].after);

  // The facilitator leaves: the projector says so at the top, in the room's language.
  await expect(projector.getByTestId('projector-left')).toHaveCount(0);
  const planUrl = page.url();
  await page.close({ runBeforeUnload: true });
  await expect(projector.getByTestId('projector-left')).toBeVisible();
  await expect(projector.getByTestId('projector-left')).toContainText('主持人已离开研讨会');
  if (process.env.SCREENSHOTS) await projector.screenshot({ path: test.info().outputPath('projector-left-zh.png') });
  const box = await projector.getByTestId('projector-left').boundingBox();
  expect(box!.y).toBeLessThan(5);

  // The printable report carries the decision log, one row per proposal.
  const reader = await context.newPage();
  await reader.goto(planUrl.replace(/\/workshop$/, '/report'));
  const log = reader.getByTestId('report-decisions');
  await expect(log.locator('tbody tr')).toHaveCount(2);
  await expect(log.locator('tbody tr').first()).toContainText('先投直播 <b>三月</b> 复盘');
  await expect(log.locator('tbody tr').nth(1)).toContainText(plan.decisions![1].name);
});
