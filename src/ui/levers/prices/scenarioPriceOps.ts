/**
 * Edits of a scenario's price changes (docs/model.md#levers), addressed by the scenario's and the
 * change's ids; one function per kind of edit.
 */
import type { Op, PathKey } from '../../../engine/patch';
import type { PriceChange, Scenario } from '../../../engine/types';

/** The slider a new price change gets: −30 % … +30 % in steps of 1 %. */
export const PRICE_SLIDER = { min: -30, max: 30, step: 1 };

function changePath(scenarioId: string, changeId: string, ...rest: PathKey[]): PathKey[] {
  return ['scenarios', { id: scenarioId }, 'priceChanges', { id: changeId }, ...rest];
}

export function addPriceChangeOps(scenario: Scenario, change: PriceChange): Op[] {
  if (!scenario.priceChanges) return [{ path: ['scenarios', { id: scenario.id }, 'priceChanges'], value: [change] }];
  return [{ path: changePath(scenario.id, change.id), value: change, insert: true }];
}

export function removePriceChangeOps(scenarioId: string, changeId: string): Op[] {
  return [{ path: changePath(scenarioId, changeId), value: undefined }];
}

export function priceChangePercentOps(scenarioId: string, changeId: string, percent: number): Op[] {
  return [{ path: changePath(scenarioId, changeId, 'percent'), value: percent }];
}

export function priceChangeEnabledOps(scenarioId: string, changeId: string, enabled: boolean): Op[] {
  return [{ path: changePath(scenarioId, changeId, 'enabled'), value: enabled }];
}
