/**
 * Levers that act on the resolved drivers of a cell rather than on a driver's own values: a channel's
 * price and the promotions it runs (docs/model.md#levers). They apply in one place, after a
 * scenario's adjustments, so that every path computing from a DriverSeries — the formula graph, the
 * optimiser's models, goal seek, Monte Carlo, the tornado, response curves — sees them the same way.
 *
 * Months a scenario has actualised are left alone: the actuals already hold whatever the prices and
 * promotions of those months did.
 */
import type { DriverSeries } from '../driverSeries';
import { scenarioChain } from '../scenarios/chain';
import type { Plan } from '../types';
import { applyPrices } from './price';
import { applyPromotions } from './promotions';

/** First period the levers act on: the one after the last actualised month of the scenario's chain. */
export function firstLeverPeriod(plan: Plan, months: readonly string[], scenarioId: string | null): number {
  if (scenarioId === null) return 0;
  let first = 0;
  for (const s of scenarioChain(plan, scenarioId)) {
    if (!s.actualise) continue;
    const k = months.findIndex((m) => m > s.actualise!.through);
    first = Math.max(first, k < 0 ? months.length : k);
  }
  return first;
}

/** Applies the plan's (and the scenario's) price and promotion levers to `series`, in place. */
export function applyLevers(plan: Plan, series: DriverSeries, months: readonly string[], scenarioId: string | null): void {
  const from = firstLeverPeriod(plan, months, scenarioId);
  if (from >= months.length) return;
  // Promotions discount from the price of the month, so prices apply first.
  applyPrices(plan, series, months, scenarioId, from);
  applyPromotions(plan, series, months, scenarioId, from);
}
