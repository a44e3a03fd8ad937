import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnMapping } from '../../../src/engine/import/columns';
import type { PlannerDb } from '../../../src/persistence/db';
import { encodeGbk, expectedFigures, makeShopExport, SHOPS, toCsv } from '../../fixtures/shop-export/shopExport';
import { apiFor, expectDone, fileOf, freshDb, ignoreProgress, options, type TestApi } from './helpers';

/**
 * A 50,000-row order report as 淘宝/天猫 exports it — one row per order with its final status —
 * in GBK (as a Chinese Excel saves it) and as XLSX. Revenue must be the sum of the successful orders,
 * computed from the rows without the app's code; refunded and closed orders are neither revenue nor
 * subtracted from it.
 */
const shop = makeShopExport();
const expected = expectedFigures(shop.rows);
const csvBytes = encodeGbk(toCsv(shop.rows));

let db: PlannerDb;
let api: TestApi;
beforeAll(async () => {
  db = await freshDb();
  api = apiFor(db);
});
afterAll(() => db.close());

const revenueCents = (segments: { revenue: number }[]) => Math.round(segments.reduce((s, r) => s + r.revenue, 0) * 100);

async function importAndAnalyse(file: File, mapping: ColumnMapping, extra: Parameters<typeof options>[1] = {}) {
  const dataset = expectDone(await api.importFile(file, options(mapping, extra), ignoreProgress, new AbortController().signal));
  const analysis = await api.analyse(dataset.id, { segmentation: 'rfm' });
  return { dataset, analysis };
}

