import { describe, expect, it } from 'vitest';
import { parsePlanFile, type ParsePlanFileResult } from '../../../src/engine/planFile';
import { edit, fileOf } from './helpers';

function outcome(result: ParsePlanFileResult): { errors: string[]; warnings: string[] } {
  const show = (p: { code: string; path: (string | number)[] }) => `${p.code} ${p.path.join('.')}`;
  if (!result.ok) return { errors: result.problems.map(show), warnings: [] };
  return { errors: [], warnings: result.warnings.map(show) };
}

describe('plan file: the price lever', () => {
  it('reads a lever with a typed and an estimated elasticity without a problem', () => {
    const text = edit(fileOf(), (f) => {
      const id = f.plan.channels[0].id;
      f.plan.prices = {
        elasticity: -1.2,
        actsOn: 'conversion',
        conversionCorrelation: 0.3,
        channels: [{
          channelId: id,
          index: { base: 1, overrides: { '2027-06': 1.05 } },
          elasticity: -0.84,
          source: { kind: 'estimated', estimate: -0.84, low: -1.3, high: -0.38, priceChanges: 14, observations: 210, dataSet: '天猫订单', estimatedAt: '2026-12-06', scope: '天猫' },
          range: { low: -1.1, high: -0.6 },
        }],
      };
    });
    const r = parsePlanFile(text);
    expect(outcome(r)).toEqual({ errors: [], warnings: [] });
    if (r.ok) expect(r.plan.prices?.channels[0].source).toMatchObject({ kind: 'estimated', priceChanges: 14 });
  });

  it('refuses an index of 0, an elasticity beyond ±20, a correlation past 1, a bad month and a price cut of 100 %', () => {
    const bad = edit(fileOf(), (f) => {
      const id = f.plan.channels[0].id;
      f.plan.prices = {
        elasticity: -25,
        actsOn: 'conversion',
        conversionCorrelation: 1.5,
        channels: [{ channelId: id, index: { base: 0, overrides: { '2027-13': 1 } } }],
      };
      f.plan.scenarios = [{ id: 's', name: 's', parentId: null, adjustments: [], notes: '', priceChanges: [{ id: 'p', channelIds: [id], from: 'June', percent: -100, enabled: true }] }];
    });
    expect(outcome(parsePlanFile(bad)).errors).toEqual(expect.arrayContaining([
      'outOfRange plan.prices.elasticity',
      'outOfRange plan.prices.conversionCorrelation',
      'outOfRange plan.prices.channels.0.index.base',
      'invalidValue plan.prices.channels.0.index.overrides.2027-13',
      'invalidValue plan.scenarios.0.priceChanges.0.from',
      'outOfRange plan.scenarios.0.priceChanges.0.percent',
    ]));
  });

  it('refuses an unknown acts-on word and a text where ε should be, and warns on a channel that is gone', () => {
    const badWord = edit(fileOf(), (f) => {
      f.plan.prices = { elasticity: -1, actsOn: 'spend', channels: [] };
    });
    expect(parsePlanFile(badWord).ok).toBe(false);
    const text = edit(fileOf(), (f) => {
      f.plan.prices = { elasticity: '-1', actsOn: 'conversion', channels: [] };
    });
    expect(parsePlanFile(text).ok).toBe(false);
    const gone = edit(fileOf(), (f) => {
      f.plan.prices = { elasticity: -1, actsOn: 'conversion', channels: [{ channelId: 'gone', index: { base: 1.1 } }] };
    });
    expect(outcome(parsePlanFile(gone)).warnings).toContain('unknownRef plan.prices.channels.0.channelId');
  });
});
