import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bgnbdConditionalExpectedPurchases, bgnbdLogLikelihood, bgnbdProbabilityAlive, fitBgNbd, type BgNbdData, type BgNbdParams } from '../../../src/engine/customers/bgnbd';
import { customerClv, customerPredictionSteps, discountedClv, MONTH_IN_UNITS } from '../../../src/engine/customers/clv';
import { clvPatterns, clvSummary, clvSummaryByCustomer, DAYS_PER_UNIT, type ClvSummary, type PurchasePeriod, type TimeUnit } from '../../../src/engine/customers/clvSummary';
import { firstChannel } from '../../../src/engine/customers/cohorts';
import { rowsByCustomer, type Transactions } from '../../../src/engine/customers/columns';
import { distinctGroups } from '../../../src/engine/customers/distinct';
import { fitGammaGamma, gammaGammaExpectedSpend, gammaGammaObjective, gammaGammaLogLikelihood, type GammaGammaParams } from '../../../src/engine/customers/gammaGamma';
import { minimizeBfgs } from '../../../src/engine/customers/minimize';
import { digamma, lgamma, logAddExp } from '../../../src/engine/customers/special';
import { gammaVariate, mulberry32 } from '../../../src/engine/random';

// The grouped paths (terms computed once per distinct frequency, T or recency; predictions once per
// distinct (frequency, T)) against plain references that take every pattern and customer on its
// own. Where the grouped code evaluates the same expressions in the same order the tolerance is zero:
// every number must be the same double. The Gamma-Gamma objective sums its per-buyer terms per
// frequency instead, so it is held to rounding.

/**
 * ln(eᵃ + eᵇ) and the two terms' shares eᵃ / (eᵃ + eᵇ), eᵇ / (eᵃ + eᵇ) from one exponential, the
 * arithmetic of the BG/NBD objective's mixture term (bgnbd.ts): e = e^(min − max), the larger term's
 * share 1 / (1 + e), the smaller's e / (1 + e).
 */
function logSumShares(a: number, b: number): [number, number, number] {
  const e = Math.exp(-Math.abs(a - b));
  const larger = 1 / (1 + e);
  return [(a > b ? a : b) + Math.log1p(e), a > b ? larger : e * larger, a > b ? e * larger : larger];
}

/** The plain BG/NBD objective: every lnΓ, ψ and log evaluated per pattern. */
function plainBgNbdObjective(data: BgNbdData, scale: number, penalizer = 0) {
  const n = data.frequency.length;
  let totalWeight = 0;
  for (let i = 0; i < n; i++) totalWeight += data.weights ? data.weights[i] : 1;
  return (theta: Float64Array, gradient: Float64Array): number => {
    const [r, alpha, a, b] = Array.from(theta, Math.exp);
    const logAlpha = Math.log(alpha);
    let ll = 0;
    let dr = 0;
    let dAlpha = 0;
    let da = 0;
    let db = 0;
    for (let i = 0; i < n; i++) {
      const w = data.weights ? data.weights[i] : 1;
      if (w === 0) continue;
      const x = data.frequency[i];
      const rx = r + x;
      const logAT = Math.log(alpha + data.T[i] * scale);
      const a3 = -rx * logAT;
      let a4 = -Infinity;
      let logAR = 0;
      if (x > 0) {
        logAR = Math.log(alpha + data.recency[i] * scale);
        a4 = Math.log(a) - Math.log(b + x - 1) - rx * logAR;
      }
      // With a repeat purchase the mixture term and its weights as the engine writes them out (one
      // exponential; logSumShares is held to the definition below), without one the term is A₃ alone.
      const [tail, w3, w4] = x > 0 ? logSumShares(a3, a4) : [logAddExp(a3, a4), Math.exp(a3 - logAddExp(a3, a4)), 0];
      ll += w * (lgamma(rx) - lgamma(r) + r * logAlpha + lgamma(a + b) + lgamma(b + x) - lgamma(b) - lgamma(a + b + x) + tail);
      const psiABX = digamma(a + b + x);
      dr += w * (digamma(rx) - digamma(r) + logAlpha - w3 * logAT - w4 * logAR);
      dAlpha += w * (r / alpha - (w3 * rx) / (alpha + data.T[i] * scale) - (x > 0 ? (w4 * rx) / (alpha + data.recency[i] * scale) : 0));
      da += w * (digamma(a + b) - psiABX + w4 / a);
      db += w * (digamma(a + b) + digamma(b + x) - digamma(b) - psiABX - (x > 0 ? w4 / (b + x - 1) : 0));
    }
    gradient[0] = (-dr * r) / totalWeight + 2 * penalizer * r * r;
    gradient[1] = (-dAlpha * alpha) / totalWeight + 2 * penalizer * alpha * alpha;
    gradient[2] = (-da * a) / totalWeight + 2 * penalizer * a * a;
    gradient[3] = (-db * b) / totalWeight + 2 * penalizer * b * b;
    return -ll / totalWeight + penalizer * (r * r + alpha * alpha + a * a + b * b);
  };
}

