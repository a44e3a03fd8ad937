import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { applyOps, isRef } from '../../../src/engine/patch';
import { MIGRATIONS } from '../../../src/engine/planFile/migrations';
import type { Plan } from '../../../src/engine/types';
import { PlannerDb } from '../../../src/persistence/db';
import { readJournal } from '../../../src/persistence/journal';
import { PlanRepo } from '../../../src/persistence/planRepo';
import { SnapshotRepo } from '../../../src/persistence/snapshots';
import { HISTORY_SCHEMA, PLAN_SCHEMA, upgradeStoredHistory, upgradeStoredPlan } from '../../../src/persistence/storedRecords';

/** IndexedDB as the first release left it (see tests/fixtures/db/makeRelease1Db.ts). */
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/db/release-1.json', import.meta.url), 'utf8')) as {
  dbVersion: number;
  tables: Record<string, Record<string, unknown>[]>;
};

let db: PlannerDb | null = null;
afterEach(async () => {
  if (db) await db.delete();
  db = null;
});

async function releaseDb(): Promise<PlannerDb> {
  db = new PlannerDb(`release-1-${Math.random()}`);
  await db.open();
  for (const [table, rows] of Object.entries(fixture.tables)) await db.table(table).bulkPut(rows);
  return db;
}

const storedPlan = (id: string): Record<string, unknown> => fixture.tables.plans.find((p) => p.id === id)?.plan as Record<string, unknown>;

describe('case 48: a database written by the first release', () => {
  it('opens every plan, fills what the model now requires and keeps every stored value', async () => {
    const repo = new PlanRepo(await releaseDb());
    for (const rec of fixture.tables.plans) {
      const loaded = await repo.load(rec.id as string);
      expect(loaded, String(rec.id)).not.toBeNull();
      const plan = loaded!.plan;
      const before = rec.plan as Record<string, unknown>;
      // Nothing stored is lost: every field of the old record is there with the same value.
      for (const [k, v] of Object.entries(before)) expect(plan[k as keyof Plan], k).toEqual(v);
      expect(plan.scenarios).toEqual(before.scenarios ?? []);
      expect(plan.uncertainty).toEqual([]);
      expect(plan.budgetBounds).toEqual([]);
      expect(plan.cannibalisation).toEqual([]);
      expect(plan.evaluation).toEqual(before.evaluation ?? {});
    }
  });

  it('converts the positional undo history so that undo and redo still give the plans they gave', async () => {
    const repo = new PlanRepo(await releaseDb());
    const loaded = await repo.load('p-beauty');
    expect(loaded?.historyDropped).toBe(false);
    const { undo, redo } = loaded!.history;
    const old = fixture.tables.history.find((h) => h.planId === 'p-beauty') as unknown as { undo: { ops: unknown[] }[]; redo: unknown[] };
    expect(undo).toHaveLength(old.undo.length);
    expect(redo).toHaveLength(old.redo.length);
    // Every list item is now named by key…
    for (const step of [...undo, ...redo]) for (const op of [...step.ops, ...step.inverse]) {
      if (op.path[0] === 'channels' || op.path[0] === 'scenarios') expect(op.path.length === 1 || isRef(op.path[1]), JSON.stringify(op.path)).toBe(true);
    }
    // …and walking the converted history gives the same plans as the old one did by position.
    let newer = loaded!.plan as unknown;
    let older = storedPlan('p-beauty') as unknown;
    for (let i = undo.length - 1; i >= 0; i--) {
      newer = applyOps(newer, undo[i].inverse).result;
      older = applyOps(older, (old.undo[i] as unknown as { inverse: never[] }).inverse).result;
      expect(newer).toEqual({ ...(older as object), scenarios: (older as Plan).scenarios ?? [], uncertainty: [], budgetBounds: [], cannibalisation: [], evaluation: (older as Plan).evaluation ?? {} });
    }
    // The redo step (the gross-margin edit that was undone) still redoes it.
    const redone = applyOps(loaded!.plan, redo[0].ops).result;
    expect(redone.channels[0].drivers.grossMargin.base).toBe(0.68);
  });

  it('writes today\'s versions back on the next save, and reads them again unchanged', async () => {
    const d = await releaseDb();
    const repo = new PlanRepo(d);
    const loaded = await repo.load('p-grocery');
    await repo.save(loaded!.plan, loaded!.history.undo, loaded!.history.redo);
    const rec = await d.plans.get('p-grocery');
    const hist = await d.history.get('p-grocery');
    expect(rec?.schema).toBe(PLAN_SCHEMA);
    expect(hist?.schema).toBe(HISTORY_SCHEMA);
    const again = await repo.load('p-grocery');
    expect(again?.plan).toEqual(loaded?.plan);
    expect(again?.history.undo).toEqual(loaded?.history.undo);
  });

  it('opens the snapshot taken by that release', async () => {
    const snaps = new SnapshotRepo(await releaseDb());
    const [meta] = await snaps.list('p-beauty');
    expect(meta.name).toBe('评审前');
    const snap = await snaps.get(meta.id);
    expect(snap?.plan.scenarios.map((s) => s.name)).toEqual(['直播 +20%']);
    expect(snap?.plan.uncertainty).toEqual([]);
  });

  it('replays a journal entry of that release (no versions) as today\'s plan and history', () => {
    const plan = storedPlan('p-beauty');
    const history = fixture.tables.history.find((h) => h.planId === 'p-beauty') as Record<string, unknown>;
    const store = new Map<string, string>([['cmp.unsaved.p-beauty', JSON.stringify({ plan, undo: history.undo, redo: history.redo })]]);
    const storage = { getItem: (k: string) => store.get(k) ?? null } as Storage;
    const entry = readJournal(storage, 'p-beauty');
    expect(entry?.plan.budgetBounds).toEqual([]);
    expect(entry?.undo).toHaveLength((history.undo as unknown[]).length);
    expect(isRef(entry!.undo[0].ops[0].path[1])).toBe(true);
  });
});

describe('stored record upgrades', () => {
  it('refuses a plan written by a newer release, or one without the parts every view needs', () => {
    expect(upgradeStoredPlan(storedPlan('p-beauty'), PLAN_SCHEMA + 1)).toBeNull();
    expect(upgradeStoredPlan({ ...storedPlan('p-beauty'), channels: 'x' }, 1)).toBeNull();
    expect(upgradeStoredPlan(null, 1)).toBeNull();
  });

  it('drops, and says so, a positional history that does not fit its plan', () => {
    const plan = upgradeStoredPlan(storedPlan('p-grocery'), 1)!;
    const bad = [{ label: 'x', ops: [{ path: ['channels', 40, 'name'], value: 'a' }], inverse: [{ path: ['channels', 40, 'name'], value: 'b' }] }];
    const up = upgradeStoredHistory(plan, bad, [], 1, 1);
    expect(up).toEqual({ undo: [], redo: [], dropped: true });
  });

  it('every migration step there is has a fixture-backed test, and says whether it keeps paths', () => {
    for (const step of MIGRATIONS) expect(typeof step.keepsPaths, `${step.from}→${step.to}`).toBe('boolean');
  });
});
