/**
 * CLV of imported transactions: BG/NBD for purchases, Gamma-Gamma for spend (when enough customers
 * bought more than once), discounted over a horizon, summed per segment and per first channel. The
 * result says how the fits went — converged or not, and whether the BG/NBD fit sits at the model's
 * no-dropout boundary (a → 0 or b → ∞), where P(alive) is about 100 % for everyone.
 *
 * Written as steps (a generator) so that a worker can report progress and stop a superseded run
 * between them: one per optimiser iteration and one per block of customers.
 */
import { fitBgNbdSteps } from './bgnbd';
import { AnalysisError, type ClvRequest, type ClvResult, type NoSpendModel, type Segmentation } from './analysisTypes';
import { segmentAt } from './analysis';
import { customerPredictionSteps, groupTotals, MONTH_IN_UNITS } from './clv';
import { clvPatterns, clvSummary } from './clvSummary';
import { firstChannel } from './cohorts';
import { customerSummary } from './columns';
import { fitGammaGammaSteps, gammaGammaExpectedSpend, type GammaGammaFit } from './gammaGamma';
import type { OrderData } from './orders';

/** Below this many repeat buyers the Gamma-Gamma fit says too little; spend falls back to each customer's mean order. */
const MIN_REPEAT_BUYERS = 10;
/** A mean dropout probability per purchase below this is the no-dropout boundary. */
const NO_DROPOUT = 1e-3;
const TOP_CLV = 100;

export interface ClvProgress {
  /** 'fit': the purchase model (BG/NBD); 'spend': the spend model (Gamma-Gamma); 'customers': each customer's predictions. */
  phase: 'fit' | 'spend' | 'customers';
  /** Optimiser iterations so far while fitting (how many it takes is not known ahead); customers done after. */
  done: number;
  /** Customers with a purchase by the observation end. */
  total: number;
}

function* spendModelSteps(summary: ReturnType<typeof clvSummary>): Generator<number, { fit: GammaGammaFit | null; reason: NoSpendModel | null }> {
  let fit: GammaGammaFit;
  try {
    fit = yield* fitGammaGammaSteps(summary);
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
  let total = 0;
  for (let c = 0; c < k; c++) total += summary.present[c];
  yield { phase: 'fit', done: 0, total };
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
    yield { phase: 'fit', done: step.value, total };
    step = next();
  }
  const bg = step.value;
  const params = bg.params;
  if (![params.r, params.alpha, params.a, params.b].every((v) => Number.isFinite(v) && v >= 0)) throw new AnalysisError('clvNoData');
  // Each phase reports its start, as the fit does: the progress shows the phase it is in at once.
  yield { phase: 'spend', done: 0, total };
  const spending = spendModelSteps(summary);
  let spendStep = spending.next();
  while (!spendStep.done) {
    yield { phase: 'spend', done: spendStep.value, total };
    spendStep = spending.next();
  }
  const { fit: gg, reason } = spendStep.value;
  yield { phase: 'customers', done: 0, total };

  const months = options.horizonMonths;
  const horizon = months * MONTH_IN_UNITS[unit];
  const spend = gg ? new Float64Array(k) : null;
  const perOrder = new Float64Array(k);
  // Without a spend model: each customer's own mean order value in the calibration period.
  const own = gg ? null : customerSummary(tx, end);
  for (let c = 0; c < k; c++) {
    if (!summary.present[c]) continue;
    if (gg && spend) perOrder[c] = spend[c] = gammaGammaExpectedSpend(gg.params, summary.frequency[c], summary.monetary[c]);
    else perOrder[c] = own!.orders[c] > 0 ? own!.revenue[c] / own!.orders[c] : 0;
  }
  const channels = data.columns.channel?.values;
  const first = channels ? firstChannel(tx, end) : null;
  const groups = first && channels ? { of: first, count: channels.length } : undefined;
  const predicting = customerPredictionSteps(params, summary, perOrder, { months, discountRate: options.discountRate, purchaseHorizon: horizon, groups });
  let predictionStep = predicting.next();
  while (!predictionStep.done) {
    yield { phase: 'customers', done: predictionStep.value, total };
    predictionStep = predicting.next();
  }
  const { probabilityAlive: pAlive, expectedPurchases: expected, clv: discounted, monthlyByGroup } = predictionStep.value;
  const value = new Float64Array(k);
  for (let c = 0; c < k; c++) if (summary.present[c]) value[c] = discounted[c] * options.margin;
  yield { phase: 'customers', done: total, total };

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
  const segmentCount = assignment.ids.length;
  const bySegment = groupTotals(value, assignment.segment, segmentCount);
  const alive = groupTotals(pAlive, assignment.segment, segmentCount);
  const purchases = groupTotals(expected, assignment.segment, segmentCount);
  const perSegment = assignment.ids.map((segment, s) => ({
    segment,
    customers: bySegment.count[s],
    clv: bySegment.count[s] > 0 ? bySegment.mean[s] : 0,
    totalClv: bySegment.sum[s],
    expectedPurchases: purchases.count[s] > 0 ? purchases.mean[s] : 0,
    pAlive: alive.count[s] > 0 ? alive.mean[s] : 0,
  }));

  let perFirstChannel: ClvResult['perFirstChannel'] = null;
  if (channels && first) {
    const byChannel = groupTotals(value, first, channels.length);
    const steps = monthlyByGroup.length / channels.length;
    perFirstChannel = channels.map((channel, ch) => {
      const n = byChannel.count[ch];
      // Mean expected margin per customer in each month, undiscounted (the payback period's input).
      const monthlyMargin = Array.from(monthlyByGroup.subarray(ch * steps, (ch + 1) * steps), (v) => (n > 0 ? (v * options.margin) / n : 0));
      return { channel, customers: n, clv: n > 0 ? byChannel.mean[ch] : 0, totalClv: byChannel.sum[ch], monthlyMargin };
    });
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
    horizonMonths: months,
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
