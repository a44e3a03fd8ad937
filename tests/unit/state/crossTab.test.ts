import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import type { Plan } from '../../../src/engine/types';
import { PlannerDb } from '../../../src/persistence/db';
import { PlanRepo } from '../../../src/persistence/planRepo';
import { PlanSession } from '../../../src/state/planSession.svelte';
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
});
