/**
 * Compiles a syntax tree once into a tree of closures, then evaluates it per cell.
 *
 * A formula runs for every channel × period (up to 200 × 60 cells per metric), so the per-call path
 * allocates nothing but the state object and the result: no parsing, no `switch` on node kinds, no
 * intermediate result objects. No code is ever generated from text (no eval / new Function).
 *
 * Failure signalling: an evaluator returns NaN to say "failed" and records why in `state.reason`.
 * NaN cannot arise any other way, because every arithmetic result is checked to be finite and
 * inputs are checked on the way in, so `v !== v` is an exact, cheap failure test.
 */

import { nameReferences, type BinaryOp, type ExprNode, type FunctionName } from './ast';
import { aliasesOf, resolveName } from './builtinAliases';
import { ExprError, at } from './errors';
import { suggestName } from './names';
import { parseExpression } from './parser';

export type EvalFailure = 'divisionByZero' | 'undefinedInput' | 'notFinite';
export type EvalResult = { ok: true; value: number } | { ok: false; reason: EvalFailure };
/** Value of an input for the current cell; null when it is undefined there (e.g. ROI at zero spend). */
export type NameLookup = (name: string) => number | null;

export interface CompiledExpr {
  readonly source: string;
  /** Unique names the formula uses, in order of first appearance. */
  readonly names: readonly string[];
  evaluate(lookup: NameLookup): EvalResult;
}

interface EvalState {
  reason: EvalFailure | null;
}
type Evaluator = (lookup: NameLookup, state: EvalState) => number;

function fail(state: EvalState, reason: EvalFailure): number {
  state.reason = reason;
  return NaN;
}

/** Shared failure results: they are immutable, so there is no need to allocate one per cell. */
const FAILURES: Readonly<Record<EvalFailure, EvalResult>> = {
  divisionByZero: Object.freeze({ ok: false, reason: 'divisionByZero' }),
  undefinedInput: Object.freeze({ ok: false, reason: 'undefinedInput' }),
  notFinite: Object.freeze({ ok: false, reason: 'notFinite' }),
};

export function compileExpression(source: string, knownNames: ReadonlySet<string>): CompiledExpr {
  return compileTree(source, parseExpression(source), knownNames);
}

/**
 * Like `compileExpression` for a tree the caller has already parsed from `source`. A name may also
 * be a built-in's Chinese alias (see builtinAliases.ts): it is resolved here, once, so evaluation
 * and `names` only ever see the known name.
 */
export function compileTree(source: string, tree: ExprNode, knownNames: ReadonlySet<string>): CompiledExpr {
  const refs = nameReferences(tree);
  // References come in source order, so the first unknown one is the leftmost in the formula.
  const unknown = refs.find((r) => resolveName(r.name, knownNames) === null);
  if (unknown !== undefined) throw unknownNameError(unknown.name, unknown.pos, knownNames);
  const resolve = (name: string): string => resolveName(name, knownNames) ?? name;
  const root = build(tree, resolve);
  const names = Object.freeze([...new Set(refs.map((r) => resolve(r.name)))]);
  return {
    source,
    names,
    evaluate(lookup: NameLookup): EvalResult {
      const state: EvalState = { reason: null };
      const value = root(lookup, state);
      if (state.reason !== null) return FAILURES[state.reason];
      if (!Number.isFinite(value)) return FAILURES.notFinite; // defensive; see the file comment
      // Normalise -0 so callers comparing with 0 (Object.is, toBe) are not surprised.
      return { ok: true, value: value === 0 ? 0 : value };
    },
  };
}

function unknownNameError(name: string, pos: number, knownNames: ReadonlySet<string>): ExprError {
  const suggestion = suggestName(name, [...knownNames, ...aliasesOf(knownNames)]);
  const hint = suggestion === null ? '' : `; did you mean "${suggestion}"?`;
  const params: Record<string, string | number> = { name };
  if (suggestion !== null) params.suggestion = suggestion;
  return new ExprError('unknownName', `Unknown name "${name}" ${at(pos)}${hint}`, pos, params);
}

