import { afterQuiet } from './afterQuiet';
import { app } from './app.svelte';
import { t } from './i18n.svelte';
import { chunkGone, isModuleLoadFailure } from './chunkFailure';
import { createOfflineStatus, type OfflineStatus } from './offline.svelte';

/** What the update flow needs from the page; tests pass their own. */
export interface UpdateHost {
  /** Writes unsaved edits; resolves true when nothing unsaved is left, so a reload loses nothing. */
  saveEdits(): Promise<boolean>;
  reload(): void;
  /** Per-tab storage that survives a reload (sessionStorage), or null without it. */
  storage(): Storage | null;
  now(): number;
  /**
   * Whether a part of the app failed to load because the server no longer has it (a newer build was
   * published), as opposed to a lost or refused connection, which a reload would not mend.
   */
  gone(error: unknown): Promise<boolean>;
}

/** The part of a ServiceWorker the flow talks to. */
export interface WaitingWorker {
  postMessage(message: unknown): void;
}

/** Workbox's generated worker calls skipWaiting() on this message. */
export const SKIP_WAITING = { type: 'SKIP_WAITING' } as const;
/** When this tab last reloaded because a part of the app would not load. */
export const CHUNK_RELOAD_KEY = 'cmp.chunkReloadAt';
/** A second missing chunk this soon after such a reload means reloading does not help. */
export const CHUNK_RELOAD_GUARD_MS = 60_000;
/** If the new worker never takes control (it failed, or another tab raced us), reload anyway. */
export const ACTIVATE_TIMEOUT_MS = 4000;

/**
 * New versions of the app, offered and never forced. A new service worker waits until the user
 * accepts; accepting saves the open plan first, then activates the worker and reloads once. A lazy
 * part of the app that has vanished (the server has a newer build) saves and reloads once; if that
 * does not help, the user is told instead of the page reloading in a loop. A part that failed for
 * want of a network is not reloaded for: the view that needed it says so and offers a retry.
 */
export class UpdateFlow {
  /** A new version is installed and waits for this tab's consent. */
  available = $state(false);
  /** The prompt was put off for this visit. */
  dismissed = $state(false);
  /** Saving and reloading is under way. */
  busy = $state(false);
  /** The edits could not be saved, so the tab did not reload. */
  unsaved = $state(false);
  /** A part of the app could not be loaded even after a reload. */
  broken = $state(false);

  #host: UpdateHost;
  #waiting: WaitingWorker | null = null;
  #accepted = false;
  #reloading = false;
  #recovering = false;

  constructor(host: UpdateHost) {
    this.#host = host;
  }

  get visible(): boolean {
    return !this.dismissed && (this.broken || this.unsaved || this.available);
  }

  /** A new worker finished installing and waits (`registration.waiting`). */
  offer(worker: WaitingWorker | null): void {
    this.#waiting = worker;
    this.available = true;
    this.dismissed = false;
  }

  dismiss(): void {
    this.dismissed = true;
    this.unsaved = false;
  }

