import { engineMessage } from '../messages';
import type { ChannelBudgetBounds, Plan } from '../types';
import { bestBudget } from './bestBudget';
import { lineAt } from './envelope';
import { channelMarginal, channelValue, type OptimiseObjective, type ResponseModel } from './model';
import {
  allConcave, checkNumber, infeasible, itemsFor, prepare, realObjective, todayTotal,
  type OptimiseFailure, type Problem,
} from './problem';
import { dualBound, solveBudget, type LambdaSolution, type SolveItem } from './solve';

export type { OptimiseObjective } from './model';

/**
 * What to optimise (docs/model.md#budget-optimiser). Budgets, targets and bounds are in minor units of total spend over
 * the whole plan; budgets are rounded to whole minor units.
 *   maxObjective  the allocation of exactly `totalBudget` that maximises the objective
 *   minSpend      the least total budget whose best allocation reaches `target`
 *   bestBudget    the budget and allocation that maximise contribution, with no total imposed:
 *                 every funded channel at the spend where one more unit brings back exactly one
 *                 unit (see bestBudget.ts)
 */
export type OptimiseSpec =
  | { mode: 'maxObjective'; objective: OptimiseObjective; totalBudget: number; scenarioId: string | null; bounds: ChannelBudgetBounds[] }
  | { mode: 'minSpend'; objective: OptimiseObjective; target: number; scenarioId: string | null; bounds: ChannelBudgetBounds[] }
  | { mode: 'bestBudget'; objective: 'contribution'; scenarioId: string | null; bounds: ChannelBudgetBounds[] };

export interface ChannelAllocation {
  channelId: string;
  /** Total spend over the plan today, and in the answer (whole minor units). */
  today: number;
  optimal: number;
  change: number;
  /** d objective / d spend at the answer (marginal ROI for contribution, marginal ROAS for net revenue); +Infinity for a concave hill at zero spend. */
  marginalReturn: number;
  /**
   * d contribution / d spend at the answer, whatever the objective: what one more unit of spend
   * on this channel adds to contribution after paying for itself (−0.56: it brings back 0.44).
   */
  marginalContribution: number;
  objectiveToday: number;
  objectiveOptimal: number;
  /** The channel's contribution at the answer (= objectiveOptimal for the contribution objective). */
  contributionOptimal: number;
  /** Minor units per period, following the channel's spend pattern, summing exactly to `optimal`. */
  monthly: number[];
}

/**
 * The contribution-maximising budget under the same bounds, reported with every answer so that a
 * budget past it (or short of it) can be called so: or the channel whose contribution rises
 * without limit (a linear curve that returns more than it costs and has no maximum).
 */
export type BestBudgetInfo =
  | { ok: true; budget: number; contribution: number; gapBound: number }
  | { ok: false; channelId: string };

export type OptimiseResult =
  | {
    ok: true;
    allocations: ChannelAllocation[];
    objective: number;
    objectiveToday: number;
    totalSpend: number;
    method: 'waterFilling' | 'concaveEnvelope';
    /**
     * A proven upper bound on how far below the true optimum `objective` can be (0 when every
     * channel's curve is concave, where water-filling is exact up to the final rounding to whole
     * minor units). See `dualBound`.
     */
    gapBound: number;
    /** Sweeps over the channels, over every solve this answer needed. */
    iterations: number;
    /**
     * The KKT multiplier: the common marginal return of channels strictly inside their bounds. When
     * every channel sits at a bound it is the highest marginal (all at their minimum) or the lowest
     * (all at their maximum), possibly ±Infinity. For the contribution objective it is what the
     * last unit of the budget adds to contribution: below 0, the budget is past the profitable level.
     * 0 for the best budget.
     */
    lambda: number;
    /** Total contribution of the answer (= objective for the contribution objective). */
    contribution: number;
    best: BestBudgetInfo;
  }
  | OptimiseFailure;

type Failure = OptimiseFailure;
type Success = Extract<OptimiseResult, { ok: true }>;

/**
 * Turns an envelope optimum into a real allocation. At most one channel is left strictly inside a
 * line piece of its envelope (finishFlat); its envelope value there is not a value f takes. It is
 * moved to one end of the line (both are real points of f), the others re-solved for the rest of the
 * budget, and the end whose real objective is higher kept; repeated while a re-solve leaves another
 * channel on a line (at most once per channel).
 */
