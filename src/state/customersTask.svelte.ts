/** Customers worker errors in the user's language. (The latest-wins task is state/latestTask.svelte.ts.) */
import { AbortedError } from '../workers/workerHandle';
import { CustomersError } from '../workers/customersTypes';
import { i18n } from './i18n.svelte';

export { LatestTask } from './latestTask.svelte';

/** An error of the customers worker in the user's language: its code's message, never a raw English text. */
export function customersErrorText(e: unknown): string {
  const t = i18n.t;
  if (e instanceof CustomersError) return t(`cust.error.${e.code}`);
  if (e instanceof AbortedError) return t('cust.error.cancelled');
  if (e instanceof Error && e.name === 'QuotaExceededError') return t('cust.fail.quota');
  return t('cust.error.unexpected');
}
