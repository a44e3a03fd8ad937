/**
 * Imported transaction data sets in IndexedDB: the metadata record of each and its column chunks
 * (datasetCodec.ts says how columns are stored). A data set is written in one transaction (its
 * metadata and every chunk), so a failed, cancelled or interrupted import leaves nothing behind
 * (RELIABILITY 2, 9, 11).
 */
import { liveQuery } from 'dexie';
import type { TransactionColumns } from '../engine/import/transactions';
import type { Delimiter } from '../engine/import/csv';
import { emptySkips, SKIP_REASONS, type ImportReport } from '../engine/import/importReport';
import { columnFacts, DATASET_CHUNK_ROWS, DATASET_FORMAT, decodeDatasetChunks, encodeDatasetChunks } from './datasetCodec';
import type { DatasetChunkRecord, PlannerDb } from './db';

export type { DatasetChunkRecord } from './db';
export { columnFacts, DATASET_CHUNK_ROWS, DATASET_FORMAT, DatasetDamagedError, decodeDatasetChunks, encodeDatasetChunks, type ColumnFacts } from './datasetCodec';

export interface DatasetSource {
  kind: 'csv' | 'xlsx';
  /** The file came compressed (.gz) or inside a .zip. */
  container: 'gzip' | 'zip' | null;
  /** CSV: the encoding the file was read with. */
  encoding: string | null;
  delimiter: Delimiter | null;
  /** XLSX: the sheet read. */
  sheet: string | null;
}

export interface DatasetMeta {
  id: string;
  planId: string;
  name: string;
  fileName: string;
  createdAt: number;
  rows: number;
  /** Distinct customers with at least one imported row. */
  customers: number;
  /** The channel and region names (dictionary order: first appearance in the file). */
  channels: string[];
  regions: string[];
  /** Distinct products. */
  products: number;
  /** days since 1970-01-01 UTC */
  firstDay: number;
  lastDay: number;
  /** Size of the imported file. */
  bytes: number;
  /** stored size of the chunks (typed arrays as stored, dictionary text at two bytes a character) */
  storedBytes: number;
  report: ImportReport;
  hasChannel: boolean;
  hasRegion: boolean;
  hasProduct: boolean;
  hasOrderId: boolean;
  hasQuantity: boolean;
  source: DatasetSource;
  /** Chunk layout version (DATASET_FORMAT) and rows per chunk. */
  format: number;
  chunkRows: number;
}

/** Everything a new data set's metadata records, besides what follows from its columns. */
export interface NewDataset {
  id: string;
  planId: string;
  name: string;
  fileName: string;
  /** Size of the imported file. */
  bytes: number;
  createdAt: number;
  report: ImportReport;
  source: DatasetSource;
}

/** The metadata of a data set about to be stored, and its chunk records. */
export function encodeDataset(dataset: NewDataset, columns: TransactionColumns): { meta: DatasetMeta; chunks: DatasetChunkRecord[] } {
  const facts = columnFacts(columns);
  const { chunks, storedBytes } = encodeDatasetChunks(dataset.id, columns);
  const meta: DatasetMeta = {
    ...dataset,
    rows: columns.length,
    customers: facts.customers,
    channels: columns.channel ? [...columns.channel.values] : [],
    regions: columns.region ? [...columns.region.values] : [],
    products: columns.product ? columns.product.values.length : 0,
    firstDay: facts.firstDay,
    lastDay: facts.lastDay,
    storedBytes,
    hasChannel: columns.channel !== null,
    hasRegion: columns.region !== null,
    hasProduct: columns.product !== null,
    hasOrderId: columns.orderId !== null,
    hasQuantity: columns.quantity !== null,
    format: DATASET_FORMAT,
    chunkRows: DATASET_CHUNK_ROWS,
  };
  return { meta, chunks };
}

/**
 * A stored metadata record as the current code reads it: records written before the import knew
 * order statuses, title lines and compressed files lack those fields, which mean "none" there.
 */
export function restoreDatasetMeta(stored: DatasetMeta): DatasetMeta {
  const report = stored.report as Partial<ImportReport> & Pick<ImportReport, 'skipped'>;
  const skipped = { ...emptySkips(), ...report.skipped };
  for (const reason of SKIP_REASONS) skipped[reason] = skipped[reason] ?? { count: 0, rows: [] };
  return {
    ...stored,
    source: { ...stored.source, container: stored.source.container ?? null },
    report: {
      ...(stored.report as ImportReport),
      skipped,
      rowsAboveHeader: report.rowsAboveHeader ?? 0,
      statuses: report.statuses ?? [],
      statusRows: report.statusRows ?? null,
    },
  };
}

