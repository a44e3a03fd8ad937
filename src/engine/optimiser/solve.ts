import { allocateAt, dualMax, envelopeValue, lineAt, type Envelope, type Placement } from './envelope';
import { channelMarginal } from './model';

/**
 * Water-filling on marginal returns (docs/model.md#budget-optimiser): maximise Σ F_c(S_c) subject to Σ S_c = B and
 * lo_c ≤ S_c ≤ hi_c, with each F_c concave (a channel's objective, or its concave envelope).
 *
 * For a multiplier λ every channel independently takes S_c(λ) = argmax F_c(S) − λS, the spend at
 * which its marginal return falls to λ (clipped to its bounds). Σ S_c(λ) falls as λ rises, so the λ
 * that spends exactly B is found by bisection on λ; at that λ every channel strictly inside its
 * bounds has marginal return λ, a channel at its lower bound has marginal ≤ λ and one at its upper
 * bound ≥ λ. Those are the KKT conditions, which for concave F are sufficient: the answer is the
 * global optimum. Bisection steps are interleaved with Newton steps on λ (dΣS/dλ = Σ 1/F''), taken
 * only when they stay inside the bracket, which keeps bisection's guarantee and makes the 200-channel
 * case a handful of sweeps instead of ~60.
 */
export interface SolveItem {
  env: Envelope;
  lo: number;
  /** Upper bound for this solve, ≤ env.hi. */
  hi: number;
}

export interface LambdaSolution {
  S: Float64Array;
  /** The multiplier: the common marginal return of channels strictly inside their bounds. */
  lambda: number;
  /** Sweeps over the channels (evaluations of Σ S_c(λ)). */
  iterations: number;
  /** A channel left strictly inside a line piece of its envelope (not a real point of f), or −1. */
  partial: number;
}

const MAX_ITERATIONS = 300;

function splitPoint(a: number, b: number): number {
  // Geometric when the bracket spans orders of magnitude on one side of zero: λ for a concave hill
  // near zero spend can be huge, and plain halving from there would take many steps.
  if (a > 0 && b > 4 * a) return Math.sqrt(a * b);
  if (b < 0 && a < 4 * b) return -Math.sqrt(a * b);
  return a + (b - a) / 2;
}

/** F'(x): a line piece's slope, else f'(x) (the first piece holding x, i.e. the left derivative at a joint). */
export function envelopeMarginal(env: Envelope, x: number): number {
  for (const p of env.pieces) {
    if (x >= p.a && x <= p.b) return p.line ? p.slope : x === p.a ? p.ma : x === p.b ? p.mb : channelMarginal(env.model, x);
  }
  return channelMarginal(env.model, x);
}

