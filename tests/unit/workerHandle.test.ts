import { describe, expect, it } from 'vitest';
import { WorkerHandle, WorkerStartError } from '../../src/workers/workerHandle';

/** Enough of a Worker for Comlink: messages go nowhere, so a call waits until something else ends it. */
class SilentWorker extends EventTarget {
  terminated = false;
  postMessage(): void {}
  terminate(): void {
    this.terminated = true;
  }
}

interface Api {
  compute(): Promise<number>;
}

describe('a worker whose script does not load', () => {
  it('fails the waiting call instead of leaving it unanswered, and the next call starts a new worker', async () => {
    const created: SilentWorker[] = [];
    const handle = new WorkerHandle<Api>(() => {
      const w = new SilentWorker();
      created.push(w);
      return w as unknown as Worker;
    });
    const call = handle.call((api) => api.compute());
    // What a browser fires at a Worker whose script could not be fetched: a plain `error` Event.
    created[0].dispatchEvent(new Event('error'));
    await expect(call).rejects.toBeInstanceOf(WorkerStartError);
    expect(created[0].terminated).toBe(true);

    const again = handle.call((api) => api.compute());
    expect(created).toHaveLength(2);
    created[1].dispatchEvent(new Event('error'));
    await expect(again).rejects.toThrow('could not be started');
  });

  it('a call with a signal fails the same way', async () => {
    let worker: SilentWorker | null = null;
    const handle = new WorkerHandle<Api>(() => (worker = new SilentWorker()) as unknown as Worker);
    const call = handle.call((api) => api.compute(), new AbortController().signal);
    worker!.dispatchEvent(new Event('error'));
    await expect(call).rejects.toBeInstanceOf(WorkerStartError);
  });
});
