// Shared set-up of the customers pipeline tests: a fresh database, the worker's api in-process, files.
import { readFileSync } from 'node:fs';
import type { AnalysisOptions, ClvRequest, Segmentation } from '../../../src/engine/customers/analysisTypes';
import { DEFAULT_POLICIES, type ColumnMapping } from '../../../src/engine/import/columns';
import { describePreview, type PreviewOverrides } from '../../../src/engine/import/preview';
import { PlannerDb } from '../../../src/persistence/db';
import { createCustomersApi, fflateInflate, platformDecoders, platformGunzip } from '../../../src/workers/customersApi';
import type { ImportFile } from '../../../src/workers/customersImport';
import type { ImportOptions, ImportOutcome, ImportProgress } from '../../../src/workers/customersTypes';

let dbCount = 0;

/** A database of its own per test (fake-indexeddb keeps them apart by name); `setUp` runs before it opens. */
export async function freshDb(setUp?: (db: PlannerDb) => void): Promise<PlannerDb> {
  const db = new PlannerDb(`customers-pipeline-${++dbCount}-${Date.now()}`);
  setUp?.(db);
  await db.open();
  return db;
}

export function rawApiFor(db: PlannerDb) {
  return createCustomersApi({ db, decoders: platformDecoders, inflate: fflateInflate, gunzip: platformGunzip });
}

/** A preview that failed, thrown by the test api's previewFile. */
export class PreviewFailed extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = 'PreviewFailed';
  }
}

/**
 * The worker's api as the main thread uses it (customersClient.ts): calls take an AbortSignal
 * instead of a call id, and a preview comes with what the dialog derives from it (header, sample
 * rows, guessed mapping with −1 for a required field not found).
 */
export function apiFor(db: PlannerDb) {
  const api = rawApiFor(db);
  let calls = 0;
  const callId = () => `call-${++calls}`;
  return {
    raw: api,
    async previewFile(file: ImportFile, overrides: PreviewOverrides = {}) {
      const outcome = await api.previewFile(file, overrides);
      if (outcome.kind === 'failed') throw new PreviewFailed(outcome.code);
      const view = describePreview(outcome.preview, outcome.preview.layout);
      const mapping: ColumnMapping = { ...view.guess.mapping, customer: view.guess.mapping.customer ?? -1, date: view.guess.mapping.date ?? -1 };
      return { ...outcome.preview, ...view, mapping };
    },
    importFile(file: ImportFile, options: ImportOptions, onProgress: (p: ImportProgress) => unknown, signal: AbortSignal): Promise<ImportOutcome> {
      const id = callId();
      signal.addEventListener('abort', () => api.cancel(id), { once: true });
      return api.importFile(file, options, onProgress, id);
    },
    analyse: (datasetId: string, options: AnalysisOptions) => api.analyse(callId(), datasetId, options),
    migration: (datasetId: string, fromDay: number, toDay: number, options: AnalysisOptions) => api.migration(callId(), datasetId, fromDay, toDay, options),
    exportMembership: (datasetId: string, options: AnalysisOptions) => api.exportMembership(callId(), datasetId, options),
    clv: (datasetId: string, request: ClvRequest, segmentation: Segmentation) => api.clv(callId(), datasetId, request, segmentation),
    importSummary: (file: ImportFile) => api.importSummary(callId(), file),
    deleteDataset: (datasetId: string) => api.deleteDataset(datasetId),
    forget: (datasetId?: string) => api.forget(datasetId),
  };
}

export function fixtureBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url)));
}

export function fixtureText(path: string): string {
  return readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8');
}

export function fileOf(content: Uint8Array | string, name: string): File {
  return new File([content as BlobPart], name, { lastModified: 1_700_000_000_000 });
}

export function options(mapping: ColumnMapping, extra: Partial<ImportOptions> = {}): ImportOptions {
  return { planId: 'plan-1', name: 'Test data', mapping, policies: { ...DEFAULT_POLICIES }, ...extra };
}

export const ignoreProgress = (_p: ImportProgress): void => undefined;

export function expectDone(outcome: ImportOutcome) {
  if (outcome.kind !== 'done') throw new Error(`import not done: ${JSON.stringify(outcome).slice(0, 400)}`);
  return outcome.dataset;
}

/** Every record in the data set tables, to prove that nothing was written. */
export async function storedCounts(db: PlannerDb): Promise<{ datasets: number; chunks: number }> {
  return { datasets: await db.datasets.count(), chunks: await db.datasetChunks.count() };
}

export type TestApi = ReturnType<typeof apiFor>;
