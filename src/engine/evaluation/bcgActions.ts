/**
 * What each BCG quadrant recommends (seed 004: invest in question marks to grow their share, drop
 * dogs that cannot be turned round) and the one-click scenario that applies it to a channel.
 */
import type { Adjustment, ChannelExit, DemandTransfer, DriverKey, Plan, Scenario } from '../types';
import type { BcgQuadrant } from './bcg';

/**
 *   investToHold        star: spend +10 %
 *   maintainAndHarvest  cash cow: spend −10 %
 *   investSelectively   question mark: spend +20 % (or the user's figure)
 *   exit                dog: the channel is closed (a life-cycle exit, docs/model.md#channel-life-cycle) —
 *                       no spend, no fixed cost, no base traffic; a share of its orders may move to
 *                       channels the user picks
 *   cutToMinimum        dog: spend cut to the channel's minimum, the channel kept open
 */
export type BcgActionKey = 'investToHold' | 'maintainAndHarvest' | 'investSelectively' | 'exit' | 'cutToMinimum';

/** What an action changes: spend scaled by a percentage, spend cut to the minimum, or the channel closed. */
export type ActionChange = { kind: 'scale'; percent: number } | { kind: 'toMinimum' } | { kind: 'exit' };

export interface QuadrantAction {
  key: BcgActionKey;
  change: ActionChange;
}

/** Extra spend for a question mark unless the caller picks another figure. */
export const DEFAULT_QUESTION_MARK_PERCENT = 20;

/**
 * Modest steps on purpose: a scenario is a starting point to look at, and ±10 % keeps a star or cash
 * cow near the part of its response curve the plan was built on. Question marks get more because
 * the point of investing in them is to find out whether share follows. A dog has two: "fix or exit"
 * is a choice, and closing a channel is not the same as starving it of spend (its rent, staff and
 * walk-in traffic stay with a cut).
 */
export const QUADRANT_ACTIONS: Readonly<Record<BcgQuadrant, readonly QuadrantAction[]>> = deepFreeze({
  star: [{ key: 'investToHold', change: { kind: 'scale', percent: 10 } }],
  cashCow: [{ key: 'maintainAndHarvest', change: { kind: 'scale', percent: -10 } }],
  questionMark: [{ key: 'investSelectively', change: { kind: 'scale', percent: DEFAULT_QUESTION_MARK_PERCENT } }],
  dog: [
    { key: 'exit', change: { kind: 'exit' } },
    { key: 'cutToMinimum', change: { kind: 'toMinimum' } },
  ],
});

/** Shared constants are frozen all the way down: no view can change what a quadrant recommends. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * The exit of a dog: from `month` (default the plan's first month) with the demand transfers the user
 * picked (default none: its orders are lost).
 */
export function actionExit(plan: Plan, channelId: string, month?: string, transfers: readonly DemandTransfer[] = []): ChannelExit {
  return { channelId, month: month ?? plan.timeline.start, transfers: transfers.map((tr) => ({ ...tr })) };
}

/** The drivers closing a channel sets to zero: without them it has no traffic, revenue or cost. */
export const EXIT_DRIVERS: readonly DriverKey[] = ['spend', 'fixedCost', 'baseTraffic'];

/**
 * Per-period spend that keeps a channel at its minimum. Budget bounds are totals over the plan (as
 * the optimiser reads them) while a 'set' adjustment sets every period, so the minimum is spread
 * evenly and rounded up to whole minor units: the channel never ends below the bound. No bound
 * means 0. A frozen flag is ignored: it ties the optimiser's hands, not what a user may try.
 */
export function minimumSpendPerPeriod(plan: Plan, channelId: string): number {
  const min = plan.budgetBounds.find((b) => b.channelId === channelId)?.min;
  if (typeof min !== 'number' || !Number.isFinite(min) || min <= 0) return 0;
  return Math.ceil(min / plan.timeline.periods);
}

export interface ActionOptions {
  /** Spend change for a question mark, percent; default DEFAULT_QUESTION_MARK_PERCENT. */
  questionMarkPercent?: number;
}

/** The percentage a scale action applies (a question mark's may come from the user). */
export function actionPercent(action: QuadrantAction, options: ActionOptions = {}): number | null {
  if (action.change.kind !== 'scale') return null;
  return action.key === 'investSelectively' ? (options.questionMarkPercent ?? action.change.percent) : action.change.percent;
}

/**
 * The adjustments that apply an action to one channel over the whole timeline; ids come from the
 * caller (the engine never invents ids). Throws RangeError for an unusable percent (the caller's
 * mistake, not user input).
 */
export function actionAdjustments(plan: Plan, channelId: string, action: QuadrantAction, newId: () => string, options: ActionOptions = {}): Adjustment[] {
  const target = { kind: 'channels' as const, ids: [channelId] };
  const set = (driver: DriverKey, value: number): Adjustment => ({ id: newId(), target, driver, op: { kind: 'set', value }, enabled: true });
  switch (action.change.kind) {
    case 'exit':
      // Closing a channel is a life-cycle exit (actionExit), not an adjustment of its drivers.
      return [];
    case 'toMinimum':
      return [set('spend', minimumSpendPerPeriod(plan, channelId))];
    case 'scale': {
      const percent = actionPercent(action, options) as number;
      // Below −100 % spend would turn negative (validateScenarios refuses it too).
      if (!Number.isFinite(percent) || percent < -100) throw new RangeError(`Unusable spend change ${percent} %`);
      return [{ id: newId(), target, driver: 'spend', op: { kind: 'scale', percent }, enabled: true }];
    }
  }
}

export interface ActionScenarioOptions extends ActionOptions {
  scenarioId: string;
  newId: () => string;
  name: string;
  notes?: string;
  /** The scenario the matrix was computed on: the action builds on it. Null = the baseline. */
  parentId?: string | null;
  /** For an exit: its first month (default the plan's first) and where its orders go (default nowhere). */
  exitMonth?: string;
  transfers?: readonly DemandTransfer[];
}

/** A new scenario applying an action to one channel. Throws RangeError for a channel the plan does not have. */
export function actionScenario(plan: Plan, channelId: string, action: QuadrantAction, options: ActionScenarioOptions): Scenario {
  if (!plan.channels.some((c) => c.id === channelId)) throw new RangeError(`Unknown channel "${channelId}"`);
  return {
    id: options.scenarioId,
    name: options.name,
    parentId: options.parentId ?? null,
    notes: options.notes ?? '',
    adjustments: actionAdjustments(plan, channelId, action, options.newId, options),
    ...(action.change.kind === 'exit' ? { exits: [actionExit(plan, channelId, options.exitMonth, options.transfers)] } : {}),
  };
}
