/**
 * The Customers tab's analyses over a loaded data set: RFM segments, ABC, segment × channel,
 * cohorts, migration, CLV and the CRM export — thin compositions of engine/customers, run in the
 * customers worker. Amounts are in the imported file's currency units (floats), as stored.
 */
import {
  abcClasses,
  assignSegments,
  bgnbdConditionalExpectedPurchases,
  bgnbdProbabilityAlive,
  clvPatterns,
  clvSummary,
  cohortTable,
  customerClv,
  customerSummary,
  defaultAnalysisDay,
  discountedClv,
  eightClassSegments,
  firstChannel,
  fitBgNbd,
  fitGammaGamma,
  groupTotals,
  migrationMatrix,
  MONTH_IN_UNITS,
  paretoPoints,
  R_RFM_SEGMENT_RULES,
  scoreRfm,
  seedFourClassRules,
  segmentChannelMatrix,
  segmentTable,
  UNASSIGNED,
  ABC_CLASSES,
  type AbcResult,
  type CustomerSummary,
  type RfmOptions,
  type RfmScores,
  type ScoreRange,
  type SegmentAssignment,
  type SegmentRule,
  type Transactions,
} from '../engine/customers';
import type { TransactionColumns } from '../engine/import/columns';
import type { DatasetMeta } from '../persistence/datasets';
import type {
  AbcSummary,
  AnalysisOptions,
  ClvOptions,
  ClvResult,
  CustomerAnalysis,
  MembershipExport,
  MigrationResult,
  ProductAbc,
  ScatterPoint,
} from './customersTypes';

/** A data set as the worker keeps it: the stored columns and the order-level transactions the analyses use. */
export interface LoadedDataset {
  meta: DatasetMeta;
  columns: TransactionColumns;
  orders: Transactions;
  /** Whether `orders` groups rows by order id. */
  groupedByOrderId: boolean;
}

/** Segments counted as high value when the options name none. */
export const DEFAULT_HIGH_VALUE: Readonly<Record<'rfm' | 'seeds4' | 'eight', readonly string[]>> = {
  rfm: ['champions', 'loyal-customers'],
  seeds4: ['high-value'],
  eight: ['important-value'],
};

const SCATTER_MAX = 2000;
const TOP_PRODUCTS = 50;
const TOP_CLV = 100;

/**
 * One transaction per order. Without an order-id column every row is an order (the R `rfm`
 * convention). With one, the rows of an order id (order lines, as in UCI Online Retail) are one
 * transaction: amounts summed, the day, customer and channel of its first row. Rows with an empty
 * order id stay orders of their own.
 */
export function prepareDataset(meta: DatasetMeta, columns: TransactionColumns): LoadedDataset {
  const n = columns.length;
  const rows: Transactions = {
    customer: columns.customer.codes,
    day: columns.date,
    amount: columns.amount,
    ...(columns.channel ? { channel: columns.channel.codes, channelCount: columns.channel.values.length } : {}),
    customerCount: columns.customer.values.length,
  };
  const orderId = columns.orderId;
  if (!orderId) return { meta, columns, orders: rows, groupedByOrderId: false };
  const empty = orderId.values.indexOf('');
  const slot = new Int32Array(orderId.values.length).fill(-1);
  const customer = new Int32Array(n);
  const day = new Int32Array(n);
  const amount = new Float64Array(n);
  const channelIn = columns.channel?.codes;
  const channel = channelIn ? new Int32Array(n) : null;
  let m = 0;
  for (let i = 0; i < n; i++) {
    const o = orderId.codes[i];
    if (o !== empty && slot[o] >= 0) {
      amount[slot[o]] += columns.amount[i];
      continue;
    }
    if (o !== empty) slot[o] = m;
    customer[m] = columns.customer.codes[i];
    day[m] = columns.date[i];
    amount[m] = columns.amount[i];
    if (channel) channel[m] = channelIn![i];
    m++;
  }
  const orders: Transactions = {
    customer: customer.slice(0, m),
    day: day.slice(0, m),
    amount: amount.slice(0, m),
    ...(channel ? { channel: channel.slice(0, m), channelCount: columns.channel!.values.length } : {}),
    customerCount: rows.customerCount,
  };
  return { meta, columns, orders, groupedByOrderId: true };
}

function levels(spec: number | number[] | undefined): number {
  return spec === undefined ? 5 : typeof spec === 'number' ? spec : spec.length + 1;
}

function rfmOptions(options: AnalysisOptions): RfmOptions & { levels: [number, number, number] } {
  const bins = options.bins;
  const r = typeof bins === 'number' ? bins : bins?.recency;
  const f = typeof bins === 'number' ? bins : bins?.frequency;
  const m = typeof bins === 'number' ? bins : bins?.monetary;
  return {
    recencyBins: r ?? 5,
    frequencyBins: f ?? 5,
    monetaryBins: m ?? 5,
    monetary: options.monetary ?? 'total',
    levels: [levels(r), levels(f), levels(m)],
  };
}

