/**
 * Promotion events acting on the resolved drivers of each month (docs/model.md#promotions).
 *
 * In a month where an event covers a share s of the days, for a channel that runs it, with the
 * month's orders O (traffic × conversion before the event), depth d and lift L:
 *   extra orders        E = s · L · O
 *   orders at the promotional price = s · (1 + L) · O, each d cheaper
 * A share p of Σ E is taken from the days before the event (pull-forward) and a share h from the
 * months after it (hangover), spread evenly over those days. The month's orders become O + ΔO, and
 *   aov                → aov · (1 − δ),  δ = Σ d · s · (1 + L) · O / (O + ΔO)   (the average price paid)
 *   promotionDiscount  = grossRevenue · δ / (1 − δ)                          (a P&L line, compute.ts)
 * ΔO reaches the drivers as more (or fewer) orders per visit, or as more visits at the month's
 * conversion (Promotion.liftOn). Everything is computed at the month's own traffic, so the optimiser,
 * goal seek and Monte Carlo take the promotions as fixed context.
 */
import { curveTraffic } from '../curve';
import type { DriverSeries } from '../driverSeries';
import { scenarioChain } from '../scenarios/chain';
import type { Plan, Promotion } from '../types';
import { setPromotionDiscount } from './promotionDiscount';
import { addMonthsToDay, dayNumber, monthDays, monthShares, spanLength, type DaySpan } from './promotionDays';

/**
 * A channel × region row of a plan computed by region has the id `channel␞region` (regions/expand.ts
 * rowId): a promotion of the channel runs in every region of it.
 */
function planChannelId(id: string): string {
  const k = id.indexOf('\u241e');
  return k < 0 ? id : id.slice(0, k);
}

/** The plan's promotions with the changes of the scenario and its ancestors (root first) applied. */
export function scenarioPromotions(plan: Plan, scenarioId: string | null): Promotion[] {
  const list = plan.promotions ?? [];
  if (scenarioId === null || list.length === 0) return list;
  const chain = scenarioChain(plan, scenarioId);
  if (!chain.some((s) => s.promotions && s.promotions.length > 0)) return list;
  const out = list.map((p) => ({ ...p }));
  const byId = new Map(out.map((p) => [p.id, p] as const));
  for (const s of chain) {
    for (const ch of s.promotions ?? []) {
      const p = byId.get(ch.promotionId);
      if (!p) continue;
      if (ch.enabled !== undefined) p.enabled = ch.enabled;
      if (ch.depth !== undefined) p.depth = ch.depth;
      if (ch.lift !== undefined) p.lift = ch.lift;
    }
  }
  return out;
}

/** The days of an event, or null when its dates cannot be read or end before they start (validation reports these). */
export function eventSpan(p: Pick<Promotion, 'start' | 'end'>): DaySpan | null {
  const from = dayNumber(p.start);
  const to = dayNumber(p.end);
  return from === null || to === null || to < from ? null : { from, to };
}

/** An event the engine can apply: on, dated, with a depth below 100 % and a lift that is a number. */
function usable(p: Promotion): boolean {
  return p.enabled && eventSpan(p) !== null && p.depth >= 0 && p.depth < 1 && p.lift >= 0 && Number.isFinite(p.lift);
}

/** What the events of one channel do to each month of it, before it reaches the drivers. */
interface RowEffect {
  /** Change of orders arriving as orders per visit. */
  viaConversion: Float64Array;
  /** Change of orders arriving as visits. */
  viaTraffic: Float64Array;
  /** Σ d · s · (1 + L) · O: orders at a promotional price, weighted by their discount. */
  discounted: Float64Array;
  /** Deepest discount of the month, the bound of δ. */
  maxDepth: Float64Array;
}

/** Removes `amount` orders evenly from the days of `span`, never more than those days would have sold. */
function takeFrom(span: DaySpan, amount: number, months: readonly string[], orders: Float64Array, from: number, into: Float64Array): void {
  const len = spanLength(span);
  if (amount <= 0 || len === 0) return;
  const shares = monthShares(span, months);
  for (let t = from; t < months.length; t++) {
    if (shares[t] === 0) continue;
    const days = shares[t] * monthDays(months[t]).days;
    into[t] -= Math.min((amount * days) / len, shares[t] * orders[t]);
  }
}