describe('a 50,000-row shop export, one row per order with its final status', { timeout: 120_000 }, () => {
  it('has the three statuses, five shops and a + b < 1 buyers (the test data is what it claims)', () => {
    expect(shop.rows.length).toBe(50_001);
    expect(Object.keys(expected.byStatus).sort()).toEqual(['交易关闭', '交易成功', '退款成功']);
    expect(expected.byStatus['退款成功']).toBeGreaterThan(2000);
    expect(expected.byStatus['交易关闭']).toBeGreaterThan(2000);
  });

  it('GBK CSV: columns recognised by their back-office names, statuses shown with what they mean', async () => {
    const preview = await api.previewFile(fileOf(csvBytes, '订单报表.csv'));
    expect(preview.encoding).toBe('gb18030');
    expect(preview.layout).toEqual({ skipRows: 0, hasHeader: true });
    expect(preview.mapping).toEqual({ orderId: 0, customer: 1, amount: 2, status: 3, date: 4, product: 6, quantity: 7, channel: 8, region: 9 });
    expect(preview.values[3]?.map((v) => v.value).sort()).toEqual(['交易关闭', '交易成功', '退款成功']);
  });

  it('GBK CSV: revenue equals the sum of successful orders; refunded and closed orders are counted, not subtracted', async () => {
    const preview = await api.previewFile(fileOf(csvBytes, '订单报表.csv'));
    const { dataset, analysis } = await importAndAnalyse(fileOf(csvBytes, '订单报表.csv'), preview.mapping, { encoding: preview.encoding });
    const report = dataset.report;
    expect(report.rowsRead).toBe(50_000);
    expect(report.rowsImported).toBe(expected.byStatus['交易成功']);
    expect(report.skipped.orderRefunded.count).toBe(expected.byStatus['退款成功']);
    expect(report.skipped.orderCancelled.count).toBe(expected.byStatus['交易关闭']);
    expect(report.returns.count).toBe(0);
    expect(Object.fromEntries(report.statuses.map((s) => [s.value, [s.class, s.rows]]))).toEqual({
      交易成功: ['sale', expected.byStatus['交易成功']],
      退款成功: ['refunded', expected.byStatus['退款成功']],
      交易关闭: ['cancelled', expected.byStatus['交易关闭']],
    });
    expect(revenueCents(analysis.segments)).toBe(expected.revenueCents);
    expect(analysis.customers).toBe(expected.customers);
    expect(analysis.transactions).toBe(expected.orders);
    // Nobody is at zero or below: nothing was subtracted twice.
    expect(analysis.segments.filter((s) => s.customers > 0).every((s) => s.revenue > 0)).toBe(true);
    expect([...dataset.channels].sort()).toEqual([...SHOPS].sort());
    expect(dataset.regions).toContain('广东省');
  });

  it('reading status rows as returns instead nets refunded and closed orders off: the policy is the user’s to change', async () => {
    const preview = await api.previewFile(fileOf(csvBytes, '订单报表.csv'));
    const statuses = { rows: 'returnTransaction' as const, refundWords: ['退款'], cancelWords: ['关闭'], classes: {} };
    const { analysis } = await importAndAnalyse(fileOf(csvBytes, '订单报表.csv'), preview.mapping, { policies: { ...options(preview.mapping).policies, statuses } });
    let other = 0;
    for (const r of shop.rows.slice(1)) if (r[3] !== '交易成功') other += Math.round(Number(r[2]) * 100);
    expect(revenueCents(analysis.segments)).toBe(expected.revenueCents - other);
  });

  it('XLSX with amounts as numbers: the same revenue', async () => {
    const sheet = XLSX.utils.aoa_to_sheet(shop.rows.map((r, i) => (i === 0 ? r : r.map((cell, c) => (c === 2 || c === 7 ? Number(cell) : cell)))));
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, '订单');
    const bytes = new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const file = fileOf(bytes, '订单报表.xlsx');
    const preview = await api.previewFile(file);
    expect(preview.mapping).toMatchObject({ customer: 1, amount: 2, status: 3, date: 4, channel: 8 });
    const { analysis } = await importAndAnalyse(file, preview.mapping, { sheet: '订单' });
    expect(revenueCents(analysis.segments)).toBe(expected.revenueCents);
    expect(analysis.customers).toBe(expected.customers);
  });

  it('a title line and an export date above the header are found and skipped', async () => {
    const titled = encodeGbk(toCsv([['淘宝订单报表'], ['导出时间：2024-12-31 23:59:59'], ...shop.rows]));
    const preview = await api.previewFile(fileOf(titled, '订单报表.csv'));
    expect(preview.layout).toEqual({ skipRows: 2, hasHeader: true });
    expect(preview.headers[0]).toBe('订单编号');
    const { dataset, analysis } = await importAndAnalyse(fileOf(titled, '订单报表.csv'), preview.mapping, { policies: { ...options(preview.mapping).policies, skipRows: 2 } });
    expect(dataset.report.rowsAboveHeader).toBe(2);
    expect(dataset.report.rowsRead).toBe(50_000);
    expect(revenueCents(analysis.segments)).toBe(expected.revenueCents);
  });

  it('CLV: the fit lands where a + b < 1 and every figure is a number', async () => {
    const preview = await api.previewFile(fileOf(csvBytes, '订单报表.csv'));
    const { dataset } = await importAndAnalyse(fileOf(csvBytes, '订单报表.csv'), preview.mapping);
    const clv = await api.clv(dataset.id, { unit: 'weeks', horizonMonths: 12, discountRate: 0.01, margin: 0.3 }, 'rfm');
    expect(clv.bgnbd.a + clv.bgnbd.b).toBeLessThan(1);
    expect(clv.bgnbd.converged).toBe(true);
    expect(Number.isFinite(clv.totalClv) && clv.totalClv > 0).toBe(true);
    for (const s of clv.perSegment) if (s.customers > 0) expect([s.clv, s.pAlive, s.expectedPurchases].every(Number.isFinite)).toBe(true);
    expect(clv.top.every((c) => Number.isFinite(c.clv) && c.clv >= 0)).toBe(true);
    expect(clv.perFirstChannel?.map((c) => c.channel).sort()).toEqual([...SHOPS].sort());
  });
});
