/**
 * A plan with channels planned by region, written as a plan whose channels are the channel × region
 * rows (docs/model.md#regions). Every engine path — the cell formulas, scenarios, actualising, goal
 * seek, Monte Carlo, the optimiser — then works on rows exactly as it works on channels, and the
 * results are added back up per channel (aggregate.ts). A plan without regional values is never
 * expanded, so it computes exactly as before.
 *
 * A row takes the channel's drivers unless the region has its own: amounts (spend, base traffic,
 * fixed cost) × the region's share, rates as they are; its response curve is the channel's with max
 * and half-saturation × the share, so that rows with the channel's own drivers add up to the channel
 * (max·s · (sS)^k / ((h·s)^k + (sS)^k) = s · max · S^k / (h^k + S^k)).
 */
import type { ActualSeries, Actuals, Adjustment, Cannibalisation, Channel, Driver, DriverKey, Plan, Scenario, UncertainDriver } from '../types';
import { ACTUAL_MONEY_MEASURES, ACTUAL_MEASURES } from '../types';
import { matchesTarget } from './targets';
import { hasOwnRegionalValues, regionShares, splitInteger, type RegionShare } from './shares';

/** Drivers that are amounts: a region takes its share of them; rates hold in every region. */
export const AMOUNT_DRIVERS: ReadonlySet<DriverKey> = new Set(['spend', 'baseTraffic', 'fixedCost']);
const MONEY_DRIVERS: ReadonlySet<DriverKey> = new Set(['spend', 'fixedCost']);

export interface RegionRow {
  /** Index of the channel in the plan. */
  channel: number;
  regionId: string;
  share: number;
  /** The row's id in the expanded plan. */
  id: string;
}

export interface Expansion {
  /** The plan with every regional channel replaced by its rows, in place (channel order kept). */
  plan: Plan;
  /** Per expanded channel: the plan channel it belongs to and its region ('' = the whole channel). */
  rowOf: { channel: number; regionId: string; share: number }[];
  /** Per plan channel: indices of its expanded channels (one for a channel computed whole). */
  rowsOf: number[][];
  /** Rows of the channels computed by region. */
  rows: RegionRow[];
}

/** The id of a channel × region row in the expanded plan. */
export function rowId(channelId: string, regionId: string): string {
  return `${channelId}\u241e${regionId}`;
}

/**
 * Channels computed region by region: those with values of their own in a region, and those an
 * enabled adjustment, a Monte Carlo range or an optimiser bound speaks of by region. Every scenario
 * counts (not only the one computed), so the baseline and every scenario split channels the same way.
 */
export function regionalChannels(plan: Plan): Set<number> {
  const out = new Set<number>();
  plan.channels.forEach((ch, c) => {
    if (hasOwnRegionalValues(plan, ch)) out.add(c);
  });
  const serves = (c: number, regionId: string): boolean => plan.channels[c].regions.includes(regionId) && plan.regions.some((r) => r.id === regionId);
  for (const s of plan.scenarios) {
    for (const a of s.adjustments) {
      if (!a.enabled || a.regionId === undefined) continue;
      plan.channels.forEach((ch, c) => {
        if (serves(c, a.regionId!) && matchesTarget(ch, a)) out.add(c);
      });
    }
  }
  const index = new Map(plan.channels.map((ch, c) => [ch.id, c] as const));
  for (const u of [...plan.uncertainty, ...plan.budgetBounds]) {
    const c = index.get(u.channelId);
    if (c !== undefined && u.regionId !== undefined && serves(c, u.regionId)) out.add(c);
  }
  return out;
}

function scaledDriver(d: Driver, share: number): Driver {
  const out: Driver = { ...d, base: d.base * share };
  if (d.overrides) out.overrides = Object.fromEntries(Object.entries(d.overrides).map(([m, v]) => [m, v * share]));
  return out;
}