function repair(p: Problem, items: SolveItem[], budget: number, sol: LambdaSolution): { sol: LambdaSolution; iterations: number } {
  let iterations = 0;
  let current = sol;
  let fixed = items;
  for (let guard = 0; current.partial >= 0 && guard < items.length; guard++) {
    const c = current.partial;
    const line = lineAt(fixed[c].env, current.S[c]);
    if (!line) break;
    let best: { items: SolveItem[]; sol: LambdaSolution; score: number } | null = null;
    for (const x of [line.a, Math.min(line.b, fixed[c].hi)]) {
      if (x < fixed[c].lo || x > fixed[c].hi) continue;
      const trial = fixed.slice();
      trial[c] = { env: fixed[c].env, lo: x, hi: x };
      let sumLo = 0;
      let sumHi = 0;
      for (const it of trial) {
        sumLo += it.lo;
        sumHi += Math.max(it.lo, it.hi);
      }
      if (sumLo > budget || sumHi < budget) continue;
      const s = solveBudget(trial, budget);
      iterations += s.iterations;
      const score = realObjective(p.models, s.S);
      if (!best || score > best.score) best = { items: trial, sol: s, score };
    }
    if (!best) break;
    fixed = best.items;
    current = best.sol;
  }
  return { sol: current, iterations };
}

/**
 * Whole minor units with the exact total: every channel's spend floored, then the units left over
 * (fewer than there are channels) given one each to the channels where one more unit earns the most
 * — largest remainder, ranked by what the extra unit is worth rather than by the fraction dropped,
 * so the result is the best of all floor/ceiling roundings. Bounds are whole units, so neither step
 * leaves them.
 */
function roundAllocation(models: readonly ResponseModel[], S: Float64Array, budget: number, lo: ArrayLike<number>, hi: ArrayLike<number>): number[] {
  const n = S.length;
  const out = new Array<number>(n);
  let sum = 0;
  for (let c = 0; c < n; c++) {
    out[c] = Math.min(hi[c], Math.max(lo[c], Math.floor(S[c] + 1e-9)));
    sum += out[c];
  }
  let rest = budget - sum;
  if (rest === 0) return out;
  const dir = rest > 0 ? 1 : -1;
  const gain = new Float64Array(n);
  const order: number[] = [];
  for (let c = 0; c < n; c++) {
    const next = out[c] + dir;
    if (next < lo[c] || next > hi[c]) continue;
    // What the move adds (a gain when adding a unit, minus the loss when taking one away).
    gain[c] = channelValue(models[c], next) - channelValue(models[c], out[c]);
    order.push(c);
  }
  order.sort((x, y) => gain[y] - gain[x] || x - y);
  for (const c of order) {
    if (rest === 0) break;
    out[c] += dir;
    rest -= dir;
  }
  return out;
}

/** `total` split over periods by w_t, in whole minor units summing exactly to it (largest remainder). */
export function splitByPattern(total: number, pattern: Float64Array): number[] {
  const P = pattern.length;
  const out = new Array<number>(P);
  const frac = new Float64Array(P);
  let sum = 0;
  for (let t = 0; t < P; t++) {
    const x = total * pattern[t];
    out[t] = Math.floor(x);
    frac[t] = x - out[t];
    sum += out[t];
  }
  // The rest (fewer units than periods) goes one unit each to the largest fractions, earlier
  // periods first on ties. A selection pass per unit: P is at most 60.
  for (let rest = Math.min(total - sum, P); rest > 0; rest--) {
    let best = -1;
    for (let t = 0; t < P; t++) if (frac[t] >= 0 && (best < 0 || frac[t] > frac[best])) best = t;
    out[best]++;
    frac[best] = -1;
  }
  return out;
}


/** The best allocation of exactly `budget` (an integer) for a prepared problem. */
/** The answer for whole-unit spends `optimal`: per-channel figures and totals. */
function answer(p: Problem, optimal: readonly number[], best: BestBudgetInfo, rest: Pick<Success, 'method' | 'gapBound' | 'iterations' | 'lambda'>): Success {
  const allocations: ChannelAllocation[] = p.models.map((m, c) => ({
    channelId: m.channelId,
    today: m.today,
    optimal: optimal[c],
    change: optimal[c] - m.today,
    marginalReturn: channelMarginal(m, optimal[c]),
    marginalContribution: channelMarginal(p.contribution[c], optimal[c]),
    objectiveToday: channelValue(m, m.today),
    objectiveOptimal: channelValue(m, optimal[c]),
    contributionOptimal: channelValue(p.contribution[c], optimal[c]),
    monthly: splitByPattern(optimal[c], m.pattern),
  }));
  return {
    ok: true,
    allocations,
    objective: allocations.reduce((s, a) => s + a.objectiveOptimal, 0),
    objectiveToday: allocations.reduce((s, a) => s + a.objectiveToday, 0),
    totalSpend: optimal.reduce((s, v) => s + v, 0),
    contribution: allocations.reduce((s, a) => s + a.contributionOptimal, 0),
    best,
    ...rest,
  };
}

