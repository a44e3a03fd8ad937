/**
 * The result of the latest of a series of requests, for a view to show. A request with the same key
 * as the one shown (or running) is not sent again; a newer request aborts the one still running (its
 * AbortSignal reaches the worker, which stops there), so a slow answer to an old question never
 * paints over a fresher one nor keeps the worker busy. The last result stays on screen while the
 * next one is computed. Built on the one latest-wins primitive, LatestRunner.
 */
import { LatestRunner, STALE } from '../workers/latest';

type Request<R> = (signal: AbortSignal) => Promise<R>;

/** What a status line needs to know of a task, whatever its result type. */
export interface TaskState {
  readonly value: unknown;
  readonly running: boolean;
  readonly error: unknown;
}

export class LatestTask<R> implements TaskState {
  value = $state.raw<R | null>(null);
  running = $state(false);
  error = $state.raw<unknown>(null);
  /** The last request was stopped by `cancel` before it finished. */
  cancelled = $state(false);
  #key: string | null = null;
  #runner = new LatestRunner<Request<R>, R>((request, signal) => request(signal), { abortRunning: true });

  /** Runs `request` unless `key` is the request already shown or running (null: always run). */
  run(key: string | null, request: Request<R>): void {
    if (key !== null && key === this.#key) return;
    this.#key = key;
    this.running = true;
    this.error = null;
    this.cancelled = false;
    this.#runner.submit(request).then(
      (value) => {
        if (value === STALE) return;
        this.value = value;
        this.running = false;
      },
      (e: unknown) => {
        // The same request may be tried again (e.g. after the worker was restarted).
        this.#key = null;
        this.error = e;
        this.running = false;
      },
    );
  }

  /** Forgets the result and cancels what is running (its data set was deleted or another one chosen). */
  reset(): void {
    this.#runner.cancel();
    this.#key = null;
    this.value = null;
    this.running = false;
    this.error = null;
    this.cancelled = false;
  }

  /** Stops what is running at the user's request; the last result stays, and the same request may run again. */
  cancel(): void {
    if (!this.running) return;
    this.#runner.cancel();
    this.#key = null;
    this.running = false;
    this.cancelled = true;
  }
}
