import * as Comlink from 'comlink';

export class AbortedError extends Error {
  constructor() {
    super('The operation was cancelled');
    this.name = 'AbortError';
  }
}

/** The arguments and the (awaited) result of method `K` of a worker's api object. */
export type ApiArgs<Api, K extends keyof Api> = Api[K] extends (...args: infer A) => unknown ? A : never;
export type ApiResult<Api, K extends keyof Api> = Api[K] extends (...args: never[]) => infer R ? Awaited<R> : never;

/**
 * The worker's script did not load: offline before the app was stored on the device, or removed by
 * a newer deploy. Without this a call would wait for an answer that never comes.
 */
export class WorkerStartError extends Error {
  constructor() {
    super('A worker could not be started: its script did not load');
    this.name = 'WorkerStartError';
  }
}

export interface WorkerHandleOptions {
  /** Terminate the worker after this long without calls; it restarts on the next call. */
  idleMs?: number;
}

/**
 * One lazily started worker behind a typed Comlink proxy. Aborting a call terminates the worker
 * (the only way to stop synchronous work in it) and rejects with AbortError; the next call starts a
 * fresh worker. An idle worker shuts itself down to give memory back.
 */
export class WorkerHandle<Api> {
  #create: () => Worker;
  #worker: Worker | null = null;
  #proxy: Comlink.Remote<Api> | null = null;
  /** Rejects with WorkerStartError when the current worker's script fails to load. */
  #startFailed: Promise<never> | null = null;
  #idleMs: number;
  #idleTimer: ReturnType<typeof setTimeout> | null = null;
  #active = 0;

  constructor(create: () => Worker, opts: WorkerHandleOptions = {}) {
    this.#create = create;
    this.#idleMs = opts.idleMs ?? 5 * 60_000;
  }

  #remote(): Comlink.Remote<Api> {
    if (!this.#proxy) {
      const worker = this.#create();
      this.#worker = worker;
      this.#proxy = Comlink.wrap<Api>(worker);
      this.#startFailed = new Promise<never>((_, reject) => {
        // A script that fails to load fires a plain Event; an error thrown while running is an
        // ErrorEvent, and Comlink already turns those into rejected calls.
        worker.addEventListener('error', (e) => {
          if (typeof ErrorEvent !== 'undefined' && e instanceof ErrorEvent) return;
          reject(new WorkerStartError());
          // The next call starts a fresh worker, which fetches the script again.
          if (this.#worker === worker) this.terminate();
        });
      });
      this.#startFailed.catch(() => undefined);
    }
    return this.#proxy;
  }

  /** Runs `fn` against the worker's api; rejects with AbortedError if `signal` aborts first. */
  async call<R>(fn: (api: Comlink.Remote<Api>) => Promise<R>, signal?: AbortSignal): Promise<R> {
    if (signal?.aborted) throw new AbortedError();
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#active++;
    const api = this.#remote();
    const startFailed = this.#startFailed as Promise<never>;
    try {
      if (!signal) return await Promise.race([fn(api), startFailed]);
      return await new Promise<R>((resolve, reject) => {
        const onAbort = (): void => {
          this.terminate();
          reject(new AbortedError());
        };
        signal.addEventListener('abort', onAbort, { once: true });
        Promise.race([fn(api), startFailed])
          .then(resolve, reject)
          .finally(() => signal.removeEventListener('abort', onAbort));
      });
    } finally {
      this.#active--;
      if (this.#active === 0 && this.#worker) {
        this.#idleTimer = setTimeout(() => this.terminate(), this.#idleMs);
      }
    }
  }

  /**
   * Calls method `method` of the worker's api with `args`. The api object is the only declaration:
   * argument and result types come from it, so no client repeats the method list or casts results.
   */
  run<K extends keyof Api & string>(method: K, args: ApiArgs<Api, K>, signal?: AbortSignal): Promise<ApiResult<Api, K>> {
    return this.call((api) => {
      // Comlink's Remote<Api> maps each method to one returning a promise of its result.
      const fn = api[method as keyof Comlink.Remote<Api>] as unknown as (...a: ApiArgs<Api, K>) => Promise<ApiResult<Api, K>>;
      return fn(...args);
    }, signal);
  }

  terminate(): void {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    this.#proxy?.[Comlink.releaseProxy]();
    this.#worker?.terminate();
    this.#worker = null;
    this.#proxy = null;
    this.#startFailed = null;
  }
}