/** The seeds' four classes when the dimensions have different numbers of scores: "high" from the middle score up in each. */
function seedRules([r, f, m]: [number, number, number]): SegmentRule[] {
  if (r === f && f === m) return seedFourClassRules(r);
  const high = (b: number): ScoreRange => [Math.floor(b / 2) + 1, b];
  const low = (b: number): ScoreRange => [1, Math.floor(b / 2)];
  const any = (b: number): ScoreRange => [1, b];
  return [
    { id: 'high-value', recency: high(r), frequency: high(f), monetary: high(m) },
    { id: 'potential', recency: high(r), frequency: any(f), monetary: any(m) },
    { id: 'general', recency: low(r), frequency: high(f), monetary: any(m) },
    { id: 'lost', recency: low(r), frequency: low(f), monetary: any(m) },
  ];
}

interface Segmented {
  summary: CustomerSummary;
  scores: RfmScores;
  assignment: SegmentAssignment;
}

/** Summary, RFM scores and segments of every customer as of one day. */
export function segmentAt(data: LoadedDataset, day: number, options: AnalysisOptions, segmentation = options.segmentation): Segmented {
  const summary = customerSummary(data.orders, day, { orders: options.orders ?? 'transactions' });
  const rfm = rfmOptions(options);
  const scores = scoreRfm(summary, rfm);
  let assignment: SegmentAssignment;
  if (segmentation === 'eight') assignment = eightClassSegments(summary, rfm.monetary);
  else if (segmentation === 'rfm') assignment = assignSegments(scores, R_RFM_SEGMENT_RULES);
  else if (segmentation === 'seeds4') assignment = assignSegments(scores, seedRules(rfm.levels));
  else assignment = assignSegments(scores, segmentation.rules);
  return { summary, scores, assignment };
}

function abcSummary(result: AbcResult): AbcSummary {
  const { x, y } = paretoPoints(result);
  return {
    classes: [...result.classes],
    pareto: Array.from(x, (xi, i) => ({ x: xi, y: y[i] })),
    items: result.order.length,
    positiveRevenue: result.positiveRevenue,
  };
}

function productAbc(data: LoadedDataset, day: number, cut: { aCutoff: number; bCutoff: number }): ProductAbc | null {
  const product = data.columns.product;
  if (!product) return null;
  const revenue = new Float64Array(product.values.length);
  const sold = new Uint8Array(product.values.length);
  const { date, amount } = data.columns;
  for (let i = 0; i < data.columns.length; i++) {
    if (date[i] > day) continue;
    const p = product.codes[i];
    revenue[p] += amount[i];
    sold[p] = 1;
  }
  const result = abcClasses(revenue, { ...cut, include: sold });
  const top = Array.from(result.order.subarray(0, TOP_PRODUCTS), (p) => ({
    product: product.values[p],
    revenue: revenue[p],
    abcClass: ABC_CLASSES[result.classOf[p]],
  }));
  return { ...abcSummary(result), top };
}

function scatterSample(summary: CustomerSummary, scores: RfmScores, assignment: SegmentAssignment): ScatterPoint[] {
  const present = summary.customersWithOrders;
  const stride = Math.max(1, Math.ceil(present / SCATTER_MAX));
  const out: ScatterPoint[] = [];
  for (let c = 0, seen = 0; c < summary.orders.length && out.length < SCATTER_MAX; c++) {
    if (summary.orders[c] === 0 || assignment.segment[c] === UNASSIGNED) continue;
    if (seen++ % stride !== 0) continue;
    out.push({ r: summary.recency[c], f: summary.orders[c], m: scores.monetaryValue[c], segment: assignment.segment[c] });
  }
  return out;
}

function highValue(options: AnalysisOptions): readonly string[] {
  if (options.highValueSegments) return options.highValueSegments;
  const s = options.segmentation;
  return typeof s === 'string' ? DEFAULT_HIGH_VALUE[s] : s.rules.slice(0, 1).map((r) => r.id);
}

export function analyse(data: LoadedDataset, options: AnalysisOptions): CustomerAnalysis {
  const tx = data.orders;
  const analysisDay = options.analysisDay ?? defaultAnalysisDay(tx);
  const { summary, scores, assignment } = segmentAt(data, analysisDay, options);
  let transactions = 0;
  for (let i = 0; i < tx.day.length; i++) if (tx.day[i] <= analysisDay) transactions++;
  const cut = { aCutoff: options.abc?.a ?? 0.8, bCutoff: options.abc?.b ?? 0.95 };
  const channels = data.columns.channel?.values ?? null;
  const matrix = channels
    ? { ...segmentChannelMatrix(tx, assignment, { throughDay: analysisDay, highValueSegments: highValue(options) }), channelNames: [...channels] }
    : null;
  const cohorts = { ...cohortTable(tx, { throughDay: analysisDay, byFirstChannel: channels !== null }), channelNames: channels ? [...channels] : null };
  return {
    analysisDay,
    customers: summary.customersWithOrders,
    transactions,
    segments: segmentTable(assignment, summary),
    segmentIds: [...assignment.ids],
    scatter: scatterSample(summary, scores, assignment),
    abc: abcSummary(abcClasses(summary.revenue, { ...cut, include: summary.orders })),
    abcProducts: productAbc(data, analysisDay, cut),
    matrix,
    cohorts,
    thresholds: options.segmentation === 'eight' ? null : scores.thresholds,
    ordersFromOrderId: data.groupedByOrderId,
  };
}

