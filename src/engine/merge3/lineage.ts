/**
 * Where a plan came from: the plans and snapshots it descends from, so a colleague's later file is
 * recognised as an update of a plan this browser has, and the version both started from (the common
 * ancestor) can be found among the snapshots by id or by content.
 */
import { canonicalJson } from '../canonical';
import type { LineageEntry, Plan } from '../types';

/** How many ancestors a plan remembers: the newest ones matter, and a long chain only grows files. */
export const MAX_LINEAGE = 20;

/**
 * The canonical text of a plan's content: sorted-key JSON without the fields that say which copy
 * it is (id, dates, lineage). An imported copy of a file has the same content text as the file,
 * so its hash finds the snapshot of either.
 */
export function planContentText(plan: Plan): string {
  return canonicalJson({ ...plan, id: undefined, createdAt: undefined, updatedAt: undefined, lineage: undefined });
}

/** Where a file's plan came from, newest first: the file's own origin, then the plan's lineage. */
export function ancestorsOf(plan: Plan, origin: LineageEntry | undefined): LineageEntry[] {
  const out = origin ? [origin] : [];
  for (const e of [...(plan.lineage ?? [])].reverse()) if (!out.some((o) => o.snapshotId === e.snapshotId)) out.push(e);
  return out;
}

/** The plan with one more ancestor at the end (the newest), without repeats and within MAX_LINEAGE. */
export function withAncestor(plan: Plan, entry: LineageEntry): Plan {
  const rest = (plan.lineage ?? []).filter((e) => e.snapshotId !== entry.snapshotId);
  return { ...plan, lineage: [...rest, entry].slice(-MAX_LINEAGE) };
}

/** The plan ids a plan is, or descends from. */
function family(plan: Plan, origin?: LineageEntry): Set<string> {
  const ids = new Set([plan.id, ...(plan.lineage ?? []).map((e) => e.planId)]);
  if (origin) ids.add(origin.planId);
  return ids;
}

/**
 * Whether a local plan and a file's plan are versions of one plan: the same plan, or one descends
 * from the other, or both descend from the same plan (two colleagues' copies of one file).
 */
export function relatedPlans(local: Plan, file: Plan, origin?: LineageEntry): boolean {
  const theirs = family(file, origin);
  for (const id of family(local)) if (theirs.has(id)) return true;
  return false;
}
