import { expect, test } from './fixtures';

// Strings from src/i18n/zh-CN.ts, src/i18n/zh-TW.ts and src/engine/templates/grocery.ts.
const CN = {
  home: '我的方案',
  grocery: '生鲜零售进军下沉市场',
  plan: '连锁超市下沉市场：社区团购 + 前置仓 + 门店',
  tabs: ['渠道', '期间', '设置'],
  netRevenue: '净收入',
  contribution: '贡献利润',
  spend: '营销投入',
  undo: '撤销',
  addChannel: '添加渠道',
  channels: ['社区团购（团长）', '前置仓到家配送', '仓储式门店'],
};
const TW = {
  tabs: ['通路', '期間', '設定'],
  netRevenue: '淨營收',
  undo: '復原',
  addChannel: '新增通路',
  appName: '通路組合規劃工具',
};

test.describe('the main path in Chinese', () => {
  test('zh-CN: grocery template → edit both grids → KPIs → Ctrl+Z → reload → switch to zh-TW, remembered', async ({ page, planner: p }) => {
    await p.open('zh-CN');
    await expect(page.locator('h1')).toHaveText(CN.home);
    await expect(page.getByTestId('template-grocery')).toContainText(CN.grocery);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

    await p.newPlan('grocery');
    await expect(page.getByTestId('plan-title')).toHaveText(CN.plan);
    await expect(page.getByTestId('tab-channels')).toHaveText(CN.tabs[0]);
    await expect(page.getByTestId('tab-periods')).toHaveText(CN.tabs[1]);
    await expect(page.getByTestId('tab-settings')).toHaveText(CN.tabs[2]);
    await expect(page.getByTestId('kpi-netRevenue')).toContainText(CN.netRevenue);
    await expect(page.getByTestId('kpi-contribution')).toContainText(CN.contribution);
    await expect(page.getByTestId('undo')).toContainText(CN.undo);
    await expect(page.getByTestId('add-channel')).toContainText(CN.addChannel);
    await expect(p.grid('channel-grid').locator('.ag-header-cell[col-id="driver.spend"]')).toContainText(CN.spend);
    await expect.poll(() => p.columnTexts('channel-grid', 'name')).toEqual(CN.channels);
    await expect(page.getByTestId('language')).toHaveValue('zh-CN');

    // Money is in yuan.
    await expect(p.kpiText('netRevenue')).toContainText('¥');
    const revenue0 = await p.kpi('netRevenue');

    // Channel grid: a driver.
    await expect(p.cell('channel-grid', 0, 'driver.spend')).toHaveText('¥120,000');
    await p.editCell('channel-grid', 0, 'driver.spend', '500,000');
    await expect(p.cell('channel-grid', 0, 'driver.spend')).toHaveText('¥500,000');
    const revenue1 = await p.kpiChangedFrom('netRevenue', revenue0);
    await expect(p.kpiText('netRevenue')).toContainText('¥');

    // Period grid: one month of spend; month headers are in Chinese.
    await page.getByTestId('tab-periods').click();
    await expect(p.cell('period-grid', 0, 'b.2027-02')).toBeVisible();
    await expect(p.grid('period-grid').locator('.ag-header-cell[col-id="b.2027-02"]')).toContainText('2027年2月');
    await expect(p.cell('period-grid', 0, 'name')).toHaveText(CN.channels[0]);
    await p.editCell('period-grid', 0, 'b.2027-02', '0');
    await expect(p.cell('period-grid', 0, 'b.2027-02')).toHaveClass(/overridden/);
    await expect(p.cell('period-grid', 0, 'b.2027-02')).toHaveText('¥0.00');
    const revenue2 = await p.kpiChangedFrom('netRevenue', revenue1);
    expect(revenue2).toBeLessThan(revenue1);

    // Ctrl+Z undoes the month edit only.
    await p.cell('period-grid', 1, 'b.2027-01').click();
    await page.keyboard.press('Control+z');
    await expect(p.cell('period-grid', 0, 'b.2027-02')).not.toHaveClass(/overridden/);
    await expect.poll(() => p.kpi('netRevenue')).toBe(revenue1);
    await p.saved();
    await expect(page.getByTestId('save-status')).toContainText('已保存');

    // Reload: the edit state as left, still in Simplified Chinese.
    await page.reload();
    await p.waitForKpis();
    expect(await p.kpi('netRevenue')).toBe(revenue1);
    await expect(page.getByTestId('language')).toHaveValue('zh-CN');
    await expect(page.getByTestId('tab-periods')).toHaveText(CN.tabs[1]);
    await expect(p.cell('period-grid', 0, 'b.2027-02')).toBeVisible();
    await expect(p.cell('period-grid', 0, 'b.2027-02')).not.toHaveClass(/overridden/);
    await page.getByTestId('tab-channels').click();
    await expect(p.cell('channel-grid', 0, 'driver.spend')).toHaveText('¥500,000');
    // The undone month edit is still redoable after the reload.
    await expect(page.getByTestId('redo')).toBeEnabled();

    // Switch to Traditional Chinese.
    await page.getByTestId('language').selectOption({ label: '繁體中文' });
    await expect(page.getByTestId('tab-channels')).toHaveText(TW.tabs[0]);
    await expect(page.getByTestId('tab-periods')).toHaveText(TW.tabs[1]);
    await expect(page.getByTestId('tab-settings')).toHaveText(TW.tabs[2]);
    await expect(page.getByTestId('kpi-netRevenue')).toContainText(TW.netRevenue);
    await expect(page.getByTestId('undo')).toContainText(TW.undo);
    await expect(page.getByTestId('add-channel')).toContainText(TW.addChannel);
    await expect(page.locator('header a.brand')).toContainText(TW.appName);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
    await expect(p.kpiText('netRevenue')).toContainText('¥');
    // Plan data (channel names) is not translated.
    await expect(p.cell('channel-grid', 0, 'name')).toHaveText(CN.channels[0]);

    // Reload: Traditional Chinese is remembered.
    await page.reload();
    await p.waitForKpis();
    await expect(page.getByTestId('language')).toHaveValue('zh-TW');
    await expect(page.getByTestId('tab-channels')).toHaveText(TW.tabs[0]);
    await expect(page.getByTestId('kpi-netRevenue')).toContainText(TW.netRevenue);
    expect(await p.kpi('netRevenue')).toBe(revenue1);
  });
});
