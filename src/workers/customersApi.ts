/**
 * What the customers worker exposes, as plain functions over plain data so tests call them
 * directly (with fake-indexeddb) and the worker only wraps them in Comlink. The worker reads and
 * writes IndexedDB itself: data sets never travel through the main thread.
 *
 * The last data set used stays loaded (one at a time), so switching between the Customers tab's
 * views re-runs only the analysis, not the read of millions of rows.
 */
import { Inflate } from 'fflate';
import type { Delimiter } from '../engine/import/csv';
import type { TextDecoderFactory } from '../engine/import/encoding';
import type { InflateFactory } from '../engine/import/zip';
import { DatasetNotFoundError, DatasetRepo, loadDataset } from '../persistence/datasets';
import { analyse, clv, membership, migration, prepareDataset, type LoadedDataset } from './customersAnalysis';
import { importFile, previewFile, type ImportDeps, type ImportFile, type PendingImport } from './customersImport';
import type { AnalysisOptions, ClvOptions, ClvResult, CustomerAnalysis, FilePreview, ImportOptions, ImportOutcome, ImportProgress, MembershipExport, MigrationResult } from './customersTypes';

export const platformDecoders: TextDecoderFactory = (label, options) => new TextDecoder(label, options);

/** fflate's streaming inflater behind the engine's InflateFactory. */
export const fflateInflate: InflateFactory = (onData) => {
  const inflater = new Inflate(onData);
  return { push: (data, final) => inflater.push(data, final) };
};

export function createCustomersApi(deps: ImportDeps) {
  let loaded: LoadedDataset | null = null;
  let pending: PendingImport | null = null;
  const imports = new Map<string, AbortController>();

  async function load(id: string): Promise<LoadedDataset> {
    if (loaded?.meta.id === id) {
      // A data set deleted meanwhile (in any tab) is not analysed from memory.
      if (await deps.db.datasets.get(id)) return loaded;
      loaded = null;
      throw new DatasetNotFoundError(id);
    }
    // Let the previous columns go before reading the next ones.
    loaded = null;
    const { meta, columns } = await loadDataset(deps.db, id);
    loaded = prepareDataset(meta, columns);
    return loaded;
  }

  async function runImport(
    file: ImportFile, options: ImportOptions, onProgress: (p: ImportProgress) => void, signal: AbortSignal, datasetId?: string,
  ): Promise<ImportOutcome> {
    const parked = pending;
    pending = null;
    const result = await importFile(file, options, onProgress, signal, deps, parked, datasetId);
    if (result.pending) pending = result.pending;
    if (result.outcome.kind === 'done' && result.columns) {
      // The columns just written are the ones the next analysis will want.
      loaded = prepareDataset(result.outcome.dataset, result.columns);
    }
    return result.outcome;
  }

  return {
    previewFile(file: ImportFile, overrides: { encoding?: string; delimiter?: Delimiter; sheet?: string } = {}): Promise<FilePreview> {
      return previewFile(file, overrides, deps);
    },

    /** Imports with an AbortSignal (in-process callers and tests). */
    importFile: runImport,

    /** Imports under an id that `cancelImport` can cancel (the worker's way: a signal cannot cross postMessage). */
    async startImport(file: ImportFile, options: ImportOptions, onProgress: (p: ImportProgress) => void, importId: string, datasetId?: string): Promise<ImportOutcome> {
      const controller = new AbortController();
      imports.set(importId, controller);
      try {
        return await runImport(file, options, onProgress, controller.signal, datasetId);
      } finally {
        imports.delete(importId);
      }
    },

    /** Cancels an import started with `startImport`; true if it was still running. */
    cancelImport(importId: string): boolean {
      const controller = imports.get(importId);
      controller?.abort();
      return controller !== undefined;
    },

    async analyse(datasetId: string, options: AnalysisOptions): Promise<CustomerAnalysis> {
      return analyse(await load(datasetId), options);
    },

    async migration(datasetId: string, fromDay: number, toDay: number, options: AnalysisOptions): Promise<MigrationResult> {
      return migration(await load(datasetId), fromDay, toDay, options);
    },

    async clv(datasetId: string, options: ClvOptions, segmentation: AnalysisOptions['segmentation']): Promise<ClvResult> {
      return clv(await load(datasetId), options, segmentation);
    },

    async exportMembership(datasetId: string, options: AnalysisOptions): Promise<MembershipExport> {
      return membership(await load(datasetId), options);
    },

    /** Deletes a data set (metadata and chunks, one transaction); nothing happens if there is none. */
    async deleteDataset(datasetId: string): Promise<void> {
      if (loaded?.meta.id === datasetId) loaded = null;
      await new DatasetRepo(deps.db).delete(datasetId);
    },

    /** Drops the loaded data set (e.g. after it was deleted). */
    forget(datasetId?: string): void {
      if (datasetId === undefined || loaded?.meta.id === datasetId) loaded = null;
    },
  };
}

export type CustomersApi = ReturnType<typeof createCustomersApi>;

/**
 * The shape the worker exposes through Comlink: imports are cancelled by id, since an AbortSignal
 * cannot cross postMessage; progress arrives through a Comlink proxy and is never awaited.
 */
export function workerApi(api: CustomersApi) {
  return {
    previewFile: (file: ImportFile, overrides?: { encoding?: string; delimiter?: Delimiter; sheet?: string }) => api.previewFile(file, overrides),
    importFile: (file: ImportFile, options: ImportOptions, onProgress: (p: ImportProgress) => unknown, importId: string, datasetId?: string) =>
      api.startImport(file, options, (p) => void Promise.resolve(onProgress(p)).catch(() => undefined), importId, datasetId),
    cancelImport: (importId: string) => api.cancelImport(importId),
    deleteDataset: (datasetId: string) => api.deleteDataset(datasetId),
    analyse: (datasetId: string, options: AnalysisOptions) => api.analyse(datasetId, options),
    migration: (datasetId: string, fromDay: number, toDay: number, options: AnalysisOptions) => api.migration(datasetId, fromDay, toDay, options),
    clv: (datasetId: string, options: ClvOptions, segmentation: AnalysisOptions['segmentation']) => api.clv(datasetId, options, segmentation),
    exportMembership: (datasetId: string, options: AnalysisOptions) => api.exportMembership(datasetId, options),
    forget: (datasetId?: string) => api.forget(datasetId),
  };
}

export type CustomersWorkerApi = ReturnType<typeof workerApi>;
