/**
 * The main thread's way to the forecast worker. Forecasting a plan's channels takes a second or
 * two: the call reports progress after each series, and aborting its signal (the Stop button, or a
 * newer request) terminates the worker at once; the next call starts a fresh one.
 */
import * as Comlink from 'comlink';
import type { ForecastProgress, ForecastRequest, ForecastResult } from '../engine/forecast';
import type { ForecastApi } from './forecastApi';
import { WorkerHandle } from './workerHandle';

const handle = new WorkerHandle<ForecastApi>(() => new Worker(new URL('./forecast.worker.ts', import.meta.url), { type: 'module', name: 'forecast' }), { idleMs: 2 * 60_000 });

export function forecastMany(requests: ForecastRequest[], onProgress: (p: ForecastProgress) => void, signal?: AbortSignal): Promise<ForecastResult[]> {
  return handle.call((api) => api.forecastMany(requests, Comlink.proxy(onProgress)), signal);
}

export function disposeForecastWorker(): void {
  handle.terminate();
}
