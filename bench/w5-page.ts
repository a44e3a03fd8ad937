/**
 * The page side of W5 (bench/w5.ts bundles this file and opens it in Chromium): the app's own
 * persistence code (persistence/datasets.ts on PlannerDb) against Dexie with one object per row.
 * Everything runs in the page; the bench drives it through `window.w5`.
 */
import Dexie, { type Table } from 'dexie';
import type { TransactionColumns } from '../src/engine/import/columns';
import { mulberry32 } from '../src/engine/random';
import { PlannerDb } from '../src/persistence/db';
import { columnFacts, DATASET_CHUNK_ROWS, DATASET_FORMAT, DatasetRepo, encodeDatasetChunks, loadDataset, saveDataset, type DatasetMeta } from '../src/persistence/datasets';

interface RowObject {
  id?: number;
  customer: string;
  day: number;
  amount: number;
  channel: string;
  region: string;
}

class PeerDb extends Dexie {
  rows!: Table<RowObject, number>;
  constructor() {
    super('w5-peer');
    this.version(1).stores({ rows: '++id' });
  }
}

const CHANNELS = ['Tmall Flagship', 'JD', 'Store', 'WeChat Mini', 'Douyin Live', 'Distributor', 'Website', 'Community Group'];
const REGIONS = ['华东', '华南', '华北', '西南', '华中', '东北'];

/** Seeded imported columns: Pareto-skewed customers (ids as a file has them), two years of days, cents. */
function generate(rows: number, seed = 5): TransactionColumns {
  const rand = mulberry32(seed);
  const customers = Math.max(1000, Math.round(rows / 5));
  const codeOf = new Int32Array(customers).fill(-1);
  const values: string[] = [];
  const customer = new Int32Array(rows);
  const date = new Int32Array(rows);
  const amount = new Float64Array(rows);
  const channel = new Int32Array(rows);
  const region = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const rank = Math.floor(customers * rand() ** 3);
    if (codeOf[rank] < 0) {
      codeOf[rank] = values.length;
      values.push(`C${String(rank).padStart(7, '0')}`);
    }
    customer[i] = codeOf[rank];
    date[i] = 19358 + Math.floor((i * 730) / rows);
    amount[i] = Math.round(Math.exp(3.5 + 1.2 * rand()) * 100) / 100;
    channel[i] = Math.floor(rand() ** 2 * CHANNELS.length);
    region[i] = Math.floor(rand() * REGIONS.length);
  }
  return {
    length: rows,
    customer: { codes: customer, values },
    date,
    amount,
    quantity: null,
    orderId: null,
    channel: { codes: channel, values: CHANNELS },
    region: { codes: region, values: REGIONS },
    product: null,
  };
}

function metaOf(id: string, columns: TransactionColumns, storedBytes: number): DatasetMeta {
  const facts = columnFacts(columns);
  return {
    id, planId: 'bench', name: id, fileName: `${id}.csv`, createdAt: Date.now(), rows: columns.length, customers: facts.customers,
    channels: columns.channel!.values, regions: columns.region!.values, products: 0, firstDay: facts.firstDay, lastDay: facts.lastDay,
    bytes: 0, storedBytes, report: {} as DatasetMeta['report'], hasChannel: true, hasRegion: true, hasProduct: false, hasOrderId: false,
    hasQuantity: false, source: { kind: 'csv', container: null, encoding: 'utf-8', delimiter: ',', sheet: null }, format: DATASET_FORMAT, chunkRows: DATASET_CHUNK_ROWS,
  };
}

let columns: TransactionColumns | null = null;
let db: PlannerDb | null = null;
let peer: PeerDb | null = null;
let run = 0;

const api = {
  async setUp(rows: number): Promise<{ customers: number }> {
    columns = null;
    columns = generate(rows);
    db ??= new PlannerDb('w5-bench');
    peer ??= new PeerDb();
    await db.open();
    await peer.open();
    return { customers: columns.customer.values.length };
  },

  /** Ours: encode the columns into chunks and write them in one transaction; then read them back. */
  async ours(): Promise<{ persistMs: number; encodeMs: number; reloadMs: number; storedBytes: number; chunks: number; same: boolean }> {
    const cols = columns!;
    const id = `w5-${++run}`;
    const t0 = performance.now();
    const { chunks, storedBytes } = encodeDatasetChunks(id, cols);
    const t1 = performance.now();
    await saveDataset(db!, metaOf(id, cols, storedBytes), chunks);
    const t2 = performance.now();
    // Read back through the same path the worker uses to load a data set for analysis.
    const loaded = await loadDataset(db!, id);
    const t3 = performance.now();
    const same =
      loaded.columns.length === cols.length &&
      loaded.columns.amount.every((v, i) => v === cols.amount[i]) &&
      loaded.columns.customer.codes.every((v, i) => v === cols.customer.codes[i]) &&
      loaded.columns.customer.values.length === cols.customer.values.length;
    await new DatasetRepo(db!).delete(id);
    return { persistMs: t2 - t0, encodeMs: t1 - t0, reloadMs: t3 - t2, storedBytes, chunks: chunks.length, same };
  },

  /** The peer: one object per row (customer, day, amount, channel, region), bulkAdd in one transaction; toArray back. */
  async peer(): Promise<{ persistMs: number; objectsMs: number; reloadMs: number; rows: number }> {
    const cols = columns!;
    const t0 = performance.now();
    const objects: RowObject[] = new Array(cols.length);
    for (let i = 0; i < cols.length; i++) {
      objects[i] = {
        customer: cols.customer.values[cols.customer.codes[i]],
        day: cols.date[i],
        amount: cols.amount[i],
        channel: cols.channel!.values[cols.channel!.codes[i]],
        region: cols.region!.values[cols.region!.codes[i]],
      };
    }
    const t1 = performance.now();
    await peer!.rows.bulkAdd(objects);
    const t2 = performance.now();
    const back = await peer!.rows.toArray();
    const t3 = performance.now();
    await peer!.rows.clear();
    return { persistMs: t2 - t0, objectsMs: t1 - t0, reloadMs: t3 - t2, rows: back.length };
  },

  async tearDown(): Promise<void> {
    columns = null;
    db?.close();
    peer?.close();
    await Dexie.delete('w5-bench');
    await Dexie.delete('w5-peer');
    db = peer = null;
  },
};

(window as unknown as { w5: typeof api }).w5 = api;
