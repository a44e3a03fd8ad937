import type { CompiledCustomMetric, EvalResult } from './expr';
import { isDriverKey } from './metrics';
import { isFlowMetric, isRatioMetric, rollupDriver, rollupValue, type Rollup } from './rollup';

/**
 * Values of every custom metric for one group and bucket of a roll-up. Custom formulas see the same
 * numbers a user sees at that level: sums for flows, ratios of sums for ratios, effective rates for
 * drivers; metrics are evaluated in dependency order so one may use another. `more` answers the names
 * that are neither (channel KPIs) for this cell.
 */
export function customMetricValues(
  r: Rollup, ordered: readonly CompiledCustomMetric[], g: number, b: number, more?: (name: string) => number | null,
): Map<string, EvalResult> {
  const out = new Map<string, EvalResult>();
  const lookup = (name: string): number | null => {
    const custom = out.get(name);
    if (custom) return custom.ok ? custom.value : null;
    if (isFlowMetric(name) || isRatioMetric(name)) return rollupValue(r, name, g, b);
    if (isDriverKey(name)) return rollupDriver(r, name, g, b);
    // Names with values of their own outside the plan's flows (channel KPIs: docs/model.md#channel-kpis).
    return more ? more(name) : null;
  };
  for (const c of ordered) out.set(c.metric.name, c.expr.evaluate(lookup));
  return out;
}
