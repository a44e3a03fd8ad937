import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import type { Plan } from '../../../src/engine/types';
import { PlannerDb } from '../../../src/persistence/db';
import { PlanRepo } from '../../../src/persistence/planRepo';
import { PlanSession } from '../../../src/state/planSession.svelte';
import { moveByOne, removeChannelOps } from '../../../src/engine/listEdits';
import { engineApi } from '../../../src/workers/engineApi';
import type { EngineClient } from '../../../src/workers/engineClient';

/** The real engine, called in-process instead of through its worker. */
const engine = { compute: async (plan: Plan, id: string | null) => engineApi.compute(plan, id) } as unknown as EngineClient;

let n = 0;
let name: string;
const dbs: PlannerDb[] = [];

/** One browser tab: its own connection to the same database. */
async function tab(): Promise<{ repo: PlanRepo; open: (id: string) => Promise<PlanSession>; conflicts: string[] }> {
  const db = new PlannerDb(name);
  await db.open();
  dbs.push(db);
  const repo = new PlanRepo(db);
  const conflicts: string[] = [];
  return {
    repo,
    conflicts,
    open: async (id) => {
      const loaded = await repo.load(id);
      if (!loaded) throw new Error('missing');
      const s = new PlanSession(loaded.plan, [], [], repo, engine, null, loaded.rev);
      s.onConflict = (label, kept) => conflicts.push(`${label}:${kept}`);
      s.onDropped = (label) => conflicts.push(`${label}:dropped`);
      return s;
    },
  };
}

/** What a live query delivers to a tab when another tab has saved. */
async function deliver(to: PlanSession, repo: PlanRepo): Promise<void> {
  const cur = await repo.current(to.plan.id);
  if (cur) to.remoteUpdate(cur.rev, cur.plan);
}

beforeEach(async () => {
  name = `cross-tab-${++n}`;
  const db = new PlannerDb(name);
  await db.open();
  await new PlanRepo(db).create({ ...generateSyntheticPlan({ channels: 3, periods: 12, seed: 3 }), id: 'p' });
  db.close();
});
afterEach(async () => {
  for (const db of dbs.splice(0)) db.close();
  await new PlannerDb(name).delete();
});

