import type { CompiledCustomMetric, EvalResult } from './expr';
import { isDriverKey } from './metrics';
import { isFlowMetric, isRatioMetric, rollupDriver, rollupValue, type Rollup } from './rollup';

/**
 * Values of every custom metric for one group and bucket of a roll-up. Custom formulas see the same
 * numbers a user sees at that level: sums for flows, ratios of sums for ratios, effective rates for
 * drivers; metrics are evaluated in dependency order so one may use another.
 */
export function customMetricValues(r: Rollup, ordered: readonly CompiledCustomMetric[], g: number, b: number): Map<string, EvalResult> {
  const out = new Map<string, EvalResult>();
  const lookup = (name: string): number | null => {
    const custom = out.get(name);
    if (custom) return custom.ok ? custom.value : null;
    if (isFlowMetric(name) || isRatioMetric(name)) return rollupValue(r, name, g, b);
    if (isDriverKey(name)) return rollupDriver(r, name, g, b);
    return null;
  };
  for (const c of ordered) out.set(c.metric.name, c.expr.evaluate(lookup));
  return out;
}
