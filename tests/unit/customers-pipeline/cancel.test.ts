import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClvProgress } from '../../../src/engine/customers/clvAnalysis';
import type { PlannerDb } from '../../../src/persistence/db';
import { LatestTask } from '../../../src/state/customersTask.svelte';
import { makeShopExport, toCsv } from '../../fixtures/shop-export/shopExport';
import { apiFor, expectDone, fileOf, freshDb, ignoreProgress, options, type TestApi } from './helpers';

let db: PlannerDb;
let api: TestApi;
let datasetId: string;
const request = { unit: 'days' as const, horizonMonths: 24, discountRate: 0.01, margin: 0.3 };

beforeAll(async () => {
  db = await freshDb();
  api = apiFor(db);
  const file = fileOf(toCsv(makeShopExport(30_000, 7).rows), 'orders.csv');
  const preview = await api.previewFile(file);
  datasetId = expectDone(await api.importFile(file, options(preview.mapping), ignoreProgress, new AbortController().signal)).id;
}, 60_000);
afterAll(() => db.close());

describe('a superseded analysis stops in the worker', { timeout: 60_000 }, () => {
  it('a cancelled CLV run stops part-way and rejects as cancelled; the next run completes', async () => {
    const progress: ClvProgress[] = [];
    const running = api.raw.clv('old', datasetId, request, 'rfm', (p) => {
      progress.push(p);
      // Cancel at the first report, in the middle of the fit, as a newer request would.
      api.raw.cancel('old');
    });
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    // The run stopped at the next step: no further report, the per-customer phase never began.
    expect(progress).toHaveLength(1);
    expect(progress[0].phase).toBe('fit');
    expect(api.raw.cancel('old')).toBe(false);

    const done = await api.raw.clv('new', datasetId, request, 'rfm');
    expect(Number.isFinite(done.totalClv)).toBe(true);
  });

  it('a call cancelled while its data set loads never analyses', async () => {
    api.forget();
    const analysis = api.raw.analyse('a1', datasetId, { segmentation: 'rfm' });
    api.raw.cancel('a1');
    await expect(analysis).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('LatestTask: one request at a time, the newest wins', () => {
  it('aborts the running request when a newer one starts, and shows only the newest result', async () => {
    const task = new LatestTask<string>();
    const signals: AbortSignal[] = [];
    const resolvers: ((v: string) => void)[] = [];
    // A request that honours its signal, as worker calls do (aborting rejects at once).
    const request = (signal: AbortSignal) =>
      new Promise<string>((resolve, reject) => {
        signals.push(signal);
        resolvers.push(resolve);
        signal.addEventListener('abort', () => reject(new Error('aborted')));
      });
    const ticks = async (): Promise<void> => {
      for (let i = 0; i < 5; i++) await Promise.resolve();
    };
    task.run('a', request);
    task.run('a', request);
    expect(signals.length).toBe(1);
    task.run('b', request);
    expect(signals[0].aborted).toBe(true);
    await ticks();
    expect(signals).toHaveLength(2);
    expect(signals[1].aborted).toBe(false);
    resolvers[0]('stale');
    resolvers[1]('fresh');
    await ticks();
    expect(task.error).toBeNull();
    expect(task.value).toBe('fresh');
    expect(task.running).toBe(false);
    task.reset();
    expect(task.value).toBeNull();
  });

  it('cancel stops the running request and keeps the last result; the same request can run again', async () => {
    const task = new LatestTask<string>();
    const signals: AbortSignal[] = [];
    const resolvers: ((v: string) => void)[] = [];
    const request = (signal: AbortSignal) =>
      new Promise<string>((resolve, reject) => {
        signals.push(signal);
        resolvers.push(resolve);
        signal.addEventListener('abort', () => reject(new Error('aborted')));
      });
    const ticks = async (): Promise<void> => {
      for (let i = 0; i < 5; i++) await Promise.resolve();
    };
    task.run('a', request);
    resolvers[0]('first');
    await ticks();
    expect(task.value).toBe('first');

    task.run('b', request);
    expect(task.running).toBe(true);
    task.cancel();
    expect(signals[1].aborted).toBe(true);
    expect(task.running).toBe(false);
    expect(task.cancelled).toBe(true);
    await ticks();
    expect(task.value).toBe('first');
    expect(task.error).toBeNull();

    task.run('b', request);
    expect(task.cancelled).toBe(false);
    await ticks();
    expect(signals).toHaveLength(3);
    resolvers[2]('second');
    await ticks();
    expect(task.value).toBe('second');
  });
});