function rowChannel(plan: Plan, ch: Channel, r: RegionShare): Channel {
  const own = ch.regionDrivers?.[r.regionId] ?? {};
  const season = plan.regions.find((x) => x.id === r.regionId)?.seasonality;
  const drivers = {} as Channel['drivers'];
  for (const key of Object.keys(ch.drivers) as DriverKey[]) {
    const mine = own[key];
    if (mine) drivers[key] = mine;
    else if (AMOUNT_DRIVERS.has(key)) drivers[key] = scaledDriver(ch.drivers[key], r.share);
    else drivers[key] = ch.drivers[key];
  }
  // The region's season replaces the channel's season of demand, unless the region's base traffic is its own.
  if (season?.length === 12 && !own.baseTraffic) drivers.baseTraffic = { ...drivers.baseTraffic, seasonality: season };
  return {
    id: rowId(ch.id, r.regionId),
    name: ch.name,
    type: ch.type,
    role: ch.role,
    regions: [r.regionId],
    color: ch.color,
    drivers,
    curve: { ...ch.curve, max: ch.curve.max * r.share, halfSat: ch.curve.halfSat * r.share },
    // Rebates settle on the channel's whole revenue: aggregate.ts applies them after the rows are added up.
  };
}

/** The expanded plan, or null when no channel is computed by region. */
export function expandPlan(plan: Plan, regional: Set<number> = regionalChannels(plan)): Expansion | null {
  if (regional.size === 0) return null;
  const channels: Channel[] = [];
  const rowOf: Expansion['rowOf'] = [];
  const rowsOf: number[][] = [];
  const rows: RegionRow[] = [];
  const shares = new Map<number, RegionShare[]>();
  plan.channels.forEach((ch, c) => {
    const mine: number[] = [];
    const split = regional.has(c) ? regionShares(plan, ch) : [];
    if (split.length === 0) {
      mine.push(channels.length);
      rowOf.push({ channel: c, regionId: '', share: 1 });
      channels.push(ch);
    } else {
      shares.set(c, split);
      for (const r of split) {
        mine.push(channels.length);
        rowOf.push({ channel: c, regionId: r.regionId, share: r.share });
        const row = rowChannel(plan, ch, r);
        rows.push({ channel: c, regionId: r.regionId, share: r.share, id: row.id });
        channels.push(row);
      }
    }
    rowsOf.push(mine);
  });
  const ctx: Ctx = { plan, shares, idOf: (c, r) => rowId(plan.channels[c].id, r) };
  const expanded: Plan = {
    ...plan,
    channels,
    scenarios: plan.scenarios.map((s) => expandScenario(ctx, s)),
    cannibalisation: plan.cannibalisation.flatMap((p) => expandPair(ctx, p)),
    uncertainty: plan.uncertainty.flatMap((u) => expandUncertain(ctx, channels, u)),
    budgetBounds: expandBounds(ctx, plan),
    actuals: plan.actuals ? expandActuals(ctx, plan.actuals) : undefined,
    prices: plan.prices ? { ...plan.prices, channels: plan.prices.channels.flatMap((p) => expandTargets(ctx, p.channelId, undefined).map((t) => ({ ...p, channelId: t.id }))) } : undefined,
  };
  if (!plan.actuals) delete expanded.actuals;
  // A price holds in every region of its channel.
  if (!plan.prices) delete expanded.prices;
  return { plan: expanded, rowOf, rowsOf, rows };
}

interface Ctx {
  plan: Plan;
  /** Shares of the channels computed by region. */
  shares: Map<number, RegionShare[]>;
  idOf: (c: number, regionId: string) => string;
}

function channelIndex(ctx: Ctx, id: string): number {
  return ctx.plan.channels.findIndex((ch) => ch.id === id);
}

/** The expanded ids a reference to (channel, region?) means. */
function expandTargets(ctx: Ctx, channelId: string, regionId: string | undefined) {
  const c = channelIndex(ctx, channelId);
  const split = c >= 0 ? ctx.shares.get(c) : undefined;
  const one = (id: string, rid: string, share: number) => ({
    id,
    regionId: rid,
    share,
    channelRef: <T extends { channelId: string; regionId?: string }>(x: T): T => {
      const out = { ...x, channelId: id };
      delete out.regionId;
      return out;
    },
  });
  if (!split) return regionId === undefined ? [one(channelId, '', 1)] : [];
  const picked = regionId === undefined ? split : split.filter((r) => r.regionId === regionId);
  return picked.map((r) => one(ctx.idOf(c, r.regionId), r.regionId, r.share));
}

