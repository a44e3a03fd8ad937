/**
 * The CRM export: one row per customer with an order — id, recency, frequency, monetary value, the
 * three scores, segment and ABC class. The same table for transactions analysed here and for a
 * customer summary computed elsewhere (the SQL path).
 */
import { ABC_CLASSES, type AbcResult } from './abc';
import type { MembershipExport } from './analysisTypes';
import type { CustomerSummary } from './columns';
import type { RfmScores } from './rfm';
import { UNASSIGNED, type SegmentAssignment } from './segments';

export const MEMBERSHIP_HEADER = ['customer', 'recency_days', 'frequency', 'monetary', 'r_score', 'f_score', 'm_score', 'segment', 'abc_class'];

export function membershipTable(
  ids: readonly string[], summary: CustomerSummary, scores: RfmScores, assignment: SegmentAssignment, abc: AbcResult,
): MembershipExport {
  const rows: MembershipExport['rows'] = [];
  for (let c = 0; c < summary.orders.length; c++) {
    if (summary.orders[c] === 0) continue;
    const s = assignment.segment[c];
    const cls = abc.classOf[c];
    rows.push([
      ids[c],
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
  return { header: [...MEMBERSHIP_HEADER], rows };
}
