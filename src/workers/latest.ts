/** Marks the result of a request that a newer one replaced. */
export const STALE: unique symbol = Symbol('stale');
export type Latest<R> = R | typeof STALE;

/**
 * Runs at most one request at a time and keeps only the newest waiting one: while a slider is
 * dragged, intermediate positions are never computed, and a result that a newer request has
 * overtaken resolves as STALE so the UI never paints it over a fresher one.
 */
export class LatestRunner<A, R> {
  #run: (arg: A) => Promise<R>;
  #inFlight = false;
  #waiting: { arg: A; resolve: (r: Latest<R>) => void; reject: (e: unknown) => void } | null = null;
  #generation = 0;

  constructor(run: (arg: A) => Promise<R>) {
    this.#run = run;
  }

  submit(arg: A): Promise<Latest<R>> {
    this.#generation++;
    return new Promise<Latest<R>>((resolve, reject) => {
      if (this.#waiting) this.#waiting.resolve(STALE);
      this.#waiting = { arg, resolve, reject };
      if (!this.#inFlight) this.#next();
    });
  }

  #next(): void {
    const job = this.#waiting;
    if (!job) return;
    this.#waiting = null;
    this.#inFlight = true;
    const generation = this.#generation;
    this.#run(job.arg)
      .then(
        (r) => job.resolve(generation === this.#generation ? r : STALE),
        (e: unknown) => (generation === this.#generation ? job.reject(e) : job.resolve(STALE)),
      )
      .finally(() => {
        this.#inFlight = false;
        this.#next();
      });
  }
}
