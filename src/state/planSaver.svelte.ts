import type { EditStep } from '../engine/editHistory';
import type { Plan } from '../engine/types';
import { clearJournal, writeJournal } from '../persistence/journal';
import type { PlanStore, SaveResult, SyncBase } from '../persistence/planStore';

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error';
export type SaveError = 'quota' | 'unavailable' | 'stale' | 'closed' | 'other';

/** Edits are written this long after the last one (the promise is "within 300 ms"). */
export const SAVE_DEBOUNCE_MS = 250;

export function classifySaveError(e: unknown): SaveError {
  // Dexie wraps the DOMException; a quota error may sit in `inner` of an AbortError.
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur; i++) {
    const name = (cur as { name?: string }).name;
    if (name === 'QuotaExceededError') return 'quota';
    if (name === 'MissingAPIError' || name === 'InvalidStateError') return 'unavailable';
    if (name === 'DatabaseClosedError') return 'closed';
    cur = (cur as { inner?: unknown }).inner;
  }
  return 'other';
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** What the saver needs from the session at the moment it writes. */
export interface SaveSource {
  state(): { plan: Plan; undo: readonly EditStep[]; redo: readonly EditStep[] };
  /** The edits to send and how many pending edits they cover (cross-tab replay). */
  outgoing(): { count: number; sync: SyncBase };
  /** The write of `count` pending edits landed. */
  landed(count: number, res: SaveResult): void;
}

/**
 * Saves the open plan: debounced after each edit, "saved" only once the store has committed, a
 * journal copy in localStorage whenever a write may not land (RELIABILITY 1–3, 6, 15).
 */
export class PlanSaver {
  status = $state<SaveStatus>('saved');
  error = $state<SaveError | null>(null);

  #store: PlanStore;
  #source: SaveSource;
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** Bumped by every change; a save only reports "saved" if no change came after it started. */
  #version = 0;
  #savedVersion = 0;
  #saving: Promise<void> | null = null;
  /** Set when this tab must stop writing (another tab opened a newer schema). */
  #stopped = false;
  /** Runs once the current write has finished (a remote update waits for it). */
  #after: (() => void) | null = null;

  constructor(store: PlanStore, source: SaveSource) {
    this.#store = store;
    this.#source = source;
    if (!store.durable) this.#unavailable();
  }

  get dirty(): boolean {
    return this.#savedVersion !== this.#version;
  }

  get busy(): boolean {
    return this.#saving !== null;
  }

  /** Runs `fn` now, or after the write in progress. */
  whenIdle(fn: () => void): void {
    if (this.#saving) this.#after = fn;
    else fn();
  }

  /** The plan changed: write it soon. */
  changed(): void {
    this.#version++;
    if (this.#stopped) {
      // Nothing may be written to a database another tab has upgraded; a copy in the journal
      // survives the reload the user is asked for, and is replayed then.
      this.#journal();
      return;
    }
    this.status = this.#store.durable ? 'pending' : 'error';
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), SAVE_DEBOUNCE_MS);
  }

  /** Marks the current plan as not yet stored (after recovering it from the journal). */
  markDirty(): void {
    this.#version++;
    if (this.#store.durable) this.status = 'pending';
  }

  /** Writes now. Safe to call repeatedly; resolves once what was changed before the call is committed. */
  async flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#stopped || this.#savedVersion === this.#version) return;
    if (this.#saving) await this.#saving;
    if (this.#savedVersion === this.#version || this.#stopped) return;
    const version = this.#version;
    const { plan, undo, redo } = this.#source.state();
    const { count, sync } = this.#source.outgoing();
    if (this.#store.durable) this.status = 'saving';
    const store = this.#store;
    const write = () => store.save(plan, undo, redo, sync);
    this.#saving = write()
      .catch(async (e: unknown) => {
        // The connection can be closed under a tab that sat in the background (RELIABILITY 15):
        // open it again and retry once; a second failure is reported.
        if ((e as { name?: string }).name !== 'DatabaseClosedError' || this.#stopped) throw e;
        await store.reopen();
        return write();
      })
      .then((res) => {
        this.#source.landed(count, res);
        this.#savedVersion = version;
        if (this.#version !== version) return;
        if (!store.durable) return this.#unavailable();
        this.status = 'saved';
        this.error = null;
        clearJournal(safeStorage(), plan.id);
      })
      .catch((e: unknown) => {
        this.status = 'error';
        this.error = classifySaveError(e);
        // Whatever failed, a copy survives the reload the message asks for (replayed on open).
        this.#journal();
      })
      .finally(() => {
        this.#saving = null;
        const after = this.#after;
        this.#after = null;
        after?.();
      });
    await this.#saving;
  }

  /**
   * Another tab opened a newer version of the database (RELIABILITY 6): this tab must not write to
   * it again. Edits keep working in memory and go to the journal, replayed after the reload.
   */
  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.status = 'error';
    this.error = 'stale';
    this.#journal();
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /**
   * Called when the page is hidden or unloaded: a synchronous copy goes to localStorage (replayed on
   * the next start if IndexedDB did not get there), then the write is started.
   */
  flushOnHide(): void {
    if (!this.dirty) return;
    this.#journal();
    void this.flush();
  }

  #journal(): void {
    if (!this.#store.durable) return;
    const { plan, undo, redo } = this.#source.state();
    writeJournal(safeStorage(), { plan, undo: [...undo], redo: [...redo] });
  }

  #unavailable(): void {
    this.status = 'error';
    this.error = 'unavailable';
  }
}
