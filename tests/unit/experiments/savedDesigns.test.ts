import { describe, expect, it } from 'vitest';
import { applyOps } from '../../../src/engine/patch';
import { parsePlanFile, serialisePlanFile, type ParsePlanFileResult } from '../../../src/engine/planFile';
import type { Plan, SavedExperiment } from '../../../src/engine/types';
import { removeExperimentOps, saveExperimentOps } from '../../../src/ui/experiments/experimentEdits';
import { APP, edit, fileOf } from '../planFile/helpers';
import { beautyFixturePlan } from '../planFile/fixturePlans';

function design(channelId: string, id = 'exp-1'): SavedExperiment {
  return {
    id,
    name: '直播带货 +20%',
    savedAt: 1_764_000_000_000,
    change: { channelId, driver: 'spend', percent: 20, regionId: '', month: '2027-03', scenarioId: null },
    settings: { share: 0.5, alpha: 0.05, power: 0.8, method: 'pooled', days: null, cv: 0.8, looks: 14 },
    figures: { relativeEffect: 0.0412, unitsPerArm: 52_314, daysNeeded: 9.6, mdeRelative: 0.0409, extraSpend: 1_200_000 },
    result: { controlUnits: 50_000, controlConversions: 1_500, testUnits: 50_000, testConversions: 1_590, confidence: 0.95, controlMean: null, controlSd: null, controlOrders: null, testMean: null, testSd: null, testOrders: null },
  };
}

function outcome(result: ParsePlanFileResult): { errors: string[]; warnings: string[] } {
  const show = (p: { code: string; path: (string | number)[] }) => `${p.code} ${p.path.join('.')}`;
  if (!result.ok) return { errors: result.problems.map(show), warnings: [] };
  return { errors: [], warnings: result.warnings.map(show) };
}

describe('saved test designs', () => {
  it('are added, replaced and removed by single edits', () => {
    const plan: Plan = beautyFixturePlan();
    const id = plan.channels[0].id;
    const one = applyOps(plan, saveExperimentOps(plan, design(id))).result;
    expect(one.experiments?.map((e) => e.id)).toEqual(['exp-1']);
    const two = applyOps(one, saveExperimentOps(one, design(id, 'exp-2'))).result;
    const renamed = applyOps(two, saveExperimentOps(two, { ...design(id), name: 'renamed' })).result;
    expect(renamed.experiments?.map((e) => [e.id, e.name])).toEqual([['exp-1', 'renamed'], ['exp-2', '直播带货 +20%']]);
    const removed = applyOps(renamed, removeExperimentOps(renamed, 'exp-1')).result;
    expect(removed.experiments?.map((e) => e.id)).toEqual(['exp-2']);
    expect(removeExperimentOps(removed, 'gone')).toEqual([]);
  });

  it('travel in the plan file and read back byte for byte', () => {
    const plan = beautyFixturePlan();
    plan.experiments = [design(plan.channels[0].id)];
    const text = serialisePlanFile(plan, APP);
    const read = parsePlanFile(text);
    expect(outcome(read)).toEqual({ errors: [], warnings: [] });
    expect(read.ok && read.plan.experiments).toEqual(plan.experiments);
    expect(read.ok && serialisePlanFile(read.plan, APP)).toBe(text);
  });

  it('refuse impossible values with their paths and warn about a channel that is gone', () => {
    const bad = edit(fileOf(), (f) => {
      const d = design(f.plan.channels[0].id);
      f.plan.experiments = [
        { ...d, change: { ...d.change, month: '2027-13' }, settings: { ...d.settings, share: 1.5, looks: 2.5 }, result: { ...d.result, testConversions: 60_000 } },
        { ...d, change: { ...d.change, driver: 'fixedCost' } },
      ];
    });
    expect(outcome(parsePlanFile(bad)).errors).toEqual(expect.arrayContaining(['invalidValue plan.experiments.1.change.driver']));
    const values = edit(fileOf(), (f) => {
      const d = design(f.plan.channels[0].id);
      f.plan.experiments = [
        { ...d, change: { ...d.change, month: '2027-13' }, settings: { ...d.settings, share: 1.5, looks: 2.5 }, result: { ...d.result, testConversions: 60_000 } },
        { ...d },
      ];
    });
    expect(outcome(parsePlanFile(values)).errors).toEqual(expect.arrayContaining([
      'invalidValue plan.experiments.0.change.month',
      'outOfRange plan.experiments.0.settings.share',
      'notInteger plan.experiments.0.settings.looks',
      'outOfRange plan.experiments.0.result.testConversions',
      'duplicateId plan.experiments.1.id',
    ]));
    const gone = edit(fileOf(), (f) => void (f.plan.experiments = [design('gone')]));
    expect(outcome(parsePlanFile(gone)).warnings).toContain('unknownRef plan.experiments.0.change.channelId');
  });
});
