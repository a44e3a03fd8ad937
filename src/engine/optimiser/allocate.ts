/** The best allocation of one budget (and of the best budget), as the optimiser answers it. */
import { engineMessage } from '../messages';
import { bestBudget } from './bestBudget';
import { lineAt } from './envelope';
import { channelMarginal, channelValue } from './model';
import { allConcave, infeasible, itemsFor, realObjective, type Problem } from './problem';
import { dualBound, solveBudget, type LambdaSolution, type SolveItem } from './solve';
import type { BestBudgetInfo, ChannelAllocation, Failure, OptimiseResult, Success } from './result';
import { roundAllocation, splitByPattern } from './rounding';
import { exactSplit } from './sShapedExact';

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

/** The best allocation of exactly `budget` (an integer) for a prepared problem. */
/** The answer for whole-unit spends `optimal`: per-channel figures and totals. */
export function answer(p: Problem, optimal: readonly number[], best: BestBudgetInfo, rest: Pick<Success, 'method' | 'gapBound' | 'iterations' | 'lambda'>): Success {
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
    allocations: p.rows ? byChannel(p, allocations) : allocations,
    objective: allocations.reduce((s, a) => s + a.objectiveOptimal, 0),
    objectiveToday: allocations.reduce((s, a) => s + a.objectiveToday, 0),
    totalSpend: optimal.reduce((s, v) => s + v, 0),
    contribution: allocations.reduce((s, a) => s + a.contributionOptimal, 0),
    best,
    ...rest,
  };
}

/**
 * Rows of channels computed by region added back up per plan channel: amounts summed (per month
 * too); the marginal returns are those of the channel's largest row (at an optimum every funded row
 * inside its bounds has the same). Each channel keeps its rows (region, today, optimal).
 */
function byChannel(p: Problem, rows: ChannelAllocation[]): ChannelAllocation[] {
  const { plan, rowOf, rowsOf } = p.rows as NonNullable<Problem['rows']>;
  return plan.channels.map((ch, c) => {
    const mine = rowsOf[c].map((r) => rows[r]);
    let big = mine[0];
    for (const a of mine) if (a.optimal > big.optimal) big = a;
    const add = (f: (a: ChannelAllocation) => number): number => mine.reduce((s, a) => s + f(a), 0);
    const monthly = mine[0].monthly.map((_, t) => add((a) => a.monthly[t]));
    return {
      channelId: ch.id,
      today: add((a) => a.today),
      optimal: add((a) => a.optimal),
      change: add((a) => a.change),
      marginalReturn: big.marginalReturn,
      marginalContribution: big.marginalContribution,
      objectiveToday: add((a) => a.objectiveToday),
      objectiveOptimal: add((a) => a.objectiveOptimal),
      contributionOptimal: add((a) => a.contributionOptimal),
      monthly,
      rows: rowsOf[c].map((r) => ({ regionId: rowOf[r].regionId, today: rows[r].today, optimal: rows[r].optimal })),
    };
  });
}

/** The best budget of a prepared problem (contribution models, the problem's bounds). */
export function bestOf(p: Problem): BestBudgetInfo {
  const b = bestBudget(p.contribution, p.lo, p.hi);
  if ('unbounded' in b) return { ok: false, channelId: p.models[b.unbounded].channelId };
  return { ok: true, budget: b.budget, contribution: b.objective, gapBound: b.gapBound };
}

/** The best allocation of exactly `budget` (an integer) for a prepared problem. */
export function solveFor(p: Problem, budget: number, best: BestBudgetInfo): Success | Failure {
  const bad = infeasible(p, budget);
  if (bad) return bad;
  const items = itemsFor(p, budget);
  const first = solveBudget(items, budget);
  let iterations = first.iterations;
  const exact = items.every((it) => it.env.exact);
  let sol = first;
  let searched = false;
  if (!exact) {
    const r = repair(p, items, budget, first);
    sol = r.sol;
    iterations += r.iterations;
    // A few S-shaped channels: search which are past their inflection (sShapedExact.ts).
    const found = exactSplit(items, budget, { S: sol.S, objective: realObjective(p.models, sol.S) });
    if (found) {
      searched = true;
      iterations += found.nodes;
      sol = { ...sol, S: found.S, partial: -1 };
    }
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
  if (!allConcave(p) && !searched) {
    // Any λ gives a valid bound; the envelope optimum's λ gives (nearly) the tightest one.
    let bound = Infinity;
    for (const l of [first.lambda, sol.lambda]) if (Number.isFinite(l)) bound = Math.min(bound, dualBound(items, l, budget));
    gapBound = Math.max(0, bound - objective);
  }
  return answer(p, optimal, best, { method: exact ? 'waterFilling' : searched ? 'exactSearch' : 'concaveEnvelope', gapBound, iterations, lambda });
}

/**
 * bestBudget mode: every channel at its own best spend (λ = 0, see bestBudget.ts). The multiplier
 * is 0 by construction: channels strictly inside their bounds have marginal contribution 0 (to one
 * minor unit), those held at a minimum have it ≤ 0 and those at a maximum ≥ 0.
 */
export function bestAnswer(p: Problem): Success | Failure {
  const b = bestBudget(p.contribution, p.lo, p.hi);
  if ('unbounded' in b) {
    const channel = { channelId: p.models[b.unbounded].channelId, channel: p.channelNames[b.unbounded] };
    return { ok: false, error: 'unbounded', problem: engineMessage('opt.unbounded', channel) };
  }
  const best: BestBudgetInfo = { ok: true, budget: b.budget, contribution: b.objective, gapBound: b.gapBound };
  return answer(p, b.spends, best, { method: allConcave(p) ? 'waterFilling' : 'concaveEnvelope', gapBound: b.gapBound, iterations: 0, lambda: 0 });
}

export function withIterations(r: Success | Failure, iterations: number): OptimiseResult {
  return r.ok ? { ...r, iterations } : r;
}