export function migration(data: LoadedDataset, fromDay: number, toDay: number, options: AnalysisOptions): MigrationResult {
  const from = segmentAt(data, fromDay, options).assignment;
  const to = segmentAt(data, toDay, options).assignment;
  const m = migrationMatrix(from, to);
  return { ...m, fromIds: [...m.fromIds], toIds: [...m.toIds], fromDay, toDay };
}

/** Below this many repeat buyers the Gamma-Gamma fit says too little; spend falls back to each customer's mean order. */
const MIN_REPEAT_BUYERS = 10;

export function clv(data: LoadedDataset, options: ClvOptions, segmentation: AnalysisOptions['segmentation']): ClvResult {
  const tx = data.orders;
  let lastDay = -Infinity;
  for (let i = 0; i < tx.day.length; i++) if (tx.day[i] > lastDay) lastDay = tx.day[i];
  const end = options.observationEndDay ?? lastDay;
  const unit = options.unit;
  const summary = clvSummary(tx, { observationEndDay: end, unit });
  const bg = fitBgNbd(clvPatterns(summary));
  let gg: ReturnType<typeof fitGammaGamma> | null = null;
  try {
    gg = fitGammaGamma(summary);
    const { p, q, v } = gg.params;
    if (gg.used < MIN_REPEAT_BUYERS || !(q > 1) || ![p, q, v].every(Number.isFinite)) gg = null;
  } catch {
    gg = null;
  }
  const months = options.horizonMonths;
  const k = tx.customerCount;
  let pAlive: Float64Array;
  let expected: Float64Array;
  let spend: Float64Array | null = null;
  let value: Float64Array;
  if (gg) {
    const out = customerClv(bg.params, gg.params, summary, { months, discountRate: options.discountRate });
    pAlive = out.probabilityAlive;
    expected = out.expectedPurchases;
    spend = out.expectedSpend;
    value = out.clv;
  } else {
    // Without a spend model: each customer's own mean order value in the calibration period.
    const own = customerSummary(tx, end);
    const horizon = months * MONTH_IN_UNITS[unit];
    pAlive = new Float64Array(k);
    expected = new Float64Array(k);
    value = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      if (!summary.present[c]) continue;
      const x = summary.frequency[c];
      pAlive[c] = bgnbdProbabilityAlive(bg.params, x, summary.recency[c], summary.T[c]);
      expected[c] = bgnbdConditionalExpectedPurchases(bg.params, horizon, x, summary.recency[c], summary.T[c]);
      const aov = own.orders[c] > 0 ? own.revenue[c] / own.orders[c] : 0;
      value[c] = discountedClv(bg.params, aov, x, summary.recency[c], summary.T[c], unit, months, options.discountRate);
    }
  }
  let customers = 0;
  let totalClv = 0;
  for (let c = 0; c < k; c++) {
    if (!summary.present[c]) continue;
    value[c] *= options.margin;
    customers++;
    totalClv += value[c];
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

  const ranked = topIndices(value, summary.present, TOP_CLV);
  const names = data.columns.customer.values;
  const top = ranked.map((c) => ({
    customer: names[c],
    pAlive: pAlive[c],
    expectedPurchases: expected[c],
    expectedSpend: spend ? spend[c] : null,
    clv: value[c],
  }));
  const { r, alpha, a, b } = bg.params;
  return {
    observationEndDay: end,
    unit,
    bgnbd: { r, alpha, a, b, logLikelihood: bg.logLikelihood },
    gammaGamma: gg ? { ...gg.params } : null,
    perSegment,
    perFirstChannel,
    top,
    customers,
    totalClv,
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

/** One row per customer with an order by the analysis day: the CRM export. */
export function membership(data: LoadedDataset, options: AnalysisOptions): MembershipExport {
  const analysisDay = options.analysisDay ?? defaultAnalysisDay(data.orders);
  const { summary, scores, assignment } = segmentAt(data, analysisDay, options);
  const cut = { aCutoff: options.abc?.a ?? 0.8, bCutoff: options.abc?.b ?? 0.95 };
  const abc = abcClasses(summary.revenue, { ...cut, include: summary.orders });
  const names = data.columns.customer.values;
  const header = ['customer', 'recency_days', 'frequency', 'monetary', 'r_score', 'f_score', 'm_score', 'segment', 'abc_class'];
  const rows: (string | number | null)[][] = [];
  for (let c = 0; c < summary.orders.length; c++) {
    if (summary.orders[c] === 0) continue;
    const s = assignment.segment[c];
    const cls = abc.classOf[c];
    rows.push([
      names[c],
      summary.recency[c],
      summary.orders[c],
      scores.monetaryValue[c],
      scores.recency[c] || null,
      scores.frequency[c] || null,
      scores.monetary[c] || null,
      s === UNASSIGNED ? null : assignment.ids[s],
      cls < ABC_CLASSES.length ? ABC_CLASSES[cls] : null,
    ]);
  }
  return { header, rows };
}
