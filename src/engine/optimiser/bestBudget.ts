import { allocateAt, buildEnvelope, dualMax, type Placement } from './envelope';
import { channelValue, response, type ResponseModel } from './model';

/**
 * The contribution-maximising budget ("best budget"): with no total imposed, maximise
 * Σ_c f_c(S_c) over lo_c ≤ S_c ≤ hi_c, f_c a channel's contribution as a function of its total spend.
 *
 * Without a budget constraint the problem is separable: each channel on its own takes the spend at
 * which its marginal contribution d contribution / d spend falls to 0 — marginal contribution
 * includes the −1 of the spend itself, so that is where one more unit of spend brings back exactly
 * one unit of gross profit after channel costs — clipped to its bounds. This is water-filling with
 * the multiplier fixed at λ = 0, and for a concave curve the root of f'(S) = 0 is exact (Newton on a
 * bracket, envelope.ts's curveRoot). An S-curve is not concave, so a root of f' may be a local
 * minimum or a lesser local maximum: its concave envelope is maximised instead (its maximum is a
 * real point of f, a hull vertex or a point of a curve piece), and `dualMax` gives a rigorous upper
 * bound of max f, so the answer carries a proven gap as the budget optimiser's does.
 *
 * Past the best budget every further unit loses money; below it, a unit more earns more than it
 * costs. The search for each channel stops where no spend can beat the lower bound any more:
 * response(S) ≤ Σ positive terms, so f(S) < f(lo) once S > lo + Σ positive terms − response(lo).
 */
export interface ChannelBest {
  /** Whole minor units within the bounds. */
  spend: number;
  /** f at that spend. */
  value: number;
  /** A proven upper bound of max f over the bounds (= value, up to rounding, for a concave curve). */
  bound: number;
}

/** Spend of one channel that maximises its contribution within [lo, hi]; null when no maximum exists (contribution rises without limit). */
export function channelBest(m: ResponseModel, lo: number, hi: number): ChannelBest | null {
  const at = (S: number): ChannelBest => ({ spend: S, value: channelValue(m, S), bound: channelValue(m, S) });
  if (m.spendCost !== 1) throw new RangeError('optimiser: the best budget is defined for contribution only');
  if (!(hi > lo)) return at(lo);
  switch (m.kind) {
    case 'flat':
      return at(lo);
    case 'linear':
      // f = constant + (gain − 1)·S: the highest spend allowed if a unit returns more than it costs.
      if (m.gain > 1) return Number.isFinite(hi) ? at(hi) : null;
      return at(lo);
    case 'step': {
      // f(0) = constant; any S > 0 gets the whole step and pays S, so the least positive spend wins.
      if (lo > 0) return at(lo);
      const one = at(Math.min(1, hi));
      const zero = at(0);
      return one.value > zero.value ? one : zero;
    }
    case 'hill':
      break;
  }
  let positive = 0;
  for (let k = 0; k < m.c.length; k++) if (m.c[k] > 0) positive += m.c[k];
  const upper = Math.min(hi, lo + Math.max(0, positive - response(m, lo)));
  if (!(upper > lo)) return at(lo);
  const env = buildEnvelope(m, lo, upper);
  const where: Placement = { piece: 0, interior: false, curvature: 0 };
  const x = allocateAt(env, 0, upper, (lo + upper) / 2, where);
  // Whole units: the better of the two neighbours (the bounds are whole, so both stay inside them).
  const down = Math.max(lo, Math.floor(x));
  const up = Math.min(hi, Math.ceil(x));
  let best = at(down);
  if (up !== down) {
    const u = at(up);
    if (u.value > best.value) best = u;
  }
  // The envelope's maximiser is a real point of f; the lower bound is one too and is kept if better
  // (a curve that never pays back its first units).
  const low = at(lo);
  if (low.value > best.value) best = low;
  best.bound = Math.max(best.value, dualMax(env, 0, lo, upper));
  return best;
}

export interface BestBudget {
  /** Per channel, in plan order. */
  spends: number[];
  budget: number;
  /** Σ contribution at those spends. */
  objective: number;
  /** Proven bound on how far below the true best `objective` can be (0 for concave curves, up to rounding). */
  gapBound: number;
}

/** The best budget over every channel, or the index of a channel whose contribution has no maximum. */
export function bestBudget(models: readonly ResponseModel[], lo: ArrayLike<number>, hi: ArrayLike<number>): BestBudget | { unbounded: number } {
  const spends: number[] = [];
  let objective = 0;
  let bound = 0;
  for (let c = 0; c < models.length; c++) {
    const b = channelBest(models[c], lo[c], hi[c]);
    if (!b) return { unbounded: c };
    spends.push(b.spend);
    objective += b.value;
    bound += b.bound;
  }
  const budget = spends.reduce((s, v) => s + v, 0);
  // Rounding noise of the bound on concave curves is not a gap worth reporting.
  const gap = bound - objective;
  return { spends, budget, objective, gapBound: gap > 1e-9 * Math.max(1, Math.abs(objective)) ? gap : 0 };
}
