/**
 * Customers by region: the segment × region matrix and each region's RFM profile.
 *
 * Scores and segments are the whole base's (the same quintiles as the Segments view), not quintiles
 * computed within each region. Within-region quintiles would put about a fifth of every region in
 * each score by construction, so every region would look as valuable as every other; with one scale
 * a champion is a champion everywhere and a region's share of high-value customers says something.
 *
 * Each customer belongs to one region (regionGroups.ts), so the matrix is the segment × channel
 * matrix with the customer's region in place of each order's channel (segmentGroupMatrix).
 */
import type { Segmented } from './analysis';
import type { CustomerSummary } from './columns';
import { customerRegions, groupRegionNames, type RegionGroups } from './regionGroups';
import type { RfmScores } from './rfm';
import { segmentGroupMatrix, type SegmentChannelMatrix } from './segmentChannel';
import { UNASSIGNED, type SegmentAssignment } from './segments';
import type { OrderData } from './orders';

/** One region's customers and their RFM values and scores (means over the region's customers). */
export interface RegionRfmRow {
  readonly region: number;
  readonly customers: number;
  readonly orders: number;
  readonly revenue: number;
  /** Days since the last order. */
  readonly meanRecency: number;
  readonly meanOrders: number;
  /** Mean of the monetary value that was scored (total, or revenue per order, as the settings say). */
  readonly meanMonetary: number;
  readonly meanR: number;
  readonly meanF: number;
  readonly meanM: number;
  /** Customers in a high-value segment, and their share of the region's customers. */
  readonly highValue: number;
  readonly highValueShare: number;
}

export interface RegionView {
  /** Region names by group index; '' is "no region" (always last). */
  readonly names: string[];
  readonly noRegion: number;
  /** Regions that merged differently written names: the spellings of each. */
  readonly merged: { readonly name: string; readonly spellings: string[] }[];
  /** Import values read as "no region" (blank, dashes, placeholders). */
  readonly blankValues: string[];
  /** Segment × region; its per-column rows are the regions. */
  readonly matrix: SegmentChannelMatrix;
  readonly rfm: RegionRfmRow[];
  /** Customers per region summed: the customers of the analysis (each counted once). */
  readonly customers: number;
}

/** The region view of one analysis; null without a region column. */
export function regionView(data: OrderData, { summary, scores, assignment }: Segmented, highValueSegments: readonly string[]): RegionView | null {
  const region = data.columns.region;
  if (!region || !data.orderRegion) return null;
  const groups = groupRegionNames(region.values);
  const tx = data.orders;
  const home = customerRegions(tx, data.orderRegion, groups, summary.analysisDay);
  const matrix = segmentGroupMatrix(tx, home, groups.names.length, assignment, { throughDay: summary.analysisDay, highValueSegments });
  const rfm = regionRfm(groups, home, summary, scores, assignment, highValueSegments);
  return {
    names: [...groups.names],
    noRegion: groups.noRegion,
    merged: groups.names.flatMap((name, g) => (g !== groups.noRegion && groups.spellings[g].length > 1 ? [{ name, spellings: [...groups.spellings[g]] }] : [])),
    blankValues: groups.noRegion >= 0 ? [...groups.spellings[groups.noRegion]] : [],
    matrix,
    rfm,
    customers: rfm.reduce((sum, r) => sum + r.customers, 0),
  };
}

function regionRfm(groups: RegionGroups, home: Int32Array, summary: CustomerSummary, scores: RfmScores, assignment: SegmentAssignment, highValueSegments: readonly string[]): RegionRfmRow[] {
  const n = groups.names.length;
  const high = new Uint8Array(assignment.ids.length);
  for (const id of highValueSegments) {
    const s = assignment.ids.indexOf(id);
    if (s >= 0) high[s] = 1;
  }
  // Sums per region: customers, orders, revenue, recency, monetary, R, F, M, high value.
  const sums = Array.from({ length: 9 }, () => new Float64Array(n));
  const [customers, orders, revenue, recency, monetary, r, f, m, highValue] = sums;
  for (let c = 0; c < home.length; c++) {
    const g = home[c];
    if (g < 0 || summary.orders[c] === 0) continue;
    customers[g]++;
    orders[g] += summary.orders[c];
    revenue[g] += summary.revenue[c];
    recency[g] += summary.recency[c];
    monetary[g] += scores.monetaryValue[c];
    r[g] += scores.recency[c];
    f[g] += scores.frequency[c];
    m[g] += scores.monetary[c];
    const s = assignment.segment[c];
    if (s !== UNASSIGNED && high[s]) highValue[g]++;
  }
  const mean = (sum: Float64Array, g: number) => (customers[g] > 0 ? sum[g] / customers[g] : 0);
  return groups.names.map((_, g) => ({
    region: g,
    customers: customers[g],
    orders: orders[g],
    revenue: revenue[g],
    meanRecency: mean(recency, g),
    meanOrders: mean(orders, g),
    meanMonetary: mean(monetary, g),
    meanR: mean(r, g),
    meanF: mean(f, g),
    meanM: mean(m, g),
    highValue: highValue[g],
    highValueShare: mean(highValue, g),
  }));
}
