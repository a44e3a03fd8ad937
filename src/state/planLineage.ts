/**
 * Lineage in the browser: the snapshot an export is taken from (so the exporter keeps the common
 * ancestor), the snapshot of an imported plan (so the receiver keeps it too), and, for a file that
 * comes back, the local plans it is a version of and the newest snapshot both sides started from.
 */
import { ancestorsOf, planContentText, relatedPlans, withAncestor } from '../engine/merge3/lineage';
import type { LineageEntry, Plan } from '../engine/types';
import type { SnapshotRecord, SnapshotStore } from '../persistence/snapshots';

/** SHA-256, hex, of the plan's canonical content text (merge3/lineage.ts). */
export async function planContentHash(plan: Plan): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(planContentText(plan)));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The plan as it goes into a file, and the origin to write with it: the newest export snapshot of the
 * plan when its content is unchanged since, else a new one. Exporting the same plan twice gives the
 * same file. The file's plan also names the previous export as an ancestor, so a colleague who merged
 * that one finds it as the common ancestor of this one.
 */
export async function exportWithOrigin(plan: Plan, store: SnapshotStore): Promise<{ plan: Plan; origin: LineageEntry }> {
  const contentHash = await planContentHash(plan);
  const exports = (await store.list(plan.id)).filter((s) => s.kind === 'exported');
  const last = exports[0] && (await store.get(exports[0].id));
  const lastHash = last ? await planContentHash(last.plan) : null;
  let origin: LineageEntry;
  let previous: SnapshotRecord | undefined;
  if (last && lastHash === contentHash) {
    origin = { planId: plan.id, snapshotId: last.id, contentHash };
    previous = exports[1] && (await store.get(exports[1].id));
  } else {
    origin = { planId: plan.id, snapshotId: (await store.create(plan, 'exported')).id, contentHash };
    previous = last;
  }
  const withPrevious = previous ? withAncestor(plan, { planId: plan.id, snapshotId: previous.id, contentHash: await planContentHash(previous.plan) }) : plan;
  return { plan: withPrevious, origin };
}

/**
 * The same, but an export never fails for want of its snapshot (storage full, storage gone): the
 * file is then written without an origin, as older versions wrote it, and can only be merged by
 * scenarios later.
 */
export async function exportVersion(plan: Plan, store: SnapshotStore): Promise<{ plan: Plan; origin?: LineageEntry }> {
  try {
    return await exportWithOrigin(plan, store);
  } catch {
    return { plan };
  }
}

/**
 * The newest snapshot both sides started from: for each ancestor the file names (newest first) that
 * is also the local plan's (one of its own exports, or in its lineage), the snapshot of that id if
 * this browser has it, else one of the local plan's snapshots with the same content. An ancestor the
 * local plan no longer names (a merge taken back with undo) does not count. Null when there is none
 * (the merge falls back to scenarios only).
 */
export async function commonAncestor(local: Plan, file: Plan, origin: LineageEntry | undefined, store: SnapshotStore): Promise<SnapshotRecord | null> {
  const mine = new Set((local.lineage ?? []).map((e) => e.snapshotId));
  const wanted = ancestorsOf(file, origin).filter((e) => e.planId === local.id || mine.has(e.snapshotId));
  if (wanted.length === 0) return null;
  const own = await store.list(local.id);
  const hashes = new Map<string, SnapshotRecord>();
  for (const s of own) {
    const record = await store.get(s.id);
    if (record) hashes.set(await planContentHash(record.plan), record);
  }
  for (const entry of wanted) {
    const byId = await store.get(entry.snapshotId);
    if (byId && (await planContentHash(byId.plan)) === entry.contentHash) return byId;
    const byContent = hashes.get(entry.contentHash);
    if (byContent) return byContent;
  }
  return null;
}

/** The local plans a file's plan is a version of (the same plan, an ancestor, a descendant or a sibling). */
export function relatedLocalPlans(locals: readonly Plan[], file: Plan, origin: LineageEntry | undefined): Plan[] {
  return locals.filter((p) => relatedPlans(p, file, origin));
}
