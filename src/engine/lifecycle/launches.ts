/**
 * The channels a scenario computes with: the plan's own, then the channels its chain of scenarios
 * launches (root first), appended in that order. Appending keeps every baseline channel at its index;
 * views that set a scenario beside the baseline or another scenario must still match channels by id,
 * because two scenarios may launch different channels at the same index.
 */
import { scenarioChain } from '../scenarios/chain';
import type { ChannelExit, ChannelLaunch, Plan } from '../types';

export interface LifecycleEvents {
  launches: ChannelLaunch[];
  exits: ChannelExit[];
}

/** Launches and exits of the scenario and its ancestors, root first (empty for the baseline). */
export function lifecycleEvents(plan: Plan, scenarioId: string | null): LifecycleEvents {
  const out: LifecycleEvents = { launches: [], exits: [] };
  if (scenarioId === null) return out;
  for (const s of scenarioChain(plan, scenarioId)) {
    if (s.launches) out.launches.push(...s.launches);
    if (s.exits) out.exits.push(...s.exits);
  }
  return out;
}

/**
 * The plan with the scenario's launched channels added (the same object when it launches none). A
 * launch whose channel id is already taken is left out (validateLifecycle reports it), so that a
 * baseline channel is never replaced or doubled.
 */
export function withLaunches(plan: Plan, scenarioId: string | null): Plan {
  const { launches } = lifecycleEvents(plan, scenarioId);
  if (launches.length === 0) return plan;
  const ids = new Set(plan.channels.map((c) => c.id));
  const added = [];
  for (const l of launches) {
    if (ids.has(l.channel.id)) continue;
    ids.add(l.channel.id);
    added.push(l.channel);
  }
  return added.length === 0 ? plan : { ...plan, channels: [...plan.channels, ...added] };
}
