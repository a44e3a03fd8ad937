import { sampleTransactionsCsv } from '../../src/engine/customers/sampleData';
import { expect, test } from './fixtures';
import { storedPlan } from './storedPlan';

/**
 * Sample data one click away (zh-CN): the generated file goes through the ordinary import, its
 * channels are the plan's own, and the segments add up to the customers the file holds.
 */
test('客户页：一键导入示例数据，渠道与方案一致，分群客户数与文件相符', async ({ page, planner: p }) => {
  await p.open('zh-CN');
  await p.newPlan('beauty');
  await page.getByTestId('tab-customers').click();
  await expect(page.getByTestId('cust-datasets-empty')).toBeVisible();
  await page.getByTestId('cust-sample').click();
  const dialog = page.getByTestId('cust-import-dialog');
  await expect(dialog.getByTestId('cust-preview-header')).toHaveText(['订单号', '客户ID', '订单日期', '渠道', '区域', '商品', '数量', '单价', '金额']);
  await expect(dialog.getByTestId('cust-map-customer')).toHaveValue('1');
  await expect(dialog.getByTestId('cust-map-channel')).toHaveValue('3');
  await dialog.getByTestId('cust-import-start').click();
  await expect(dialog.getByTestId('cust-import-done')).toBeVisible();

  // The same file, generated in Node from the stored plan: rows and customers agree with the report.
  const plan = await storedPlan(page);
  const csv = sampleTransactionsCsv({ seed: 7, customers: 6000, planStart: plan.timeline.start, channels: plan.channels.map((c) => c.name), regions: plan.regions.map((r) => r.name), language: 'zh' });
  const rows = csv.trimEnd().split('\r\n').slice(1);
  await expect(dialog.getByTestId('cust-report-imported')).toHaveText(rows.length.toLocaleString('en'));
  const customers = new Set(rows.map((r) => r.split(',')[1])).size;
  await expect(dialog.getByTestId('cust-report-range')).toContainText(String(Number(plan.timeline.start.slice(0, 4)) - 2));
  await dialog.getByTestId('cust-import-analyse').click();
  await expect(page.getByTestId('cust-segment-row').first()).toBeVisible();
  const counted = await page.getByTestId('cust-segment-row').evaluateAll((els) => els.reduce((a, r) => a + Number(r.getAttribute('data-customers')), 0));
  expect(counted).toBe(customers);
  await page.getByTestId('cust-nav-data').click();
  await expect(page.getByTestId('cust-datasets')).toContainText('生成的示例交易数据（种子 7）');
});
