/**
 * An independent count of customers per RFM segment and region, for checking the app's segment ×
 * region matrix: plain maps over plain rows, R's type-7 quantiles written out from their definition,
 * the R rfm score intervals, and the region rule stated in the UI (the region of a customer's first
 * order that names one). Shares nothing with src/engine/customers but the segment rule table.
 */
import { R_RFM_SEGMENT_RULES } from '../../../src/engine/customers/segments';

export interface ReferenceRow {
  customer: string;
  order: string;
  /** Days since 1970-01-01. */
  day: number;
  amount: number;
  /** The region as the rule should see it (already cleaned); null: names no region. */
  region: string | null;
}

export interface ReferenceCustomer {
  region: string | null;
  regionDay: number;
  orders: Set<string>;
  revenue: number;
  lastDay: number;
  segment: string;
}

/** R's quantile type 7. */
function type7(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** R rfm's score: breaks are the 20/40/60/80 % quantiles plus one; a value scores 1 + the breaks it reaches. */
function scorer(values: number[], reverse: boolean): (x: number) => number {
  const sorted = [...values].sort((a, b) => a - b);
  const breaks = [0.2, 0.4, 0.6, 0.8].map((p) => type7(sorted, p) + 1);
  return (x) => {
    const s = 1 + breaks.filter((b) => x >= b).length;
    return reverse ? 6 - s : s;
  };
}

/** Customers with their region and R rfm segment; `counts` by `${segment}|${region ?? ''}`. */
export function referenceSegments(rows: readonly ReferenceRow[]): { customers: Map<string, ReferenceCustomer>; counts: Map<string, number> } {
  const customers = new Map<string, ReferenceCustomer>();
  let lastDay = -Infinity;
  for (const r of rows) {
    lastDay = Math.max(lastDay, r.day);
    let c = customers.get(r.customer);
    if (!c) customers.set(r.customer, (c = { region: null, regionDay: Infinity, orders: new Set(), revenue: 0, lastDay: r.day, segment: '' }));
    if (r.region !== null && r.day < c.regionDay) Object.assign(c, { region: r.region, regionDay: r.day });
    c.lastDay = Math.max(c.lastDay, r.day);
    c.orders.add(r.order);
    c.revenue += r.amount;
  }
  const all = [...customers.values()];
  const asOf = lastDay + 1;
  const rScore = scorer(
    all.map((c) => asOf - c.lastDay),
    true,
  );
  const fScore = scorer(
    all.map((c) => c.orders.size),
    false,
  );
  const mScore = scorer(
    all.map((c) => c.revenue),
    false,
  );
  const counts = new Map<string, number>();
  const inside = (x: number, [lo, hi]: readonly [number, number]) => x >= lo && x <= hi;
  for (const c of all) {
    const [r, f, m] = [rScore(asOf - c.lastDay), fScore(c.orders.size), mScore(c.revenue)];
    c.segment = R_RFM_SEGMENT_RULES.find((s) => inside(r, s.recency) && inside(f, s.frequency) && inside(m, s.monetary))?.id ?? 'others';
    const key = `${c.segment}|${c.region ?? ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return { customers, counts };
}
