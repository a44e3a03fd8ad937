/**
 * Preview and import of transaction files in the customers worker: a File made a ByteSource (and
 * gunzipped through the platform's DecompressionStream when it is a .gz), read by the engine
 * (engine/import: openSource, previewSource, readTransactions), and the result stored as one data
 * set in one transaction. What is worker-specific stays here: yielding to the event loop so that a
 * cancel message is read during a long parse, and keeping a parsed import while the user answers
 * the day/month question.
 */
import { resolveDayMonthOrder, type TransactionColumns, type TransactionImport } from '../engine/import/columns';
import { ImportFailure } from '../engine/import/failure';
import { previewSource, type PreviewOverrides } from '../engine/import/preview';
import { readTransactions, type Pace, type ReadSource } from '../engine/import/read';
import { concat, openSource, type ByteSource, type SourceChunk, type SourceDeps } from '../engine/import/source';
import type { PlannerDb } from '../persistence/db';
import { encodeDataset, isQuotaError, newDatasetId, saveDataset } from '../persistence/datasets';
import type { ImportOptions, ImportOutcome, ImportProgress, PreviewOutcome } from './customersTypes';

export interface ImportDeps extends SourceDeps {
  db: PlannerDb;
}

/** The file as the worker sees it (a File; a Blob with a name in tests). */
export type ImportFile = Blob & { readonly name: string; readonly lastModified?: number };

const PROGRESS_MS = 100;
/** Yield to the worker's event loop this often, so a cancel message is read during a long parse. */
const YIELD_MS = 50;

export const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A File read in the chunks its stream gives. */
class BlobSource implements ByteSource {
  constructor(readonly blob: ImportFile) {}

  get name(): string {
    return this.blob.name;
  }
  get size(): number {
    return this.blob.size;
  }
  get contentSize(): number {
    return this.blob.size;
  }

  async head(bytes: number): Promise<Uint8Array> {
    return new Uint8Array(await this.blob.slice(0, bytes).arrayBuffer());
  }

  async *chunks(): AsyncIterable<SourceChunk> {
    const reader = this.blob.stream().getReader();
    let read = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        read += value.length;
        yield { data: value, read };
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
  }

  async bytes(): Promise<Uint8Array> {
    return new Uint8Array(await this.blob.arrayBuffer());
  }
}

export function blobSource(file: ImportFile): ByteSource {
  return new BlobSource(file);
}

/** A gzip file's trailer holds the content's size modulo 2³² (RFC 1952 ISIZE). */
async function gzipContentSize(source: ByteSource): Promise<number> {
  if (!(source instanceof BlobSource) || source.size < 18) return source.size * 5;
  const tail = new DataView(await source.blob.slice(source.size - 4).arrayBuffer());
  return tail.getUint32(0, true) || source.size * 5;
}

/** The content of a .gz source, streamed through DecompressionStream; progress counts compressed bytes. */
export async function gunzip(source: ByteSource): Promise<ByteSource> {
  const contentSize = await gzipContentSize(source);
  const open = () => {
    let read = 0;
    const outer = source.chunks()[Symbol.asyncIterator]();
    const input = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await outer.next();
        if (next.done) controller.close();
        else {
          read = next.value.read;
          controller.enqueue(next.value.data);
        }
      },
      async cancel() {
        await outer.return?.();
      },
    });
    const reader = input.pipeThrough(new DecompressionStream('gzip') as ReadableWritablePair<Uint8Array, Uint8Array>).getReader();
    return { reader, read: () => read };
  };
  async function* chunks(): AsyncIterable<SourceChunk> {
    const { reader, read } = open();
    try {
      for (;;) {
        let next: ReadableStreamReadResult<Uint8Array>;
        try {
          next = await reader.read();
        } catch {
          throw new ImportFailure('badGzip');
        }
        if (next.done) return;
        yield { data: next.value, read: read() };
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
  }
  const collect = async (limit: number): Promise<Uint8Array> => {
    const parts: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of chunks()) {
      parts.push(chunk.data);
      total += chunk.data.length;
      if (total >= limit) break;
    }
    return concat(parts, Math.min(total, limit));
  };
  return {
    name: source.name.replace(/\.gz$/i, ''),
    size: source.size,
    contentSize,
    head: (bytes) => collect(bytes),
    chunks,
    bytes: () => collect(Infinity),
  };
}

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
