import type { DriverSeries } from '../driverSeries';
import type { Plan } from '../types';

/** Promotions of the plan and the scenario acting on the drivers of periods `from` onwards (nothing yet). */
export function applyPromotions(plan: Plan, series: DriverSeries, months: readonly string[], scenarioId: string | null, from: number): void {
  void plan;
  void series;
  void months;
  void scenarioId;
  void from;
}
