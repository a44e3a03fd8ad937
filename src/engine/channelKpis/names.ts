/**
 * Names a custom formula may use for channel KPIs (docs/model.md#channel-kpis): the scorecard's KPIs
 * plus the typed market size, floor area and average stock, so a planner can write
 * `netRevenue / floorArea / 12`. Kept apart from the KPI code: the formula checker loads with the app.
 */
import { CHANNEL_KPI_METRICS } from '../types';

export const KPI_FORMULA_NAMES = [...CHANNEL_KPI_METRICS, 'marketSize', 'floorArea', 'stock'] as const;
export type KpiFormulaName = (typeof KPI_FORMULA_NAMES)[number];

export function isKpiFormulaName(name: string): name is KpiFormulaName {
  return (KPI_FORMULA_NAMES as readonly string[]).includes(name);
}
