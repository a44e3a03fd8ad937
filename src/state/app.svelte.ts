import { liveQuery } from 'dexie';
import type { Plan } from '../engine/types';
import { PlannerDb } from '../persistence/db';
import { readJournal } from '../persistence/journal';
import type { PlanOrigin } from '../persistence/db';
import { PlanRepo, summarisePlan, type PlanSummary } from '../persistence/planRepo';
import { MemoryPlanStore } from '../persistence/planStore';
import { SnapshotRepo, snapshotRepoFor, type SnapshotStore } from '../persistence/snapshots';
import { storageStatus } from './storage.svelte';
import { EngineClient } from '../workers/engineClient';
import { i18n, t } from './i18n.svelte';
import { newId } from './ids';
import { PlanSession } from './planSession.svelte';
import { router } from './router.svelte';
import { toasts } from './toasts.svelte';
import type { TemplateId } from '../engine/templates';

function localStorageOrNull(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}

/** App-wide state: the plan list, the open plan, storage. */
export class AppState {
  repo: PlanRepo | null = null;
  engine = new EngineClient();
  plans = $state.raw<PlanSummary[]>([]);
  session = $state.raw<PlanSession | null>(null);
  ready = $state(false);
  storageError = $state<string | null>(null);
  openError = $state<string | null>(null);

  async init(): Promise<void> {
    try {
      const db = new PlannerDb();
      db.on('versionchange', () => {
        // Closing lets the other tab's upgrade go ahead; this tab keeps its edits and asks to reload.
        this.staleTab = true;
        this.session?.stopWriting();
        db.close();
        return false;
      });
      // A tab of an older version that does not let go of the database holds up the upgrade: say so
      // until it is closed (RELIABILITY 6). Browsers do not tell which tab it is.
      db.on('blocked', () => {
        this.upgradeBlocked = true;
      });
      await db.open();
      this.upgradeBlocked = false;
      this.repo = new PlanRepo(db);
      // Snapshots of plans purged for good go with them.
      void this.repo.purgeDeleted(Date.now()).then(() => new SnapshotRepo(db).removeOrphans());
      await storageStatus.init(true, await db.plans.count());
    } catch (e) {
      this.repo = null;
      this.storageError = e instanceof Error ? e.message : String(e);
      await storageStatus.init(false, 0);
    }
    // Reading the list is not a test of whether storage works: a failure here is reported as such.
    try {
      await this.refreshList();
      await this.loadExportTimes();
    } catch (e) {
      toasts.show(t('error.generic', { message: e instanceof Error ? e.message : String(e) }), 'error');
    }
    this.ready = true;
  }

  /**
   * Without IndexedDB (a private window, storage disabled) plans live here for the visit: the plan
   * list and reopening still work, and the banner says they go when the tab closes.
   */
  // Not reactive on purpose: `plans` is the reactive view of it, refreshed after each change.
  #memoryStore = new MemoryPlanStore();
  #memory = this.#memoryStore.records;

  async refreshList(): Promise<void> {
    await this.#readList();
    if (this.repo) storageStatus.noteCount(this.plans.length);
  }

  async #readList(): Promise<void> {
    if (this.repo) this.plans = await this.repo.list();
    else {
      this.plans = [...this.#memory.values()].map(({ plan, origin }) => summarisePlan(plan, origin)).sort((a, b) => b.updatedAt - a.updatedAt);
    }
  }

  /** The plan being opened, until its session is set: a second request for it waits for the first. */
  #opening: { id: string; done: Promise<void> } | null = null;

  /**
   * Opens a plan, once. Going to a plan asks twice (the route is set, then the hash change reports
   * it again) while the plan is still being read: two reads would make two sessions, and the one set
   * last would replace a session the page had already edited (a file merge applied to the first),
   * leaving that edit stored but neither shown nor undoable.
   */
  openPlan(id: string): Promise<void> {
    if (this.session?.plan.id === id) return Promise.resolve();
    if (this.#opening?.id === id) return this.#opening.done;
    const opening: { id: string; done: Promise<void> } = { id, done: Promise.resolve() };
    this.#opening = opening;
    opening.done = this.#open(id, opening).finally(() => {
      if (this.#opening === opening) this.#opening = null;
    });
    return opening.done;
  }

