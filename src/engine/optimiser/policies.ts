/**
 * Budget rules as constraints (docs/model.md#optimiser-policies): the plan's group and efficiency
 * policies turned into the rows of a separable constrained problem (constrained.ts).
 *
 * A variable is one item of spend with tags — its channel, its region ('' = the channel as a whole),
 * type and role — and its own response model. A group rule is a linear row over the items: a type,
 * role or named list counts an item whole; a region counts a whole-channel item by the region's share
 * of the channel (regionShare) and a regional item whole when it is that region's.
 */
import type { DriverSeries } from '../driverSeries';
import type { ChannelRole, ChannelType, EfficiencyPolicy, GroupPolicy, OptimiserPolicies, Plan, PolicyGroup } from '../types';
import { buildEnvelope } from './envelope';
import { buildModels, channelMarginal, channelValue, slopeCurvature, type ResponseModel, type SlopeCurvature } from './model';
import type { ConcaveRow, Fn1, LinearRow } from './constrained';
import { regionShares } from '../regions/shares';
import { regionShare } from './regionShare';
import { envelopeMarginal } from './solve';
import { envelopeValue, lineAt } from './envelope';
import type { Problem } from './problem';

export interface PolicyItem {
  channelIndex: number;
  /** '' = the whole channel. */
  regionId: string;
  type: ChannelType;
  role: ChannelRole;
}

/** The items of a prepared problem: its channel × region rows, or the plan's channels. */
export function policyItems(plan: Plan, p: Problem): PolicyItem[] {
  if (p.rows) return p.rows.rowOf.map((r) => ({ channelIndex: r.channel, regionId: r.regionId, type: plan.channels[r.channel].type, role: plan.channels[r.channel].role }));
  return plan.channels.map((ch, c) => ({ channelIndex: c, regionId: '', type: ch.type, role: ch.role }));
}

/** How much of item i's spend counts toward the group (0 to 1). */
export function groupWeight(plan: Plan, group: PolicyGroup, item: PolicyItem): number {
  const ch = plan.channels[item.channelIndex];
  switch (group.kind) {
    case 'all':
      return 1;
    case 'type':
      return item.type === group.type ? 1 : 0;
    case 'role':
      return item.role === group.role ? 1 : 0;
    case 'channels':
      return group.ids.includes(ch.id) ? 1 : 0;
    case 'region':
      return item.regionId === '' ? regionShare(plan, ch, group.regionId) : item.regionId === group.regionId ? 1 : 0;
  }
}

export function enabledPolicies(policies: OptimiserPolicies | undefined): { groups: GroupPolicy[]; efficiency: EfficiencyPolicy[] } {
  return {
    groups: (policies?.groups ?? []).filter((g) => g.enabled && (g.min !== undefined || g.max !== undefined)),
    efficiency: (policies?.efficiency ?? []).filter((e) => e.enabled && Number.isFinite(e.limit)),
  };
}

const scratch: SlopeCurvature = { slope: 0, curvature: 0 };

/** A concave model as a function of its spend. */
export function modelFn(m: ResponseModel): Fn1 {
  return {
    value: (x) => channelValue(m, x),
    d1: (x) => channelMarginal(m, x),
    d2: (x) => {
      if (!(x > 0)) return 0;
      slopeCurvature(m, x, scratch);
      return scratch.curvature;
    },
    both: (x, out) => {
      if (!(x > 0)) {
        out[0] = channelMarginal(m, x);
        out[1] = 0;
        return;
      }
      slopeCurvature(m, x, scratch);
      out[0] = scratch.slope - m.spendCost;
      out[1] = scratch.curvature;
    },
  };
}

/**
 * A model's concave envelope on [lo, hi] (itself when concave): S-shaped curves enter the rule
 * solver through it, so the solver's optimum bounds the real one from above.
 */
