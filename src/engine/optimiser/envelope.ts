import { channelMarginal, channelValue, slopeCurvature, type ResponseModel, type SlopeCurvature } from './model';

/**
 * The concave envelope F of one channel's objective f over a spend interval [lo, hi]: the least
 * concave function ≥ f there. It is stored as pieces, left to right:
 *
 *   curve  F = f on [a, b] (f is concave there): its marginal is f' itself
 *   line   F is the chord from (a, f(a)) to (b, f(b)) over a stretch where f dips below it (the
 *          convex foot of an S-curve): its marginal is the chord's slope, and only its ends are
 *          real points of f
 *
 * A concave f is one curve piece over [lo, hi] and needs no grid. Otherwise the envelope is the
 * upper hull of f on a fine grid (uniform and geometric points, so both a curve whose action is near
 * lo and one spread over the whole interval are resolved); hull vertices that are neighbours on the
 * grid form curve pieces, longer hull edges are line pieces. The grid only has to be good, not
 * exact: the optimality guarantee comes from `dualMax`, which bounds f between grid points
 * rigorously, not from the hull.
 */
export interface Piece {
  a: number;
  b: number;
  line: boolean;
  /** Line: the chord's slope. Curve: unused. */
  slope: number;
  /** Marginal (f') at a and b; for a line both are `slope`. */
  ma: number;
  mb: number;
}

export interface Envelope {
  model: ResponseModel;
  lo: number;
  hi: number;
  pieces: Piece[];
  /** F = f everywhere (f concave on [lo, hi]). */
  exact: boolean;
  /** Grid data for the rigorous bound of max (f − λS) on a non-concave hill; null otherwise. */
  cells: GridCells | null;
}

/** Per grid cell [x_i, x_{i+1}]: what bounds f there whatever happens between the grid points. */
interface GridCells {
  x: Float64Array;
  /** f(x_i). */
  f: Float64Array;
  /** Sup and inf of response' over each cell. */
  supSlope: Float64Array;
  infSlope: Float64Array;
  /** Σ over terms of max(term(x_i), term(x_{i+1})): each term rises with S, so this bounds response on the cell. */
  termMax: Float64Array;
}

const UNIFORM_CELLS = 512;
const GEOMETRIC_CELLS = 512;
/** The geometric part of the grid starts this fraction of the interval above lo. */
const GEOMETRIC_START = 1e-7;
/** Hull edges spanning at most this many grid cells are taken as curve (F = f), not as a line. */
const CURVE_SPAN = 2;

function curvePiece(m: ResponseModel, a: number, b: number): Piece {
  return { a, b, line: false, slope: 0, ma: channelMarginal(m, a), mb: channelMarginal(m, b) };
}

function linePiece(a: number, b: number, fa: number, fb: number): Piece {
  const slope = (fb - fa) / (b - a);
  return { a, b, line: true, slope, ma: slope, mb: slope };
}

function grid(lo: number, hi: number): Float64Array {
  const pts = new Float64Array(UNIFORM_CELLS + 1 + GEOMETRIC_CELLS);
  const w = hi - lo;
  let n = 0;
  for (let k = 0; k <= UNIFORM_CELLS; k++) pts[n++] = k === UNIFORM_CELLS ? hi : lo + (w * k) / UNIFORM_CELLS;
  const logStart = Math.log(GEOMETRIC_START);
  for (let k = 0; k < GEOMETRIC_CELLS; k++) pts[n++] = lo + w * Math.exp(logStart * (1 - k / GEOMETRIC_CELLS));
  pts.sort();
  let m = 1;
  for (let k = 1; k < n; k++) if (pts[k] > pts[m - 1]) pts[m++] = pts[k];
  return pts.slice(0, m);
}

/** Indices of the upper hull of (x_i, y_i), x increasing (Andrew's monotone chain). */
function upperHull(x: Float64Array, y: Float64Array): number[] {
  const h: number[] = [];
  for (let i = 0; i < x.length; i++) {
    while (h.length >= 2) {
      const o = h[h.length - 2];
      const p = h[h.length - 1];
      // Drop p when it lies on or below the chord from o to i.
      const cross = (x[p] - x[o]) * (y[i] - y[o]) - (y[p] - y[o]) * (x[i] - x[o]);
      if (cross >= 0) h.pop();
      else break;
    }
    h.push(i);
  }
  return h;
}

