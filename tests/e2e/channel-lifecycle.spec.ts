import { computePlan, type PlanResult } from '../../src/engine/compute';
import { expect, test, watchLibraries } from './fixtures';
import { storedPlan } from './storedPlan';

/**
 * The beauty plan in Chinese: the experience stores, a dog of the BCG matrix, exited from July with
 * 40 % of their orders moving to the Tmall/JD flagship; in the same scenario a new channel launched in
 * April with an S-shaped three-month ramp and a launch cost of 5万. The plan is read back from
 * IndexedDB and computed here in Node: the KPIs on screen, the ramp of the new channel and the
 * Compare tab (the new channel at 0 in the baseline) are the engine's figures.
 */

const STORES = 'ch-stores';
const TMALL = 'ch-tmall';

const sum = (xs: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s;
};

function row(res: PlanResult, metric: 'orders' | 'netRevenue' | 'spend' | 'fixedCost', id: string): number[] {
  const c = res.channelIds.indexOf(id);
  return c < 0 ? Array(res.periods).fill(0) : [...res.flows[metric].subarray(c * res.periods, (c + 1) * res.periods)];
}

test('a dog exited from the BCG matrix and a new channel ramped in its scenario agree with the engine', async ({ page, planner: p }) => {
  const libraries = watchLibraries(page);
  await p.open('zh-CN');
  await p.newPlan('beauty');

  // BCG: the stores are a dog; "exit" opens the exit form.
  await page.getByTestId('tab-evaluate').click();
  await page.getByTestId('eval-bcg').click();
  const stores = page.locator('[data-testid="bcg-row"][data-channel="线下体验店"]');
  await expect(stores).toHaveAttribute('data-quadrant', 'dog');
  await stores.locator('[data-testid="bcg-create"][data-action="exit"]').click();
  const form = page.getByTestId('bcg-exit-form');
  await expect(form.getByRole('heading')).toHaveText('退出线下体验店');
  await form.getByTestId('bcg-exit-month').selectOption('2027-07');
  await expect(form.getByTestId('bcg-exit-month').locator('option:checked')).toHaveText('2027年7月');
  const lostOnly = Number(await form.getByTestId('bcg-exit-effect').getAttribute('data-effect'));
  await form.getByTestId(`bcg-exit-share-${TMALL}`).fill('40%');
  await form.getByTestId(`bcg-exit-share-${TMALL}`).press('Enter');
  await expect(form).toContainText('其 60% 的订单流失。');
  // Moving 40 % of the orders to Tmall is worth more than losing them all.
  await expect.poll(async () => Number(await form.getByTestId('bcg-exit-effect').getAttribute('data-effect'))).toBeGreaterThan(lostOnly);
  await form.getByTestId('bcg-exit-confirm').click();
  await expect(page.getByTestId('scenario-view').locator('option:checked')).toHaveText('退出渠道：线下体验店');

  // The scenario editor describes the exit in words; a new channel is added to the same scenario.
  await page.getByTestId('tab-scenarios').click();
  await expect(page.getByTestId('lifecycle-exit')).toContainText('自2027年7月起退出线下体验店');
  await expect(page.getByTestId('lifecycle-exit')).toContainText('40% 的订单转到天猫·京东旗舰店');
  await page.getByTestId('launch-name').fill('小红书种草');
  await page.getByTestId('launch-type').selectOption('socialCommerce');
  await expect(page.getByTestId('launch-type').locator('option:checked')).toHaveText('社交电商');
  await page.getByTestId('launch-month').selectOption('2027-04');
  await page.getByTestId('launch-ramp').fill('3');
  await page.getByTestId('launch-ramp').press('Enter');
  await page.getByTestId('launch-shape').selectOption('s');
  await page.getByTestId('launch-cost').fill('5万');
  await page.getByTestId('launch-cost').press('Enter');
  await page.getByTestId('launch-add').click();
  await expect(page.getByTestId('lifecycle-launch')).toContainText('2027年4月上线小红书种草（社交电商）；3 个月后达到满效果（S 形）；上线费用 ¥50,000，计入当月固定成本。');

  // What was saved, computed here.
  await p.saved();
  const plan = await storedPlan(page);
  const scenario = plan.scenarios.find((s) => s.name === '退出渠道：线下体验店')!;
  expect(scenario.exits).toEqual([{ channelId: STORES, month: '2027-07', transfers: [{ channelId: TMALL, share: 0.4 }] }]);
  const launch = scenario.launches![0];
  expect({ month: launch.month, rampMonths: launch.rampMonths, rampShape: launch.rampShape, launchCost: launch.launchCost, type: launch.channel.type }).toEqual({
    month: '2027-04', rampMonths: 3, rampShape: 's', launchCost: 5_000_000, type: 'socialCommerce',
  });
  const newId = launch.channel.id;
  const expected = computePlan(plan, scenario.id);
  const baseline = computePlan(plan, null);
  await expect.poll(() => p.kpi('netRevenue')).toBe(sum(expected.flows.netRevenue));
  expect(await p.kpi('contribution')).toBe(sum(expected.flows.contribution));
  expect(await p.kpi('spend')).toBe(sum(expected.flows.spend));

  // Independent checks of the model: nothing before April; the S-ramp x²(3−2x) at x = 1/4, 1/2, 3/4, 1
  // of the full-effect orders (the new channel's drivers are flat); the launch cost in April's fixed cost;
  // the stores produce nothing from July; Tmall gains 40 % of what the stores would have sold.
  const orders = row(expected, 'orders', newId);
  expect(orders.slice(0, 3)).toEqual([0, 0, 0]);
  const full = orders[6];
  [0.15625, 0.5, 0.84375, 1].forEach((f, k) => expect(orders[3 + k]).toBeCloseTo(full * f, 6));
  expect(row(expected, 'fixedCost', newId)[3] - row(expected, 'fixedCost', newId)[4]).toBe(5_000_000);
  expect(row(expected, 'netRevenue', STORES).slice(6).every((v) => v === 0)).toBe(true);
  const storesBase = row(baseline, 'orders', STORES);
  const tmallGain = row(expected, 'orders', TMALL).map((o, t) => o - row(baseline, 'orders', TMALL)[t]);
  for (let t = 6; t < expected.periods; t++) expect(tmallGain[t]).toBeCloseTo(0.4 * storesBase[t], 6);

  // The channel grid shows the new channel as a row of its own (read-only) under the scenario.
  await page.getByTestId('tab-channels').click();
  await expect(p.grid('channel-grid')).toContainText('小红书种草 · 本情景新增');

  // Compare: the new channel has a row, 0 in the baseline and its own figure in the scenario.
  await page.getByTestId('tab-compare').click();
  await expect(page.getByTestId(`compare-channel-${newId}`)).toContainText('小红书种草');
  await expect(page.getByTestId(`compare-net-${newId}-0`)).toHaveAttribute('data-value', '0');
  await expect(page.getByTestId(`compare-net-${newId}-1`)).toHaveAttribute('data-value', String(sum(row(expected, 'netRevenue', newId))));
  await expect(page.getByTestId(`compare-net-${STORES}-1`)).toHaveAttribute('data-value', String(sum(row(expected, 'netRevenue', STORES))));
  await expect(page.getByTestId('delta-netRevenue-1')).toHaveAttribute('data-delta', String(sum(expected.flows.netRevenue) - sum(baseline.flows.netRevenue)));
  expect(libraries).toEqual([]);
});