/**
 * A range of a channel computed by region, per row. Its P10 and P90 are at the level of the channel's
 * base; a row's base differs (its share of an amount, or its own value), so the range is moved to the
 * row's level by the ratio of the bases and keeps its relative width. A range of one region is typed
 * at that region's level and is taken as it is. Rows of one range keep its id before the separator:
 * Monte Carlo should draw them together (one uncertainty about the channel).
 */
function expandUncertain(ctx: Ctx, channels: readonly Channel[], u: UncertainDriver): UncertainDriver[] {
  const c = channelIndex(ctx, u.channelId);
  const targets = expandTargets(ctx, u.channelId, u.regionId);
  if (targets.length === 1 && targets[0].regionId === '') return [targets[0].channelRef(u)];
  const channelBase = c >= 0 ? ctx.plan.channels[c].drivers[u.driver]?.base : undefined;
  return targets.map((t) => {
    const rowBase = channels.find((ch) => ch.id === t.id)?.drivers[u.driver]?.base;
    const factor = u.regionId !== undefined ? 1 :
      channelBase && rowBase !== undefined && Number.isFinite(rowBase / channelBase) ? rowBase / channelBase : AMOUNT_DRIVERS.has(u.driver) ? t.share : 1;
    return { ...t.channelRef(u), id: `${u.id}\u241e${t.regionId}`, low: u.low * factor, high: u.high * factor };
  });
}

function expandBounds(ctx: Ctx, plan: Plan): Plan['budgetBounds'] {
  const out: Plan['budgetBounds'] = [];
  for (const b of plan.budgetBounds) {
    const c = channelIndex(ctx, b.channelId);
    const split = c >= 0 ? ctx.shares.get(c) : undefined;
    // A whole-channel bound of a channel computed by region is a group rule over its rows (the
    // optimiser reads it from the original plan); per-row bounds are the region's own.
    if (split && b.regionId === undefined) continue;
    for (const t of expandTargets(ctx, b.channelId, b.regionId)) out.push(t.channelRef(b));
  }
  return out;
}

function expandPair(ctx: Ctx, p: Cannibalisation): Cannibalisation[] {
  const from = expandTargets(ctx, p.from, undefined);
  const to = expandTargets(ctx, p.to, undefined);
  const out: Cannibalisation[] = [];
  for (const f of from) {
    // Within a region when both sides have it; otherwise spread over the victim's regions by share,
    // so the victim as a whole loses what it lost before.
    const same = f.regionId !== '' ? to.find((t) => t.regionId === f.regionId) : undefined;
    if (same) out.push({ from: f.id, to: same.id, rate: p.rate });
    else for (const t of to) out.push({ from: f.id, to: t.id, rate: p.rate * t.share });
  }
  return out;
}

function expandScenario(ctx: Ctx, s: Scenario): Scenario {
  const out: Scenario = { ...s, adjustments: s.adjustments.flatMap((a) => expandAdjustment(ctx, a)) };
  if (s.priceChanges) {
    out.priceChanges = s.priceChanges.map((ch) => ({ ...ch, channelIds: ch.channelIds.flatMap((id) => expandTargets(ctx, id, undefined).map((t) => t.id)) }));
  }
  if (s.actualise?.reforecast) {
    out.actualise = {
      ...s.actualise,
      reforecast: s.actualise.reforecast.flatMap((r) => {
        const targets = expandTargets(ctx, r.channelId, undefined);
        if (targets.length <= 1 && targets[0]?.regionId === '') return [r];
        const parts = r.netRevenue.map((v) => splitInteger(v, targets.map((t) => t.share)));
        return targets.map((t, k) => ({ channelId: t.id, netRevenue: parts.map((p) => p[k]) }));
      }),
    };
  }
  return out;
}

