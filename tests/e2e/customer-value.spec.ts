import { fileURLToPath } from 'node:url';
import { computePlan } from '../../src/engine/compute';
import type { Plan } from '../../src/engine/types';
import { csvRows } from './downloads';
import { expect, test, watchLibraries } from './fixtures';
import { storedPlan } from './storedPlan';

const GBK_ORDERS = fileURLToPath(new URL('../fixtures/customers-ui/orders-gbk.csv', import.meta.url));
/** Plan channels of the beauty template named as in the data; the flagship channel is picked for two data channels. */
const MATCHED = ['线下体验店', '抖音直播带货'];
const FLAGSHIP = '天猫·京东旗舰店';
const FLAGSHIP_DATA = ['天猫旗舰店', '京东自营'];

/** CAC over the whole plan from the formula graph, computed here: spend ÷ new-customer orders. */
function cacOf(plan: Plan, channelId: string): number {
  const res = computePlan(plan);
  const c = plan.channels.findIndex((ch) => ch.id === channelId);
  let spend = 0;
  let newOrders = 0;
  for (let t = 0; t < res.periods; t++) {
    spend += res.flows.spend[c * res.periods + t];
    newOrders += res.flows.newOrders[c * res.periods + t];
  }
  return spend / newOrders;
}

/** Payback months walked month by month from the stored monthly margin (null: not within the horizon). */
function payback(cac: number, monthly: number[]): number | null {
  let left = cac;
  for (let k = 0; k < monthly.length; k++) {
    if (monthly[k] > 0 && left <= monthly[k]) return k + left / monthly[k];
    left -= monthly[k];
  }
  return null;
}

const num = (text: string) => Number(text.replace(/[^\d.-]/g, ''));

