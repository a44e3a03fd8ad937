import { withLaunches } from '../lifecycle/launches';
import { scenarioSeries } from '../compute';
import { engineMessage, type EngineMessage } from '../messages';
import type { DriverSeries } from '../driverSeries';
import type { ChannelBudgetBounds, Plan } from '../types';
import { buildEnvelope, type Envelope } from './envelope';
import { buildModels, channelValue, type OptimiseObjective, type ResponseModel } from './model';
import type { SolveItem } from './solve';
import { regionShare } from './regionShare';
import { expandPlan, type Expansion } from '../regions/expand';

/**
 * An answer the optimiser cannot give: the kind of failure, and the problem as a code with the
 * amounts (minor units) and channel that explain it, for the UI to word in the user's language.
 */
export interface OptimiseFailure {
  ok: false;
  error: 'infeasible' | 'unreachable' | 'noChannels' | 'unbounded';
  problem: OptimiseProblem;
}

export type OptimiseProblem = EngineMessage<'opt.noChannels' | 'opt.minAboveMax' | 'opt.minsAboveBudget' | 'opt.maxesBelowBudget' | 'opt.unreachable' | 'opt.unbounded'>;

/** A prepared problem: models and bounds built once, envelopes cached across budgets. */
export interface Problem {
  objective: OptimiseObjective;
  models: ResponseModel[];
  /**
   * The channels' contribution models: `models` itself when the objective is contribution. Whatever
   * is maximised, what one more unit of spend does to contribution is what says whether it pays.
   */
  contribution: ResponseModel[];
  /** Whole-unit bounds; hi may be Infinity. */
  lo: Float64Array;
  hi: Float64Array;
  sumLo: number;
  sumHi: number;
  /** The largest budget this problem will be solved for (envelopes are built up to it). */
  cap: number;
  envelopes: Map<string, Envelope>;
  channelNames: string[];
  /**
   * When channels are computed by region (docs/model.md#regions), the variables are the channel ×
   * region rows of the expanded plan: per row, its plan channel and region ('' = a channel computed
   * whole). Answers are added back up per plan channel. null when no channel is split.
   */
  rows: { plan: Plan; target: Plan; rowOf: { channel: number; regionId: string; share: number }[]; rowsOf: number[][] } | null;
}

export function checkNumber(name: string, x: number | undefined, allowInfinity = false): void {
  if (x === undefined) return;
  if (typeof x !== 'number' || Number.isNaN(x) || x < 0 || (!allowInfinity && !Number.isFinite(x))) {
    throw new RangeError(`optimiser: ${name} must be a non-negative number, got ${String(x)}`);
  }
}

/**
 * Models and bounds. Bad input (a negative or non-finite number, an unknown or repeated channel)
 * throws RangeError, as goal seek does: it is a caller's mistake, not a property of the plan. A
 * channel whose min exceeds its max is a plan the user can fix, so it comes back as 'infeasible'.
 * `frozen` wins over min and max: the channel keeps today's spend exactly.
 */
/**
 * The plan the optimiser works on: the plan itself, or, when some channel is computed by region (a
 * regional value, adjustment, range or bound — including `bounds`), the plan expanded into channel ×
 * region rows (regions/expand.ts), whose per-region bounds are the rows' own.
 */
export function optimiserPlan(plan: Plan, bounds: readonly ChannelBudgetBounds[]): { target: Plan; expansion: Expansion | null } {
  const expansion = expandPlan({ ...plan, budgetBounds: [...bounds] });
  return { target: expansion ? expansion.plan : plan, expansion };
}

/**
 * Bounds of the rows: the expansion's own (per region), and a whole-channel bound of a channel computed
 * by region split over its rows by share — a frozen channel keeps each row's spend of today, which adds
 * up to the channel's; a min or max split by share is a little stricter than the same limit on the
 * channel's total, which the rule solver can state exactly (a group rule over the rows).
 */
function rowBounds(plan: Plan, bounds: readonly ChannelBudgetBounds[], x: Expansion): ChannelBudgetBounds[] {
  const byRow = new Map<string, ChannelBudgetBounds>();
  for (const b of x.plan.budgetBounds) byRow.set(b.channelId, { ...b });
  const index = new Map(plan.channels.map((ch, c) => [ch.id, c] as const));
  for (const b of bounds) {
    const c = index.get(b.channelId);
    if (c === undefined || b.regionId !== undefined) continue;
    const rows = x.rowsOf[c];
    if (rows.length === 1 && x.rowOf[rows[0]].regionId === '') continue;
    for (const r of rows) {
      const id = x.plan.channels[r].id;
      const share = x.rowOf[r].share;
      const own = byRow.get(id) ?? { channelId: id };
      const next: ChannelBudgetBounds = { ...own };
      if (b.frozen) next.frozen = true;
      if (b.min !== undefined) next.min = Math.max(own.min ?? 0, Math.ceil(b.min * share - 1e-9));
      if (b.max !== undefined) next.max = Math.min(own.max ?? Infinity, Math.floor(b.max * share + 1e-9));
      byRow.set(id, next);
    }
  }
  return [...byRow.values()];
}

export function prepare(plan: Plan, objective: OptimiseObjective, scenarioId: string | null, bounds: readonly ChannelBudgetBounds[], resolved?: DriverSeries): Problem | OptimiseFailure {
  // A scenario that launches channels runs with them (lifecycle/launches.ts).
  plan = withLaunches(plan, scenarioId);
  for (const b of bounds) {
    checkNumber(`min of "${b.channelId}"`, b.min);
    checkNumber(`max of "${b.channelId}"`, b.max, true);
  }
  const { target, expansion } = optimiserPlan(plan, bounds);
  if (!expansion) return prepareRows(plan, objective, scenarioId, bounds, resolved);
  const p = prepareRows(target, objective, scenarioId, rowBounds(plan, bounds, expansion), resolved);
  if ('ok' in p) return p;
  p.rows = { plan, target, rowOf: expansion.rowOf, rowsOf: expansion.rowsOf };
  return p;
}

