/**
 * Immutable edits addressed by path. Every change to a plan is a list of `Op`s; applying them returns
 * the new plan (sharing untouched branches) and the ops that undo them, which is all undo/redo, the
 * saved history and cross-tab merging need.
 *
 * A path names list items by their key (`{ id: 'ch_1' }`), not by position: an edit made in one tab
 * and replayed on another tab's version of the plan — where rows were moved, inserted or deleted —
 * lands on the same item, or is dropped and reported when that item is gone. A position is not an
 * identity. Numeric keys remain for lists whose items have no key (rebate tiers, seasonality
 * indices, curve points), which always sit inside a keyed item.
 */
import { diffOps } from './diffOps';
import { itemKey } from './itemKey';

export { itemKey } from './itemKey';

/** Names the element of a list whose key (see `itemKey`) is `id`. */
export interface ItemRef {
  readonly id: string;
}
export type PathKey = string | number | ItemRef;
export type Path = readonly PathKey[];

export interface Op {
  path: Path;
  /** The new value; `undefined` removes the key (a list element is taken out). */
  value: unknown;
  /**
   * Insert the value as a new list element instead of replacing one. With a numeric last key the
   * element goes at that index; with an `ItemRef` it goes after the element keyed `after` (null =
   * first; absent = last).
   */
  insert?: boolean;
  /** Moves the element the path names to just after the element keyed `after` (null = first). */
  move?: boolean;
  after?: string | null;
}

/** Why an op could not be applied to a version of the plan. */
export type DropReason = 'missing' | 'exists';

