/**
 * Reading a plan file (docs/file-formats.md#plan-file), one gate after another; each gate protects the next:
 *
 *   size → depth (a scan of the raw text) → JSON.parse → drop prototype keys → envelope type →
 *   format version (newer: refused; older: migrated step by step) → structure of every field →
 *   values and references
 *
 * The result is data: the plan and warnings, or problems. It never throws, never changes its input
 * and has no effect outside the returned value, so a failed import changes nothing.
 */
import * as v from 'valibot';
import type { Plan } from '../types';
import { checkPlanValues } from './checks';
import { CURRENT_FORMAT_VERSION, DEFAULT_LIMITS, PLAN_FILE_TYPE, type AppInfo, type PlanFileLimits, type PlanFileOrigin } from './format';
import { MIGRATIONS, migratePlan, type MigrationStep } from './migrations';
import { capProblems, nameItems, problem, type FileProblem } from './problems';
import { withoutForbiddenKeys } from './sanitise';
import { findSyntaxError, findTooDeep, lineColumn } from './scan';
import { appInfoSchema, originSchema } from './schema';
import { restorePlan } from './restore';
import { checkPlanStructure, jsonType } from './structure';

export interface ParsePlanFileOptions {
  limits?: Partial<PlanFileLimits>;
  /** Tests only: another chain of migrations and the version it leads to. */
  migrations?: readonly MigrationStep[];
  currentVersion?: number;
}

export interface PlanFileSource {
  /** The format version the file was written in (before migration). */
  formatVersion: number;
  /** The app that wrote it, if the file says so in the expected shape. */
  app: AppInfo | null;
}

export type ParsePlanFileResult =
  | { ok: true; plan: Plan; warnings: FileProblem[]; source: PlanFileSource; origin?: PlanFileOrigin }
  | { ok: false; problems: FileProblem[] };

const fail = (...problems: FileProblem[]): ParsePlanFileResult => ({ ok: false, problems });

/**
 * The problem a file of `byteLength` bytes would meet, so the UI can refuse a huge file from its
 * `File.size` before reading it into memory; null when the size is fine.
 */
export function fileSizeProblem(byteLength: number, limits: Partial<PlanFileLimits> = {}): FileProblem | null {
  const max = limits.maxChars ?? DEFAULT_LIMITS.maxChars;
  return byteLength > max ? problem('tooLarge', [], { size: byteLength, max }) : null;
}

/** Where the JSON breaks, as a line and column (and whether the text simply ends too early). */
function jsonSyntaxProblem(text: string): FileProblem {
  const offset = findSyntaxError(text);
  if (offset < 0) return problem('invalidJson');
  return problem('invalidJson', [], { ...lineColumn(text, offset), offset, atEnd: offset >= text.length ? 1 : 0 });
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const ENVELOPE_KEYS = new Set(['type', 'formatVersion', 'app', 'plan', 'origin', 'signature']);

export function parsePlanFile(text: string, options: ParsePlanFileOptions = {}): ParsePlanFileResult {
  const limits: PlanFileLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const currentVersion = options.currentVersion ?? CURRENT_FORMAT_VERSION;

  if (text.length > limits.maxChars) return fail(problem('tooLarge', [], { size: text.length, max: limits.maxChars }));
  // A byte order mark is how some editors save UTF-8; it is not part of the JSON.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return fail(problem('emptyFile'));
  const deep = findTooDeep(body, limits.maxDepth);
  if (deep >= 0) return fail(problem('tooDeep', [], { max: limits.maxDepth, ...lineColumn(body, deep) }));

  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return fail(jsonSyntaxProblem(body));
  }

  const warnings: FileProblem[] = [];
  const file = withoutForbiddenKeys(raw, warnings);
  if (!isRecord(file)) return fail(problem('notPlanFile', [], { found: jsonType(file) }));
  if (file.type !== PLAN_FILE_TYPE) {
    return fail(problem('notPlanFile', ['type'], typeof file.type === 'string' ? { found: file.type.slice(0, 80) } : { found: jsonType(file.type) }));
  }

  const version = file.formatVersion;
  if (version === undefined) return fail(problem('missingFormatVersion', ['formatVersion']));
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    return fail(problem('invalidFormatVersion', ['formatVersion'], { found: typeof version === 'number' ? version : jsonType(version) }));
  }
  if (version > currentVersion) return fail(problem('newerVersion', ['formatVersion'], { found: version, supported: currentVersion }));

  const appResult = v.safeParse(appInfoSchema(limits), file.app);
  const app = appResult.success ? { name: appResult.output.name, version: appResult.output.version } : null;
  // Who wrote the file is informational: a missing or odd `app` is worth a warning, not a refusal.
  if (!appResult.success) warnings.push(problem(file.app === undefined ? 'required' : 'invalidValue', ['app']));
  for (const key of Object.keys(file)) if (!ENVELOPE_KEYS.has(key)) warnings.push(problem('unknownKey', [key]));
  // Where the plan came from only helps a later merge: an odd origin is dropped with a warning.
  const originResult = file.origin === undefined ? null : v.safeParse(originSchema(limits), file.origin);
  if (originResult && !originResult.success) warnings.push(problem('invalidValue', ['origin']));
  const origin = originResult?.success ? { ...originResult.output } : undefined;

  if (file.plan === undefined) return fail(problem('required', ['plan']));
  const migrated = migratePlan(file.plan, version, options.migrations ?? MIGRATIONS, currentVersion);
  if (!migrated.ok) return fail(migrated.problem);

  const structure = checkPlanStructure(migrated.plan, limits, ['plan']);
  if (!structure.ok) return fail(...nameItems(capProblems(structure.problems, limits.maxProblems), migrated.plan));
  warnings.push(...nameItems(structure.warnings, migrated.plan));

  const plan = restorePlan(structure.plan);
  const values = checkPlanValues(plan);
  const inFile = (p: { code: FileProblem['code']; path: (string | number)[]; params?: FileProblem['params'] }): FileProblem =>
    problem(p.code, ['plan', ...p.path], p.params);
  if (values.errors.length > 0) return fail(...nameItems(capProblems(values.errors.map(inFile), limits.maxProblems), plan));
  warnings.push(...nameItems(values.warnings.map(inFile), plan));

  return {
    ok: true,
    plan,
    warnings: capProblems(warnings, limits.maxProblems),
    source: { formatVersion: version, app },
    ...(origin ? { origin } : {}),
  };
}
