/**
 * CLV of imported transactions: BG/NBD for purchases, Gamma-Gamma for spend (when enough customers
 * bought more than once), discounted over a horizon, summed per segment and per first channel. The
 * result says how the fits went — converged or not, and whether the BG/NBD fit sits at the model's
 * no-dropout boundary (a → 0 or b → ∞), where P(alive) is about 100 % for everyone.
 *
 * Written as steps (a generator) so that a worker can stop a superseded run between them: one per
 * optimiser iteration and one per block of customers.
 */
import { bgnbdConditionalExpectedPurchases, bgnbdProbabilityAlive, fitBgNbdSteps } from './bgnbd';
import { AnalysisError, type ClvRequest, type ClvResult, type NoSpendModel, type Segmentation } from './analysisTypes';
import { segmentAt } from './analysis';
import { discountedClv, groupTotals, MONTH_IN_UNITS } from './clv';
import { clvPatterns, clvSummary } from './clvSummary';
import { firstChannel } from './cohorts';
import { customerSummary } from './columns';
import { fitGammaGamma, gammaGammaExpectedSpend, type GammaGammaFit } from './gammaGamma';
import type { OrderData } from './orders';

/** Below this many repeat buyers the Gamma-Gamma fit says too little; spend falls back to each customer's mean order. */
const MIN_REPEAT_BUYERS = 10;
/** A mean dropout probability per purchase below this is the no-dropout boundary. */
const NO_DROPOUT = 1e-3;
const TOP_CLV = 100;
/** Customers per step of the per-customer loop. */
const BLOCK = 2000;

export interface ClvProgress {
  phase: 'fit' | 'customers';
  /** Customers done (phase 'customers'). */
  done: number;
  total: number;
}

function spendModel(summary: ReturnType<typeof clvSummary>): { fit: GammaGammaFit | null; reason: NoSpendModel | null } {
  let fit: GammaGammaFit;
  try {
    fit = fitGammaGamma(summary);
  } catch {
    return { fit: null, reason: 'fewRepeatBuyers' };
  }
  const { p, q, v } = fit.params;
  if (fit.used < MIN_REPEAT_BUYERS) return { fit: null, reason: 'fewRepeatBuyers' };
  if (![p, q, v].every(Number.isFinite)) return { fit: null, reason: 'notConverged' };
  // q ≤ 1: the model's mean spend is infinite.
  if (!(q > 1)) return { fit: null, reason: 'infiniteMean' };
  return { fit, reason: null };
}