describe('two tabs on one plan', () => {
  it('case 13: edits to different cells are both kept and reach the other tab', async () => {
    const a = await tab();
    const b = await tab();
    const sa = await a.open('p');
    const sb = await b.open('p');
    sa.edit('Conversion', [{ path: ['channels', 0, 'drivers', 'conversion', 'base'], value: 0.07 }]);
    sb.edit('AOV', [{ path: ['channels', 1, 'drivers', 'aov', 'base'], value: 12_345 }]);
    await sa.flush();
    await sb.flush();
    // B's save found A's and put its edit on top of it.
    expect(sb.plan.channels[0].drivers.conversion.base).toBe(0.07);
    expect(sb.plan.channels[1].drivers.aov.base).toBe(12_345);
    await deliver(sa, a.repo);
    expect(sa.plan.channels[1].drivers.aov.base).toBe(12_345);
    expect(sa.plan.channels[0].drivers.conversion.base).toBe(0.07);
    const stored = await a.repo.current('p');
    expect(stored?.rev).toBe(2);
    expect(stored?.plan.channels[0].drivers.conversion.base).toBe(0.07);
    expect(stored?.plan.channels[1].drivers.aov.base).toBe(12_345);
    expect([...a.conflicts, ...b.conflicts]).toEqual([]);
  });

  it('the same cell: the later save wins in both tabs, and both are told', async () => {
    const a = await tab();
    const b = await tab();
    const sa = await a.open('p');
    const sb = await b.open('p');
    const path = ['channels', 2, 'drivers', 'spend', 'base'];
    sa.edit('Spend', [{ path, value: 1_000 }]);
    sb.edit('Spend', [{ path, value: 2_000 }]);
    await sa.flush();
    await sb.flush();
    await deliver(sa, a.repo);
    expect(sa.plan.channels[2].drivers.spend.base).toBe(2_000);
    expect(sb.plan.channels[2].drivers.spend.base).toBe(2_000);
    expect((await a.repo.current('p'))?.plan.channels[2].drivers.spend.base).toBe(2_000);
    expect(b.conflicts).toEqual(['Spend:mine']);
    expect(a.conflicts).toEqual(['Spend:theirs']);
  });

  it('case 14: a save from another tab while this one still has unsaved edits keeps both', async () => {
    const a = await tab();
    const b = await tab();
    const sa = await a.open('p');
    sa.edit('Name', [{ path: ['name'], value: 'From A' }]);
    const sb = await b.open('p');
    sb.edit('Notes', [{ path: ['notes'], value: 'From B' }]);
    await sb.flush();
    // A hears of B's save before writing its own.
    await deliver(sa, a.repo);
    expect(sa.plan.name).toBe('From A');
    expect(sa.plan.notes).toBe('From B');
    await sa.flush();
    const stored = await b.repo.current('p');
    expect(stored?.plan.name).toBe('From A');
    expect(stored?.plan.notes).toBe('From B');
  });

  it('case 15: a connection closed under a background tab is reopened and the save retried once', async () => {
    const a = await tab();
    const sa = await a.open('p');
    a.repo.db.close();
    sa.edit('Name', [{ path: ['name'], value: 'After the connection dropped' }]);
    await sa.flush();
    expect(sa.saveStatus).toBe('saved');
    expect((await a.repo.current('p'))?.plan.name).toBe('After the connection dropped');
  });

  it('case 6: a tab told to stop writing keeps its edits in memory and writes nothing', async () => {
    const a = await tab();
    const sa = await a.open('p');
    sa.stopWriting();
    sa.edit('Name', [{ path: ['name'], value: 'Not written' }]);
    await sa.flush();
    expect(sa.plan.name).toBe('Not written');
    expect(sa.saveError).toBe('stale');
    expect((await a.repo.current('p'))?.plan.name).not.toBe('Not written');
  });

  it('case 47: a row moved in one tab, then a stale edit of the first row in the other lands on the channel it was made on', async () => {
    const a = await tab();
    const b = await tab();
    const sa = await a.open('p');
    const sb = await b.open('p');
    const [first, second] = sa.plan.channels.map((c) => c.id);
    const original = sa.plan.channels[0].drivers.spend.base;
    sb.edit('Move up', [moveByOne(sb.plan.channels, ['channels'], 1, -1)!]);
    await sb.flush();
    // A still shows the old order: row 0 is `first`.
    sa.edit('Spend', [{ path: ['channels', 0, 'drivers', 'spend', 'base'], value: 123_456 }]);
    await sa.flush();
    const stored = (await a.repo.current('p'))!.plan;
    expect(stored.channels.map((c) => c.id).slice(0, 2)).toEqual([second, first]);
    expect(stored.channels.find((c) => c.id === first)?.drivers.spend.base).toBe(123_456);
    expect(stored.channels.find((c) => c.id === second)?.drivers.spend.base).not.toBe(123_456);
    expect(sa.plan).toEqual(stored);
    // A move changes no value: no "changed again in another tab" notice.
    expect([...a.conflicts, ...b.conflicts]).toEqual([]);
    // Undo in A undoes A's edit only; B's move stays.
    sa.undo();
    await sa.flush();
    const after = (await a.repo.current('p'))!.plan;
    expect(after.channels.map((c) => c.id).slice(0, 2)).toEqual([second, first]);
    expect(after.channels.find((c) => c.id === first)?.drivers.spend.base).toBe(original);
  });

  it('case 47: an edit to a channel deleted in another tab is dropped with a notice, never applied to a neighbour', async () => {
    const a = await tab();
    const b = await tab();
    const sa = await a.open('p');
    const sb = await b.open('p');
    const before = structuredClone(sa.plan);
    const victim = before.channels[0].id;
    sb.edit('Remove channel', removeChannelOps(sb.plan, victim));
    await sb.flush();
    sa.edit('Spend', [{ path: ['channels', 0, 'drivers', 'spend', 'base'], value: 999 }]);
    sa.edit('Name', [{ path: ['channels', 1, 'name'], value: 'Renamed in A' }]);
    await sa.flush();
    const stored = (await a.repo.current('p'))!.plan;
    expect(stored.channels.map((c) => c.id)).toEqual(before.channels.slice(1).map((c) => c.id));
    expect(stored.channels.some((c) => c.drivers.spend.base === 999)).toBe(false);
    expect(stored.channels[0].name).toBe('Renamed in A');
    expect(a.conflicts).toEqual(['Spend:dropped']);
  });

  it('case 47: a channel inserted in one tab and a scenario renamed in the other are both kept, each where it was made', async () => {
    const a = await tab();
    const b = await tab();
    const sa0 = await a.open('p');
    sa0.edit('Scenarios', [{ path: ['scenarios', 0], value: { id: 's1', name: 'One', parentId: null, notes: '', adjustments: [] } }, { path: ['scenarios', 1], value: { id: 's2', name: 'Two', parentId: null, notes: '', adjustments: [] } }]);
    await sa0.flush();
    const sb = await b.open('p');
    const ch = { ...structuredClone(sb.plan.channels[0]), id: 'new-ch', name: 'New' };
    sb.edit('Add channel', [{ path: ['channels', 0], value: ch, insert: true }]);
    sb.edit('Delete scenario', [{ path: ['scenarios', 0], value: undefined }]);
    await sb.flush();
    sa0.edit('Rename scenario', [{ path: ['scenarios', 1, 'name'], value: 'Two (A)' }]);
    sa0.edit('Spend', [{ path: ['channels', 0, 'drivers', 'spend', 'base'], value: 4_242 }]);
    await sa0.flush();
    const stored = (await a.repo.current('p'))!.plan;
    expect(stored.scenarios.map((s) => [s.id, s.name])).toEqual([['s2', 'Two (A)']]);
    expect(stored.channels[0].id).toBe('new-ch');
    expect(stored.channels[0].drivers.spend.base).toBe(ch.drivers.spend.base);
    expect(stored.channels[1].drivers.spend.base).toBe(4_242);
  });
});
