/**
 * The main thread's way to the customers worker, which imports transaction files, analyses data
 * sets and reads IndexedDB itself. Every call takes an AbortSignal: aborting sends the worker a
 * cancel for that call (the worker stops at its next step) and rejects at once with an AbortError,
 * so a superseded request never holds up the newer one and the loaded data set stays loaded.
 *
 * An import is the one call that may be deep in a parse when cancelled: a worker that does not stop
 * within CANCEL_GRACE_MS is terminated (an uncommitted transaction dies with it) and the data set the
 * import would have written is deleted by id, in case the commit went through at that very moment.
 * A cancel that reaches the worker after the data set was committed comes back as 'done': it was
 * stored, and the UI shows it.
 *
 * Failures come back as CustomersError with a code (see customersTypes.ts).
 */
import type { ChannelOrderValues } from '../engine/experiments/orderValueByChannel';
import * as Comlink from 'comlink';
import type { AnalysisOptions, ClvRequest, ClvResult, CustomerAnalysis, MembershipExport, MigrationResult, Segmentation } from '../engine/customers/analysisTypes';
import type { ClvProgress } from '../engine/customers/clvAnalysis';
import type { RegionClvProgress, RegionClvResult } from '../engine/customers/regionClv';
import type { ElasticityAnalysis, ElasticityProgress } from '../engine/elasticity';
import type { PreviewOverrides } from '../engine/import/preview';
import { newDatasetId } from '../persistence/datasets';
import type { ActualRecord } from '../engine/actuals/records';
import type { TableFileOutcome } from './actualsTasks';
import type { CustomersApi } from './customersApi';
import { CustomersError, type CustomersErrorCode, type ImportOptions, type ImportOutcome, type ImportProgress, type PreviewOutcome, type SummaryImportOutcome } from './customersTypes';
import { AbortedError, WorkerHandle } from './workerHandle';

/** How long a cancelled import may take to stop by itself before its worker is terminated. */
export const CANCEL_GRACE_MS = 3000;

const handle = new WorkerHandle<CustomersApi>(
  () => new Worker(new URL('./customers.worker.ts', import.meta.url), { type: 'module', name: 'customers' }),
  // Keep the loaded data set for a while between visits to the tab.
  { idleMs: 10 * 60_000 },
);

const CODES: readonly CustomersErrorCode[] = ['datasetMissing', 'datasetDamaged', 'clvNoHistory', 'clvNoData', 'summaryTooLarge'];

/** Comlink carries an error's name and message across the worker boundary, not its class. */
function fromWorker(e: unknown): unknown {
  if (e instanceof Error && e.name === 'CustomersError' && (CODES as readonly string[]).includes(e.message)) return new CustomersError(e.message as CustomersErrorCode);
  if (e instanceof Error && e.name === 'AbortError') return new AbortedError();
  return e;
}

/** A worker call under a fresh call id, cancelled in the worker when `signal` aborts. */
function cancellable<R>(signal: AbortSignal | undefined, call: (api: Comlink.Remote<CustomersApi>, callId: string) => Promise<R>): Promise<R> {
  if (signal?.aborted) return Promise.reject(new AbortedError());
  const callId = newDatasetId();
  return new Promise<R>((resolve, reject) => {
    const onAbort = () => {
      void handle.call((api) => api.cancel(callId)).catch(() => undefined);
      reject(new AbortedError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    handle
      .call((api) => call(api, callId))
      .then(resolve, (e: unknown) => reject(fromWorker(e)))
      .finally(() => signal?.removeEventListener('abort', onAbort));
  });
}

/** Encoding, delimiter, sheet, first rows and header layout of a file, or why it cannot be read. */
export function previewFile(file: File, overrides: PreviewOverrides = {}): Promise<PreviewOutcome> {
  return handle.call<PreviewOutcome>((api) => api.previewFile(file, overrides));
}

/** Imports a file as a new data set of the plan; see the module comment for cancelling. */
export function importFile(file: File, options: ImportOptions, onProgress: (p: ImportProgress) => void, signal: AbortSignal): Promise<ImportOutcome> {
  if (signal.aborted) return Promise.resolve({ kind: 'cancelled' });
  const callId = newDatasetId();
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
      void handle.call((api) => api.cancel(callId)).catch(() => undefined);
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
      .call<ImportOutcome>((api) => api.importFile(file, options, Comlink.proxy(onProgress), callId, datasetId))
      .then(
        (outcome) => settle(outcome),
        (e: unknown) => settle(null, fromWorker(e)),
      );
  });
}

