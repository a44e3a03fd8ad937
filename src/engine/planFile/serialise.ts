import type { Plan } from '../types';
import { CURRENT_FORMAT_VERSION, FORBIDDEN_KEYS, PLAN_FILE_TYPE, type AppInfo, type EnvelopeExtras, type PlanFileEnvelope } from './format';
import type { ProblemPath } from './problems';

/**
 * Why a plan cannot be written as it is. Writing would otherwise change it silently: JSON has no
 * NaN or Infinity (JSON.stringify writes null), and a `__proto__`, `constructor` or `prototype` key
 * would be dropped by every import.
 */
export type PlanFileWriteErrorCode = 'notFinite' | 'forbiddenKey' | 'unsupportedValue';

export class PlanFileWriteError extends Error {
  readonly code: PlanFileWriteErrorCode;
  readonly path: ProblemPath;
  constructor(code: PlanFileWriteErrorCode, path: ProblemPath) {
    super(`${code} at ${path.join('.')}`);
    this.name = 'PlanFileWriteError';
    this.code = code;
    this.path = path;
  }
}

/**
 * The text of a plan file: keys sorted at every level (by UTF-16 code unit, as Array.prototype.sort
 * does), two-space indentation as JSON.stringify(…, null, 2) would write it, a final newline.
 * Fields whose value is `undefined` are left out (the app clears an optional field by setting it to
 * undefined); numbers are written as JSON.stringify writes them (shortest form that reads back the
 * same double; -0 as 0). Throws PlanFileWriteError for values JSON cannot carry faithfully.
 *
 * The whole plan travels, including its id and timestamps; see format.ts for why the file holds no
 * export time. Same plan, same bytes.
 */
export function serialisePlanFile(plan: Plan, app: AppInfo, extras: EnvelopeExtras = {}): string {
  const envelope: PlanFileEnvelope = { type: PLAN_FILE_TYPE, formatVersion: CURRENT_FORMAT_VERSION, app, plan, ...extras };
  return canonicalJsonText(envelope);
}

/**
 * Any JSON value in the plan file's canonical form (sorted keys, two-space indentation, final
 * newline). The signature check rebuilds a file's text from its parsed JSON with this: a file that
 * the app wrote comes out byte for byte the same.
 */
export function canonicalJsonText(value: unknown): string {
  const out: string[] = [];
  // `path` is one shared stack, copied only into an error.
  write(value, '', [], out);
  out.push('\n');
  return out.join('');
}

function write(value: unknown, indent: string, path: ProblemPath, out: string[]): void {
  switch (typeof value) {
    case 'string':
      out.push(JSON.stringify(value));
      return;
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new PlanFileWriteError('notFinite', [...path]);
      out.push(JSON.stringify(value));
      return;
    case 'object':
      if (value === null) out.push('null');
      else if (Array.isArray(value)) writeArray(value, indent, path, out);
      else writeObject(value as Record<string, unknown>, indent, path, out);
      return;
    default:
      // undefined inside an array, functions, bigint, symbols: nothing JSON could read back the same.
      throw new PlanFileWriteError('unsupportedValue', [...path]);
  }
}

function writeArray(items: readonly unknown[], indent: string, path: ProblemPath, out: string[]): void {
  if (items.length === 0) {
    out.push('[]');
    return;
  }
  const inner = indent + '  ';
  out.push('[\n');
  for (let i = 0; i < items.length; i++) {
    out.push(inner);
    path.push(i);
    write(items[i], inner, path, out);
    path.pop();
    out.push(i < items.length - 1 ? ',\n' : '\n');
  }
  out.push(indent, ']');
}

function writeObject(obj: Record<string, unknown>, indent: string, path: ProblemPath, out: string[]): void {
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  if (keys.length === 0) {
    out.push('{}');
    return;
  }
  const inner = indent + '  ';
  out.push('{\n');
  keys.forEach((key, i) => {
    path.push(key);
    if (FORBIDDEN_KEYS.has(key)) throw new PlanFileWriteError('forbiddenKey', [...path]);
    out.push(inner, JSON.stringify(key), ': ');
    write(obj[key], inner, path, out);
    path.pop();
    out.push(i < keys.length - 1 ? ',\n' : '\n');
  });
  out.push(indent, '}');
}
