import { expect, test } from './fixtures';

/**
 * Typed months (overrides) of a driver are cleared for the selected channel or for every channel,
 * as the two buttons say, each as one undoable step; the buttons say why they are disabled.
 */
test('typed months are reset for the selected channel, then for all channels, each undoable', async ({ planner: p, page }) => {
  await p.open('zh-CN');
  await p.newPlan('beauty');
  await page.getByTestId('tab-periods').click();
  await expect(p.cell('period-grid', 0, 'b.2027-01')).toBeVisible();
  const one = page.getByTestId('reset-overrides-row');
  const all = page.getByTestId('reset-overrides');
  await expect(one).toHaveText('重置所选渠道');
  await expect(all).toHaveText('重置所有渠道的此项覆盖值');
  await expect(all).toBeDisabled();
  await expect(all).toHaveAttribute('title', '没有渠道手动输入过营销投入。');

  // Months typed in two channels.
  await p.editCell('period-grid', 0, 'b.2027-01', '20万');
  await p.editCell('period-grid', 2, 'b.2027-03', '30万');
  const typed = [p.cell('period-grid', 0, 'b.2027-01'), p.cell('period-grid', 2, 'b.2027-03')];
  for (const cell of typed) await expect(cell).toHaveClass(/overridden/);
  await expect(all).toBeEnabled();
  await expect(all).toHaveAttribute('title', '清除 2 个渠道的营销投入手动输入月份，恢复按增长率和季节性计算。');

  // A channel without typed months focused: nothing to reset for it, and the button says what to do.
  await p.cell('period-grid', 1, 'b.2027-02').click();
  await expect(one).toBeDisabled();
  await expect(one).toHaveAttribute('title', '请先点选一个有手动输入月份的渠道的单元格。');

  // The first channel: only its month goes.
  const first = (await p.cell('period-grid', 0, 'name').textContent()) ?? '';
  await p.cell('period-grid', 0, 'b.2027-05').click();
  await expect(one).toBeEnabled();
  await one.click();
  await expect(typed[0]).not.toHaveClass(/overridden/);
  await expect(typed[1]).toHaveClass(/overridden/);
  await expect(p.toast()).toContainText(`已清除${first}的营销投入手动输入值。`);
  await expect(all).toHaveAttribute('title', '清除 1 个渠道的营销投入手动输入月份，恢复按增长率和季节性计算。');

  // Undo from the message brings it back.
  await p.toast().getByRole('button', { name: '撤销' }).click();
  await expect(typed[0]).toHaveClass(/overridden/);

  // All channels: both go, in one step that Undo takes back whole.
  await all.click();
  for (const cell of typed) await expect(cell).not.toHaveClass(/overridden/);
  await expect(p.toast()).toContainText('已清除 2 个渠道的营销投入手动输入值。');
  await expect(all).toBeDisabled();
  await page.getByTestId('undo').click();
  for (const cell of typed) await expect(cell).toHaveClass(/overridden/);
});