export function analyse(datasetId: string, options: AnalysisOptions, signal?: AbortSignal): Promise<CustomerAnalysis> {
  return cancellable(signal, (api, id) => api.analyse(id, datasetId, options));
}

export function migration(datasetId: string, fromDay: number, toDay: number, options: AnalysisOptions, signal?: AbortSignal): Promise<MigrationResult> {
  return cancellable(signal, (api, id) => api.migration(id, datasetId, fromDay, toDay, options));
}

export function clv(datasetId: string, request: ClvRequest, segmentation: Segmentation, onProgress: (p: ClvProgress) => void, signal?: AbortSignal): Promise<ClvResult> {
  return cancellable(signal, (api, id) => api.clv(id, datasetId, request, segmentation, Comlink.proxy(onProgress)));
}

/** CLV fitted per region, to each region's customers alone. */
export function regionClv(datasetId: string, request: ClvRequest, segmentation: Segmentation, onProgress: (p: RegionClvProgress) => void, signal?: AbortSignal): Promise<RegionClvResult> {
  return cancellable(signal, (api, id) => api.regionClv(id, datasetId, request, segmentation, Comlink.proxy(onProgress)));
}

/** Price elasticity per product and pooled per channel of a data set, with progress. */
export function elasticity(datasetId: string, onProgress: (p: ElasticityProgress) => void, signal?: AbortSignal): Promise<ElasticityAnalysis> {
  return cancellable<ElasticityAnalysis>(signal, (api, id) => api.elasticity(id, datasetId, Comlink.proxy(onProgress)));
}

/** Order values per channel of a data set (null: the data has no channel column). */
export function orderValues(datasetId: string, signal?: AbortSignal): Promise<ChannelOrderValues[] | null> {
  return cancellable<ChannelOrderValues[] | null>(signal, (api, id) => api.orderValues(id, datasetId));
}

/** Customer id, R, F, M, scores, segment and ABC class of every customer (for a CRM export). */
export function exportMembership(datasetId: string, options: AnalysisOptions, signal?: AbortSignal): Promise<MembershipExport> {
  return cancellable(signal, (api, id) => api.exportMembership(id, datasetId, options));
}

/** Reads and analyses the customer summary file the warehouse SQL produced, in the worker. */
export function importSummary(file: File, signal?: AbortSignal): Promise<SummaryImportOutcome> {
  return cancellable<SummaryImportOutcome>(signal, (api, id) => api.importSummary(id, file));
}

/** The cells of a monthly actuals table file, read in the worker. */
export function readActualsTable(file: File): Promise<TableFileOutcome> {
  return handle.call<TableFileOutcome>((api) => api.readActualsTable(file));
}

/** A data set's monthly actuals per channel × region × month, aggregated in the worker. */
export function monthlyActuals(datasetId: string, moneyDigits: number, datasetName: string, signal?: AbortSignal): Promise<ActualRecord[]> {
  return cancellable(signal, (api, id) => api.monthlyActuals(id, datasetId, moneyDigits, datasetName));
}

/** Tells the worker a data set is gone (after DatasetRepo.delete), so it drops it from memory. */
export function forgetDataset(datasetId: string): Promise<void> {
  return handle.call((api) => api.forget(datasetId));
}

/** Stops the worker (e.g. when the Customers tab closes for good); the next call starts a new one. */
export function disposeCustomersWorker(): void {
  handle.terminate();
}
