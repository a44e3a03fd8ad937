/**
 * Customer segments from RFM scores: ordered rules, first match wins, the rest "others" — the way
 * R `rfm::rfm_segment()` assigns them (its loop skips customers already given a segment name).
 *
 * Segment ids are stable string keys; display names belong to the UI's message catalogues. The R
 * package's English names are kept in `R_RFM_SEGMENT_NAMES` because its published checks use them.
 */
import type { CustomerSummary } from './columns';
import type { RfmScores } from './rfm';

/** Inclusive score range [min, max], as R's `between()`. */
export type ScoreRange = readonly [min: number, max: number];

export interface SegmentRule {
  readonly id: string;
  readonly recency: ScoreRange;
  readonly frequency: ScoreRange;
  readonly monetary: ScoreRange;
}

export const OTHERS = 'others';
/** Segment index of customers with no order by the analysis day. */
export const UNASSIGNED = 0xffff;

export interface SegmentAssignment {
  /** Segment ids in table order (rule order, duplicates merged; 'others' last). */
  readonly ids: readonly string[];
  /** Per customer: index into `ids`, or UNASSIGNED. */
  readonly segment: Uint16Array;
}

/**
 * The ten segments of R `rfm`, with the score ranges of its test suite (tests/testthat/test-rfm-segment.R)
 * and of the "RFM - Transaction Level Data" vignette, which carry the published Champions figures.
 * (The "RFM - Introduction" vignette shows a different, older table — Champions R 5, F 5, M 5 — that
 * the package's tests do not use.)
 */
export const R_RFM_SEGMENT_RULES: readonly SegmentRule[] = [
  { id: 'champions', recency: [4, 5], frequency: [4, 5], monetary: [4, 5] },
  { id: 'loyal-customers', recency: [2, 5], frequency: [3, 5], monetary: [3, 5] },
  { id: 'potential-loyalist', recency: [3, 5], frequency: [1, 3], monetary: [1, 3] },
  { id: 'new-customers', recency: [4, 5], frequency: [1, 1], monetary: [1, 1] },
  { id: 'promising', recency: [3, 4], frequency: [1, 1], monetary: [1, 1] },
  { id: 'need-attention', recency: [2, 3], frequency: [2, 3], monetary: [2, 3] },
  { id: 'about-to-sleep', recency: [2, 3], frequency: [1, 2], monetary: [1, 2] },
  { id: 'at-risk', recency: [1, 2], frequency: [2, 5], monetary: [2, 5] },
  { id: 'cant-lose-them', recency: [1, 1], frequency: [4, 5], monetary: [4, 5] },
  { id: 'lost', recency: [1, 2], frequency: [1, 2], monetary: [1, 2] },
];

/** R `rfm`'s segment names, for reproducing its outputs; the app shows translated names instead. */
export const R_RFM_SEGMENT_NAMES: Readonly<Record<string, string>> = {
  champions: 'Champions',
  'loyal-customers': 'Loyal Customers',
  'potential-loyalist': 'Potential Loyalist',
  'new-customers': 'New Customers',
  promising: 'Promising',
  'need-attention': 'Need Attention',
  'about-to-sleep': 'About To Sleep',
  'at-risk': 'At Risk',
  'cant-lose-them': "Can't Lose Them",
  lost: 'Lost',
  [OTHERS]: 'Others',
};

/**
 * The four customer classes the planning guides describe (in Chinese): 高价值客户 "R近、F高、M高",
 * 潜力客户 "R近、F低、M高", 一般客户 "R远、F高、M低", 流失客户 "R远、F低、M低". They name four of the
 * eight high/low combinations; to place every customer, recency decides first (it is the strongest
 * sign of whether a customer is still buying):
 *
 *  - recent (R high): 'high-value' if F and M are high too, otherwise 'potential' (recent customers
 *    who have not yet bought often or much are the ones to develop);
 *  - lapsed (R low): 'general' if F is high (they used to buy often: worth a reminder), otherwise 'lost'.
 *
 * A score is "high" from the middle score up: ≥ 3 of 5 (in general > bins / 2).
 */