export function concaveFn(m: ResponseModel, lo: number, hi: number): Fn1 {
  if (m.concave || !(hi > lo)) return modelFn(m);
  const env = buildEnvelope(m, lo, hi);
  if (env.exact) return modelFn(m);
  return {
    line: (x) => {
      const p = lineAt(env, x);
      return p ? [p.a, p.b] : null;
    },
    value: (x) => envelopeValue(env, x),
    d1: (x) => envelopeMarginal(env, x),
    d2: (x) => {
      for (const p of env.pieces) {
        if (x >= p.a && x <= p.b) {
          if (p.line || !(x > 0)) return 0;
          slopeCurvature(m, x, scratch);
          return scratch.curvature;
        }
      }
      return 0;
    },
  };
}

/** a·f(x) − b·x + c: a rule's per-item term. */
export function affineOf(f: Fn1, a: number, b: number, c = 0): Fn1 {
  return { value: (x) => a * f.value(x) - b * x + c, d1: (x) => a * f.d1(x) - b, d2: (x) => a * f.d2(x) };
}

/** The largest x in [lo, hi] where a decreasing function h is still ≥ 0 (lo − 1 when none). */
function lastNonNegative(h: (x: number) => number, lo: number, hi: number): number {
  if (!(h(lo) >= 0)) return lo - 1;
  let top = hi;
  if (!Number.isFinite(top)) {
    top = Math.max(1, lo * 2);
    for (let k = 0; k < 200 && h(top) >= 0; k++) top *= 2;
    if (h(top) >= 0) return Infinity;
  }
  if (h(top) >= 0) return top;
  let a = lo;
  let b = top;
  for (let k = 0; k < 200 && b - a > 1e-7 * Math.max(1, b); k++) {
    const mid = a + (b - a) / 2;
    if (h(mid) >= 0) a = mid;
    else b = mid;
  }
  return a;
}

/** The spend interval [a, b] of a concave h on [lo, hi] where h ≥ 0, or null. Found from h's peak both ways. */
function nonNegativeInterval(f: Fn1, lo: number, hi: number): [number, number] | null {
  // The peak: h' is decreasing.
  let peak = lo;
  if (f.d1(lo) > 0) {
    const last = lastNonNegative((x) => f.d1(x), lo, hi);
    peak = last === Infinity ? hi : Math.max(lo, last);
  }
  if (!Number.isFinite(peak)) peak = lo;
  if (!(f.value(peak) >= 0)) return null;
  const b = lastNonNegative((x) => f.value(x), peak, hi);
  // Left end: h rises to the peak, so bisect for the first x with h ≥ 0.
  let a = lo;
  if (!(f.value(lo) >= 0)) {
    let l = lo;
    let r = peak;
    for (let k = 0; k < 200 && r - l > 1e-7 * Math.max(1, r); k++) {
      const mid = l + (r - l) / 2;
      if (f.value(mid) >= 0) r = mid;
      else l = mid;
    }
    a = r;
  }
  return [a, b];
}

/** Everything a rule needs beyond the optimiser's own problem: contribution, new-customer models and fixed costs. */
export interface RuleContext {
  plan: Plan;
  items: PolicyItem[];
  contribution: ResponseModel[];
  newOrders: ResponseModel[] | null;
  /** Fixed cost per item over the plan (minor units): ROI's denominator is spend + fixed cost. */
  fixedCost: Float64Array;
  /** Interval of spend the rule solver builds envelopes on. */
  envelopeHi: Float64Array;
}

export function ruleContext(plan: Plan, p: Problem, series: DriverSeries, efficiency: readonly EfficiencyPolicy[], envelopeHi: Float64Array): RuleContext {
  const P = plan.timeline.periods;
  const items = policyItems(plan, p);
  const fixedCost = new Float64Array(items.length);
  // The series are the rows' (the expanded plan's) when channels are split by region.
  items.forEach((_, i) => {
    for (let t = 0; t < P; t++) fixedCost[i] += series.fixedCost[i * P + t];
  });
  const newOrders = efficiency.some((e) => e.metric === 'cac') ? buildModels(p.rows ? p.rows.target : plan, series, 'newOrders') : null;
  return { plan, items, contribution: p.contribution, newOrders, fixedCost, envelopeHi };
}

