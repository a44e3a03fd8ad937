/**
 * What the app can promise about its storage (tests/reliability.md, cases 3–5): whether the browser keeps
 * the data (persistent) or may clear it under pressure (best-effort), how much is used, and whether
 * a returning user's data has gone (the browser evicted it).
 */
export type StorageMode = 'persistent' | 'bestEffort' | 'memory' | 'unknown';

const SEEN_KEY = 'cmp.hadPlans';

function local(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}

export class StorageStatus {
  mode = $state<StorageMode>('unknown');
  usage = $state<number | null>(null);
  quota = $state<number | null>(null);
  /** IndexedDB came back empty although this browser had plans before. */
  evicted = $state(false);

  /**
   * Called once IndexedDB is open (or known missing), before the plan list is first read.
   * `storedRecords` counts every plan record, deleted ones included: an emptied database has none.
   */
  async init(hasDb: boolean, storedRecords: number): Promise<void> {
    if (!hasDb) {
      this.mode = 'memory';
      return;
    }
    this.evicted = storedRecords === 0 && local()?.getItem(SEEN_KEY) === '1';
    const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
    if (!storage?.persisted) {
      this.mode = 'unknown';
    } else {
      let persisted = await storage.persisted().catch(() => false);
      // Chrome grants this without asking for a site used regularly; others may ask or refuse.
      if (!persisted && storage.persist) persisted = await storage.persist().catch(() => false);
      this.mode = persisted ? 'persistent' : 'bestEffort';
    }
    await this.refreshUsage();
  }

  async refreshUsage(): Promise<void> {
    try {
      const e = await navigator.storage?.estimate?.();
      this.usage = e?.usage ?? null;
      this.quota = e?.quota ?? null;
    } catch {
      this.usage = this.quota = null;
    }
  }

  /** Asks again (a button): some browsers grant it only after a user gesture. */
  async requestPersist(): Promise<boolean> {
    const ok = await navigator.storage?.persist?.().catch(() => false);
    if (ok) this.mode = 'persistent';
    return ok === true;
  }

  /** Remembers whether this browser holds plans, so that an emptied database can be told apart. */
  noteCount(plans: number): void {
    const s = local();
    if (!s) return;
    if (plans > 0) s.setItem(SEEN_KEY, '1');
    else s.removeItem(SEEN_KEY);
    if (plans > 0) this.evicted = false;
  }

  dismissEvicted(): void {
    this.evicted = false;
    local()?.removeItem(SEEN_KEY);
  }
}

export const storageStatus = new StorageStatus();
