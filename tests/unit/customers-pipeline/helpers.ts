// Shared set-up of the customers pipeline tests: a fresh database, the worker's api in-process, files.
import { readFileSync } from 'node:fs';
import { DEFAULT_POLICIES, type ColumnMapping } from '../../../src/engine/import/columns';
import { PlannerDb } from '../../../src/persistence/db';
import { createCustomersApi, fflateInflate, platformDecoders } from '../../../src/workers/customersApi';
import type { ImportOptions, ImportOutcome, ImportProgress } from '../../../src/workers/customersTypes';

let dbCount = 0;

/** A database of its own per test (fake-indexeddb keeps them apart by name); `setUp` runs before it opens. */
export async function freshDb(setUp?: (db: PlannerDb) => void): Promise<PlannerDb> {
  const db = new PlannerDb(`customers-pipeline-${++dbCount}-${Date.now()}`);
  setUp?.(db);
  await db.open();
  return db;
}

export function apiFor(db: PlannerDb) {
  return createCustomersApi({ db, decoders: platformDecoders, inflate: fflateInflate });
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