  /**
   * The user accepted: save, then hand over to the new worker and reload when it has taken control.
   * With `discard` the reload goes ahead even though edits could not be saved (the user said so).
   */
  async accept(discard = false): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.unsaved = false;
    const saved = await this.#host.saveEdits();
    if (!saved && !discard) {
      this.busy = false;
      this.unsaved = true;
      return;
    }
    this.#handOver();
  }

  /** Reloads into the new version: through the waiting worker when there is one. */
  #handOver(): void {
    this.#accepted = true;
    const waiting = this.#waiting;
    if (!waiting) return this.#reload();
    waiting.postMessage(SKIP_WAITING);
    setTimeout(() => this.#reload(), ACTIVATE_TIMEOUT_MS);
  }

  /**
   * A new worker took control of this tab. Only the tab that accepted reloads; another tab keeps its
   * work and its prompt, and reloads straight away when its user accepts.
   */
  controllerChanged(): void {
    if (this.#accepted) this.#reload();
    else this.#waiting = null;
  }

  /**
   * A lazily loaded chunk failed to load (Vite's `vite:preloadError`). When the server says the file
   * is gone (a deploy replaced it), save and reload once; a second failure within the guard time is
   * shown, not reloaded again. Offline, a reload would only replace the app with the browser's error
   * page, so nothing happens here: the view that asked for the part shows the failure with a retry.
   */
  async chunkFailed(error?: unknown): Promise<void> {
    if (this.#recovering || this.#reloading) return;
    this.#recovering = true;
    try {
      if (!(await this.#host.gone(error))) return;
      const storage = this.#host.storage();
      const now = this.#host.now();
      const last = Number(storage?.getItem(CHUNK_RELOAD_KEY) ?? Number.NaN);
      // Without storage a reload loop could not be detected, so the user decides.
      this.dismissed = false;
      if (!storage || (Number.isFinite(last) && now - last >= 0 && now - last < CHUNK_RELOAD_GUARD_MS)) {
        this.broken = true;
        return;
      }
      if (!(await this.#host.saveEdits())) {
        this.broken = true;
        this.unsaved = true;
        return;
      }
      try {
        storage.setItem(CHUNK_RELOAD_KEY, String(now));
      } catch {
        this.broken = true;
        return;
      }
      this.#handOver();
    } finally {
      this.#recovering = false;
    }
  }

  #reload(): void {
    if (this.#reloading) return;
    this.#reloading = true;
    this.#host.reload();
  }

  /** Follows a service worker registration: a worker waiting now or later is offered. */
  watch(registration: ServiceWorkerRegistration, container: ServiceWorkerContainer): void {
    // Without a controller this is the first install: nothing older runs, nothing to offer.
    const offerIfWaiting = (): void => {
      if (registration.waiting && container.controller) this.offer(registration.waiting);
    };
    offerIfWaiting();
    registration.addEventListener('updatefound', () => {
      const worker = registration.installing;
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed') offerIfWaiting();
      });
    });
    container.addEventListener('controllerchange', () => this.controllerChanged());
  }
}

function sessionStorageOrNull(): Storage | null {
  try {
    return sessionStorage;
  } catch {
    return null;
  }
}

/** Saves the open plan; without IndexedDB, plans live in this tab only and a reload would lose them. */
async function saveOpenPlan(): Promise<boolean> {
  // ag-grid reports a finished cell edit from a zero-delay timer; a click that ends the edit (or
  // comes right after Enter) would otherwise save before that edit has reached the session.
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (!app.repo && app.plans.length > 0) return false;
  const session = app.session;
  if (!session) return true;
  await session.flush();
  return !session.dirty;
}

export const updates = new UpdateFlow({
  saveEdits: saveOpenPlan,
  reload: () => location.reload(),
  storage: sessionStorageOrNull,
  now: () => Date.now(),
  gone: chunkGone,
});

/** What to tell the user about an action that failed: a part that did not load says why, in their language. */
export function failureText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (!isModuleLoadFailure(message)) return message;
  return offline.online ? t('lazy.failed') : t('lazy.failedOffline');
}

/** Whether this tab works offline; a worker in control that holds another build is an update. */
export const offline: OfflineStatus = createOfflineStatus(() => updates.offer(null));

/** The pause in input a first visit waits for before it stores the offline copy. */
const FIRST_VISIT_QUIET_MS = 2000;

/** How often an open tab asks whether a new version was published. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

/**
 * Registers the service worker of the production build (the dev server has none), watches for new
 * versions and tells whether the tab works offline. A failure only means no offline copy: the app
 * itself works the same online. A first download cut short by a lost connection (the registration
 * is then dropped) starts again when the network is back.
 */
export async function registerServiceWorker(flow: UpdateFlow = updates, status: OfflineStatus = offline): Promise<void> {
  status.watchConnection(window, () => navigator.onLine);
  if (!('serviceWorker' in navigator)) return status.unavailable();
  const container = navigator.serviceWorker;
  // A first visit (no worker controls the page yet) stores the offline copy once the user pauses
  // for two seconds, so that it does not compete with their first edits (afterQuiet.ts).
  if (!container.controller) await afterQuiet(FIRST_VISIT_QUIET_MS);
  let current: ServiceWorkerRegistration | null = null;
  const register = async (): Promise<void> => {
    try {
      const registration = await container.register('./sw.js', { scope: './' });
      if (registration === current) return void status.check(registration, container);
      current = registration;
      flow.watch(registration, container);
      status.follow(registration, container);
    } catch {
      // Service workers disabled (some private modes) or refused: online use is unaffected.
      status.unavailable();
    }
  };
  await register();
  addEventListener('online', () => {
    if (status.readiness === 'unavailable') void register();
  });
  setInterval(() => {
    if (navigator.onLine) current?.update().catch(() => undefined);
  }, UPDATE_CHECK_MS);
}

/** Vite reports a lazy chunk that would not load; the import still rejects, for the view to show. */
export function watchChunkFailures(flow: UpdateFlow = updates): void {
  addEventListener('vite:preloadError', (event) => void flow.chunkFailed((event as Event & { payload?: unknown }).payload));
}
