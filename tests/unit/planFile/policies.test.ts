import { describe, expect, it } from 'vitest';
import { parsePlanFile, type ParsePlanFileResult } from '../../../src/engine/planFile';
import { edit, fileOf } from './helpers';

function outcome(result: ParsePlanFileResult): { errors: string[]; warnings: string[] } {
  const show = (p: { code: string; path: (string | number)[] }) => `${p.code} ${p.path.join('.')}`;
  if (!result.ok) return { errors: result.problems.map(show), warnings: [] };
  return { errors: [], warnings: result.warnings.map(show) };
}

describe('plan file: budget rules', () => {
  it('reads good rules without a problem', () => {
    const text = edit(fileOf(), (f) => {
      f.plan.policies = {
        groups: [{ id: 'a', group: { kind: 'role', role: 'main' }, measure: 'share', min: 0.5, enabled: true }],
        efficiency: [{ id: 'b', metric: 'cac', scope: 'overall', limit: 8000, enabled: true }],
      };
    });
    expect(outcome(parsePlanFile(text))).toEqual({ errors: [], warnings: [] });
  });

  it('refuses a share above 100 %, a negative amount and a fractional CAC; warns on crossed limits and gone references', () => {
    const bad = edit(fileOf(), (f) => {
      f.plan.policies = {
        groups: [
          { id: 'a', group: { kind: 'all' }, measure: 'share', min: 1.5, enabled: true },
          { id: 'b', group: { kind: 'all' }, measure: 'amount', max: -100, enabled: true },
        ],
        efficiency: [{ id: 'c', metric: 'cac', scope: 'overall', limit: 12.5, enabled: true }],
      };
    });
    expect(outcome(parsePlanFile(bad)).errors).toEqual(expect.arrayContaining(['outOfRange plan.policies.groups.0.min', 'outOfRange plan.policies.groups.1.max', 'notInteger plan.policies.efficiency.0.limit']));
    const odd = edit(fileOf(), (f) => {
      f.plan.policies = {
        groups: [
          { id: 'a', group: { kind: 'region', regionId: 'mars' }, measure: 'share', min: 0.6, max: 0.5, enabled: true },
          { id: 'b', group: { kind: 'channels', ids: ['gone'], name: 'Old' }, measure: 'amount', max: 100, enabled: true },
        ],
        efficiency: [],
      };
      f.plan.budgetBounds.push({ channelId: f.plan.channels[0].id, regionId: 'mars', max: 100 });
    });
    expect(outcome(parsePlanFile(odd)).warnings).toEqual(expect.arrayContaining([
      'outOfRange plan.policies.groups.0.max',
      'unknownRef plan.policies.groups.0.group.regionId',
      'unknownRef plan.policies.groups.1.group.ids.0',
      'unknownRef plan.budgetBounds.2.regionId',
    ]));
  });

  it('refuses the same rule id twice', () => {
    const text = edit(fileOf(), (f) => {
      f.plan.policies = {
        groups: [{ id: 'a', group: { kind: 'all' }, measure: 'share', min: 0.1, enabled: true }],
        efficiency: [{ id: 'a', metric: 'roi', scope: 'overall', limit: 1.2, enabled: true }],
      };
    });
    expect(outcome(parsePlanFile(text)).errors).toContain('duplicateId plan.policies.efficiency.0.id');
  });
});
