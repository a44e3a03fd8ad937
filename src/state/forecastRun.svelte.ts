/**
 * The Forecast tab's run: the plan's channel series forecast in the forecast worker, the newest
 * request winning (a changed option aborts the run in progress), with progress and Stop.
 */
import type { ForecastProgress, ForecastRequest, ForecastResult } from '../engine/forecast';
import { forecastMany } from '../workers/forecastClient';
import { LatestTask } from './latestTask.svelte';

export class ForecastRun {
  task = new LatestTask<ForecastResult[]>();
  progress = $state.raw<ForecastProgress | null>(null);

  /** Forecasts `requests` unless `key` names the run already shown or running. */
  run(key: string, requests: ForecastRequest[]): void {
    this.task.run(key, (signal) => {
      this.progress = { done: 0, total: requests.length };
      return forecastMany(requests, (p) => (this.progress = p), signal);
    });
  }

  stop(): void {
    this.task.cancel();
  }
}
