/**
 * A regional pilot measured on monthly actuals, in Chinese: actuals by region pasted from a sheet,
 * test vs control regions picked, and the difference-in-differences estimate on screen checked
 * against the same estimate computed here from the pasted numbers. Then the live-stream test design
 * is saved in the plan, survives a reload, reopens and exports.
 */
import { expect, test, watchLibraries } from './fixtures';
import { csvRows } from './downloads';
import { storedPlan } from './storedPlan';

const MONTHS = ['2027年1月', '2027年2月', '2027年3月', '2027年4月', '2027年5月', '2027年6月'];
/** 线下体验店 net revenue by region and month (yuan): the pilot (一线城市) starts in April. */
const ROWS: Record<string, number[]> = {
  一线城市: [120_000, 118_000, 125_000, 150_000, 149_000, 158_000],
  新一线及二线城市: [90_000, 88_000, 93_000, 95_000, 94_000, 97_000],
  三线及以下城市: [40_000, 41_000, 39_000, 42_000, 40_500, 41_000],
};
const PASTE = ['渠道\t地区\t' + MONTHS.join('\t'), ...Object.entries(ROWS).map(([region, v]) => `线下体验店\t${region}\t${v.join('\t')}`)].join('\n');

/** Difference in differences of the monthly gap, two-sided 95 % interval with T − 2 df (t quantile from a table). */
function did(test: number[], control: number[], firstPost: number): { estimate: number; low: number; high: number } {
  const gap = test.map((v, i) => v - control[i]);
  const pre = gap.slice(0, firstPost);
  const post = gap.slice(firstPost);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const estimate = mean(post) - mean(pre);
  const ss = pre.reduce((s, x) => s + (x - mean(pre)) ** 2, 0) + post.reduce((s, x) => s + (x - mean(post)) ** 2, 0);
  const df = gap.length - 2;
  const se = Math.sqrt((ss / df) * (1 / pre.length + 1 / post.length));
  // qt(0.975, 4) in R.
  expect(df).toBe(4);
  const q = 2.7764451051977934;
  return { estimate, low: estimate - q * se, high: estimate + q * se };
}

