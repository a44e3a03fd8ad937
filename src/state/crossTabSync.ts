import { applyOps, getAt, type Op } from '../engine/patch';
import type { Plan } from '../engine/types';
import type { SaveResult } from '../persistence/planStore';

/** How long a saved edit still counts as "just made" for same-value notices between tabs. */
const RECENT_MS = 10_000;

interface PendingEdit {
  label: string;
  ops: readonly Op[];
}

export interface SyncNotices {
  /** Another tab changed a value this tab changed too: whose value stays. */
  conflict(label: string, kept: 'mine' | 'theirs'): void;
  /** An edit of this tab named an item another tab deleted: it was not applied anywhere. */
  dropped(label: string): void;
}

const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

/** The item an op is about (its path up to the last keyed list element), for "deleted elsewhere". */
function labelsOf(edits: readonly PendingEdit[], ops: readonly Op[]): string[] {
  const hit = new Set(ops);
  const labels = edits.filter((e) => e.ops.some((op) => hit.has(op))).map((e) => e.label);
  return [...new Set(labels)];
}

/**
 * Keeps one tab's copy of a plan in step with the copies of other tabs (RELIABILITY 13–14).
 * It remembers the stored revision the copy is built on and the edits made since; when another
 * tab's save arrives, those edits are replayed on top of it. Edits name items by key, so a replayed
 * edit lands on the item it was made on or — when that item was deleted elsewhere — is dropped and
 * reported.
 */
export class CrossTabSync {
  #baseRev: number;
  #basePlan: Plan;
  #pending: PendingEdit[] = [];
  /** Edits saved in the last seconds: another tab overwriting one of them gets a notice here. */
  #recent: (PendingEdit & { at: number })[] = [];

  readonly notices: SyncNotices;

  constructor(plan: Plan, rev: number, notices: SyncNotices) {
    this.notices = notices;
    this.#baseRev = rev;
    this.#basePlan = plan;
  }

  get baseRev(): number {
    return this.#baseRev;
  }

  /** An edit (or an undo or redo) of this tab, not yet saved. */
  note(label: string, ops: readonly Op[]): void {
    this.#pending.push({ label, ops });
  }

  /** What a save sends: how many pending edits it covers and their ops in order. */
  outgoing(): { count: number; ops: Op[] } {
    return { count: this.#pending.length, ops: this.#pending.flatMap((p) => p.ops) };
  }

  /**
   * A save of the first `count` pending edits landed as `res`. Returns the plan the tab should show
   * when the save was rebased on another tab's version (with edits made since replayed), else null.
   */
  saved(count: number, res: SaveResult): Plan | null {
    const sent = this.#pending.slice(0, count);
    this.#pending = this.#pending.slice(count);
    if (res.rebased) {
      this.#tellOverlap(this.#basePlan, res.previous, sent, 'mine');
      for (const label of labelsOf(sent, res.dropped)) this.notices.dropped(label);
    }
    const now = Date.now();
    this.#recent = [...this.#recent.filter((r) => now - r.at < RECENT_MS), ...sent.map((s) => ({ ...s, at: now }))];
    this.#baseRev = res.rev;
    this.#basePlan = res.plan;
    return res.rebased ? this.#replay(res.plan) : null;
  }

  /**
   * Another tab saved revision `rev`. Returns the plan this tab should now show (the stored one with
   * this tab's unsaved edits replayed), or null when it has already seen that revision.
   */
  remote(rev: number, stored: Plan): Plan | null {
    if (rev <= this.#baseRev) return null;
    this.#tellOverlap(this.#basePlan, stored, this.#pending, 'mine');
    const now = Date.now();
    this.#recent = this.#recent.filter((r) => now - r.at < RECENT_MS);
    this.#tellOverlap(this.#basePlan, stored, this.#recent, 'theirs');
    this.#baseRev = rev;
    this.#basePlan = stored;
    return this.#replay(stored);
  }

  #replay(stored: Plan): Plan {
    if (this.#pending.length === 0) return stored;
    const { result, dropped } = applyOps(stored, this.outgoing().ops);
    if (dropped.length > 0) {
      const gone = new Set(dropped.map((d) => d.op));
      for (const label of labelsOf(this.#pending, [...gone])) this.notices.dropped(label);
      // A dropped edit is gone for good: it must not be sent again with the next save.
      this.#pending = this.#pending.map((p) => ({ ...p, ops: p.ops.filter((op) => !gone.has(op)) })).filter((p) => p.ops.length > 0);
    }
    return result;
  }

  /** Tells the user about each edit whose value the other version changed as well. */
  #tellOverlap(before: Plan, other: Plan, edits: readonly PendingEdit[], kept: 'mine' | 'theirs'): void {
    // A move or an insertion carries no value another tab could have changed; an edit of an item
    // the other version deleted is reported as dropped instead.
    const changedElsewhere = (op: Op): boolean =>
      !op.move && !op.insert && !same(getAt(before, op.path), getAt(other, op.path)) && applyOps(other, [op]).dropped.length === 0;
    const labels = edits.filter((e) => e.ops.some(changedElsewhere)).map((e) => e.label);
    for (const label of new Set(labels)) this.notices.conflict(label, kept);
  }
}