function plainBgNbdFit(data: BgNbdData): { params: BgNbdParams; logLikelihood: number } {
  const scale = 1 / Math.max(...Array.from(data.T));
  const result = minimizeBfgs(plainBgNbdObjective(data, scale), [0.1, 0.1, 0.1, 0.1], { gradientTolerance: 1e-7 });
  const [r, alphaScaled, a, b] = Array.from(result.x, Math.exp);
  const params = { r, alpha: alphaScaled / scale, a, b };
  let logLikelihood = 0;
  for (let i = 0; i < data.frequency.length; i++) {
    const w = data.weights ? data.weights[i] : 1;
    if (w !== 0) logLikelihood += w * bgnbdLogLikelihood(params, data.frequency[i], data.recency[i], data.T[i]);
  }
  return { params, logLikelihood };
}

/** The plain Gamma-Gamma fit: every lnΓ, ψ and log per repeat buyer, in buyer order. */
function plainGammaGammaObjective(frequency: Float64Array, monetary: Float64Array, weights?: Float64Array, penalizer = 0) {
  const used = Array.from(frequency.keys()).filter((i) => frequency[i] > 0 && monetary[i] > 0 && (!weights || weights[i] > 0));
  const x = used.map((i) => frequency[i]);
  const m = used.map((i) => monetary[i]);
  const w = used.map((i) => (weights ? weights[i] : 1));
  const totalWeight = w.reduce((a, b) => a + b, 0);
  const objective = (theta: Float64Array, gradient: Float64Array): number => {
    const [p, q, v] = Array.from(theta, Math.exp);
    let ll = 0;
    let dp = 0;
    let dq = 0;
    let dv = 0;
    for (let i = 0; i < x.length; i++) {
      const px = p * x[i];
      const logXMV = Math.log(x[i] * m[i] + v);
      ll += w[i] * (lgamma(px + q) - lgamma(px) - lgamma(q) + q * Math.log(v) + (px - 1) * Math.log(m[i]) + px * Math.log(x[i]) - (px + q) * logXMV);
      dp += w[i] * x[i] * (digamma(px + q) - digamma(px) + Math.log(m[i]) + Math.log(x[i]) - logXMV);
      dq += w[i] * (digamma(px + q) - digamma(q) + Math.log(v) - logXMV);
      dv += w[i] * (q / v - (px + q) / (x[i] * m[i] + v));
    }
    gradient[0] = (-dp * p) / totalWeight + 2 * penalizer * p * p;
    gradient[1] = (-dq * q) / totalWeight + 2 * penalizer * q * q;
    gradient[2] = (-dv * v) / totalWeight + 2 * penalizer * v * v;
    return -ll / totalWeight + penalizer * (p * p + q * q + v * v);
  };
  return { objective, x, m, w };
}

function plainGammaGammaFit(frequency: Float64Array, monetary: Float64Array, weights?: Float64Array): { params: GammaGammaParams; logLikelihood: number } {
  const { objective, x, m, w } = plainGammaGammaObjective(frequency, monetary, weights);
  const result = minimizeBfgs(objective, [0.1, 0.1, 0.1], { gradientTolerance: 1e-7 });
  const [p, q, v] = Array.from(result.x, Math.exp);
  const params = { p, q, v };
  let logLikelihood = 0;
  for (let i = 0; i < x.length; i++) logLikelihood += w[i] * gammaGammaLogLikelihood(params, x[i], m[i]);
  return { params, logLikelihood };
}