export class DatasetNotFoundError extends Error {
  constructor(readonly datasetId: string) {
    super(`no data set ${datasetId}`);
    this.name = 'DatasetNotFoundError';
  }
}

export function newDatasetId(): string {
  // getRandomValues works in every context; randomUUID only in secure ones.
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return 'd' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// ---------------------------------------------------------------------------------------------
// Storage

/** Whether an IndexedDB failure is the storage being full (Dexie may wrap it, or list it in a bulk error). */
export function isQuotaError(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== 'object' || depth > 4) return false;
  const err = e as { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  if (err.name === 'QuotaExceededError') return true;
  if (isQuotaError(err.inner, depth + 1) || isQuotaError(err.cause, depth + 1)) return true;
  const failures = err.failures;
  if (failures && typeof failures === 'object') {
    for (const f of Object.values(failures).slice(0, 8)) if (isQuotaError(f, depth + 1)) return true;
  }
  return false;
}

/**
 * Writes a data set — metadata and every chunk — in one transaction: all of it or nothing. Keys are
 * added, never overwritten, so an id that already exists fails the whole write (RELIABILITY 11).
 * Aborting `signal` while the transaction runs aborts it (rejects with an AbortError).
 */
export async function saveDataset(db: PlannerDb, meta: DatasetMeta, chunks: readonly DatasetChunkRecord[], signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  await db.transaction('rw', db.datasets, db.datasetChunks, async (tx) => {
    // An abort before the transaction got going throws here, which aborts it.
    signal?.throwIfAborted();
    const abort = () => tx.abort();
    signal?.addEventListener('abort', abort, { once: true });
    try {
      await db.datasetChunks.bulkAdd(chunks as DatasetChunkRecord[]);
      await db.datasets.add(meta);
    } finally {
      signal?.removeEventListener('abort', abort);
    }
  });
}

/** A data set's metadata and columns, read in one transaction (a consistent snapshot). */
export async function loadDataset(db: PlannerDb, id: string): Promise<{ meta: DatasetMeta; columns: TransactionColumns }> {
  const { meta, records } = await db.transaction('r', db.datasets, db.datasetChunks, async () => {
    const meta = await db.datasets.get(id);
    const records = meta ? await db.datasetChunks.where('datasetId').equals(id).toArray() : [];
    return { meta, records };
  });
  if (!meta) throw new DatasetNotFoundError(id);
  return { meta: restoreDatasetMeta(meta), columns: decodeDatasetChunks(meta, records) };
}

/**
 * Deletes every data set of the given plans, inside the caller's transaction (which must include the
 * datasets and datasetChunks tables): a plan's purge takes its data sets with it, all or nothing.
 */
export async function deleteDatasetsOfPlans(db: PlannerDb, planIds: readonly string[]): Promise<number> {
  if (planIds.length === 0) return 0;
  const ids = await db.datasets.where('planId').anyOf(planIds as string[]).primaryKeys();
  if (ids.length === 0) return 0;
  await db.datasetChunks.where('datasetId').anyOf(ids).delete();
  await db.datasets.bulkDelete(ids);
  return ids.length;
}

/** The data sets of plans: list, rename, delete (each one transaction). */
export class DatasetRepo {
  constructor(readonly db: PlannerDb) {}

  /** Newest first. */
  async list(planId: string): Promise<DatasetMeta[]> {
    const all = (await this.db.datasets.where('planId').equals(planId).toArray()).map(restoreDatasetMeta);
    return all.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  }

  async get(id: string): Promise<DatasetMeta | undefined> {
    const meta = await this.db.datasets.get(id);
    return meta && restoreDatasetMeta(meta);
  }

  /** The metadata and all its chunks, in one transaction. */
  async delete(id: string): Promise<void> {
    await this.db.transaction('rw', this.db.datasets, this.db.datasetChunks, async () => {
      await this.db.datasetChunks.where('datasetId').equals(id).delete();
      await this.db.datasets.delete(id);
    });
  }

  async rename(id: string, name: string): Promise<void> {
    const changed = await this.db.datasets.update(id, { name });
    if (changed === 0 && !(await this.db.datasets.get(id))) throw new DatasetNotFoundError(id);
  }

  /** Calls `onList` with the plan's data sets now and after every change, from any tab or worker. */
  watch(planId: string, onList: (list: DatasetMeta[]) => void, onError: (e: unknown) => void): () => void {
    const sub = liveQuery(() => this.list(planId)).subscribe({ next: onList, error: onError });
    return () => sub.unsubscribe();
  }
}
