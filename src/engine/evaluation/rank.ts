/**
 * Competition ranking ("1, 2, 2, 4"), higher is better: channels or partners with the same score
 * share a rank and the next one skips as many places as there were ties, so a rank always says how
 * many others did strictly better.
 */

/**
 * Scores this close count as equal. Weighted sums of the same numbers taken in a different order
 * differ in the last bits; without a tolerance two partners with identical marks could rank 1 and 2.
 * Neighbours in sorted order are compared, so a run of scores each within the tolerance of the next
 * forms one tie.
 */
export const RANK_TOLERANCE = 1e-9;

/**
 * Rank of each score, in input order; null scores get no rank and do not take a place. Also returns
 * the order (indices, best first; exact ties keep input order), so lists are stable from run to run.
 */
export function competitionRanks(scores: readonly (number | null)[]): { ranks: (number | null)[]; order: number[] } {
  const order: number[] = [];
  scores.forEach((s, i) => {
    if (s !== null && Number.isFinite(s)) order.push(i);
  });
  // Array.prototype.sort is stable, so equal scores keep their input order.
  order.sort((a, b) => (scores[b] as number) - (scores[a] as number));
  const ranks: (number | null)[] = scores.map(() => null);
  order.forEach((idx, k) => {
    if (k > 0) {
      const prev = order[k - 1];
      if ((scores[prev] as number) - (scores[idx] as number) <= RANK_TOLERANCE) {
        ranks[idx] = ranks[prev];
        return;
      }
    }
    ranks[idx] = k + 1;
  });
  return { ranks, order };
}
