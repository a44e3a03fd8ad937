/**
 * Segments, ABC classes and the CRM table of a customer summary computed where the data lives (the
 * SQL of sql.ts, imported with importCustomerSummary): the same analysis as for transactions
 * imported here, with R `rfm`'s defaults.
 */
import { abcClasses, type AbcClassRow } from './abc';
import type { MembershipExport } from './analysisTypes';
import type { CustomerSummary } from './columns';
import { membershipTable } from './membership';
import { scoreRfm } from './rfm';
import { assignSegments, R_RFM_SEGMENT_RULES, segmentTable, type SegmentRow } from './segments';
import { importCustomerSummary } from './summaryImport';
import type { SummaryProblem } from './summaryCsv';

export interface SummaryAnalysis {
  customers: number;
  analysisDay: number;
  segments: SegmentRow[];
  abc: AbcClassRow[];
  membership: MembershipExport;
}

export type SummaryFileResult =
  | { ok: true; analysis: SummaryAnalysis }
  | { ok: false; problems: readonly SummaryProblem[]; problemCount: number };

export function analyseCustomerSummary(ids: readonly string[], summary: CustomerSummary): SummaryAnalysis {
  const scores = scoreRfm(summary);
  const assignment = assignSegments(scores, R_RFM_SEGMENT_RULES);
  const abc = abcClasses(summary.revenue, { include: summary.orders });
  return {
    customers: summary.customersWithOrders,
    analysisDay: summary.analysisDay,
    segments: segmentTable(assignment, summary),
    abc: [...abc.classes],
    membership: membershipTable(ids, summary, scores, assignment, abc),
  };
}

/** Reads a summary file's text and analyses it; any problem in the file means no result. */
export function analyseSummaryFile(text: string, maxProblems: number): SummaryFileResult {
  const result = importCustomerSummary(text, { maxProblems });
  if (!result.ok) return { ok: false, problems: result.problems, problemCount: result.problemCount };
  return { ok: true, analysis: analyseCustomerSummary(result.value.customerIds, result.value.summary) };
}
