import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countChanges, diffPlans, isEmptyDiff, sameData, type PlanDiff } from '../../../src/engine/planDiff';
import { applyOps, type Op } from '../../../src/engine/patch';
import { createPlanFromTemplate, TEMPLATE_IDS } from '../../../src/engine/templates';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import type { Plan, Scenario } from '../../../src/engine/types';

const base = (): Plan => createPlanFromTemplate('beauty', { id: 'p', now: 1000, locale: 'en' });
const edit = (plan: Plan, ops: Op[]): Plan => applyOps(plan, ops).result;

const scenario = (id: string, name: string, adjustments = 1): Scenario => ({
  id,
  name,
  parentId: null,
  notes: '',
  adjustments: Array.from({ length: adjustments }, (_, i) => ({
    id: `${id}-a${i}`,
    target: { kind: 'all' as const },
    driver: 'spend' as const,
    op: { kind: 'scale' as const, percent: 10 + i },
    enabled: true,
  })),
});

const EMPTY: PlanDiff = {
  name: null,
  notes: false,
  currency: null,
  locale: null,
  timeline: null,
  channels: { added: [], removed: [], changed: [], reordered: false },
  scenarios: { added: [], removed: [], changed: [] },
  regions: { added: [], removed: [], renamed: [] },
  customMetrics: { added: [], removed: [], changed: [] },
  evaluation: [],
  model: [],
};

