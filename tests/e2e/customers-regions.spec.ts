/**
 * The import's region column in the Customers tab: a grocery plan in 简体中文, orders whose region
 * column holds the plan's regions written in both scripts, blanks, dashes and a region the plan does
 * not have. The segment × region matrix, RFM by region, the plan comparison and the exports are read
 * back and checked against an independent count (tests/unit/customers/regionReference.ts).
 */
import type { Page } from '@playwright/test';
import * as XLSX from 'xlsx';
import { mulberry32 } from '../../src/engine/random';
import { referenceSegments, type ReferenceRow } from '../unit/customers/regionReference';
import { csvRows } from './downloads';
import { expect, test, watchLibraries } from './fixtures';

/** The plan regions of the grocery template in 简体中文, and a region it lacks. */
const TIER3 = '三四线城市';
const COUNTY = '县城';
const TOWNSHIP = '乡镇及农村';
const ABROAD = '海外';
/** How the data writes each region: the plan's spelling, the traditional one, blanks and dashes for none. */
const SPELLINGS: Record<string, string[]> = {
  [TIER3]: [TIER3, '三四線城市'],
  [COUNTY]: [COUNTY, '縣城'],
  [TOWNSHIP]: [TOWNSHIP, '鄉鎮及農村'],
  [ABROAD]: [ABROAD],
  '': ['', '—', 'N/A'],
};
/** Channels as the data writes them: one of the plan's in traditional characters, one of the plan's as it is, one the plan lacks. */
const CHANNELS = ['社區團購（團長）', '仓储式门店', '小程序商城'];
/** Customers per home region: two regions above the CLV minimum of 50, two below, some with none. */
const HOMES: [string, number][] = [
  [COUNTY, 130],
  [TIER3, 95],
  [TOWNSHIP, 40],
  [ABROAD, 12],
  ['', 18],
];

