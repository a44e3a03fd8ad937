/**
 * Fuzz properties of the plan-file reader, shared by the unit tests (a few hundred runs) and a
 * dedicated fuzz run (tens of thousands): `fuzzPlanFileParser(10_000)`.
 *
 * Whatever the text, parsePlanFile returns (never throws), returns either a plan or problems, uses
 * only its published codes, pollutes no prototype, and a plan it accepts is one it accepts again
 * after writing it back out.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { PLAN_FILE_PROBLEM_CODES, parsePlanFile, serialisePlanFile, type FileProblem, type ParsePlanFileResult } from '../../../src/engine/planFile';
import { findSyntaxError, findTooDeep } from '../../../src/engine/planFile/scan';
import { richPlanArb } from './planArbitraries';
import { APP, fileOf } from './helpers';

const CODES: ReadonlySet<string> = new Set(PLAN_FILE_PROBLEM_CODES);

function checkProblem(p: FileProblem): void {
  expect(CODES.has(p.code)).toBe(true);
  expect(Array.isArray(p.path)).toBe(true);
  for (const step of p.path) expect(['string', 'number']).toContain(typeof step);
  for (const v of Object.values(p.params ?? {})) expect(['string', 'number']).toContain(typeof v);
}

/** The contract every result must keep, whatever the input. */
export function checkResult(text: string, result: ParsePlanFileResult): void {
  expect(Object.prototype).not.toHaveProperty('polluted');
  if (!result.ok) {
    expect(result.problems.length).toBeGreaterThan(0);
    result.problems.forEach(checkProblem);
    return;
  }
  result.warnings.forEach(checkProblem);
  expect(Object.getPrototypeOf(result.plan)).toBe(Object.prototype);
  // What was accepted once is accepted again, unchanged, once written by this version.
  const again = serialisePlanFile(result.plan, APP);
  const reread = parsePlanFile(again);
  expect(reread.ok).toBe(true);
  if (reread.ok) expect(serialisePlanFile(reread.plan, APP)).toBe(again);
}

function run(text: string): void {
  let result: ParsePlanFileResult | undefined;
  expect(() => (result = parsePlanFile(text))).not.toThrow();
  checkResult(text, result as ParsePlanFileResult);
}

const jsonish = fc.string({
  unit: fc.oneof(
    fc.constantFrom('{', '}', '[', ']', '"', '\\', ':', ',', ' ', '\n', '0', '1', '-', 'e', '.', 'true', 'null', '__proto__', 'plan', 'type'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 200,
});

/** Edits of a valid file's text: cut, insert, replace, repeat a piece. */
const textMutation = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), piece: jsonish }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), piece: fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 80 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

type TextMutation = typeof textMutation extends fc.Arbitrary<infer T> ? T : never;

function mutateText(text: string, m: TextMutation): string {
  const at = m.at % (text.length + 1);
  switch (m.kind) {
    case 'cut':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'insert':
      return text.slice(0, at) + m.piece + text.slice(at);
    case 'replace':
      return text.slice(0, at) + m.piece + text.slice(at + m.piece.length);
    case 'repeat':
      return text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length);
    case 'truncate':
      return text.slice(0, at);
  }
}

/** Every place in a JSON value where something could be swapped in, as paths. */
function paths(x: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(x)) x.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (x !== null && typeof x === 'object') for (const [k, v] of Object.entries(x)) paths(v, [...prefix, k], out);
  return out;
}

/** Replaces (or, with `remove`, deletes) the value at one path of a valid file, as another tool or a hand edit might. */
function mutateJson(text: string, pick: number, value: unknown, remove: boolean, extraKey: string | null): string {
  const file = JSON.parse(text) as unknown;
  const all = paths(file).slice(1);
  const path = all[pick % all.length];
  let parent = file as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (remove && !Array.isArray(parent)) delete parent[last];
  else if (extraKey !== null && typeof parent === 'object' && !Array.isArray(parent)) {
    // defineProperty: an assignment to "__proto__" would set the prototype instead of a key.
    Object.defineProperty(parent, extraKey, { value, enumerable: true, writable: true, configurable: true });
  } else parent[last] = value;
  return JSON.stringify(file, null, 1);
}

/** Runs each fuzz property `numRuns` times. */
export function fuzzPlanFileParser(numRuns: number): void {
  // Arbitrary text, and text made of JSON's own pieces.
  fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary' }), jsonish), run), { numRuns });

  // Any JSON value, alone or where the plan belongs.
  fc.assert(
    fc.property(fc.jsonValue(), fc.boolean(), (value, wrapped) => {
      const text = JSON.stringify(wrapped ? { type: 'channel-mix-plan', formatVersion: 1, app: APP, plan: value } : value) ?? 'null';
      run(text);
    }),
    { numRuns },
  );

  // A valid file, damaged as text.
  fc.assert(
    fc.property(richPlanArb, fc.array(textMutation, { minLength: 1, maxLength: 3 }), (plan, mutations) => {
      run(mutations.reduce(mutateText, fileOf(plan)));
    }),
    { numRuns },
  );

  // A valid file with one value swapped, removed or a key added (prototype keys included).
  const key = fc.option(fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', 'id', 'base'), { nil: null });
  fc.assert(
    fc.property(fc.nat(), fc.jsonValue({ maxDepth: 3 }), fc.boolean(), key, (pick, value, remove, extraKey) => {
      run(mutateJson(fileOf(), pick, value, remove, extraKey));
    }),
    { numRuns },
  );

  // The syntax finder agrees with JSON.parse on what is JSON.
  fc.assert(
    fc.property(fc.oneof(jsonish, fc.json(), fc.nat().map((n) => fileOf().slice(0, n % 4000))), (text) => {
      fc.pre(findTooDeep(text, 64) < 0);
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect(findSyntaxError(text) < 0).toBe(valid);
    }),
    { numRuns },
  );
}
