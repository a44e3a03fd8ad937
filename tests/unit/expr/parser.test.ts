import { describe, expect, it } from 'vitest';
import { parseExpression, printExpression, referencedNames, type ExprNode } from '../../../src/engine/expr';
import { value } from './helpers';

describe('number literals', () => {
  it.each([
    ['12', 12],
    ['3.5', 3.5],
    ['.5', 0.5],
    ['1.', 1],
    ['1e3', 1000],
    ['2.5E-2', 0.025],
    ['1e+2', 100],
    ['0', 0],
    ['007', 7],
  ])('%s = %d', (source, expected) => {
    expect(value(source)).toBe(expected);
  });

  it.each([
    ['12%', 0.12],
    ['100%', 1],
    ['0.5%', 0.005],
    ['1e3%', 10],
    ['50% * 4', 2],
    ['-12%', -0.12],
  ])('percent literal %s = %d', (source, expected) => {
    expect(value(source)).toBeCloseTo(expected, 15);
  });

  it('percent is part of the literal, so 12% equals 12 / 100 exactly', () => {
    expect(value('12%')).toBe(12 / 100);
  });
});

describe('precedence and associativity', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 4 - 3', 3], // (10 - 4) - 3, not 10 - (4 - 3) = 9
    ['100 / 10 / 5', 2], // (100 / 10) / 5, not 100 / (10 / 5) = 50
    ['2 * 3 / 4', 1.5],
    ['8 / 4 * 2', 4], // (8 / 4) * 2, not 8 / (4 * 2) = 1
    ['1 - 2 + 3', 2],
    ['-2 * 3', -6],
    ['-(2 + 3) * 2', -10],
    ['2 - -3', 5],
    ['- -4', 4],
    ['+5 - +2', 3],
    ['1 + 2 < 4', 1], // comparisons bind looser than +: (1 + 2) < 4
    ['1 + (2 < 4)', 2],
    ['2 * 3 == 6', 1],
    ['1 < 2 < 3', 1], // (1 < 2) < 3 → 1 < 3
    ['3 > 2 > 1', 0], // (3 > 2) > 1 → 1 > 1
    ['10 - 2 * 3 + 4 / 2', 6],
    ['((((7))))', 7],
  ])('%s = %d', (source, expected) => {
    expect(value(source)).toBe(expected);
  });

  it('builds a left-leaning tree for a chain of equal-precedence operators', () => {
    const tree = parseExpression('a - b - c');
    expect(tree).toMatchObject({
      kind: 'binary',
      op: '-',
      left: { kind: 'binary', op: '-', left: { name: 'a' }, right: { name: 'b' } },
      right: { name: 'c' },
    });
  });
});

describe('comparisons', () => {
  it.each([
    ['2 < 3', 1],
    ['3 < 3', 0],
    ['3 <= 3', 1],
    ['4 > 3', 1],
    ['3 >= 4', 0],
    ['3 == 3', 1],
    ['3 != 3', 0],
    ['3 != 4', 1],
  ])('%s = %d', (source, expected) => {
    expect(value(source)).toBe(expected);
  });
});

describe('unicode operators', () => {
  it.each([
    ['6 × 7', 42],
    ['7 ÷ 2', 3.5],
    ['7 − 2', 5],
    ['−3', -3],
    ['2 × 3 − 8 ÷ 4', 4],
    ['a×b−c÷d', 5],
  ])('%s = %d', (source, expected) => {
    expect(value(source, { a: 2, b: 3, c: 4, d: 4 })).toBe(expected);
  });

  it('treats them exactly like their ASCII twins', () => {
    expect(parseExpression('a × b ÷ c − d')).toEqual(parseExpression('a * b / c - d'));
  });
});

describe('whitespace', () => {
  it('is allowed anywhere between tokens, including tabs, newlines and ideographic spaces', () => {
    expect(value(' \t max ( 1 ,\n 2 )\u3000+\u00a01 ')).toBe(3);
    expect(value('max(1,2)+1')).toBe(3);
  });
});

