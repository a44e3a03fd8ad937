import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { channelOfType } from '../../../src/engine/lifecycle';
import { parsePlanFile, type ParsePlanFileResult } from '../../../src/engine/planFile';
import type { Plan } from '../../../src/engine/types';
import { beautyFixturePlan } from '../planFile/fixturePlans';
import { edit, fileOf } from '../planFile/helpers';

/** The beauty fixture with a scenario that launches a live-stream channel and exits the stores. */
function withLifecycle(): Plan {
  const plan = beautyFixturePlan();
  const [first, second] = plan.channels;
  plan.scenarios = [
    ...plan.scenarios,
    {
      id: 'sc-life',
      name: '引入直播，退出门店',
      parentId: null,
      adjustments: [],
      notes: '',
      launches: [{ channel: channelOfType('ch-new-live', '抖音直播', 'liveStream', '#123456', 2), month: '2027-04', rampMonths: 3, rampShape: 's', launchCost: 5_000_000 }],
      exits: [{ channelId: second.id, month: '2027-07', transfers: [{ channelId: first.id, share: 0.4 }, { channelId: 'ch-new-live', share: 0.2 }] }],
    },
  ];
  return plan;
}

function problems(result: ParsePlanFileResult) {
  if (result.ok) throw new Error('expected the file to be refused');
  return result.problems.map((p) => `${p.code} ${p.path.join('.')}`);
}

describe('launches and exits in a plan file', () => {
  it('read back exactly, and compute the same', () => {
    const plan = withLifecycle();
    const text = fileOf(plan);
    const back = parsePlanFile(text);
    if (!back.ok) throw new Error(JSON.stringify(back.problems));
    expect(back.warnings).toEqual([]);
    expect(fileOf(back.plan)).toBe(text);
    expect(computePlan(back.plan, 'sc-life').flows.contribution).toEqual(computePlan(plan, 'sc-life').flows.contribution);
  });

  it('refuse bad values and references with their paths', () => {
    const text = fileOf(withLifecycle());
    const i = withLifecycle().scenarios.length - 1;
    const at = (f: { plan: Plan }) => f.plan.scenarios[i];
    const cases: [string, (f: { plan: Plan }) => void, string][] = [
      ['unknown ramp shape', (f) => ((at(f).launches![0] as { rampShape: string }).rampShape = 'fast'), `invalidValue plan.scenarios.${i}.launches.0.rampShape`],
      ['exit of a channel nobody has', (f) => (at(f).exits![0].channelId = 'ghost'), `unknownRef plan.scenarios.${i}.exits.0.channelId`],
      ['demand moved to nowhere', (f) => (at(f).exits![0].transfers[0].channelId = 'ghost'), `unknownRef plan.scenarios.${i}.exits.0.transfers.0.channelId`],
      ['shares over 100 %', (f) => (at(f).exits![0].transfers[0].share = 0.9), `outOfRange plan.scenarios.${i}.exits.0.transfers`],
      ['a launched id that is a plan channel', (f) => (at(f).launches![0].channel.id = f.plan.channels[0].id), `duplicateId plan.scenarios.${i}.launches.0.channel.id`],
      ['a launch month that is no month', (f) => (at(f).launches![0].month = '2027-13'), `invalidValue plan.scenarios.${i}.launches.0.month`],
      ['a fractional launch cost', (f) => (at(f).launches![0].launchCost = 0.5), `outOfRange plan.scenarios.${i}.launches.0.launchCost`],
      ['a launched channel with a conversion over 100 %', (f) => (at(f).launches![0].channel.drivers.conversion.base = 2), `outOfRange plan.scenarios.${i}.launches.0.channel.drivers.conversion.base`],
    ];
    for (const [what, change, expected] of cases) {
      const got = problems(parsePlanFile(edit(text, change as (f: Record<string, unknown>) => void)));
      expect(got, `${what}: ${got.join(' | ')}`).toContain(expected);
    }
  });
});
