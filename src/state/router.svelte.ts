export type Tab = 'channels' | 'periods' | 'regions' | 'levers' | 'scenarios' | 'compare' | 'optimise' | 'risk' | 'evaluate' | 'customers' | 'actuals' | 'forecast' | 'history' | 'settings' | 'workshop' | 'report';
export type Route = { view: 'home' } | { view: 'plan'; id: string; tab: Tab } | { view: 'projector'; id: string } | { view: 'join'; payload: string };

export const TABS: readonly Tab[] = ['channels', 'periods', 'regions', 'levers', 'scenarios', 'compare', 'optimise', 'risk', 'evaluate', 'customers', 'actuals', 'forecast', 'history', 'settings', 'workshop', 'report'];

export function parseHash(hash: string): Route {
  // A phone invited to a workshop: the payload is checked by the join view, not here.
  if (hash.startsWith('#join=')) return { view: 'join', payload: hash.slice('#join='.length) };
  const p = /^#\/projector\/([A-Za-z0-9_-]+)$/.exec(hash);
  if (p) return { view: 'projector', id: p[1] };
  const m = /^#\/plan\/([A-Za-z0-9_-]+)(?:\/(\w+))?$/.exec(hash);
  if (!m) return { view: 'home' };
  const tab = (TABS as readonly string[]).includes(m[2] ?? '') ? (m[2] as Tab) : 'channels';
  return { view: 'plan', id: m[1], tab };
}

export function routeHash(r: Route): string {
  if (r.view === 'projector') return `#/projector/${r.id}`;
  if (r.view === 'join') return `#join=${r.payload}`;
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
