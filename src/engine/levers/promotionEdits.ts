/**
 * Ops for editing promotions, one small function per kind of edit. Promotions are named by id; a
 * scenario's change to one has no id of its own and is addressed by position inside its scenario.
 */
import type { Op } from '../patch';
import type { Plan, Promotion, PromotionChange } from '../types';

export function addPromotionOps(plan: Plan, p: Promotion): Op[] {
  if (!plan.promotions) return [{ path: ['promotions'], value: [p] }];
  return [{ path: ['promotions', { id: p.id }], value: p, insert: true }];
}

/** Sets one field of a promotion (undefined removes an optional one: pull-forward, hangover). */
export function setPromotionFieldOps<K extends keyof Promotion>(id: string, key: K, value: Promotion[K] | undefined): Op[] {
  return [{ path: ['promotions', { id }, key], value }];
}

/** Removes a promotion and every scenario's change to it. */
export function removePromotionOps(plan: Plan, id: string): Op[] {
  const ops: Op[] = [{ path: ['promotions', { id }], value: undefined }];
  for (const s of plan.scenarios) {
    const list = s.promotions ?? [];
    if (!list.some((c) => c.promotionId === id)) continue;
    const kept = list.filter((c) => c.promotionId !== id);
    ops.push({ path: ['scenarios', { id: s.id }, 'promotions'], value: kept.length > 0 ? kept : undefined });
  }
  return ops;
}

/**
 * Sets (or, with undefined, clears) one field of a scenario's change to a promotion; a change left
 * with nothing to change is removed.
 */
export function scenarioPromotionOps(plan: Plan, scenarioId: string, promotionId: string, key: 'enabled' | 'depth' | 'lift', value: boolean | number | undefined): Op[] {
  const s = plan.scenarios.find((x) => x.id === scenarioId);
  if (!s) return [];
  const list = (s.promotions ?? []).map((c) => ({ ...c }));
  let change = list.find((c) => c.promotionId === promotionId);
  if (!change) {
    change = { promotionId };
    list.push(change);
  }
  if (value === undefined) delete change[key];
  else (change as Record<string, unknown>)[key] = value;
  const kept = list.filter((c: PromotionChange) => c.enabled !== undefined || c.depth !== undefined || c.lift !== undefined);
  return [{ path: ['scenarios', { id: scenarioId }, 'promotions'], value: kept.length > 0 ? kept : undefined }];
}
