/** Marks the result of a request that a newer one replaced. */
export const STALE: unique symbol = Symbol('stale');
export type Latest<R> = R | typeof STALE;

export interface LatestOptions {
  /**
   * Abort the request in flight when a newer one arrives (its AbortSignal fires). Right for long
   * calls whose old answer is worthless; wrong for the plan's recompute, where aborting would
   * restart its worker on every keystroke — there the newest request simply waits its turn.
   */
  abortRunning?: boolean;
}

/**
 * The one "newest request wins" primitive. At most one request runs at a time and only the newest
 * waiting one is kept: while a slider is dragged, intermediate positions are never computed, and a
 * result that a newer request has overtaken resolves as STALE so the UI never paints it over a
 * fresher one. Views use it through `LatestTask` (state/latestTask.svelte.ts).
 */
export class LatestRunner<A, R> {
  #run: (arg: A, signal: AbortSignal) => Promise<R>;
  #abortRunning: boolean;
  #inFlight: AbortController | null = null;
  #waiting: { arg: A; resolve: (r: Latest<R>) => void; reject: (e: unknown) => void } | null = null;
  #generation = 0;

  constructor(run: (arg: A, signal: AbortSignal) => Promise<R>, opts: LatestOptions = {}) {
    this.#run = run;
    this.#abortRunning = opts.abortRunning ?? false;
  }

  submit(arg: A): Promise<Latest<R>> {
    this.#generation++;
    return new Promise<Latest<R>>((resolve, reject) => {
      if (this.#waiting) this.#waiting.resolve(STALE);
      this.#waiting = { arg, resolve, reject };
      if (!this.#inFlight) this.#next();
      else if (this.#abortRunning) this.#inFlight.abort();
    });
  }

  /** Drops what waits and aborts what runs: both resolve STALE. */
  cancel(): void {
    this.#generation++;
    this.#waiting?.resolve(STALE);
    this.#waiting = null;
    this.#inFlight?.abort();
  }

  #next(): void {
    const job = this.#waiting;
    if (!job) return;
    this.#waiting = null;
    const controller = new AbortController();
    this.#inFlight = controller;
    const generation = this.#generation;
    this.#run(job.arg, controller.signal)
      .then(
        (r) => job.resolve(generation === this.#generation ? r : STALE),
        (e: unknown) => (generation === this.#generation ? job.reject(e) : job.resolve(STALE)),
      )
      .finally(() => {
        this.#inFlight = null;
        this.#next();
      });
  }
}
