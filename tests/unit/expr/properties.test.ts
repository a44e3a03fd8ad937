import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileExpression,
  ExprError,
  parseExpression,
  printExpression,
  type BinaryOp,
  type EvalResult,
  type ExprNode,
  type FunctionName,
} from '../../../src/engine/expr';

const NAMES = ['a', 'b', 'c', '毛利率'] as const;
const KNOWN: ReadonlySet<string> = new Set(NAMES);
const BINARY_OPS: readonly BinaryOp[] = ['+', '-', '*', '/', '<', '<=', '>', '>=', '==', '!='];

/** Literals as the parser produces them: never negative (a minus is a unary node), small ints often. */
const literal = fc.oneof(
  fc.integer({ min: 0, max: 10 }),
  fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: 0, max: 1e308, noNaN: true, noDefaultInfinity: true }),
);

const exprArb: fc.Arbitrary<ExprNode> = fc.letrec<{ node: ExprNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', maxDepth: 6 },
    literal.map((value): ExprNode => ({ kind: 'number', value, pos: 0 })),
    fc.constantFrom(...NAMES).map((name): ExprNode => ({ kind: 'name', name, pos: 0 })),
    fc
      .tuple(fc.constantFrom<'+' | '-'>('+', '-'), tie('node'))
      .map(([op, operand]): ExprNode => ({ kind: 'unary', op, operand, pos: 0 })),
    fc
      .tuple(fc.constantFrom(...BINARY_OPS), tie('node'), tie('node'))
      .map(([op, left, right]): ExprNode => ({ kind: 'binary', op, left, right, pos: 0 })),
    fc
      .tuple(fc.constantFrom<FunctionName>('min', 'max'), fc.array(tie('node'), { minLength: 1, maxLength: 4 }))
      .map(([fn, args]): ExprNode => ({ kind: 'call', fn, args, pos: 0 })),
    fc
      .tuple(tie('node'), tie('node'), tie('node'))
      .map((args): ExprNode => ({ kind: 'call', fn: 'if', args, pos: 0 })),
    tie('node').map((arg): ExprNode => ({ kind: 'call', fn: 'abs', args: [arg], pos: 0 })),
  ),
})).node;

/** Inputs include undefined values, zeros (for division) and huge values (for overflow). */
const inputValue = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -3, max: 3 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const inputsArb = fc.record({ a: inputValue, b: inputValue, c: inputValue, 毛利率: inputValue });
type Inputs = Record<(typeof NAMES)[number], number | null>;

class Failure extends Error {
  constructor(readonly reason: 'divisionByZero' | 'undefinedInput' | 'notFinite') {
    super(reason);
  }
}

/** Independent reference interpreter: a plain recursive walk that throws on the first failure. */
function oracle(node: ExprNode, inputs: Inputs): number {
  const finite = (v: number): number => {
    if (!Number.isFinite(v)) throw new Failure('notFinite');
    return v;
  };
  switch (node.kind) {
    case 'number':
      return finite(node.value);
    case 'name': {
      const v = inputs[node.name as keyof Inputs];
      if (v === null) throw new Failure('undefinedInput');
      return finite(v);
    }
    case 'unary':
      return node.op === '-' ? -oracle(node.operand, inputs) : oracle(node.operand, inputs);
    case 'binary': {
      const a = oracle(node.left, inputs);
      const b = oracle(node.right, inputs);
      switch (node.op) {
        case '+':
          return finite(a + b);
        case '-':
          return finite(a - b);
        case '*':
          return finite(a * b);
        case '/':
          if (b === 0) throw new Failure('divisionByZero');
          return finite(a / b);
        case '<':
          return a < b ? 1 : 0;
        case '<=':
          return a <= b ? 1 : 0;
        case '>':
          return a > b ? 1 : 0;
        case '>=':
          return a >= b ? 1 : 0;
        case '==':
          return a === b ? 1 : 0;
        case '!=':
          return a !== b ? 1 : 0;
      }
      throw new Error('unreachable');
    }
    case 'call': {
      if (node.fn === 'if') {
        const [cond, then, otherwise] = node.args as [ExprNode, ExprNode, ExprNode];
        return oracle(cond, inputs) !== 0 ? oracle(then, inputs) : oracle(otherwise, inputs);
      }
      const values = node.args.map((arg) => oracle(arg, inputs));
      if (node.fn === 'abs') return Math.abs(values[0] ?? 0);
      return node.fn === 'min' ? Math.min(...values) : Math.max(...values);
    }
  }
}

