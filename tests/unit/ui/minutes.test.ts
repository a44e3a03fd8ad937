import { beforeAll, describe, expect, it } from 'vitest';
import type { Decision, Plan } from '../../../src/engine/types';
import { i18n } from '../../../src/state/i18n.svelte';
import { mdText, minutesMarkdown } from '../../../src/ui/workshop/minutes';
import { simpleChannel, simplePlan } from '../engine/planFixtures';

const kpis = (netRevenue: number, contribution: number, spend: number) => ({ netRevenue, contribution, spend, fixedCost: 0, orders: 1 });

function decision(over: Partial<Decision>): Decision {
  return {
    id: 'd1',
    at: Date.UTC(2027, 2, 1, 2, 30),
    scenarioId: 'p1',
    fromScenarioId: 'ws',
    name: 'Workshop 10:30',
    values: {},
    moves: [],
    kpis: kpis(150_000_00, 30_000_00, 10_000_00),
    baseline: kpis(100_000_00, 20_000_00, 8_000_00),
    rationale: '',
    ...over,
  };
}

beforeAll(async () => {
  await i18n.need('decisions');
});

describe('workshop minutes', () => {
  it('lists every proposal in pin order with its reason, moves and figures against the baseline', () => {
    const plan: Plan = simplePlan([simpleChannel('a')]);
    plan.decisions = [
      decision({ id: 'd2', at: Date.UTC(2027, 2, 1, 3), name: 'Second', moves: [{ adjustmentId: 'x', before: 'Spend +10%', after: 'Spend +30%' }] }),
      decision({ rationale: 'live-stream first' }),
    ];
    const md = minutesMarkdown(plan, { currency: 'CNY', locale: 'en' }, Date.UTC(2027, 2, 2));
    const lines = md.split('\n');
    expect(lines[0]).toBe(`# Workshop minutes: ${plan.name}`);
    const headings = lines.filter((l) => l.startsWith('## '));
    expect(headings.map((h) => h.split(' · ')[0])).toEqual(['## 1. Workshop 10:30', '## 2. Second']);
    expect(md).toContain('**Why:** live-stream first');
    expect(md).toContain('- Spend +10% → Spend +30%');
    // Figures: proposal, baseline and the change; ROI = contribution ÷ (spend + fixed cost), change in points.
    expect(md).toContain('| Net revenue | ¥150,000 | ¥100,000 | +¥50,000 |');
    expect(md).toContain('| Contribution | ¥30,000 | ¥20,000 | +¥10,000 |');
    expect(md).toContain('| ROI | 300% | 250% |');
    expect(md.match(/^\|---\|---:\|---:\|---:\|$/gm)).toHaveLength(2);
  });

  it('user text cannot become markup, a link or a table cell', () => {
    expect(mdText('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(mdText('[click](http://x) *a* | b `c`')).toBe('\\[click\\](http://x) \\*a\\* \\| b \\`c\\`');
    expect(mdText('two\nlines')).toBe('two lines');
    const plan: Plan = simplePlan([simpleChannel('a')]);
    plan.decisions = [decision({ name: '# not a heading | x', rationale: '<script>alert(1)</script>' })];
    const md = minutesMarkdown(plan, { currency: 'CNY', locale: 'en' }, 0);
    expect(md).not.toContain('<script>');
    expect(md).toContain('&lt;script&gt;');
    expect(md).toContain('## 1. # not a heading \\| x');
  });
});
