/**
 * The result of the latest of a series of worker requests, for a view to show. A request with the
 * same key as the one shown (or running) is not sent again; a newer request's result always wins, so
 * a slow answer to an old question never paints over a fresher one. The last result stays on screen
 * while the next one is computed.
 */
export class LatestTask<R> {
  value = $state.raw<R | null>(null);
  running = $state(false);
  error = $state<unknown>(null);
  #key: string | null = null;
  #generation = 0;

  run(key: string, request: () => Promise<R>): void {
    if (key === this.#key) return;
    this.#key = key;
    const generation = ++this.#generation;
    this.running = true;
    this.error = null;
    request().then(
      (value) => {
        if (generation !== this.#generation) return;
        this.value = value;
        this.running = false;
      },
      (e: unknown) => {
        if (generation !== this.#generation) return;
        // The same request may be tried again (e.g. after the worker was restarted).
        this.#key = null;
        this.error = e;
        this.running = false;
      },
    );
  }

  /** Forgets the result (its data set was deleted or another one chosen). */
  reset(): void {
    this.#key = null;
    this.#generation++;
    this.value = null;
    this.running = false;
    this.error = null;
  }
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
