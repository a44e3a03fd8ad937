import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as XLSX from 'xlsx';
import { csvRows } from './downloads';
import { expect, test, watchLibraries } from './fixtures';

// The committed Online Retail subset and the elasticities R's lm gave for it (tests/fixtures/elasticity/reference.R).
const SUBSET = fileURLToPath(new URL('../fixtures/elasticity/online_retail_subset.csv', import.meta.url));
const reference = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/elasticity/reference.json', import.meta.url)), 'utf8')) as {
  excluded: { nonPositiveQuantity: number };
  products: { product: string; status: string; elasticity?: number; ciLow?: number; ciHigh?: number; observations: number; priceChanges: number }[];
  channels: { channel: string; status: string; elasticity?: number }[];
};
const ref = (code: string) => reference.products.find((p) => p.product === code)!;
const shown = (v: number, locale: string) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(v);

test('price elasticity from an imported data set: estimates match R, a constant price is refused, exports read back (zh-CN)', async ({ page, planner }) => {
  const libraryWarnings = watchLibraries(page);
  await planner.open('zh-CN');
  await planner.newPlan('beauty');
  await page.getByTestId('tab-customers').click();
  await page.getByTestId('cust-import-input').setInputFiles(SUBSET);
  const dialog = page.getByTestId('cust-import-dialog');
  await expect(dialog.getByTestId('cust-amount-product')).toBeChecked();
  // InvoiceNo, StockCode, Quantity, InvoiceDate, UnitPrice, CustomerID, Country: the country is the channel here.
  await dialog.getByTestId('cust-map-product').selectOption('1');
  await expect(dialog.getByTestId('cust-map-quantity')).toHaveValue('2');
  await expect(dialog.getByTestId('cust-map-unitPrice')).toHaveValue('4');
  await dialog.getByTestId('cust-map-region').selectOption('');
  await dialog.getByTestId('cust-map-channel').selectOption('6');
  await dialog.getByTestId('cust-import-start').click();
  await expect(dialog.getByTestId('cust-import-done')).toBeVisible();
  await dialog.getByTestId('cust-import-dialog-close').click();

  await page.getByTestId('cust-nav-elasticity').click();
  const products = page.getByTestId('elas-products');
  await expect(products).toBeVisible();

  // Every product: the number on screen is R's estimate rounded as the app shows it.
  for (const p of reference.products) {
    const row = products.locator(`[data-testid="elas-product-row"][data-product="${p.product}"]`);
    await expect(row).toHaveAttribute('data-status', p.status);
    if (p.status === 'estimated') {
      await expect(row.getByTestId('elas-value')).toHaveText(shown(p.elasticity!, 'zh-CN'));
      await expect(row.getByTestId('elas-ci')).toHaveText(`${shown(p.ciLow!, 'zh-CN')} … ${shown(p.ciHigh!, 'zh-CN')}`);
    }
  }
  // 20750: elastic, and the verdict says how many units a 1 % rise loses (1.01^ε − 1).
  const e20750 = ref('20750').elasticity!;
  await expect(products.locator('[data-product="20750"]').getByTestId('elas-note')).toHaveText(
    `富有弹性：价格上涨 1 %，销量减少 ${new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 }).format(1 - 1.01 ** e20750)}（销售额下降）`,
  );
  // 21327's price never moved: refused, with the reason.
  const constant = products.locator('[data-product="21327"]');
  await expect(constant).toHaveAttribute('data-status', 'refused');
  await expect(constant.getByTestId('elas-value')).toHaveText('—');
  await expect(constant.getByTestId('elas-note')).toHaveText('已拒绝：价格变动从未超过 1%');
  await expect(page.getByTestId('elas-excluded')).toContainText(`${reference.excluded.nonPositiveQuantity} 行件数 ≤ 0（退货）`);

  // Pooled per channel.
  const uk = reference.channels.find((c) => c.channel === 'United Kingdom')!;
  await expect(page.locator('[data-testid="elas-channel-row"][data-channel="United Kingdom"]').getByTestId('elas-value')).toHaveText(shown(uk.elasticity!, 'zh-CN'));
  await expect(page.locator('[data-testid="elas-channel-row"][data-channel="Netherlands"]').getByTestId('elas-note')).toHaveText('已拒绝：价格变动从未超过 1%');

  // What it means for the plan.
  await products.locator('[data-product="20750"]').getByTestId('elas-pick').click();
  const forPlan = page.getByTestId('elas-for-plan');
  await expect(forPlan).toContainText(`弹性 ${shown(e20750, 'zh-CN')}`);
  await expect(forPlan).toContainText(`价格上涨 10 %，销量将变动 ${new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 }).format(1.1 ** e20750 - 1)}`);

  // Exports, read back: every product, the numbers as numbers.
  const csv = csvRows((await planner.download('elas-products-export-csv')).bytes);
  expect(csv[0].slice(0, 3)).toEqual(['商品', '件数', '弹性']);
  expect(csv.length - 1).toBe(reference.products.length);
  const csvRow = csv.find((r) => r[0] === '20750')!;
  expect(Math.abs(Number(csvRow[2]) - e20750)).toBeLessThan(5e-5);
  expect(csv.find((r) => r[0] === '21327')![8]).toBe('已拒绝：价格变动从未超过 1%');

  const xlsx = XLSX.read((await planner.download('elas-channels-export-xlsx')).bytes, { type: 'buffer' });
  const rows = XLSX.utils.sheet_to_json<(string | number)[]>(xlsx.Sheets[xlsx.SheetNames[0]], { header: 1 });
  const ukRow = rows.find((r) => r[0] === 'United Kingdom')!;
  expect(typeof ukRow[2]).toBe('number');
  expect(Math.abs((ukRow[2] as number) - uk.elasticity!)).toBeLessThan(5e-5);
  expect(libraryWarnings).toEqual([]);
});
