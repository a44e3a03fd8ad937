/**
 * Ops for the list edits views make: moving a row, removing a channel with the settings that name
 * it. They name items by key (see patch.ts), so they mean the same thing on another tab's version.
 */
import { itemKey } from './itemKey';
import { moveOp, type Op, type Path } from './patch';
import type { Plan } from './types';

/** Moves element `index` of `list` (at `listPath`) one place up (−1) or down (+1); null at an end. */
export function moveByOne(list: readonly unknown[], listPath: Path, index: number, delta: -1 | 1): Op | null {
  const j = index + delta;
  if (index < 0 || index >= list.length || j < 0 || j >= list.length) return null;
  const key = itemKey(list[index]);
  if (key === null) return null;
  // Up: after the element two places above (or first); down: after the element below.
  const after = delta < 0 ? (j === 0 ? null : itemKey(list[j - 1])) : itemKey(list[j]);
  return moveOp([...listPath, { id: key }], after);
}

/**
 * Removes a channel and what names it: the settings that exist only for it (optimiser bounds,
 * uncertainty ranges, its CLV, price and KPIs), and its place in promotions, price changes and
 * scenario exits — so no part of the plan is left pointing at a channel that is gone.
 */
export function removeChannelOps(plan: Plan, channelId: string): Op[] {
  const ops: Op[] = [{ path: ['channels', { id: channelId }], value: undefined }];
  for (const b of plan.budgetBounds) if (b.channelId === channelId) ops.push({ path: ['budgetBounds', { id: itemKey(b) ?? '' }], value: undefined });
  for (const u of plan.uncertainty) if (u.channelId === channelId) ops.push({ path: ['uncertainty', { id: u.id }], value: undefined });
  // Its CLV goes too: LTV:CAC and the optimiser read the snapshot by channel.
  if (plan.customerValue?.channels.some((c) => c.channelId === channelId)) ops.push({ path: ['customerValue', 'channels', { id: `channel:${channelId}` }], value: undefined });
  const key = { id: `channel:${channelId}` };
  // Its price and its KPIs go; promotions and price changes keep their other channels.
  if (plan.prices?.channels.some((c) => c.channelId === channelId)) ops.push({ path: ['prices', 'channels', key], value: undefined });
  if (plan.channelKpis && Object.hasOwn(plan.channelKpis.channels, channelId)) ops.push({ path: ['channelKpis', 'channels', channelId], value: undefined });
  for (const p of plan.promotions ?? []) {
    if (p.channelIds.includes(channelId)) ops.push({ path: ['promotions', { id: p.id }, 'channelIds'], value: p.channelIds.filter((id) => id !== channelId) });
  }
  for (const s of plan.scenarios) {
    const at = ['scenarios', { id: s.id }] as const;
    for (const c of s.priceChanges ?? []) {
      if (c.channelIds.includes(channelId)) ops.push({ path: [...at, 'priceChanges', { id: c.id }, 'channelIds'], value: c.channelIds.filter((id) => id !== channelId) });
    }
    // A scenario that closed the channel has nothing left to close; demand it sent there goes nowhere.
    for (const e of s.exits ?? []) {
      if (e.channelId === channelId) ops.push({ path: [...at, 'exits', key], value: undefined });
      else if (e.transfers.some((x) => x.channelId === channelId)) ops.push({ path: [...at, 'exits', { id: `channel:${e.channelId}` }, 'transfers', key], value: undefined });
    }
  }
  return ops;
}

/** Puts a removed item back after the item keyed `after` (or last when that one is gone too). */
export function reinsertOp(listPath: Path, item: unknown, after: string | null): Op {
  return { path: [...listPath, { id: itemKey(item) ?? '' }], value: item, insert: true, after };
}
