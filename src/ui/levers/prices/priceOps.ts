/**
 * The plan edits of the Prices view, one small function per kind of edit. A channel's price entry is
 * addressed by its key (`channel:<id>`, see engine/itemKey.ts), never by position. Edits to a channel
 * that has no price yet first create what is missing (the lever, then the entry), in the same edit,
 * so that one user action stays one undo step.
 */
import type { Op, PathKey } from '../../../engine/patch';
import type { ChannelPrice, ElasticitySource, Plan, PriceLever, PriceTarget } from '../../../engine/types';

/** ε a new lever starts with: unit elastic (1 % dearer, 1 % fewer orders), shown and editable. */
export const DEFAULT_ELASTICITY = -1;

export function entryRef(channelId: string): PathKey {
  return { id: `channel:${channelId}` };
}

function entryPath(channelId: string, ...rest: PathKey[]): PathKey[] {
  return ['prices', 'channels', entryRef(channelId), ...rest];
}

function newEntry(channelId: string): ChannelPrice {
  return { channelId, index: { base: 1 } };
}

/** Ops that create the lever and the entries of `channelIds` that the plan does not have yet. */
export function ensureOps(plan: Plan, channelIds: Iterable<string>): Op[] {
  const ids = [...new Set(channelIds)];
  if (!plan.prices) {
    const lever: PriceLever = { elasticity: DEFAULT_ELASTICITY, actsOn: 'conversion', channels: ids.map(newEntry) };
    return [{ path: ['prices'], value: lever }];
  }
  const have = new Set(plan.prices.channels.map((c) => c.channelId));
  return ids.filter((id) => !have.has(id)).map((id) => ({ path: entryPath(id), value: newEntry(id), insert: true }));
}

/** The channel ids that ops on price entries speak of. */
function channelsOf(ops: readonly Op[]): string[] {
  const out: string[] = [];
  for (const op of ops) {
    const key = op.path[2];
    if (op.path[0] === 'prices' && op.path[1] === 'channels' && typeof key === 'object' && key.id.startsWith('channel:')) out.push(key.id.slice('channel:'.length));
  }
  return out;
}

/** Ops on entries, preceded by what they need to exist (for the grid, whose cells give entry ops). */
export function withEntries(plan: Plan, ops: readonly Op[]): Op[] {
  return [...ensureOps(plan, channelsOf(ops)), ...ops];
}

/** One month's index typed (undefined clears it back to base and growth). */
export function monthIndexOp(channelId: string, month: string, value: number | undefined): Op {
  return { path: entryPath(channelId, 'index', 'overrides', month), value };
}

/** The index of every month that is not typed. */
export function baseIndexOp(channelId: string, value: number): Op {
  return { path: entryPath(channelId, 'index', 'base'), value };
}

/** A channel's own ε and where it came from (undefined ε: back to the plan's). */
export function elasticityOps(plan: Plan, channelId: string, elasticity: number | undefined, source: ElasticitySource | undefined): Op[] {
  return withEntries(plan, [
    { path: entryPath(channelId, 'elasticity'), value: elasticity },
    { path: entryPath(channelId, 'source'), value: elasticity === undefined ? undefined : source },
  ]);
}

export function actsOnOps(plan: Plan, channelId: string, actsOn: PriceTarget | undefined): Op[] {
  return withEntries(plan, [{ path: entryPath(channelId, 'actsOn'), value: actsOn }]);
}

/** P10–P90 of a channel's ε for Monte Carlo (undefined: ε taken as certain). */
export function rangeOps(plan: Plan, channelId: string, range: { low: number; high: number } | undefined): Op[] {
  return withEntries(plan, [{ path: entryPath(channelId, 'range'), value: range }]);
}

/** The channel back to today's price and the plan's ε: its entry goes. */
export function removeEntryOps(channelId: string): Op[] {
  return [{ path: entryPath(channelId), value: undefined }];
}

/** A setting of the lever itself (default ε, default acts-on, correlation with conversion). */
export function leverOps(plan: Plan, field: 'elasticity' | 'actsOn' | 'conversionCorrelation', value: number | PriceTarget | undefined): Op[] {
  return [...ensureOps(plan, []), { path: ['prices', field], value }];
}

/** An estimate from data as the channel's ε, with its source and its P10–P90 as the Monte Carlo range: one edit. */
export function estimateOps(plan: Plan, channelId: string, elasticity: number, source: ElasticitySource, range: { low: number; high: number }): Op[] {
  return withEntries(plan, [
    { path: entryPath(channelId, 'elasticity'), value: elasticity },
    { path: entryPath(channelId, 'source'), value: source },
    { path: entryPath(channelId, 'range'), value: range },
  ]);
}
