/**
 * Separable concave maximisation with linear and concave constraint rows (docs/model.md#optimiser-policies):
 *
 *   maximise Σ_i φ_i(x_i)
 *   subject to lo_i ≤ x_i ≤ hi_i,   L_r ≤ a_r·x ≤ U_r (linear rows),   Σ_i g_ki(x_i) + δ_k ≥ 0 (concave rows)
 *
 * with every φ_i and g_ki concave. This is what budget rules make of the optimiser's problem once
 * they couple channels beyond the single budget row, where water-filling on one multiplier no longer
 * applies. It is solved by a primal-dual interior-point method (Mehrotra predictor–corrector):
 * each Newton step eliminates the variables (their Hessian is diagonal, because the problem is
 * separable) and solves a dense system with one row per constraint, so a step costs
 * O(Σ_i rows(i)² + m³) — a few thousand variables and a few dozen rules in milliseconds.
 *
 * The answer carries a certificate that does not trust the solver: with the solver's multipliers
 * (π for linear rows, ν ≥ 0 for concave rows), weak duality bounds the optimum from above by
 *
 *   Σ_i max_{x ∈ [lo_i, hi_i]} (φ_i(x) + Σ_k ν_k g_ki(x) − p_i x) + Σ_r max_{v ∈ [L_r, U_r]} π_r v + Σ_k ν_k δ_k,   p_i = Σ_r π_r a_ri
 *
 * and each inner maximum is bounded rigorously by a tangent of the concave function (a tangent of a
 * concave function lies above it everywhere). `bound − objective` is then a proven duality gap.
 */

/** A concave function of one variable with its first two derivatives. */
export interface Fn1 {
  value(x: number): number;
  d1(x: number): number;
  d2(x: number): number;
  /** d1 and d2 at once into out[0], out[1] (one pass over a hill's terms); optional. */
  both?(x: number, out: Float64Array): void;
  /** For a concave envelope: the line piece whose inside holds x (not real points of the curve), or null. */
  line?(x: number): [number, number] | null;
}

export interface LinearRow {
  idx: Int32Array;
  coef: Float64Array;
  /** −Infinity / Infinity for a one-sided row; lo = hi for an equality. */
  lo: number;
  hi: number;
}

export interface ConcaveRow {
  /** g_ki per variable (concave). */
  fns: Fn1[];
  /** δ_k. */
  constant: number;
}

export interface ConstrainedProblem {
  lo: Float64Array;
  /** May hold Infinity. */
  hi: Float64Array;
  objective: Fn1[];
  linear: LinearRow[];
  concave: ConcaveRow[];
  /** A typical amount of x (the budget): the solver works in units of it. */
  scale: number;
}

export interface ConstrainedSolution {
  x: Float64Array;
  /** π_r: how much the optimum rises per unit of a_r·x allowed (sign as in the dual bound). */
  linearMultipliers: Float64Array;
  /** ν_k ≥ 0. */
  concaveMultipliers: Float64Array;
  iterations: number;
  /** Largest constraint violation (units of x) and stationarity residual (units of marginal return). */
  primalResidual: number;
  dualResidual: number;
  converged: boolean;
}

const MAX_ITERATIONS = 120;

export function rowValue(row: LinearRow, x: ArrayLike<number>): number {
  let v = 0;
  for (let j = 0; j < row.idx.length; j++) v += row.coef[j] * x[row.idx[j]];
  return v;
}

/** Cholesky factorisation in place (lower triangle), with a small ridge when a pivot is not positive. */
function cholesky(M: Float64Array, m: number): void {
  for (let j = 0; j < m; j++) {
    let d = M[j * m + j];
    for (let k = 0; k < j; k++) d -= M[j * m + k] * M[j * m + k];
    // A row with no free variable left has a zero pivot; the ridge keeps its multiplier still.
    if (!(d > 1e-14)) d = 1e-14 + Math.abs(d) * 1e-8;
    const l = Math.sqrt(d);
    M[j * m + j] = l;
    for (let i = j + 1; i < m; i++) {
      let s = M[i * m + j];
      for (let k = 0; k < j; k++) s -= M[i * m + k] * M[j * m + k];
      M[i * m + j] = s / l;
    }
  }
}