/**
 * A per-channel efficiency rule as bounds of each item: marginal ROI ≥ y caps spend where the
 * marginal falls to y; ROI ≥ r and CAC ≤ z keep spend inside the interval where the channel meets the
 * rule. A channel that cannot meet it at any spend keeps only its minimum (0 spend has no ROI or CAC
 * to break the rule). Returns the items whose bounds the rule changed.
 */
export function tightenForChannelRule(ctx: RuleContext, rule: EfficiencyPolicy, lo: Float64Array, hi: Float64Array): number[] {
  const changed: number[] = [];
  for (let i = 0; i < ctx.items.length; i++) {
    if (!(hi[i] > lo[i])) continue;
    const f = concaveFn(ctx.contribution[i], lo[i], Number.isFinite(hi[i]) ? hi[i] : ctx.envelopeHi[i]);
    let range: [number, number] | null;
    if (rule.metric === 'marginalRoi') {
      const b = lastNonNegative((x) => f.d1(x) - rule.limit, lo[i], hi[i]);
      range = b < lo[i] ? null : [lo[i], b];
    } else if (rule.metric === 'roi') {
      range = nonNegativeInterval(affineOf(f, 1, rule.limit, -rule.limit * ctx.fixedCost[i]), lo[i], hi[i]);
    } else {
      const nw = ctx.newOrders ? modelFn(ctx.newOrders[i]) : null;
      range = nw ? nonNegativeInterval(affineOf(nw, rule.limit, 1), lo[i], hi[i]) : null;
    }
    let a: number;
    let b: number;
    if (!range) {
      a = lo[i];
      b = lo[i];
    } else {
      // Whole units inside the interval.
      a = Math.max(lo[i], Math.ceil(range[0] - 1e-9));
      b = Math.min(hi[i], Math.floor(range[1] + 1e-9));
      // A spend of 0 breaks no ratio rule: a channel that would start below the rule may stay closed.
      if (lo[i] === 0 && a > 0 && rule.metric !== 'marginalRoi') a = 0;
      if (b < a) b = a;
    }
    if (a !== lo[i] || b !== hi[i]) {
      lo[i] = a;
      hi[i] = b;
      changed.push(i);
    }
  }
  return changed;
}

// Region weights of every item for every region, made in one pass per context: a plan with many
// region rules would otherwise look up each item's shares once per rule.
const regionWeightCache = new WeakMap<RuleContext, Map<string, Float64Array>>();

function regionWeights(ctx: RuleContext, regionId: string): Float64Array {
  let all = regionWeightCache.get(ctx);
  if (!all) {
    all = new Map(ctx.plan.regions.map((r) => [r.id, new Float64Array(ctx.items.length)]));
    ctx.items.forEach((it, i) => {
      if (it.regionId !== '') {
        const w = all!.get(it.regionId);
        if (w) w[i] = 1;
        return;
      }
      for (const r of regionShares(ctx.plan, ctx.plan.channels[it.channelIndex])) {
        const w = all!.get(r.regionId);
        if (w) w[i] = r.share;
      }
    });
    regionWeightCache.set(ctx, all);
  }
  return all.get(regionId) ?? new Float64Array(ctx.items.length);
}

/** groupWeight of every item, for a rule's row. */
function weightsOf(ctx: RuleContext, group: PolicyGroup): ArrayLike<number> {
  if (group.kind === 'region') return regionWeights(ctx, group.regionId);
  return ctx.items.map((it) => groupWeight(ctx.plan, group, it));
}

/** The row of a group rule, in amounts when the budget is fixed, else against the total (share = amount − s·Σx). */
export function groupRow(ctx: RuleContext, rule: GroupPolicy, budget: number | null): LinearRow | null {
  const idx: number[] = [];
  const coef: number[] = [];
  if (rule.measure === 'amount' || budget !== null) {
    const weights = weightsOf(ctx, rule.group);
    ctx.items.forEach((_, i) => {
      const w = weights[i];
      if (w !== 0) {
        idx.push(i);
        coef.push(w);
      }
    });
    const k = rule.measure === 'amount' ? 1 : (budget as number);
    return { idx: Int32Array.from(idx), coef: Float64Array.from(coef), lo: rule.min === undefined ? -Infinity : rule.min * k, hi: rule.max === undefined ? Infinity : rule.max * k };
  }
  // Share of a total that is itself free: min ≤ Σ w x / Σ x ⇔ Σ (w − min) x ≥ 0, one row per side.
  return null;
}

