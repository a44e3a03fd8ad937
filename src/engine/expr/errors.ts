/**
 * Errors of the custom-metric formula language.
 *
 * Every problem the lexer, parser, compiler or metric-set checker finds is an `ExprError`, so callers
 * can `catch` one type. `code` and `params` are what the UI should translate; `message` is a plain
 * English sentence for logs, tests and as a fallback.
 */

export type ExprErrorCode =
  | 'empty'
  | 'unexpectedChar'
  | 'unexpectedEnd'
  | 'unexpectedToken'
  | 'unknownName'
  | 'unknownFunction'
  | 'wrongArgCount'
  | 'cycle'
  | 'invalidName'
  | 'duplicateName'
  | 'reservedName'
  | 'tooLong'
  | 'tooDeep';

export type ExprErrorParams = Record<string, string | number>;

export class ExprError extends Error {
  readonly code: ExprErrorCode;
  /**
   * Offset of the offending character in the formula, counted in UTF-16 code units (the same unit as
   * `String.prototype.length` and `<input>.selectionStart`), 0-based; -1 when no single place applies.
   * Messages print it 1-based ("at position 1" is the first character) because they are read by people.
   */
  readonly position: number;
  readonly params: ExprErrorParams;

  constructor(code: ExprErrorCode, message: string, position: number = -1, params: ExprErrorParams = {}) {
    super(message);
    this.name = 'ExprError';
    this.code = code;
    this.position = position;
    this.params = params;
  }
}

/** Human suffix for messages; see `ExprError.position` for why it is 1-based. */
export function at(position: number): string {
  return `at position ${position + 1}`;
}
