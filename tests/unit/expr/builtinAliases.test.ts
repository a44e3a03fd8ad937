import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { customMetricValues } from '../../../src/engine/customValues';
import { compileCustomMetrics, compileExpression, ExprError, resolveName } from '../../../src/engine/expr';
import { BUILTIN_NAMES } from '../../../src/engine/metrics';
import { isValidIdentifier } from '../../../src/engine/expr/names';
import { rollup, rollupValue } from '../../../src/engine/rollup';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import type { CustomMetric } from '../../../src/engine/types';
import { zhCN } from '../../../src/i18n/zh-CN';
import { zhTW } from '../../../src/i18n/zh-TW';

const metric = (id: string, name: string, formula: string): CustomMetric => ({ id, name, formula, format: 'number' });

describe('built-in metrics by their Chinese names in formulas', () => {
  const plan = generateSyntheticPlan({ channels: 3, periods: 12, seed: 8 });
  const total = rollup(plan, computePlan(plan), 'total', 'all');

  function valueOf(formula: string, custom: CustomMetric[] = []): number {
    const set = compileCustomMetrics([...custom, metric('x', 'x', formula)], BUILTIN_NAMES);
    expect(set.problems).toEqual([]);
    const r = customMetricValues(total, set.ordered, 0, 0).get('x');
    if (!r?.ok) throw new Error(`${formula} failed`);
    return r.value;
  }

  it('贡献利润 / 营销投入 (and 繁體 貢獻利潤 / 行銷投入) is contribution / spend', () => {
    const expected = (rollupValue(total, 'contribution', 0, 0) ?? NaN) / (rollupValue(total, 'spend', 0, 0) ?? NaN);
    expect(Number.isFinite(expected)).toBe(true);
    expect(valueOf('contribution / spend')).toBeCloseTo(expected, 12);
    expect(valueOf('贡献利润 / 营销投入')).toBeCloseTo(expected, 12);
    expect(valueOf('貢獻利潤 / 行銷投入')).toBeCloseTo(expected, 12);
    // Names may be mixed; a driver (毛利率) and a ratio (ROI) too.
    expect(valueOf('净收入 * 毛利率 - grossProfit + ROI')).toBeCloseTo(
      (rollupValue(total, 'netRevenue', 0, 0) ?? 0) * (total.flows.grossProfit[0] / total.flows.netRevenue[0]) - total.flows.grossProfit[0] + (rollupValue(total, 'roi', 0, 0) ?? 0),
      6,
    );
  });

  it('reports the name a formula uses as the built-in it stands for', () => {
    const known = new Set(['contribution', 'spend']);
    expect(compileExpression('贡献利润 / 营销投入 + contribution', known).names).toEqual(['contribution', 'spend']);
  });

  it('knows every Chinese name the app shows for a built-in metric or driver', () => {
    for (const [locale, catalogue] of [['zh-CN', zhCN], ['zh-TW', zhTW]] as const) {
      for (const key of BUILTIN_NAMES) {
        for (const label of [catalogue[`metric.${key}` as keyof typeof catalogue], catalogue[`driver.${key}` as keyof typeof catalogue]]) {
          if (typeof label !== 'string') continue;
          const name = label.replace(/\s+/g, '');
          if (!isValidIdentifier(name)) continue;
          expect(resolveName(name, BUILTIN_NAMES), `${locale} “${label}”`).toBe(key);
        }
      }
    }
  });

  it('a custom metric of the same name keeps its own meaning; unknown names still fail with a hint', () => {
    expect(valueOf('毛利 * 2', [metric('g', '毛利', '1000')])).toBe(2000);
    const set = compileCustomMetrics([metric('y', 'y', '净收益 / 营销投入')], BUILTIN_NAMES);
    const error = set.problems[0]?.error;
    expect(error).toBeInstanceOf(ExprError);
    expect(error?.code).toBe('unknownName');
    expect(error?.params.suggestion).toBe('净收入');
    expect(resolveName('constructor', BUILTIN_NAMES)).toBeNull();
    // Aliases resolve only to names the caller knows.
    expect(resolveName('净收入', new Set(['spend']))).toBeNull();
  });
});