test('CLV by first channel used in the plan: LTV:CAC and payback in the channel grid, advice, scorecard and optimiser (zh-CN)', async ({ page, planner }) => {
  test.setTimeout(120_000);
  const libraries = watchLibraries(page);
  await planner.open('zh-CN');
  await planner.newPlan('beauty');

  // Import the order log and compute CLV.
  await page.getByTestId('tab-customers').click();
  await page.getByTestId('cust-import-input').setInputFiles(GBK_ORDERS);
  const dialog = page.getByTestId('cust-import-dialog');
  await expect(dialog.getByTestId('cust-detected')).toHaveAttribute('data-encoding', 'gb18030');
  await dialog.getByTestId('cust-import-start').click();
  await expect(dialog.getByTestId('cust-import-done')).toBeVisible();
  await dialog.getByTestId('cust-import-dialog-close').click();
  await page.getByTestId('cust-nav-clv').click();
  await expect(page.getByTestId('cust-clv-channel-row').first()).toBeVisible({ timeout: 60_000 });
  // A thin margin, so that some channel's new customers are worth less than they cost.
  const total = page.getByTestId('cust-clv-total');
  const before = Number(await total.getAttribute('data-total'));
  const margin = page.getByTestId('cust-clv-margin');
  await margin.fill('5%');
  await margin.press('Enter');
  // Margin 30 % → 5 %: the same fit, a sixth of the value.
  await expect.poll(async () => Number(await total.getAttribute('data-total')), { timeout: 60_000 }).toBeCloseTo(before / 6, 4);
  await expect(page.getByTestId('cust-clv-progress')).toHaveCount(0);

  // The per-channel CLV and customers as the user can export them (major units): the reference for what follows.
  const exported = csvRows((await planner.download('cust-clv-ch-export-csv')).bytes);
  const clvByName = new Map(exported.slice(1).map((r) => [r[0], { clv: Number(r[2]), customers: Number(r[1]) }]));
  for (const name of [...MATCHED, ...FLAGSHIP_DATA]) expect(clvByName.get(name)!.clv).toBeGreaterThan(0);

  // Names that match are matched; the flagship's two data channels are picked by hand, the rest left out.
  const rowOf = (name: string) => page.locator(`[data-testid="cvalue-map-row"][data-name="${name}"]`);
  for (const name of MATCHED) await expect(rowOf(name).getByTestId('cvalue-map').locator('option:checked')).toHaveText(name);
  for (const name of FLAGSHIP_DATA) {
    await expect(rowOf(name).getByTestId('cvalue-map').locator('option:checked')).toHaveText('（不纳入）');
    await rowOf(name).getByTestId('cvalue-map').selectOption({ label: FLAGSHIP });
  }
  await page.getByTestId('cvalue-use').click();
  await expect(planner.toastWith('已将 3 个渠道的 CLV 用于计划')).toBeVisible();
  await expect(page.getByTestId('cvalue-in-plan')).toContainText('计划使用来自“orders-gbk”的 CLV');
  await expect(page.getByTestId('cvalue-in-plan')).toContainText('毛利率 5%');
  await expect(page.getByTestId('cvalue-unmatched')).toContainText('微信小程序');
  await planner.saved();
  const plan = await storedPlan(page);
  const snapshot = plan.customerValue!;
  expect(snapshot.method).toBe('bgnbd-gammagamma');
  expect(snapshot.margin).toBe(0.05);
  expect(snapshot.channels.map((c) => plan.channels.find((ch) => ch.id === c.channelId)!.name).sort()).toEqual([...MATCHED, FLAGSHIP].sort());
  // Two data channels pooled: the mean over all their customers.
  const pooledCustomers = FLAGSHIP_DATA.reduce((n, d) => n + clvByName.get(d)!.customers, 0);
  const pooled = FLAGSHIP_DATA.reduce((s, d) => s + clvByName.get(d)!.clv * clvByName.get(d)!.customers, 0) / pooledCustomers;
  clvByName.set(FLAGSHIP, { clv: pooled, customers: pooledCustomers });

  // The channel grid: LTV:CAC = CLV ÷ CAC, payback from the monthly margin, both computed here.
  await page.getByTestId('tab-channels').click();
  const expected = new Map<string, { ratio: number; payback: number | null }>();
  for (const name of [...MATCHED, FLAGSHIP]) {
    const row = plan.channels.findIndex((ch) => ch.name === name);
    const id = plan.channels[row].id;
    const value = snapshot.channels.find((c) => c.channelId === id)!;
    // The stored CLV is the exported mean, in fen (the export rounds to fen too).
    expect(Math.abs(value.clv - clvByName.get(name)!.clv * 100)).toBeLessThanOrEqual(1);
    expect(value.customers).toBe(clvByName.get(name)!.customers);
    const cac = cacOf(plan, id);
    const ratio = (clvByName.get(name)!.clv * 100) / cac;
    const months = payback(cac, value.monthlyMargin);
    expected.set(name, { ratio, payback: months });
    const shown = await planner.readCell('channel-grid', row, 'cvalue.ltvCac');
    expect(Math.abs(num(shown) - ratio)).toBeLessThanOrEqual(0.005 + 1e-9);
    const paid = await planner.readCell('channel-grid', row, 'cvalue.payback');
    if (months === null) expect(paid).toBe(`> ${snapshot.horizonMonths}`);
    else expect(Math.abs(num(paid) - months)).toBeLessThanOrEqual(0.05 + 1e-9);
    // The tooltip says where the CLV comes from and how old it is.
    await planner.anyCell('channel-grid', row, 'cvalue.ltvCac').hover();
    await expect(page.locator('.ag-tooltip')).toContainText('orders-gbk');
    await expect(page.locator('.ag-tooltip')).toContainText('距今 0 天');
  }
  // A channel without a CLV shows a dash, not a zero.
  expect(await planner.readCell('channel-grid', plan.channels.findIndex((ch) => ch.name.startsWith('私域')), 'cvalue.ltvCac')).toBe('—');

  // Plain advice for every channel whose new customers cost more than they bring.
  const losing = [...expected].filter(([, e]) => e.ratio < 1).map(([n]) => n);
  await expect(page.getByTestId('cvalue-losing')).toHaveCount(losing.length);
  for (const name of losing) await expect(page.locator(`[data-testid="cvalue-losing"][data-channel="${name}"]`)).toContainText('每获得一个新客都在亏钱');
  expect(losing.length).toBeGreaterThan(0);

  // The scorecard scores LTV:CAC over the whole plan with the same figures.
  await page.getByTestId('tab-evaluate').click();
  await page.getByTestId('eval-scorecard').click();
  await page.getByTestId('score-metric').first().selectOption('ltvCac');
  await expect(page.getByTestId('score-metric').first().locator('option:checked')).toHaveText('LTV:CAC');
  await page.getByTestId('score-window').selectOption('all');
  for (const name of [...MATCHED, FLAGSHIP]) {
    const cell = page.locator(`[data-testid="score-row"][data-channel="${name}"] td`).nth(3);
    await expect.poll(async () => Math.abs(num((await cell.textContent()) ?? '') - expected.get(name)!.ratio)).toBeLessThanOrEqual(0.005 + 1e-9);
  }
  await expect(page.getByTestId('score-undefined')).toContainText('计划里没有它来自客户数据的 CLV');

  // The optimiser offers the objective by name and answers with it.
  await page.getByTestId('tab-optimise').click();
  const objective = page.getByTestId('opt-objective');
  await objective.selectOption('contributionClv');
  await expect(objective.locator('option:checked')).toHaveText('贡献 + 新客 × CLV');
  await page.getByTestId('opt-run').click();
  await expect(page.getByTestId('opt-headline')).toContainText('贡献 + 新客 × CLV');
  expect(libraries).toEqual([]);
});
