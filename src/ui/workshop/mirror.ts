import type { Plan } from '../../engine/types';

/**
 * The facilitator's window and the projector window talk over a BroadcastChannel (same origin, same
 * browser, no network). The facilitator sends its whole state after every change; a projector that
 * opens late says hello and gets the current state at once. While it is open it also says it is
 * alive every few seconds: a closed or crashed window sends no goodbye, and the projector must not
 * keep showing old figures as if they were current.
 */
export type MirrorMessage =
  | { type: 'hello' }
  | { type: 'state'; plan: Plan; scenarioId: string | null; contrast: boolean }
  | { type: 'alive' }
  | { type: 'bye' };

/** How often the facilitator's window says it is alive, and how long the projector waits before it says the facilitator has left. */
export const ALIVE_EVERY_MS = 2_000;
export const LEFT_AFTER_MS = 7_000;

export function mirrorChannel(planId: string): BroadcastChannel {
  return new BroadcastChannel(`cmp-workshop-${planId}`);
}

/** Accepts only well-formed messages: another tab of the same origin could post anything. */
export function readMirrorMessage(data: unknown): MirrorMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m.type === 'hello' || m.type === 'bye' || m.type === 'alive') return { type: m.type };
  if (m.type === 'state' && typeof m.plan === 'object' && m.plan !== null && (m.scenarioId === null || typeof m.scenarioId === 'string')) {
    return { type: 'state', plan: m.plan as Plan, scenarioId: m.scenarioId as string | null, contrast: m.contrast === true };
  }
  return null;
}
