/**
 * Immutable edits addressed by path. Every change to a plan is a list of `Op`s; applying them returns
 * the new plan (sharing untouched branches) and the ops that undo them, which is all undo/redo and
 * the saved history need.
 */
export type PathKey = string | number;
export type Path = readonly PathKey[];

export interface Op {
  path: Path;
  /** The new value; `undefined` removes the key (an array element is spliced out). */
  value: unknown;
  /** For an array index: insert the value there instead of replacing the element. */
  insert?: boolean;
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

function isContainer(v: unknown): v is Record<PathKey, unknown> {
  return typeof v === 'object' && v !== null;
}

export function getAt(root: unknown, path: Path): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (!isContainer(cur)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    cur = cur[key];
  }
  return cur;
}

function setIn(node: unknown, path: Path, depth: number, value: unknown, insert: boolean): unknown {
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
  const obj: Record<PathKey, unknown> = isContainer(node) ? { ...node } : {};
  if (last) {
    if (value === undefined) delete obj[key];
    else obj[key] = value;
  } else obj[key] = setIn(obj[key], path, depth + 1, value, insert);
  return obj;
}

export function setAt<T>(root: T, path: Path, value: unknown, insert = false): T {
  if (path.length === 0) return value as T;
  return setIn(root, path, 0, value, insert) as T;
}

/** Applies ops in order; `inverse` applied to `result` gives back the original. */
export function applyOps<T>(root: T, ops: readonly Op[]): { result: T; inverse: Op[] } {
  let cur = root;
  const inverse: Op[] = [];
  for (const op of ops) {
    const before = getAt(cur, op.path);
    if (op.value === undefined && before === undefined) continue;
    const parent = getAt(cur, op.path.slice(0, -1));
    if (Array.isArray(parent)) {
      // Array elements: a removal is undone by inserting the element back where it was, an
      // insertion by removing it; replacing stays a replacement.
      const removing = op.value === undefined;
      const inserting = op.insert === true || op.path[op.path.length - 1] === parent.length;
      inverse.push(removing ? { path: op.path, value: before, insert: true } : inserting ? { path: op.path, value: undefined } : { path: op.path, value: before });
      cur = setAt(cur, op.path, op.value, op.insert === true);
      continue;
    }
    // Undoing a write that created missing parents removes the highest created one, so that undo
    // leaves no empty containers behind.
    let created = op.path.length;
    while (created > 1 && getAt(cur, op.path.slice(0, created - 1)) === undefined) created--;
    const undoPath = op.path.slice(0, created);
    inverse.push({ path: undoPath, value: created === op.path.length ? before : undefined });
    cur = setAt(cur, op.path, op.value, op.insert === true);
  }
  inverse.reverse();
  return { result: cur, inverse };
}
