import type { ChannelBudgetBounds, Plan } from '../types';
import type { OptimiseObjective } from './model';
import { bestBudgetOf, solveBudgetFor } from './optimise';
import { prepare, realObjective, todayTotal, type OptimiseProblem } from './problem';

export interface FrontierOptions {
  objective: OptimiseObjective;
  scenarioId: string | null;
  bounds: ChannelBudgetBounds[];
  /** Number of evenly spaced budgets (default 21); today's and the best budget are added to them. */
  points?: number;
  /**
   * Range of budgets in % (default 50 to 150): from fromPct % of the smallest of today's budget, the
   * best budget and `alsoAt` to toPct % of the largest, so that all are on the curve with room
   * either side.
   */
  fromPct?: number;
  toPct?: number;
  /** Further budgets to put on the curve (and in its range): the one a user asked about, say. */
  alsoAt?: number[];
}

export interface Frontier {
  /** Budgets that could be solved, increasing, with their best objective. */
  budgets: number[];
  objectives: number[];
  todayBudget: number;
  /** Today's allocation of today's budget (on or below the curve). */
  todayObjective: number;
  /**
   * The contribution-maximising budget and its contribution (contribution objective only; null for
   * net revenue, or when contribution has no maximum). It is one of `budgets` unless the bounds make
   * it infeasible.
   */
  bestBudget: number | null;
  bestObjective: number | null;
  /** Budgets the bounds make infeasible, left out of the curve, with why (budget NaN: every budget). */
  skipped: { budget: number; problem: OptimiseProblem }[];
}

/**
 * The efficient frontier: the best objective at budgets spread over a range that holds both today's
 * budget and the best budget. For contribution the curve rises to the best budget and falls after
 * it: spend past that point loses money, which is why the point is marked.
 */
export function efficientFrontier(plan: Plan, opts: FrontierOptions): Frontier {
  const points = Math.max(1, Math.floor(opts.points ?? 21));
  const fromPct = opts.fromPct ?? 50;
  const toPct = opts.toPct ?? 150;
  if (!Number.isFinite(fromPct) || !Number.isFinite(toPct) || fromPct < 0 || toPct < fromPct) {
    throw new RangeError(`optimiser: bad frontier range ${fromPct} … ${toPct} %`);
  }
  const prepared = prepare(plan, opts.objective, opts.scenarioId, opts.bounds);
  const out: Frontier = { budgets: [], objectives: [], todayBudget: 0, todayObjective: 0, bestBudget: null, bestObjective: null, skipped: [] };
  if ('ok' in prepared) {
    if (prepared.error === 'noChannels') return out;
    out.skipped.push({ budget: NaN, problem: prepared.problem });
    return out;
  }
  const today = todayTotal(prepared);
  out.todayBudget = today;
  out.todayObjective = realObjective(prepared.models, prepared.models.map((m) => m.today));
  const best = bestBudgetOf(prepared);
  if (opts.objective === 'contribution' && best.ok) {
    out.bestBudget = best.budget;
    out.bestObjective = best.contribution;
  }
  const marks = [today, ...(out.bestBudget === null ? [] : [out.bestBudget]), ...(opts.alsoAt ?? []).filter((b) => Number.isFinite(b) && b >= 0).map(Math.round)];
  const low = Math.min(...marks);
  const high = Math.max(...marks);
  const set = new Set<number>();
  for (let k = 0; k < points; k++) {
    const b = points === 1 ? (low * fromPct) / 100 : (low * fromPct) / 100 + ((high * toPct) / 100 - (low * fromPct) / 100) * (k / (points - 1));
    set.add(Math.round(b));
  }
  for (const b of marks) set.add(b);
  const budgets = [...set].sort((a, b) => a - b);
  prepared.cap = budgets[budgets.length - 1];
  for (const b of budgets) {
    // At the best budget the best allocation is itself optimal (it is the best of all allocations,
    // whatever their total), so its contribution is the curve's value there; the budget solver
    // agrees to rounding on concave curves and can only fall short of it on S-curves.
    const r = solveBudgetFor(prepared, b, best);
    if (r.ok) {
      out.budgets.push(b);
      out.objectives.push(b === out.bestBudget && out.bestObjective !== null ? Math.max(r.objective, out.bestObjective) : r.objective);
    } else out.skipped.push({ budget: b, problem: r.problem });
  }
  return out;
}