export function* clvSteps(data: OrderData, options: ClvRequest, segmentation: Segmentation): Generator<ClvProgress, ClvResult> {
  const tx = data.orders;
  let lastDay = -Infinity;
  for (let i = 0; i < tx.day.length; i++) if (tx.day[i] > lastDay) lastDay = tx.day[i];
  const end = options.observationEndDay ?? lastDay;
  const unit = options.unit;
  const summary = clvSummary(tx, { observationEndDay: end, unit });
  const patterns = clvPatterns(summary);
  let maxT = 0;
  for (let i = 0; i < patterns.T.length; i++) maxT = Math.max(maxT, patterns.T[i]);
  if (!(maxT > 0)) throw new AnalysisError('clvNoHistory');
  const k = tx.customerCount;
  yield { phase: 'fit', done: 0, total: k };
  const fitting = fitBgNbdSteps(patterns);
  const next = () => {
    try {
      return fitting.next();
    } catch (e) {
      // The likelihood is not finite where the search starts: data the model cannot take.
      if (e instanceof RangeError) throw new AnalysisError('clvNoData');
      throw e;
    }
  };
  let step = next();
  while (!step.done) {
    yield { phase: 'fit', done: 0, total: k };
    step = next();
  }
  const bg = step.value;
  const params = bg.params;
  if (![params.r, params.alpha, params.a, params.b].every((v) => Number.isFinite(v) && v >= 0)) throw new AnalysisError('clvNoData');
  const { fit: gg, reason } = spendModel(summary);

  const months = options.horizonMonths;
  const horizon = months * MONTH_IN_UNITS[unit];
  const pAlive = new Float64Array(k);
  const expected = new Float64Array(k);
  const spend = gg ? new Float64Array(k) : null;
  const value = new Float64Array(k);
  // Without a spend model: each customer's own mean order value in the calibration period.
  const own = gg ? null : customerSummary(tx, end);
  for (let from = 0; from < k; from += BLOCK) {
    const to = Math.min(k, from + BLOCK);
    for (let c = from; c < to; c++) {
      if (!summary.present[c]) continue;
      const x = summary.frequency[c];
      const recency = summary.recency[c];
      const T = summary.T[c];
      pAlive[c] = bgnbdProbabilityAlive(params, x, recency, T);
      expected[c] = bgnbdConditionalExpectedPurchases(params, horizon, x, recency, T);
      let perOrder: number;
      if (gg && spend) perOrder = spend[c] = gammaGammaExpectedSpend(gg.params, x, summary.monetary[c]);
      else perOrder = own!.orders[c] > 0 ? own!.revenue[c] / own!.orders[c] : 0;
      value[c] = discountedClv(params, perOrder, x, recency, T, unit, months, options.discountRate) * options.margin;
    }
    yield { phase: 'customers', done: to, total: k };
  }

  let customers = 0;
  let totalClv = 0;
  let nearlyCertainlyAlive = 0;
  for (let c = 0; c < k; c++) {
    if (!summary.present[c]) continue;
    customers++;
    totalClv += value[c];
    if (pAlive[c] >= 0.99) nearlyCertainlyAlive++;
  }

  const { assignment } = segmentAt(data, end, { segmentation }, segmentation);
  const groups = assignment.ids.length;
  const bySegment = groupTotals(value, assignment.segment, groups);
  const alive = groupTotals(pAlive, assignment.segment, groups);
  const purchases = groupTotals(expected, assignment.segment, groups);
  const perSegment = assignment.ids.map((segment, s) => ({
    segment,
    customers: bySegment.count[s],
    clv: bySegment.count[s] > 0 ? bySegment.mean[s] : 0,
    totalClv: bySegment.sum[s],
    expectedPurchases: purchases.count[s] > 0 ? purchases.mean[s] : 0,
    pAlive: alive.count[s] > 0 ? alive.mean[s] : 0,
  }));

  let perFirstChannel: ClvResult['perFirstChannel'] = null;
  const channels = data.columns.channel?.values;
  if (channels) {
    const first = firstChannel(tx, end);
    const byChannel = groupTotals(value, first, channels.length);
    perFirstChannel = channels.map((channel, ch) => ({
      channel,
      customers: byChannel.count[ch],
      clv: byChannel.count[ch] > 0 ? byChannel.mean[ch] : 0,
      totalClv: byChannel.sum[ch],
    }));
  }

  const names = data.columns.customer.values;
  const top = topIndices(value, summary.present, TOP_CLV).map((c) => ({
    customer: names[c],
    pAlive: pAlive[c],
    expectedPurchases: expected[c],
    expectedSpend: spend ? spend[c] : null,
    clv: value[c],
  }));
  const { r, alpha, a, b } = params;
  const meanDropout = a / (a + b);
  return {
    observationEndDay: end,
    unit,
    bgnbd: { r, alpha, a, b, logLikelihood: bg.logLikelihood, converged: bg.converged, iterations: bg.iterations, noDropout: !(meanDropout >= NO_DROPOUT), meanDropout },
    gammaGamma: gg ? { ...gg.params, converged: gg.converged } : null,
    noSpendModel: reason,
    perSegment,
    perFirstChannel,
    top,
    customers,
    totalClv,
    nearlyCertainlyAlive,
  };
}

/** Indices of the `count` largest values among included items, largest first (ties: lower index). */
function topIndices(values: Float64Array, include: Uint8Array, count: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (!include[i]) continue;
    const v = values[i];
    if (top.length === count && v <= values[top[top.length - 1]]) continue;
    let at = top.length;
    while (at > 0 && values[top[at - 1]] < v) at--;
    top.splice(at, 0, i);
    if (top.length > count) top.pop();
  }
  return top;
}
