/**
 * Preview and import of transaction files in the customers worker: a File made a ByteSource
 * (customersSources.ts), read by the engine
 * (engine/import: openSource, previewSource, readTransactions), and the result stored as one data
 * set in one transaction. What is worker-specific stays here: yielding to the event loop so that a
 * cancel message is read during a long parse, and keeping a parsed import while the user answers
 * the day/month question.
 */
import { resolveDayMonthOrder } from '../engine/import/dayMonth';
import type { TransactionColumns, TransactionImport } from '../engine/import/transactions';
import { ImportFailure } from '../engine/import/failure';
import { previewSource, type PreviewOverrides } from '../engine/import/preview';
import { readTransactions, type Pace, type ReadSource } from '../engine/import/read';
import { openSource, type SourceDeps } from '../engine/import/source';
import type { PlannerDb } from '../persistence/db';
import { encodeDataset, isQuotaError, newDatasetId, saveDataset } from '../persistence/datasets';
import { blobSource, type ImportFile } from './customersSources';
import type { ImportOptions, ImportOutcome, ImportProgress, PreviewOutcome } from './customersTypes';

export type { ImportFile } from './customersSources';

export interface ImportDeps extends SourceDeps {
  db: PlannerDb;
}

const PROGRESS_MS = 100;
/** Yield to the worker's event loop this often, so a cancel message is read during a long parse. */
const YIELD_MS = 50;

export const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Reports progress at most every PROGRESS_MS, yields to the event loop every YIELD_MS, and stops when cancelled. */
function pacer(onProgress: (p: ImportProgress) => void, signal: AbortSignal): Pace {
  let lastReport = -Infinity;
  let lastYield = performance.now();
  return async (p) => {
    const now = performance.now();
    if (now - lastReport >= PROGRESS_MS || p.bytesRead >= p.totalBytes) {
      lastReport = now;
      onProgress({ ...p, phase: 'reading' });
    }
    if (now - lastYield >= YIELD_MS) {
      await yieldToEvents();
      lastYield = performance.now();
    }
    if (signal.aborted) throw new Cancelled();
  };
}

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'AbortError';
  }
}

export async function previewFile(file: ImportFile, overrides: PreviewOverrides, deps: SourceDeps): Promise<PreviewOutcome> {
  try {
    return { kind: 'preview', preview: await previewSource(await openSource(blobSource(file), deps), overrides, deps) };
  } catch (e) {
    if (e instanceof ImportFailure) return { kind: 'failed', code: e.code, ...(e.detail.names ? { names: e.detail.names } : {}) };
    throw e;
  }
}

/** The parsed import waiting for a day/month answer, so the answer does not re-read the file. */
export interface PendingImport {
  key: string;
  imp: TransactionImport;
  source: ReadSource;
}

function pendingKey(file: ImportFile, options: ImportOptions): string {
  const { encoding, delimiter, sheet, mapping, policies } = options;
  return JSON.stringify([file.name, file.size, file.lastModified ?? 0, encoding ?? null, delimiter ?? null, sheet ?? null, mapping, policies]);
}

export interface ImportResult {
  outcome: ImportOutcome;
  /** The stored columns (so the worker can keep them for the analysis that follows). */
  columns?: TransactionColumns;
  /** Set when the outcome is a question. */
  pending?: PendingImport;
}

/**
 * Reads, checks and stores one file. `pending` is the import parked by an earlier call that asked
 * about the day/month order: when the options match, the answer is applied to it without a re-read.
 * `datasetId` lets the caller know the id before the write (to clean up after a forced stop).
 * Cancel: `signal` is checked between chunks, and aborts the write transaction if it fires while
 * that runs; either way nothing is stored.
 */
export async function importFile(
  file: ImportFile,
  options: ImportOptions,
  onProgress: (p: ImportProgress) => void,
  signal: AbortSignal,
  deps: ImportDeps,
  pending: PendingImport | null = null,
  datasetId: string = newDatasetId(),
): Promise<ImportResult> {
  try {
    const key = pendingKey(file, options);
    let imp: TransactionImport;
    let source: ReadSource;
    if (pending && pending.key === key && options.dayMonthOrder) {
      imp = resolveDayMonthOrder(pending.imp, options.dayMonthOrder);
      source = pending.source;
    } else {
      const opened = await openSource(blobSource(file), deps);
      ({ imp, source } = await readTransactions(opened, options, pacer(onProgress, signal), deps));
    }
    if (imp.question) return { outcome: { kind: 'question', question: imp.question }, pending: { key, imp, source } };
    if (imp.report.rowsImported === 0) return { outcome: { kind: 'failed', code: 'noRows', report: imp.report } };
    if (signal.aborted) throw new Cancelled();

    onProgress({ bytesRead: file.size, totalBytes: file.size, rows: imp.report.rowsRead, phase: 'saving' });
    const { meta, chunks } = encodeDataset(
      { id: datasetId, planId: options.planId, name: options.name, fileName: file.name, bytes: file.size, createdAt: Date.now(), report: imp.report, source },
      imp.columns,
    );
    if (signal.aborted) throw new Cancelled();
    try {
      await saveDataset(deps.db, meta, chunks, signal);
    } catch (e) {
      if (signal.aborted) throw new Cancelled();
      return { outcome: { kind: 'failed', code: isQuotaError(e) ? 'quota' : 'storage' } };
    }
    return { outcome: { kind: 'done', dataset: meta }, columns: imp.columns };
  } catch (e) {
    if (e instanceof Cancelled || signal.aborted) return { outcome: { kind: 'cancelled' } };
    if (e instanceof ImportFailure) return { outcome: { kind: 'failed', code: e.code, ...e.detail } };
    throw e;
  }
}
