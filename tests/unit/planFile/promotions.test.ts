import { describe, expect, it } from 'vitest';
import { parsePlanFile, type ParsePlanFileResult } from '../../../src/engine/planFile';
import type { Promotion } from '../../../src/engine/types';
import { edit, fileOf } from './helpers';

function outcome(result: ParsePlanFileResult): { errors: string[]; warnings: string[] } {
  const show = (p: { code: string; path: (string | number)[] }) => `${p.code} ${p.path.join('.')}`;
  if (!result.ok) return { errors: result.problems.map(show), warnings: [] };
  return { errors: [], warnings: result.warnings.map(show) };
}

const DOUBLE_11: Promotion = {
  id: 'promo-d11', name: '双11', channelIds: [], start: '2027-10-20', end: '2027-11-11', depth: 0.2, lift: 1.5, liftOn: 'traffic',
  pullForward: { share: 0.25, days: 21 }, hangover: { share: 0.15, months: 1 }, template: 'double11', enabled: true,
};

describe('plan file: promotions', () => {
  it('reads promotions and a scenario’s changes to them without a problem, as they were', () => {
    const text = edit(fileOf(), (f) => {
      f.plan.promotions = [{ ...DOUBLE_11, channelIds: [f.plan.channels[0].id] }];
      f.plan.scenarios[0].promotions = [{ promotionId: 'promo-d11', enabled: false, lift: 2 }];
    });
    const r = parsePlanFile(text);
    expect(outcome(r)).toEqual({ errors: [], warnings: [] });
    if (!r.ok) return;
    expect(r.plan.promotions![0]).toMatchObject({ depth: 0.2, lift: 1.5, pullForward: { share: 0.25, days: 21 } });
    expect(r.plan.scenarios[0].promotions).toEqual([{ promotionId: 'promo-d11', enabled: false, lift: 2 }]);
  });

  it('refuses impossible dates, a 100 % discount, a lift out of range and more demand moved than the event brings — with their paths, never a crash', () => {
    const bad = edit(fileOf(), (f) => {
      f.plan.promotions = [
        { ...DOUBLE_11, id: 'a', start: '2027-02-30' },
        { ...DOUBLE_11, id: 'b', end: '2027-10-01', depth: 1 },
        { ...DOUBLE_11, id: 'c', lift: -0.5, pullForward: { share: 0.9, days: 14 } },
      ];
      f.plan.scenarios[0].promotions = [{ promotionId: 'a', depth: 3 }];
    });
    expect(outcome(parsePlanFile(bad)).errors).toEqual(expect.arrayContaining([
      'invalidValue plan.promotions.0.start',
      'invalidValue plan.promotions.1.end',
      'outOfRange plan.promotions.1.depth',
      'outOfRange plan.promotions.2.lift',
      'outOfRange plan.promotions.2.hangover.share',
      'outOfRange plan.scenarios.0.promotions.0.depth',
    ]));
    const wrongType = edit(fileOf(), (f) => {
      (f.plan as unknown as { promotions: unknown }).promotions = [{ ...DOUBLE_11, liftOn: 'price', depth: '20%' }];
    });
    expect(parsePlanFile(wrongType).ok).toBe(false);
  });

  it('warns about a channel or promotion that is gone, and reads the file', () => {
    const text = edit(fileOf(), (f) => {
      f.plan.promotions = [{ ...DOUBLE_11, channelIds: ['gone'] }];
      f.plan.scenarios[0].promotions = [{ promotionId: 'gone-too', enabled: true }];
    });
    expect(outcome(parsePlanFile(text)).warnings).toEqual(expect.arrayContaining(['unknownRef plan.promotions.0.channelIds.0', 'unknownRef plan.scenarios.0.promotions.0.promotionId']));
  });
});
