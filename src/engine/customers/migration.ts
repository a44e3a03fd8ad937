/**
 * Segment migration between two analysis dates: how many customers of each segment at the first date
 * sit in each segment at the second. Each date is scored on its own (its own quantile breaks), as a
 * report at that date would have been.
 */
import { customerSummary, type SummaryOptions, type Transactions } from './columns';
import { scoreRfm, type RfmOptions } from './rfm';
import { assignSegments, UNASSIGNED, type SegmentAssignment, type SegmentRule } from './segments';

/** Row of customers who had no order yet at the first date. */
export const NEW_CUSTOMERS = 'new';
/** Column of customers with a segment at the first date but none at the second (a second date before their first order). */
export const NO_SEGMENT = 'none';

export interface MigrationMatrix {
  /** Segments at the first date, then 'new'. */
  readonly fromIds: readonly string[];
  /** Segments at the second date, then 'none'. */
  readonly toIds: readonly string[];
  /** Row-major [from × toIds.length + to]. */
  readonly counts: Int32Array;
  /** counts / row total (0 in empty rows). */
  readonly rowShares: Float64Array;
}

/** RFM segments of every customer as of one analysis day: summary → scores → first matching rule. */
export function rfmSegmentsAt(
  tx: Transactions,
  analysisDay: number,
  rules: readonly SegmentRule[],
  options: SummaryOptions & RfmOptions = {},
): SegmentAssignment {
  return assignSegments(scoreRfm(customerSummary(tx, analysisDay, options), options), rules);
}

export function migrationMatrix(from: SegmentAssignment, to: SegmentAssignment): MigrationMatrix {
  if (from.segment.length !== to.segment.length) throw new RangeError('assignments cover different customers');
  const fromIds = [...from.ids, NEW_CUSTOMERS];
  const toIds = [...to.ids, NO_SEGMENT];
  const cols = toIds.length;
  const counts = new Int32Array(fromIds.length * cols);
  for (let c = 0; c < from.segment.length; c++) {
    const f = from.segment[c];
    const t = to.segment[c];
    if (f === UNASSIGNED && t === UNASSIGNED) continue;
    const row = f === UNASSIGNED ? fromIds.length - 1 : f;
    const col = t === UNASSIGNED ? cols - 1 : t;
    counts[row * cols + col]++;
  }
  const rowShares = new Float64Array(counts.length);
  for (let row = 0; row < fromIds.length; row++) {
    let total = 0;
    for (let col = 0; col < cols; col++) total += counts[row * cols + col];
    if (total > 0) for (let col = 0; col < cols; col++) rowShares[row * cols + col] = counts[row * cols + col] / total;
  }
  return { fromIds, toIds, counts, rowShares };
}
