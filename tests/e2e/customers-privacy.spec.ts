import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { sampleTransactionsCsv } from '../../src/engine/customers/sampleData';
import { expect, test } from './fixtures';
import { describeRfmOrders, runInDuckDb } from './rfmSummary';
import { planIdOf, storedPlan } from './storedPlan';

/**
 * Pseudonymised customer exports (zh-CN): the customer list of a segment analysis carries tokens
 * that Node's own HMAC-SHA-256 reproduces with the salt read from IndexedDB; figures are unchanged;
 * the same tokens come out every time; without the option the raw ids do; the salt is in no file.
 */


/** The plan's salt as this device's IndexedDB holds it. */
async function saltOf(page: Page, planId: string): Promise<Buffer> {
  const bytes = await page.evaluate(
    (key) =>
      new Promise<number[] | null>((resolve, reject) => {
        const open = indexedDB.open('channel-mix-planner');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('settings').objectStore('settings').get(key);
          req.onsuccess = () => {
            open.result.close();
            const value = (req.result as { value?: unknown } | undefined)?.value;
            resolve(value instanceof Uint8Array ? Array.from(value) : null);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    `customerTokenSalt:${planId}`,
  );
  expect(bytes, 'the plan has a salt in IndexedDB').not.toBeNull();
  return Buffer.from(bytes!);
}

const token = (salt: Buffer, id: string) => `c_${createHmac('sha256', salt).update(id, 'utf8').digest('hex').slice(0, 16)}`;

async function csvOf(page: Page, click: () => Promise<void>): Promise<{ bytes: Buffer; rows: string[][] }> {
  const download: Promise<Download> = page.waitForEvent('download');
  await click();
  const bytes = readFileSync(await (await download).path());
  const rows = bytes.toString('utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(','));
  return { bytes, rows };
}

function expectNoSalt(bytes: Buffer, salt: Buffer): void {
  const text = bytes.toString('latin1');
  for (const form of [salt.toString('hex'), salt.toString('hex').toUpperCase(), salt.toString('base64'), salt.toString('base64url'), Array.from(salt).join(',')]) expect(text.includes(form)).toBe(false);
  expect(bytes.indexOf(salt.subarray(0, 8))).toBe(-1);
}

test('客户名单导出：客户编号去标识化为本方案的代号，金额不变，每次相同；关闭选项则为原始编号', async ({ page, planner: p }) => {
  test.setTimeout(180_000);
  await p.open('zh-CN');
  await p.newPlan('beauty');
  await page.getByTestId('tab-customers').click();
  await page.getByTestId('cust-sample').click();
  const dialog = page.getByTestId('cust-import-dialog');
  await dialog.getByTestId('cust-import-start').click();
  await expect(dialog.getByTestId('cust-import-done')).toBeVisible();
  await dialog.getByTestId('cust-import-analyse').click();
  await expect(page.getByTestId('cust-segment-row').first()).toBeVisible();

  // The sample's customer ids, generated in Node from the stored plan as the app generates them.
  const plan = await storedPlan(page);
  const sample = sampleTransactionsCsv({ seed: 7, customers: 6000, planStart: plan.timeline.start, channels: plan.channels.map((c) => c.name), regions: plan.regions.map((r) => r.name), language: 'zh' });
  const rawIds = new Set(sample.trimEnd().split('\r\n').slice(1).map((r) => r.split(',')[1]));
  expect(rawIds.size).toBeGreaterThan(1000);

  // The option is on at first, and the statement says what the file holds and what it does not.
  const box = page.getByTestId('cust-membership-pseudonymise');
  await expect(box).toBeChecked();
  await expect(page.getByTestId('cust-membership')).toContainText('客户编号去标识化');
  const statement = page.getByTestId('cust-membership-pipl');
  await expect(statement).toBeVisible();
  await expect(statement).toHaveAttribute('data-kind', 'tokens');
  await expect(statement).toContainText('《个人信息保护法》');
  await expect(statement).toContainText('第七十三条');
  await expect(statement).toContainText('去标识化的数据仍是个人信息');
  await expect(statement).toContainText('文件不包含：原始客户编号');
  await expect(statement).toContainText('只有本设备');

  const first = await csvOf(page, () => page.getByTestId('cust-membership-csv').click());
  const salt = await saltOf(page, planIdOf(page));
  expect(salt.length).toBe(32);
  const header = first.rows[0];
  expect(header).toEqual(['customer', 'recency_days', 'frequency', 'monetary', 'r_score', 'f_score', 'm_score', 'segment', 'abc_class']);
  const body = first.rows.slice(1);
  expect(body.length).toBe(rawIds.size);
  // (One expect per check, not per row: each expect is a reported step.)
  expect(body.filter((row) => !/^c_[0-9a-f]{16}$/.test(row[0])).map((row) => row[0])).toEqual([]);
  expect(body.filter((row) => rawIds.has(row[0])).map((row) => row[0])).toEqual([]);
  expect(new Set(body.map((r) => r[0])).size).toBe(body.length);
  expectNoSalt(first.bytes, salt);

  // Again: the same tokens, byte for byte.
  const again = await csvOf(page, () => page.getByTestId('cust-membership-csv').click());
  expect(again.bytes.equals(first.bytes)).toBe(true);

  // Without the option: the raw ids, a warning instead of the statement, and every other cell the same.
  await box.uncheck();
  await expect(statement).toHaveAttribute('data-kind', 'raw');
  await expect(statement).toContainText('文件包含：原始客户编号');
  const raw = await csvOf(page, () => page.getByTestId('cust-membership-csv').click());
  expect(raw.rows[0]).toEqual(header);
  const rawBody = raw.rows.slice(1);
  expect(rawBody.length).toBe(body.length);
  expect(new Set(rawBody.map((r) => r[0]))).toEqual(rawIds);
  // Node's HMAC with the salt from IndexedDB gives the token the app wrote for each customer, and
  // every other cell of the row (recency, orders, monetary value, scores, segment, class) is the same.
  const wrongToken = rawBody.filter((row, i) => body[i][0] !== token(salt, row[0])).length;
  const changed = rawBody.filter((row, i) => body[i].slice(1).join(',') !== row.slice(1).join(',')).length;
  expect({ wrongToken, changed }).toEqual({ wrongToken: 0, changed: 0 });
  expect(rawBody.reduce((a, row) => a + Number(row[3]), 0)).toBeGreaterThan(0);
  await box.check();

  // The XLSX carries tokens too (its sheet text holds no raw id of the first rows).
  const xlsx = page.waitForEvent('download');
  await page.getByTestId('cust-membership-xlsx').click();
  expect((await xlsx).suggestedFilename()).toMatch(/\.xlsx$/);
  expectNoSalt(readFileSync(await (await xlsx).path()), salt);
});



test('汇总文件往返：去标识化的汇总文件照常导入，页面说明编号是代号，导出时代号原样保留', async ({ page, planner: p }) => {
  test.setTimeout(180_000);
  await p.open('zh-CN');
  await p.newPlan('beauty');
  await page.getByTestId('tab-customers').click();
  await expect(page.getByTestId('cust-beyond')).toBeVisible();
  const summary = await runInDuckDb(await describeRfmOrders(page, 'duckdb'));

  // The raw summary: the list is pseudonymised on export.
  await page.getByTestId('cust-beyond-input').setInputFiles({ name: 'summary.csv', mimeType: 'text/csv', buffer: Buffer.from(summary) });
  await expect(page.getByTestId('cust-beyond-result')).toHaveAttribute('data-customers', '995');
  await expect(page.getByTestId('cust-beyond-pseudonymised')).toHaveCount(0);
  const champions = page.locator('[data-testid="cust-beyond-segment-row"][data-segment="champions"]');
  await expect(champions).toHaveAttribute('data-customers', '158');
  const exported = await csvOf(page, () => page.getByTestId('cust-beyond-membership-csv').click());
  const salt = await saltOf(page, planIdOf(page));
  expect(exported.rows.length).toBe(996);
  expect(exported.rows.slice(1).filter((row) => !/^c_[0-9a-f]{16}$/.test(row[0])).length).toBe(0);

  // The same summary with its ids replaced by the plan's tokens (as a colleague's pseudonymised file).
  const lines = summary.trim().split('\n');
  const idAt = lines[0].split(',').indexOf('customer_id');
  const pseudonymised = [lines[0], ...lines.slice(1).map((l) => l.split(',').map((c, i) => (i === idAt ? token(salt, c.replace(/^"|"$/g, '')) : c)).join(','))].join('\n');
  await page.getByTestId('cust-beyond-input').setInputFiles({ name: 'summary-tokens.csv', mimeType: 'text/csv', buffer: Buffer.from(pseudonymised) });
  await expect(page.getByTestId('cust-beyond-result')).toContainText('summary-tokens.csv');
  await expect(page.getByTestId('cust-beyond-result')).toHaveAttribute('data-customers', '995');
  await expect(champions).toHaveAttribute('data-customers', '158');
  await expect(page.getByTestId('cust-beyond-pseudonymised')).toContainText('此文件中的客户编号是去标识化的代号');
  await expect(page.getByTestId('cust-beyond-membership-pseudonymise')).toBeDisabled();
  await expect(page.getByTestId('cust-beyond-membership-pipl')).toHaveAttribute('data-kind', 'already');
  await expect(page.getByTestId('cust-beyond-membership-pipl')).toContainText('已经是代号');

  // Its list carries the same tokens as the list of the raw file: not pseudonymised twice.
  const again = await csvOf(page, () => page.getByTestId('cust-beyond-membership-csv').click());
  const byToken = (rows: string[][]) => new Map(rows.slice(1).map((r) => [r[0], r.slice(1).join(',')]));
  expect(byToken(again.rows)).toEqual(byToken(exported.rows));
});