export function seedFourClassRules(bins = 5): SegmentRule[] {
  const high: ScoreRange = [Math.floor(bins / 2) + 1, bins];
  const low: ScoreRange = [1, Math.floor(bins / 2)];
  const any: ScoreRange = [1, bins];
  return [
    { id: 'high-value', recency: high, frequency: high, monetary: high },
    { id: 'potential', recency: high, frequency: any, monetary: any },
    { id: 'general', recency: low, frequency: high, monetary: any },
    { id: 'lost', recency: low, frequency: low, monetary: any },
  ];
}

const within = (score: number, range: ScoreRange) => score >= range[0] && score <= range[1];

/** Up to this many rules, the rules holding a score fit in the bits of one 32-bit integer. */
const MASK_RULES = 31;

/**
 * The rules whose range holds each possible score (0 … 255, scores being bytes), as bits: rule i is
 * bit i, so the first rule matching all three scores is the lowest bit of the three sets' intersection.
 * Three look-ups per customer instead of up to three comparisons per rule.
 */
function ruleMasks(rules: readonly SegmentRule[], range: (rule: SegmentRule) => ScoreRange): Int32Array {
  const masks = new Int32Array(256);
  for (let score = 0; score < 256; score++) rules.forEach((rule, i) => within(score, range(rule)) && (masks[score] |= 1 << i));
  return masks;
}

/** The rule loop of assignSegments through ruleMasks; true when some customer falls to 'others'. */
function assignByMasks(scores: RfmScores, rules: readonly SegmentRule[], ruleSegment: number[], othersIndex: number, segment: Uint16Array): boolean {
  const recencyRules = ruleMasks(rules, (rule) => rule.recency);
  const frequencyRules = ruleMasks(rules, (rule) => rule.frequency);
  const monetaryRules = ruleMasks(rules, (rule) => rule.monetary);
  // Segment of each first-matching rule, and of no rule at index `rules.length`.
  const segmentOfRule = Uint16Array.from([...ruleSegment, othersIndex]);
  const none = rules.length;
  const { recency, frequency, monetary } = scores;
  let othersUsed = false;
  for (let c = 0; c < recency.length; c++) {
    const r = recency[c];
    if (r === 0) continue;
    const match = recencyRules[r] & frequencyRules[frequency[c]] & monetaryRules[monetary[c]];
    const s = segmentOfRule[match === 0 ? none : 31 - Math.clz32(match & -match)];
    if (s === othersIndex) othersUsed = true;
    segment[c] = s;
  }
  return othersUsed;
}

/** Segment of each customer with orders: the first rule whose three ranges hold its scores, else 'others'. */
export function assignSegments(scores: RfmScores, rules: readonly SegmentRule[]): SegmentAssignment {
  const ids: string[] = [];
  const ruleSegment = rules.map((rule) => {
    let index = ids.indexOf(rule.id);
    if (index < 0) index = ids.push(rule.id) - 1;
    return index;
  });
  let othersIndex = ids.indexOf(OTHERS);
  let othersUsed = othersIndex >= 0;
  if (othersIndex < 0) othersIndex = ids.length;
  if (othersIndex >= UNASSIGNED) throw new RangeError('too many segments');
  const k = scores.recency.length;
  const segment = new Uint16Array(k).fill(UNASSIGNED);
  if (rules.length <= MASK_RULES) othersUsed = assignByMasks(scores, rules, ruleSegment, othersIndex, segment) || othersUsed;
  else {
    for (let c = 0; c < k; c++) {
      const r = scores.recency[c];
      if (r === 0) continue;
      const f = scores.frequency[c];
      const m = scores.monetary[c];
      let s = othersIndex;
      for (let i = 0; i < rules.length; i++) {
        const rule = rules[i];
        if (within(r, rule.recency) && within(f, rule.frequency) && within(m, rule.monetary)) {
          s = ruleSegment[i];
          break;
        }
      }
      if (s === othersIndex) othersUsed = true;
      segment[c] = s;
    }
  }
  if (othersUsed && othersIndex === ids.length) ids.push(OTHERS);
  return { ids, segment };
}

