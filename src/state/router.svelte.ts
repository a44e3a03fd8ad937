export type Tab = 'channels' | 'periods' | 'settings';
export type Route = { view: 'home' } | { view: 'plan'; id: string; tab: Tab };

const TABS: readonly Tab[] = ['channels', 'periods', 'settings'];

export function parseHash(hash: string): Route {
  const m = /^#\/plan\/([A-Za-z0-9_-]+)(?:\/(\w+))?$/.exec(hash);
  if (!m) return { view: 'home' };
  const tab = (TABS as readonly string[]).includes(m[2] ?? '') ? (m[2] as Tab) : 'channels';
  return { view: 'plan', id: m[1], tab };
}

export function routeHash(r: Route): string {
  return r.view === 'home' ? '#/' : `#/plan/${r.id}/${r.tab}`;
}

/** Hash routing: works from any sub-path of a static host and survives reloads. */
export class Router {
  route = $state.raw<Route>({ view: 'home' });

  start(): void {
    this.route = parseHash(location.hash);
    addEventListener('hashchange', () => (this.route = parseHash(location.hash)));
  }

  go(r: Route): void {
    const hash = routeHash(r);
    if (location.hash !== hash) location.hash = hash;
    this.route = r;
  }
}

export const router = new Router();
