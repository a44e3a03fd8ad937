/**
 * Monthly actuals in: a Chinese wide table pasted from finance's sheet (2026年1月 headers, 20万-style
 * values, a traditional-Chinese channel name, a full-width one, a channel the plan lacks, a total
 * row) → mapping → import → the grid's numbers → CSV and XLSX read back → undo. And a bad file: the
 * message names its row and nothing is saved.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import * as XLSX from 'xlsx';
import { csvRows } from './downloads';
import { expect, test, watchLibraries } from './fixtures';

const PASTE = [
  '2026年一季度渠道销售额（元）',
  '渠道\t2026年1月\t2026年2月\t2026年3月',
  '天貓·京東旗艦店\t20万\t¥18.5万\t210,000',
  '线下体验店\t12万\t11.5万\t13万',
  '抖音直播帶貨\t5万\t\t8万',
  '私域社群（企业微信＋小程序）\t3万\t3.2万\t3.5万',
  '快手小店\t1万\t1万\t2万',
  '合计\t41万\t34.2万\t47.5万',
].join('\n');

test.describe('actuals import', () => {
  test('a pasted Chinese wide table is mapped, imported, shown, exported and undone', async ({ planner, page }) => {
    const libraries = watchLibraries(page);
    await planner.open('zh-CN');
    await planner.newPlan('beauty');
    await page.getByTestId('tab-actuals').click();
    await expect(page.getByTestId('actuals-empty')).toBeVisible();
    await page.getByTestId('actuals-import-open').click();
    await page.getByTestId('actuals-paste').fill(PASTE);

    // What was read: a wide table, its header under the title, three months, the total row skipped.
    await expect(page.getByTestId('actuals-shape')).toHaveValue('wide');
    await expect(page.getByTestId('actuals-header')).toContainText('表头在第 2 行');
    await expect(page.getByTestId('actuals-summary-months')).toContainText('3 个月');
    const rows = page.getByTestId('actuals-map-channels-row');
    await expect(rows).toHaveCount(5);
    // Traditional and full-width names found their plan channels; the select shows the plan's name.
    const select = (name: string) => page.locator(`[data-testid="actuals-map-channels-row"][data-name="${name}"] select`);
    await expect(select('天貓·京東旗艦店').locator('option:checked')).toHaveText('天猫·京东旗舰店');
    await expect(select('私域社群（企业微信＋小程序）').locator('option:checked')).toHaveText('私域社群（企业微信+小程序）');
    await expect(select('抖音直播帶貨').locator('option:checked')).toHaveText('抖音直播带货');
    // The channel the plan lacks stops the import and says how much revenue it holds.
    const unmatched = page.locator('[data-testid="actuals-problem"][data-code="channelUnmatched"]');
    await expect(unmatched).toContainText('快手小店');
    await expect(unmatched).toContainText('40,000');
    await expect(page.getByTestId('actuals-import-confirm')).toBeDisabled();
    // The gap of 抖音 in February is named, and kept empty.
    await expect(page.locator('[data-testid="actuals-problem"][data-code="monthsMissing"]')).toContainText('2026-02');

    await select('快手小店').selectOption({ label: '不导入' });
    await expect(page.locator('[data-testid="actuals-problem"][data-code="channelLeftOut"]')).toContainText('40,000');
    await page.getByTestId('actuals-import-confirm').click();
    await expect(page.getByTestId('actuals-import')).toHaveCount(0);

    // The grid: numbers in yuan, totals by row and column, the gap empty.
    const grid = page.getByTestId('actuals-grid');
    await expect(page.getByTestId('actuals-data-view')).toHaveAttribute('data-series', '4');
    const row = (name: string) => grid.locator(`[data-testid="actuals-grid-row"][data-channel="${name}"] td`);
    await expect(row('天猫·京东旗舰店')).toHaveText(['天猫·京东旗舰店', '¥200,000', '¥185,000', '¥210,000', '¥595,000']);
    await expect(row('抖音直播带货')).toHaveText(['抖音直播带货', '¥50,000', '', '¥80,000', '¥130,000']);
    await expect(page.getByTestId('actuals-grid-total').locator('td')).toHaveText(['合计', '¥400,000', '¥332,000', '¥455,000', '¥1,187,000']);

    // CSV: numbers as plain numbers, the same as on screen.
    const csv = csvRows((await planner.download('actuals-export-csv')).bytes);
    expect(csv[0]).toEqual(['渠道', '2026-01', '2026-02', '2026-03', '合计']);
    const tmall = csv.find((r) => r[0] === '天猫·京东旗舰店')!;
    expect(tmall.slice(1).map(Number)).toEqual([200000, 185000, 210000, 595000]);
    expect(csv.find((r) => r[0] === '抖音直播带货')!.slice(1)).toEqual(['50000', '', '80000', '130000']);
    // XLSX: number cells, in yuan, with the totals row last.
    const xlsx = await planner.download('actuals-export-xlsx');
    const wb = XLSX.read(xlsx.bytes, { type: 'buffer' });
    const sheet = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1, defval: null, raw: true });
    expect(sheet.find((r) => r[0] === '天猫·京东旗舰店')).toEqual(['天猫·京东旗舰店', 200000, 185000, 210000, 595000]);
    expect(sheet.at(-1)).toEqual(['合计', 400000, 332000, 455000, 1187000]);

    // Undo takes the import away as one step.
    await page.getByTestId('undo').click();
    await expect(page.getByTestId('actuals-empty')).toBeVisible();
    await expect(page.getByTestId('actuals-data-view')).toHaveAttribute('data-series', '0');
    expect(libraries).toEqual([]);
  });

  test('a bad file is refused with the row named, and nothing is saved', async ({ planner, page }) => {
    await planner.open('en');
    await planner.newPlan('beauty');
    await page.getByTestId('tab-actuals').click();
    await page.getByTestId('actuals-import-open').click();
    await page.getByTestId('actuals-source-file').click();
    const csv = 'Channel,Month,Net revenue,Orders\nExperience stores,2026-01,"120,000",300\nExperience stores,2026-02,115000,-12\n';
    await page.getByTestId('actuals-file').setInputFiles({ name: 'actuals.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const problem = page.locator('[data-testid="actuals-problem"][data-code="negativeRefused"]');
    await expect(problem).toHaveText('✖ Row 3, column “Orders”: -12 is negative, and Orders cannot be.');
    await expect(page.getByTestId('actuals-import-confirm')).toBeDisabled();
    await page.getByTestId('actuals-import-close').click();
    await expect(page.getByTestId('actuals-empty')).toBeVisible();
    await expect(page.getByTestId('actuals-data-view')).toHaveAttribute('data-series', '0');
    await expect(page.getByTestId('undo')).toBeDisabled();
  });

  test('a file that cannot be read says why and on which line, and nothing is imported', async ({ planner, page }) => {
    await planner.open('zh-CN');
    await planner.newPlan('beauty');
    await page.getByTestId('tab-actuals').click();
    await page.getByTestId('actuals-import-open').click();
    await page.getByTestId('actuals-source-file').click();
    // A quote opened on line 3 and never closed.
    const csv = '渠道,月份,净收入\n线下体验店,2026-01,120000\n"线下体验店,2026-02,115000\n线下体验店,2026-03,118000\n';
    await page.getByTestId('actuals-file').setInputFiles({ name: '实际数.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect(page.getByTestId('actuals-file-failure')).toHaveText('文件无法读取：有一个带引号的字段没有闭合（第 3 行）。');
    await expect(page.getByTestId('actuals-import-confirm')).toBeDisabled();
    await page.getByTestId('actuals-import-close').click();
    await expect(page.getByTestId('actuals-empty')).toBeVisible();
  });

  test('a stored transaction data set is totalled by month, mapped and imported', async ({ planner, page }) => {
    const file = fileURLToPath(new URL('../fixtures/customers-ui/orders-gbk.csv', import.meta.url));
    await planner.open('zh-CN');
    await planner.newPlan('beauty');
    await page.getByTestId('tab-customers').click();
    await page.getByTestId('cust-import-input').setInputFiles(file);
    const customers = page.getByTestId('cust-import-dialog');
    await customers.getByTestId('cust-import-start').click();
    await expect(customers.getByTestId('cust-import-done')).toBeVisible();
    await customers.getByTestId('cust-import-dialog-close').click().catch(() => page.keyboard.press('Escape'));

    await page.getByTestId('tab-actuals').click();
    await page.getByTestId('actuals-import-open').click();
    await page.getByTestId('actuals-source-dataset').click();
    await page.getByTestId('actuals-dataset').selectOption({ index: 1 });
    await page.getByTestId('actuals-dataset-read').click();
    const select = (name: string) => page.locator(`[data-testid="actuals-map-channels-row"][data-name="${name}"] select`);
    // Same names match; the two platform shops go to one plan channel and are added up.
    await expect(select('线下体验店').locator('option:checked')).toHaveText('线下体验店');
    await expect(select('抖音直播带货').locator('option:checked')).toHaveText('抖音直播带货');
    await select('天猫旗舰店').selectOption({ label: '天猫·京东旗舰店' });
    await select('京东自营').selectOption({ label: '天猫·京东旗舰店' });
    await select('微信小程序').selectOption({ label: '私域社群（企业微信+小程序）' });
    const rows = page.getByTestId('actuals-map-channels-row');
    for (const name of await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-name') ?? ''))) {
      if (!['线下体验店', '抖音直播带货', '天猫旗舰店', '京东自营', '微信小程序'].includes(name)) await select(name).selectOption({ label: '不导入' });
    }
    // The plan's regions are city tiers, the data's are 华东, 华南 …: add them up per channel.
    await expect(page.locator('[data-testid="actuals-problem"][data-code="regionUnmatched"]').first()).toBeVisible();
    await page.getByTestId('actuals-regions-whole').click();
    await expect(page.locator('[data-testid="actuals-problem"][data-code="regionUnmatched"]')).toHaveCount(0);
    await page.getByTestId('actuals-import-confirm').click();
    await expect(page.getByTestId('actuals-source')).toContainText('交易数据');

    // Independently, as the import's defaults read the file: a refund status on a positive amount is
    // the order's outcome (left out); a negative amount is a return that nets revenue off; rows
    // without a customer or with an amount that is not a number ("一百元") are skipped. In fen.
    const text = new TextDecoder('gb18030').decode(readFileSync(file));
    const data = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
    const sales = data.filter((r) => {
      const amount = Number(r['实付金额']);
      return r['客户编号'].trim() !== '' && Number.isFinite(amount) && !(/退/.test(r['订单状态']) && amount >= 0);
    });
    const fen = (shops: string[]) => sales.filter((r) => shops.includes(r['销售渠道'])).reduce((a, r) => a + Math.round(Number(r['实付金额']) * 100), 0);
    // As the grid shows amounts of ¥10,000 and more: whole yuan.
    const yuan = (minor: number) => `¥${Math.round(minor / 100).toLocaleString('en-US')}`;
    const total = (channel: string) => page.locator(`[data-testid="actuals-grid-row"][data-channel="${channel}"] td.total`);
    await expect(total('天猫·京东旗舰店')).toHaveText(yuan(fen(['天猫旗舰店', '京东自营'])));
    await expect(total('线下体验店')).toHaveText(yuan(fen(['线下体验店'])));
    // Orders: distinct order numbers per month, summed over the months.
    await page.getByTestId('actuals-measure').selectOption('orders');
    const orders = new Set(sales.filter((r) => r['销售渠道'] === '抖音直播带货').map((r) => `${r['下单时间'].slice(0, 7)} ${r['订单号']}`)).size;
    await expect(total('抖音直播带货')).toHaveText(orders.toLocaleString('en-US'));
  });
});
