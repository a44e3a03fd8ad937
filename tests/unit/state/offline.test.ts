import { describe, expect, it } from 'vitest';
import { OfflineStatus, type OfflineHost } from '../../../src/state/offline.svelte';
import { failedUrl } from '../../../src/state/chunkFailure';

type Emitter = EventTarget & { emit: (type: string) => void };
const emitter = <T extends object>(fields: T): Emitter & T => {
  const t = new EventTarget() as Emitter;
  t.emit = (type) => t.dispatchEvent(new Event(type));
  return Object.assign(t, fields);
};

/** Just enough of ServiceWorkerRegistration and ServiceWorkerContainer, moved by hand. */
function fakes(opts: { controlled?: boolean; active?: boolean } = {}) {
  const worker = () => emitter({ state: 'installing' as ServiceWorkerState });
  const registration = emitter({
    installing: null as ReturnType<typeof worker> | null,
    waiting: null as ReturnType<typeof worker> | null,
    active: opts.active ? Object.assign(worker(), { state: 'activated' as ServiceWorkerState }) : null,
  });
  const container = emitter({ controller: opts.controlled ? {} : null });
  return { registration, container, worker };
}

function host(holds: boolean | (() => Promise<boolean>) = true): OfflineHost & { outdatedCalls: number } {
  const h = {
    outdatedCalls: 0,
    holdsThisBuild: typeof holds === 'function' ? holds : async () => holds,
    outdated: () => void h.outdatedCalls++,
  };
  return h;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const asRegistration = (r: unknown) => r as ServiceWorkerRegistration;
const asContainer = (c: unknown) => c as ServiceWorkerContainer;

describe('offline readiness of the open tab', () => {
  it('a first visit is preparing while the app downloads, and ready once the new worker claims the page', async () => {
    const { registration, container, worker } = fakes();
    const status = new OfflineStatus(host());
    const installing = worker();
    registration.installing = installing;
    status.follow(asRegistration(registration), asContainer(container));
    await settle();
    expect(status.readiness).toBe('preparing');

    // Installed and activated: the worker is active but has not claimed the page yet.
    Object.assign(registration, { installing: null, active: installing });
    installing.state = 'activated';
    installing.emit('statechange');
    await settle();
    expect(status.readiness).toBe('preparing');

    container.controller = {};
    container.emit('controllerchange');
    await settle();
    expect(status.readiness).toBe('ready');
  });

  it('a returning visit in a page the worker controls is ready at once', async () => {
    const { registration, container } = fakes({ controlled: true, active: true });
    const status = new OfflineStatus(host());
    status.follow(asRegistration(registration), asContainer(container));
    await settle();
    expect(status.readiness).toBe('ready');
  });

  it('is not ready when the worker in control holds another build, and offers the reload once', async () => {
    const { registration, container } = fakes({ controlled: true, active: true });
    const h = host(false);
    const status = new OfflineStatus(h);
    status.follow(asRegistration(registration), asContainer(container));
    await settle();
    expect(status.readiness).toBe('outdated');
    container.emit('controllerchange');
    await settle();
    expect(h.outdatedCalls).toBe(1);
  });

  it('a page loaded past an active worker (hard reload) is told to reload', async () => {
    const { registration, container } = fakes({ active: true });
    const status = new OfflineStatus(host());
    status.follow(asRegistration(registration), asContainer(container));
    await settle();
    expect(status.readiness).toBe('reload');
  });

  it('a first download cut short leaves the app not ready, not "preparing" for ever', async () => {
    const { registration, container, worker } = fakes();
    const status = new OfflineStatus(host());
    const installing = worker();
    registration.installing = installing;
    status.follow(asRegistration(registration), asContainer(container));
    await settle();
    registration.installing = null;
    installing.state = 'redundant';
    installing.emit('statechange');
    await settle();
    expect(status.readiness).toBe('unavailable');
  });

  it('the latest check wins over a slower earlier one', async () => {
    const { registration, container } = fakes({ controlled: true, active: true });
    let release: (v: boolean) => void = () => undefined;
    const answers = [new Promise<boolean>((r) => (release = r)), Promise.resolve(true)];
    const status = new OfflineStatus(host(() => answers.shift() ?? Promise.resolve(true)));
    const first = status.check(asRegistration(registration), asContainer(container));
    const second = status.check(asRegistration(registration), asContainer(container));
    await second;
    release(false);
    await first;
    expect(status.readiness).toBe('ready');
  });

  it('follows the connection the browser reports', () => {
    const status = new OfflineStatus(host());
    const target = emitter({});
    status.watchConnection(target, () => false);
    expect(status.online).toBe(false);
    expect(status.everythingLoads).toBe(false);
    target.emit('online');
    expect(status.online).toBe(true);
    target.emit('offline');
    expect(status.online).toBe(false);
  });
});

describe('the file named in a failed import', () => {
  it('is read from the messages of Chromium, Firefox and Vite', () => {
    globalThis.document ??= { baseURI: 'http://host/app/' } as Document;
    expect(failedUrl(new TypeError('Failed to fetch dynamically imported module: http://host/app/assets/HistoryTab-abc.js'))).toBe('http://host/app/assets/HistoryTab-abc.js');
    expect(failedUrl(new TypeError('error loading dynamically imported module: http://host/app/assets/Grid-x_1.js'))).toBe('http://host/app/assets/Grid-x_1.js');
    expect(failedUrl(new Error('Unable to preload CSS for http://host/app/assets/ChannelsTab-1.css'))).toBe('http://host/app/assets/ChannelsTab-1.css');
    expect(failedUrl(new TypeError('Importing a module script failed.'))).toBeNull();
  });
});