/** A fit's result, or the message it failed with (both paths must fail alike). */
function outcome<T>(f: () => T): { value: T | null; error: string | null } {
  try {
    return { value: f(), error: null };
  } catch (e) {
    return { value: null, error: String(e) };
  }
}

/** The present customers' frequency and spend, with weights drawn from `weightDraws` (some 0) when given. */
function gammaGammaInput(summary: ClvSummary, weightDraws: number[] | null) {
  const present = Array.from(summary.present.keys()).filter((c) => summary.present[c]);
  return {
    frequency: Float64Array.from(present, (c) => summary.frequency[c]),
    monetary: Float64Array.from(present, (c) => summary.monetary[c]),
    weights: weightDraws ? Float64Array.from(present, (_, i) => weightDraws[i % weightDraws.length]) : undefined,
  };
}

/**
 * The grouped Gamma-Gamma objective's value and gradient at log-parameters θ against the plain
 * per-buyer sum's: the same terms summed in another order, so equal to rounding. The tolerance is
 * relative to the likelihood part (the penalty is the same expression in both, and at large θ it
 * would dwarf any difference in the sums).
 */
function expectSameObjective(input: ReturnType<typeof gammaGammaInput>, penalizer: number, theta: readonly number[]): void {
  const { frequency, monetary, weights } = input;
  const plain = plainGammaGammaObjective(frequency, monetary, weights, penalizer);
  const grouped = gammaGammaObjective({ frequency, monetary, weights }, penalizer);
  const at = Float64Array.from(theta);
  const gPlain = new Float64Array(3);
  const gGrouped = new Float64Array(3);
  const fPlain = plain.objective(at, gPlain);
  const fGrouped = grouped(at, gGrouped);
  const params = theta.map(Math.exp);
  const size = 1 + Math.abs(fPlain - penalizer * params.reduce((a, v) => a + v * v, 0));
  expect(Math.abs(fGrouped - fPlain)).toBeLessThanOrEqual(1e-11 * size);
  for (let j = 0; j < 3; j++) {
    const likelihoodPart = gPlain[j] - 2 * penalizer * params[j] * params[j];
    expect(Math.abs(gGrouped[j] - gPlain[j])).toBeLessThanOrEqual(1e-11 * (1 + Math.abs(likelihoodPart) + size * params[j]));
  }
}

/** Customer histories in whole days, as clvSummary makes them: frequency ≤ recency days ≤ T days. */
const summaryArb = fc
  .record({
    unit: fc.constantFrom<TimeUnit>('days', 'weeks'),
    customers: fc.array(
      fc.record({
        present: fc.boolean(),
        ageDays: fc.integer({ min: 1, max: 120 }),
        recencyShare: fc.double({ min: 0, max: 1, noNaN: true }),
        repeatShare: fc.double({ min: 0, max: 1, noNaN: true }),
        spend: fc.integer({ min: 100, max: 50_000 }),
      }),
      { minLength: 1, maxLength: 150 },
    ),
  })
  .map(({ unit, customers }): ClvSummary => {
    const perUnit = DAYS_PER_UNIT[unit];
    const recencyDays = customers.map((c) => Math.floor(c.recencyShare * c.ageDays));
    const frequency = Float64Array.from(customers, (c, i) => (recencyDays[i] === 0 ? 0 : 1 + Math.floor(c.repeatShare * Math.min(recencyDays[i] - 1, 12))));
    return {
      unit,
      present: Uint8Array.from(customers, (c, i) => (c.present || i === 0 ? 1 : 0)),
      frequency,
      recency: Float64Array.from(recencyDays, (d) => d / perUnit),
      T: Float64Array.from(customers, (c) => c.ageDays / perUnit),
      monetary: Float64Array.from(customers, (c, i) => (frequency[i] > 0 ? c.spend / 100 : 0)),
    };
  });

const paramsArb = fc.record({
  r: fc.double({ min: 0.05, max: 5, noNaN: true }),
  alpha: fc.double({ min: 0.5, max: 50, noNaN: true }),
  a: fc.double({ min: 0.05, max: 3, noNaN: true }),
  b: fc.double({ min: 0.05, max: 10, noNaN: true }),
});