function build(node: ExprNode, resolve: (name: string) => string): Evaluator {
  switch (node.kind) {
    case 'number':
      return buildNumber(node.value);
    case 'name':
      return buildName(resolve(node.name));
    case 'unary': {
      const operand = build(node.operand, resolve);
      // -NaN is NaN, so a failure propagates without a check.
      return node.op === '-' ? (lookup, state) => -operand(lookup, state) : operand;
    }
    case 'binary':
      return buildBinary(node.op, build(node.left, resolve), build(node.right, resolve));
    case 'call':
      return buildCall(node.fn, node.args.map((arg) => build(arg, resolve)));
  }
}

function buildNumber(value: number): Evaluator {
  // `1e999` lexes to Infinity; report it when evaluated rather than returning it.
  if (!Number.isFinite(value)) return (_lookup, state) => fail(state, 'notFinite');
  return () => value;
}

function buildName(name: string): Evaluator {
  return (lookup, state) => {
    const v: unknown = lookup(name);
    // `typeof` also catches an `undefined` from a careless JavaScript caller.
    if (typeof v !== 'number') return fail(state, 'undefinedInput');
    if (!Number.isFinite(v)) return fail(state, 'notFinite');
    return v;
  };
}

function checked(value: number, state: EvalState): number {
  return Number.isFinite(value) ? value : fail(state, 'notFinite');
}

function buildBinary(op: BinaryOp, left: Evaluator, right: Evaluator): Evaluator {
  // Each closure stops at the first failed operand, so the reported reason is the leftmost one
  // and no further inputs are looked up.
  switch (op) {
    case '+':
      return (l, s) => {
        const a = left(l, s);
        if (a !== a) return NaN;
        const b = right(l, s);
        return b !== b ? NaN : checked(a + b, s);
      };
    case '-':
      return (l, s) => {
        const a = left(l, s);
        if (a !== a) return NaN;
        const b = right(l, s);
        return b !== b ? NaN : checked(a - b, s);
      };
    case '*':
      return (l, s) => {
        const a = left(l, s);
        if (a !== a) return NaN;
        const b = right(l, s);
        return b !== b ? NaN : checked(a * b, s);
      };
    case '/':
      return (l, s) => {
        const a = left(l, s);
        if (a !== a) return NaN;
        const b = right(l, s);
        if (b !== b) return NaN;
        return b === 0 ? fail(s, 'divisionByZero') : checked(a / b, s);
      };
    default: {
      const compare = COMPARATORS[op];
      return (l, s) => {
        const a = left(l, s);
        if (a !== a) return NaN;
        const b = right(l, s);
        return b !== b ? NaN : compare(a, b) ? 1 : 0;
      };
    }
  }
}

/** Exact comparisons, like the arithmetic they follow: `0.1 + 0.2 == 0.3` is 0, as in JavaScript. */
const COMPARATORS: Readonly<Record<'<' | '<=' | '>' | '>=' | '==' | '!=', (a: number, b: number) => boolean>> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

function buildCall(fn: FunctionName, args: readonly Evaluator[]): Evaluator {
  switch (fn) {
    case 'if': {
      const [cond, then, otherwise] = args as [Evaluator, Evaluator, Evaluator];
      // Only the chosen branch runs, so `if(orders > 0, revenue / orders, 0)` never divides by zero.
      return (l, s) => {
        const c = cond(l, s);
        if (c !== c) return NaN;
        return c !== 0 ? then(l, s) : otherwise(l, s);
      };
    }
    case 'abs': {
      const [x] = args as [Evaluator];
      return (l, s) => Math.abs(x(l, s));
    }
    case 'min':
    case 'max': {
      const pickMin = fn === 'min';
      return (l, s) => {
        let best = pickMin ? Infinity : -Infinity;
        for (const arg of args) {
          const v = arg(l, s);
          if (v !== v) return NaN;
          if (pickMin ? v < best : v > best) best = v;
        }
        return best;
      };
    }
  }
}