/** The best budget of a prepared problem (contribution models, the problem's bounds). */
function bestOf(p: Problem): BestBudgetInfo {
  const b = bestBudget(p.contribution, p.lo, p.hi);
  if ('unbounded' in b) return { ok: false, channelId: p.models[b.unbounded].channelId };
  return { ok: true, budget: b.budget, contribution: b.objective, gapBound: b.gapBound };
}

/** The best allocation of exactly `budget` (an integer) for a prepared problem. */
function solveFor(p: Problem, budget: number, best: BestBudgetInfo): Success | Failure {
  const bad = infeasible(p, budget);
  if (bad) return bad;
  const items = itemsFor(p, budget);
  const first = solveBudget(items, budget);
  let iterations = first.iterations;
  const exact = items.every((it) => it.env.exact);
  let sol = first;
  if (!exact) {
    const r = repair(p, items, budget, first);
    sol = r.sol;
    iterations += r.iterations;
  }
  const hiEff = items.map((it) => Math.max(it.lo, it.hi));
  const optimal = roundAllocation(p.models, sol.S, budget, p.lo, hiEff);
  const objective = realObjective(p.models, optimal);
  // With the budget at Σ min (or Σ max) every channel is pinned, and the solver, which clips each
  // channel to what the budget leaves, sees none free: take the multiplier from the real bounds.
  // For envelopes, the multiplier of the envelope problem (the repair's re-solves pin channels and
  // their multipliers describe those restricted problems, not this one). For water-filling, the
  // marginal return of the largest channel strictly inside its bounds: the solver stops within
  // 1e-6 of a minor unit of the budget, and a channel near zero spend on a steep curve can absorb
  // that slack at a visibly different marginal, which rounds away with its spend; the largest channel
  // is the least sensitive to it. (The solver may also clip a channel at what the budget leaves after
  // the others' minimums, which is not one of its bounds, so the solver's λ can sit anywhere in a gap.)
  let lambda = first.lambda;
  if (exact) {
    let big = -1;
    for (let c = 0; c < optimal.length; c++) {
      if (optimal[c] > p.lo[c] + 1 && optimal[c] < p.hi[c] - 1 && (big < 0 || optimal[c] > optimal[big])) big = c;
    }
    if (big >= 0) lambda = channelMarginal(p.models[big], optimal[big]);
  }
  if (budget === p.sumLo || budget === p.sumHi) {
    const atMin = budget === p.sumLo;
    lambda = atMin ? -Infinity : Infinity;
    p.models.forEach((m, c) => {
      if (p.hi[c] <= p.lo[c]) return;
      const mr = channelMarginal(m, atMin ? p.lo[c] : p.hi[c]);
      lambda = atMin ? Math.max(lambda, mr) : Math.min(lambda, mr);
    });
    if (!Number.isFinite(lambda) && lambda === (atMin ? -Infinity : Infinity)) lambda = 0;
  }
  let gapBound = 0;
  if (!allConcave(p)) {
    // Any λ gives a valid bound; the envelope optimum's λ gives (nearly) the tightest one.
    let bound = Infinity;
    for (const l of [first.lambda, sol.lambda]) if (Number.isFinite(l)) bound = Math.min(bound, dualBound(items, l, budget));
    gapBound = Math.max(0, bound - objective);
  }
  return answer(p, optimal, best, { method: exact ? 'waterFilling' : 'concaveEnvelope', gapBound, iterations, lambda });
}

/**
 * bestBudget mode: every channel at its own best spend (λ = 0, see bestBudget.ts). The multiplier
 * is 0 by construction: channels strictly inside their bounds have marginal contribution 0 (to one
 * minor unit), those held at a minimum have it ≤ 0 and those at a maximum ≥ 0.
 */
function bestAnswer(p: Problem): Success | Failure {
  const b = bestBudget(p.contribution, p.lo, p.hi);
  if ('unbounded' in b) {
    const channel = { channelId: p.models[b.unbounded].channelId, channel: p.channelNames[b.unbounded] };
    return { ok: false, error: 'unbounded', problem: engineMessage('opt.unbounded', channel) };
  }
  const best: BestBudgetInfo = { ok: true, budget: b.budget, contribution: b.objective, gapBound: b.gapBound };
  return answer(p, b.spends, best, { method: allConcave(p) ? 'waterFilling' : 'concaveEnvelope', gapBound: b.gapBound, iterations: 0, lambda: 0 });
}

