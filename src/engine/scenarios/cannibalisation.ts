import type { Plan } from '../types';

/** A usable cannibalisation pair, by channel index. */
export interface CannibalisationPair {
  from: number;
  to: number;
  rate: number;
}

/**
 * The pairs compute can use. Rates outside 0–1 (or not numbers), self-pairs and unknown channel
 * ids are left out rather than guessed at; validateScenarios reports each of them to the user.
 */
export function cannibalisationPairs(plan: Plan): CannibalisationPair[] {
  const list = plan.cannibalisation;
  if (!list || list.length === 0) return [];
  const index = new Map(plan.channels.map((ch, c) => [ch.id, c] as const));
  const pairs: CannibalisationPair[] = [];
  for (const p of list) {
    const from = index.get(p.from);
    const to = index.get(p.to);
    if (from === undefined || to === undefined || from === to) continue;
    if (typeof p.rate !== 'number' || !(p.rate >= 0 && p.rate <= 1)) continue;
    // A zero rate changes nothing; leaving it out keeps such plans on the fast path.
    if (p.rate > 0) pairs.push({ from, to, rate: p.rate });
  }
  return pairs;
}
