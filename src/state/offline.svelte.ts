/**
 * How far this tab is from working without the network:
 * - `none`: no service worker is in play (the dev server); nothing to say.
 * - `unavailable`: the browser refused the service worker (some private modes), or its first download
 *   failed (the network went while it ran); a download that failed is tried again when the network is back.
 * - `preparing`: the first download of the app is under way, or finished and about to take control.
 * - `ready`: a service worker controls this page and its precache holds this page's own build, so
 *   every part of the app, opened before or not, loads without the network.
 * - `reload`: a worker is ready but does not control this page (a hard reload bypasses it); the
 *   next ordinary load works offline.
 * - `outdated`: the worker in control holds another build than this page runs (one published
 *   between loading this page and the worker's download); this page's own parts are not stored.
 */
export type Readiness = 'none' | 'unavailable' | 'preparing' | 'ready' | 'reload' | 'outdated';

/** What the status needs from the page; tests pass their own. */
export interface OfflineHost {
  /** True when the service worker's caches hold this page's own entry script. */
  holdsThisBuild(): Promise<boolean>;
  /** Called when the worker in control holds another build: reloading into it is an update. */
  outdated(): void;
}

/** The parts of a ServiceWorkerRegistration and ServiceWorkerContainer that the status reads. */
type Registration = Pick<ServiceWorkerRegistration, 'installing' | 'waiting' | 'active' | 'addEventListener'>;
type Container = Pick<ServiceWorkerContainer, 'controller' | 'addEventListener'>;

export class OfflineStatus {
  readiness = $state<Readiness>('none');
  /** The browser's view of the connection (`navigator.onLine`): false means certainly offline. */
  online = $state(true);

  #host: OfflineHost;
  /** A later check supersedes one still waiting for the cache. */
  #generation = 0;
  /** This page saw a worker install: an active worker not yet in control is about to claim it. */
  #installedHere = false;

  constructor(host: OfflineHost) {
    this.#host = host;
  }

  /** Ready, and offline or not, every part of the app loads. */
  get everythingLoads(): boolean {
    return this.online || this.readiness === 'ready';
  }

  unavailable(): void {
    this.#generation++;
    this.readiness = 'unavailable';
  }

  /** Reads where the registration stands; the latest call wins. */
  async check(registration: Registration, container: Container): Promise<void> {
    const generation = ++this.#generation;
    let next: Readiness;
    if (container.controller) {
      const holds = await this.#host.holdsThisBuild().catch(() => false);
      next = holds ? 'ready' : 'outdated';
    } else if (registration.installing || registration.waiting) next = 'preparing';
    else if (registration.active) next = this.#installedHere ? 'preparing' : 'reload';
    // The only worker there was became redundant: its download failed.
    else next = 'unavailable';
    if (generation !== this.#generation) return;
    const was = this.readiness;
    this.readiness = next;
    if (next === 'outdated' && was !== 'outdated') this.#host.outdated();
  }

  /** Follows a registration: a first install, its claim of this page, and later versions. */
  follow(registration: Registration, container: Container): void {
    const check = (): void => void this.check(registration, container);
    const followWorker = (worker: ServiceWorker | null): void => {
      if (!worker) return;
      if (!container.controller) this.#installedHere = true;
      worker.addEventListener('statechange', check);
    };
    followWorker(registration.installing);
    registration.addEventListener('updatefound', () => {
      followWorker(registration.installing);
      check();
    });
    container.addEventListener('controllerchange', check);
    check();
  }

  /** Follows the connection as the browser reports it. */
  watchConnection(target: Pick<Window, 'addEventListener'>, onLine: () => boolean): void {
    this.online = onLine();
    target.addEventListener('online', () => (this.online = true));
    target.addEventListener('offline', () => (this.online = false));
  }
}

/** The module script that index.html starts with: its name carries the hash of this whole build. */
function entryScriptUrl(): string | null {
  const script = document.querySelector<HTMLScriptElement>('script[type="module"][src]');
  return script ? new URL(script.getAttribute('src') ?? '', document.baseURI).href : null;
}

/**
 * The entry script's hash changes whenever any file of the build changes (it names every chunk it
 * loads), and the precache is complete or absent (Workbox installs all files or none), so finding the
 * entry script in the caches of the worker in control means the whole of this build is there.
 */
async function holdsThisBuild(): Promise<boolean> {
  const url = entryScriptUrl();
  if (!url || typeof caches === 'undefined') return false;
  return (await caches.match(url)) !== undefined;
}

export function createOfflineStatus(outdated: () => void): OfflineStatus {
  return new OfflineStatus({ holdsThisBuild, outdated });
}
