import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { Planner } from './planner';

// Strings from src/i18n/zh-CN.ts and src/i18n/input/zh-CN.ts.
const CN = { conversion: '转化率', aov: '客单价', spend: '营销投入', none: '无' };

/** Fails the test on any warning that ag-grid or ECharts logs (errors already fail every test). */
function failOnLibraryWarnings(page: Page): string[] {
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' && /ag-?grid|echarts/i.test(m.text())) warnings.push(m.text());
  });
  return warnings;
}

/** The first month column of the period grid ("b.2027-01"). */
async function firstMonth(p: Planner): Promise<string> {
  const id = await p.grid('period-grid').locator('.ag-header-cell[col-id^="b."]').first().getAttribute('col-id');
  expect(id).toMatch(/^b\.\d{4}-\d{2}$/);
  return id as string;
}

test.describe('numbers as a Chinese planner types and pastes them', () => {
  test('20万 in spend is ¥200,000 and moves contribution by exactly that amount', async ({ page, planner: p }) => {
    const warnings = failOnLibraryWarnings(page);
    await p.open('zh-CN');
    await p.newPlan('beauty');
    await p.saved();

    // Without a response curve, spend only costs money: contribution moves by the spend alone.
    // The curve columns are off screen: walk there from spend with the arrow keys, as a user would.
    await p.cell('channel-grid', 0, 'driver.spend').click();
    const focusedColumn = () => page.evaluate(() => document.activeElement?.closest('[col-id]')?.getAttribute('col-id') ?? '');
    for (let i = 0; i < 40 && (await focusedColumn()) !== 'curve.type'; i++) await page.keyboard.press('ArrowRight');
    expect(await focusedColumn()).toBe('curve.type');
    await p.paste('channel-grid', CN.none);
    await expect(p.cell('channel-grid', 0, 'curve.type')).toHaveText(CN.none);
    // And back to spend, so that its cell is drawn again.
    for (let i = 0; i < 40 && (await focusedColumn()) !== 'driver.spend'; i++) await page.keyboard.press('ArrowLeft');

    // Channel grid: 20万 reads as ¥200,000, the same value as typing 200000.
    await p.editCell('channel-grid', 0, 'driver.spend', '200000');
    await expect(p.cell('channel-grid', 0, 'driver.spend')).toHaveText('¥200,000');
    const plain = await p.kpi('contribution');
    await p.editCell('channel-grid', 0, 'driver.spend', '10万');
    await p.kpiChangedFrom('contribution', plain);
    await p.editCell('channel-grid', 0, 'driver.spend', '20万');
    await expect(p.cell('channel-grid', 0, 'driver.spend')).toHaveText('¥200,000');
    await expect.poll(() => p.kpi('contribution')).toBe(plain);
    await expect(p.toastWith(`${CN.spend}：20万 读作 ¥200,000。`)).toBeVisible();

    // Period grid: one month's spend from ¥100,000 to 20万 costs exactly ¥100,000 = 10,000,000 fen.
    await page.getByTestId('tab-periods').click();
    const month = await firstMonth(p);
    await p.editCell('period-grid', 0, month, '100000');
    await expect(p.cell('period-grid', 0, month)).toHaveText('¥100,000');
    await expect.poll(() => p.kpi('contribution')).not.toBe(plain);
    const before = await p.kpi('contribution');
    const revenue = await p.kpi('netRevenue');
    await p.editCell('period-grid', 0, month, '２０万元');
    await expect(p.cell('period-grid', 0, month)).toHaveText('¥200,000');
    await expect.poll(() => p.kpi('contribution')).toBe(before - 10_000_000);
    expect(await p.kpi('netRevenue')).toBe(revenue);
    expect(warnings).toEqual([]);
  });

  test('0.5 typed in conversion is 50 % and says so; 0.5% is half a percent', async ({ page, planner: p }) => {
    failOnLibraryWarnings(page);
    await p.open('zh-CN');
    await p.newPlan('beauty');
    const revenue = await p.kpi('netRevenue');
    await p.editCell('channel-grid', 0, 'driver.conversion', '0.5');
    await expect(p.cell('channel-grid', 0, 'driver.conversion')).toHaveText('50%');
    await expect(p.toastWith(`${CN.conversion}：0.5 读作 50%（小数）。如要输入 0.5%，请带上百分号：0.5%。`)).toBeVisible();
    await p.kpiChangedFrom('netRevenue', revenue);
    await p.editCell('channel-grid', 0, 'driver.conversion', '0.5%');
    await expect(p.cell('channel-grid', 0, 'driver.conversion')).toHaveText('0.5%');
    await p.editCell('channel-grid', 0, 'driver.conversion', '3');
    await expect(p.cell('channel-grid', 0, 'driver.conversion')).toHaveText('3%');
  });

  test('a pasted block of fractions, percents, ¥ and 万 is stored right and reported', async ({ page, planner: p }) => {
    failOnLibraryWarnings(page);
    await p.open('zh-CN');
    await p.newPlan('beauty');
    await p.saved();
    const before = [await p.cell('channel-grid', 0, 'driver.conversion').textContent(), await p.cell('channel-grid', 1, 'driver.aov').textContent()];
    await p.cell('channel-grid', 0, 'driver.conversion').click();
    await p.paste('channel-grid', '0.03\t¥1,200\n3%\t15万');
    await expect(p.cell('channel-grid', 0, 'driver.conversion')).toHaveText('3%');
    await expect(p.cell('channel-grid', 0, 'driver.aov')).toHaveText('¥1,200.00');
    await expect(p.cell('channel-grid', 1, 'driver.conversion')).toHaveText('3%');
    await expect(p.cell('channel-grid', 1, 'driver.aov')).toHaveText('¥150,000');
    await expect(p.toastWith('已粘贴4个单元格。').locator('.text')).toHaveText(`已粘贴4个单元格。${CN.conversion}：0.03 读作 3%（小数）。${CN.aov}：15万 读作 ¥150,000。`);
    // The four cells are one undo step.
    await page.getByTestId('undo').click();
    await expect(p.cell('channel-grid', 1, 'driver.aov')).toHaveText(before[1] ?? '');
    await expect(p.cell('channel-grid', 0, 'driver.conversion')).toHaveText(before[0] ?? '');

    // One column with both a fraction and percent points: both are read as percents, and a warning stays.
    await p.cell('channel-grid', 0, 'driver.conversion').click();
    await p.paste('channel-grid', '0.03\r\n12\r\n0.05\r\n');
    await expect(p.cell('channel-grid', 0, 'driver.conversion')).toHaveText('3%');
    await expect(p.cell('channel-grid', 1, 'driver.conversion')).toHaveText('12%');
    await expect(p.cell('channel-grid', 2, 'driver.conversion')).toHaveText('5%');
    await expect(p.toastWith('已粘贴3个单元格。')).toContainText(`${CN.conversion}：0.03 读作 3%（小数），另有 1 格同样读取；12 读作 12%（百分点）。`);
    const warning = p.toastWith('请核对');
    await expect(warning).toHaveClass(/warning/);
    await expect(warning).toHaveAttribute('role', 'alert');
    await expect(warning).toContainText(`请核对${CN.conversion}：同一列中既有小数（0.03）又有百分点（12）。`);
  });

  test('a refused P10 never stays on screen; the field says why', async ({ page, planner: p }) => {
    failOnLibraryWarnings(page);
    await p.open('zh-CN');
    await p.newPlan('beauty');
    await page.getByTestId('tab-risk').click();
    await page.getByTestId('mc-add').click();
    const low = page.getByTestId('mc-low');
    const high = page.getByTestId('mc-high');
    const shownLow = await low.inputValue();
    const storedLow = await low.getAttribute('data-value');
    expect(shownLow).toMatch(/%$/);

    for (const [typed, reason] of [
      ['abc', '“abc”不是数字。'],
      ['150%', '比率不能超过100%。'],
      ['¥3', '“¥3”是金额；此处只能输入不带货币符号的数字。'],
    ] as const) {
      await low.fill(typed);
      await low.press('Enter');
      await expect(page.getByTestId('mc-low-error')).toHaveText(`未修改：${reason}`);
      await expect(low).toHaveValue(shownLow);
      await expect(low).toHaveAttribute('data-value', storedLow ?? '');
    }

    // Above P90: refused by the range rule, same treatment.
    const highValue = Number(await high.getAttribute('data-value'));
    await low.fill(`${Math.round(highValue * 100) + 1}%`);
    await low.blur();
    await expect(page.getByTestId('mc-low-error')).toContainText('P10 不能高于 P90');
    await expect(low).toHaveValue(shownLow);

    // A fraction is a fraction (Excel's percent entry), shown with what it was read as.
    await low.fill('0.001');
    await low.blur();
    await expect(page.getByTestId('mc-low-error')).toHaveCount(0);
    await expect(low).toHaveAttribute('data-value', '0.001');
    await expect(low).toHaveValue('0.1%');
    await expect(page.getByTestId('mc-low-note')).toHaveText('0.001 读作 0.1%（小数）');
  });

  test('goal seek reads 1.45亿 exactly and shows it as money', async ({ page, planner: p }) => {
    failOnLibraryWarnings(page);
    await p.open('zh-CN');
    await p.newPlan('beauty');
    await page.getByTestId('tab-scenarios').click();
    const target = page.getByTestId('goal-target');
    await target.fill('1.45亿');
    await expect(page.getByTestId('goal-target-preview')).toHaveText('= 1.45亿 读作 ¥145,000,000');
    await target.press('Enter');
    await expect(target).toHaveAttribute('data-value', '14500000000');
    await expect(target).toHaveValue('¥145,000,000');
    await expect(page.getByTestId('goal-seek')).toContainText('¥1.45亿');
    // Editing shows the raw amount, which reads back to the same value.
    await target.focus();
    await expect(target).toHaveValue('145000000');
    await target.press('Escape');
    await page.getByTestId('goal-run').click();
    await expect(page.getByTestId('goal-result')).toHaveAttribute('data-status', /reached|unreachable/);
  });

  test('rebate thresholds are money; a new tier gets a round threshold', async ({ page, planner: p }) => {
    failOnLibraryWarnings(page);
    await p.open('zh-CN');
    await p.newPlan('beauty');
    await page.getByTestId('tab-evaluate').click();
    await page.getByTestId('eval-rebates').click();
    await page.getByTestId('reb-add').click();
    const thresholds = page.getByTestId('reb-threshold');
    await expect(thresholds).toHaveCount(3);
    for (const v of await thresholds.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))) expect(v).toMatch(/^¥\d{1,3}(,\d{3})+$/);

    // A threshold between the first and the last tier, typed in 万 with a thousands separator.
    const [first, third] = [Number(await thresholds.nth(0).getAttribute('data-value')), Number(await thresholds.nth(2).getAttribute('data-value'))];
    const wan = Math.round((first + third) / 2 / 1_000_000) ;
    expect(wan * 1_000_000).toBeGreaterThan(first);
    expect(wan * 1_000_000).toBeLessThan(third);
    await thresholds.nth(1).fill(`${wan.toLocaleString('en')}万`);
    await thresholds.nth(1).press('Enter');
    await expect(thresholds.nth(1)).toHaveAttribute('data-value', String(wan * 1_000_000));
    await expect(thresholds.nth(1)).toHaveValue(`¥${(wan * 10_000).toLocaleString('en')}`);
    await expect(page.getByTestId('reb-tiers')).toContainText(`¥${wan}万`);
    const last = Number(await thresholds.nth(2).getAttribute('data-value'));
    await page.getByTestId('reb-add-tier').click();
    await expect(thresholds).toHaveCount(4);
    const added = Number(await thresholds.nth(3).getAttribute('data-value'));
    // The step between the last two tiers again, rounded to that step's order of magnitude.
    const step = last - wan * 1_000_000;
    const quantum = 10 ** Math.floor(Math.log10(step));
    expect(added).toBe(Math.round((last + step) / quantum) * quantum);
    expect(added % 1_000_000).toBe(0);
    await expect(thresholds.nth(3)).toHaveValue(/^¥\d{1,3}(,\d{3})+$/);
  });

  test('in English: the same reading, said in English; another currency is refused, not converted', async ({ page, planner: p }) => {
    failOnLibraryWarnings(page);
    await p.open('en');
    await p.newPlan('beauty');
    await p.saved();
    const spend = await p.cell('channel-grid', 0, 'driver.spend').textContent();
    await p.editCell('channel-grid', 0, 'driver.spend', '$1,200');
    await expect(p.toast()).toContainText('Not changed — “$1,200” is in another currency; the plan is in CNY.');
    await expect(p.cell('channel-grid', 0, 'driver.spend')).toHaveText(spend ?? '');

    await p.cell('channel-grid', 0, 'driver.conversion').click();
    await p.paste('channel-grid', '0.03\n12\n');
    await expect(p.toastWith('Pasted 2 cells.').locator('.text')).toHaveText('Pasted 2 cells. Conversion: read 0.03 as 3% (a fraction); 12 as 12% (percent points).');
    await expect(p.toastWith('Check Conversion')).toContainText('it mixes fractions (0.03) and percent points (12)');
    await p.cell('channel-grid', 0, 'driver.aov').click();
    await p.paste('channel-grid', '1.2k');
    await expect(p.cell('channel-grid', 0, 'driver.aov')).toHaveText('¥1,200.00');
    await expect(p.toastWith('Pasted 1 cells.')).toContainText('Average order value: read 1.2k as ¥1,200.00.');
  });
});
