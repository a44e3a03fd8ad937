/**
 * Unconstrained minimisation by BFGS with a strong-Wolfe line search (Nocedal & Wright, Numerical
 * Optimization, 2nd ed., algorithms 6.1, 3.5 and 3.6) — the method scipy.optimize.minimize uses for
 * the `lifetimes` fitters (no bounds → BFGS, analytic gradient, inverse Hessian starting at I).
 * Deterministic: same input, same iterates.
 */

/** Objective: returns f(x) and writes ∇f(x) into `gradient`. Non-finite values mean "outside the domain". */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface MinimizeOptions {
  /** Stop when max |∂f/∂xᵢ| ≤ this (scipy's `gtol`; lifetimes passes tol = 1e-7). */
  readonly gradientTolerance?: number;
  readonly maxIterations?: number;
}

export interface MinimizeResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly gradient: Float64Array;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
}

/** Runs a computation written as steps (a generator) to its result. */
export function runSteps<R>(steps: Generator<unknown, R>): R {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

const C1 = 1e-4;
const C2 = 0.9;
const MAX_LINE_STEPS = 40;

const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};
const maxAbs = (a: Float64Array) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
};

export function minimizeBfgs(f: Objective, x0: ArrayLike<number>, options: MinimizeOptions = {}): MinimizeResult {
  return runSteps(minimizeBfgsSteps(f, x0, options));
}

/**
 * minimizeBfgs as steps: yields the iteration count after each iteration, so a caller on a worker
 * can let a cancel message in between (see runSteps for running it to the end).
 */
export function* minimizeBfgsSteps(f: Objective, x0: ArrayLike<number>, options: MinimizeOptions = {}): Generator<number, MinimizeResult> {
  const gtol = options.gradientTolerance ?? 1e-7;
  const maxIterations = options.maxIterations ?? 1000;
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let evaluations = 1;
  let value = f(x, g);
  if (!Number.isFinite(value)) throw new RangeError('objective is not finite at the starting point');
  const H = new Float64Array(n * n);
  const resetH = () => {
    H.fill(0);
    for (let i = 0; i < n; i++) H[i * n + i] = 1;
  };
  resetH();
  const p = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const Hy = new Float64Array(n);
  let iterations = 0;
  let freshH = true;

  // φ(α) = f(x + α p) and φ'(α), evaluated into xNew / gNew.
  const phi = (alpha: number): [number, number] => {
    for (let i = 0; i < n; i++) xNew[i] = x[i] + alpha * p[i];
    evaluations++;
    const v = f(xNew, gNew);
    return Number.isFinite(v) ? [v, dot(gNew, p)] : [Infinity, NaN];
  };

  while (iterations < maxIterations && maxAbs(g) > gtol) {
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < n; j++) sum -= H[i * n + j] * g[j];
      p[i] = sum;
    }
    let d0 = dot(g, p);
    if (!(d0 < 0)) {
      // Not a descent direction (numerical trouble in H): restart from steepest descent.
      resetH();
      for (let i = 0; i < n; i++) p[i] = -g[i];
      d0 = dot(g, p);
      freshH = true;
    }
    const step = strongWolfe(phi, value, d0);
    if (step === null) {
      if (freshH) break; // even steepest descent cannot progress: as close as floating point allows
      resetH();
      freshH = true;
      continue;
    }
    // phi leaves xNew / gNew at the accepted step.
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gNew[i] - g[i];
    }
    [x, g] = [Float64Array.from(xNew), Float64Array.from(gNew)];
    value = step;
    iterations++;
    freshH = false;
    const sy = dot(s, y);
    if (sy > 1e-300) {
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, expanded to avoid n³ work.
      const rho = 1 / sy;
      for (let i = 0; i < n; i++) {
        let sum = 0;
        for (let j = 0; j < n; j++) sum += H[i * n + j] * y[j];
        Hy[i] = sum;
      }
      const yHy = dot(y, Hy);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          H[i * n + j] += -rho * (Hy[i] * s[j] + s[i] * Hy[j]) + (rho * rho * yHy + rho) * s[i] * s[j];
        }
      }
    }
    yield iterations;
  }
  return { x, value, gradient: g, iterations, evaluations, converged: maxAbs(g) <= gtol };
}

/**
 * Step satisfying the strong Wolfe conditions along p, trying α = 1 first. Returns f at the accepted
 * step (x + αp is left in the caller's buffers by the last φ call), or null if none was found.
 */
function strongWolfe(phi: (alpha: number) => [number, number], f0: number, d0: number): number | null {
  let aPrev = 0;
  let fPrev = f0;
  let dPrev = d0;
  let a = 1;
  for (let i = 0; i < MAX_LINE_STEPS; i++) {
    const [fa, da] = phi(a);
    if (fa > f0 + C1 * a * d0 || (i > 0 && fa >= fPrev)) return zoom(phi, f0, d0, aPrev, fPrev, dPrev, a, fa);
    if (Math.abs(da) <= -C2 * d0) return fa;
    if (da >= 0) return zoom(phi, f0, d0, a, fa, da, aPrev, fPrev);
    aPrev = a;
    fPrev = fa;
    dPrev = da;
    a *= 2;
  }
  return null;
}

function zoom(
  phi: (alpha: number) => [number, number],
  f0: number,
  d0: number,
  lo: number,
  fLo: number,
  dLo: number,
  hi: number,
  fHi: number,
): number | null {
  for (let i = 0; i < MAX_LINE_STEPS; i++) {
    // Minimiser of the quadratic through (lo, fLo, dLo) and (hi, fHi), kept inside the bracket.
    const width = hi - lo;
    let a = lo + width / 2;
    if (Number.isFinite(fHi)) {
      const denominator = 2 * (fHi - fLo - dLo * width);
      if (denominator > 0) {
        const q = lo - (dLo * width * width) / denominator;
        const inner = Math.min(lo, hi) + 0.1 * Math.abs(width);
        const outer = Math.max(lo, hi) - 0.1 * Math.abs(width);
        if (q >= inner && q <= outer) a = q;
      }
    }
    const [fa, da] = phi(a);
    if (fa > f0 + C1 * a * d0 || fa >= fLo) {
      hi = a;
      fHi = fa;
    } else {
      if (Math.abs(da) <= -C2 * d0) return fa;
      if (da * (hi - lo) >= 0) {
        hi = lo;
        fHi = fLo;
      }
      lo = a;
      fLo = fa;
      dLo = da;
    }
    if (Math.abs(hi - lo) < 1e-16 * Math.max(1, Math.abs(lo))) break;
  }
  // Accept the best point found if it decreases f at all: a valid (if not Wolfe) step near the optimum.
  if (fLo < f0 && lo !== 0) {
    const [fa] = phi(lo);
    return fa;
  }
  return null;
}