/**
 * minSpend: the least budget whose best allocation reaches the target, searched between Σ mins and
 * the largest budget considered (Σ maxes, or 10× today's total when some channel has no max).
 *
 * Concave curves: the best objective as a function of the budget is concave, rising to a peak (for
 * contribution, where the marginal return reaches 0 — spend past it loses money; for net revenue at
 * the largest budget), so on [Σ mins, peak] it is increasing and bisection on whole minor units
 * finds the least budget exactly. S-shaped curves: it need not be monotone; a 33-point scan finds
 * the first budget that reaches the target and bisection refines it, which is the least budget
 * unless the objective dips and recovers within one scan step.
 */
function minSpend(p: Problem, target: number): OptimiseResult {
  const low = p.sumLo;
  const high = Number.isFinite(p.sumHi) ? p.sumHi : Math.max(low, Math.round(10 * todayTotal(p)));
  p.cap = high;
  let iterations = 0;
  const bestInfo = bestOf(p);
  const cache = new Map<number, Success | Failure>();
  const at = (budget: number): Success | Failure => {
    let r = cache.get(budget);
    if (!r) {
      r = solveFor(p, budget, bestInfo);
      if (r.ok) iterations += r.iterations;
      cache.set(budget, r);
    }
    return r;
  };
  const value = (budget: number): number => {
    const r = at(budget);
    return r.ok ? r.objective : -Infinity;
  };
  const unreachable = (best: number, budget: number): Failure => ({
    ok: false, error: 'unreachable', problem: engineMessage('opt.unreachable', { target, best, budget }),
  });

  let a: number; // a budget that misses the target (or −1: none below b)
  let b: number; // a budget that reaches it
  if (allConcave(p)) {
    let peak = high;
    // Contribution peaks at the best budget, where every channel's marginal return reaches 0.
    if (p.objective === 'contribution' && bestInfo.ok) peak = Math.min(high, Math.max(low, bestInfo.budget));
    const top = value(peak);
    if (top < target) return unreachable(top, peak);
    if (value(low) >= target) return withIterations(at(low), iterations);
    a = low;
    b = peak;
  } else {
    const K = 32;
    let prev = -1;
    let found = -1;
    let best = -Infinity;
    let bestAt = low;
    for (let k = 0; k <= K; k++) {
      const budget = Math.round(low + ((high - low) * k) / K);
      const v = value(budget);
      if (v > best) {
        best = v;
        bestAt = budget;
      }
      if (v >= target) {
        found = budget;
        break;
      }
      prev = budget;
    }
    if (found < 0) return unreachable(best, bestAt);
    if (prev < 0) return withIterations(at(found), iterations);
    a = prev;
    b = found;
  }
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (value(mid) >= target) b = mid;
    else a = mid;
  }
  return withIterations(at(b), iterations);
}

function withIterations(r: Success | Failure, iterations: number): OptimiseResult {
  return r.ok ? { ...r, iterations } : r;
}

/**
 * The budget optimiser (docs/model.md#budget-optimiser). Plain data in and out; pure.
 *
 * Each channel's objective is a function of its total spend (see ResponseModel). With concave
 * curves (hill shape ≤ 1, linear, none) marginal-return water-filling is exact ('waterFilling',
 * gapBound 0). With S-shaped curves the objective is not concave and local methods stop at the
 * wrong place (at zero spend an S-curve's marginal return is 0, so a greedy method never starts it).
 * Water-filling then runs on each channel's concave envelope, which is exact for the relaxed problem
 * and bounds the true optimum from above; its answer has at most one channel on a linear part of its
 * envelope, which is moved to a real point and the rest re-solved ('concaveEnvelope'). gapBound is a
 * weak-duality bound minus the achieved objective, so the true optimum is at most `objective +
 * gapBound` — a proof of how good the answer is, not an estimate.
 *
 * Every answer carries the best budget (`best`) so that a caller can say whether the budget asked
 * about is past the profitable level.
 */
export function optimiseBudget(plan: Plan, spec: OptimiseSpec): OptimiseResult {
  if (spec.mode === 'bestBudget' && spec.objective !== 'contribution') throw new RangeError('optimiser: the best budget maximises contribution');
  const prepared = prepare(plan, spec.objective, spec.scenarioId, spec.bounds);
  if ('ok' in prepared) return prepared;
  if (spec.mode === 'bestBudget') return bestAnswer(prepared);
  if (spec.mode === 'minSpend') {
    if (typeof spec.target !== 'number' || !Number.isFinite(spec.target)) throw new RangeError('optimiser: the target is not a finite number');
    return minSpend(prepared, spec.target);
  }
  checkNumber('the total budget', spec.totalBudget);
  const budget = Math.round(spec.totalBudget);
  prepared.cap = budget;
  return solveFor(prepared, budget, bestOf(prepared));
}

/** For the frontier: the prepared problem, its best budget and a solver of one budget. */
export { bestOf as bestBudgetOf, solveFor as solveBudgetFor };
