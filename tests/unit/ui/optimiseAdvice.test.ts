import { describe, expect, it } from 'vitest';
import { efficientFrontier } from '../../../src/engine/optimiser';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import { frontierOption } from '../../../src/ui/optimise/optimiseCharts';
import { marginalText, marginText, oneUnit, perUnit, profitLevel } from '../../../src/ui/optimise/optimiseAdvice';

const money = { currency: 'CNY', locale: 'en' };

describe('optimiser advice in words', () => {
  it('says how much of each extra unit is lost past the profitable level, and gained below it', () => {
    expect(oneUnit(money)).toBe('¥1');
    expect(perUnit(0.44, money)).toBe('¥0.44');
    const past = marginText(-0.56, money);
    expect(past).toContain('each extra ¥1 of spend returns ¥0.44');
    expect(past).toContain('¥0.56 of it is lost');
    expect(past).toContain('past the profitable level');
    const below = marginText(0.3, money);
    expect(below).toContain('returns ¥1.30');
    expect(below).toContain('¥0.30 more contribution');
    expect(marginText(0.001, money)).toContain('at the profitable level');
    expect([profitLevel(-0.01), profitLevel(0.004), profitLevel(0.02)]).toEqual(['past', 'at', 'below']);
    expect([marginalText(-0.5612, 'en'), marginalText(0.3, 'en'), marginalText(0.001, 'en'), marginalText(Infinity, 'en')]).toEqual(['−0.56', '+0.30', '0.00', '∞']);
  });
});

interface Series { name: string; data: number[][]; label?: { formatter: () => string }; markLine?: { data: { xAxis: number }[] } }

describe('efficient frontier chart', () => {
  it('marks the best budget (labelled, with a line) and today’s allocation, and the answer when elsewhere', () => {
    const plan = generateSyntheticPlan({ channels: 5, periods: 12, seed: 3 });
    for (const ch of plan.channels) ch.curve.shape = Math.min(ch.curve.shape, 1);
    const f = efficientFrontier(plan, { objective: 'contribution', scenarioId: null, bounds: [] });
    const series = (frontierOption(f, money, 'Contribution', 123, 456) as unknown as { series: Series[] }).series;
    const best = series.find((s) => s.name === 'Best budget') as Series;
    expect(best.data).toEqual([[f.bestBudget, f.bestObjective]]);
    expect(best.markLine?.data).toEqual([{ xAxis: f.bestBudget }]);
    expect(best.label?.formatter()).toMatch(/^Best budget ¥/);
    expect(series.find((s) => s.name === 'Today')?.data).toEqual([[f.todayBudget, f.todayObjective]]);
    expect(series.find((s) => s.name === 'This answer')?.data).toEqual([[123, 456]]);
    // The answer at the best budget is the best point itself: no second marker.
    const atBest = (frontierOption(f, money, 'Contribution', f.bestBudget, f.bestObjective) as unknown as { series: Series[] }).series;
    expect(atBest.some((s) => s.name === 'This answer')).toBe(false);
  });
});
