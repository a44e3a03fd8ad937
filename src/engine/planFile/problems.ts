/**
 * What can be wrong with a plan file, as data: a code, a path into the file and parameters for the
 * message. The engine writes no sentences; the UI turns a code into words in the user's language.
 */
import type { ProblemCode } from '../validate';

/**
 * Every code a problem or warning can carry.
 *
 * The file as a whole:
 *   tooLarge              more than `maxChars` {size, max}
 *   tooDeep               nested deeper than `maxDepth` {max, position}
 *   emptyFile             nothing but white space
 *   invalidJson           not JSON: a truncated file, another kind of file {line?, column?}
 *   notPlanFile           JSON, but not an object whose `type` is "channel-mix-plan" {found?}
 *   missingFormatVersion  no `formatVersion`
 *   invalidFormatVersion  `formatVersion` is not a whole number ≥ 1 {found}
 *   newerVersion          made by a newer version of the app {found, supported}; nothing is read
 *   migrationMissing      no step upgrades version `from` to `to` {from, to}
 *   migrationFailed       the step from `from` to `to` failed on this file {from, to}
 * The structure of a value (path = where):
 *   required              a field is missing (also used by the plan validator)
 *   wrongType             a value of the wrong JSON type {expected, found}
 *   invalidValue          not one of the allowed values, or a malformed text such as a month
 *   notFinite             a number too large to represent (1e999 reads as Infinity)
 *   notInteger            a fraction where a whole number is needed
 *   tooLong               a text longer than allowed {max}
 *   tooManyItems          a list longer than `maxArrayLength` {max}
 *   tooManyProblems       more problems than `maxProblems`; the rest are left out {shown}
 * Values out of range and references between parts come from the plan validators (validate.ts and
 * friends): outOfRange, duplicateId, unknownRef, notIncreasing, ratesDecrease, and the codes above.
 * A warning of the plan checks: duplicateName, a channel named as an earlier one {value, first}.
 * Warnings only:
 *   unknownKey            a field this version does not know; dropped
 *   forbiddenKey          `__proto__`, `constructor` or `prototype`; dropped
 */
export const PLAN_FILE_PROBLEM_CODES = [
  'tooLarge',
  'tooDeep',
  'emptyFile',
  'invalidJson',
  'notPlanFile',
  'missingFormatVersion',
  'invalidFormatVersion',
  'newerVersion',
  'migrationMissing',
  'migrationFailed',
  'required',
  'wrongType',
  'invalidValue',
  'notFinite',
  'notInteger',
  'tooLong',
  'tooManyItems',
  'tooManyProblems',
  'outOfRange',
  'duplicateId',
  'unknownRef',
  'notIncreasing',
  'ratesDecrease',
  'lengthMismatch',
  'duplicateName',
  'unknownKey',
  'forbiddenKey',
] as const;

export type PlanFileProblemCode = (typeof PLAN_FILE_PROBLEM_CODES)[number];

// Every code of the plan validator must be in the list above, or the UI would have no words for it.
type MissingValidatorCodes = Exclude<ProblemCode, PlanFileProblemCode>;
const everyValidatorCodeListed: [MissingValidatorCodes] extends [never] ? true : MissingValidatorCodes = true;
void everyValidatorCodeListed;

export type ProblemPath = (string | number)[];

export interface FileProblem {
  code: PlanFileProblemCode;
  /** From the root of the file, e.g. ['plan', 'channels', 2, 'drivers', 'conversion', 'base']. */
  path: ProblemPath;
  params?: Record<string, string | number>;
  /**
   * The names of the list items along `path`, by their position in it: {2: '天猫旗舰店'} for
   * ['plan', 'channels', 2, …] when that channel has a name. A message can then say "channel 3
   * “天猫旗舰店”" where the path says channels[2]; absent when no item on the path has a name.
   */
  names?: Record<number, string>;
}

export function problem(code: PlanFileProblemCode, path: ProblemPath = [], params?: FileProblem['params']): FileProblem {
  return params ? { code, path, params } : { code, path };
}

/** Keeps the first `max` problems and says how many were left out. */
export function capProblems(problems: readonly FileProblem[], max: number): FileProblem[] {
  if (problems.length <= max) return [...problems];
  return [...problems.slice(0, max), problem('tooManyProblems', [], { shown: max, total: problems.length })];
}

const MAX_NAME = 80;

/**
 * Each problem under `['plan', …]` with the names of the list items on its path, read from the
 * plan as the file holds it (`plan`, untrusted: only own properties are read, and only a text
 * `name` is taken, cut to MAX_NAME characters).
 */
export function nameItems(problems: readonly FileProblem[], plan: unknown): FileProblem[] {
  return problems.map((p) => {
    if (p.path[0] !== 'plan') return p;
    const names: Record<number, string> = {};
    let node: unknown = plan;
    for (let i = 1; i < p.path.length; i++) {
      const key = p.path[i];
      if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) break;
      node = (node as Record<string | number, unknown>)[key];
      if (typeof key !== 'number' || typeof node !== 'object' || node === null || !Object.hasOwn(node, 'name')) continue;
      const name = (node as { name: unknown }).name;
      if (typeof name === 'string' && name.trim() !== '') names[i] = name.trim().slice(0, MAX_NAME);
    }
    return Object.keys(names).length > 0 ? { ...p, names } : p;
  });
}
