/**
 * CLV by region through the worker's api: progress names the region being fitted, a cancel stops
 * the run at its next step, and the next run completes with one row per region.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionClvProgress } from '../../../src/engine/customers/regionClv';
import type { PlannerDb } from '../../../src/persistence/db';
import { makeShopExport, toCsv } from '../../fixtures/shop-export/shopExport';
import { apiFor, expectDone, fileOf, freshDb, ignoreProgress, options, type TestApi } from './helpers';

let db: PlannerDb;
let api: TestApi;
let datasetId: string;
const request = { unit: 'weeks' as const, horizonMonths: 12, discountRate: 0.01, margin: 0.3 };

beforeAll(async () => {
  db = await freshDb();
  api = apiFor(db);
  const file = fileOf(toCsv(makeShopExport(20_000, 11).rows), 'orders.csv');
  const preview = await api.previewFile(file);
  expect(preview.mapping.region).toBeGreaterThanOrEqual(0);
  datasetId = expectDone(await api.importFile(file, options(preview.mapping), ignoreProgress, new AbortController().signal)).id;
}, 60_000);
afterAll(() => db.close());

describe('CLV by region in the worker', { timeout: 60_000 }, () => {
  it('reports the region it fits, stops when cancelled, and completes when asked again', async () => {
    const progress: RegionClvProgress[] = [];
    const running = api.raw.regionClv('old', datasetId, request, 'rfm', (p) => {
      progress.push(p);
      api.raw.cancel('old');
    });
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(progress).toHaveLength(1);
    expect(progress[0].regions).toBeGreaterThan(1);
    expect(progress[0].name).not.toBe('');

    const done = await api.raw.regionClv('new', datasetId, request, 'rfm');
    const analysis = await api.analyse(datasetId, { segmentation: 'rfm' });
    // One row per region of the analysis, in its order, with the same customers.
    expect(done.regions.map((r) => r.region)).toEqual(analysis.regions!.names);
    expect(done.regions.map((r) => r.customers)).toEqual(analysis.regions!.rfm.map((r) => r.customers));
    expect(done.regions.some((r) => r.status === 'fitted')).toBe(true);
    for (const r of done.regions) expect(r.status === 'tooFew').toBe(r.customers < done.minCustomers);
  });
});
