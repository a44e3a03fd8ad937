/**
 * Recursive-descent parser. Grammar, loosest first (all binary levels left-associative):
 *
 *   comparison := additive (('<' | '<=' | '>' | '>=' | '==' | '!=') additive)*
 *   additive   := term (('+' | '-') term)*
 *   term       := unary (('*' | '/') unary)*
 *   unary      := ('+' | '-') unary | primary
 *   primary    := number | name | function '(' args ')' | '(' comparison ')'
 *
 * Limits keep hostile or accidental input cheap: the source length is capped, and so is nesting
 * (parentheses, calls, unary signs), which also bounds the recursion depth of every later tree walk
 * except flat operator chains, whose length the source cap bounds.
 */

import { FUNCTIONS, functionNameOf, type BinaryOp, type ExprNode } from './ast';
import { ExprError, at } from './errors';
import { tokenize, type Token } from './lexer';

export const MAX_SOURCE_LENGTH = 2000;
export const MAX_DEPTH = 64;

const COMPARISON_OPS: ReadonlySet<BinaryOp> = new Set<BinaryOp>(['<', '<=', '>', '>=', '==', '!=']);
const ADDITIVE_OPS: ReadonlySet<BinaryOp> = new Set<BinaryOp>(['+', '-']);
const MULTIPLICATIVE_OPS: ReadonlySet<BinaryOp> = new Set<BinaryOp>(['*', '/']);

/** What the parser wanted when it failed; carried in `params.expected` for translated messages. */
type Expected = 'operand' | 'operatorOrEnd' | 'closeParen' | 'commaOrCloseParen' | 'openParen';

const EXPECTED_TEXT: Readonly<Record<Expected, string>> = {
  operand: 'a number, a name or "("',
  operatorOrEnd: 'an operator or the end of the formula',
  closeParen: '")"',
  commaOrCloseParen: '"," or ")"',
  openParen: '"("',
};

export function parseExpression(source: string): ExprNode {
  if (source.length > MAX_SOURCE_LENGTH) {
    throw new ExprError(
      'tooLong',
      `Formula is ${source.length} characters long; the limit is ${MAX_SOURCE_LENGTH}`,
      MAX_SOURCE_LENGTH,
      { max: MAX_SOURCE_LENGTH, length: source.length },
    );
  }
  if (source.trim() === '') throw new ExprError('empty', 'Formula is empty', -1);
  return new Parser(tokenize(source), source.length).parseAll();
}

class Parser {
  private index = 0;
  private depth = 0;

  private readonly endToken: Token;

  constructor(
    private readonly tokens: readonly Token[],
    sourceLength: number,
  ) {
    this.endToken = { kind: 'end', text: '', pos: sourceLength };
  }

  parseAll(): ExprNode {
    const node = this.parseComparison();
    const next = this.peek();
    if (next.kind !== 'end') throw this.unexpected(next, 'operatorOrEnd');
    return node;
  }

  private peek(): Token {
    // The token list already ends with an 'end' token; the fallback only satisfies the type checker.
    return this.tokens[this.index] ?? this.endToken;
  }

  private advance(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private enter(token: Token): void {
    this.depth++;
    if (this.depth > MAX_DEPTH) {
      throw new ExprError('tooDeep', `Formula nests too deeply ${at(token.pos)}; the limit is ${MAX_DEPTH} levels`, token.pos, {
        max: MAX_DEPTH,
      });
    }
  }

  private leave(): void {
    this.depth--;
  }

  private parseBinaryLevel(ops: ReadonlySet<BinaryOp>, operand: () => ExprNode): ExprNode {
    let left = operand();
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'op' || !ops.has(token.op)) return left;
      this.advance();
      const right = operand();
      left = { kind: 'binary', op: token.op, left, right, pos: token.pos };
    }
  }

  private parseComparison(): ExprNode {
    return this.parseBinaryLevel(COMPARISON_OPS, () => this.parseAdditive());
  }

  private parseAdditive(): ExprNode {
    return this.parseBinaryLevel(ADDITIVE_OPS, () => this.parseTerm());
  }

  private parseTerm(): ExprNode {
    return this.parseBinaryLevel(MULTIPLICATIVE_OPS, () => this.parseUnary());
  }

  private parseUnary(): ExprNode {
    const token = this.peek();
    if (token.kind === 'op' && (token.op === '+' || token.op === '-')) {
      this.advance();
      this.enter(token);
      const operand = this.parseUnary();
      this.leave();
      return { kind: 'unary', op: token.op, operand, pos: token.pos };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): ExprNode {
    const token = this.advance();
    switch (token.kind) {
      case 'number':
        return { kind: 'number', value: token.value, pos: token.pos };
      case 'name':
        return this.parseNameOrCall(token);
      case '(': {
        this.enter(token);
        const inner = this.parseComparison();
        this.expect(')', 'closeParen');
        this.leave();
        return inner;
      }
      default:
        throw this.unexpected(token, 'operand');
    }
  }

  private parseNameOrCall(token: Token & { kind: 'name' }): ExprNode {
    const fn = functionNameOf(token.text);
    if (this.peek().kind !== '(') {
      // Function names are reserved words: `max + 1` is a missing "(", not a reference to a metric.
      if (fn !== null) throw this.unexpected(this.peek(), 'openParen', token.text);
      return { kind: 'name', name: token.text, pos: token.pos };
    }
    if (fn === null) {
      throw new ExprError('unknownFunction', `Unknown function "${token.text}" ${at(token.pos)}`, token.pos, {
        name: token.text,
      });
    }
    const open = this.advance();
    this.enter(open);
    const args: ExprNode[] = [];
    if (this.peek().kind === ')') {
      this.advance();
    } else {
      for (;;) {
        args.push(this.parseComparison());
        const sep = this.advance();
        if (sep.kind === ')') break;
        if (sep.kind !== ',') throw this.unexpected(sep, 'commaOrCloseParen');
      }
    }
    this.leave();
    const arity = FUNCTIONS[fn];
    if (args.length < arity.min || (arity.max !== null && args.length > arity.max)) {
      const wanted =
        arity.max === null
          ? `at least ${arity.min} argument${arity.min === 1 ? '' : 's'}`
          : `exactly ${arity.max} argument${arity.max === 1 ? '' : 's'}`;
      throw new ExprError(
        'wrongArgCount',
        `Function "${fn}" ${at(token.pos)} takes ${wanted} but got ${args.length}`,
        token.pos,
        // maxArgs -1 = no upper limit; plain numbers keep the params easy to translate.
        { name: fn, minArgs: arity.min, maxArgs: arity.max ?? -1, actual: args.length },
      );
    }
    return { kind: 'call', fn, args, pos: token.pos };
  }

  private expect(kind: ')', expected: Expected): void {
    const token = this.advance();
    if (token.kind !== kind) throw this.unexpected(token, expected);
  }

  private unexpected(token: Token, expected: Expected, after?: string): ExprError {
    const want = EXPECTED_TEXT[expected];
    const context = after === undefined ? '' : ` after "${after}"`;
    if (token.kind === 'end') {
      return new ExprError('unexpectedEnd', `Formula ends too early ${at(token.pos)}; expected ${want}${context}`, token.pos, {
        expected,
      });
    }
    return new ExprError('unexpectedToken', `Unexpected "${token.text}" ${at(token.pos)}; expected ${want}${context}`, token.pos, {
      token: token.text,
      expected,
    });
  }
}