describe('plan diff', () => {
  it('no change → the empty diff, for every template', () => {
    for (const id of TEMPLATE_IDS) {
      const p = createPlanFromTemplate(id, { id: 'p', now: 1, locale: 'zh-CN' });
      const d = diffPlans(p, structuredClone(p));
      expect(d).toEqual(EMPTY);
      expect(isEmptyDiff(d)).toBe(true);
      expect(countChanges(d)).toBe(0);
    }
  });

  it('ignores ids and timestamps, and keys that only hold undefined', () => {
    const p = base();
    // (Plans read from files or storage always have every part: the restore step fills them.)
    const q = { ...structuredClone(p), id: 'other', createdAt: 5, updatedAt: 99 };
    expect(diffPlans(p, q)).toEqual(EMPTY);
    // No growth and growth 0, no observed points and none: the same.
    const g = edit(p, [{ path: ['channels', 0, 'drivers', 'conversion', 'growth'], value: 0 }, { path: ['channels', 0, 'curvePoints'], value: [] }]);
    expect(isEmptyDiff(diffPlans(p, g))).toBe(true);
  });

  it('names the parts of a driver that changed, with override counts', () => {
    const p = base();
    const ch = p.channels[1];
    const q = edit(p, [
      { path: ['channels', 1, 'drivers', 'spend', 'base'], value: ch.drivers.spend.base + 100 },
      { path: ['channels', 1, 'drivers', 'conversion', 'overrides'], value: { '2027-03': 0.5, '2027-04': 0.4 } },
      { path: ['channels', 1, 'drivers', 'aov', 'growth'], value: 0.03 },
      { path: ['channels', 1, 'drivers', 'aov', 'seasonality'], value: Array(12).fill(1.1) },
    ]);
    const d = diffPlans(p, q);
    expect(d.channels.changed).toEqual([
      {
        id: ch.id,
        name: ch.name,
        previousName: null,
        fields: [],
        type: null,
        role: null,
        drivers: [
          { driver: 'spend', parts: ['base'], base: { before: ch.drivers.spend.base, after: ch.drivers.spend.base + 100 }, growth: { before: ch.drivers.spend.growth ?? 0, after: ch.drivers.spend.growth ?? 0 }, overrides: { before: 0, after: 0 } },
          { driver: 'conversion', parts: ['overrides'], base: { before: ch.drivers.conversion.base, after: ch.drivers.conversion.base }, growth: { before: ch.drivers.conversion.growth ?? 0, after: ch.drivers.conversion.growth ?? 0 }, overrides: { before: 0, after: 2 } },
          { driver: 'aov', parts: ['growth', 'seasonality'], base: { before: ch.drivers.aov.base, after: ch.drivers.aov.base }, growth: { before: ch.drivers.aov.growth ?? 0, after: 0.03 }, overrides: { before: 0, after: 0 } },
        ],
      },
    ]);
    expect(countChanges(d)).toBe(1);
    // And back the other way.
    expect(diffPlans(q, p).channels.changed[0].drivers[1].overrides).toEqual({ before: 2, after: 0 });
  });

  it('tells channels added, removed, renamed and reordered apart (matched by id)', () => {
    const p = base();
    const [first, second, third] = p.channels;
    const added = { ...structuredClone(first), id: 'new', name: 'New channel' };
    const q: Plan = { ...p, channels: [{ ...second, name: 'Renamed' }, ...p.channels.slice(3), first, added] };
    const d = diffPlans(p, q);
    expect(d.channels.added).toEqual([{ id: 'new', name: 'New channel' }]);
    expect(d.channels.removed).toEqual([{ id: third.id, name: third.name }]);
    expect(d.channels.changed).toEqual([{ id: second.id, name: 'Renamed', previousName: second.name, fields: [], type: null, role: null, drivers: [] }]);
    expect(d.channels.reordered).toBe(true);
    // Removing a channel alone is not a reorder.
    expect(diffPlans(p, { ...p, channels: p.channels.filter((c) => c.id !== third.id) }).channels.reordered).toBe(false);
  });

  it('flags a channel’s curve, rebate, type, role, regions, colour and observed points', () => {
    const p = base();
    const q = edit(p, [
      { path: ['channels', 0, 'curve', 'halfSat'], value: p.channels[0].curve.halfSat * 2 },
      { path: ['channels', 0, 'rebate'], value: { mode: 'retroactive', period: 'quarter', tiers: [{ threshold: 0, rate: 0.01 }] } },
      { path: ['channels', 0, 'type'], value: 'other' },
      { path: ['channels', 0, 'role'], value: p.channels[0].role === 'main' ? 'auxiliary' : 'main' },
      { path: ['channels', 0, 'regions'], value: [] },
      { path: ['channels', 0, 'color'], value: '#000000' },
      { path: ['channels', 0, 'curvePoints'], value: [{ spend: 1, outcome: 2 }] },
    ]);
    const changed = diffPlans(p, q).channels.changed[0];
    expect(changed.fields).toEqual(['type', 'role', 'regions', 'color', 'curve', 'curvePoints', 'rebate']);
    expect(changed.type).toEqual({ before: p.channels[0].type, after: 'other' });
    expect(changed.role).toEqual({ before: p.channels[0].role, after: p.channels[0].role === 'main' ? 'auxiliary' : 'main' });
  });

  it('counts scenario adjustments added, removed and changed, and notices renames, parents and notes', () => {
    const p: Plan = { ...base(), scenarios: [scenario('a', 'Push online', 2), scenario('b', 'Cut costs', 1)] };
    const q = edit(p, [
      { path: ['scenarios', 0, 'name'], value: 'Push online hard' },
      { path: ['scenarios', 0, 'adjustments', 0, 'op', 'percent'], value: 30 },
      { path: ['scenarios', 0, 'adjustments', 1], value: undefined },
      { path: ['scenarios', 0, 'adjustments', 1], value: { ...scenario('x', 'x').adjustments[0], id: 'fresh' } },
      { path: ['scenarios', 1, 'parentId'], value: 'a' },
      { path: ['scenarios', 1, 'notes'], value: 'why' },
      { path: ['scenarios', 2], value: scenario('c', 'Live-stream test', 3) },
    ]);
    const d = diffPlans(p, q);
    expect(d.scenarios.added).toEqual([{ id: 'c', name: 'Live-stream test', adjustments: 3 }]);
    expect(d.scenarios.removed).toEqual([]);
    expect(d.scenarios.changed).toEqual([
      { id: 'a', name: 'Push online hard', previousName: 'Push online', adjustments: { before: 2, after: 2, added: 1, removed: 1, changed: 1 }, parent: false, notes: false },
      { id: 'b', name: 'Cut costs', previousName: null, adjustments: { before: 1, after: 1, added: 0, removed: 0, changed: 0 }, parent: true, notes: true },
    ]);
    const gone = diffPlans(q, p);
    expect(gone.scenarios.removed).toEqual([{ id: 'c', name: 'Live-stream test' }]);
  });

  it('reports plan name, notes, currency, language, timeline, regions, metrics, evaluation and model inputs', () => {
    const p = base();
    const region = p.regions[0];
    const q = edit(p, [
      { path: ['name'], value: 'Renamed plan' },
      { path: ['notes'], value: p.notes + ' More.' },
      { path: ['currency'], value: 'USD' },
      { path: ['locale'], value: 'zh-TW' },
      { path: ['timeline', 'periods'], value: p.timeline.periods + 12 },
      { path: ['regions', 0, 'name'], value: 'Renamed region' },
      { path: ['regions', p.regions.length], value: { id: 'r-new', name: 'West' } },
      { path: ['customMetrics', p.customMetrics.length], value: { id: 'm1', name: 'Profit per order', formula: 'contribution / orders', format: 'money' } },
      { path: ['evaluation', 'bcg'], value: { shareMode: 'relative', growthMode: 'pop' } },
      { path: ['cannibalisation'], value: [{ from: p.channels[0].id, to: p.channels[1].id, rate: 0.1 }] },
      { path: ['budgetBounds'], value: [{ channelId: p.channels[0].id, frozen: true }] },
    ]);
    const d = diffPlans(p, q);
    expect(d.name).toEqual({ before: p.name, after: 'Renamed plan' });
    expect(d.notes).toBe(true);
    expect(d.currency).toEqual({ before: p.currency, after: 'USD' });
    expect(d.locale).toEqual({ before: 'en', after: 'zh-TW' });
    expect(d.timeline).toEqual({ before: p.timeline, after: { ...p.timeline, periods: p.timeline.periods + 12 } });
    expect(d.regions).toEqual({ added: [{ id: 'r-new', name: 'West' }], removed: [], renamed: [{ id: region.id, name: 'Renamed region', previousName: region.name }] });
    expect(d.customMetrics.added).toEqual([{ id: 'm1', name: 'Profit per order' }]);
    expect(d.evaluation).toEqual(['bcg']);
    expect(d.model).toEqual(['cannibalisation', 'budgetBounds']);
    expect(d.channels).toEqual(EMPTY.channels);

    const r = edit(q, [
      { path: ['customMetrics', p.customMetrics.length, 'formula'], value: 'netRevenue / orders' },
      { path: ['customMetrics', p.customMetrics.length, 'name'], value: 'Revenue per order' },
    ]);
    expect(diffPlans(q, r).customMetrics.changed).toEqual([
      { id: 'm1', name: 'Revenue per order', previousName: 'Profit per order', formula: { before: 'contribution / orders', after: 'netRevenue / orders' }, format: null },
    ]);
  });

  it('is deterministic and empty exactly when the plans hold the same data (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 5 }), fc.double({ min: 0.001, max: 0.5, noNaN: true }), (channels, seed, pick, value) => {
        const p = generateSyntheticPlan({ channels, periods: 12, seed, withOverrides: true });
        const i = pick % channels;
        const q = edit(p, [{ path: ['channels', i, 'drivers', 'conversion', 'base'], value }]);
        const d = diffPlans(p, q);
        expect(diffPlans(p, q)).toEqual(d);
        expect(isEmptyDiff(d)).toBe(sameData(p, q));
        if (!isEmptyDiff(d)) expect(d.channels.changed.map((c) => c.id)).toEqual([p.channels[i].id]);
      }),
    );
  });
});

describe('sameData', () => {
  it('compares plain data deeply, with undefined keys as absent', () => {
    expect(sameData({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(sameData({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameData({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameData([1], { 0: 1 })).toBe(false);
    expect(sameData(null, {})).toBe(false);
    expect(sameData(Number.NaN, Number.NaN)).toBe(true);
    expect(sameData(0, '0')).toBe(false);
  });
});