/** Rows of a share rule when the total is free (one per side it has). */
export function freeShareRows(ctx: RuleContext, rule: GroupPolicy): LinearRow[] {
  const w = Array.from(weightsOf(ctx, rule.group));
  const all = Int32Array.from(w.map((_, i) => i));
  const rows: LinearRow[] = [];
  if (rule.min !== undefined) rows.push({ idx: all, coef: Float64Array.from(w.map((v) => v - (rule.min as number))), lo: 0, hi: Infinity });
  if (rule.max !== undefined) rows.push({ idx: all, coef: Float64Array.from(w.map((v) => v - (rule.max as number))), lo: -Infinity, hi: 0 });
  return rows;
}

/** The concave row of an overall ROI or CAC rule: Σ contribution − r·(Σ spend + fixed) ≥ 0, or z·Σ new orders − Σ spend ≥ 0. */
export function overallRow(ctx: RuleContext, rule: EfficiencyPolicy, lo: Float64Array, hi: Float64Array): ConcaveRow {
  if (rule.metric === 'roi') {
    let fixed = 0;
    for (const v of ctx.fixedCost) fixed += v;
    const fns = ctx.contribution.map((m, i) => affineOf(concaveFn(m, lo[i], Number.isFinite(hi[i]) ? hi[i] : ctx.envelopeHi[i]), 1, rule.limit));
    return { fns, constant: -rule.limit * fixed };
  }
  const models = ctx.newOrders as ResponseModel[];
  return { fns: models.map((m) => affineOf(modelFn(m), rule.limit, 1)), constant: 0 };
}

/** What a rule measures at an allocation: a share (fraction), an amount, an ROI, a CAC or the lowest marginal ROI. */
export function ruleValue(ctx: RuleContext, rule: GroupPolicy | EfficiencyPolicy, x: ArrayLike<number>): number | null {
  let total = 0;
  for (let i = 0; i < x.length; i++) total += x[i];
  if ('group' in rule) {
    let v = 0;
    ctx.items.forEach((it, i) => (v += groupWeight(ctx.plan, rule.group, it) * x[i]));
    return rule.measure === 'amount' ? v : total > 0 ? v / total : null;
  }
  const contributionAt = (i: number): number => channelValue(ctx.contribution[i], x[i]);
  const newAt = (i: number): number => (ctx.newOrders ? channelValue(ctx.newOrders[i], x[i]) : 0);
  if (rule.scope === 'overall') {
    if (rule.metric === 'marginalRoi') {
      // The budget's marginal: the lowest marginal ROI among funded items is what the last unit earns.
      let v = Infinity;
      for (let i = 0; i < x.length; i++) if (x[i] > 0) v = Math.min(v, channelMarginal(ctx.contribution[i], x[i]));
      return Number.isFinite(v) ? v : null;
    }
    let num = 0;
    let den = 0;
    for (let i = 0; i < x.length; i++) {
      if (rule.metric === 'roi') {
        num += contributionAt(i);
        den += x[i] + ctx.fixedCost[i];
      } else {
        num += x[i];
        den += newAt(i);
      }
    }
    return den > 0 ? num / den : null;
  }
  // Each channel: the worst funded channel's value.
  let worst: number | null = null;
  for (let i = 0; i < x.length; i++) {
    if (!(x[i] > 0)) continue;
    let v: number | null;
    if (rule.metric === 'marginalRoi') v = channelMarginal(ctx.contribution[i], x[i]);
    else if (rule.metric === 'roi') v = x[i] + ctx.fixedCost[i] > 0 ? contributionAt(i) / (x[i] + ctx.fixedCost[i]) : null;
    else v = newAt(i) > 0 ? x[i] / newAt(i) : null;
    if (v === null) continue;
    const worse = rule.metric === 'cac' ? worst === null || v > worst : worst === null || v < worst;
    if (worse) worst = v;
  }
  return worst;
}
