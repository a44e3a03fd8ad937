/**
 * The smallest ops that turn one value into another, naming list items by key. A view that writes a
 * whole list or settings object (the scenario list, the scorecard, the optimiser bounds) means "make
 * it like this"; written as it is, it would also write back every value it did not change — and so
 * undo, in another tab's version, whatever that tab changed meanwhile. Diffed, only what this tab
 * changed is written.
 */
import { itemKey } from './itemKey';
import type { Op, PathKey } from './patch';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys of a list when every element has one and no two share it; else null. */
function keysOf(list: readonly unknown[]): string[] | null {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const el of list) {
    const k = itemKey(el);
    if (k === null || seen.has(k)) return null;
    seen.add(k);
    keys.push(k);
  }
  return keys;
}

export function diffOps(path: readonly PathKey[], before: unknown, after: unknown): Op[] {
  if (Object.is(before, after)) return [];
  if (isObj(before) && isObj(after)) {
    const ops: Op[] = [];
    for (const k of Object.keys(before)) if (!(k in after) && before[k] !== undefined) ops.push({ path: [...path, k], value: undefined });
    for (const k of Object.keys(after)) {
      if (after[k] === undefined) {
        if (before[k] !== undefined) ops.push({ path: [...path, k], value: undefined });
      } else ops.push(...diffOps([...path, k], before[k], after[k]));
    }
    return ops;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const oldKeys = keysOf(before);
    const newKeys = keysOf(after);
    if (oldKeys && newKeys && (before.length > 0 || after.length > 0)) return diffKeyedList(path, before, oldKeys, after, newKeys);
    if (before.length === after.length) return before.flatMap((el, i) => diffOps([...path, i], el, after[i]));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, value: after }];
}

function diffKeyedList(path: readonly PathKey[], before: readonly unknown[], oldKeys: string[], after: readonly unknown[], newKeys: string[]): Op[] {
  const ops: Op[] = [];
  const kept = new Set(newKeys);
  const had = new Map(oldKeys.map((k, i) => [k, before[i]]));
  for (const k of oldKeys) if (!kept.has(k)) ops.push({ path: [...path, { id: k }], value: undefined });
  // Walk the new order: each item must follow the one before it; the order of what is left is
  // simulated so that only real moves are written.
  const order = oldKeys.filter((k) => kept.has(k));
  for (let i = 0; i < newKeys.length; i++) {
    const k = newKeys[i];
    const prev = i === 0 ? null : newKeys[i - 1];
    if (!had.has(k)) {
      ops.push({ path: [...path, { id: k }], value: after[i], insert: true, after: prev });
      order.splice(prev === null ? 0 : order.indexOf(prev) + 1, 0, k);
      continue;
    }
    const at = order.indexOf(k);
    const wantAt = prev === null ? 0 : order.indexOf(prev) + 1;
    if (at !== wantAt) {
      ops.push({ path: [...path, { id: k }], value: undefined, move: true, after: prev });
      order.splice(at, 1);
      order.splice(prev === null ? 0 : order.indexOf(prev) + 1, 0, k);
    }
    ops.push(...diffOps([...path, { id: k }], had.get(k), after[i]));
  }
  return ops;
}