test('区域试点：一线城市对照其他城市，双重差分估计与独立计算一致；测试设计保存在计划中并可重新打开 (zh-CN)', async ({ page, planner }) => {
  test.setTimeout(120_000);
  const libraries = watchLibraries(page);
  await planner.open('zh-CN');
  await planner.newPlan('beauty');

  // Actuals by region, pasted as finance's sheet has them.
  await page.getByTestId('tab-actuals').click();
  await page.getByTestId('actuals-import-open').click();
  await page.getByTestId('actuals-paste').fill(PASTE);
  await expect(page.getByTestId('actuals-summary-months')).toContainText('6 个月');
  await page.getByTestId('actuals-import-confirm').click();
  await expect(page.getByTestId('actuals-import')).toHaveCount(0);

  // The pilot: 一线城市 against the other two, from April.
  await page.getByTestId('tab-optimise').click();
  const pilot = page.getByTestId('exp-pilot');
  await expect(pilot.getByRole('heading')).toHaveText('区域试点（双重差分）');
  await pilot.getByTestId('exp-pilot-test-tier1').check();
  await pilot.getByTestId('exp-pilot-control-tier2').check();
  await pilot.getByTestId('exp-pilot-control-lower').check();
  await pilot.getByTestId('exp-pilot-month').selectOption('2027-04');
  await expect(pilot.getByTestId('exp-pilot-month').locator('option:checked')).toHaveText('2027年4月');

  const control = ROWS['一线城市'].map((_, m) => ROWS['新一线及二线城市'][m] + ROWS['三线及以下城市'][m]);
  const expected = did(ROWS['一线城市'], control, 3);
  // In fen, as the plan keeps money.
  const result = pilot.getByTestId('exp-pilot-result');
  await expect(result).toBeVisible();
  expect(Number(await result.getAttribute('data-estimate'))).toBeCloseTo(expected.estimate * 100, 6);
  expect(Number(await result.getAttribute('data-low'))).toBeCloseTo(expected.low * 100, 2);
  expect(Number(await result.getAttribute('data-high'))).toBeCloseTo(expected.high * 100, 2);
  // The sentence shows the same figures in yuan.
  const yuan = (v: number) => `¥${Math.round(v).toLocaleString('en-US')}`;
  await expect(result).toContainText(`试点效果每月 ${yuan(expected.estimate)}`);
  await expect(result).toContainText(`${yuan(expected.low)} 至 ${yuan(expected.high)}`);
  await expect(result).toContainText('试点前 3 个月，试点后 3 个月');

  // A test design saved in the plan: listed, kept across a reload, reopened, exported.
  await page.getByTestId('exp-channel').selectOption({ label: '抖音直播带货' });
  // Five planned looks: O'Brien–Fleming-type boundaries, as gsDesign publishes them.
  await page.getByTestId('exp-looks').fill('5');
  await page.getByTestId('exp-looks').press('Enter');
  const seq = page.getByTestId('exp-seq-row');
  await expect(seq).toHaveCount(5);
  const published = [4.8769, 3.3569, 2.6803, 2.2898, 2.031];
  for (let k = 0; k < 5; k++) {
    expect(Math.abs(Number(await seq.nth(k).getAttribute('data-bound')) - published[k])).toBeLessThan(2e-4);
    await expect(seq.nth(k).locator('td').nth(3)).toHaveText(published[k].toFixed(3));
  }
  await expect(page.getByTestId('exp-sequential')).toContainText('所有查看合计的假阳性率仍为 5%');
  const n = await page.getByTestId('exp-sample').getAttribute('data-n');
  await page.getByTestId('exp-save-name').fill('直播带货加投 20%');
  await page.getByTestId('exp-save').click();
  await expect(planner.toastWith('“直播带货加投 20%”已保存到计划')).toBeVisible();
  await planner.saved();
  const stored = await storedPlan(page);
  expect(stored.experiments?.map((e) => [e.name, e.change.driver, e.change.percent, e.figures.unitsPerArm, e.settings.looks])).toEqual([['直播带货加投 20%', 'spend', 20, Number(n), 5]]);
  await page.reload();
  await page.getByTestId('tab-optimise').click();
  await page.getByTestId('exp-channel').selectOption({ label: '天猫·京东旗舰店' });
  const row = page.getByTestId('exp-saved-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('抖音直播带货 · 营销投入 +20 %');
  await row.getByTestId('exp-saved-open').click();
  await expect(page.getByTestId('exp-channel').locator('option:checked')).toHaveText('抖音直播带货');
  await expect(page.getByTestId('exp-sample')).toHaveAttribute('data-n', n!);
  await expect(page.getByTestId('exp-seq-row')).toHaveCount(5);
  const exported = csvRows((await planner.download('exp-saved-export-csv')).bytes);
  expect(exported[0][0]).toBe('名称');
  expect(exported[1][0]).toBe('直播带货加投 20%');
  expect(Number(exported[1][3])).toBe(Number(n));
  expect(libraries).toEqual([]);
});

/** Live-stream orders (yuan) and a few of another channel, as a small order log with Chinese headers. */
const LIVE = [149, 89.9, 199, 129, 59, 249, 149, 99, 179.5, 139, 119, 229];
const ORDERS = ['客户编号,下单日期,实付金额,销售渠道', ...LIVE.map((a, i) => `C${i % 7},2026-0${1 + (i % 9)}-1${i % 10},${a},抖音直播带货`), 'C1,2026-03-05,300,线下体验店', 'C2,2026-04-06,280,线下体验店'].join('\n');

test('客单价测试的标准差来自导入的订单，并注明来源；也可改用输入的变异系数 (zh-CN)', async ({ page, planner }) => {
  await planner.open('zh-CN');
  await planner.newPlan('beauty');
  await page.getByTestId('tab-customers').click();
  await page.getByTestId('cust-import-input').setInputFiles({ name: '直播订单.csv', mimeType: 'text/csv', buffer: Buffer.from(ORDERS, 'utf8') });
  const dialog = page.getByTestId('cust-import-dialog');
  await dialog.getByTestId('cust-import-start').click();
  await expect(dialog.getByTestId('cust-import-done')).toBeVisible();
  await dialog.getByTestId('cust-import-dialog-close').click();

  await page.getByTestId('tab-optimise').click();
  await page.getByTestId('exp-channel').selectOption({ label: '抖音直播带货' });
  await page.getByTestId('exp-driver').selectOption('aov');
  await expect(page.getByTestId('exp-spread').locator('option:checked')).toHaveText('来自导入的订单');
  // The sample standard deviation of the live-stream orders, computed here.
  const mean = LIVE.reduce((s, x) => s + x, 0) / LIVE.length;
  const sd = Math.sqrt(LIVE.reduce((s, x) => s + (x - mean) ** 2, 0) / (LIVE.length - 1));
  const source = page.getByTestId('exp-spread-source');
  await expect(source).toHaveAttribute('data-source', 'data');
  expect(Number(await source.getAttribute('data-sd'))).toBeCloseTo(sd * 100, 6);
  await expect(source).toContainText(`来自“直播订单”中 抖音直播带货 的 12 笔订单`);
  await expect(source).toContainText(`¥${(Math.round(sd * 100) / 100).toFixed(2)}`);
  const fromData = Number(await page.getByTestId('exp-sample').getAttribute('data-n'));

  // Back to the typed CV: the source says so and the sample size follows.
  await page.getByTestId('exp-spread').selectOption('cv');
  await expect(source).toHaveAttribute('data-source', 'cv');
  await expect(source).toContainText('为输入值，未经测量');
  await expect.poll(async () => Number(await page.getByTestId('exp-sample').getAttribute('data-n'))).not.toBe(fromData);
});
