/**
 * The fixed-pot game on the projector: the facilitator's game sends whether it is open and the mix
 * on its sliders over a channel of its own (same origin, no network), and the projector's copy
 * shows that mix. A projector that opens late asks and gets the current state at once. The game has
 * its own channel so that the workshop's mirror message stays as it is.
 */
export type PotMessage = { type: 'hello' } | { type: 'pot'; open: boolean; spends: number[] | null; source: string };

export function potChannel(planId: string): BroadcastChannel {
  return new BroadcastChannel(`cmp-pot-${planId}`);
}

/** Accepts only well-formed messages: another tab of the same origin could post anything. */
export function readPotMessage(data: unknown): PotMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m.type === 'hello') return { type: 'hello' };
  if (m.type !== 'pot' || typeof m.open !== 'boolean' || typeof m.source !== 'string' || m.source.length > 12) return null;
  const spends = m.spends === null ? null : Array.isArray(m.spends) && m.spends.length <= 10_000 && m.spends.every((x) => Number.isSafeInteger(x) && x >= 0) ? (m.spends as number[]) : undefined;
  if (spends === undefined) return null;
  return { type: 'pot', open: m.open, spends: spends ? [...spends] : null, source: m.source };
}
