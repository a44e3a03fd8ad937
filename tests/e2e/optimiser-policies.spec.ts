import { expect, test, watchLibraries } from './fixtures';

test.describe('optimiser with budget rules', () => {
  test('main channels ≥ 50 % and ROI ≥ 120 %: the cost shown for each rule is what dropping it gains', async ({ page, planner: p }) => {
    const libraries = watchLibraries(page);
    await p.open('en');
    await p.newPlan('appliances');
    await page.getByTestId('tab-optimise').click();
    await expect(page.getByTestId('pol-empty')).toBeVisible();

    // The two rules a planner states; each is one undoable edit saved with the plan.
    await page.getByTestId('pol-add-group').click();
    await page.getByTestId('pol-add-efficiency').click();
    const group = page.getByTestId('pol-group');
    await expect(group.getByTestId('pol-group-picker').locator('option:checked')).toHaveText('Main channels');
    await expect(group.getByTestId('pol-measure').locator('option:checked')).toHaveText('Share of total budget');
    // Limits typed the way a planner types them: a share as "50 %", a ratio as "120%".
    await group.getByTestId('pol-min').fill('50 %');
    await group.getByTestId('pol-min').press('Enter');
    await expect(group.getByTestId('pol-min')).toHaveValue('50%');
    const roi = page.getByTestId('pol-efficiency');
    await roi.getByTestId('pol-limit').fill('120%');
    await roi.getByTestId('pol-limit').press('Enter');
    await expect(roi.getByTestId('pol-metric').locator('option:checked')).toHaveText('ROI at least');

    const objective = async (): Promise<number> => Number(await page.getByTestId('opt-headline').getAttribute('data-objective'));
    const button = page.getByTestId('opt-run');
    const run = async (): Promise<void> => {
      const before = Number(await button.getAttribute('data-answers'));
      await button.click();
      await expect(button).toHaveAttribute('data-answers', String(before + 1));
    };
    await run();
    const results = page.getByTestId('pol-results');
    await expect(results).toBeVisible();
    const withBoth = await objective();
    const ruleRows = page.getByTestId('pol-rule');
    await expect(ruleRows).toHaveCount(2);
    // Both rules hold the answer back on this plan: main channels get 39 % without the rules, and the ROI of the unconstrained answer is below 120 %.
    const costs: number[] = [];
    for (let k = 0; k < 2; k++) {
      await expect(ruleRows.nth(k)).toHaveAttribute('data-binding', 'true');
      costs.push(Number(await ruleRows.nth(k).getAttribute('data-cost')));
    }
    await expect(ruleRows.nth(0).locator('td').first()).toHaveText('Main channels: share ≥ 50%');
    await expect(ruleRows.nth(1).locator('td').first()).toHaveText('ROI ≥ 120% (The whole plan)');
    // The rules are kept by the answer shown.
    await expect(ruleRows.nth(0).locator('td').nth(2)).toHaveText(/^50(\.0)?%$/);
    await expect(page.getByTestId('pol-certificate')).toContainText('Proven gap');

    // Independent check through the page: switch each rule off, answer again, and compare.
    const toggles = [group.getByTestId('pol-enabled'), roi.getByTestId('pol-enabled')];
    for (let k = 0; k < 2; k++) {
      await toggles[k].uncheck();
      await run();
      const withoutRule = await objective();
      expect(Math.abs(withoutRule - withBoth - costs[k])).toBeLessThanOrEqual(1 + 1e-9 * Math.abs(withBoth));
      // The cost on screen, in money, as the planner reads it.
      await toggles[k].check();
      await run();
      expect(await objective()).toBe(withBoth);
      const shown = await page.getByTestId('pol-rule-cost').nth(k).innerText();
      const yuan = Math.round(costs[k] / 100).toLocaleString('en');
      expect(shown.replace(/\.\d+/, '')).toContain(`¥${yuan}`);
    }

    // The export carries both answers and the rules with their costs.
    const file = await p.download('opt-export-csv');
    const text = file.bytes.toString('utf8');
    expect(text).toContain('Without rules');
    expect(text).toContain('Main channels: share ≥ 50%');
    expect(text).toContain('ROI ≥ 120% (The whole plan)');

    // Each change is one undo step: the last one switched the ROI rule back on.
    await page.getByTestId('undo').click();
    await expect(roi.getByTestId('pol-enabled')).not.toBeChecked();
    await expect(group.getByTestId('pol-enabled')).toBeChecked();
    expect(libraries).toEqual([]);
  });

  test('rules no allocation can keep are said so', async ({ page, planner: p }) => {
    await p.open('en');
    await p.newPlan('appliances');
    await page.getByTestId('tab-optimise').click();
    await page.getByTestId('pol-add-group').click();
    const group = page.getByTestId('pol-group');
    await group.getByTestId('pol-min').fill('0.99');
    await group.getByTestId('pol-min').press('Enter');
    await page.getByTestId('pol-add-efficiency').click();
    await page.getByTestId('pol-efficiency').getByTestId('pol-limit').fill('900%');
    await page.getByTestId('pol-efficiency').getByTestId('pol-limit').press('Enter');
    await page.getByTestId('opt-run').click();
    await expect(page.getByTestId('pol-infeasible')).toBeVisible();
  });

  test('a list of channels the planner picks and names: the answer keeps its share, read from the answer table', async ({ page, planner: p }) => {
    const libraries = watchLibraries(page);
    await p.open('zh-CN');
    await p.newPlan('appliances');
    await page.getByTestId('tab-optimise').click();
    await page.getByTestId('pol-add-group').click();
    const group = page.getByTestId('pol-group');
    await group.getByTestId('pol-group-picker').selectOption({ label: '自选渠道…' });
    const list = group.getByTestId('pol-list');
    await expect(list).toBeVisible();
    const boxes = list.getByTestId('pol-list-channel');
    const names = await list.locator('label').allInnerTexts();
    await boxes.nth(1).check();
    await boxes.nth(2).check();
    await expect(boxes.nth(2)).toBeChecked();
    await list.getByTestId('pol-list-name').fill('线上渠道');
    await list.getByTestId('pol-list-name').press('Enter');
    await expect(group.getByTestId('pol-group-picker').locator('option:checked')).toHaveText('线上渠道');
    // At most 30 % of the budget, typed as a planner types it.
    await group.getByTestId('pol-min').fill('');
    await group.getByTestId('pol-max').fill('30%');
    await group.getByTestId('pol-max').press('Enter');
    await page.getByTestId('opt-run').click();
    await expect(page.getByTestId('pol-rule')).toHaveCount(1);
    await expect(page.getByTestId('pol-rule').locator('td').first()).toContainText('线上渠道');
    // The answer table: the two picked channels' optimal spend over the total is at most 30 %.
    const money = (s: string): number => Number(s.replace(/[^\d.-]/g, ''));
    const rows = page.getByTestId('opt-row');
    await expect(rows).toHaveCount(names.length);
    let picked = 0;
    let total = 0;
    for (let k = 0; k < names.length; k++) {
      const optimal = money(await rows.nth(k).locator('td').nth(2).innerText());
      total += optimal;
      if (k === 1 || k === 2) picked += optimal;
    }
    expect(picked / total).toBeLessThanOrEqual(0.3 + 1e-6);
    expect(picked / total).toBeGreaterThan(0.29);
    // Unticking one channel changes the list, one undo step brings it back.
    await boxes.nth(2).uncheck();
    await expect(boxes.nth(2)).not.toBeChecked();
    await page.getByTestId('undo').click();
    await expect(boxes.nth(2)).toBeChecked();
    expect(libraries).toEqual([]);
  });
});
