import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applyPlanMerge, diffPlans, planContentText, relatedPlans, withAncestor } from '../../../src/engine/merge3';
import { asImportedPlan, parsePlanFile, serialisePlanFile } from '../../../src/engine/planFile';
import type { Plan } from '../../../src/engine/types';
import { MemorySnapshotStore } from '../../../src/persistence/snapshots';
import { commonAncestor, exportVersion, exportWithOrigin, planContentHash } from '../../../src/state/planLineage';
import { simpleChannel, simplePlan } from '../engine/planFixtures';

const APP = { name: 'channel-mix-planner', version: 'test' };

function planA(): Plan {
  const p = simplePlan([simpleChannel('live'), simpleChannel('tmall')]);
  p.id = 'plan-a';
  p.scenarios = [{ id: 'sc1', name: 'Push', parentId: null, adjustments: [], notes: '' }];
  return p;
}

/** A file written and read back, as a colleague receives it. */
function roundTrip(plan: Plan, origin: Plan['lineage'] extends (infer E)[] | undefined ? E : never) {
  const r = parsePlanFile(serialisePlanFile(plan, APP, { origin }));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r;
}

const spend = (p: Plan, id: string) => p.channels.find((c) => c.id === id)!.drivers.spend.base;
const withSpend = (p: Plan, id: string, v: number): Plan => ({
  ...p,
  channels: p.channels.map((c) => (c.id === id ? { ...c, drivers: { ...c.drivers, spend: { ...c.drivers.spend, base: v } } } : c)),
});

describe('lineage across two browsers', () => {
  it('the content hash is SHA-256 of the canonical content text, the same for an imported copy', async () => {
    const a = planA();
    const hash = await planContentHash(a);
    expect(hash).toBe(createHash('sha256').update(planContentText(a), 'utf8').digest('hex'));
    expect(await planContentHash(asImportedPlan(a, 'other-id', 123))).toBe(hash);
  });

  it('exporting takes a snapshot once and reuses it while the content is unchanged', async () => {
    const store = new MemorySnapshotStore();
    const a = planA();
    const first = await exportWithOrigin(a, store);
    const again = await exportWithOrigin({ ...a, updatedAt: 99 }, store);
    expect(again.origin).toEqual(first.origin);
    expect((await store.list(a.id)).map((s) => s.kind)).toEqual(['exported']);
    const changed = await exportWithOrigin(withSpend(a, 'live', 5), store);
    expect(changed.origin.snapshotId).not.toBe(first.origin.snapshotId);
    // The new file names the previous export as an ancestor.
    expect(changed.plan.lineage).toEqual([first.origin]);
  });

  it('A exports, B imports and edits, A edits another channel; A finds the common ancestor and merges both edits without a question', async () => {
    const storeA = new MemorySnapshotStore();
    const storeB = new MemorySnapshotStore();
    let a = planA();
    const exported = await exportWithOrigin(a, storeA);
    const fileToB = roundTrip(exported.plan, exported.origin);

    // B imports: a new id, the file's origin in the lineage, a snapshot of the imported state.
    let b = withAncestor(asImportedPlan(fileToB.plan, 'plan-b', 1), fileToB.origin!);
    await storeB.create(b, 'imported');
    expect(relatedPlans(b, a)).toBe(true);
    b = withSpend(b, 'live', 2_000_000);
    const fromB = await exportWithOrigin(b, storeB);
    const fileToA = roundTrip(fromB.plan, fromB.origin);

    a = withSpend(a, 'tmall', 3_000_000);
    expect(relatedPlans(a, fileToA.plan, fileToA.origin)).toBe(true);
    const ancestor = await commonAncestor(a, fileToA.plan, fileToA.origin, storeA);
    expect(ancestor?.id).toBe(exported.origin.snapshotId);
    const merge = diffPlans(ancestor!.plan, a, fileToA.plan);
    expect(merge.items.filter((i) => i.status !== 'unchanged').map((i) => [i.kind, i.id, i.driver, i.status])).toEqual([
      ['driver', 'live', 'spend', 'onlyTheirs'],
      ['driver', 'tmall', 'spend', 'onlyMine'],
    ]);
    const merged = applyPlanMerge(merge);
    expect([spend(merged, 'live'), spend(merged, 'tmall')]).toEqual([2_000_000, 3_000_000]);
    expect(merged.id).toBe('plan-a');

    // B, receiving A's own earlier file back, finds the imported snapshot by content.
    const back = await commonAncestor(b, fileToB.plan, fileToB.origin, storeB);
    expect(back?.kind).toBe('imported');
  });

  it('without any shared snapshot there is no common ancestor', async () => {
    const store = new MemorySnapshotStore();
    const a = planA();
    const other = { ...planA(), id: 'x', lineage: [{ planId: 'plan-a', snapshotId: 'sgone', contentHash: '0'.repeat(64) }] };
    expect(await commonAncestor(a, other, undefined, store)).toBeNull();
  });
});

describe('an ancestor the plan no longer names', () => {
  it('does not count after the merge that named it was taken back', async () => {
    const storeA = new MemorySnapshotStore();
    const a = planA();
    const exported = await exportWithOrigin(a, storeA);
    const theirs = { ...withSpend(a, 'live', 7), id: 'plan-b', lineage: [exported.origin] };
    const origin = { planId: 'plan-b', snapshotId: 'sB1', contentHash: await planContentHash(theirs) };
    // A merged their version (and kept it as a snapshot), then undid the merge: her lineage lost it.
    await storeA.create({ ...theirs, id: a.id }, 'imported');
    expect((await commonAncestor(a, theirs, origin, storeA))?.id).toBe(exported.origin.snapshotId);
    // With the merge kept, their version is the newest common ancestor.
    expect((await commonAncestor(withAncestor(a, origin), theirs, origin, storeA))?.kind).toBe('imported');
  });
});

describe('exporting when the snapshot cannot be written', () => {
  it('still gives the file, without an origin', async () => {
    const store = new MemorySnapshotStore();
    store.create = () => Promise.reject(new DOMException('full', 'QuotaExceededError'));
    const a = planA();
    expect(await exportVersion(a, store)).toEqual({ plan: a });
  });
});
