/**
 * The UI's way to import transaction files and analyse data sets: everything runs in the customers
 * worker, which also reads and writes IndexedDB itself. Data sets are listed, renamed and deleted
 * on the main thread with DatasetRepo (persistence/datasets.ts).
 *
 * Cancelling an import: aborting the signal sends the worker a cancel for that import, which it
 * honours at its next chunk (within about 50 ms: the parse yields to its event loop that often), or
 * by aborting the write transaction if that is running; the outcome is then 'cancelled' and nothing
 * is stored. A worker that does not answer within CANCEL_GRACE_MS is terminated (an uncommitted
 * transaction dies with it) and the data set the import would have written is deleted by id, in
 * case the commit went through at that very moment. A cancel that reaches the worker after the data
 * set was committed comes back as 'done': it was stored, and the UI shows it.
 *
 * Analyses take an optional AbortSignal: aborting terminates the worker (the only way to stop
 * synchronous work), as the other workers' clients do.
 */
import * as Comlink from 'comlink';
import type { Delimiter } from '../engine/import/csv';
import { newDatasetId } from '../persistence/datasets';
import type { CustomersWorkerApi } from './customersApi';
import type {
  AnalysisOptions,
  ClvOptions,
  ClvResult,
  CustomerAnalysis,
  FilePreview,
  ImportFailureCode,
  ImportOptions,
  ImportOutcome,
  ImportProgress,
  MembershipExport,
  MigrationResult,
} from './customersTypes';
import { WorkerHandle } from './workerHandle';

export type {
  AbcSummary,
  AnalysisOptions,
  ClvOptions,
  ClvResult,
  CohortGrid,
  CohortView,
  CustomerAnalysis,
  CutPoints,
  FilePreview,
  ImportFailureCode,
  ImportOptions,
  ImportOutcome,
  ImportProgress,
  MembershipExport,
  MigrationResult,
  ProductAbc,
  ScatterPoint,
  SegmentChannelView,
} from './customersTypes';

/** How long a cancelled import may take to stop by itself before its worker is terminated. */
export const CANCEL_GRACE_MS = 3000;

/** The file cannot be previewed: `code` says why (the same codes as a failed import). */
export class PreviewError extends Error {
  constructor(readonly code: ImportFailureCode) {
    super(code);
    this.name = 'PreviewError';
  }
}

const handle = new WorkerHandle<CustomersWorkerApi>(
  () => new Worker(new URL('./customers.worker.ts', import.meta.url), { type: 'module', name: 'customers' }),
  // Keep the loaded data set for a while between visits to the tab.
  { idleMs: 10 * 60_000 },
);

/** Encoding, delimiter, sheet, header and sample rows of a file, with the guessed column mapping. */
export async function previewFile(file: File, overrides: { encoding?: string; delimiter?: Delimiter; sheet?: string } = {}): Promise<FilePreview> {
  try {
    return await handle.call((api) => api.previewFile(file, overrides));
  } catch (e) {
    // Comlink carries an error's name and message across the worker boundary, not its fields.
    if (e instanceof Error && e.name === 'PreviewError') throw new PreviewError(e.message as ImportFailureCode);
    throw e;
  }
}

/** Imports a file as a new data set of the plan; see the module comment for cancelling. */
export function importFile(file: File, options: ImportOptions, onProgress: (p: ImportProgress) => void, signal: AbortSignal): Promise<ImportOutcome> {
  if (signal.aborted) return Promise.resolve({ kind: 'cancelled' });
  const importId = newDatasetId();
  const datasetId = newDatasetId();
  return new Promise<ImportOutcome>((resolve, reject) => {
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const settle = (outcome: ImportOutcome | null, error?: unknown) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      if (outcome) resolve(outcome);
      else reject(error);
    };
    const onAbort = () => {
      void handle.call((api) => api.cancelImport(importId)).catch(() => undefined);
      timer = setTimeout(() => {
        if (settled) return;
        handle.terminate();
        settle({ kind: 'cancelled' });
        // The terminated worker may have committed just before it stopped.
        void handle.call((api) => api.deleteDataset(datasetId)).catch(() => undefined);
      }, CANCEL_GRACE_MS);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    handle
      .call((api) => api.importFile(file, options, Comlink.proxy(onProgress), importId, datasetId) as Promise<ImportOutcome>)
      .then(
        (outcome) => settle(outcome),
        (e: unknown) => settle(null, e),
      );
  });
}

export function analyse(datasetId: string, options: AnalysisOptions, signal?: AbortSignal): Promise<CustomerAnalysis> {
  return handle.call((api) => api.analyse(datasetId, options), signal);
}

export function migration(datasetId: string, fromDay: number, toDay: number, options: AnalysisOptions, signal?: AbortSignal): Promise<MigrationResult> {
  return handle.call((api) => api.migration(datasetId, fromDay, toDay, options), signal);
}

export function clv(datasetId: string, options: ClvOptions, segmentation: AnalysisOptions['segmentation'], signal?: AbortSignal): Promise<ClvResult> {
  return handle.call((api) => api.clv(datasetId, options, segmentation), signal);
}

/** Customer id, R, F, M, scores, segment and ABC class of every customer (for a CRM export). */
export function exportMembership(datasetId: string, options: AnalysisOptions, signal?: AbortSignal): Promise<MembershipExport> {
  return handle.call((api) => api.exportMembership(datasetId, options), signal);
}

/** Tells the worker a data set is gone (after DatasetRepo.delete), so it drops it from memory. */
export function forgetDataset(datasetId: string): Promise<void> {
  return handle.call((api) => api.forget(datasetId));
}

/** Stops the worker (e.g. when the Customers tab closes for good); the next call starts a new one. */
export function disposeCustomersWorker(): void {
  handle.terminate();
}
