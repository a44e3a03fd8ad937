import { describe, expect, it } from 'vitest';
import { compileExpression, ExprError, parseExpression, type ExprErrorCode } from '../../../src/engine/expr';
import { errorOf } from './helpers';

const parseError = (source: string): ExprError => errorOf(() => parseExpression(source));

describe('ExprError', () => {
  it('is an Error with code, position and params', () => {
    const e = parseError('1 +');
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(ExprError);
    expect(e.name).toBe('ExprError');
    expect(typeof e.message).toBe('string');
    expect(e.params).toBeTypeOf('object');
  });
});

describe('parse errors: code and position', () => {
  it.each<[string, ExprErrorCode, number]>([
    ['', 'empty', -1],
    ['   \t\n', 'empty', -1],
    ['1 + #', 'unexpectedChar', 4],
    ['a ^ 2', 'unexpectedChar', 2],
    ['a = b', 'unexpectedChar', 2],
    ['a ! b', 'unexpectedChar', 2],
    ['5 %', 'unexpectedChar', 2],
    ['１２', 'unexpectedChar', 0],
    ['12 + ３', 'unexpectedChar', 5],
    ['a１', 'unexpectedChar', 1],
    ['（1 + 2）', 'unexpectedChar', 0],
    ['max(1，2)', 'unexpectedChar', 5],
    ['٣', 'unexpectedChar', 0], // Arabic-Indic digit three
    ['"text"', 'unexpectedChar', 0],
    ['1 +', 'unexpectedEnd', 3],
    ['(1 + 2', 'unexpectedEnd', 6],
    ['max(1, 2', 'unexpectedEnd', 8],
    ['-', 'unexpectedEnd', 1],
    ['max', 'unexpectedEnd', 3],
    ['1 2', 'unexpectedToken', 2],
    ['(1 + 2))', 'unexpectedToken', 7],
    [')', 'unexpectedToken', 0],
    ['1 + * 2', 'unexpectedToken', 4],
    ['max(1,, 2)', 'unexpectedToken', 6],
    ['max(1, 2,)', 'unexpectedToken', 9],
    ['max(1 2)', 'unexpectedToken', 6],
    ['max + 1', 'unexpectedToken', 4],
    ['2x', 'unexpectedToken', 1],
    ['1e', 'unexpectedToken', 1],
    ['1.2.3', 'unexpectedToken', 3],
    ['()', 'unexpectedToken', 1],
    ['a (b)', 'unknownFunction', 0],
    ['1 + sqrt(4)', 'unknownFunction', 4],
    ['sum(1, 2)', 'unknownFunction', 0],
    ['min()', 'wrongArgCount', 0],
    ['1 + max()', 'wrongArgCount', 4],
    ['if(1, 2)', 'wrongArgCount', 0],
    ['if(1, 2, 3, 4)', 'wrongArgCount', 0],
    ['abs()', 'wrongArgCount', 0],
    ['2 * abs(1, 2)', 'wrongArgCount', 4],
  ])('%j → %s at %d', (source, code, position) => {
    const e = parseError(source);
    expect(e.code).toBe(code);
    expect(e.position).toBe(position);
  });

  it('reports too long formulas before anything else', () => {
    const e = parseError('#'.repeat(2001));
    expect(e.code).toBe('tooLong');
    expect(e.position).toBe(2000);
    expect(e.params).toEqual({ max: 2000, length: 2001 });
  });

  it.each([
    ['('.repeat(65) + '1' + ')'.repeat(65), 64],
    ['-'.repeat(65) + '1', 64],
    ['abs('.repeat(65) + '1' + ')'.repeat(65), 4 * 64 + 3],
    ['1 + ' + '('.repeat(70) + '1' + ')'.repeat(70), 4 + 64],
  ])('reports nesting over 64 levels as tooDeep (%#)', (source, position) => {
    const e = parseError(source);
    expect(e.code).toBe('tooDeep');
    expect(e.position).toBe(position);
    expect(e.params).toEqual({ max: 64 });
  });

  it('counts positions in UTF-16 units, like String.length', () => {
    expect(parseError('𠀀 + #').position).toBe(5);
  });
});

describe('error messages and params', () => {
  it('prints positions 1-based in messages for people', () => {
    expect(parseError('1 + #').message).toBe('Unexpected character "#" at position 5');
  });

  it('explains full-width characters and names the ASCII replacement', () => {
    const e = parseError('１２');
    expect(e.message).toMatch(/Full-width digit "１" at position 1/);
    expect(e.params).toMatchObject({ char: '１', suggestion: '1', hint: 'fullWidth' });
    expect(parseError('（1）').params).toMatchObject({ char: '（', suggestion: '(' });
  });

  it('suggests == for a single =', () => {
    expect(parseError('a = 1').params).toMatchObject({ suggestion: '==' });
  });

  it('describes what was expected', () => {
    expect(parseError('1 +').params).toEqual({ expected: 'operand' });
    expect(parseError('(1').params).toEqual({ expected: 'closeParen' });
    expect(parseError('1 1').params).toEqual({ token: '1', expected: 'operatorOrEnd' });
    expect(parseError('max(1 1)').params).toEqual({ token: '1', expected: 'commaOrCloseParen' });
    expect(parseError('if + 1').params).toEqual({ token: '+', expected: 'openParen' });
  });

  it('names the unknown function', () => {
    const e = parseError('sqrt(2)');
    expect(e.params).toEqual({ name: 'sqrt' });
    expect(e.message).toBe('Unknown function "sqrt" at position 1');
  });

  it('gives expected and actual argument counts', () => {
    expect(parseError('IF(1, 2)').params).toEqual({ name: 'if', minArgs: 3, maxArgs: 3, actual: 2 });
    expect(parseError('max()').params).toEqual({ name: 'max', minArgs: 1, maxArgs: -1, actual: 0 });
    expect(parseError('abs(1, 2)').message).toBe('Function "abs" at position 1 takes exactly 1 argument but got 2');
  });
});

describe('unknown names', () => {
  const known = new Set(['contribution', 'orders', 'revenue', 'Spend']);

  it('reports the first unknown name with its position', () => {
    const e = errorOf(() => compileExpression('orders + contributon / revnue', known));
    expect(e.code).toBe('unknownName');
    expect(e.position).toBe(9);
    expect(e.params).toMatchObject({ name: 'contributon' });
  });

  it('says which name was probably meant', () => {
    const e = errorOf(() => compileExpression('contributon / orders', known));
    expect(e.message).toBe('Unknown name "contributon" at position 1; did you mean "contribution"?');
    expect(e.params).toEqual({ name: 'contributon', suggestion: 'contribution' });
  });

  it('catches case slips, since names are case-sensitive', () => {
    const e = errorOf(() => compileExpression('spend * 2', known));
    expect(e.params).toEqual({ name: 'spend', suggestion: 'Spend' });
  });

  it('does not suggest unrelated names', () => {
    const e = errorOf(() => compileExpression('zzzzzz', known));
    expect(e.params).toEqual({ name: 'zzzzzz' });
    expect(e.message).toBe('Unknown name "zzzzzz" at position 1');
  });

  it('finds unknown names inside untaken branches too (they are still typos)', () => {
    expect(errorOf(() => compileExpression('if(0, oops, 1)', known)).params).toMatchObject({ name: 'oops' });
  });

  it('reports syntax errors before unknown names', () => {
    expect(errorOf(() => compileExpression('oops +', known)).code).toBe('unexpectedEnd');
  });
});
