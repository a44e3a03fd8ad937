/**
 * Expected repeat purchases of the BG/NBD model, evaluated as a series of positive terms so that it
 * is accurate over the whole parameter space.
 *
 * The published closed form (Fader, Hardie & Lee 2005, eq. 9)
 *
 *   E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r · ₂F₁(r, b; a+b−1; t/(α+t))]
 *
 * breaks down in two places real fits reach: for a + b < 1 the third parameter of ₂F₁ is negative,
 * the function itself turns negative and its logarithm (how lifetimes and earlier versions of this
 * code evaluate it) is NaN; at a = 1 both factors vanish (0/0), and near it the bracket is the
 * difference of two almost equal numbers.
 *
 * The series here follows the model's own story instead. Given λ, a customer has purchase
 * opportunities N(t) ~ Poisson(λt) and is still active at the k-th with probability (1−p)^(k−1);
 * over λ ~ Gamma(r, α), N(t) is negative binomial, and over p ~ Beta(a, b)
 * E[(1−p)^(k−1)] = (b)_(k−1) / (a+b)_(k−1) =: Wₖ. So
 *
 *   E[X(t)] = Σ_{j≥1} P(N(t) = j) · Cⱼ,   Cⱼ = W₁ + … + Wⱼ,
 *
 * every term positive, no division by a − 1, and as b → ∞ or a → 0 (no dropout) Wₖ → 1 and the sum
 * tends to E[N(t)] = r·t/α, as it should. Summation starts at the mode of P(N = j) (its value from
 * lgamma, so neither q^r nor a large peak can under- or overflow) and runs both ways until the
 * remaining terms are below 1e-17 of the sum. Cost: about (mean + a few standard deviations of
 * N(t)) terms — the customer's expected purchase opportunities over the horizon.
 *
 * The conditional expectation for a customer with history (x, tₓ, T) is P(alive) times this with
 * r + x, α + T, a, b + x (the posterior of λ and p given that the customer is alive at T).
 */
import { lgamma } from './special';

const RELATIVE_TOLERANCE = 1e-17;
/** A safety stop far beyond any realistic horizon (t / (α + T) of 10⁵ and more). */
const MAX_TERMS = 10_000_000;

/** Wₖ₊₁ / Wₖ = (b + k − 1) / (a + b + k − 1); exactly 1 when b = ∞ (no dropout). */
function survivalRatio(a: number, b: number, k: number): number {
  return b === Infinity ? 1 : (b + k - 1) / (a + b + k - 1);
}

/**
 * E[X(t)] for a customer whose purchase rate is Gamma(r, α) and whose dropout probability is
 * Beta(a, b) — FHL 2005 eq. (9) for a new customer; with (r + x, α + T, a, b + x) the expectation
 * given survival to T that eq. (10) multiplies by P(alive).
 */
export function bgnbdExpectedRepeatPurchases(r: number, alpha: number, a: number, b: number, t: number): number {
  if (!(t > 0)) return 0;
  if (!(r > 0 && alpha > 0 && a >= 0 && b > 0)) return NaN;
  const z = t / (alpha + t);
  const logZ = Math.log(z);
  // ln q with q = α / (α + t) = 1 − z, accurate when t ≪ α.
  const logQ = -Math.log1p(t / alpha);
  // Mode of the negative binomial P(N = j) ∝ (r)ⱼ/j! zʲ: the ratio of successive terms
  // (r + j) z / (j + 1) falls below 1 past it.
  const mode = Math.max(0, Math.ceil((r * z - 1) / (1 - z)));
  const logPeak = mode === 0 ? r * logQ : lgamma(r + mode) - lgamma(r) - lgamma(mode + 1) + r * logQ + mode * logZ;
  if (!Number.isFinite(logPeak)) return NaN;

  // W and C at the mode (C₀ = 0: no opportunity, no purchase).
  let w = 1;
  let c = mode >= 1 ? 1 : 0;
  for (let k = 1; k < mode; k++) {
    w *= survivalRatio(a, b, k);
    c += w;
  }
  const wAtMode = w;
  const cAtMode = c;

  // Upwards from the mode, terms p̃ⱼ = P(N = j) / P(N = mode).
  let sum = 0;
  let p = 1;
  let j = mode;
  for (let n = 0; n < MAX_TERMS; n++, j++) {
    sum += p * c;
    const ratio = ((r + j) / (j + 1)) * z;
    p *= ratio;
    // W_{j+1}: W₁ = 1, then the survival ratio.
    w = j === 0 ? 1 : w * survivalRatio(a, b, j);
    c += w;
    if (p === 0) break;
    // Past the mode every later ratio is at most ρ < 1, and C grows by at most 1 a step, so the
    // rest is at most p·(C/(1−ρ) + ρ/(1−ρ)²); checked once the next term itself is negligible.
    if (p * c <= RELATIVE_TOLERANCE * sum) {
      const rho = Math.max(ratio, z);
      if (rho < 1 && p * (c / (1 - rho) + rho / ((1 - rho) * (1 - rho))) <= RELATIVE_TOLERANCE * sum) break;
    }
  }

  // Downwards from the mode: P and C both shrink, so the first negligible term ends it.
  p = 1;
  c = cAtMode;
  w = wAtMode;
  for (let k = mode; k > 1; k--) {
    // P(N = k−1) / P(N = k) = k / ((r + k − 1) z); C_{k−1} = C_k − W_k.
    p *= k / ((r + k - 1) * z);
    c -= w;
    w /= survivalRatio(a, b, k - 1);
    const term = p * c;
    sum += term;
    if (term <= RELATIVE_TOLERANCE * sum) break;
  }
  return Math.exp(logPeak) * sum;
}