export interface DroppedOp {
  op: Op;
  reason: DropReason;
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

function isContainer(v: unknown): v is Record<PathKey & (string | number), unknown> {
  return typeof v === 'object' && v !== null;
}

export function isRef(k: PathKey): k is ItemRef {
  return typeof k === 'object' && k !== null;
}

function indexOfKey(list: readonly unknown[], id: string): number {
  for (let i = 0; i < list.length; i++) if (itemKey(list[i]) === id) return i;
  return -1;
}

function step(cur: unknown, key: PathKey): unknown {
  if (!isContainer(cur)) return undefined;
  if (isRef(key)) {
    if (!Array.isArray(cur)) return undefined;
    const i = indexOfKey(cur, key.id);
    return i < 0 ? undefined : cur[i];
  }
  if (!Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
  return (cur as Record<string | number, unknown>)[key];
}

export function getAt(root: unknown, path: Path): unknown {
  let cur: unknown = root;
  for (const key of path) {
    cur = step(cur, key);
    if (cur === undefined) return undefined;
  }
  return cur;
}

/**
 * The same path with item keys turned into positions in `root`; null when a keyed item is not there.
 * The last key is left as it is when `keepLast` (an insert names an element that does not exist yet).
 */
function resolve(root: unknown, path: Path, keepLast = false): (string | number)[] | null {
  const out: (string | number)[] = [];
  let cur: unknown = root;
  for (let d = 0; d < path.length; d++) {
    const key = path[d];
    if (isRef(key)) {
      if (keepLast && d === path.length - 1) return out;
      if (!Array.isArray(cur)) return null;
      const i = indexOfKey(cur, key.id);
      if (i < 0) return null;
      out.push(i);
      cur = cur[i];
    } else {
      out.push(key);
      cur = isContainer(cur) && Object.prototype.hasOwnProperty.call(cur, key) ? (cur as Record<string | number, unknown>)[key] : undefined;
    }
  }
  return out;
}

/** The path with every position in a list of keyed items replaced by that item's key in `root`. */
export function refPath(root: unknown, path: Path): PathKey[] {
  const out: PathKey[] = [];
  let cur: unknown = root;
  for (const key of path) {
    if (typeof key === 'number' && Array.isArray(cur)) {
      const id = itemKey(cur[key]);
      out.push(id === null ? key : { id });
    } else out.push(key);
    cur = step(cur, key);
  }
  return out;
}

function setIn(node: unknown, path: readonly (string | number)[], depth: number, value: unknown, insert: boolean): unknown {
  const key = path[depth];
  if (typeof key === 'string' && FORBIDDEN.has(key)) throw new Error(`Refusing to write key "${key}"`);
  const last = depth === path.length - 1;
  if (Array.isArray(node)) {
    if (typeof key !== 'number' || !Number.isInteger(key) || key < 0 || key > node.length) {
      throw new RangeError(`Invalid array index ${String(key)} at ${path.slice(0, depth).join('.')}`);
    }
    const copy = node.slice();
    if (last) {
      if (value === undefined) copy.splice(key, 1);
      else if (insert) copy.splice(key, 0, value);
      else copy[key] = value;
    } else copy[key] = setIn(node[key], path, depth + 1, value, insert);
    return copy;
  }
  const obj: Record<string | number, unknown> = isContainer(node) ? { ...node } : {};
  if (last) {
    if (value === undefined) delete obj[key];
    else obj[key] = value;
  } else obj[key] = setIn(obj[key], path, depth + 1, value, insert);
  return obj;
}

/** Writes `value` at a path of positions and plain keys (item keys must be resolved first). */
export function setAt<T>(root: T, path: readonly (string | number)[], value: unknown, insert = false): T {
  if (path.length === 0) return value as T;
  return setIn(root, path, 0, value, insert) as T;
}

/** Key of the element before position `i` of a list: where an element goes back to on undo. */
function keyBefore(list: readonly unknown[], i: number): string | null {
  return i === 0 ? null : itemKey(list[i - 1]);
}

/** Position an element goes to when it is inserted or moved after the element keyed `after`. */
function positionAfter(list: readonly unknown[], after: string | null | undefined): number {
  if (after === null) return 0;
  if (after === undefined) return list.length;
  const i = indexOfKey(list, after);
  // The neighbour is gone (deleted in another tab): the end of the list loses nothing.
  return i < 0 ? list.length : i + 1;
}

interface Applied<T> {
  result: T;
  inverse: Op[];
  /** Ops that named an item this version does not have (or inserted one it has): not applied. */
  dropped: DroppedOp[];
}

/** Applies one op; returns the new root and the op that undoes it, or a drop reason. */
function applyOne<T>(cur: T, op: Op): { next: T; undo: Op | null } | DropReason {
  const last = op.path[op.path.length - 1];
  if (op.move) {
    const idx = resolve(cur, op.path);
    if (!idx) return 'missing';
    const parentPath = idx.slice(0, -1);
    const list = getAt(cur, parentPath) as unknown[];
    const from = idx[idx.length - 1] as number;
    const el = list[from];
    const rest = list.slice(0, from).concat(list.slice(from + 1));
    const to = positionAfter(rest, op.after);
    const moved = rest.slice(0, to).concat([el], rest.slice(to));
    const next = setAt(cur, parentPath, moved);
    return { next, undo: { path: refPath(next, [...parentPath, to]), value: undefined, move: true, after: keyBefore(list, from) } };
  }
  if (op.insert && last !== undefined && isRef(last)) {
    const parentIdx = resolve(cur, op.path.slice(0, -1));
    if (!parentIdx) return 'missing';
    const list = getAt(cur, parentIdx);
    if (!Array.isArray(list)) return 'missing';
    if (indexOfKey(list, last.id) >= 0) return 'exists';
    const at = positionAfter(list, op.after);
    const next = setAt(cur, [...parentIdx, at], op.value, true);
    return { next, undo: { path: op.path, value: undefined } };
  }
  const idx = resolve(cur, op.path);
  if (!idx) return 'missing';
  const before = getAt(cur, idx);
  const parentIdx = idx.slice(0, -1);
  const parent = getAt(cur, parentIdx);
  if (Array.isArray(parent)) {
    const k = idx[idx.length - 1] as number;
    const removing = op.value === undefined;
    if (removing && before === undefined) return 'missing';
    const inserting = !removing && (op.insert === true || k === parent.length);
    const next = setAt(cur, idx, op.value, op.insert === true);
    if (removing) {
      // Undone by putting the element back after its old neighbour, wherever that is by then.
      const key = itemKey(before);
      const undo: Op = key === null
        ? { path: refPath(next, idx), value: before, insert: true }
        : { path: [...refPath(next, parentIdx), { id: key }], value: before, insert: true, after: keyBefore(parent, k) };
      return { next, undo };
    }
    if (inserting) return { next, undo: { path: refPath(next, idx), value: undefined } };
    return { next, undo: { path: refPath(next, idx), value: before } };
  }
  if (op.value === undefined && before === undefined) return { next: cur, undo: null };
  // Undoing a write that created missing parents removes the highest created one, so that undo
  // leaves no empty containers behind.
  let created = idx.length;
  while (created > 1 && getAt(cur, idx.slice(0, created - 1)) === undefined) created--;
  const next = setAt(cur, idx, op.value);
  const undoIdx = idx.slice(0, created);
  return { next, undo: { path: refPath(next, undoIdx), value: created === idx.length ? before : undefined } };
}

/**
 * Applies ops in order; `inverse` applied to `result` gives back the original. An op that names an
 * item this version lacks is not applied and comes back in `dropped`, so the caller can say so —
 * it is never applied to a neighbour.
 */
export function applyOps<T>(root: T, ops: readonly Op[]): Applied<T> {
  let cur = root;
  const inverse: Op[] = [];
  const dropped: DroppedOp[] = [];
  for (const op of ops) {
    const r = applyOne(cur, op);
    if (typeof r === 'string') {
      dropped.push({ op, reason: r });
      continue;
    }
    cur = r.next;
    if (r.undo) inverse.push(r.undo);
  }
  inverse.reverse();
  return { result: cur, inverse, dropped };
}

/**
 * Rewrites ops made against `root` so that they name list items by key: positions in keyed lists
 * become `{ id }`, an insertion by position becomes an insertion after the element before it, and a
 * whole list or object written at once becomes the ops for what actually changed (diffOps.ts).
 * Views build ops from the rows they show; this makes them safe to replay on another tab's version.
 * Ops already in that form pass through unchanged.
 */
export function addressByKey<T>(root: T, ops: readonly Op[]): Op[] {
  let cur = root;
  const out: Op[] = [];
  for (const op of ops) {
    const last = op.path[op.path.length - 1];
    const parentPath = op.path.slice(0, -1);
    const parent = getAt(cur, parentPath);
    let addressed: Op = { ...op, path: refPath(cur, op.path) };
    if (Array.isArray(parent) && typeof last === 'number' && op.value !== undefined && !op.move) {
      const inserting = op.insert === true || last === parent.length;
      const key = itemKey(op.value);
      if (inserting && key !== null) {
        addressed = { path: [...refPath(cur, parentPath), { id: key }], value: op.value, insert: true, after: keyBefore(parent, last) };
      } else if (!inserting && key !== itemKey(parent[last])) {
        const from = key === null ? -1 : parent.findIndex((el) => itemKey(el) === key);
        if (key !== null && from >= 0) {
          // An item of this list written at another item's place (how rows used to be swapped):
          // a move, plus whatever of its content changed.
          const rest = parent.filter((_, i) => i !== from);
          const listPath = refPath(cur, parentPath);
          const moved: Op = { path: [...listPath, { id: key }], value: undefined, move: true, after: last === 0 ? null : itemKey(rest[last - 1]) };
          const afterMove = applyOne(cur, moved);
          if (typeof afterMove !== 'string') {
            out.push(moved);
            cur = afterMove.next;
            for (const part of diffOps([...listPath, { id: key }], parent[from], op.value)) {
              out.push(part);
              const r = applyOne(cur, part);
              if (typeof r !== 'string') cur = r.next;
            }
            continue;
          }
        }
        // A different item put in this place is not an edit of the item that was there: keep the
        // position.
        addressed = { ...op, path: [...refPath(cur, parentPath), last] };
      }
    }
    const current = getAt(cur, op.path);
    const keptPosition = typeof addressed.path[addressed.path.length - 1] === 'number' && Array.isArray(parent);
    const wholeValue = !addressed.insert && !addressed.move && !keptPosition;
    const parts = wholeValue && isContainer(current) && isContainer(op.value) ? diffOps(addressed.path, current, op.value) : [addressed];
    for (const part of parts) {
      out.push(part);
      const r = applyOne(cur, part);
      if (typeof r !== 'string') cur = r.next;
    }
  }
  return out;
}

/** The op that moves the item at `path` (a keyed list element) to after the item keyed `after`. */
export function moveOp(path: Path, after: string | null): Op {
  return { path, value: undefined, move: true, after };
}
