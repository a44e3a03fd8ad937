/**
 * Exact answers for budgets over a few S-shaped channels (docs/model.md#optimiser-policies).
 *
 * An S-curve is convex up to its inflection and concave after it. At the best split of a budget,
 * every S-shaped channel is either past its inflection (then its objective is concave where it sits)
 * or at its minimum — except at most one, which may sit inside its convex part (two channels inside
 * convex parts could trade spend and both gain, since a convex function lies above its chords).
 * So the optimum is among 2^k subproblems, one per choice of which channels are past their
 * inflection, each concave on its pieces and solved exactly by water-filling, plus, per subproblem,
 * a one-dimensional search for the one channel left inside its convex part.
 *
 * The subproblems are searched as a tree (branch and bound): a channel not yet decided enters a
 * node through its concave envelope over its whole interval, whose water-filling optimum bounds
 * every completion of the node from above; a node whose bound cannot beat the best answer found so
 * far is not opened. The search is exhaustive for k ≤ MAX_EXACT; beyond that the envelope answer and
 * its gap bound stand.
 */
import { buildEnvelope, type Envelope } from './envelope';
import { channelValue, slopeCurvature, type ResponseModel, type SlopeCurvature } from './model';
import { envelopeObjective, solveBudget, type SolveItem } from './solve';

export const MAX_EXACT = 12;

export interface ExactAnswer {
  S: Float64Array;
  objective: number;
  /** Subproblems solved (for the record). */
  nodes: number;
}

const scratch: SlopeCurvature = { slope: 0, curvature: 0 };

/**
 * The start of the concave tail of f on [lo, hi]: the least x with f'' ≤ 0 on all of [x, hi]
 * (sampled on a fine geometric and uniform grid, refined by bisection). lo when f is concave throughout.
 */
export function concaveFrom(m: ResponseModel, lo: number, hi: number): number {
  if (m.concave || !(hi > lo) || m.kind !== 'hill') return lo;
  const pts: number[] = [];
  const w = hi - lo;
  for (let k = 0; k <= 400; k++) pts.push(lo + (w * k) / 400);
  for (let k = 0; k < 400; k++) pts.push(lo + w * Math.exp(Math.log(1e-7) * (1 - k / 400)));
  pts.sort((a, b) => a - b);
  const convexAt = (x: number): boolean => {
    if (!(x > 0)) return false;
    slopeCurvature(m, x, scratch);
    return scratch.curvature > 0;
  };
  let last = -1;
  for (let i = 0; i < pts.length; i++) if (convexAt(pts[i])) last = i;
  if (last < 0) return lo;
  if (last === pts.length - 1) return hi;
  let a = pts[last];
  let b = pts[last + 1];
  for (let k = 0; k < 80 && b - a > 1e-9 * Math.max(1, b); k++) {
    const mid = a + (b - a) / 2;
    if (convexAt(mid)) a = mid;
    else b = mid;
  }
  return b;
}

interface Channel {
  model: ResponseModel;
  lo: number;
  hi: number;
  /** Start of the concave tail. */
  knee: number;
  whole: Envelope;
  past: Envelope | null;
  before: Envelope | null;
}

function realValue(models: readonly ResponseModel[], S: ArrayLike<number>): number {
  let v = 0;
  for (let c = 0; c < models.length; c++) v += channelValue(models[c], S[c]);
  return v;
}

function feasible(items: readonly SolveItem[], B: number): boolean {
  let lo = 0;
  let hi = 0;
  for (const it of items) {
    lo += it.lo;
    hi += Math.max(it.lo, it.hi);
  }
  return lo <= B + 1e-6 && hi >= B - 1e-6;
}

/**
 * The best split of B over the channels of `items` (their envelopes carry the models), exact when at
 * most MAX_EXACT of them are S-shaped; null when there are more (or none). `incumbent` is the best
 * real answer known (the envelope method's), which the search must beat to replace.
 */
