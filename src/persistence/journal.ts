import type { Plan } from '../engine/types';
import type { EditRecord } from './db';
import { HISTORY_SCHEMA, PLAN_SCHEMA, upgradeStoredHistory, upgradeStoredPlan } from './storedRecords';

/**
 * A synchronous safety net for the last edits. IndexedDB writes are asynchronous, and a tab closed
 * within the save debounce may be gone before a transaction started in `pagehide` commits; so the
 * unsaved state is also written to localStorage, synchronously, and replayed on the next start if it
 * is newer than what IndexedDB holds. It is cleared as soon as IndexedDB has committed.
 */
const PREFIX = 'cmp.unsaved.';

export interface JournalEntry {
  plan: Plan;
  undo: EditRecord[];
  redo: EditRecord[];
}

/** As written: with the versions of the plan and of the history (see storedRecords.ts). */
interface StoredJournalEntry extends JournalEntry {
  schema?: number;
  historySchema?: number;
}

export function writeJournal(storage: Storage | null, entry: JournalEntry): boolean {
  if (!storage) return false;
  try {
    const stored: StoredJournalEntry = { ...entry, schema: PLAN_SCHEMA, historySchema: HISTORY_SCHEMA };
    storage.setItem(PREFIX + entry.plan.id, JSON.stringify(stored));
    return true;
  } catch {
    // Quota exceeded or storage disabled: the IndexedDB flush is still attempted.
    return false;
  }
}

export function readJournal(storage: Storage | null, planId: string): JournalEntry | null {
  if (!storage) return null;
  try {
    const raw = storage.getItem(PREFIX + planId);
    if (!raw) return null;
    const entry = JSON.parse(raw) as StoredJournalEntry;
    if (!entry || typeof entry !== 'object') return null;
    const plan = upgradeStoredPlan(entry.plan, entry.schema);
    if (!plan || plan.id !== planId) return null;
    const history = upgradeStoredHistory(plan, entry.undo, entry.redo, entry.historySchema, entry.schema);
    return { plan, undo: history.undo, redo: history.redo };
  } catch {
    return null;
  }
}

export function clearJournal(storage: Storage | null, planId: string): void {
  try {
    storage?.removeItem(PREFIX + planId);
  } catch {
    // Nothing to do: a stale entry is ignored when IndexedDB is newer.
  }
}

export function journalledPlanIds(storage: Storage | null): string[] {
  if (!storage) return [];
  const ids: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i);
    if (k?.startsWith(PREFIX)) ids.push(k.slice(PREFIX.length));
  }
  return ids;
}
