import { setAt } from './patch';

/** Name of the error the engine worker throws for a patch made to a plan it does not hold (it restarted). */
export const NO_KEPT_PLAN = 'NoKeptPlan';

/** One write of a plan patch: the value at a path of positions and keys (undefined removes the key). */
export interface PatchWrite {
  path: (string | number)[];
  value: unknown;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * The writes that turn `from` into `to`, or null when there are more than `limit` of them (then
 * sending the whole plan is as cheap). Plans are changed by copying only the path to what changed
 * (patch.ts), so the walk stops at every branch the two share and an edit costs a few steps: what
 * the engine worker is sent after an edit or a slider step instead of a copy of the whole plan.
 * A list whose length changed is written whole.
 */
export function planPatch(from: unknown, to: unknown, limit = 64): PatchWrite[] | null {
  const out: PatchWrite[] = [];
  const walk = (a: unknown, b: unknown, path: (string | number)[]): boolean => {
    if (a === b || (typeof a === 'number' && typeof b === 'number' && Object.is(a, b))) return true;
    if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
      for (let i = 0; i < b.length; i++) if (!walk(a[i], b[i], [...path, i])) return false;
      return true;
    }
    if (isPlainObject(a) && isPlainObject(b)) {
      for (const k of Object.keys(a)) if (!(k in b)) out.push({ path: [...path, k], value: undefined });
      for (const k of Object.keys(b)) if (!walk(a[k], b[k], [...path, k])) return false;
      return out.length <= limit;
    }
    // The root is never written whole: that is what sending the plan is for.
    if (path.length === 0) return false;
    out.push({ path, value: b });
    return out.length <= limit;
  };
  return walk(from, to, []) ? out : null;
}

/** `from` with a patch from planPatch applied (sharing what the patch does not touch). */
export function applyPlanPatch<T>(from: T, writes: readonly PatchWrite[]): T {
  let cur = from;
  for (const w of writes) cur = setAt(cur, w.path, w.value);
  return cur;
}
