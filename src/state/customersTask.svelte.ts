/**
 * The result of the latest of a series of worker requests, for a view to show. A request with the
 * same key as the one shown (or running) is not sent again; a newer request cancels the one still
 * running (its AbortSignal reaches the worker, which stops there), so a slow answer to an old
 * question never paints over a fresher one nor keeps the worker busy. The last result stays on
 * screen while the next one is computed.
 */
import { i18n } from './i18n.svelte';
import { AbortedError } from '../workers/workerHandle';
import { CustomersError } from '../workers/customersTypes';

export class LatestTask<R> {
  value = $state.raw<R | null>(null);
  running = $state(false);
  error = $state.raw<unknown>(null);
  #key: string | null = null;
  #controller: AbortController | null = null;

  run(key: string, request: (signal: AbortSignal) => Promise<R>): void {
    if (key === this.#key) return;
    this.#key = key;
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.running = true;
    this.error = null;
    request(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        this.value = value;
        this.running = false;
        this.#controller = null;
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        // The same request may be tried again (e.g. after the worker was restarted).
        this.#key = null;
        this.#controller = null;
        this.error = e;
        this.running = false;
      },
    );
  }

  /** Forgets the result and cancels what is running (its data set was deleted or another one chosen). */
  reset(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.#key = null;
    this.value = null;
    this.running = false;
    this.error = null;
  }
}

/** An error of the customers worker in the user's language: its code's message, never a raw English text. */
export function customersErrorText(e: unknown): string {
  const t = i18n.t;
  if (e instanceof CustomersError) return t(`cust.error.${e.code}`);
  if (e instanceof AbortedError) return t('cust.error.cancelled');
  if (e instanceof Error && e.name === 'QuotaExceededError') return t('cust.fail.quota');
  return t('cust.error.unexpected');
}
