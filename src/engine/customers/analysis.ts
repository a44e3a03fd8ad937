/**
 * The Customers tab's analyses of imported transactions: RFM segments, ABC, segment × channel and × region,
 * cohorts, migration and the CRM export — compositions of the functions of this folder over the
 * columns of an import (OrderData). Amounts are in the imported file's currency units (floats).
 */
import { ABC_CLASSES, abcClasses, paretoPoints, type AbcResult } from './abc';
import type { AbcSummary, AnalysisOptions, CustomerAnalysis, MembershipExport, MigrationResult, ProductAbc, ScatterPoint, Segmentation } from './analysisTypes';
import { cohortTable } from './cohorts';
import { customerSummary, defaultAnalysisDay, type CustomerSummary } from './columns';
import { membershipTable } from './membership';
import { migrationMatrix } from './migration';
import type { OrderData } from './orders';
import { scoreRfm, type RfmOptions, type RfmScores } from './rfm';
import { regionView } from './regionAnalysis';
import { segmentChannelMatrix } from './segmentChannel';
import {
  assignSegments,
  eightClassSegments,
  R_RFM_SEGMENT_RULES,
  seedFourClassRules,
  segmentTable,
  UNASSIGNED,
  type ScoreRange,
  type SegmentAssignment,
  type SegmentRule,
} from './segments';

/** Segments counted as high value when the options name none. */
export const DEFAULT_HIGH_VALUE: Readonly<Record<'rfm' | 'seeds4' | 'eight', readonly string[]>> = {
  rfm: ['champions', 'loyal-customers'],
  seeds4: ['high-value'],
  eight: ['important-value'],
};

const SCATTER_MAX = 2000;
const TOP_PRODUCTS = 50;

function levels(spec: number | number[] | undefined): number {
  return spec === undefined ? 5 : typeof spec === 'number' ? spec : spec.length + 1;
}

function rfmOptions(options: Pick<AnalysisOptions, 'bins' | 'monetary'>): RfmOptions & { levels: [number, number, number] } {
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

export interface Segmented {
  summary: CustomerSummary;
  scores: RfmScores;
  assignment: SegmentAssignment;
}

/** Scores and segments of customer summaries, by a segmentation. */
export function segmentSummary(summary: CustomerSummary, options: Pick<AnalysisOptions, 'bins' | 'monetary'>, segmentation: Segmentation): Segmented {
  const rfm = rfmOptions(options);
  const scores = scoreRfm(summary, rfm);
  let assignment: SegmentAssignment;
  if (segmentation === 'eight') assignment = eightClassSegments(summary, rfm.monetary);
  else if (segmentation === 'rfm') assignment = assignSegments(scores, R_RFM_SEGMENT_RULES);
  else if (segmentation === 'seeds4') assignment = assignSegments(scores, seedRules(rfm.levels));
  else assignment = assignSegments(scores, segmentation.rules);
  return { summary, scores, assignment };
}

/** Summary, RFM scores and segments of every customer as of one day. */
export function segmentAt(data: OrderData, day: number, options: AnalysisOptions, segmentation = options.segmentation): Segmented {
  const summary = customerSummary(data.orders, day, { orders: options.orders ?? 'transactions' });
  return segmentSummary(summary, options, segmentation);
}

export function abcSummary(result: AbcResult): AbcSummary {
  const { x, y } = paretoPoints(result);
  return {
    classes: [...result.classes],
    pareto: Array.from(x, (xi, i) => ({ x: xi, y: y[i] })),
    items: result.order.length,
    positiveRevenue: result.positiveRevenue,
  };
}

function abcCut(options: Pick<AnalysisOptions, 'abc'>) {
  return { aCutoff: options.abc?.a ?? 0.8, bCutoff: options.abc?.b ?? 0.95 };
}

function productAbc(data: OrderData, day: number, cut: { aCutoff: number; bCutoff: number }): ProductAbc | null {
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

function scatterSample({ summary, scores, assignment }: Segmented): ScatterPoint[] {
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

export function analyse(data: OrderData, options: AnalysisOptions): CustomerAnalysis {
  const tx = data.orders;
  const analysisDay = options.analysisDay ?? defaultAnalysisDay(tx);
  const segmented = segmentAt(data, analysisDay, options);
  const { summary, scores, assignment } = segmented;
  let transactions = 0;
  for (let i = 0; i < tx.day.length; i++) if (tx.day[i] <= analysisDay) transactions++;
  const cut = abcCut(options);
  const channels = data.columns.channel?.values ?? null;
  const matrix = channels
    ? {
        // With every row on or before the analysis day there is nothing to cut, and the matrix need not read the days.
        ...segmentChannelMatrix(tx, assignment, { throughDay: transactions === tx.day.length ? undefined : analysisDay, highValueSegments: highValue(options) }),
        channelNames: [...channels],
      }
    : null;
  const regions = regionView(data, segmented, highValue(options));
  const cohorts = { ...cohortTable(tx, { throughDay: analysisDay, byFirstChannel: channels !== null }), channelNames: channels ? [...channels] : null };
  return {
    analysisDay,
    customers: summary.customersWithOrders,
    transactions,
    segments: segmentTable(assignment, summary),
    segmentIds: [...assignment.ids],
    scatter: scatterSample(segmented),
    abc: abcSummary(abcClasses(summary.revenue, { ...cut, include: summary.orders })),
    abcProducts: productAbc(data, analysisDay, cut),
    matrix,
    regions,
    cohorts,
    thresholds: options.segmentation === 'eight' ? null : scores.thresholds,
    ordersFromOrderId: data.groupedByOrderId,
  };
}

export function migration(data: OrderData, fromDay: number, toDay: number, options: AnalysisOptions): MigrationResult {
  const from = segmentAt(data, fromDay, options).assignment;
  const to = segmentAt(data, toDay, options).assignment;
  const m = migrationMatrix(from, to);
  return { ...m, fromIds: [...m.fromIds], toIds: [...m.toIds], fromDay, toDay };
}

/** One row per customer with an order by the analysis day: the CRM export. */
export function membership(data: OrderData, options: AnalysisOptions): MembershipExport {
  const analysisDay = options.analysisDay ?? defaultAnalysisDay(data.orders);
  const { summary, scores, assignment } = segmentAt(data, analysisDay, options);
  const abc = abcClasses(summary.revenue, { ...abcCut(options), include: summary.orders });
  return membershipTable(data.columns.customer.values, summary, scores, assignment, abc);
}
