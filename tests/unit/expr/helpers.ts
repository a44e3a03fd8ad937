/** Shared helpers for the formula-language tests (not a test file itself). */

import { compileExpression, ExprError, type EvalResult } from '../../../src/engine/expr';

export type Inputs = Readonly<Record<string, number | null>>;

/** Compiles with exactly the input names as known names and evaluates once. */
export function run(source: string, inputs: Inputs = {}): EvalResult {
  const known = new Set(Object.keys(inputs));
  return compileExpression(source, known).evaluate((name) => inputs[name] ?? null);
}

/** The value of a formula that must succeed. */
export function value(source: string, inputs: Inputs = {}): number {
  const result = run(source, inputs);
  if (!result.ok) throw new Error(`"${source}" failed: ${result.reason}`);
  return result.value;
}

/** The ExprError a call throws; fails the test if it throws anything else or nothing. */
export function errorOf(fn: () => unknown): ExprError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ExprError) return e;
    throw new Error(`expected an ExprError, got ${String(e)}`);
  }
  throw new Error('expected an ExprError, but nothing was thrown');
}