/**
 * f at every grid point and per-cell bounds of the response and its slope, in one pass. Each term
 * c·y/(1+y), y = a·S^s, rises with S (c > 0) or falls (c < 0), so max(term at the ends) bounds it
 * on a cell. Its slope is c·g(S) with g = s·y/(S(1+y)²) ≥ 0, decreasing for s ≤ 1 and rising then
 * falling for s > 1 with its peak at y* = (s−1)/(s+1): the ends and, when the peak is inside, the
 * peak bound it exactly.
 */
function hillCells(m: ResponseModel, x: Float64Array): GridCells {
  const n = x.length - 1;
  const { a, c, shape: s } = m;
  const K = a.length;
  const yPeak = s > 1 ? (s - 1) / (s + 1) : 0;
  const peak = new Float64Array(K);
  const gPeak = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    if (s > 1) {
      peak[k] = Math.pow(yPeak / a[k], 1 / s);
      gPeak[k] = (c[k] * s * yPeak) / (peak[k] * (1 + yPeak) * (1 + yPeak));
    } else peak[k] = -1;
  }
  const f = new Float64Array(n + 1);
  const supSlope = new Float64Array(n);
  const infSlope = new Float64Array(n);
  const termMax = new Float64Array(n);
  // Term values and slopes at the previous and the current grid point.
  let pv = new Float64Array(K);
  let pg = new Float64Array(K);
  let cv = new Float64Array(K);
  let cg = new Float64Array(K);
  for (let i = 0; i <= n; i++) {
    const S = x[i];
    const sigma = S > 0 ? Math.pow(S, s) : 0;
    let sum = 0;
    for (let k = 0; k < K; k++) {
      if (!Number.isFinite(sigma)) {
        cv[k] = c[k];
        cg[k] = 0;
      } else if (S <= 0) {
        cv[k] = 0;
        cg[k] = s > 1 ? 0 : s === 1 ? c[k] * a[k] : c[k] * Infinity;
      } else {
        const y = a[k] * sigma;
        const q = 1 + y;
        cv[k] = (c[k] * y) / q;
        cg[k] = (c[k] * s * y) / (S * q * q);
      }
      sum += cv[k];
    }
    f[i] = m.constant + sum - m.spendCost * S;
    if (i > 0) {
      const A = x[i - 1];
      let sup = 0;
      let inf = 0;
      let tmax = 0;
      for (let k = 0; k < K; k++) {
        let hiG = pg[k] > cg[k] ? pg[k] : cg[k];
        let loG = pg[k] < cg[k] ? pg[k] : cg[k];
        if (peak[k] > A && peak[k] < S) {
          if (c[k] > 0) hiG = Math.max(hiG, gPeak[k]);
          else loG = Math.min(loG, gPeak[k]);
        }
        sup += hiG;
        inf += loG;
        tmax += pv[k] > cv[k] ? pv[k] : cv[k];
      }
      supSlope[i - 1] = sup;
      infSlope[i - 1] = inf;
      termMax[i - 1] = tmax;
    }
    [pv, cv] = [cv, pv];
    [pg, cg] = [cg, pg];
  }
  return { x, f, supSlope, infSlope, termMax };
}

/** Whether f stays within rounding noise of the chord from i to j (a hull edge that is really curve). */
function nearChord(x: Float64Array, f: Float64Array, i: number, j: number): boolean {
  const slope = (f[j] - f[i]) / (x[j] - x[i]);
  const tol = 1e-11 * Math.max(Math.abs(f[i]), Math.abs(f[j]), 1);
  for (let k = i + 1; k < j; k++) if (f[i] + slope * (x[k] - x[i]) - f[k] > tol) return false;
  return true;
}

/**
 * The envelope of a channel over [lo, hi] (lo < hi, both finite). `hi` may exceed the channel's
 * bound in a particular solve (an envelope is reused across budgets): the solver clips to its own
 * bound, and an envelope over a wider interval is still a concave majorant on the narrower one.
 */
