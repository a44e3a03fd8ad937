/**
 * What each BCG quadrant recommends (seed 004: invest in question marks to grow their share, drop
 * dogs that cannot be turned round) and the one-click scenario that applies it to a channel's spend.
 */
import type { Adjustment, Plan, Scenario } from '../types';
import type { BcgQuadrant } from './bcg';

export type QuadrantActionKey = 'investToHold' | 'maintainAndHarvest' | 'investSelectively' | 'fixOrExit';

/** Scale spend by a percentage, or cut it to the channel's minimum (see quadrantScenario). */
export type SpendAction = { kind: 'scale'; percent: number } | { kind: 'toMinimum' };

export interface QuadrantAction {
  key: QuadrantActionKey;
  spend: SpendAction;
}

/** Extra spend for a question mark unless the caller picks another figure. */
export const DEFAULT_QUESTION_MARK_PERCENT = 20;

/**
 * Modest steps on purpose: a scenario is a starting point to look at, and ±10 % keeps a star or cash
 * cow near the part of its response curve the plan was built on. Question marks get more because
 * the point of investing in them is to find out whether share follows.
 */
export const QUADRANT_ACTIONS: Readonly<Record<BcgQuadrant, Readonly<QuadrantAction>>> = Object.freeze({
  star: Object.freeze({ key: 'investToHold', spend: Object.freeze({ kind: 'scale', percent: 10 }) }),
  cashCow: Object.freeze({ key: 'maintainAndHarvest', spend: Object.freeze({ kind: 'scale', percent: -10 }) }),
  questionMark: Object.freeze({ key: 'investSelectively', spend: Object.freeze({ kind: 'scale', percent: DEFAULT_QUESTION_MARK_PERCENT }) }),
  dog: Object.freeze({ key: 'fixOrExit', spend: Object.freeze({ kind: 'toMinimum' }) }),
} as const);

export interface QuadrantScenarioOptions {
  /** Ids and name come from the caller: the engine never invents ids. */
  scenarioId: string;
  adjustmentId: string;
  name: string;
  notes?: string;
  /** Spend change for a question mark, percent; default DEFAULT_QUESTION_MARK_PERCENT. */
  questionMarkPercent?: number;
}

/**
 * Per-period spend that keeps a dog at its minimum. Budget bounds are totals over the plan (as the
 * optimiser reads them) while a 'set' adjustment sets every period, so the minimum is spread evenly
 * and rounded up to whole minor units: the channel never ends below the bound. No bound means 0,
 * i.e. exit. A frozen flag is ignored: it ties the optimiser's hands, not what a user may try.
 */
export function minimumSpendPerPeriod(plan: Plan, channelId: string): number {
  const min = plan.budgetBounds?.find((b) => b.channelId === channelId)?.min;
  if (typeof min !== 'number' || !Number.isFinite(min) || min <= 0) return 0;
  return Math.ceil(min / plan.timeline.periods);
}

/**
 * A new scenario on top of the baseline applying the quadrant's action to one channel's spend over
 * the whole timeline. Throws RangeError for a channel the plan does not have or an unusable percent
 * (both are the caller's mistakes, not user input).
 */
export function quadrantScenario(plan: Plan, channelId: string, quadrant: BcgQuadrant, options: QuadrantScenarioOptions): Scenario {
  if (!plan.channels.some((c) => c.id === channelId)) throw new RangeError(`Unknown channel "${channelId}"`);
  const action = QUADRANT_ACTIONS[quadrant];
  let op: Adjustment['op'];
  if (action.spend.kind === 'toMinimum') {
    op = { kind: 'set', value: minimumSpendPerPeriod(plan, channelId) };
  } else {
    const percent = quadrant === 'questionMark' ? (options.questionMarkPercent ?? action.spend.percent) : action.spend.percent;
    // Below −100 % spend would turn negative (validateScenarios refuses it too).
    if (!Number.isFinite(percent) || percent < -100) throw new RangeError(`Unusable spend change ${percent} %`);
    op = { kind: 'scale', percent };
  }
  return {
    id: options.scenarioId,
    name: options.name,
    parentId: null,
    notes: options.notes ?? '',
    adjustments: [
      {
        id: options.adjustmentId,
        target: { kind: 'channels', ids: [channelId] },
        driver: 'spend',
        op,
        enabled: true,
      },
    ],
  };
}