export function solveBudget(items: readonly SolveItem[], B: number): LambdaSolution {
  const n = items.length;
  const S = new Float64Array(n);
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  let sumLo = 0;
  let sumHi = 0;
  const free: number[] = [];
  for (let c = 0; c < n; c++) {
    lo[c] = items[c].lo;
    hi[c] = Math.max(items[c].lo, items[c].hi);
    sumLo += lo[c];
    sumHi += hi[c];
    if (hi[c] > lo[c]) free.push(c);
  }
  // Budget met to a millionth of a minor unit (or to the precision of the sum for huge budgets).
  const tol = Math.max(1e-6, 1e-15 * Math.abs(B) * Math.max(1, Math.sqrt(n)));
  const marginalAt = (c: number, x: number): number => envelopeMarginal(items[c].env, x);
  if (free.length === 0 || B <= sumLo + tol) {
    S.set(lo);
    // Every channel at its minimum: any λ at or above the highest marginal there satisfies KKT
    // (+Infinity when a concave hill sits at zero spend).
    let lambda = free.length > 0 ? -Infinity : 0;
    for (const c of free) lambda = Math.max(lambda, marginalAt(c, lo[c]));
    return { S, lambda, iterations: 0, partial: -1 };
  }
  if (B >= sumHi - tol) {
    S.set(hi);
    // Every channel at its maximum: the lowest marginal there.
    let lambda = Infinity;
    for (const c of free) lambda = Math.min(lambda, marginalAt(c, hi[c]));
    return { S, lambda, iterations: 0, partial: -1 };
  }

  S.set(lo);
  const warm = new Float64Array(n);
  const where: Placement = { piece: 0, interior: false, curvature: 0 };
  let iterations = 0;
  let slopeSum = 0;
  const total = (lambda: number): number => {
    iterations++;
    let T = sumLo;
    slopeSum = 0;
    for (const c of free) {
      const x = allocateAt(items[c].env, lambda, hi[c], warm[c], where);
      const v = x < lo[c] ? lo[c] : x;
      S[c] = v;
      warm[c] = v;
      T += v - lo[c];
      if (where.interior && v < hi[c] && where.curvature < 0) slopeSum += 1 / where.curvature;
    }
    return T;
  };

  // Bracket: at λH every channel sits at its lower bound, at λL at its upper bound.
  let lamH = -Infinity;
  let lamL = Infinity;
  for (const c of free) {
    const first = items[c].env.pieces[0];
    lamH = Math.max(lamH, first ? first.ma : -Infinity);
    lamL = Math.min(lamL, marginalAt(c, hi[c]));
  }
  lamL -= Math.abs(lamL) * 1e-9 + 1e-12;
  let SL = Float64Array.from(hi);
  let TL = sumHi;
  let SH = Float64Array.from(lo);
  let TH = sumLo;
  if (lamH === Infinity) {
    // A concave hill at zero spend: its marginal is infinite there, so look for a finite λ at which
    // every channel spends less than B.
    let lam = Math.max(1, Math.abs(lamL));
    for (const c of free) {
      const m = marginalAt(c, lo[c] + Math.max(1e-6, 1e-9 * (hi[c] - lo[c])));
      if (Number.isFinite(m)) lam = Math.max(lam, m);
    }
    for (let k = 0; k < 200; k++) {
      const T = total(lam);
      if (T <= B) {
        lamH = lam;
        TH = T;
        SH = S.slice();
        break;
      }
      lamL = lam;
      TL = T;
      SL = S.slice();
      lam *= 16;
    }
  }
  if (!Number.isFinite(lamH)) throw new Error('optimiser: no finite multiplier spends less than the budget');

  // A first guess: the marginals at the proportional allocation, weighted by each channel's room.
  let lam = NaN;
  {
    const theta = (B - sumLo) / (sumHi - sumLo);
    let wsum = 0;
    let msum = 0;
    for (const c of free) {
      const w = hi[c] - lo[c];
      const m = marginalAt(c, lo[c] + theta * w);
      if (Number.isFinite(m)) {
        wsum += w;
        msum += w * m;
      }
    }
    if (wsum > 0) lam = msum / wsum;
    if (!(lam > lamL && lam < lamH)) lam = splitPoint(lamL, lamH);
  }

  let byTolerance = false;
  let lastGap = Infinity;
  let usedNewton = false;
  for (let k = 0; k < MAX_ITERATIONS; k++) {
    const T = total(lam);
    const gap = B - T;
    if (T >= B) {
      lamL = lam;
      TL = T;
      SL = S.slice();
    } else {
      lamH = lam;
      TH = T;
      SH = S.slice();
    }
    if (Math.abs(gap) <= tol) {
      byTolerance = true;
      break;
    }
    const mid = splitPoint(lamL, lamH);
    if (!(mid > lamL && mid < lamH)) break; // no double left between the ends
    let next = NaN;
    // Newton on λ while it keeps halving the error; otherwise (a flat or a jump) bisect.
    if (slopeSum < 0 && !(usedNewton && Math.abs(gap) > 0.5 * lastGap)) next = lam + gap / slopeSum;
    usedNewton = next > lamL && next < lamH;
    lam = usedNewton ? next : mid;
    lastGap = Math.abs(gap);
  }

  if (byTolerance) {
    // Within a millionth of a minor unit: put the rest on channels with room.
    let rest = B - (TL >= B && TL - B <= tol ? TL : TH);
    const base = TL >= B && TL - B <= tol ? SL : SH;
    S.set(base);
    for (const c of free) {
      if (rest === 0) break;
      const step = rest > 0 ? Math.min(rest, hi[c] - S[c]) : Math.max(rest, lo[c] - S[c]);
      S[c] += step;
      rest -= step;
    }
    return { S, lambda: lam, iterations, partial: -1 };
  }
  return finishFlat(items, B, SL, SH, lo, hi, free, (lamL + lamH) / 2, iterations);
}