const DAY0 = Date.UTC(2024, 0, 1) / 86_400_000;
const iso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** The CSV, and the rows as the reference reads them (the region cleaned by hand: the spelling's region). */
function orders(): { csv: string; rows: ReferenceRow[] } {
  // Seeded, so the file is the same on every run.
  const rnd = mulberry32(13);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const lines: { day: number; line: string; row: ReferenceRow }[] = [];
  let order = 0;
  let customer = 0;
  for (const [home, count] of HOMES) {
    for (let i = 0; i < count; i++) {
      const id = `C${String(++customer).padStart(4, '0')}`;
      const n = 1 + Math.floor(rnd() ** 2 * 8);
      let day = DAY0 + Math.floor(rnd() * 300);
      for (let k = 0; k < n; k++) {
        // The first order is in the home region, or (one customer in six) names none; later ones sometimes elsewhere.
        const blankFirst = k === 0 && home !== '' && rnd() < 1 / 6;
        const region = blankFirst ? '' : k > 0 && home !== '' && rnd() < 0.2 ? pick([TIER3, COUNTY, TOWNSHIP]) : home;
        const spelled = pick(SPELLINGS[region]);
        const amount = Math.round((20 + rnd() * 480) * 100) / 100;
        const o = `SO${String(++order).padStart(6, '0')}`;
        lines.push({ day, line: `${o},${id},${iso(day)},${amount.toFixed(2)},${spelled},${pick(CHANNELS)}`, row: { customer: id, order: o, day, amount, region: region === '' ? null : region } });
        day += 1 + Math.floor(rnd() * 40);
      }
    }
  }
  // An order log: by date, as a shop system exports it.
  lines.sort((a, b) => a.day - b.day);
  return { csv: ['订单号,客户编号,下单时间,实付金额,地区,销售渠道', ...lines.map((l) => l.line)].join('\n') + '\n', rows: lines.map((l) => l.row) };
}

/** The region a shown name stands for (a region keeps the spelling met first in the file). */
const canonical = (shown: string): string => (shown === '无区域' ? '' : (Object.keys(SPELLINGS).find((k) => SPELLINGS[k].includes(shown)) ?? `?${shown}`));

const digits = (text: string) => Number(text.replace(/[^\d.-]/g, ''));

async function importOrders(page: Page, csv: string): Promise<void> {
  await page.getByTestId('tab-customers').click();
  await page.getByTestId('cust-import-input').setInputFiles({ name: '区域订单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const dialog = page.getByTestId('cust-import-dialog');
  await expect(dialog.getByTestId('cust-map-region')).toHaveValue('4');
  await dialog.getByTestId('cust-import-start').click();
  await expect(dialog.getByTestId('cust-import-done')).toBeVisible();
  await dialog.getByTestId('cust-import-analyse').click();
  await expect(dialog).toHaveCount(0);
  await page.getByTestId('cust-nav-regions').click();
}

test.describe('customers by region', () => {
  test('segment × region matrix, RFM by region and high-value share next to the plan’s spend, checked against an independent count', async ({ page, planner }) => {
    const libraries = watchLibraries(page);
    await planner.open('zh-CN');
    await planner.newPlan('grocery');
    const totalSpend = Number(await page.getByTestId('kpi-spend-value').getAttribute('data-value'));
    expect(totalSpend).toBeGreaterThan(0);

    const { csv, rows } = orders();
    const reference = referenceSegments(rows);
    const customersOf = (region: string) => [...reference.customers.values()].filter((c) => (c.region ?? '') === region).length;
    await importOrders(page, csv);
    await expect(page.getByTestId('cust-nav-regions')).toHaveText('区域');

    // How regions are counted is said, and what the cleaning did is listed.
    await expect(page.getByTestId('cust-rg-rules')).toContainText('第一笔注明区域的订单');
    await expect(page.getByTestId('cust-rg-merged')).toHaveCount(3);
    // Whichever spelling came first names the region; the message lists the other.
    const countyMerged = page.getByTestId('cust-rg-merged').filter({ hasText: '縣城' });
    await expect(countyMerged).toHaveText(new RegExp(`^“(${COUNTY}|縣城)”也包括 “(${COUNTY}|縣城)”。$`));
    expect(new Set((await countyMerged.textContent())?.match(/“[^”]+”/g)).size).toBe(2);
    await expect(page.getByTestId('cust-rg-blank')).toContainText(`${customersOf('')} 位客户`);

    // The matrix in customers: every cell equals the independent count.
    await page.getByTestId('cust-rg-metric').selectOption('customers');
    const table = page.getByTestId('cust-rg-matrix');
    await expect(table).toHaveAttribute('data-metric', 'customers');
    const header = await table.locator('thead th').allTextContents();
    expect(header.slice(1).map(canonical).sort()).toEqual([TIER3, COUNTY, TOWNSHIP, ABROAD, ''].sort());
    const matrixRows = page.getByTestId('cust-rg-matrix-row');
    const segments = await matrixRows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-segment') ?? ''));
    let checked = 0;
    for (let s = 0; s < segments.length; s++) {
      const cells = await matrixRows.nth(s).locator('td').allTextContents();
      header.slice(1).forEach((name, c) => {
        const expected = reference.counts.get(`${segments[s]}|${canonical(name)}`) ?? 0;
        expect(cells[c + 1] === '—' ? 0 : digits(cells[c + 1]), `${segments[s]} × ${name}`).toBe(expected);
        checked += expected;
      });
    }
    expect(checked).toBe(reference.customers.size);
    // Its export holds the same counts, as numbers.
    const exported = csvRows((await planner.download('cust-rg-export-csv')).bytes);
    expect(exported[0].slice(1)).toEqual(header.slice(1));
    expect(exported.slice(1).map((line) => line[0])).toEqual(await matrixRows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')?.textContent ?? '')));
    let exportedTotal = 0;
    for (const line of exported.slice(1)) for (const cell of line.slice(1)) exportedTotal += Number(cell);
    expect(exportedTotal).toBe(reference.customers.size);
    expect(reference.counts.get(`champions|${COUNTY}`)).toBeGreaterThan(3);

    // RFM by region: customers and high-value customers per region.
    const highValueOf = (region: string) => (reference.counts.get(`champions|${region}`) ?? 0) + (reference.counts.get(`loyal-customers|${region}`) ?? 0);
    const rfmRows = await page.getByTestId('cust-rg-rfm-row').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-region') ?? '', Number(tr.getAttribute('data-customers')), Number(tr.getAttribute('data-high-value'))] as const));
    expect(rfmRows.map(([name]) => canonical(name || '无区域')).sort()).toEqual(HOMES.map(([r]) => r).sort());
    for (const [name, n, hv] of rfmRows) {
      const region = canonical(name || '无区域');
      expect(n, region).toBe(customersOf(region));
      expect(hv, region).toBe(highValueOf(region));
    }

    // The plan's regions: high-value customers matched by name (縣城 → 县城), next to the spend share.
    const planRows = page.getByTestId('cust-rg-plan-row');
    const regionIds = await planRows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-region')));
    expect(regionIds).toEqual(['tier3', 'county', 'township']);
    const spends = await planRows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-spend'))));
    expect(spends.reduce((a, b) => a + b, 0)).toBe(totalSpend);
    const plannedNames = [TIER3, COUNTY, TOWNSHIP];
    const allHighValue = plannedNames.reduce((sum, r) => sum + highValueOf(r), 0);
    const pct = new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 });
    for (let i = 0; i < 3; i++) {
      const row = planRows.nth(i);
      await expect(row).toHaveAttribute('data-high-value', String(highValueOf(plannedNames[i])));
      const cells = row.locator('td');
      await expect(cells.nth(5)).toHaveText(pct.format(highValueOf(plannedNames[i]) / allHighValue));
      await expect(cells.nth(7)).toHaveText(pct.format(spends[i] / totalSpend));
    }
    await expect(page.getByTestId('cust-rg-plan-apart')).toContainText(`${ABROAD} (${customersOf(ABROAD)})`);
    await expect(page.getByTestId('chart-cust-region-plan')).toBeVisible();
    await expect(page.getByTestId('chart-cust-region-matrix')).toBeVisible();

    // Exports: the RFM table as CSV, the plan comparison as Excel; numbers are numbers.
    const rfm = csvRows((await planner.download('cust-rg-rfm-export-csv')).bytes);
    expect(rfm[0][0]).toBe('区域');
    expect(rfm).toHaveLength(1 + HOMES.length);
    for (const line of rfm.slice(1)) {
      const region = canonical(line[0]);
      expect(Number(line[1]), line[0]).toBe(customersOf(region));
      for (const cell of line.slice(1)) expect(Number.isFinite(Number(cell)), `${line[0]}: ${cell}`).toBe(true);
    }
    const plan = await planner.download('cust-rg-plan-export-xlsx');
    const wb = XLSX.read(plan.bytes, { type: 'buffer', cellNF: true });
    const ws = wb.Sheets[wb.SheetNames[0]];
    const sheet = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, defval: null, raw: true });
    expect(sheet.map((r) => r[0])).toEqual(['计划区域', TIER3, COUNTY, TOWNSHIP]);
    for (let r = 1; r <= 3; r++) {
      for (const c of [2, 3, 4, 5, 6, 7]) expect((ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject).t, `row ${r} col ${c}`).toBe('n');
      expect(Math.round((sheet[r][6] as number) * 100)).toBe(spends[r - 1]);
      expect(sheet[r][3]).toBe(highValueOf(plannedNames[r - 1]));
    }

    // CLV per region: fitted where there are 50 customers or more, refused with the reason below.
    await page.getByTestId('cust-rg-clv-run').click();
    const clvRows = page.getByTestId('cust-rg-clv-row');
    await expect(clvRows).toHaveCount(HOMES.length, { timeout: 60_000 });
    for (let i = 0; i < HOMES.length; i++) {
      const row = clvRows.nth(i);
      const region = canonical((await row.getAttribute('data-region')) || '无区域');
      const n = customersOf(region);
      await expect(row, region).toHaveAttribute('data-status', n >= 50 ? 'fitted' : 'tooFew');
      if (n < 50) await expect(row).toContainText(`未拟合：${n} 位客户，少于 50 位`);
    }
    await expect(page.getByTestId('cust-rg-clv-inputs')).toHaveText('以周为单位；预测 12 个月；月折现率 1%；毛利率 30%（与 CLV 页的设置相同）。');
    const clv = csvRows((await planner.download('cust-rg-clv-export-csv')).bytes);
    const county = clv.find((line) => canonical(line[0]) === COUNTY)!;
    expect(Number(county[1])).toBe(customersOf(COUNTY));
    for (const cell of county.slice(3)) expect(Number.isFinite(Number(cell)) && cell !== '', cell).toBe(true);

    // The margin set on the CLV view is the one each region's CLV is worth: 60 % doubles it.
    await page.getByTestId('cust-nav-clv').click();
    const margin = page.getByTestId('cust-clv-margin');
    await margin.fill('60%');
    await margin.press('Enter');
    await page.getByTestId('cust-nav-regions').click();
    await expect(page.getByTestId('cust-rg-clv-inputs')).toContainText('毛利率 60%');
    await page.getByTestId('cust-rg-clv-run').click();
    await expect(page.getByTestId('cust-rg-clv-run')).toBeEnabled({ timeout: 60_000 });
    await expect(clvRows).toHaveCount(HOMES.length);
    const doubled = csvRows((await planner.download('cust-rg-clv-export-csv')).bytes).find((line) => canonical(line[0]) === COUNTY)!;
    // Column 8 is the total CLV (two decimals in the file).
    expect(Math.abs(Number(doubled[8]) - 2 * Number(county[8]))).toBeLessThanOrEqual(0.011);
    expect(Number(doubled[4])).toBe(Number(county[4]));

    // The channel matrix matches data channels to the plan's the same way: 社區團購（團長） is 社区团购（团长）.
    await page.getByTestId('cust-nav-matrix').click();
    await expect(page.locator('[data-testid="cust-channel-row"][data-channel="社區團購（團長）"]')).toHaveAttribute('data-linked', '1');
    await expect(page.locator('[data-testid="cust-channel-row"][data-channel="仓储式门店"]')).toHaveAttribute('data-linked', '1');
    await expect(page.locator('[data-testid="cust-channel-row"][data-channel="小程序商城"]')).toHaveAttribute('data-linked', '0');
    await expect(page.getByTestId('cust-plan-link')).toHaveAttribute('data-matched', '2');
    await expect(page.getByTestId('cust-plan-link')).toContainText('前置仓到家配送');

    expect(libraries).toEqual([]);
  });

  test('a data set without a region column says how to get one', async ({ page, planner }) => {
    await planner.open('en');
    await planner.newPlan('grocery');
    await page.getByTestId('tab-customers').click();
    const csv = 'order_id,customer_id,order_date,amount\nA1,c1,2024-01-02,10\nA2,c2,2024-01-03,20\n';
    await page.getByTestId('cust-import-input').setInputFiles({ name: 'plain.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const dialog = page.getByTestId('cust-import-dialog');
    await dialog.getByTestId('cust-import-start').click();
    await dialog.getByTestId('cust-import-analyse').click();
    await page.getByTestId('cust-nav-regions').click();
    await expect(page.getByTestId('cust-rg-noregion')).toContainText('has no region column');
  });
});
