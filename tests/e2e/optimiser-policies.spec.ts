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
});