describe('identifiers', () => {
  it('accepts Chinese and other Unicode letters', () => {
    expect(value('毛利率 * 销售额', { 毛利率: 0.25, 销售额: 400 })).toBe(100);
    expect(value('Umsatz_ß + été', { Umsatz_ß: 1, été: 2 })).toBe(3);
    expect(referencedNames(parseExpression('毛利率 + 渠道_2'))).toEqual(['毛利率', '渠道_2']);
  });

  it('accepts underscores and digits after the first character', () => {
    expect(value('_x + a_1 + b2c', { _x: 1, a_1: 2, b2c: 3 })).toBe(6);
  });

  it('is case-sensitive', () => {
    expect(value('Orders - orders', { Orders: 5, orders: 2 })).toBe(3);
  });

  it('accepts letters outside the Basic Multilingual Plane', () => {
    expect(value('𠀀 + 1', { '𠀀': 1 })).toBe(2);
    expect(referencedNames(parseExpression('𠀀𠀁 + x'))).toEqual(['𠀀𠀁', 'x']);
  });
});

describe('functions', () => {
  it('are case-insensitive', () => {
    expect(value('MAX(1, 5, 3)')).toBe(5);
    expect(value('Min(4, 2)')).toBe(2);
    expect(value('IF(1, 2, 3)')).toBe(2);
    expect(value('Abs(-3)')).toBe(3);
    expect(parseExpression('MaX(1, 2)')).toMatchObject({ kind: 'call', fn: 'max' });
  });
});

describe('referencedNames', () => {
  it('lists each name once in order of first appearance', () => {
    expect(referencedNames(parseExpression('b + a * b - if(c, a, d)'))).toEqual(['b', 'a', 'c', 'd']);
  });

  it('is empty for a formula without names', () => {
    expect(referencedNames(parseExpression('max(1, 2) * 3%'))).toEqual([]);
  });

  it('does not count function names', () => {
    expect(referencedNames(parseExpression('abs(x)'))).toEqual(['x']);
  });
});

describe('printExpression', () => {
  const strip = (node: ExprNode): unknown => JSON.parse(JSON.stringify(node, (k, v: unknown) => (k === 'pos' ? undefined : v)));

  it.each([
    ['a - (b - c)', 'a - (b - c)'],
    ['(a - b) - c', 'a - b - c'],
    ['a / (b * c)', 'a / (b * c)'],
    ['(a + b) * c', '(a + b) * c'],
    ['-(a + b)', '-(a + b)'],
    ['- -a', '- -a'],
    ['(a < b) + 1', '(a < b) + 1'],
    ['a × b', 'a * b'],
    ['IF(a, b, c)', 'if(a, b, c)'],
    ['12%', '0.12'],
  ])('prints %s as %s', (source, printed) => {
    expect(printExpression(parseExpression(source))).toBe(printed);
  });

  it('round-trips to the same tree', () => {
    const source = 'if(a >= 2, min(a, -b, 3) / (c - d), abs(e) * -(f + 1e-7))';
    expect(strip(parseExpression(printExpression(parseExpression(source))))).toEqual(strip(parseExpression(source)));
  });
});

describe('limits', () => {
  it('accepts 64 levels of nesting', () => {
    expect(value('('.repeat(64) + '1' + ')'.repeat(64))).toBe(1);
    expect(value('-'.repeat(64) + '1')).toBe(1);
  });

  it('accepts a long flat chain of operators (it is not nesting)', () => {
    const source = Array.from({ length: 999 }, () => '1').join('+');
    expect(source.length).toBeLessThanOrEqual(2000);
    expect(value(source)).toBe(999);
  });

  it('accepts exactly 2,000 characters', () => {
    expect(value('1' + ' '.repeat(1999))).toBe(1);
  });
});
