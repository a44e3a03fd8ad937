/** A regional pilot measured on the plan's monthly actuals (docs/model.md#tests-and-pilots). */
import { diffInDiff, type DidProblem, type DidResult } from '../../engine/experiments';
import type { Actuals } from '../../engine/types';
import { regionActuals } from '../../engine/variance/actualMonths';

export type PilotMeasure = 'netRevenue' | 'orders';

/** A group's monthly total; a month counts only when every region of the group gives it. */
export function groupSeries(actuals: Actuals, regionIds: readonly string[], measure: PilotMeasure, months: readonly string[]): (number | null)[] {
  const each = regionIds.map((id) => regionActuals(actuals, id, measure, months));
  return months.map((_, m) => (each.length > 0 && each.every((s) => s[m] !== null) ? each.reduce((sum, s) => sum + (s[m] as number), 0) : null));
}

export function pilotEffect(
  actuals: Actuals,
  pilotRegions: readonly string[],
  controlRegions: readonly string[],
  measure: PilotMeasure,
  months: readonly string[],
  firstMonth: string,
): DidResult | DidProblem | null {
  if (pilotRegions.length === 0 || controlRegions.length === 0) return null;
  return diffInDiff(groupSeries(actuals, pilotRegions, measure, months), groupSeries(actuals, controlRegions, measure, months), months.indexOf(firstMonth));
}
