import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/engine/canonical';
import { allOf, applyPlanMerge, diffPlans, unsettledConflicts } from '../../../src/engine/merge3';
import type { DriverKey, Plan } from '../../../src/engine/types';
import { simpleChannel, simplePlan } from '../engine/planFixtures';

/** One edit a planner may make; `slot` says what it touches, so two sides' edits can be kept apart. */
type PlanEdit =
  | { kind: 'driver'; channel: string; driver: DriverKey; value: number }
  | { kind: 'override'; channel: string; driver: DriverKey; value: number }
  | { kind: 'rename'; channel: string; value: string }
  | { kind: 'deleteChannel'; channel: string }
  | { kind: 'addChannel'; channel: string }
  | { kind: 'addScenario'; id: string; value: number }
  | { kind: 'scenarioNotes'; id: string; value: string }
  | { kind: 'notes'; value: string }
  | { kind: 'periods'; value: number };

const CHANNELS = ['a', 'b', 'c'];
const DRIVERS: DriverKey[] = ['spend', 'conversion', 'aov'];

function basePlan(): Plan {
  const plan = simplePlan(CHANNELS.map((id) => simpleChannel(id)));
  plan.scenarios = [{ id: 's1', name: 'Push', parentId: null, adjustments: [], notes: '' }];
  return plan;
}

const editArb: fc.Arbitrary<PlanEdit> = fc.oneof(
  fc.record({ kind: fc.constant('driver' as const), channel: fc.constantFrom(...CHANNELS), driver: fc.constantFrom(...DRIVERS), value: fc.integer({ min: 1, max: 9 }) }),
  fc.record({ kind: fc.constant('override' as const), channel: fc.constantFrom(...CHANNELS), driver: fc.constantFrom(...DRIVERS), value: fc.integer({ min: 1, max: 9 }) }),
  fc.record({ kind: fc.constant('rename' as const), channel: fc.constantFrom(...CHANNELS), value: fc.constantFrom('X', 'Y') }),
  fc.record({ kind: fc.constant('deleteChannel' as const), channel: fc.constantFrom(...CHANNELS) }),
  fc.record({ kind: fc.constant('addChannel' as const), channel: fc.constantFrom('n1', 'n2') }),
  fc.record({ kind: fc.constant('addScenario' as const), id: fc.constantFrom('s2', 's3'), value: fc.integer({ min: 1, max: 9 }) }),
  fc.record({ kind: fc.constant('scenarioNotes' as const), id: fc.constant('s1'), value: fc.constantFrom('up', 'down') }),
  fc.record({ kind: fc.constant('notes' as const), value: fc.constantFrom('mine', 'theirs', 'more') }),
  fc.record({ kind: fc.constant('periods' as const), value: fc.constantFrom(18, 24) }),
);

/** What an edit touches: a deleted channel touches everything of that channel. */
function slot(e: PlanEdit): string {
  switch (e.kind) {
    case 'driver':
    case 'override':
      return `${e.channel}/${e.kind}/${e.driver}`;
    case 'rename':
      return `${e.channel}/name`;
    case 'deleteChannel':
    case 'addChannel':
      return `${e.channel}`;
    case 'addScenario':
    case 'scenarioNotes':
      return e.id;
    default:
      return e.kind;
  }
}
const touches = (a: PlanEdit, b: PlanEdit): boolean => {
  const [x, y] = [slot(a), slot(b)];
  return x === y || x.startsWith(`${y}/`) || y.startsWith(`${x}/`);
};

function applyEdit(plan: Plan, e: PlanEdit): Plan {
  const p = structuredClone(plan);
  const ch = 'channel' in e ? p.channels.find((c) => c.id === e.channel) : undefined;
  switch (e.kind) {
    case 'driver':
      if (ch) ch.drivers[e.driver] = { ...ch.drivers[e.driver], base: ch.drivers[e.driver].base * (1 + e.value / 10) };
      break;
    case 'override':
      if (ch) ch.drivers[e.driver] = { ...ch.drivers[e.driver], overrides: { '2027-03': e.value } };
      break;
    case 'rename':
      if (ch) ch.name = e.value;
      break;
    case 'deleteChannel':
      p.channels = p.channels.filter((c) => c.id !== e.channel);
      break;
    case 'addChannel':
      if (!ch) p.channels.push(simpleChannel(e.channel));
      break;
    case 'addScenario':
      if (!p.scenarios.some((s) => s.id === e.id)) p.scenarios.push({ id: e.id, name: `S${e.value}`, parentId: null, adjustments: [], notes: '' });
      break;
    case 'scenarioNotes':
      p.scenarios = p.scenarios.map((s) => (s.id === e.id ? { ...s, notes: e.value } : s));
      break;
    case 'notes':
      p.notes = e.value;
      break;
    case 'periods':
      p.timeline = { ...p.timeline, periods: e.value };
      break;
  }
  return p;
}

