/**
 * Plan edits for channel launches and exits in scenarios, as ops: one function per kind of edit, each
 * one undo step. The lists are replaced whole at ['scenarios', i, 'launches' | 'exits'].
 */
import { CHANNEL_PALETTE } from '../engine/channelDefaults';
import { knownChannels } from '../engine/lifecycle/resultPlan';
import { channelOfType } from '../engine/lifecycle/typeDefaults';
import { currencyDigits } from '../engine/money';
import type { Op } from '../engine/patch';
import type { ChannelExit, ChannelLaunch, ChannelType, DemandTransfer, Plan, RampShape, Scenario } from '../engine/types';
import { newId } from './ids';
import { scenarioIndex } from './scenarioEdits';

export interface LaunchInput {
  name: string;
  type: ChannelType;
  month: string;
  rampMonths: number;
  rampShape: RampShape;
  /** Minor units. */
  launchCost: number;
}

/** A launch of a new channel with its type's starting drivers and an id no channel of the plan has. */
export function newLaunch(plan: Plan, input: LaunchInput): ChannelLaunch {
  const used = knownChannels(plan).size;
  const color = CHANNEL_PALETTE[used % CHANNEL_PALETTE.length];
  const channel = channelOfType(newId('ch-new-'), input.name, input.type, color, currencyDigits(plan.currency));
  return { channel, month: input.month, rampMonths: input.rampMonths, rampShape: input.rampShape, launchCost: input.launchCost };
}

export function addLaunchOps(plan: Plan, scenarioId: string, launch: ChannelLaunch): Op[] {
  const si = scenarioIndex(plan, scenarioId);
  if (si < 0) return [];
  return [{ path: ['scenarios', si, 'launches'], value: [...(plan.scenarios[si].launches ?? []), launch] }];
}

/** Takes a launch out, with the scenario's exits and transfers that name the channel. */
export function removeLaunchOps(plan: Plan, scenarioId: string, channelId: string): Op[] {
  const si = scenarioIndex(plan, scenarioId);
  if (si < 0) return [];
  const s = plan.scenarios[si];
  const ops: Op[] = [{ path: ['scenarios', si, 'launches'], value: (s.launches ?? []).filter((l) => l.channel.id !== channelId) }];
  if (s.exits?.some((e) => e.channelId === channelId || e.transfers.some((tr) => tr.channelId === channelId))) {
    const exits = s.exits.filter((e) => e.channelId !== channelId).map((e) => ({ ...e, transfers: e.transfers.filter((tr) => tr.channelId !== channelId) }));
    ops.push({ path: ['scenarios', si, 'exits'], value: exits });
  }
  return ops;
}

/** Adds an exit, replacing an earlier exit of the same channel in this scenario. */
export function setExitOps(plan: Plan, scenarioId: string, exit: ChannelExit): Op[] {
  const si = scenarioIndex(plan, scenarioId);
  if (si < 0) return [];
  const rest = (plan.scenarios[si].exits ?? []).filter((e) => e.channelId !== exit.channelId);
  return [{ path: ['scenarios', si, 'exits'], value: [...rest, exit] }];
}

export function removeExitOps(plan: Plan, scenarioId: string, channelId: string): Op[] {
  const si = scenarioIndex(plan, scenarioId);
  if (si < 0) return [];
  return [{ path: ['scenarios', si, 'exits'], value: (plan.scenarios[si].exits ?? []).filter((e) => e.channelId !== channelId) }];
}

/** Transfers with a share above 0, in the order given. */
export function transfersOf(shares: Readonly<Record<string, number>>): DemandTransfer[] {
  return Object.entries(shares)
    .filter(([, share]) => share > 0)
    .map(([channelId, share]) => ({ channelId, share }));
}

/**
 * "Exit this dog": a new scenario (on `parentId`, the scenario the matrix shows) with the exit, or the exit added to an existing
 * scenario (`into`). One undo step either way.
 */
export function exitChannelScenarioOps(plan: Plan, exit: ChannelExit, name: string, into: string | null, parentId: string | null = null, notes = ''): { ops: Op[]; id: string } {
  if (into !== null && scenarioIndex(plan, into) >= 0) return { ops: setExitOps(plan, into, exit), id: into };
  const scenario: Scenario = { id: newId('sc'), name, parentId, adjustments: [], notes, exits: [exit] };
  return { ops: [{ path: ['scenarios'], value: [...plan.scenarios, scenario] }], id: scenario.id };
}
