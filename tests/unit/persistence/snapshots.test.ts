import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PlannerDb } from '../../../src/persistence/db';
import {
  MAX_AUTOMATIC_SNAPSHOTS,
  MemorySnapshotStore,
  SnapshotRepo,
  snapshotRepoFor,
  type SnapshotKind,
  type SnapshotStore,
} from '../../../src/persistence/snapshots';
import { PlanRepo } from '../../../src/persistence/planRepo';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import type { Plan } from '../../../src/engine/types';

let db: PlannerDb;
let n = 0;

beforeEach(async () => {
  db = new PlannerDb(`snapshots-${++n}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

function plan(id: string, channels = 3): Plan {
  return { ...generateSyntheticPlan({ channels, periods: 12, seed: 7 }), id, name: `Plan ${id}` };
}

/** A clock that ticks one millisecond per call, so orders are known. */
function ticking(start = 1000): () => number {
  let t = start;
  return () => t++;
}

const stores: [string, () => SnapshotStore][] = [
  ['IndexedDB', () => new SnapshotRepo(db, ticking())],
  ['memory', () => new MemorySnapshotStore(ticking())],
];

for (const [where, make] of stores) {
  describe(`snapshots (${where})`, () => {
    it('creates, lists newest first with counts, gets the whole plan back', async () => {
      const repo = make();
      const p = plan('a', 3);
      const first = await repo.create(p, 'manual', '  Before the review  ');
      const withScenario: Plan = { ...p, channels: p.channels.slice(0, 2), scenarios: [{ id: 'sc', name: 'S', parentId: null, adjustments: [], notes: '' }] };
      const second = await repo.create(withScenario, 'beforeImport');
      await repo.create(plan('other'), 'manual', 'Not this plan');

      const list = await repo.list('a');
      expect(list.map((s) => s.id)).toEqual([second.id, first.id]);
      expect(list[0]).toEqual({ id: second.id, planId: 'a', kind: 'beforeImport', name: '', createdAt: second.createdAt, channels: 2, scenarios: 1 });
      expect(list[1]).toMatchObject({ name: 'Before the review', kind: 'manual', channels: 3, scenarios: 0 });
      expect(list[0]).not.toHaveProperty('plan');

      const got = await repo.get(first.id);
      expect(got?.plan).toEqual(p);
      expect(got).toMatchObject({ id: first.id, planId: 'a', kind: 'manual', name: 'Before the review' });
      expect(await repo.get('missing')).toBeUndefined();
    });

    it('renames and deletes one snapshot, and puts a deleted one back as it was', async () => {
      const repo = make();
      const s = await repo.create(plan('a'), 'manual', 'Old');
      const other = await repo.create(plan('a'), 'manual', 'Other');
      await repo.rename(s.id, ' New name ');
      expect((await repo.list('a')).find((x) => x.id === s.id)?.name).toBe('New name');
      await expect(repo.rename('missing', 'x')).rejects.toThrow();

      const full = await repo.get(s.id);
      await repo.delete(s.id);
      expect((await repo.list('a')).map((x) => x.id)).toEqual([other.id]);
      expect(await repo.get(s.id)).toBeUndefined();

      await repo.putBack(full!);
      expect((await repo.list('a')).map((x) => x.id)).toEqual([other.id, s.id]);
      expect(await repo.get(s.id)).toEqual(full);
    });

    it(`keeps the newest ${MAX_AUTOMATIC_SNAPSHOTS} automatic snapshots per plan and every manual one`, async () => {
      const repo = make();
      const kinds: SnapshotKind[] = ['beforeImport', 'beforeMerge', 'beforeRestore', 'beforeReplace'];
      const manual = [];
      const automatic = [];
      for (let i = 0; i < MAX_AUTOMATIC_SNAPSHOTS + 7; i++) {
        automatic.push(await repo.create(plan('a', 1), kinds[i % kinds.length]));
        if (i % 10 === 0) manual.push(await repo.create(plan('a', 1), 'manual', `Manual ${i}`));
      }
      // Another plan's automatic snapshots do not count against this one's.
      const elsewhere = await repo.create(plan('b', 1), 'beforeImport');

      const list = await repo.list('a');
      const kept = new Set(list.map((s) => s.id));
      expect(list.filter((s) => s.kind !== 'manual')).toHaveLength(MAX_AUTOMATIC_SNAPSHOTS);
      for (const s of automatic.slice(-MAX_AUTOMATIC_SNAPSHOTS)) expect(kept.has(s.id)).toBe(true);
      for (const s of automatic.slice(0, 7)) {
        expect(kept.has(s.id)).toBe(false);
        expect(await repo.get(s.id)).toBeUndefined();
      }
      for (const s of manual) expect(kept.has(s.id)).toBe(true);
      expect((await repo.list('b')).map((s) => s.id)).toEqual([elsewhere.id]);
      // Newest first throughout.
      const times = list.map((s) => s.createdAt);
      expect(times).toEqual([...times].sort((x, y) => y - x));
    });

    it('watch reports the list now and after every change, for its plan only', async () => {
      const repo = make();
      const seen: string[][] = [];
      const stop = repo.watch('a', (list) => seen.push(list.map((x) => x.name)), (e) => {
        throw e;
      });
      await vi.waitFor(() => expect(seen.at(-1)).toEqual([]));
      const s = await repo.create(plan('a'), 'manual', 'One');
      await vi.waitFor(() => expect(seen.at(-1)).toEqual(['One']));
      await repo.rename(s.id, 'Renamed');
      await vi.waitFor(() => expect(seen.at(-1)).toEqual(['Renamed']));
      await repo.create(plan('b'), 'manual', 'Other plan');
      await repo.delete(s.id);
      await vi.waitFor(() => expect(seen.at(-1)).toEqual([]));
      expect(seen.some((names) => names.includes('Other plan'))).toBe(false);
      stop();
      const count = seen.length;
      await repo.create(plan('a'), 'manual', 'After stop');
      await new Promise((r) => setTimeout(r, 50));
      expect(seen).toHaveLength(count);
    });

    it('keeps its own copy: a later change to the plan object does not reach the snapshot', async () => {
      const repo = make();
      const p = plan('a');
      const s = await repo.create(p, 'manual', 'Copy');
      p.channels[0].name = 'Changed afterwards';
      expect((await repo.get(s.id))?.plan.channels[0].name).not.toBe('Changed afterwards');
    });
  });
}

describe('snapshot storage in IndexedDB', () => {
  it('lists without reading the copied plans', async () => {
    const repo = new SnapshotRepo(db, ticking());
    const s = await repo.create(plan('a'), 'manual', 'Light');
    // The list is built from the summary store alone: with the copy gone it still lists.
    await db.snapshotPlans.delete(s.id);
    expect((await repo.list('a')).map((x) => x.name)).toEqual(['Light']);
    // …but a snapshot without its copy is not handed out as restorable.
    expect(await repo.get(s.id)).toBeUndefined();
  });

  it('a snapshot that cannot be stored leaves nothing behind', async () => {
    const repo = new SnapshotRepo(db, ticking());
    const bad = { ...plan('a'), notes: (() => 'not cloneable') as unknown as string };
    await expect(repo.create(bad, 'manual', 'Bad')).rejects.toThrow();
    expect(await db.snapshots.count()).toBe(0);
    expect(await db.snapshotPlans.count()).toBe(0);
  });

  it('drops the snapshots of purged plans only', async () => {
    const plans = new PlanRepo(db);
    const repo = new SnapshotRepo(db, ticking());
    await plans.create(plan('kept'));
    await plans.create(plan('deleted'));
    await plans.remove('deleted', 5);
    await repo.create(plan('kept'), 'manual', 'K');
    await repo.create(plan('deleted'), 'manual', 'D');
    await repo.create(plan('purged'), 'beforeImport');
    expect(await repo.removeOrphans()).toBe(1);
    expect(await repo.list('purged')).toEqual([]);
    expect(await repo.list('kept')).toHaveLength(1);
    expect(await repo.list('deleted')).toHaveLength(1);
    expect(await db.snapshotPlans.count()).toBe(2);
  });

  it('a snapshot taken through another connection (another tab) reaches a watcher', async () => {
    const other = new PlannerDb(db.name);
    await other.open();
    try {
      const seen: string[][] = [];
      const stop = new SnapshotRepo(db).watch('a', (list) => seen.push(list.map((x) => x.name)), (e) => {
        throw e;
      });
      await vi.waitFor(() => expect(seen.at(-1)).toEqual([]));
      await new SnapshotRepo(other).create(plan('a'), 'beforeMerge', 'From the other tab');
      await vi.waitFor(() => expect(seen.at(-1)).toEqual(['From the other tab']));
      stop();
    } finally {
      other.close();
    }
  });

  it('snapshotRepoFor gives one store per database, and one shared in-memory store without a database', () => {
    expect(snapshotRepoFor(db)).toBe(snapshotRepoFor(db));
    expect(snapshotRepoFor(db)).toBeInstanceOf(SnapshotRepo);
    expect(snapshotRepoFor(null)).toBe(snapshotRepoFor(null));
    expect(snapshotRepoFor(null)).toBeInstanceOf(MemorySnapshotStore);
  });
});