const applyAll = (plan: Plan, edits: readonly PlanEdit[]): Plan => edits.reduce(applyEdit, plan);
/** The plan with its channels and scenarios listed by id: the same items, whatever their order. */
const byId = (p: Plan): Plan => ({ ...p, channels: [...p.channels].sort((a, b) => a.id.localeCompare(b.id)), scenarios: [...p.scenarios].sort((a, b) => a.id.localeCompare(b.id)) });
const same = (a: Plan, b: Plan) => expect(canonicalJson({ ...a, updatedAt: 0 })).toBe(canonicalJson({ ...b, updatedAt: 0 }));

describe('three-way merge of plans', () => {
  it('disjoint edits from a common base merge with no question, and the result holds both sides\' edits', () => {
    fc.assert(
      fc.property(fc.array(editArb, { maxLength: 5 }), fc.array(editArb, { maxLength: 5 }), (m, t) => {
        const base = basePlan();
        const theirsEdits = t.filter((e) => !m.some((x) => touches(e, x)));
        const mine = applyAll(base, m);
        const theirs = { ...applyAll(base, theirsEdits), id: 'p-theirs', updatedAt: 5 };
        const merge = diffPlans(base, mine, theirs);
        expect(merge.items.filter((i) => i.status === 'conflict').map((i) => i.key)).toEqual([]);
        same(applyPlanMerge(merge), applyAll(mine, theirsEdits));
      }),
    );
  });

  it('the same thing changed differently on both sides is a conflict; all-mine gives mine, all-theirs gives theirs', () => {
    fc.assert(
      fc.property(fc.array(editArb, { maxLength: 5 }), fc.array(editArb, { maxLength: 5 }), (m, t) => {
        const base = basePlan();
        const mine = applyAll(base, m);
        const theirs = applyAll(base, t);
        const merge = diffPlans(base, mine, theirs);
        for (const i of merge.items) {
          const changedBoth = canonicalJson(i.mine) !== canonicalJson(i.base) && canonicalJson(i.theirs) !== canonicalJson(i.base);
          expect(i.status === 'conflict').toBe(changedBoth && canonicalJson(i.mine) !== canonicalJson(i.theirs));
        }
        same(applyPlanMerge(merge, allOf(merge, 'mine')), mine);
        // Theirs, but still this plan (mine's id and dates) — and in mine's order where both sides
        // hold the same items: both may add one scenario, each after a different one (planItems.ts).
        const all = applyPlanMerge(merge, allOf(merge, 'theirs'));
        const mineIds = mine.scenarios.map((sc) => sc.id);
        expect(all.scenarios.map((sc) => sc.id).filter((id) => mineIds.includes(id))).toEqual(mineIds.filter((id) => all.scenarios.some((sc) => sc.id === id)));
        same(byId(all), byId({ ...theirs, id: mine.id, createdAt: mine.createdAt }));
      }),
      {
        examples: [
          [
            [{ kind: 'addScenario', id: 's3', value: 1 }, { kind: 'addScenario', id: 's2', value: 1 }],
            [{ kind: 'addScenario', id: 's2', value: 1 }, { kind: 'addScenario', id: 's3', value: 1 }],
          ],
        ],
      },
    );
  });

  it('merging a file into itself or twice changes nothing', () => {
    fc.assert(
      fc.property(fc.array(editArb, { maxLength: 5 }), fc.array(editArb, { maxLength: 5 }), (m, t) => {
        const base = basePlan();
        const mine = applyAll(base, m);
        const theirs = applyAll(base, t);
        same(applyPlanMerge(diffPlans(base, mine, mine)), mine);
        const first = diffPlans(base, mine, theirs);
        const choices = Object.fromEntries(first.items.filter((i) => i.status === 'conflict').map((i) => [i.key, 'theirs' as const]));
        const once = applyPlanMerge(first, choices);
        const again = diffPlans(theirs, once, theirs);
        expect(unsettledConflicts(again, {})).toEqual([]);
        same(applyPlanMerge(again), once);
      }),
    );
  });

  it('a channel deleted on one side and edited on the other is one conflict about the whole channel', () => {
    const base = basePlan();
    const mine = applyEdit(base, { kind: 'deleteChannel', channel: 'b' });
    const theirs = applyEdit(base, { kind: 'driver', channel: 'b', driver: 'spend', value: 5 });
    const merge = diffPlans(base, mine, theirs);
    const changed = merge.items.filter((i) => i.status !== 'unchanged');
    expect(changed.map((i) => [i.kind, i.id, i.status])).toEqual([['channel', 'b', 'conflict']]);
    expect(applyPlanMerge(merge, { [changed[0].key]: 'theirs' }).channels.find((c) => c.id === 'b')?.drivers.spend.base).toBe(1_500_000);
    expect(applyPlanMerge(merge, { [changed[0].key]: 'mine' }).channels.map((c) => c.id)).toEqual(['a', 'c']);
  });
});