function rowEffect(events: readonly Promotion[], months: readonly string[], orders: Float64Array, from: number): RowEffect {
  const P = months.length;
  const e: RowEffect = { viaConversion: new Float64Array(P), viaTraffic: new Float64Array(P), discounted: new Float64Array(P), maxDepth: new Float64Array(P) };
  for (const p of events) {
    const span = eventSpan(p)!;
    const shares = monthShares(span, months);
    const into = p.liftOn === 'traffic' ? e.viaTraffic : e.viaConversion;
    let extra = 0;
    for (let t = from; t < P; t++) {
      const s = shares[t];
      if (s === 0) continue;
      const added = s * p.lift * orders[t];
      into[t] += added;
      extra += added;
      e.discounted[t] += p.depth * s * (1 + p.lift) * orders[t];
      if (p.depth > e.maxDepth[t]) e.maxDepth[t] = p.depth;
    }
    if (p.pullForward && p.pullForward.days > 0) {
      const days = Math.round(p.pullForward.days);
      takeFrom({ from: span.from - days, to: span.from - 1 }, p.pullForward.share * extra, months, orders, from, into);
    }
    if (p.hangover && p.hangover.months > 0) {
      const to = addMonthsToDay(span.to, Math.round(p.hangover.months));
      takeFrom({ from: span.to + 1, to }, p.hangover.share * extra, months, orders, from, into);
    }
  }
  return e;
}

/**
 * Makes cell i sell `after` orders: `viaTraffic` of the change as visits at the month's conversion
 * (never fewer visits than none), the rest as orders per visit.
 */
function moveOrders(series: DriverSeries, i: number, traffic: number, after: number, viaTraffic: number): void {
  const conversion = series.conversion[i];
  const visits = conversion > 0 ? Math.max(-series.baseTraffic[i], viaTraffic / conversion) : 0;
  let newTraffic = traffic + visits;
  let newConversion = newTraffic > 0 ? after / newTraffic : conversion;
  if (newConversion > 1) {
    // More orders than visits: the excess arrives as visits, as a conversion above 100 % cannot.
    newConversion = 1;
    newTraffic = after;
  }
  series.baseTraffic[i] += newTraffic - traffic;
  series.conversion[i] = newConversion;
}

/** Promotions of the plan and the scenario acting on the drivers of periods `from` onwards. */
export function applyPromotions(plan: Plan, series: DriverSeries, months: readonly string[], scenarioId: string | null, from: number): void {
  const events = scenarioPromotions(plan, scenarioId).filter(usable);
  if (events.length === 0) return;
  const P = months.length;
  let ratio: Float64Array | null = null;
  plan.channels.forEach((ch, c) => {
    const owner = planChannelId(ch.id);
    const mine = events.filter((p) => p.channelIds.includes(owner));
    if (mine.length === 0) return;
    const at = c * P;
    const traffic = new Float64Array(P);
    const orders = new Float64Array(P);
    for (let t = 0; t < P; t++) {
      traffic[t] = series.baseTraffic[at + t] + curveTraffic(ch.curve, series.spend[at + t]);
      orders[t] = traffic[t] * series.conversion[at + t];
    }
    const e = rowEffect(mine, months, orders, from);
    for (let t = from; t < P; t++) {
      const change = e.viaConversion[t] + e.viaTraffic[t];
      if (change === 0 && e.discounted[t] === 0) continue;
      const i = at + t;
      const after = Math.max(0, orders[t] + change);
      if (change !== 0) moveOrders(series, i, traffic[t], after, e.viaTraffic[t]);
      if (e.discounted[t] > 0 && after > 0) {
        const share = Math.min(e.discounted[t] / after, e.maxDepth[t]);
        series.aov[i] *= 1 - share;
        ratio ??= new Float64Array(series.aov.length);
        ratio[i] = share / (1 - share);
      }
    }
  });
  if (ratio) setPromotionDiscount(series, ratio);
}
