import { beforeAll, describe, expect, it } from 'vitest';
import { i18n } from '../../../src/state/i18n.svelte';
import { createPlanFromTemplate } from '../../../src/engine/templates';
import { proposalFrontier } from '../../../src/engine/workshop/proposalFrontier';
import { plainLabel, proposalFrontierOption, type NamedPoint } from '../../../src/ui/workshop/frontierChart';

const money = { currency: 'CNY', locale: 'en' };

beforeAll(async () => {
  await i18n.need('pot');
});

describe('proposals against the frontier chart', () => {
  it('labels points with plain text and escapes names in the HTML tooltip', () => {
    const plan = createPlanFromTemplate('beauty', { id: 'p1', now: 0, locale: 'en' });
    const { frontier, points } = proposalFrontier(plan, null, [null, null], []);
    const named: NamedPoint[] = [
      { name: '<img src=x onerror=alert(1)>', kind: 'baseline', point: points[0]! },
      { name: '{b|boom}', kind: 'proposal', point: { ...points[1]!, spend: points[1]!.spend + 1000 } },
    ];
    const option = proposalFrontierOption(frontier, named, money) as {
      series: { data: { name?: string; value: number[]; label: { formatter: string } }[] }[];
      tooltip: { formatter: (p: unknown) => string };
    };
    const [curve, dots] = option.series;
    expect(curve.data.length).toBe(frontier.budgets.length);
    expect(dots.data.map((d) => d.label.formatter)).toEqual(['<img src=x onerror=alert(1)>', '{\u200bb|boom}']);
    expect(plainLabel('{a|b} {c}')).toBe('{\u200ba|b} {\u200bc}');
    const html = option.tooltip.formatter({ seriesIndex: 1, dataIndex: 0, value: dots.data[0].value });
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Total marketing spend');
  });
});