export function exactSplit(items: readonly SolveItem[], B: number, incumbent: { S: ArrayLike<number>; objective: number }): ExactAnswer | null {
  const models = items.map((it) => it.env.model);
  const sIdx: number[] = [];
  items.forEach((it, c) => {
    if (!it.env.exact && it.hi > it.lo) sIdx.push(c);
  });
  // Only S-shaped hills: a step (half-saturation 0) pays its whole value for a fraction of a minor
  // unit, which the envelope bound covers and whole units cannot reach; its answer keeps that bound.
  if (sIdx.length === 0 || sIdx.length > MAX_EXACT || sIdx.some((c) => models[c].kind !== 'hill')) return null;
  const ch = new Map<number, Channel>();
  for (const c of sIdx) {
    const { lo, hi } = items[c];
    const m = models[c];
    const knee = Math.min(hi, Math.max(lo, concaveFrom(m, lo, hi)));
    ch.set(c, {
      model: m, lo, hi, knee, whole: items[c].env,
      past: knee < hi ? buildEnvelope(m, knee, hi) : null,
      before: knee > lo ? buildEnvelope(m, lo, knee) : null,
    });
  }
  let best = { S: Float64Array.from(incumbent.S), objective: incumbent.objective };
  let nodes = 0;
  const tol = (v: number): number => 1e-12 * Math.max(1, Math.abs(v));

  /** state per S channel: 0 undecided, 1 past its knee, 2 at its minimum (before its knee). */
  const state = new Map<number, 0 | 1 | 2>(sIdx.map((c) => [c, 0]));
  const itemsFor = (relaxBefore: boolean): SolveItem[] => items.map((it, c) => {
    const s = state.get(c);
    if (s === undefined) return it;
    const h = ch.get(c) as Channel;
    if (s === 0) return it;
    if (s === 1) return h.past ? { env: h.past, lo: h.knee, hi: h.hi } : { env: h.whole, lo: h.hi, hi: h.hi };
    // At its minimum; for a bound, anywhere before its knee (through the envelope of that part).
    if (relaxBefore && h.before) return { env: h.before, lo: h.lo, hi: h.knee };
    return { env: h.whole, lo: h.lo, hi: h.lo };
  });

  const consider = (S: Float64Array): void => {
    const v = realValue(models, S);
    if (v > best.objective + tol(best.objective)) best = { S: Float64Array.from(S), objective: v };
  };

  /** The one channel j inside its convex part, the rest as decided: a 1-D search over j's spend. */
  const convexOne = (j: number, base: SolveItem[]): void => {
    const h = ch.get(j) as Channel;
    if (!(h.knee > h.lo)) return;
    const at = (t: number): { v: number; S: Float64Array } | null => {
      const trial = base.slice();
      trial[j] = { env: h.whole, lo: t, hi: t };
      if (!feasible(trial, B)) return null;
      const sol = solveBudget(trial, B);
      nodes++;
      return { v: realValue(models, sol.S), S: sol.S };
    };
    const K = 24;
    const xs: number[] = [];
    const vs: number[] = [];
    for (let k = 0; k <= K; k++) {
      const t = h.lo + ((h.knee - h.lo) * k) / K;
      const r = at(t);
      xs.push(t);
      vs.push(r ? r.v : -Infinity);
      if (r) consider(r.S);
    }
    // Golden-section refinement around each local peak of the scan.
    for (let k = 0; k <= K; k++) {
      const left = k > 0 ? vs[k - 1] : -Infinity;
      const right = k < K ? vs[k + 1] : -Infinity;
      if (!(vs[k] >= left && vs[k] >= right) || vs[k] === -Infinity) continue;
      let a = xs[Math.max(0, k - 1)];
      let b = xs[Math.min(K, k + 1)];
      const g = (Math.sqrt(5) - 1) / 2;
      let x1 = b - g * (b - a);
      let x2 = a + g * (b - a);
      let f1 = at(x1)?.v ?? -Infinity;
      let f2 = at(x2)?.v ?? -Infinity;
      for (let it = 0; it < 40 && b - a > 1e-3; it++) {
        if (f1 >= f2) {
          [b, x2, f2] = [x2, x1, f1];
          x1 = b - g * (b - a);
          f1 = at(x1)?.v ?? -Infinity;
        } else {
          [a, x1, f1] = [x1, x2, f2];
          x2 = a + g * (b - a);
          f2 = at(x2)?.v ?? -Infinity;
        }
      }
      const r = at(Math.round((a + b) / 2));
      if (r) consider(r.S);
    }
  };

  const visit = (depth: number): void => {
    const relaxed = itemsFor(true);
    if (!feasible(relaxed, B)) return;
    const sol = solveBudget(relaxed, B);
    nodes++;
    // The relaxation's optimum bounds every completion of this node.
    const bound = envelopeObjective(relaxed, sol.S);
    if (bound <= best.objective + tol(best.objective)) return;
    if (depth === sIdx.length) {
      const exact = itemsFor(false);
      if (feasible(exact, B)) consider(solveBudget(exact, B).S);
      for (const j of sIdx) if (state.get(j) === 2) convexOne(j, exact);
      return;
    }
    const c = sIdx[depth];
    // Past the knee first: with a budget worth optimising, most S channels are funded.
    for (const s of [1, 2] as const) {
      state.set(c, s);
      visit(depth + 1);
    }
    state.set(c, 0);
  };
  visit(0);
  return { S: best.S, objective: best.objective, nodes };
}
