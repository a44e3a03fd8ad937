/** The least budget that reaches a target. */
import { engineMessage } from '../messages';
import { allConcave, todayTotal, type Problem } from './problem';
import { bestOf, solveFor, withIterations } from './allocate';
import type { Failure, OptimiseResult, Success } from './result';

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
export function minSpend(p: Problem, target: number): OptimiseResult {
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
