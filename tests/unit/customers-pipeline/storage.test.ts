import Dexie, { type DBCore, type DBCoreMutateRequest, type DBCoreMutateResponse } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { TransactionColumns } from '../../../src/engine/import/columns';
import type { PlannerDb } from '../../../src/persistence/db';
import {
  columnFacts,
  DatasetDamagedError,
  DatasetRepo,
  DATASET_FORMAT,
  decodeDatasetChunks,
  encodeDatasetChunks,
  isQuotaError,
  loadDataset,
  saveDataset,
  type DatasetMeta,
} from '../../../src/persistence/datasets';
import { freshDb, storedCounts } from './helpers';

let db: PlannerDb;
afterEach(async () => {
  db?.close();
  await db?.delete();
});

/** A small deterministic generator (mulberry32), so every run stores the same numbers. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Columns that take every storage path: a dictionary too large for 16 bits, small ones, dates within
 * and beyond a 16-bit span, amounts in whole cents, arbitrary doubles and numbers beyond Int32.
 */
function sampleColumns(n: number, seed = 1): TransactionColumns {
  const rnd = random(seed);
  const customers = Array.from({ length: 100_000 }, (_, i) => (i % 7 === 0 ? `客户${i}` : `C${i}`));
  const amount = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const chunk = Math.floor(i / 1000);
    amount[i] =
      chunk === 0 ? Math.round(rnd() * 1e6 - 2e5) / 100 // cents, some negative
        : chunk === 1 ? rnd() * 1000 // arbitrary doubles
          : chunk === 2 ? Math.round(rnd() * 1e12) // whole numbers beyond Int32
            : Math.round(rnd() * 50); // small whole numbers
  }
  return {
    length: n,
    customer: { codes: Int32Array.from({ length: n }, () => Math.floor(rnd() * customers.length)), values: customers },
    date: Int32Array.from({ length: n }, (_, i) => (i < 2000 ? 19000 + Math.floor(rnd() * 400) : -30000 + Math.floor(rnd() * 90000))),
    amount,
    quantity: Float64Array.from({ length: n }, () => 1 + Math.floor(rnd() * 5)),
    orderId: { codes: Int32Array.from({ length: n }, (_, i) => i), values: Array.from({ length: n }, (_, i) => `O-${i}`) },
    channel: { codes: Int32Array.from({ length: n }, () => Math.floor(rnd() * 6)), values: ['天猫', 'JD', 'Store', 'WeChat', '', 'Douyin "live"'] },
    region: { codes: Int32Array.from({ length: n }, () => Math.floor(rnd() * 3)), values: ['华东', '华南', '华北'] },
    product: { codes: Int32Array.from({ length: n }, () => Math.floor(rnd() * 1500)), values: Array.from({ length: 1500 }, (_, i) => `SKU ${i}`) },
  };
}

function metaFor(id: string, columns: TransactionColumns, storedBytes: number, chunkRows: number, extra: Partial<DatasetMeta> = {}): DatasetMeta {
  const facts = columnFacts(columns);
  return {
    id,
    planId: 'plan-1',
    name: id,
    fileName: `${id}.csv`,
    createdAt: 1000,
    rows: columns.length,
    customers: facts.customers,
    channels: columns.channel?.values ?? [],
    regions: columns.region?.values ?? [],
    products: columns.product?.values.length ?? 0,
    firstDay: facts.firstDay,
    lastDay: facts.lastDay,
    bytes: 0,
    storedBytes,
    report: {} as DatasetMeta['report'],
    hasChannel: columns.channel !== null,
    hasRegion: columns.region !== null,
    hasProduct: columns.product !== null,
    hasOrderId: columns.orderId !== null,
    hasQuantity: columns.quantity !== null,
    source: { kind: 'csv', container: null, encoding: 'utf-8', delimiter: ',', sheet: null },
    format: DATASET_FORMAT,
    chunkRows,
    ...extra,
  };
}

async function store(id: string, columns: TransactionColumns, chunkRows = 1000, extra: Partial<DatasetMeta> = {}): Promise<DatasetMeta> {
  const { chunks, storedBytes } = encodeDatasetChunks(id, columns, chunkRows);
  const meta = metaFor(id, columns, storedBytes, chunkRows, extra);
  await saveDataset(db, meta, chunks);
  return meta;
}

