import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { windowAlerts } from '../../src/engine/channelKpis';
import { computePlan } from '../../src/engine/compute';
import { parsePlanFile } from '../../src/engine/planFile';
import { expect, test } from './fixtures';

const FIXTURE = fileURLToPath(new URL('../fixtures/planFiles/v5-decisions.cmplan.json', import.meta.url));

/**
 * The printable report of a plan with every decision part (zh-CN): promotions with the discount they
 * give up, prices and elasticities, the channel KPI alerts, LTV:CAC, and the decision log — each
 * figure the one the engine gives for the same file.
 */
test('报告：促销与折让、价格与弹性、渠道指标预警、LTV:CAC 与决策记录', async ({ page, planner: p }) => {
  const text = await readFile(FIXTURE, 'utf8');
  const parsed = parsePlanFile(text);
  if (!parsed.ok) throw new Error('fixture does not read');
  const plan = parsed.plan;
  await p.open('zh-CN');
  await page.getByTestId('import-input').setInputFiles({ name: 'v5.cmplan.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByTestId('channel-grid')).toBeVisible();
  await page.goto(page.url().replace(/\/[a-z]+$/, '/report'));

  const base = computePlan(plan);
  const discount = base.flows.promotionDiscount.reduce((s, x) => s + x, 0);
  await expect(page.getByTestId('report-promotions').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('report-promotions')).toContainText('双11 2027');
  const shown = await page.getByTestId('report-promotion-discount').textContent();
  expect(Number((shown ?? '').replace(/[^\d.]/g, ''))).toBeCloseTo(discount / 100, 0);

  await expect(page.getByTestId('report-prices').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('report-prices').locator('tbody tr').first()).toContainText('团购订单 2026');

  const alerts = windowAlerts(plan, base, { kind: 'all' });
  expect(alerts.length).toBeGreaterThan(0);
  await expect(page.getByTestId('report-kpi-alerts').getByTestId('ckpi-alert')).toHaveCount(alerts.length);

  await expect(page.getByTestId('report-ltv-cac').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('report-decisions').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('report-decisions')).toContainText('先在三四线城市加投，三月复盘');
  if (process.env.SCREENSHOTS) await page.getByTestId('report-promotions').screenshot({ path: test.info().outputPath('report-promotions-zh.png') });
});