export function buildEnvelope(m: ResponseModel, lo: number, hi: number): Envelope {
  if (m.concave || (m.kind === 'step' && lo > 0) || hi <= lo) {
    return { model: m, lo, hi, pieces: hi > lo ? [curvePiece(m, lo, hi)] : [], exact: true, cells: null };
  }
  if (m.kind === 'step') {
    // A jump at 0, then f is linear: the envelope bridges from (0, f(0)) to one minor unit (a real,
    // whole-unit spend that already gets the whole step) and follows f from there.
    const e = Math.min(1, hi);
    const pieces = [linePiece(0, e, channelValue(m, 0), channelValue(m, e))];
    if (hi > e) pieces.push(curvePiece(m, e, hi));
    return { model: m, lo, hi, pieces, exact: false, cells: null };
  }
  const x = grid(lo, hi);
  const cells = hillCells(m, x);
  const f = cells.f;
  const hull = upperHull(x, f);
  const pieces: Piece[] = [];
  let curveStart = -1;
  for (let h = 0; h + 1 < hull.length; h++) {
    const i = hull[h];
    const j = hull[h + 1];
    if (j - i <= CURVE_SPAN || nearChord(x, f, i, j)) {
      if (curveStart < 0) curveStart = i;
      continue;
    }
    if (curveStart >= 0) {
      pieces.push(curvePiece(m, x[curveStart], x[i]));
      curveStart = -1;
    }
    pieces.push(linePiece(x[i], x[j], f[i], f[j]));
  }
  if (curveStart >= 0) pieces.push(curvePiece(m, x[curveStart], x[hull[hull.length - 1]]));
  const exact = pieces.every((p) => !p.line);
  return { model: m, lo, hi, pieces, exact, cells };
}

/** F(S): the envelope's value (f on curve pieces, the chord on line pieces). */
export function envelopeValue(env: Envelope, S: number): number {
  for (const p of env.pieces) {
    if (S <= p.b || p === env.pieces[env.pieces.length - 1]) {
      if (!p.line || S <= p.a) return channelValue(env.model, S);
      return channelValue(env.model, p.a) + p.slope * (S - p.a);
    }
  }
  return channelValue(env.model, S);
}

/** The line piece whose interior holds S, or null (S is on a curve piece or at a vertex). */
export function lineAt(env: Envelope, S: number): Piece | null {
  for (const p of env.pieces) if (p.line && S > p.a && S < p.b) return p;
  return null;
}

const scratch: SlopeCurvature = { slope: 0, curvature: 0 };

/**
 * Root of f'(S) = λ on a curve piece where f'(a) > λ > f'(b): Newton steps on f', kept inside the
 * shrinking bracket and replaced by bisection whenever they would leave it (or f'' is not negative),
 * so it converges whatever the start. Bisection is geometric when the bracket spans orders of
 * magnitude, as it does for a hill whose root is near zero spend.
 */
function curveRoot(m: ResponseModel, a: number, b: number, lambda: number, warm: number, out: { curvature: number }): number {
  let lo = a;
  let hi = b;
  const split = (): number => (lo > 0 && hi > 8 * lo ? Math.sqrt(lo * hi) : lo === 0 ? hi / 16 : (lo + hi) / 2);
  let x = warm > a && warm < b ? warm : split();
  const cost = m.spendCost;
  let sameSide = 0;
  let lastSign = 0;
  for (let it = 0; it < 200; it++) {
    slopeCurvature(m, x, scratch);
    const g = scratch.slope - cost - lambda;
    out.curvature = scratch.curvature;
    if (g > 0) lo = x;
    else if (g < 0) hi = x;
    else return x;
    // The marginal matched to rounding, or the bracket closed: done.
    if (Math.abs(g) <= 1e-14 * (1 + Math.abs(lambda) + Math.abs(scratch.slope)) || hi - lo <= 1e-13 * Math.max(hi, 1)) return x;
    const sign = g > 0 ? 1 : -1;
    sameSide = sign === lastSign ? sameSide + 1 : 0;
    lastSign = sign;
    // Newton from the steep side of a concave hill creeps (tiny steps far from the root), so after
    // three steps that stay on one side, bisect instead.
    let next = scratch.curvature < 0 && sameSide < 3 ? x - g / scratch.curvature : NaN;
    if (!(next > lo && next < hi)) {
      next = split();
      sameSide = 0;
    }
    x = next;
  }
  return x;
}