function prepareRows(plan: Plan, objective: OptimiseObjective, scenarioId: string | null, bounds: readonly ChannelBudgetBounds[], resolved?: DriverSeries): Problem | OptimiseFailure {
  if (plan.channels.length === 0) {
    return { ok: false, error: 'noChannels', problem: engineMessage('opt.noChannels') };
  }
  const index = new Map(plan.channels.map((ch, c) => [ch.id, c] as const));
  const byChannel = new Map<number, ChannelBudgetBounds>();
  const regional = new Map<number, { min: number; max: number }>();
  for (const b of bounds) {
    const c = index.get(b.channelId);
    // Bounds of a removed channel (or one a shared file no longer has) bound nothing.
    if (c === undefined) continue;
    if (b.regionId !== undefined) {
      // A region of a channel holds a fixed share of its spend, so its limits are limits of the channel's.
      const w = regionShare(plan, plan.channels[c], b.regionId);
      checkNumber(`min of "${b.channelId}" in "${b.regionId}"`, b.min);
      checkNumber(`max of "${b.channelId}" in "${b.regionId}"`, b.max, true);
      if (!(w > 0)) continue;
      const r = regional.get(c) ?? { min: 0, max: Infinity };
      if (b.min !== undefined) r.min = Math.max(r.min, b.min / w);
      if (b.max !== undefined) r.max = Math.min(r.max, b.max / w);
      regional.set(c, r);
      continue;
    }
    if (byChannel.has(c)) throw new RangeError(`optimiser: channel "${b.channelId}" has two sets of bounds`);
    checkNumber(`min of "${b.channelId}"`, b.min);
    checkNumber(`max of "${b.channelId}"`, b.max, true);
    byChannel.set(c, b);
  }
  // The caller may pass the scenario's resolved drivers when it prepares several problems of one plan.
  const series = resolved ?? scenarioSeries(plan, scenarioId).series;
  const models = buildModels(plan, series, objective);
  const contribution = objective === 'contribution' ? models : buildModels(plan, series, 'contribution');
  const n = models.length;
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  let sumLo = 0;
  let sumHi = 0;
  for (let c = 0; c < n; c++) {
    const b = byChannel.get(c);
    if (b?.frozen) {
      lo[c] = hi[c] = models[c].today;
    } else {
      const r = regional.get(c);
      lo[c] = Math.ceil(b?.min ?? 0);
      hi[c] = b?.max === undefined ? Infinity : Math.floor(b.max);
      if (r) {
        // Shares make fractions of whole amounts: a hair of rounding is not a unit more.
        lo[c] = Math.max(lo[c], Math.ceil(r.min - 1e-9));
        hi[c] = Math.min(hi[c], Math.floor(r.max + 1e-9));
      }
      if (lo[c] > hi[c]) {
        const { id: channelId, name: channel } = plan.channels[c];
        return { ok: false, error: 'infeasible', problem: engineMessage('opt.minAboveMax', { channelId, channel, min: lo[c], max: hi[c] }) };
      }
    }
    sumLo += lo[c];
    sumHi += hi[c];
  }
  return { objective, models, contribution, lo, hi, sumLo, sumHi, cap: 0, envelopes: new Map(), channelNames: plan.channels.map((c) => c.name), rows: null };
}

export function infeasible(p: Problem, budget: number): OptimiseFailure | null {
  if (p.sumLo > budget) return { ok: false, error: 'infeasible', problem: engineMessage('opt.minsAboveBudget', { sum: p.sumLo, budget }) };
  if (p.sumHi < budget) return { ok: false, error: 'infeasible', problem: engineMessage('opt.maxesBelowBudget', { sum: p.sumHi, budget }) };
  return null;
}

/**
 * Envelope of channel c over [lo, hiEnv], hiEnv = what it could take of the largest budget solved
 * for (cached: minSpend and the frontier solve many budgets with the same envelopes).
 */
function envelopeOf(p: Problem, c: number): Envelope {
  const hiEnv = Math.min(p.hi[c], Math.max(p.lo[c], p.cap - (p.sumLo - p.lo[c])));
  const key = `${c}:${hiEnv}`;
  let env = p.envelopes.get(key);
  if (!env) {
    env = buildEnvelope(p.models[c], p.lo[c], hiEnv);
    p.envelopes.set(key, env);
  }
  return env;
}

export function itemsFor(p: Problem, budget: number): SolveItem[] {
  return p.models.map((_, c) => ({
    env: envelopeOf(p, c),
    lo: p.lo[c],
    // No channel can take more than the budget leaves after every other channel's minimum.
    hi: Math.min(p.hi[c], budget - (p.sumLo - p.lo[c])),
  }));
}

export function realObjective(models: readonly ResponseModel[], S: ArrayLike<number>): number {
  let v = 0;
  for (let c = 0; c < models.length; c++) v += channelValue(models[c], S[c]);
  return v;
}

/** True when every channel's objective is concave on its interval, so water-filling is exact. */
export function allConcave(p: Problem): boolean {
  return p.models.every((m, c) => m.concave || p.hi[c] <= p.lo[c] || (m.kind === 'step' && p.lo[c] > 0));
}

export function todayTotal(p: Problem): number {
  return p.models.reduce((s, m) => s + m.today, 0);
}