/** Makes the next bulk add of chunks write its first few records, then fail as a full disk would. */
function failMidway(target: Dexie): { arm: () => void } {
  let armed = false;
  target.use({
    stack: 'dbcore',
    name: 'quotaMidway',
    create(down: DBCore): DBCore {
      return {
        ...down,
        table(name: string) {
          const table = down.table(name);
          if (name !== 'datasetChunks') return table;
          return {
            ...table,
            async mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
              if (!armed || req.type !== 'add') return table.mutate(req);
              armed = false;
              await table.mutate({ ...req, values: req.values.slice(0, 3) });
              throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
            },
          };
        },
      };
    },
  });
  return { arm: () => (armed = true) };
}

describe('column chunks', () => {
  it('store and read back exactly the columns that were built, across chunks and every narrowing', () => {
    const columns = sampleColumns(3500);
    const { chunks } = encodeDatasetChunks('d1', columns, 1000);
    const types = (column: string) => chunks.filter((c) => c.column === column).map((c) => `${c.type}/${c.scale}`);
    expect(types('amount')).toEqual(['i32/100', 'f64/1', 'f64/1', 'u8/1']);
    expect(types('date')).toEqual(['u16/1', 'u16/1', 'i32/1', 'i32/1']);
    expect(types('channel')).toEqual(['u8/1', 'u8/1', 'u8/1', 'u8/1']);
    expect(types('customer')).toEqual(['i32/1', 'i32/1', 'i32/1', 'i32/1']);
    expect(types('product')).toEqual(['u16/1', 'u16/1', 'u16/1', 'u16/1']);
    expect(types('customer.values')).toHaveLength(100);
    // No chunk holds one object per row.
    expect(chunks.every((c) => c.data instanceof ArrayBuffer)).toBe(true);
    const decoded = decodeDatasetChunks(metaFor('d1', columns, 0, 1000), [...chunks].reverse());
    expect(decoded).toEqual(columns);
    for (let i = 0; i < columns.length; i++) if (!Object.is(decoded.amount[i], columns.amount[i])) throw new Error(`amount ${i} changed`);
  });

  it('round-trips through IndexedDB, an empty data set too', async () => {
    db = await freshDb();
    const columns = sampleColumns(2500, 7);
    await store('d1', columns);
    expect((await loadDataset(db, 'd1')).columns).toEqual(columns);
    const empty: TransactionColumns = {
      length: 0, customer: { codes: new Int32Array(0), values: [] }, date: new Int32Array(0), amount: new Float64Array(0),
      quantity: null, orderId: null, channel: null, region: null, product: null,
    };
    await store('d0', empty);
    expect((await loadDataset(db, 'd0')).columns).toEqual(empty);
  });

  it('a chunk missing, or rows not adding up to the metadata, is reported as damage (RELIABILITY 9)', async () => {
    db = await freshDb();
    const columns = sampleColumns(2500, 3);
    await store('d1', columns);
    await db.datasetChunks.delete(['d1', 'amount', 1]);
    await expect(loadDataset(db, 'd1')).rejects.toBeInstanceOf(DatasetDamagedError);
    await store('d2', columns);
    await db.datasets.update('d2', { rows: 2499 });
    await expect(loadDataset(db, 'd2')).rejects.toThrow(/damaged/);
  });
});

