/**
 * Public API of the custom-metric formula language: a small spreadsheet-style language that is
 * parsed to a tree and evaluated by walking compiled closures — never by eval or generated code.
 */

export { ExprError, type ExprErrorCode, type ExprErrorParams } from './errors';
export {
  FUNCTIONS,
  printExpression,
  referencedNames,
  type BinaryOp,
  type BinaryNode,
  type CallNode,
  type ExprNode,
  type FunctionName,
  type NameNode,
  type NumberNode,
  type UnaryNode,
  type UnaryOp,
} from './ast';
export { isValidIdentifier } from './names';
export { aliasesFor, BUILTIN_ALIASES, resolveName } from './builtinAliases';
export { MAX_DEPTH, MAX_SOURCE_LENGTH, parseExpression } from './parser';
export { compileExpression, type CompiledExpr, type EvalFailure, type EvalResult, type NameLookup } from './evaluate';
export {
  compileCustomMetrics,
  type CompiledCustomMetric,
  type CompiledCustomMetricSet,
  type CustomMetricProblem,
} from './customMetrics';
