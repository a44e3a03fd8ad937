import { FORBIDDEN_KEYS } from './format';
import { problem, type FileProblem, type ProblemPath } from './problems';

/**
 * A copy of parsed JSON without `__proto__`, `constructor` and `prototype` keys, each dropped one
 * reported as a `forbiddenKey` warning.
 *
 * JSON.parse itself is safe: it defines `"__proto__"` as an ordinary own property and never sets a
 * prototype. The danger is later code that copies such an object by assignment (`out[key] = …`,
 * spread into a merge, a deep clone), where `out["__proto__"] = x` does replace the prototype. After
 * this step no such key exists anywhere in the value, so no later step can trip over one.
 *
 * The input comes from JSON.parse (plain objects, arrays and primitives, depth already limited by the
 * scan), so plain recursion is bounded.
 */
export function withoutForbiddenKeys(value: unknown, warnings: FileProblem[]): unknown {
  return copy(value, warnings, []);
}

/** `path` is one shared stack, copied only when a warning needs it (files can hold a million values). */
function copy(value: unknown, warnings: FileProblem[], path: ProblemPath): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      out[i] = copy(value[i], warnings, path);
      path.pop();
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    path.push(key);
    if (FORBIDDEN_KEYS.has(key)) warnings.push(problem('forbiddenKey', [...path]));
    else out[key] = copy((value as Record<string, unknown>)[key], warnings, path);
    path.pop();
  }
  return out;
}