/** Ids of the eight-class value model, in its usual table order. */
export const EIGHT_CLASS_IDS = [
  'important-value', // 重要价值: R high, F high, M high
  'important-develop', // 重要发展: R high, F low, M high
  'important-retain', // 重要保持: R low, F high, M high
  'important-winback', // 重要挽留: R low, F low, M high
  'general-value', // 一般价值: R high, F high, M low
  'general-develop', // 一般发展: R high, F low, M low
  'general-retain', // 一般保持: R low, F high, M low
  'general-winback', // 一般挽留: R low, F low, M low
] as const;

/**
 * The common Chinese eight-class RFM model: each of R, F, M is high or low against its mean over the
 * customers with orders. Recency is high when the customer bought more recently than average (recency
 * days below the mean); F and M are high above their means. A value equal to the mean counts as low:
 * "high" has to be strictly better than average.
 */
export function eightClassSegments(summary: CustomerSummary, monetary: 'total' | 'average' = 'total'): SegmentAssignment {
  const k = summary.orders.length;
  const value = (c: number) => (monetary === 'average' ? summary.revenue[c] / summary.orders[c] : summary.revenue[c]);
  let sumR = 0;
  let sumF = 0;
  let sumM = 0;
  for (let c = 0; c < k; c++) {
    if (summary.orders[c] === 0) continue;
    sumR += summary.recency[c];
    sumF += summary.orders[c];
    sumM += value(c);
  }
  const n = summary.customersWithOrders;
  const meanR = sumR / n;
  const meanF = sumF / n;
  const meanM = sumM / n;
  const segment = new Uint16Array(k).fill(UNASSIGNED);
  for (let c = 0; c < k; c++) {
    if (summary.orders[c] === 0) continue;
    const rLow = summary.recency[c] < meanR ? 0 : 1;
    const fLow = summary.orders[c] > meanF ? 0 : 1;
    const mLow = value(c) > meanM ? 0 : 1;
    // Table order above: M splits the halves, then R, then F.
    segment[c] = mLow * 4 + rLow * 2 + fLow;
  }
  return { ids: [...EIGHT_CLASS_IDS], segment };
}

export interface SegmentRow {
  readonly id: string;
  readonly customers: number;
  readonly orders: number;
  readonly revenue: number;
  /** Average order value: revenue / orders. */
  readonly aov: number;
  readonly customerShare: number;
  readonly revenueShare: number;
}

/** R `rfm_segment_summary()`: customers, orders, revenue and AOV per segment, plus shares of the total. */
export function segmentTable(assignment: SegmentAssignment, summary: CustomerSummary): SegmentRow[] {
  const n = assignment.ids.length;
  const customers = new Float64Array(n);
  const orders = new Float64Array(n);
  const revenue = new Float64Array(n);
  let totalCustomers = 0;
  let totalRevenue = 0;
  for (let c = 0; c < assignment.segment.length; c++) {
    const s = assignment.segment[c];
    if (s === UNASSIGNED) continue;
    customers[s]++;
    orders[s] += summary.orders[c];
    revenue[s] += summary.revenue[c];
    totalCustomers++;
    totalRevenue += summary.revenue[c];
  }
  return assignment.ids.map((id, s) => ({
    id,
    customers: customers[s],
    orders: orders[s],
    revenue: revenue[s],
    aov: orders[s] > 0 ? revenue[s] / orders[s] : 0,
    customerShare: totalCustomers > 0 ? customers[s] / totalCustomers : 0,
    revenueShare: totalRevenue !== 0 ? revenue[s] / totalRevenue : 0,
  }));
}