/** One plan adjustment as adjustments of the expanded plan (amounts of a whole channel split by share). */
function expandAdjustment(ctx: Ctx, a: Adjustment): Adjustment[] {
  const plan = ctx.plan;
  const base = { ...a };
  delete base.regionId;
  if (a.op.kind === 'move') {
    const op = a.op;
    const from = expandTargets(ctx, op.from, a.regionId);
    const to = expandTargets(ctx, op.to, a.regionId);
    // An unknown channel keeps its id so the notice names it.
    if (from.length === 0 || to.length === 0) return a.regionId === undefined ? [base] : [];
    if (from.length === 1 && to.length === 1 && from[0].regionId === '' && to[0].regionId === '') return [base];
    const amounts = splitInteger(Math.round(op.amount), from.map((f) => f.share));
    return from.map((f, k) => {
      const dest = to.find((t) => t.regionId === f.regionId) ?? to.reduce((m, t) => (t.share > m.share ? t : m));
      return { ...base, id: `${a.id}\u241e${f.regionId}`, op: { kind: 'move', from: f.id, to: dest.id, amount: amounts[k] } };
    });
  }
  const whole: string[] = [];
  const perRow: Adjustment[] = [];
  const splitsAmount = AMOUNT_DRIVERS.has(a.driver) && (a.op.kind === 'set' || a.op.kind === 'add');
  const picked =
    a.target.kind === 'channels' ? a.target.ids : plan.channels.filter((ch) => matchesTarget(ch, a)).map((ch) => ch.id);
  for (const id of picked) {
    const targets = expandTargets(ctx, id, a.regionId);
    // An unknown id stays as it was, so the notice names it.
    if (channelIndex(ctx, id) < 0) whole.push(id);
    for (const t of targets) {
      if (splitsAmount && a.regionId === undefined && t.regionId !== '') {
        const op = a.op as { kind: 'set' | 'add'; value: number };
        const value = MONEY_DRIVERS.has(a.driver)
          ? splitInteger(Math.round(op.value), targets.map((x) => x.share))[targets.indexOf(t)]
          : op.value * t.share;
        perRow.push({ ...base, id: `${a.id}\u241e${t.regionId}`, target: { kind: 'channels', ids: [t.id] }, op: { kind: op.kind, value } });
      } else whole.push(t.id);
    }
  }
  const out: Adjustment[] = [];
  if (whole.length > 0 || perRow.length === 0) out.push({ ...base, target: { kind: 'channels', ids: whole } });
  return [...out, ...perRow];
}

function splitColumn(values: (number | null)[], shares: readonly number[], money: boolean): (number | null)[][] {
  const out = shares.map(() => new Array<number | null>(values.length).fill(null));
  values.forEach((v, a) => {
    if (v === null || v === undefined) return;
    const parts = money ? splitInteger(v, shares) : shares.map((s) => v * s);
    parts.forEach((p, k) => (out[k][a] = p));
  });
  return out;
}

/** Actuals of a channel computed by region go to its rows: a region's series to its row, the rest by share. */
function expandActuals(ctx: Ctx, actuals: Actuals): Actuals {
  const series: ActualSeries[] = [];
  for (const s of actuals.series) {
    const c = channelIndex(ctx, s.channelId);
    const split = c >= 0 ? ctx.shares.get(c) : undefined;
    if (!split) {
      series.push(s);
      continue;
    }
    const own = split.find((r) => r.regionId === s.regionId);
    if (own) {
      series.push({ channelId: ctx.idOf(c, own.regionId), regionId: '', values: s.values });
      continue;
    }
    const shares = split.map((r) => r.share);
    const parts: ActualSeries[] = split.map((r) => ({ channelId: ctx.idOf(c, r.regionId), regionId: '', values: {} }));
    for (const m of ACTUAL_MEASURES) {
      const col = s.values[m];
      if (!col) continue;
      splitColumn(col, shares, ACTUAL_MONEY_MEASURES.has(m)).forEach((part, k) => (parts[k].values[m] = part));
    }
    series.push(...parts);
  }
  return { ...actuals, series };
}

/**
 * Adjustments of the plan written for an expansion of it (what expandPlan does to a scenario's
 * adjustments), for paths that apply adjustments of their own on an expanded plan: goal seek, the
 * effect of a BCG action.
 */
export function expandAdjustments(plan: Plan, x: Expansion, list: readonly Adjustment[]): Adjustment[] {
  const shares = new Map<number, RegionShare[]>();
  for (const r of x.rows) {
    const mine = shares.get(r.channel) ?? [];
    mine.push({ regionId: r.regionId, share: r.share });
    shares.set(r.channel, mine);
  }
  const ctx: Ctx = { plan, shares, idOf: (c, r) => rowId(plan.channels[c].id, r) };
  return list.flatMap((a) => expandAdjustment(ctx, a));
}