function choleskySolve(L: Float64Array, m: number, b: Float64Array): void {
  for (let i = 0; i < m; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * m + k] * b[k];
    b[i] = s / L[i * m + i];
  }
  for (let i = m - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < m; k++) s -= L[k * m + i] * b[k];
    b[i] = s / L[i * m + i];
  }
}

/**
 * Solves the problem. Works in units of `scale` for x and for the objective (a marginal return is
 * unit-free either way), so that the tolerances mean the same for ¥1,000 and ¥1,000,000,000 plans.
 */
export function solveConstrained(pr: ConstrainedProblem): ConstrainedSolution {
  const n = pr.lo.length;
  const X = pr.scale > 0 ? pr.scale : 1;
  const mL = pr.linear.length;
  const mN = pr.concave.length;
  const m = mL + mN;
  // Slack variables: one per two-sided or one-sided linear row and per concave row; equalities have none.
  const slackOf = new Int32Array(m).fill(-1);
  const sLo: number[] = [];
  const sHi: number[] = [];
  pr.linear.forEach((r, k) => {
    if (r.lo === r.hi) return;
    slackOf[k] = sLo.length;
    sLo.push(r.lo / X);
    sHi.push(r.hi / X);
  });
  for (let k = 0; k < mN; k++) {
    slackOf[mL + k] = sLo.length;
    sLo.push(0);
    sHi.push(Infinity);
  }
  const ns = sLo.length;
  const N = n + ns;
  const zLo = new Float64Array(N);
  const zHi = new Float64Array(N);
  for (let i = 0; i < n; i++) {
    zLo[i] = pr.lo[i] / X;
    zHi[i] = pr.hi[i] / X;
  }
  for (let j = 0; j < ns; j++) {
    zLo[n + j] = sLo[j];
    zHi[n + j] = sHi[j];
  }
  const hasLo = new Uint8Array(N);
  const hasHi = new Uint8Array(N);
  // A variable pinned by equal bounds (a frozen channel, or one pinned by the caller) stays put: no
  // barrier (it has no inside), an infinite Newton weight, so every step leaves it where it is.
  const pinned = new Uint8Array(N);
  for (let j = 0; j < N; j++) {
    pinned[j] = zLo[j] === zHi[j] ? 1 : 0;
    hasLo[j] = !pinned[j] && Number.isFinite(zLo[j]) ? 1 : 0;
    hasHi[j] = !pinned[j] && Number.isFinite(zHi[j]) ? 1 : 0;
  }
  // Rows of each variable (column-wise view of the linear rows) for the Schur complement.
  const colStart = new Int32Array(n + 1);
  for (const r of pr.linear) for (let j = 0; j < r.idx.length; j++) colStart[r.idx[j] + 1]++;
  for (let i = 0; i < n; i++) colStart[i + 1] += colStart[i];
  const colRow = new Int32Array(colStart[n]);
  const colCoef = new Float64Array(colStart[n]);
  {
    const fill = colStart.slice(0, n);
    pr.linear.forEach((r, k) => {
      for (let j = 0; j < r.idx.length; j++) {
        const i = r.idx[j];
        colRow[fill[i]] = k;
        colCoef[fill[i]++] = r.coef[j];
      }
    });
  }

  // Starting point: strictly inside every bound.
  const z = new Float64Array(N);
  for (let j = 0; j < N; j++) {
    const a = zLo[j];
    const b = zHi[j];
    if (pinned[j]) z[j] = a;
    else if (hasLo[j] && hasHi[j]) z[j] = a + (b - a) / 2;
    else if (hasLo[j]) z[j] = a + Math.max(1, Math.abs(a)) * (j < n ? 1 / Math.max(1, n) : 1);
    else if (hasHi[j]) z[j] = b - Math.max(1, Math.abs(b));
    else z[j] = 0;
  }
  const zl = new Float64Array(N).fill(1);
  const zu = new Float64Array(N).fill(1);
  for (let j = 0; j < N; j++) {
    if (!hasLo[j]) zl[j] = 0;
    if (!hasHi[j]) zu[j] = 0;
  }
  const y = new Float64Array(m);

  const g1 = new Float64Array(n); // φ'
  const pair = new Float64Array(2);
  const H = new Float64Array(N);
  const gk1 = new Float64Array(mN * n); // g_ki'
  const rd = new Float64Array(N);
  const rp = new Float64Array(m);
  const D = new Float64Array(N);
  const M = new Float64Array(m * m);
  const rho = new Float64Array(N);
  const dz = new Float64Array(N);
  const dzl = new Float64Array(N);
  const dzu = new Float64Array(N);
  const dy = new Float64Array(m);
  const affZ = new Float64Array(N);
  const affL = new Float64Array(N);
  const affU = new Float64Array(N);

  /** Evaluates derivatives, residuals and the Hessian diagonal at the current point. */
  const evaluate = (): void => {
    for (let i = 0; i < n; i++) {
      const x = z[i] * X;
      const f = pr.objective[i];
      if (f.both) {
        f.both(x, pair);
        g1[i] = pair[0];
        H[i] = -pair[1] * X;
      } else {
        g1[i] = f.d1(x);
        H[i] = -f.d2(x) * X;
      }
    }
    for (let j = n; j < N; j++) H[j] = 0;
    for (let k = 0; k < mN; k++) {
      const yk = Math.max(0, y[mL + k]);
      const fns = pr.concave[k].fns;
      let v = pr.concave[k].constant / X;
      for (let i = 0; i < n; i++) {
        const x = z[i] * X;
        v += fns[i].value(x) / X;
        gk1[k * n + i] = fns[i].d1(x);
        if (yk > 0) H[i] -= yk * fns[i].d2(x) * X;
      }
      rp[mL + k] = v - z[n + slackOf[mL + k]];
    }
    for (let k = 0; k < mL; k++) {
      const r = pr.linear[k];
      let v = 0;
      for (let j = 0; j < r.idx.length; j++) v += r.coef[j] * z[r.idx[j]];
      rp[k] = slackOf[k] >= 0 ? v - z[n + slackOf[k]] : v - r.lo / X;
    }
    // r_d = ∇F − Jᵀy − zl + zu with F = −Σφ.
    for (let i = 0; i < n; i++) {
      let v = -g1[i];
      for (let p = colStart[i]; p < colStart[i + 1]; p++) v -= y[colRow[p]] * colCoef[p];
      for (let k = 0; k < mN; k++) v -= y[mL + k] * gk1[k * n + i];
      rd[i] = v - zl[i] + zu[i];
    }
    for (let r = 0; r < m; r++) {
      const s = slackOf[r];
      if (s >= 0) rd[n + s] = y[r] - zl[n + s] + zu[n + s];
    }
  };

  /** (J D⁻¹ Jᵀ) factorised into M: per variable, the products of the rows it is in (lower triangle). */
  const factor = (): void => {
    M.fill(0);
    for (let i = 0; i < n; i++) {
      const inv = 1 / D[i];
      if (inv === 0) continue;
      const s0 = colStart[i];
      const e0 = colStart[i + 1];
      for (let a = s0; a < e0; a++) {
        const ra = colRow[a];
        const ca = colCoef[a] * inv;
        for (let b = s0; b <= a; b++) {
          const rb = colRow[b];
          const v = ca * colCoef[b];
          if (ra >= rb) M[ra * m + rb] += v;
          else M[rb * m + ra] += v;
        }
      }
      // Concave rows come after the linear ones, so their entries are below the diagonal already.
      for (let k = 0; k < mN; k++) {
        const gk = gk1[k * n + i];
        if (gk === 0) continue;
        const rk = (mL + k) * m;
        const ck = gk * inv;
        for (let a = s0; a < e0; a++) M[rk + colRow[a]] += ck * colCoef[a];
        for (let k2 = 0; k2 <= k; k2++) M[rk + mL + k2] += ck * gk1[k2 * n + i];
      }
    }
    for (let r = 0; r < m; r++) {
      const s = slackOf[r];
      if (s >= 0) M[r * m + r] += 1 / D[n + s];
    }
    cholesky(M, m);
  };

  /** J·v for v over all variables. */
  const jTimes = (v: Float64Array, out: Float64Array): void => {
    for (let k = 0; k < mL; k++) {
      const r = pr.linear[k];
      let s = 0;
      for (let j = 0; j < r.idx.length; j++) s += r.coef[j] * v[r.idx[j]];
      if (slackOf[k] >= 0) s -= v[n + slackOf[k]];
      out[k] = s;
    }
    for (let k = 0; k < mN; k++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += gk1[k * n + i] * v[i];
      out[mL + k] = s - v[n + slackOf[mL + k]];
    }
  };

  const tmpM = new Float64Array(m);
  const tmpN = new Float64Array(N);
  /** Newton direction for complementarity target `target` and second-order terms cL, cU. */
  const direction = (target: number, cL: Float64Array | null, cU: Float64Array | null): void => {
    for (let j = 0; j < N; j++) {
      let v = -rd[j];
      if (hasLo[j]) v += (target - (cL ? cL[j] : 0)) / (z[j] - zLo[j]) - zl[j];
      if (hasHi[j]) v -= (target - (cU ? cU[j] : 0)) / (zHi[j] - z[j]) - zu[j];
      rho[j] = v;
      tmpN[j] = v / D[j];
    }
    jTimes(tmpN, tmpM);
    for (let r = 0; r < m; r++) dy[r] = -rp[r] - tmpM[r];
    choleskySolve(M, m, dy);
    // dz = D⁻¹ (ρ + Jᵀ dy)
    for (let j = 0; j < N; j++) tmpN[j] = rho[j];
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let p = colStart[i]; p < colStart[i + 1]; p++) v += dy[colRow[p]] * colCoef[p];
      for (let k = 0; k < mN; k++) v += dy[mL + k] * gk1[k * n + i];
      tmpN[i] += v;
    }
    for (let r = 0; r < m; r++) if (slackOf[r] >= 0) tmpN[n + slackOf[r]] -= dy[r];
    for (let j = 0; j < N; j++) {
      dz[j] = pinned[j] ? 0 : tmpN[j] / D[j];
      dzl[j] = hasLo[j] ? (target - (cL ? cL[j] : 0) - (z[j] - zLo[j]) * zl[j] - zl[j] * dz[j]) / (z[j] - zLo[j]) : 0;
      dzu[j] = hasHi[j] ? (target - (cU ? cU[j] : 0) - (zHi[j] - z[j]) * zu[j] + zu[j] * dz[j]) / (zHi[j] - z[j]) : 0;
    }
  };

  const stepLengths = (): { ap: number; ad: number } => {
    let ap = 1;
    let ad = 1;
    for (let j = 0; j < N; j++) {
      if (hasLo[j] && dz[j] < 0) ap = Math.min(ap, -(z[j] - zLo[j]) / dz[j]);
      if (hasHi[j] && dz[j] > 0) ap = Math.min(ap, (zHi[j] - z[j]) / dz[j]);
      if (hasLo[j] && dzl[j] < 0) ad = Math.min(ad, -zl[j] / dzl[j]);
      if (hasHi[j] && dzu[j] < 0) ad = Math.min(ad, -zu[j] / dzu[j]);
    }
    return { ap, ad };
  };

  const complementarity = (): { mu: number; count: number } => {
    let s = 0;
    let count = 0;
    for (let j = 0; j < N; j++) {
      if (hasLo[j]) {
        s += (z[j] - zLo[j]) * zl[j];
        count++;
      }
      if (hasHi[j]) {
        s += (zHi[j] - z[j]) * zu[j];
        count++;
      }
    }
    return { mu: count > 0 ? s / count : 0, count };
  };

  const good = { z: new Float64Array(N), zl: new Float64Array(N), zu: new Float64Array(N), y: new Float64Array(m), pRes: Infinity, dRes: Infinity, converged: false };
  let iterations = 0;
  let converged = false;
  let pRes = Infinity;
  let dRes = Infinity;
  for (; iterations < MAX_ITERATIONS; iterations++) {
    evaluate();
    const { mu } = complementarity();
    pRes = 0;
    for (let r = 0; r < m; r++) pRes = Math.max(pRes, Math.abs(rp[r]));
    dRes = 0;
    for (let j = 0; j < N; j++) if (!pinned[j]) dRes = Math.max(dRes, Math.abs(rd[j]));
    // Stationarity relative to the largest marginal return (a concave hill near zero spend is steep).
    let gScale = 1;
    for (let i = 0; i < n; i++) if (Number.isFinite(g1[i])) gScale = Math.max(gScale, Math.abs(g1[i]));
    if (!(Number.isFinite(pRes) && Number.isFinite(dRes) && Number.isFinite(mu))) {
      // A step left the floating-point range: go back to the last good point.
      z.set(good.z);
      zl.set(good.zl);
      zu.set(good.zu);
      y.set(good.y);
      pRes = good.pRes;
      dRes = good.dRes;
      converged = good.converged;
      break;
    }
    good.z.set(z);
    good.zl.set(zl);
    good.zu.set(zu);
    good.y.set(y);
    good.pRes = pRes;
    good.dRes = dRes;
    if (pRes <= 1e-11 && dRes <= 1e-9 * gScale && mu <= 1e-13) {
      converged = true;
      break;
    }
    // Complementarity at the end of double precision: no step can improve the point any more.
    if (mu <= 1e-18) {
      converged = pRes <= 1e-9 && dRes <= 1e-6 * gScale;
      good.converged = converged;
      break;
    }
    for (let j = 0; j < N; j++) {
      if (pinned[j]) {
        D[j] = Infinity;
        continue;
      }
      let d = H[j] + 1e-13;
      if (hasLo[j]) d += zl[j] / (z[j] - zLo[j]);
      if (hasHi[j]) d += zu[j] / (zHi[j] - z[j]);
      D[j] = d;
    }
    factor();
    // Predictor: the pure Newton step towards complementarity 0.
    direction(0, null, null);
    const aff = stepLengths();
    let muAff = 0;
    let count = 0;
    for (let j = 0; j < N; j++) {
      const zj = z[j] + aff.ap * dz[j];
      if (hasLo[j]) {
        muAff += (zj - zLo[j]) * (zl[j] + aff.ad * dzl[j]);
        count++;
      }
      if (hasHi[j]) {
        muAff += (zHi[j] - zj) * (zu[j] + aff.ad * dzu[j]);
        count++;
      }
    }
    muAff = count > 0 ? muAff / count : 0;
    const sigma = mu > 0 ? Math.min(1, Math.pow(muAff / mu, 3)) : 0;
    affZ.set(dz);
    for (let j = 0; j < N; j++) {
      affL[j] = affZ[j] * dzl[j];
      affU[j] = -affZ[j] * dzu[j];
    }
    // Corrector: centring plus the second-order term of the predictor.
    direction(sigma * mu, affL, affU);
    const { ap, ad } = stepLengths();
    const tp = Math.min(1, 0.995 * ap);
    const td = Math.min(1, 0.995 * ad);
    for (let j = 0; j < N; j++) {
      z[j] += tp * dz[j];
      zl[j] += td * dzl[j];
      zu[j] += td * dzu[j];
    }
    for (let r = 0; r < m; r++) y[r] += td * dy[r];
  }

  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = Math.min(pr.hi[i], Math.max(pr.lo[i], z[i] * X));
  const linearMultipliers = new Float64Array(mL);
  for (let k = 0; k < mL; k++) linearMultipliers[k] = -y[k];
  const concaveMultipliers = new Float64Array(mN);
  for (let k = 0; k < mN; k++) concaveMultipliers[k] = Math.max(0, y[mL + k]);
  return { x, linearMultipliers, concaveMultipliers, iterations, primalResidual: pRes * X, dualResidual: dRes, converged };
}