describe('CLV on grouped histories equals the plain per-customer computation', () => {
  it('distinctGroups puts exactly the equal (a, b) pairs together', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.constantFrom(0, -0, 0.5, 1e300, NaN)), { maxLength: 60 }), fc.array(fc.boolean(), { maxLength: 60 }), (pairs, keep) => {
        const a = Float64Array.from(pairs, (p) => p[0]);
        const b = Float64Array.from(pairs, (p) => p[1]);
        const include = Uint8Array.from(pairs, (_, i) => (keep[i] === false ? 0 : 1));
        const groups = distinctGroups(a, b, include);
        for (let i = 0; i < pairs.length; i++) {
          if (!include[i]) {
            expect(groups.group[i]).toBe(-1);
            continue;
          }
          const f = groups.first[groups.group[i]];
          if (Number.isNaN(b[i])) expect(f).toBe(i);
          else expect(a[f] === a[i] && b[f] === b[i]).toBe(true);
          // Every item equal to an earlier one joins that one's group (NaN equals nothing).
          for (let j = 0; j < i; j++) if (include[j] && a[j] === a[i] && b[j] === b[i]) expect(groups.group[j]).toBe(groups.group[i]);
        }
        expect(groups.count).toBe(new Set(groups.group.filter((g) => g >= 0)).size);
      }),
    );
  });

  it('predictions: P(alive), expected purchases and discounted CLV per customer, to the last bit', () => {
    fc.assert(
      fc.property(summaryArb, paramsArb, fc.integer({ min: 1, max: 36 }), fc.constantFrom(0, 0.01, 0.05), fc.option(fc.double({ min: 0, max: 200, noNaN: true })), (summary, bg, months, discountRate, purchaseHorizon) => {
        const gg = { p: 6.25, q: 3.74, v: 15.44 };
        const options = { months, discountRate, ...(purchaseHorizon === null ? {} : { purchaseHorizon }) };
        const out = customerClv(bg, gg, summary, options);
        const horizon = purchaseHorizon ?? months * MONTH_IN_UNITS[summary.unit];
        for (let c = 0; c < summary.present.length; c++) {
          if (!summary.present[c]) {
            expect([out.probabilityAlive[c], out.expectedPurchases[c], out.expectedSpend[c], out.clv[c]]).toEqual([0, 0, 0, 0]);
            continue;
          }
          const [x, recency, T] = [summary.frequency[c], summary.recency[c], summary.T[c]];
          const spend = gammaGammaExpectedSpend(gg, x, summary.monetary[c]);
          expect(out.probabilityAlive[c]).toBe(bgnbdProbabilityAlive(bg, x, recency, T));
          expect(out.expectedPurchases[c]).toBe(bgnbdConditionalExpectedPurchases(bg, horizon, x, recency, T));
          expect(out.expectedSpend[c]).toBe(spend);
          expect(out.clv[c]).toBe(discountedClv(bg, spend, x, recency, T, summary.unit, months, discountRate));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the BG/NBD mixture term from one exponential: logAddExp to the bit, its weights exp(A − sum) to rounding', () => {
    const value = fc.oneof(fc.double({ min: -800, max: 800, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true }), fc.constantFrom(0, -0, 745.2, -745.2, 1e-300));
    fc.assert(
      fc.property(value, value, fc.boolean(), (a, bIn, same) => {
        const b = same ? a : bIn;
        const [sum, first, second] = logSumShares(a, b);
        const log = logAddExp(a, b);
        expect(Object.is(sum, log)).toBe(true);
        // exp(a − log) carries the rounding of a − log, about ε·(|a| + |log|) relative; the shares
        // carry a few ε of their own.
        const tolerance = 4e-16 * (8 + Math.abs(a) + Math.abs(b) + Math.abs(log));
        for (const [share, x] of [[first, a], [second, b]]) {
          const direct = Math.exp(x - log);
          expect(Math.abs(share - direct)).toBeLessThanOrEqual(tolerance * direct + 1e-300);
        }
        expect(Math.abs(first + second - 1)).toBeLessThanOrEqual(4e-16);
      }),
      { numRuns: 2000 },
    );
  });

  it('BG/NBD fit on distinct patterns with weights: the plain per-pattern fit’s estimate, and the per-customer log-likelihood', () => {
    fc.assert(
      fc.property(summaryArb, (summary) => {
        const patterns = clvPatterns(summary);
        if (!patterns.T.some((t) => t > 0)) return;
        const plain = outcome(() => plainBgNbdFit(patterns));
        const grouped = outcome(() => fitBgNbd(patterns));
        expect(grouped.error).toBe(plain.error);
        if (!grouped.value || !plain.value) return;
        const fit = grouped.value;
        expect(fit.params).toEqual(plain.value.params);
        expect(fit.logLikelihood).toBe(plain.value.logLikelihood);
        // The sum over patterns with weights is the sum over customers, up to the order of addition.
        let perCustomer = 0;
        for (let c = 0; c < summary.present.length; c++) {
          if (summary.present[c]) perCustomer += bgnbdLogLikelihood(fit.params, summary.frequency[c], summary.recency[c], summary.T[c]);
        }
        if (Number.isFinite(perCustomer)) expect(Math.abs(fit.logLikelihood - perCustomer)).toBeLessThanOrEqual(1e-9 * Math.abs(perCustomer));
      }),
      { numRuns: 40 },
    );
  });

  it('Gamma-Gamma objective summed per distinct frequency: the plain per-buyer value and gradient at any point, weighted or not (a few buyers)', () => {
    fc.assert(
      fc.property(
        summaryArb,
        fc.option(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 7 })),
        fc.array(fc.double({ min: -4, max: 6, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.constantFrom(0, 0.1),
        (summary, weightDraws, theta, penalizer) => {
          const input = gammaGammaInput(summary, weightDraws);
          if (plainGammaGammaObjective(input.frequency, input.monetary, input.weights).x.length === 0) return;
          expectSameObjective(input, penalizer, theta);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('Gamma-Gamma fit: the plain per-buyer fit’s estimate, on buyers drawn from the model', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer(),
          buyers: fc.integer({ min: 500, max: 1500 }),
          p: fc.double({ min: 1.5, max: 10, noNaN: true }),
          q: fc.double({ min: 3, max: 8, noNaN: true }),
          v: fc.double({ min: 5, max: 40, noNaN: true }),
          weighted: fc.boolean(),
          theta: fc.array(fc.double({ min: -2, max: 4, noNaN: true }), { minLength: 3, maxLength: 3 }),
        }),
        ({ seed, buyers, p, q, v, weighted, theta }) => {
          // Fader & Hardie's generative story: each buyer's spend rate ν ~ Gamma(q, v), and the mean
          // of x transactions' spend ~ Gamma(px, xν). A few buyers have no repeats (left out).
          const rand = mulberry32(seed);
          const frequency = new Float64Array(buyers);
          const monetary = new Float64Array(buyers);
          const weights = new Float64Array(buyers);
          for (let i = 0; i < buyers; i++) {
            const x = Math.floor(rand() * 12);
            const nu = gammaVariate(rand, q) / v;
            frequency[i] = x;
            monetary[i] = x > 0 ? gammaVariate(rand, p * x) / (x * nu) : 0;
            weights[i] = Math.floor(rand() * 4);
          }
          const w = weighted ? weights : undefined;
          // Hundreds of buyers per frequency here (the random histories above have a few): the
          // regrouped sums still agree to rounding.
          expectSameObjective({ frequency, monetary, weights: w }, 0, theta);
          const grouped = fitGammaGamma({ frequency, monetary, weights: w });
          const plain = plainGammaGammaFit(frequency, monetary, w);
          // Some samples leave q and v on a ridge towards infinity (the estimate runs to thousands or
          // far beyond): where BFGS stops along it is down to rounding, for either sum. Where the
          // sample pins the parameters down (the estimate near the truth), both stop where
          // max |gradient| ≤ 1e-7: at the same log-likelihood to 1e-8 (seen: 2.5e-9) and the same
          // parameters to 1e-4.
          const truth = { p, q, v };
          if ((['p', 'q', 'v'] as const).some((key) => !(plain.params[key] < 3 * truth[key] && plain.params[key] > truth[key] / 3))) return;
          compared++;
          expect(Math.abs(grouped.logLikelihood - plain.logLikelihood)).toBeLessThanOrEqual(1e-8 * Math.abs(plain.logLikelihood));
          for (const key of ['p', 'q', 'v'] as const) {
            expect(Math.abs(grouped.params[key] - plain.params[key])).toBeLessThanOrEqual(1e-4 * plain.params[key]);
          }
        },
      ),
      { numRuns: 30 },
    );
    expect(compared).toBeGreaterThanOrEqual(15);
  });

  it('Gamma-Gamma fit fails alike on any history: no repeat buyer, or no finite start', () => {
    fc.assert(
      fc.property(summaryArb, fc.option(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 7 })), (summary, weightDraws) => {
        const { frequency, monetary, weights } = gammaGammaInput(summary, weightDraws);
        const grouped = outcome(() => fitGammaGamma({ frequency, monetary, weights }));
        const plain = outcome(() => plainGammaGammaFit(frequency, monetary, weights));
        if (plainGammaGammaObjective(frequency, monetary, weights).x.length === 0) {
          expect(grouped.error).toBe('RangeError: Gamma-Gamma needs customers with repeat purchases');
        } else {
          expect(grouped.error).toBe(plain.error);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('reports progress between blocks of customers', () => {
    const k = 50_000;
    const summary: ClvSummary = {
      unit: 'days',
      present: new Uint8Array(k).fill(1),
      frequency: Float64Array.from({ length: k }, (_, c) => c % 5),
      recency: Float64Array.from({ length: k }, (_, c) => (c % 5) * 3),
      T: Float64Array.from({ length: k }, (_, c) => 20 + (c % 200)),
      monetary: new Float64Array(k).fill(10),
    };
    const steps = customerPredictionSteps({ r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 }, summary, new Float64Array(k).fill(10));
    const reports: number[] = [];
    for (let s = steps.next(); !s.done; s = steps.next()) reports.push(s.value);
    expect(reports.length).toBeGreaterThanOrEqual(2);
    expect(reports.every((done, i) => done < k && (i === 0 || done > reports[i - 1]))).toBe(true);
  });
});

describe('one pass over rows in date order equals the sorted per-customer path', () => {
  const rowsArb = fc.array(fc.record({ c: fc.integer({ min: 0, max: 6 }), d: fc.integer({ min: 0, max: 40 }), a: fc.integer({ min: -50, max: 500 }), ch: fc.integer({ min: 0, max: 3 }) }), { maxLength: 80 });
  const toTx = (rows: { c: number; d: number; a: number; ch: number }[]): Transactions => ({
    customer: Int32Array.from(rows, (r) => r.c),
    day: Int32Array.from(rows, (r) => r.d),
    amount: Float64Array.from(rows, (r) => r.a / 7),
    channel: Int32Array.from(rows, (r) => r.ch),
    channelCount: 4,
    customerCount: 7,
  });

  it('clvSummary, rows in date order or not, by day or by week', () => {
    fc.assert(
      fc.property(rowsArb, fc.boolean(), fc.integer({ min: 0, max: 45 }), fc.constantFrom<PurchasePeriod>('day', 'week'), fc.constantFrom<TimeUnit>('days', 'weeks'), (rows, sorted, end, period, unit) => {
        const tx = toTx(sorted ? [...rows].sort((x, y) => x.d - y.d) : rows);
        const options = { observationEndDay: end, period, unit };
        expect(clvSummary(tx, options)).toEqual(clvSummaryByCustomer(tx, options));
      }),
    );
  });

  it('firstChannel: the channel of the first row in (day, row) order', () => {
    fc.assert(
      fc.property(rowsArb, fc.integer({ min: 0, max: 45 }), (rows, end) => {
        const tx = toTx(rows);
        const { offsets, rows: grouped } = rowsByCustomer(tx, end);
        const expected = Array.from({ length: 7 }, (_, c) => (offsets[c + 1] > offsets[c] ? tx.channel![grouped[offsets[c]]] : -1));
        expect(Array.from(firstChannel(tx, end))).toEqual(expected);
      }),
    );
  });
});
