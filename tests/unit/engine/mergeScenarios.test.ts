import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { applyMerge, previewMerge } from '../../../src/engine/mergeScenarios';
import type { Plan, Scenario } from '../../../src/engine/types';
import { validatePlan } from '../../../src/engine/validate';
import { validateScenarios } from '../../../src/engine/scenarios/validate';
import { simpleChannel, simplePlan } from './planFixtures';

function ids(): (prefix: string) => string {
  let n = 0;
  return (prefix) => `${prefix}new${++n}`;
}

const scenario = (id: string, name: string, parentId: string | null, channelIds: string[], percent = 10): Scenario => ({
  id, name, parentId, notes: '',
  adjustments: [{ id: `adj-${id}`, target: { kind: 'channels', ids: channelIds }, driver: 'spend', op: { kind: 'scale', percent }, enabled: true }],
});

function plans(): { target: Plan; source: Plan } {
  const target = simplePlan([simpleChannel('a'), simpleChannel('b')]);
  target.channels[1].name = 'Douyin';
  target.scenarios = [scenario('s1', 'Push', null, ['a'])];
  const source = simplePlan([simpleChannel('a'), simpleChannel('x'), simpleChannel('y')]);
  source.channels[1].name = ' douyin ';
  source.channels[2].name = 'Community';
  source.scenarios = [
    scenario('s1', 'Push', null, ['a', 'x']),
    scenario('s2', 'Child', 's1', ['y']),
    { ...scenario('s3', 'Move', null, []), adjustments: [{ id: 'adj-s1', target: { kind: 'all' }, driver: 'spend', op: { kind: 'move', from: 'x', to: 'y', amount: 100 }, enabled: true }] },
  ];
  return { target, source };
}

describe('merging scenarios from another plan', () => {
  it('matches channels by id, then by name, copies the rest, and brings parents along', () => {
    const { target, source } = plans();
    const p = previewMerge(target, source, ['s2'], ids());
    expect(p.scenarios.map((s) => [s.sourceId, s.name, s.renamedFrom, s.addedAsParent])).toEqual([
      ['s1', 'Push (2)', 'Push', true],
      ['s2', 'Child', null, false],
    ]);
    // s1 is taken in the target: a new id; s2 keeps its own.
    expect(p.scenarios[0].newId).not.toBe('s1');
    expect(p.scenarios[1].newId).toBe('s2');
    expect(p.channels).toEqual([
      { kind: 'id', sourceId: 'a', targetId: 'a', name: 'a' },
      { kind: 'name', sourceId: 'x', targetId: 'b', name: ' douyin ' },
      { kind: 'added', sourceId: 'y', targetId: 'y', name: 'Community' },
    ]);
    expect(p.currencyMismatch).toBe(false);
  });

  it('rewrites references so the merged plan is valid and the scenarios compute', () => {
    const { target, source } = plans();
    const make = ids();
    const preview = previewMerge(target, source, ['s2', 's3'], make);
    const merged = applyMerge(target, source, preview, make);
    expect(validatePlan(merged)).toEqual([]);
    expect(validateScenarios(merged)).toEqual([]);
    // The receiver's baseline keeps its own channels: the one it lacks comes in with the scenarios.
    expect(merged.channels).toEqual(target.channels);
    const child = merged.scenarios?.find((s) => s.name === 'Child');
    expect(child?.parentId).toBe(preview.scenarios[0].newId);
    expect(child?.launches?.map((l) => [l.channel.id, l.channel.name, l.month, l.rampMonths, l.launchCost])).toEqual([['y', 'Community', target.timeline.start, 0, 0]]);
    // An unrelated scenario that uses the same channel launches its own copy.
    const move = merged.scenarios?.find((s) => s.name === 'Move');
    const ownY = move?.launches?.[0].channel.id;
    expect(ownY).toBeDefined();
    expect(ownY).not.toBe('y');
    expect(move?.adjustments[0].op).toEqual({ kind: 'move', from: 'b', to: ownY, amount: 100 });
    // The launched channel computes in the scenario exactly as the author's own channel did.
    const theirs = computePlan(source, 's2');
    const ours = computePlan(merged, child!.id);
    const P = ours.periods;
    const at = (r: typeof ours, id: string) => Array.from(r.flows.netRevenue.slice(r.channelIds.indexOf(id) * P, (r.channelIds.indexOf(id) + 1) * P));
    expect(at(ours, 'y')).toEqual(at(theirs, 'y'));
    // The adjustment id adj-s1 was taken by the target's own scenario.
    const allAdjIds = merged.scenarios?.flatMap((s) => s.adjustments.map((a) => a.id)) ?? [];
    expect(new Set(allAdjIds).size).toBe(allAdjIds.length);
    // The baseline of the target is unchanged; the merged scenario changes only what it names.
    expect(computePlan(merged).flows.netRevenue.slice(0, 24)).toEqual(computePlan(target).flows.netRevenue.slice(0, 24));
    const withChild = computePlan(merged, child?.id ?? null);
    expect(withChild.scenarioId).toBe(child?.id);
    // The source plan is not changed.
    expect(source.scenarios?.[1].parentId).toBe('s1');
  });

  it('rewrites the channels a price change names, and copies a channel only a price change needs', () => {
    const { target, source } = plans();
    source.scenarios.push({ id: 's4', name: 'Dearer', parentId: null, notes: '', adjustments: [], priceChanges: [{ id: 'p', channelIds: ['x', 'y'], from: '2027-03', percent: 5, enabled: true }] });
    const make = ids();
    const preview = previewMerge(target, source, ['s4'], make);
    expect(preview.channels.map((m) => [m.kind, m.sourceId, m.targetId])).toEqual([['name', 'x', 'b'], ['added', 'y', 'y']]);
    const merged = applyMerge(target, source, preview, make);
    const dearer = merged.scenarios.find((s) => s.name === 'Dearer')!;
    expect(dearer.priceChanges).toEqual([{ id: 'p', channelIds: ['b', 'y'], from: '2027-03', percent: 5, enabled: true }]);
    expect(source.scenarios[3].priceChanges![0].channelIds).toEqual(['x', 'y']);
  });

  it('reports unknown scenario ids and refuses plans in another currency', () => {
    const { target, source } = plans();
    source.currency = 'USD';
    const p = previewMerge(target, source, ['nope', 's3'], ids());
    expect(p.unknown).toEqual(['nope']);
    expect(p.currencyMismatch).toBe(true);
    expect(() => applyMerge(target, source, p, ids())).toThrow(RangeError);
  });

  it('survives a parent cycle in the file without looping', () => {
    const { target, source } = plans();
    source.scenarios = [scenario('p', 'P', 'q', ['a']), scenario('q', 'Q', 'p', ['a'])];
    const p = previewMerge(target, source, ['p'], ids());
    expect(p.scenarios.map((s) => s.sourceId).sort()).toEqual(['p', 'q']);
  });
});