function expected(node: ExprNode, inputs: Inputs): EvalResult {
  try {
    const v = oracle(node, inputs);
    return { ok: true, value: v === 0 ? 0 : v };
  } catch (e) {
    if (e instanceof Failure) return { ok: false, reason: e.reason };
    throw e;
  }
}

const stripPositions = (node: ExprNode): unknown =>
  JSON.parse(JSON.stringify(node, (key, v: unknown) => (key === 'pos' ? undefined : v)));

function expectOnlyExprErrors(source: string): void {
  try {
    const tree = parseExpression(source);
    // Whatever parses must also print and re-parse to the same tree.
    expect(stripPositions(parseExpression(printExpression(tree)))).toEqual(stripPositions(tree));
  } catch (e) {
    if (!(e instanceof ExprError)) throw e;
    expect(e.position).toBeGreaterThanOrEqual(-1);
    expect(e.position).toBeLessThanOrEqual(Math.min(source.length, 2000));
  }
}

describe('properties', () => {
  it('evaluation never returns a non-finite ok value and matches the reference interpreter', () => {
    fc.assert(
      fc.property(exprArb, inputsArb, (tree, inputs) => {
        const compiled = compileExpression(printExpression(tree), KNOWN);
        const result = compiled.evaluate((name) => inputs[name as keyof Inputs] ?? null);
        if (result.ok) expect(Number.isFinite(result.value)).toBe(true);
        expect(result).toEqual(expected(tree, inputs));
      }),
      { numRuns: 2000 },
    );
  });

  it('printing a tree and parsing it back gives the same tree', () => {
    fc.assert(
      fc.property(exprArb, (tree) => {
        const printed = printExpression(tree);
        expect(stripPositions(parseExpression(printed))).toEqual(stripPositions(tree));
        expect(printExpression(parseExpression(printed))).toBe(printed);
      }),
      { numRuns: 1000 },
    );
  });

  it('the parser throws only ExprError on random strings', () => {
    fc.assert(fc.property(fc.string(), expectOnlyExprErrors), { numRuns: 2000 });
  });

  it('the parser throws only ExprError on random full-Unicode strings (including lone surrogates)', () => {
    // fast-check 4 replaced fc.fullUnicodeString() with fc.string({ unit: 'binary' }).
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), expectOnlyExprErrors), { numRuns: 2000 });
  });

  it('the parser throws only ExprError on random formula-like strings', () => {
    const pieces = fc.constantFrom(
      ...['a', '毛利率', '1', '.5', '12%', 'e3', '+', '-', '−', '*', '×', '/', '÷', '<', '<=', '==', '!=', '>', '=', '!'],
      ...['(', ')', ',', ' ', 'min', 'MAX', 'if', 'abs', 'foo', '%', '１', '（', '\t', '1e', '.'],
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => expectOnlyExprErrors(parts.join(''))),
      { numRuns: 3000 },
    );
  });

  it('compileExpression either succeeds or throws ExprError, and evaluation never throws', () => {
    const pieces = fc.constantFrom('a', 'b', 'zz', '0', '2', '1e308', '+', '*', '/', '-', '(', ')', ',', 'if(', 'max(', '>');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), inputsArb, (parts, inputs) => {
        let compiled;
        try {
          compiled = compileExpression(parts.join(''), KNOWN);
        } catch (e) {
          expect(e).toBeInstanceOf(ExprError);
          return;
        }
        const result = compiled.evaluate((name) => inputs[name as keyof Inputs] ?? null);
        if (result.ok) expect(Number.isFinite(result.value)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
