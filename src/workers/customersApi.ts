/**
 * What the customers worker exposes, as plain functions over plain data so tests call them directly
 * (with fake-indexeddb) and the worker only wraps them in Comlink. The domain is the engine's
 * (engine/import, engine/customers); this adds IndexedDB, the loaded data set, and cancellation.
 *
 * The last data set used stays loaded (one at a time), so switching between the Customers tab's
 * views re-runs only the analysis, not the read of millions of rows.
 *
 * Cancellation: every long call takes a call id; `cancel(id)` aborts it. An AbortSignal cannot
 * cross postMessage, so the client sends the cancel when its signal fires. Imports check between
 * chunks; the CLV runs as engine steps with a yield to the event loop every few milliseconds, so a
 * cancel (or a newer request) is read mid-run and a superseded run stops there.
 */
import { orderValuesByChannel, type ChannelOrderValues } from '../engine/experiments/orderValueByChannel';
import { Inflate } from 'fflate';
import { analyse, clvSteps, groupOrders, membership, migration, analyseSummaryFile, AnalysisError, regionClvSteps } from '../engine/customers';
import { elasticitySteps, type ElasticityAnalysis, type ElasticityProgress } from '../engine/elasticity';
import type { AnalysisOptions, ClvRequest, ClvResult, CustomerAnalysis, MembershipExport, MigrationResult, Segmentation } from '../engine/customers/analysisTypes';
import type { ActualRecord } from '../engine/actuals/records';
import type { ClvProgress } from '../engine/customers/clvAnalysis';
import type { RegionClvProgress, RegionClvResult } from '../engine/customers/regionClv';
import type { OrderData } from '../engine/customers/orders';
import type { TextDecoderFactory } from '../engine/import/encoding';
import type { PreviewOverrides } from '../engine/import/preview';
import type { InflateFactory } from '../engine/import/zip';
import { DatasetDamagedError, DatasetNotFoundError, DatasetRepo, loadDataset } from '../persistence/datasets';
import { Cancelled, importFile, previewFile, yieldToEvents, type ImportDeps, type ImportFile, type PendingImport } from './customersImport';
import { monthlyOfColumns, readTableFile, type TableFileOutcome } from './actualsTasks';
import { gunzip } from './customersSources';
import { CustomersError, type ImportOptions, type ImportOutcome, type ImportProgress, type PreviewOutcome, type SummaryImportOutcome } from './customersTypes';

export const platformDecoders: TextDecoderFactory = (label, options) => new TextDecoder(label, options);

/** fflate's streaming inflater behind the engine's InflateFactory. */
export const fflateInflate: InflateFactory = (onData) => {
  const inflater = new Inflate(onData);
  return { push: (data, final) => inflater.push(data, final) };
};

export const platformGunzip = gunzip;

/** A summary file has one row per customer: even ten million customers stay well under this. */
export const MAX_SUMMARY_BYTES = 200 * 1024 * 1024;
const SHOWN_SUMMARY_PROBLEMS = 20;
/** Longest stretch of computing before the worker reads its messages (a cancel, a newer request). */
const SLICE_MS = 25;

/** Runs engine steps to the end, yielding every SLICE_MS; throws Cancelled once `signal` aborts. */
async function drive<P, R>(steps: Generator<P, R>, signal: AbortSignal, onStep?: (p: P) => void): Promise<R> {
  let last = performance.now();
  for (;;) {
    if (signal.aborted) throw new Cancelled();
    const next = steps.next();
    if (next.done) return next.value;
    const now = performance.now();
    if (now - last >= SLICE_MS) {
      onStep?.(next.value);
      await yieldToEvents();
      last = performance.now();
    }
  }
}

/** Errors of the storage and the engine as coded errors (they cross the worker boundary by name and message). */
function coded(e: unknown): unknown {
  if (e instanceof DatasetNotFoundError) return new CustomersError('datasetMissing');
  if (e instanceof DatasetDamagedError) return new CustomersError('datasetDamaged');
  if (e instanceof AnalysisError) return new CustomersError(e.code);
  return e;
}

/** A callback that may be a Comlink proxy: its answer is never awaited, and a failed call is ignored. */
const unawaited = <T>(callback: (value: T) => unknown) => (value: T) => void Promise.resolve(callback(value)).catch(() => undefined);

