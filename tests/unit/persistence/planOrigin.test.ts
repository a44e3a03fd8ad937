import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import { PlannerDb } from '../../../src/persistence/db';
import { PlanRepo } from '../../../src/persistence/planRepo';

let db: PlannerDb;
let repo: PlanRepo;
let n = 0;

beforeEach(async () => {
  db = new PlannerDb(`origin-${++n}`);
  await db.open();
  repo = new PlanRepo(db);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('telling plans of the same name apart', () => {
  it('lists where each imported plan came from, and keeps it through saves, renames and replaces', async () => {
    const base = generateSyntheticPlan({ channels: 3, periods: 12, seed: 5 });
    const first = { ...base, id: 'a', name: '2027 渠道预算', createdAt: 10, updatedAt: 10 };
    const second = { ...base, id: 'b', name: '2027 渠道预算', createdAt: 20, updatedAt: 20, channels: base.channels.slice(0, 2) };
    await repo.create(first, { kind: 'import', fileName: '预算-v1.cmplan.json', at: 100 });
    await repo.create(second, { kind: 'import', fileName: '预算-v2.cmplan.json', at: 200 });
    await repo.create({ ...base, id: 'c', name: 'From a template', createdAt: 30, updatedAt: 30 });

    await repo.save({ ...first, notes: 'edited', updatedAt: 300 }, [], []);
    await repo.rename('b', '2027 渠道预算', 400);
    await repo.replaceWithSnapshot({ ...second, updatedAt: 500 }, 'beforeReplace');

    const list = await repo.list();
    const byId = Object.fromEntries(list.map((p) => [p.id, p]));
    expect(byId.a.origin).toEqual({ kind: 'import', fileName: '预算-v1.cmplan.json', at: 100 });
    expect(byId.b.origin).toEqual({ kind: 'import', fileName: '预算-v2.cmplan.json', at: 200 });
    expect(byId.c.origin).toBeUndefined();
    expect(byId.c.createdAt).toBe(30);
    expect(byId.a.channelNames).toEqual(base.channels.map((c) => c.name));
    expect(byId.b.channelNames).toHaveLength(2);
    expect(byId.a.scenarios).toBe(base.scenarios?.length ?? 0);

    // Replacing from another file says so.
    await repo.replaceWithSnapshot({ ...second, updatedAt: 600 }, 'beforeReplace', '', { kind: 'import', fileName: '预算-v3.cmplan.json', at: 600 });
    expect((await repo.list()).find((p) => p.id === 'b')?.origin?.fileName).toBe('预算-v3.cmplan.json');
  });
});
