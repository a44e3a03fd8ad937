import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACTIVATE_TIMEOUT_MS, CHUNK_RELOAD_GUARD_MS, CHUNK_RELOAD_KEY, SKIP_WAITING, UpdateFlow, type UpdateHost } from '../../../src/state/updates.svelte';

/** sessionStorage as the flow uses it. */
class MemoryStorage {
  #items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.#items.set(key, value);
  }
}

interface FakeHost extends UpdateHost {
  /** What happened, in order: 'save', 'reload', 'message'. */
  log: string[];
  clock: { now: number };
}

function host(options: { saved?: boolean; storage?: MemoryStorage | null; gone?: boolean } = {}): FakeHost {
  const log: string[] = [];
  const clock = { now: 1_000_000 };
  const storage = options.storage === undefined ? new MemoryStorage() : options.storage;
  return {
    log,
    clock,
    saveEdits: async () => {
      log.push('save');
      return options.saved ?? true;
    },
    reload: () => log.push('reload'),
    storage: () => storage as Storage | null,
    now: () => clock.now,
    gone: async () => {
      log.push('probe');
      return options.gone ?? true;
    },
  };
}

function worker(log: string[]): { postMessage: (m: unknown) => void; messages: unknown[] } {
  const messages: unknown[] = [];
  return {
    messages,
    postMessage: (m) => {
      messages.push(m);
      log.push('message');
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('case 44: a new version is offered, never forced', () => {
  it('shows the prompt and does nothing else until the user accepts', async () => {
    const h = host();
    const flow = new UpdateFlow(h);
    expect(flow.visible).toBe(false);
    flow.offer(worker(h.log));
    expect(flow.visible).toBe(true);
    await vi.advanceTimersByTimeAsync(10 * ACTIVATE_TIMEOUT_MS);
    expect(h.log).toEqual([]);
  });

  it('accepting saves first, then asks the waiting worker to take over, and reloads once it has', async () => {
    const h = host();
    const flow = new UpdateFlow(h);
    const w = worker(h.log);
    flow.offer(w);
    await flow.accept();
    expect(h.log).toEqual(['save', 'message']);
    expect(w.messages).toEqual([SKIP_WAITING]);
    flow.controllerChanged();
    expect(h.log).toEqual(['save', 'message', 'reload']);
    // The fallback timer finds the reload already done: still one reload.
    await vi.advanceTimersByTimeAsync(ACTIVATE_TIMEOUT_MS);
    flow.controllerChanged();
    expect(h.log.filter((e) => e === 'reload')).toHaveLength(1);
  });

  it('reloads after a while if the new worker never takes control', async () => {
    const h = host();
    const flow = new UpdateFlow(h);
    flow.offer(worker(h.log));
    await flow.accept();
    await vi.advanceTimersByTimeAsync(ACTIVATE_TIMEOUT_MS - 1);
    expect(h.log).toEqual(['save', 'message']);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.log).toEqual(['save', 'message', 'reload']);
  });

  it('keeps the tab when the edits cannot be saved; reloading then needs an explicit "reload anyway"', async () => {
    const h = host({ saved: false });
    const flow = new UpdateFlow(h);
    const w = worker(h.log);
    flow.offer(w);
    await flow.accept();
    expect(h.log).toEqual(['save']);
    expect(flow.unsaved).toBe(true);
    expect(flow.busy).toBe(false);
    expect(flow.visible).toBe(true);
    await vi.advanceTimersByTimeAsync(10 * ACTIVATE_TIMEOUT_MS);
    expect(h.log).toEqual(['save']);

    await flow.accept(true);
    expect(h.log).toEqual(['save', 'save', 'message']);
  });

  it('a second click while saving does not save or reload twice', async () => {
    const h = host();
    const flow = new UpdateFlow(h);
    flow.offer(worker(h.log));
    await Promise.all([flow.accept(), flow.accept()]);
    expect(h.log).toEqual(['save', 'message']);
  });

  it('another tab taking the update does not reload this one; accepting later reloads straight away', async () => {
    const h = host();
    const flow = new UpdateFlow(h);
    flow.offer(worker(h.log));
    flow.controllerChanged();
    expect(h.log).toEqual([]);
    expect(flow.visible).toBe(true);
    await flow.accept();
    expect(h.log).toEqual(['save', 'reload']);
  });

  it('"Later" hides the prompt until the next new version', () => {
    const h = host();
    const flow = new UpdateFlow(h);
    flow.offer(worker(h.log));
    flow.dismiss();
    expect(flow.visible).toBe(false);
    flow.offer(worker(h.log));
    expect(flow.visible).toBe(true);
  });
});

describe('case 45: a chunk removed by a deploy', () => {
  it('saves, then reloads once, remembering when', async () => {
    const storage = new MemoryStorage();
    const h = host({ storage });
    const flow = new UpdateFlow(h);
    await flow.chunkFailed();
    expect(h.log).toEqual(['probe', 'save', 'reload']);
    expect(storage.getItem(CHUNK_RELOAD_KEY)).toBe(String(h.clock.now));
  });

  it('after that reload, a second failure is shown instead of reloading again (no loop)', async () => {
    const storage = new MemoryStorage();
    const first = host({ storage });
    await new UpdateFlow(first).chunkFailed();
    // The page reloaded: a new flow, the same per-tab storage.
    const second = host({ storage });
    second.clock.now = first.clock.now + 2000;
    const flow = new UpdateFlow(second);
    await flow.chunkFailed();
    expect(second.log).toEqual(['probe']);
    expect(flow.broken).toBe(true);
    expect(flow.visible).toBe(true);
    // The user may still reload by hand: that saves first.
    await flow.accept();
    expect(second.log).toEqual(['probe', 'save', 'reload']);
  });

  it('a failure long after the last such reload may reload again', async () => {
    const storage = new MemoryStorage();
    const first = host({ storage });
    await new UpdateFlow(first).chunkFailed();
    const later = host({ storage });
    later.clock.now = first.clock.now + CHUNK_RELOAD_GUARD_MS;
    await new UpdateFlow(later).chunkFailed();
    expect(later.log).toEqual(['probe', 'save', 'reload']);
  });

  it('several failures at once (a chunk and its stylesheet) reload once', async () => {
    const h = host();
    const flow = new UpdateFlow(h);
    await Promise.all([flow.chunkFailed(), flow.chunkFailed(), flow.chunkFailed()]);
    expect(h.log).toEqual(['probe', 'save', 'reload']);
  });

  it('without per-tab storage a loop could not be detected: the user is asked instead', async () => {
    const h = host({ storage: null });
    const flow = new UpdateFlow(h);
    await flow.chunkFailed();
    expect(h.log).toEqual(['probe']);
    expect(flow.broken).toBe(true);
  });

  it('does not reload over edits that could not be saved', async () => {
    const storage = new MemoryStorage();
    const h = host({ saved: false, storage });
    const flow = new UpdateFlow(h);
    await flow.chunkFailed();
    expect(h.log).toEqual(['probe', 'save']);
    expect(flow.unsaved).toBe(true);
    expect(storage.getItem(CHUNK_RELOAD_KEY)).toBeNull();
  });

  it('with a new version waiting, reloads into it', async () => {
    const h = host();
    const flow = new UpdateFlow(h);
    const w = worker(h.log);
    flow.offer(w);
    await flow.chunkFailed();
    expect(h.log).toEqual(['probe', 'save', 'message']);
    flow.controllerChanged();
    expect(h.log).toEqual(['probe', 'save', 'message', 'reload']);
  });

  it('a part out of reach (offline, or the request refused) is not reloaded for: the view offers a retry', async () => {
    const storage = new MemoryStorage();
    const h = host({ storage, gone: false });
    const flow = new UpdateFlow(h);
    await flow.chunkFailed(new TypeError('Failed to fetch dynamically imported module: http://localhost/assets/HistoryTab-abc.js'));
    await vi.advanceTimersByTimeAsync(10 * ACTIVATE_TIMEOUT_MS);
    expect(h.log).toEqual(['probe']);
    expect(flow.visible).toBe(false);
    expect(storage.getItem(CHUNK_RELOAD_KEY)).toBeNull();
    // The same part gone from the server later (a deploy) still reloads once.
    const deployed = host({ storage, gone: true });
    await new UpdateFlow(deployed).chunkFailed();
    expect(deployed.log).toEqual(['probe', 'save', 'reload']);
  });
});

describe('watching a service worker registration', () => {
  /** Just enough of ServiceWorkerRegistration / ServiceWorkerContainer for `watch`. */
  function fakes(opts: { controlled: boolean; waiting?: boolean }) {
    const target = (): EventTarget & { emit: (type: string) => void } => {
      const t = new EventTarget() as EventTarget & { emit: (type: string) => void };
      t.emit = (type) => t.dispatchEvent(new Event(type));
      return t;
    };
    const installing = Object.assign(target(), { state: 'installing', postMessage: vi.fn() });
    const registration = Object.assign(target(), {
      waiting: opts.waiting ? { state: 'installed', postMessage: vi.fn() } : null,
      installing: null as typeof installing | null,
    });
    const container = Object.assign(target(), { controller: opts.controlled ? {} : null });
    return { registration, container, installing };
  }

  it('offers a worker that is already waiting in a controlled tab', () => {
    const { registration, container } = fakes({ controlled: true, waiting: true });
    const flow = new UpdateFlow(host());
    flow.watch(registration as unknown as ServiceWorkerRegistration, container as unknown as ServiceWorkerContainer);
    expect(flow.available).toBe(true);
  });

  it('offers nothing on the first install (no older version runs)', () => {
    const { registration, container, installing } = fakes({ controlled: false });
    const flow = new UpdateFlow(host());
    flow.watch(registration as unknown as ServiceWorkerRegistration, container as unknown as ServiceWorkerContainer);
    registration.installing = installing;
    registration.emit('updatefound');
    installing.state = 'installed';
    installing.emit('statechange');
    expect(flow.available).toBe(false);
  });

  it('offers a worker found later once it has installed, and hands over to it', async () => {
    const { registration, container, installing } = fakes({ controlled: true });
    const h = host();
    const flow = new UpdateFlow(h);
    flow.watch(registration as unknown as ServiceWorkerRegistration, container as unknown as ServiceWorkerContainer);
    registration.installing = installing;
    registration.emit('updatefound');
    installing.emit('statechange');
    expect(flow.available).toBe(false);
    installing.state = 'installed';
    Object.assign(registration, { waiting: installing, installing: null });
    installing.emit('statechange');
    expect(flow.available).toBe(true);

    await flow.accept();
    expect(installing.postMessage).toHaveBeenCalledWith(SKIP_WAITING);
    container.emit('controllerchange');
    expect(h.log).toEqual(['save', 'reload']);
  });
});