export function createCustomersApi(deps: ImportDeps) {
  let loaded: { id: string; data: OrderData } | null = null;
  let pending: PendingImport | null = null;
  const calls = new Map<string, AbortController>();

  async function load(id: string): Promise<OrderData> {
    if (loaded?.id === id) {
      // A data set deleted meanwhile (in any tab) is not analysed from memory.
      if (await deps.db.datasets.get(id)) return loaded.data;
      loaded = null;
      throw new DatasetNotFoundError(id);
    }
    // Let the previous columns go before reading the next ones.
    loaded = null;
    const { columns } = await loadDataset(deps.db, id);
    loaded = { id, data: groupOrders(columns) };
    return loaded.data;
  }

  /** Runs a call under its id, so that `cancel(id)` reaches it; storage and engine errors coded. */
  async function run<T>(callId: string, body: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    calls.set(callId, controller);
    try {
      return await body(controller.signal);
    } catch (e) {
      throw coded(e);
    } finally {
      calls.delete(callId);
    }
  }

  /** Loads the data set, then runs a quick analysis unless the call was cancelled meanwhile. */
  const quick = <T>(callId: string, datasetId: string, analysis: (data: OrderData) => T): Promise<T> =>
    run(callId, async (signal) => {
      const data = await load(datasetId);
      if (signal.aborted) throw new Cancelled();
      return analysis(data);
    });

  return {
    previewFile(file: ImportFile, overrides: PreviewOverrides = {}): Promise<PreviewOutcome> {
      return previewFile(file, overrides, deps);
    },

    /** Imports a file as a new data set under `datasetId` (known before the write, to clean up after a forced stop). */
    importFile(file: ImportFile, options: ImportOptions, onProgress: (p: ImportProgress) => unknown, callId: string, datasetId?: string): Promise<ImportOutcome> {
      return run(callId, async (signal) => {
        const parked = pending;
        pending = null;
        const result = await importFile(file, options, unawaited(onProgress), signal, deps, parked, datasetId);
        if (result.pending) pending = result.pending;
        if (result.outcome.kind === 'done' && result.columns) {
          // The columns just written are the ones the next analysis will want.
          loaded = { id: result.outcome.dataset.id, data: groupOrders(result.columns) };
        }
        return result.outcome;
      });
    },

    /** Cancels a call still running; true if there was one. */
    cancel(callId: string): boolean {
      const controller = calls.get(callId);
      controller?.abort();
      return controller !== undefined;
    },

    analyse(callId: string, datasetId: string, options: AnalysisOptions): Promise<CustomerAnalysis> {
      return quick(callId, datasetId, (data) => analyse(data, options));
    },

    migration(callId: string, datasetId: string, fromDay: number, toDay: number, options: AnalysisOptions): Promise<MigrationResult> {
      return quick(callId, datasetId, (data) => migration(data, fromDay, toDay, options));
    },

    exportMembership(callId: string, datasetId: string, options: AnalysisOptions): Promise<MembershipExport> {
      return quick(callId, datasetId, (data) => membership(data, options));
    },

    clv(callId: string, datasetId: string, request: ClvRequest, segmentation: Segmentation, onProgress?: (p: ClvProgress) => unknown): Promise<ClvResult> {
      return run(callId, async (signal) => drive(clvSteps(await load(datasetId), request, segmentation), signal, onProgress && unawaited(onProgress)));
    },

    /** CLV fitted region by region (each region's customers alone); the same progress and cancel as `clv`. */
    regionClv(callId: string, datasetId: string, request: ClvRequest, segmentation: Segmentation, onProgress?: (p: RegionClvProgress) => unknown): Promise<RegionClvResult> {
      return run(callId, async (signal) => drive(regionClvSteps(await load(datasetId), request, segmentation), signal, onProgress && unawaited(onProgress)));
    },
    /** Price elasticity per product and pooled per channel (docs/model.md#price-elasticity). */
    elasticity(callId: string, datasetId: string, onProgress?: (p: ElasticityProgress) => unknown): Promise<ElasticityAnalysis> {
      return run(callId, async (signal) => drive(elasticitySteps((await load(datasetId)).columns), signal, onProgress && unawaited(onProgress)));
    },

    /** Order values per channel (count, mean, sd), for the order-value test's variance. */
    orderValues(callId: string, datasetId: string): Promise<ChannelOrderValues[] | null> {
      return quick(callId, datasetId, (data) => orderValuesByChannel(data));
    },

    /** Reads and analyses a customer summary file (one row per customer, from the SQL of the Beyond panel). */
    importSummary(callId: string, file: ImportFile): Promise<SummaryImportOutcome> {
      return run(callId, async (signal) => {
        if (file.size > MAX_SUMMARY_BYTES) return { kind: 'tooLarge', size: file.size, max: MAX_SUMMARY_BYTES };
        const text = await file.text();
        if (signal.aborted) throw new Cancelled();
        const result = analyseSummaryFile(text, SHOWN_SUMMARY_PROBLEMS);
        return result.ok ? { kind: 'done', analysis: result.analysis } : { kind: 'failed', problems: result.problems, problemCount: result.problemCount };
      });
    },

    /** Reads the cells of a monthly actuals table (CSV or XLSX). */
    readActualsTable(file: ImportFile): Promise<TableFileOutcome> {
      return readTableFile(file, deps);
    },

    /** A data set aggregated per channel × region × month (net revenue, orders, customers, units). */
    monthlyActuals(callId: string, datasetId: string, moneyDigits: number, datasetName: string): Promise<ActualRecord[]> {
      return quick(callId, datasetId, (data) => monthlyOfColumns(data.columns, moneyDigits, datasetName));
    },

    /** Deletes a data set (metadata and chunks, one transaction); nothing happens if there is none. */
    async deleteDataset(datasetId: string): Promise<void> {
      if (loaded?.id === datasetId) loaded = null;
      await new DatasetRepo(deps.db).delete(datasetId);
    },

    /** Drops the loaded data set (e.g. after it was deleted). */
    forget(datasetId?: string): void {
      if (datasetId === undefined || loaded?.id === datasetId) loaded = null;
    },
  };
}

export type CustomersApi = ReturnType<typeof createCustomersApi>;
