/**
 * Undo history as data: each step is one user action, kept as the ops that made it and the ops that
 * undo it. Stored with the plan so that undo survives a reload.
 */
import { addressByKey, applyOps, type Op } from './patch';

export interface EditStep {
  label: string;
  ops: Op[];
  inverse: Op[];
}

/** Undo history kept per plan; older steps are dropped beyond this. */
export const MAX_HISTORY = 200;

export type HistoryUpgrade =
  | { ok: true; undo: EditStep[]; redo: EditStep[]; changed: boolean }
  | { ok: false };

/** Deep equality of plain data, whatever the order of object keys. */
function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * Histories saved before edits named list items by key hold positions (`['channels', 0, …]`).
 * Those positions are exact for the plan the history was saved with, so walking the history from
 * that plan converts every step: an undo step's inverse applies to the plan as it is, its forward
 * ops to the plan before it; redo steps the other way round. A step whose ops do not fit the plan
 * (a history that does not belong to it) fails the whole upgrade: the caller drops the history and
 * says so, rather than keeping steps that could land on the wrong item. `fix` adjusts converted ops
 * to today's model (e.g. an undo that removed a part the plan now always has sets its default).
 */
export function addressHistoryByKey<P>(
  plan: P, undo: readonly EditStep[], redo: readonly EditStep[], fix: (ops: Op[]) => Op[] = (ops) => ops,
): HistoryUpgrade {
  const outUndo: EditStep[] = new Array<EditStep>(undo.length);
  let cur = plan;
  for (let i = undo.length - 1; i >= 0; i--) {
    const step = undo[i];
    const inverse = fix(addressByKey(cur, step.inverse));
    const back = applyOps(cur, inverse);
    if (back.dropped.length > 0) return { ok: false };
    const ops = fix(addressByKey(back.result, step.ops));
    const forward = applyOps(back.result, ops);
    if (forward.dropped.length > 0 || !same(forward.result, cur)) return { ok: false };
    outUndo[i] = { label: step.label, ops, inverse };
    cur = back.result;
  }
  const outRedo: EditStep[] = new Array<EditStep>(redo.length);
  cur = plan;
  for (let i = redo.length - 1; i >= 0; i--) {
    const step = redo[i];
    const ops = fix(addressByKey(cur, step.ops));
    const forward = applyOps(cur, ops);
    if (forward.dropped.length > 0) return { ok: false };
    const inverse = fix(addressByKey(forward.result, step.inverse));
    outRedo[i] = { label: step.label, ops, inverse };
    cur = forward.result;
  }
  const changed = !same(outUndo, undo) || !same(outRedo, redo);
  return { ok: true, undo: outUndo, redo: outRedo, changed };
}
