import { describe, expect, it } from 'vitest';
import { SKIP_REASONS } from '../../../src/engine/import/importReport';
import { DatasetRepo, type DatasetMeta } from '../../../src/persistence/datasets';
import { freshDb } from './helpers';

describe('data sets stored by an earlier version', () => {
  it('are read with the fields added since (statuses, title lines, containers, new skip reasons) as "none"', async () => {
    const db = await freshDb();
    // A record as the previous release wrote it: no container, no statuses, four fewer skip reasons.
    const count = { count: 0, rows: [] };
    const old = {
      id: 'd1', planId: 'p', name: 'old', fileName: 'o.csv', createdAt: 1, rows: 1, customers: 1, channels: [], regions: [], products: 0,
      firstDay: 19000, lastDay: 19000, bytes: 10, storedBytes: 10, hasChannel: false, hasRegion: false, hasProduct: false, hasOrderId: false, hasQuantity: false,
      source: { kind: 'csv', encoding: 'utf-8', delimiter: ',', sheet: null }, format: 1, chunkRows: 1 << 20,
      report: {
        rowsRead: 1, rowsImported: 1, skipped: { raggedRow: count, missingCustomer: count, badDate: count, badAmount: count, badQuantity: count, returnExcluded: count, duplicate: count },
        ragged: count, returns: { ...count, policy: 'netOff', negativeAmount: 0, marked: 0 }, duplicates: { ...count, policy: 'keep' },
        dates: { forms: { ymd: 1, compact: 0, cjk: 0, dayMonth: 0, excelSerial: 0 }, dayMonthOrder: null }, header: ['c', 'd', 'a'],
      },
    } as unknown as DatasetMeta;
    await db.datasets.add(old);
    const [restored] = await new DatasetRepo(db).list('p');
    expect(restored.source.container).toBeNull();
    expect(restored.report.statuses).toEqual([]);
    expect(restored.report.statusRows).toBeNull();
    expect(restored.report.rowsAboveHeader).toBe(0);
    for (const reason of SKIP_REASONS) expect(restored.report.skipped[reason]).toEqual({ count: 0, rows: [] });
    expect(restored.report.dates.forms.ymd).toBe(1);
    db.close();
  });
});
