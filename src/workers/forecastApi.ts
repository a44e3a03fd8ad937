/**
 * What the forecast worker exposes: the engine's forecast steps (engine/forecast/forecastBatch.ts)
 * run to the end, with progress after each series. Plain functions over plain data, so tests call
 * them directly or through a MessageChannel; the worker only wraps them in Comlink. Stopping is the
 * client's: aborting a call terminates the worker (WorkerHandle), which is the only way to stop a
 * fit in the middle.
 */
import { forecastSteps, type ForecastProgress, type ForecastRequest, type ForecastResult } from '../engine/forecast';

/** A callback that may be a Comlink proxy: its answer is never awaited, and a failed call is ignored. */
const unawaited = <T>(callback: (value: T) => unknown) => (value: T) => void Promise.resolve(callback(value)).catch(() => undefined);

export const forecastApi = {
  /** Forecasts every series in order; `onProgress` hears after each one. */
  forecastMany(requests: ForecastRequest[], onProgress?: (p: ForecastProgress) => unknown): ForecastResult[] {
    const report = onProgress ? unawaited(onProgress) : null;
    const steps = forecastSteps(requests);
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
      report?.(next.value);
    }
  },
};

export type ForecastApi = typeof forecastApi;

/** Every buffer of the results, so the worker hands them over instead of copying them. */
export function forecastBuffers(results: ForecastResult[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const visit = (v: unknown): void => {
    if (v instanceof Float64Array) buffers.add(v.buffer as ArrayBuffer);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(results);
  return [...buffers];
}