/** Where the envelope solution sits: piece index, and whether strictly inside a curve piece (f'' applies). */
export interface Placement {
  piece: number;
  interior: boolean;
  curvature: number;
}

/**
 * argmax over S in [env.lo, cap] of F(S) − λS: the spend at which the envelope's marginal return
 * falls to λ. Non-increasing in λ. At a λ equal to a line piece's slope every point of the line is
 * a maximiser; the left end is returned (the solver's bracket then sees both ends).
 */
export function allocateAt(env: Envelope, lambda: number, cap: number, warm: number, where: Placement): number {
  const { pieces } = env;
  where.interior = false;
  where.curvature = 0;
  for (let k = 0; k < pieces.length; k++) {
    const p = pieces[k];
    where.piece = k;
    if (p.a >= cap) return cap;
    if (p.line) {
      if (p.slope > lambda) continue;
      return p.a;
    }
    if (p.mb > lambda) continue;
    if (p.ma <= lambda) return p.a;
    const S = curveRoot(env.model, p.a, p.b, lambda, warm, where);
    if (S >= cap) return cap;
    where.interior = true;
    return S;
  }
  return Math.min(cap, env.hi);
}

/**
 * A rigorous upper bound of max over S in [lo, hi] of f(S) − λS (hi ≤ env.hi). Weak duality turns
 * these into a bound on the true optimum (see `dualBound` in solve.ts).
 *
 *   concave f: the tangent at the envelope solution x bounds f everywhere, so
 *              max ≤ φ(x) + φ'(x)·(end − x) with the end on the side φ rises to.
 *   hill:      per grid cell, the smaller of two bounds: (i) each term is monotone, so response ≤ Σ
 *              max(term at the ends); (ii) with φ' in [L, U] on the cell, φ lies under both
 *              φ(x_i) + U·(S − x_i) and φ(x_{i+1}) − L·(x_{i+1} − S), whose meeting point is a bound.
 *   step:      exact (its sup over S > 0 is approached as S → 0+).
 */
export function dualMax(env: Envelope, lambda: number, lo: number, hi: number): number {
  const m = env.model;
  const k = lambda + m.spendCost;
  if (hi <= lo) return channelValue(m, lo) - lambda * lo;
  if (m.kind === 'step' && !m.concave && lo <= 0) {
    const atZero = channelValue(m, 0);
    const positive = m.constant + m.gain + Math.max(0, -k * hi);
    return Math.max(atZero, positive);
  }
  if (env.cells === null) {
    const where: Placement = { piece: 0, interior: false, curvature: 0 };
    const x = allocateAt(env, lambda, hi, (lo + hi) / 2, where);
    const phi = channelValue(m, x) - lambda * x;
    const d = channelMarginal(m, x) - lambda;
    if (!Number.isFinite(d)) return phi;
    return phi + Math.max(d * (hi - x), d * (lo - x), 0);
  }
  const { x, f, supSlope, infSlope, termMax } = env.cells;
  let best = -Infinity;
  for (let i = 0; i + 1 < x.length; i++) {
    const A = x[i];
    const B = x[i + 1];
    if (B <= lo) continue;
    if (A >= hi) break;
    const pa = f[i] - lambda * A;
    const pb = f[i + 1] - lambda * B;
    const bound1 = m.constant + termMax[i] + Math.max(-k * A, -k * B);
    const U = supSlope[i] - k;
    const L = infSlope[i] - k;
    let bound2: number;
    if (U <= 0) bound2 = pa;
    else if (L >= 0) bound2 = pb;
    else if (U === Infinity) bound2 = L === -Infinity ? Infinity : pb - L * (B - A);
    else if (L === -Infinity) bound2 = pa + U * (B - A);
    else {
      const d = Math.min(Math.max((pb - pa - L * (B - A)) / (U - L), 0), B - A);
      bound2 = pa + U * d;
    }
    const cell = Math.min(bound1, bound2);
    if (cell > best) best = cell;
  }
  // Floating-point slack: the bound is computed from rounded values.
  return best + 1e-12 * Math.abs(best);
}
