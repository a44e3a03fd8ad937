/**
 * The plan as a result sees it: channels in the order of `result.channelIds`. A scenario that
 * launches channels computes with more channels than the plan has (launches.ts), so anything that
 * reads a result row by row — roll-ups, grids, charts, exports — must take its channels from here,
 * never from `plan.channels` by position.
 */
import { DRIVER_KEYS, type Channel, type Driver, type DriverKey, type Plan } from '../types';

/** Every channel a result of the plan can hold, by id: the baseline's, then every scenario's launches. */
export function knownChannels(plan: Plan): Map<string, Channel> {
  const out = new Map<string, Channel>();
  for (const ch of plan.channels) out.set(ch.id, ch);
  for (const s of plan.scenarios) for (const l of s.launches ?? []) if (!out.has(l.channel.id)) out.set(l.channel.id, l.channel);
  return out;
}

/**
 * A stand-in for a channel a result names but the plan no longer has (a result computed before its
 * scenario was edited): its row keeps its id until the next result arrives.
 */
function goneChannel(id: string): Channel {
  const drivers = Object.fromEntries(DRIVER_KEYS.map((k) => [k, { base: 0 }])) as Record<DriverKey, Driver>;
  return { id, name: id, type: 'other', role: 'auxiliary', regions: [], color: '#888888', drivers, curve: { type: 'none', max: 0, halfSat: 0, shape: 1 } };
}

/** The plan with the channels of the result (the same object when they are the plan's own). */
export function resultPlan(plan: Plan, result: { channelIds: readonly string[] }): Plan {
  const ids = result.channelIds;
  if (ids.length === plan.channels.length && ids.every((id, c) => plan.channels[c].id === id)) return plan;
  const known = knownChannels(plan);
  const channels = ids.map((id) => known.get(id) ?? goneChannel(id));
  return { ...plan, channels };
}

/**
 * Channels of several results side by side: the plan's, then every other channel in the order the
 * results first name it. A view comparing results has one row per channel here and reads 0 where a
 * result lacks the channel (launched in another scenario, or not launched in the baseline).
 */
export function unionChannels(plan: Plan, results: readonly { channelIds: readonly string[] }[]): Channel[] {
  const known = knownChannels(plan);
  const seen = new Set(plan.channels.map((c) => c.id));
  const out = [...plan.channels];
  for (const r of results) {
    for (const id of r.channelIds) {
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(known.get(id) ?? goneChannel(id));
    }
  }
  return out;
}
