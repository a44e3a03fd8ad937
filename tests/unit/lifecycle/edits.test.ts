import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { applyOps, type Op } from '../../../src/engine/patch';
import type { Plan } from '../../../src/engine/types';
import { addLaunchOps, exitChannelScenarioOps, newLaunch, removeExitOps, removeLaunchOps, setExitOps, transfersOf } from '../../../src/state/lifecycleEdits';
import { simpleChannel, simplePlan } from '../engine/planFixtures';

function plan(): Plan {
  const p = simplePlan([simpleChannel('a'), simpleChannel('b')]);
  p.scenarios = [{ id: 's', name: 'Life', parentId: null, adjustments: [], notes: '' }];
  return p;
}

/** One user action: its ops applied, and undone by the inverse the history keeps. */
function act(p: Plan, ops: Op[]): Plan {
  const { result, inverse } = applyOps(p, ops);
  expect(applyOps(result, inverse).result).toEqual(p);
  return result;
}

describe('edits of launches and exits (one undo step each)', () => {
  it('adds a launch with the type’s drivers and a new id; removing it takes the exits naming it too', () => {
    let p = plan();
    const l = newLaunch(p, { name: '直播', type: 'liveStream', month: '2027-03', rampMonths: 2, rampShape: 'linear', launchCost: 100 });
    expect(p.channels.some((c) => c.id === l.channel.id)).toBe(false);
    expect(l.channel.type).toBe('liveStream');
    expect(l.channel.drivers.channelMargin.base).toBe(0.2);
    p = act(p, addLaunchOps(p, 's', l));
    p = act(p, setExitOps(p, 's', { channelId: 'a', month: '2027-06', transfers: transfersOf({ [l.channel.id]: 0.5, b: 0 }) }));
    expect(p.scenarios[0].exits![0].transfers).toEqual([{ channelId: l.channel.id, share: 0.5 }]);
    expect(computePlan(p, 's').channelIds).toEqual(['a', 'b', l.channel.id]);
    p = act(p, removeLaunchOps(p, 's', l.channel.id));
    expect(p.scenarios[0].launches).toEqual([]);
    expect(p.scenarios[0].exits).toEqual([{ channelId: 'a', month: '2027-06', transfers: [] }]);
    p = act(p, removeExitOps(p, 's', 'a'));
    expect(p.scenarios[0].exits).toEqual([]);
  });

  it('a second exit of the same channel replaces the first', () => {
    let p = plan();
    p = act(p, setExitOps(p, 's', { channelId: 'a', month: '2027-06', transfers: [] }));
    p = act(p, setExitOps(p, 's', { channelId: 'a', month: '2027-09', transfers: [] }));
    expect(p.scenarios[0].exits).toEqual([{ channelId: 'a', month: '2027-09', transfers: [] }]);
  });

  it('"exit this dog" makes a new scenario on the one shown, or adds to a scenario picked', () => {
    let p = plan();
    const exit = { channelId: 'b', month: '2027-04', transfers: [{ channelId: 'a', share: 0.3 }] };
    const made = exitChannelScenarioOps(p, exit, 'Exit b', null, 's');
    p = act(p, made.ops);
    const created = p.scenarios.find((s) => s.id === made.id)!;
    expect(created).toMatchObject({ name: 'Exit b', parentId: 's', exits: [exit] });
    const into = exitChannelScenarioOps(p, { ...exit, month: '2027-05' }, 'ignored', 's');
    expect(into.id).toBe('s');
    p = act(p, into.ops);
    expect(p.scenarios.find((s) => s.id === 's')!.exits).toEqual([{ ...exit, month: '2027-05' }]);
  });
});
