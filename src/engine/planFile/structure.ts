/**
 * Runs the plan schema and turns valibot's issues into file problems (codes and paths, no text), and
 * reports the fields the schema dropped because this version does not know them.
 */
import * as v from 'valibot';
import type { PlanInFile } from './restore';
import { problem, type FileProblem, type ProblemPath } from './problems';
import { createPlanSchema, type PlanSchema, type SchemaLimits } from './schema';

const schemaCache = new Map<string, PlanSchema>();

function planSchema(limits: SchemaLimits): PlanSchema {
  const key = `${limits.maxArrayLength}/${limits.maxStringLength}`;
  let schema = schemaCache.get(key);
  if (!schema) {
    schema = createPlanSchema(limits);
    schemaCache.set(key, schema);
  }
  return schema;
}

/** The JSON type of a value, as a message parameter. */
export function jsonType(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  return typeof x;
}

const EXPECTED_TYPE: Readonly<Record<string, string>> = {
  string: 'string',
  number: 'number',
  boolean: 'boolean',
  array: 'array',
  object: 'object',
  record: 'object',
  custom: 'object',
};

/** A short, printable form of an offending value for the message (files can hold huge strings). */
function shown(x: unknown): string | number {
  if (typeof x === 'number') return x;
  const s = typeof x === 'string' ? x : jsonType(x);
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

function toProblem(issue: v.BaseIssue<unknown>, base: ProblemPath): FileProblem {
  const path = [...base, ...(issue.path ?? []).map((item) => item.key as string | number)];
  const input = issue.input;
  if (issue.kind === 'schema') {
    // JSON has no undefined: an undefined input is a field that is not there.
    if (input === undefined) return problem('required', path);
    if (issue.type === 'picklist' || issue.type === 'literal' || issue.type === 'variant' || issue.type === 'union') {
      return problem('invalidValue', path, { value: shown(input) });
    }
    return problem('wrongType', path, { expected: EXPECTED_TYPE[issue.type] ?? issue.type, found: jsonType(input) });
  }
  switch (issue.type) {
    case 'finite':
      return problem('notFinite', path, { value: String(input) });
    case 'max_length':
      return Array.isArray(input)
        ? problem('tooManyItems', path, { max: Number(issue.requirement), found: input.length })
        : problem('tooLong', path, { max: Number(issue.requirement) });
    default:
      return problem('invalidValue', path, { value: shown(input) });
  }
}

/**
 * Fields present in `input` but absent from the schema's `output`: unknown to this version and
 * dropped. Both come from the same JSON, so the walk is as deep as the (already limited) file.
 * `path` is one shared stack, copied only into a warning.
 */
function droppedKeys(input: unknown, output: unknown, path: ProblemPath, warnings: FileProblem[]): void {
  if (typeof input !== 'object' || input === null || typeof output !== 'object' || output === null) return;
  if (Array.isArray(input)) {
    if (!Array.isArray(output)) return;
    for (let i = 0; i < input.length && i < output.length; i++) {
      path.push(i);
      droppedKeys(input[i], output[i], path, warnings);
      path.pop();
    }
    return;
  }
  const out = output as Record<string, unknown>;
  for (const [key, value] of Object.entries(input)) {
    path.push(key);
    if (!Object.prototype.hasOwnProperty.call(out, key)) warnings.push(problem('unknownKey', [...path]));
    else droppedKeys(value, out[key], path, warnings);
    path.pop();
  }
}

export type StructureResult = { ok: true; plan: PlanInFile; warnings: FileProblem[] } | { ok: false; problems: FileProblem[] };

/** Checks the structure of every field of `value`; paths in the result start with `base`. */
export function checkPlanStructure(value: unknown, limits: SchemaLimits, base: ProblemPath): StructureResult {
  const result = v.safeParse(planSchema(limits), value);
  if (!result.success) return { ok: false, problems: result.issues.map((issue) => toProblem(issue, base)) };
  const warnings: FileProblem[] = [];
  droppedKeys(value, result.output, [...base], warnings);
  return { ok: true, plan: result.output, warnings };
}