/**
 * The bracket has closed on a λ where Σ S_c jumps past B: some channels are on a flat stretch of
 * marginal return λ (a linear curve, or a line piece of an envelope), where any split of the rest
 * is optimal for the envelopes. Channels whose flat is real (F = f) take the rest first, in
 * proportion to their room; line pieces are filled whole, so that at most one channel ends strictly
 * inside one (the Shapley–Folkman structure of the envelope optimum, which optimise.ts then repairs).
 */
function finishFlat(
  items: readonly SolveItem[], B: number, SL: Float64Array, SH: Float64Array, lo: Float64Array, hi: Float64Array,
  free: readonly number[], lambda: number, iterations: number,
): LambdaSolution {
  const S = SH.slice();
  let rest = B;
  for (let c = 0; c < S.length; c++) rest -= S[c];
  const real: number[] = [];
  const lines: number[] = [];
  let realRoom = 0;
  for (const c of free) {
    const w = SL[c] - SH[c];
    if (!(w > 0)) continue;
    if (lineAt(items[c].env, SH[c] + w / 2)) lines.push(c);
    else {
      real.push(c);
      realRoom += w;
    }
  }
  let partial = -1;
  if (rest <= realRoom) {
    const theta = realRoom > 0 ? Math.max(0, rest) / realRoom : 0;
    for (const c of real) S[c] = SH[c] + theta * (SL[c] - SH[c]);
  } else {
    for (const c of real) S[c] = SL[c];
    rest -= realRoom;
    lines.sort((x, y) => (SL[y] - SH[y]) - (SL[x] - SH[x]));
    const open: number[] = [];
    for (const c of lines) {
      const w = SL[c] - SH[c];
      if (w <= rest) {
        S[c] = SL[c];
        rest -= w;
      } else open.push(c);
    }
    if (rest > 0 && open.length > 0) {
      partial = open[open.length - 1]; // the narrowest line that the rest does not fill
      S[partial] += rest;
      rest = 0;
    }
  }
  for (let c = 0; c < S.length; c++) S[c] = Math.min(hi[c], Math.max(lo[c], S[c]));
  if (partial >= 0 && !lineAt(items[partial].env, S[partial])) partial = -1;
  return { S, lambda, iterations, partial };
}

/** Σ F_c(S_c): the envelope objective of an allocation. */
export function envelopeObjective(items: readonly SolveItem[], S: Float64Array): number {
  let v = 0;
  for (let c = 0; c < items.length; c++) v += envelopeValue(items[c].env, S[c]);
  return v;
}

/**
 * Weak duality: for any λ and any feasible allocation, Σ f_c(S_c) = Σ (f_c(S_c) − λS_c) + λB
 * ≤ λB + Σ max_{S∈[lo_c,hi_c]} (f_c(S) − λS). With the rigorous per-channel maxima of dualMax this
 * bounds the true optimum (over all real allocations) from above; at the envelope optimum's λ it
 * equals the envelope objective up to the grid's resolution.
 */
export function dualBound(items: readonly SolveItem[], lambda: number, B: number): number {
  let v = lambda * B;
  for (const it of items) v += dualMax(it.env, lambda, it.lo, Math.max(it.lo, it.hi));
  return v;
}