/**
 * A proven upper bound of max over [lo, hi] of a concave h: a few Newton steps from `start` towards
 * h' = 0 (kept inside the interval), then the tangent there, which lies above h everywhere.
 */
function boxMax(h: (x: number) => number, h1: (x: number) => number, h2: (x: number) => number, lo: number, hi: number, start: number): number {
  let x = Math.min(hi, Math.max(lo, start));
  for (let k = 0; k < 3; k++) {
    const d = h1(x);
    const c = h2(x);
    if (!(c < 0) || !Number.isFinite(d)) break;
    const next = Math.min(hi, Math.max(lo, x - d / c));
    if (next === x) break;
    x = next;
  }
  const v = h(x);
  const d = h1(x);
  if (!Number.isFinite(d)) return v;
  // h rises at x: it peaks before the first point x2 where it falls (concave), so h ≤ v + d·(x2 − x)
  // up to x2 and h ≤ h(x2) ≤ that beyond. Look for x2 close to x, doubling the step.
  if (d > 0) {
    let end = hi;
    for (let step = 1e-9 * Math.max(1, Math.abs(x)); step < 1e300 && x + step < hi; step *= 4) {
      if (h1(x + step) < 0) {
        end = x + step;
        break;
      }
    }
    return end === Infinity ? Infinity : v + d * (end - x);
  }
  if (d < 0 && lo < x) {
    let end = lo;
    for (let step = 1e-9 * Math.max(1, Math.abs(x)); step < 1e300 && x - step > lo; step *= 4) {
      if (h1(x - step) > 0) {
        end = x - step;
        break;
      }
    }
    return v + d * (end - x);
  }
  return v;
}