describe('merging what is already here', () => {
  it('merging the same file twice changes nothing the second time', () => {
    const { target, source } = plans();
    const make = ids();
    const once = applyMerge(target, source, previewMerge(target, source, ['s2', 's3'], make), make);
    const again = previewMerge(once, source, ['s2', 's3'], make);
    expect(again.scenarios.every((s) => s.sameAs !== null)).toBe(true);
    expect(again.channels).toEqual([]);
    const twice = applyMerge(once, source, again, make);
    expect(twice.scenarios).toEqual(once.scenarios);
    expect(twice.channels).toEqual(once.channels);
  });

  it('a scenario the colleague never touched is recognised, and his new child of it builds on the receiver’s own', () => {
    const target = simplePlan([simpleChannel('a'), simpleChannel('b')]);
    target.scenarios = [scenario('base-push', 'Push', null, ['a'], 20)];
    // His file: the same "Push" (copied earlier, new adjustment id) and a child he added on top.
    const source = simplePlan([simpleChannel('a'), simpleChannel('b')]);
    source.scenarios = [{ ...scenario('base-push', 'Push', null, ['a'], 20), adjustments: [{ ...scenario('x', 'x', null, ['a'], 20).adjustments[0], id: 'other-id' }] }, scenario('his', 'His idea', 'base-push', ['b'], 5)];
    const make = ids();
    const preview = previewMerge(target, source, ['base-push', 'his'], make);
    expect(preview.scenarios.map((s) => [s.name, s.sameAs])).toEqual([
      ['Push', 'base-push'],
      ['His idea', null],
    ]);
    const merged = applyMerge(target, source, preview, make);
    expect(merged.scenarios.map((s) => [s.name, s.parentId])).toEqual([
      ['Push', null],
      ['His idea', 'base-push'],
    ]);
    // His child computes on the receiver's Push exactly as on his own.
    const theirs = computePlan(source, 'his').flows.netRevenue;
    const ours = computePlan(merged, 'his').flows.netRevenue;
    expect(Array.from(ours)).toEqual(Array.from(theirs));
  });

  it('the same name with different adjustments is still a different scenario', () => {
    const target = simplePlan([simpleChannel('a')]);
    target.scenarios = [scenario('s', 'Push', null, ['a'], 20)];
    const source = simplePlan([simpleChannel('a')]);
    source.scenarios = [scenario('s', 'Push', null, ['a'], 25)];
    const preview = previewMerge(target, source, ['s'], ids());
    expect(preview.scenarios.map((s) => [s.name, s.renamedFrom, s.sameAs])).toEqual([['Push (2)', 'Push', null]]);
  });
});
