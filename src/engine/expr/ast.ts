/**
 * The syntax tree of a formula, plus the read-only walks over it (names used, printing).
 *
 * Nodes are plain data (no classes) so a parsed formula could be cloned or cached like any other value.
 * Every node keeps `pos`, the UTF-16 offset of the token that produced it, so later stages
 * (unknown names, metric cycles) can point at the right place in the formula.
 */

export type BinaryOp = '+' | '-' | '*' | '/' | '<' | '<=' | '>' | '>=' | '==' | '!=';
export type UnaryOp = '+' | '-';
export type FunctionName = 'min' | 'max' | 'if' | 'abs';

export interface NumberNode {
  readonly kind: 'number';
  readonly value: number;
  readonly pos: number;
}

export interface NameNode {
  readonly kind: 'name';
  readonly name: string;
  readonly pos: number;
}

export interface UnaryNode {
  readonly kind: 'unary';
  readonly op: UnaryOp;
  readonly operand: ExprNode;
  readonly pos: number;
}

export interface BinaryNode {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly left: ExprNode;
  readonly right: ExprNode;
  /** Position of the operator. */
  readonly pos: number;
}

export interface CallNode {
  readonly kind: 'call';
  readonly fn: FunctionName;
  readonly args: readonly ExprNode[];
  /** Position of the function name. */
  readonly pos: number;
}

export type ExprNode = NumberNode | NameNode | UnaryNode | BinaryNode | CallNode;

/** Arity of each function; `max: null` means any number of arguments from `min` up. */
export const FUNCTIONS: Readonly<Record<FunctionName, { readonly min: number; readonly max: number | null }>> = {
  min: { min: 1, max: null },
  max: { min: 1, max: null },
  if: { min: 3, max: 3 },
  abs: { min: 1, max: 1 },
};

/** Function names are case-insensitive (`IF`, `Max`), as in spreadsheets. */
export function functionNameOf(text: string): FunctionName | null {
  const lower = text.toLowerCase();
  return Object.prototype.hasOwnProperty.call(FUNCTIONS, lower) ? (lower as FunctionName) : null;
}

/** Binding strength; higher binds tighter. All binary operators are left-associative. */
export const PRECEDENCE: Readonly<Record<BinaryOp, number>> = {
  '<': 1,
  '<=': 1,
  '>': 1,
  '>=': 1,
  '==': 1,
  '!=': 1,
  '+': 2,
  '-': 2,
  '*': 3,
  '/': 3,
};
/** Unary +/- bind tighter than every binary operator (`-a * b` is `(-a) * b`). */
const UNARY_PRECEDENCE = 4;

export interface NameReference {
  readonly name: string;
  /** Position of the first occurrence. */
  readonly pos: number;
}

/** Each identifier once, at its first occurrence, in source order. */
export function nameReferences(node: ExprNode): NameReference[] {
  const seen = new Map<string, NameReference>();
  const visit = (n: ExprNode): void => {
    switch (n.kind) {
      case 'number':
        return;
      case 'name':
        if (!seen.has(n.name)) seen.set(n.name, { name: n.name, pos: n.pos });
        return;
      case 'unary':
        visit(n.operand);
        return;
      case 'binary':
        visit(n.left);
        visit(n.right);
        return;
      case 'call':
        for (const a of n.args) visit(a);
        return;
    }
  };
  visit(node);
  return [...seen.values()];
}

/** Unique identifiers used by the formula, in order of first appearance. */
export function referencedNames(node: ExprNode): string[] {
  return nameReferences(node).map((r) => r.name);
}

/**
 * Prints a tree back to formula text with as few parentheses as precedence allows, so that
 * `parseExpression(printExpression(t))` evaluates like `t`. Output uses ASCII operators only.
 */
export function printExpression(node: ExprNode): string {
  return print(node);
}

function printNumber(value: number): string {
  // Literals are never negative (a leading minus is a unary node). `1e999` lexes back to Infinity.
  if (value === Infinity) return '1e999';
  return String(value);
}

function precedenceOf(node: ExprNode): number {
  if (node.kind === 'binary') return PRECEDENCE[node.op];
  if (node.kind === 'unary') return UNARY_PRECEDENCE;
  return UNARY_PRECEDENCE + 1;
}

function wrap(node: ExprNode, minPrecedence: number): string {
  const text = print(node);
  return precedenceOf(node) < minPrecedence ? `(${text})` : text;
}

function print(node: ExprNode): string {
  switch (node.kind) {
    case 'number':
      return printNumber(node.value);
    case 'name':
      return node.name;
    case 'unary':
      // A space keeps `- -x` from reading as anything else and is harmless otherwise.
      return `${node.op}${node.operand.kind === 'unary' ? ' ' : ''}${wrap(node.operand, UNARY_PRECEDENCE)}`;
    case 'binary': {
      const p = PRECEDENCE[node.op];
      // Left-associative: the right operand needs parentheses at equal precedence, the left does not.
      return `${wrap(node.left, p)} ${node.op} ${wrap(node.right, p + 1)}`;
    }
    case 'call':
      return `${node.fn}(${node.args.map(print).join(', ')})`;
  }
}