describe('writing a data set is all or nothing', () => {
  it('storage full in the middle of the write: the transaction rolls back, existing data unchanged (RELIABILITY 1, 2)', async () => {
    let failure!: { arm: () => void };
    db = await freshDb((d) => (failure = failMidway(d)));
    const existing = sampleColumns(1500, 11);
    await store('old', existing);
    const before = await storedCounts(db);

    failure.arm();
    const error = await store('new', sampleColumns(3000, 12)).then(() => null, (e: unknown) => e);
    expect(error).not.toBeNull();
    expect(isQuotaError(error)).toBe(true);
    expect(await storedCounts(db)).toEqual(before);
    expect(await db.datasetChunks.where('datasetId').equals('new').count()).toBe(0);
    expect((await loadDataset(db, 'old')).columns).toEqual(existing);
  });

  it('a quota error during an import is reported as "quota" and nothing is stored', async () => {
    let failure!: { arm: () => void };
    db = await freshDb((d) => (failure = failMidway(d)));
    const { apiFor, fileOf, options, ignoreProgress } = await import('./helpers');
    const text = ['customer,date,amount', ...Array.from({ length: 50 }, (_, i) => `c${i},2024-01-${10 + (i % 20)},${i}`)].join('\n');
    failure.arm();
    const outcome = await apiFor(db).importFile(fileOf(text, 'x.csv'), options({ customer: 0, date: 1, amount: 2 }), ignoreProgress, new AbortController().signal);
    // No report with it: "50 rows imported" beside "nothing was stored" would contradict it.
    expect(outcome).toEqual({ kind: 'failed', code: 'quota' });
    expect(await storedCounts(db)).toEqual({ datasets: 0, chunks: 0 });
  });

  it('a write whose keys collide with stored ones adds nothing (RELIABILITY 11)', async () => {
    db = await freshDb();
    const first = sampleColumns(1200, 5);
    await store('same', first);
    const before = await storedCounts(db);
    await expect(store('same', sampleColumns(2200, 6), 1000, { name: 'second' })).rejects.toThrow();
    expect(await storedCounts(db)).toEqual(before);
    expect((await db.datasets.get('same'))?.name).toBe('same');
    expect((await loadDataset(db, 'same')).columns).toEqual(first);
  });

  it('an abort while the transaction runs leaves nothing', async () => {
    db = await freshDb();
    const columns = sampleColumns(2000, 8);
    const { chunks, storedBytes } = encodeDatasetChunks('x', columns, 1000);
    const controller = new AbortController();
    const saving = saveDataset(db, metaFor('x', columns, storedBytes, 1000), chunks, controller.signal);
    controller.abort();
    await expect(saving).rejects.toThrow();
    expect(await storedCounts(db)).toEqual({ datasets: 0, chunks: 0 });
  });
});

describe('DatasetRepo', () => {
  it('lists newest first per plan, renames, and deletes the metadata with all its chunks', async () => {
    db = await freshDb();
    await store('a', sampleColumns(1500, 1), 1000, { createdAt: 1 });
    await store('b', sampleColumns(1500, 2), 1000, { createdAt: 3 });
    await store('c', sampleColumns(1500, 3), 1000, { createdAt: 2, planId: 'other' });
    const repo = new DatasetRepo(db);
    expect((await repo.list('plan-1')).map((d) => d.id)).toEqual(['b', 'a']);

    await repo.rename('a', '二月订单');
    expect((await repo.get('a'))?.name).toBe('二月订单');
    await expect(repo.rename('missing', 'x')).rejects.toThrow(/no data set/);

    const chunksOf = (id: string) => db.datasetChunks.where('datasetId').equals(id).count();
    const others = (await chunksOf('b')) + (await chunksOf('c'));
    expect(await chunksOf('a')).toBeGreaterThan(0);
    await repo.delete('a');
    expect(await chunksOf('a')).toBe(0);
    expect(await db.datasetChunks.count()).toBe(others);
    expect(await repo.get('a')).toBeUndefined();
    expect((await repo.list('plan-1')).map((d) => d.id)).toEqual(['b']);
    expect((await loadDataset(db, 'b')).columns).toEqual(sampleColumns(1500, 2));
  });

  it('watch reports the list now and after a change', async () => {
    db = await freshDb();
    const repo = new DatasetRepo(db);
    const lists: string[][] = [];
    let resolveNext: (() => void) | null = null;
    const stop = repo.watch('plan-1', (list) => {
      lists.push(list.map((d) => d.id));
      resolveNext?.();
    }, (e) => {
      throw e;
    });
    const next = () => new Promise<void>((r) => (resolveNext = r));
    await next();
    const changed = next();
    await store('w', sampleColumns(10, 4));
    await changed;
    stop();
    expect(lists[0]).toEqual([]);
    expect(lists.at(-1)).toEqual(['w']);
  });
});
