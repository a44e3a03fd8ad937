/**
 * The Nelder–Mead simplex search of R's optim() (nmmin in R's src/appl/optim.c, after Nash's
 * Compact Numerical Methods), which forecast::ets uses with reflection 1, contraction 0.5,
 * expansion 2, relative tolerance √ε and at most 2000 function evaluations. Following it step for
 * step — the simplex it builds, the order of its tests, its treatment of failed evaluations — lets
 * the engine reach the same optimum as R rather than merely a nearby one, so the same model wins.
 */
export interface NelderMeadOptions {
  maxEvaluations?: number;
  relativeTolerance?: number;
}

export interface NelderMeadResult {
  x: Float64Array;
  value: number;
  evaluations: number;
  /** 0 converged, 1 evaluation budget used up, 10 the simplex stopped shrinking. */
  status: 0 | 1 | 10;
}

/** Value nmmin gives a point where the function is not finite: far worse than any real value. */
const BIG = 1e35;

export function nelderMead(f: (x: Float64Array) => number, start: ArrayLike<number>, options: NelderMeadOptions = {}): NelderMeadResult | null {
  const maxit = options.maxEvaluations ?? 2000;
  const intol = options.relativeTolerance ?? Math.sqrt(2.220446049250313e-16);
  const alpha = 1;
  const beta = 0.5;
  const gamma = 2;
  const n = start.length;
  const bvec = Float64Array.from(start);
  let fv = f(bvec);
  // ets treats an infeasible starting point as a failed fit.
  if (!Number.isFinite(fv)) return null;
  let funcount = 1;
  const convtol = intol * (Math.abs(fv) + intol);
  const n1 = n + 1;
  // P[j] is vertex j (j < n1) and P[n1] the centroid; values apart.
  const P: Float64Array[] = Array.from({ length: n1 + 1 }, () => new Float64Array(n));
  const value = new Float64Array(n1 + 1);
  value[0] = fv;
  P[0].set(bvec);
  let L = 0;
  let size = 0;
  let step = 0;
  for (let i = 0; i < n; i++) if (0.1 * Math.abs(bvec[i]) > step) step = 0.1 * Math.abs(bvec[i]);
  if (step === 0) step = 0.1;
  for (let j = 1; j < n1; j++) {
    P[j].set(bvec);
    let trystep = step;
    while (P[j][j - 1] === bvec[j - 1]) {
      P[j][j - 1] = bvec[j - 1] + trystep;
      trystep *= 10;
    }
    size += trystep;
  }
  let oldsize = size;
  let calcvert = true;
  let status: 0 | 1 | 10 = 0;
  const C = P[n1];
  for (;;) {
    if (calcvert) {
      for (let j = 0; j < n1; j++) {
        if (j !== L) {
          bvec.set(P[j]);
          fv = f(bvec);
          if (!Number.isFinite(fv)) fv = BIG;
          funcount++;
          value[j] = fv;
        }
      }
      calcvert = false;
    }
    let VL = value[L];
    let VH = VL;
    let H = L;
    for (let j = 0; j < n1; j++) {
      if (j !== L) {
        const v = value[j];
        if (v < VL) {
          L = j;
          VL = v;
        }
        if (v > VH) {
          H = j;
          VH = v;
        }
      }
    }
    if (VH <= VL + convtol) break;
    for (let i = 0; i < n; i++) {
      let temp = -P[H][i];
      for (let j = 0; j < n1; j++) temp += P[j][i];
      C[i] = temp / n;
    }
    for (let i = 0; i < n; i++) bvec[i] = (1 + alpha) * C[i] - alpha * P[H][i];
    fv = f(bvec);
    if (!Number.isFinite(fv)) fv = BIG;
    funcount++;
    const VR = fv;
    if (VR < VL) {
      // Reflection beat the best vertex: try going further.
      value[n1] = fv;
      for (let i = 0; i < n; i++) {
        const e = gamma * bvec[i] + (1 - gamma) * C[i];
        C[i] = bvec[i];
        bvec[i] = e;
      }
      fv = f(bvec);
      if (!Number.isFinite(fv)) fv = BIG;
      funcount++;
      if (fv < VR) {
        P[H].set(bvec);
        value[H] = fv;
      } else {
        P[H].set(C);
        value[H] = VR;
      }
    } else {
      if (VR < VH) {
        P[H].set(bvec);
        value[H] = VR;
      }
      for (let i = 0; i < n; i++) bvec[i] = (1 - beta) * P[H][i] + beta * C[i];
      fv = f(bvec);
      if (!Number.isFinite(fv)) fv = BIG;
      funcount++;
      if (fv < value[H]) {
        P[H].set(bvec);
        value[H] = fv;
      } else if (VR >= VH) {
        // Contraction failed too: shrink the simplex towards the best vertex.
        calcvert = true;
        size = 0;
        for (let j = 0; j < n1; j++) {
          if (j !== L) {
            for (let i = 0; i < n; i++) {
              P[j][i] = beta * (P[j][i] - P[L][i]) + P[L][i];
              size += Math.abs(P[j][i] - P[L][i]);
            }
          }
        }
        if (size < oldsize) {
          oldsize = size;
        } else {
          status = 10;
          break;
        }
      }
    }
    if (funcount > maxit) break;
  }
  if (funcount > maxit) status = 1;
  return { x: Float64Array.from(P[L]), value: value[L], evaluations: funcount, status };
}
