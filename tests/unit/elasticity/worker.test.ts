// The elasticity through the customers worker's api (in-process, fake-indexeddb): import, estimate, cancel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElasticityProgress } from '../../../src/engine/elasticity';
import type { PlannerDb } from '../../../src/persistence/db';
import { apiFor, expectDone, fileOf, fixtureBytes, fixtureText, freshDb, ignoreProgress, options, type TestApi } from '../customers-pipeline/helpers';

let db: PlannerDb;
let api: TestApi;
const reference = JSON.parse(fixtureText('elasticity/reference.json')) as { products: { product: string; elasticity?: number; ciLow?: number; ciHigh?: number }[] };

beforeAll(async () => {
  db = await freshDb();
  api = apiFor(db);
});
afterAll(() => db.close());

async function imported(product: boolean): Promise<string> {
  const file = fileOf(fixtureBytes('elasticity/online_retail_subset.csv'), 'online_retail_subset.csv');
  const preview = await api.previewFile(file);
  // The detected mapping reads Country as the region; here it is the channel.
  const mapping = { ...preview.mapping, channel: 6 };
  delete mapping.region;
  if (product) mapping.product = 1;
  else delete mapping.product;
  return expectDone(await api.importFile(file, options(mapping), ignoreProgress, new AbortController().signal)).id;
}

describe('price elasticity in the customers worker', () => {
  it('estimates a stored data set as R does, reporting progress', async () => {
    const id = await imported(true);
    const progress: ElasticityProgress[] = [];
    const result = await api.raw.elasticity('e1', id, (p) => progress.push(p));
    if (result.kind !== 'done') throw new Error(result.kind);
    for (const ref of reference.products.filter((p) => p.elasticity !== undefined)) {
      const found = result.products.find((p) => p.product === ref.product)!.estimate;
      if (found.status !== 'estimated') throw new Error(found.reason);
      expect(Math.abs(found.elasticity - ref.elasticity!)).toBeLessThan(1e-9 * Math.abs(ref.elasticity!));
      expect(Math.abs(found.low - ref.ciLow!)).toBeLessThan(1e-9 * Math.abs(ref.ciLow!));
    }
    expect(result.channels?.length).toBeGreaterThan(0);
    for (const p of progress) expect(p.done).toBeLessThanOrEqual(p.total);
  });

  it('a cancelled estimate rejects and leaves the next one to run', async () => {
    const id = await imported(true);
    const running = api.raw.elasticity('e2', id);
    api.raw.cancel('e2');
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect((await api.raw.elasticity('e3', id)).kind).toBe('done');
  });

  it('a data set imported without a product column says so', async () => {
    const id = await imported(false);
    expect(await api.raw.elasticity('e4', id)).toEqual({ kind: 'unavailable', missing: 'product' });
  });
});