  async #open(id: string, opening: { id: string }): Promise<void> {
    await this.#closeSession();
    // A plan closed just before is read back only once its last edits are stored.
    if (this.#closing) await this.#closing;
    if (this.#opening !== opening || this.session?.plan.id === id) return;
    this.openError = null;
    const mem = this.#memory.get(id);
    const loaded = this.repo ? await this.repo.load(id) : mem ? { plan: mem.plan, history: { planId: id, undo: mem.undo, redo: mem.redo }, historyDropped: false } : null;
    // Another plan (or the home screen) was asked for while this one was read: it is not opened.
    if (this.#opening !== opening) return;
    if (!loaded) {
      this.openError = t(this.plans.find((p) => p.id === id)?.damaged ? 'error.damaged' : 'error.notFound');
      return;
    }
    let { plan } = loaded;
    let { undo, redo } = loaded.history;
    // A tab closed before IndexedDB committed left its last edits in the journal.
    const journal = readJournal(localStorageOrNull(), id);
    const recovered = journal !== null && journal.plan.updatedAt > plan.updatedAt;
    if (journal && recovered) ({ plan, undo, redo } = journal);
    const session = new PlanSession(plan, undo, redo, this.repo ?? this.#memoryStore, this.engine, null, 'rev' in loaded ? loaded.rev : 0);
    session.onConflict = (label, kept) => toasts.show(t(kept === 'mine' ? 'sync.keptMine' : 'sync.keptTheirs', { label }), 'info');
    session.onDropped = (label) => toasts.show(t('sync.dropped', { label }), 'error');
    if (loaded.historyDropped && !recovered) toasts.show(t('history.upgradeDropped'), 'info');
    this.session = session;
    this.#watch(id);
    if (recovered) {
      this.session.saveStatus = 'pending';
      this.session.markDirty();
      void this.session.flush();
    }
  }

  #unwatch: (() => void) | null = null;

  /** Keeps the open plan current with saves from other tabs (Dexie live queries reach across tabs). */
  #watch(id: string): void {
    this.#unwatch?.();
    this.#unwatch = null;
    const repo = this.repo;
    if (!repo) return;
    const sub = liveQuery(() => repo.current(id)).subscribe({
      next: (cur) => {
        if (cur && this.session?.plan.id === id) this.session.remoteUpdate(cur.rev, cur.plan);
      },
      // A closed database (another tab upgrading it) ends the query; the stale-tab banner says why.
      error: () => undefined,
    });
    this.#unwatch = () => sub.unsubscribe();
  }

  /** Another tab runs a newer version of the app's database: this one must reload before writing. */
  staleTab = $state(false);
  /** Opening waits for another tab, on an older version, to close the database. */
  upgradeBlocked = $state(false);

  /** The close in progress: its last edits are still being written. */
  #closing: Promise<void> | null = null;

  /**
   * Closes the open plan. The session is let go at once and its last edits are written after: a plan
   * opened meanwhile (even the same one, say by a merge applied from the plan list) waits for that
   * write and then loads what was stored, so no edit is ever made to a session that is closing.
   */
  /** Closes the open plan (its last edits stored first); a plan still being opened is not opened. */
  async closePlan(): Promise<void> {
    this.#opening = null;
    await this.#closeSession();
  }

  async #closeSession(): Promise<void> {
    this.#unwatch?.();
    this.#unwatch = null;
    const s = this.session;
    if (!s) return (await this.#closing) ?? undefined;
    this.session = null;
    const closing = (async () => {
      await s.flush();
      await this.refreshList();
    })();
    this.#closing = closing;
    try {
      await closing;
    } finally {
      if (this.#closing === closing) this.#closing = null;
    }
  }

  /** Snapshots of this visit's storage (IndexedDB, or memory without it). */
  get snapshots(): SnapshotStore {
    return snapshotRepoFor(this.repo?.db ?? null);
  }

  /** The stored plan (the open one as edited), for export and for "replace" checks. */
  async storedPlan(id: string): Promise<Plan | null> {
    if (this.session?.plan.id === id) return this.session.plan;
    if (this.repo) return (await this.repo.load(id))?.plan ?? null;
    return this.#memory.get(id)?.plan ?? null;
  }

  /** Adds an imported plan (already given a new id) and opens it; `origin` says from which file. */
  async importPlan(plan: Plan, origin?: PlanOrigin): Promise<void> {
    if (this.repo) await this.repo.create(plan, origin);
    else this.#memory.set(plan.id, { plan, undo: [], redo: [], rev: 0, origin });
    await this.refreshList();
    router.go({ view: 'plan', id: plan.id, tab: 'channels' });
  }

  /**
   * Replaces a stored plan with a file's version (RELIABILITY 23): the open copy is saved and closed,
   * then one transaction snapshots the current plan, writes the new one and clears its undo history.
   * If that fails, nothing changed and the old plan opens again.
   */
  async replacePlan(plan: Plan, origin?: PlanOrigin): Promise<void> {
    if (this.session?.plan.id === plan.id) await this.closePlan();
    try {
      if (this.repo) await this.repo.replaceWithSnapshot(plan, 'beforeReplace', '', origin);
      else {
        const old = this.#memory.get(plan.id);
        if (old) await this.snapshots.create(old.plan, 'beforeReplace');
        this.#memory.set(plan.id, { plan, undo: [], redo: [], rev: 0, origin: origin ?? old?.origin });
      }
    } finally {
      await this.refreshList();
      router.go({ view: 'plan', id: plan.id, tab: 'channels' });
    }
  }

  /** A damaged record as stored, to download and inspect (it cannot be opened or exported as a plan). */
  async downloadRaw(id: string): Promise<string | null> {
    const rec = await this.repo?.raw(id);
    return rec === undefined ? null : JSON.stringify(rec, null, 2);
  }

  /** When each plan was last exported: shown on the home screen with the backup reminder. */
  lastExport = $state<Record<string, number>>({});

  async loadExportTimes(): Promise<void> {
    const rec = await this.repo?.db.settings.get('lastExport');
    if (rec && typeof rec.value === 'object' && rec.value !== null) this.lastExport = { ...(rec.value as Record<string, number>) };
  }

  async markExported(id: string): Promise<void> {
    this.lastExport = { ...this.lastExport, [id]: Date.now() };
    try {
      await this.repo?.db.settings.put({ key: 'lastExport', value: $state.snapshot(this.lastExport) });
    } catch {
      // The export itself worked; only the reminder's date is not kept.
    }
  }

  async createFromTemplate(template: TemplateId): Promise<string> {
    const { createPlanFromTemplate } = await import('../engine/templates');
    const plan: Plan = createPlanFromTemplate(template, { id: newId('p'), now: Date.now(), locale: i18n.locale });
    if (this.repo) await this.repo.create(plan);
    else this.#memory.set(plan.id, { plan, undo: [], redo: [], rev: 0 });
    await this.refreshList();
    router.go({ view: 'plan', id: plan.id, tab: 'channels' });
    return plan.id;
  }

  async rename(id: string, name: string): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed) {
      toasts.show(t('home.nameRequired'), 'error');
      return;
    }
    const mem = this.#memory.get(id);
    if (this.session?.plan.id === id) {
      this.session.edit('rename', [{ path: ['name'], value: trimmed }]);
      await this.session.flush();
    } else if (this.repo) await this.repo.rename(id, trimmed, Date.now());
    else if (mem) this.#memory.set(id, { ...mem, plan: { ...mem.plan, name: trimmed, updatedAt: Date.now() }, rev: mem.rev + 1 });
    await this.refreshList();
  }

  async duplicate(id: string): Promise<void> {
    const source = this.plans.find((p) => p.id === id);
    if (!source) return;
    const mem = this.#memory.get(id);
    if (!this.repo && mem) {
      const now = Date.now();
      const plan = { ...mem.plan, id: newId('p'), name: t('home.copyOf', { name: source.name }), createdAt: now, updatedAt: now };
      this.#memory.set(plan.id, { plan, undo: [], redo: [], rev: 0 });
      return this.refreshList();
    }
    if (!this.repo) return;
    await this.repo.duplicate(id, newId('p'), t('home.copyOf', { name: source.name }), Date.now());
    await this.refreshList();
  }

  async remove(id: string): Promise<void> {
    const source = this.plans.find((p) => p.id === id);
    if (!source) return;
    if (this.session?.plan.id === id) await this.closePlan();
    const mem = this.#memory.get(id);
    if (this.repo) await this.repo.remove(id, Date.now());
    else this.#memory.delete(id);
    await this.refreshList();
    toasts.offerUndo(t('home.deleted', { name: source.name }), () => {
      if (this.repo) void this.repo.restore(id).then(() => this.refreshList());
      else if (mem) {
        this.#memory.set(id, mem);
        void this.refreshList();
      }
      return true;
    });
  }
}

export const app = new AppState();