/** The dual bound of the certificate (see the file comment): ≥ the optimum whatever the multipliers. */
export function dualBound(pr: ConstrainedProblem, sol: Pick<ConstrainedSolution, 'x' | 'linearMultipliers' | 'concaveMultipliers'>): number {
  const n = pr.lo.length;
  const pi = Float64Array.from(sol.linearMultipliers);
  let bound = 0;
  pr.linear.forEach((r, k) => {
    // A one-sided row admits only multipliers of one sign; the other sign would make the bound infinite.
    if (r.hi === Infinity && pi[k] > 0) pi[k] = 0;
    if (r.lo === -Infinity && pi[k] < 0) pi[k] = 0;
    bound += pi[k] > 0 ? pi[k] * r.hi : pi[k] < 0 ? pi[k] * r.lo : 0;
  });
  const nu = sol.concaveMultipliers;
  const p = new Float64Array(n);
  pr.linear.forEach((r, k) => {
    if (pi[k] !== 0) for (let j = 0; j < r.idx.length; j++) p[r.idx[j]] += pi[k] * r.coef[j];
  });
  for (let k = 0; k < nu.length; k++) bound += nu[k] * pr.concave[k].constant;
  for (let i = 0; i < n; i++) {
    const f = pr.objective[i];
    const rows = pr.concave;
    const h = (x: number): number => {
      let v = f.value(x) - p[i] * x;
      for (let k = 0; k < nu.length; k++) if (nu[k] > 0) v += nu[k] * rows[k].fns[i].value(x);
      return v;
    };
    const h1 = (x: number): number => {
      let v = f.d1(x) - p[i];
      for (let k = 0; k < nu.length; k++) if (nu[k] > 0) v += nu[k] * rows[k].fns[i].d1(x);
      return v;
    };
    const h2 = (x: number): number => {
      let v = f.d2(x);
      for (let k = 0; k < nu.length; k++) if (nu[k] > 0) v += nu[k] * rows[k].fns[i].d2(x);
      return v;
    };
    bound += boxMax(h, h1, h2, pr.lo[i], pr.hi[i], sol.x[i]);
  }
  return bound;
}
