/**
 * Turns formula text into tokens. Positions are UTF-16 offsets (see `ExprError.position`); the scan
 * walks code points so letters outside the BMP (rare CJK characters) stay whole.
 */

import type { BinaryOp } from './ast';
import { ExprError, at } from './errors';
import { IDENT_PART, IDENT_START } from './names';

export type Token =
  | { readonly kind: 'number'; readonly value: number; readonly text: string; readonly pos: number }
  | { readonly kind: 'name'; readonly text: string; readonly pos: number }
  | { readonly kind: 'op'; readonly op: BinaryOp; readonly text: string; readonly pos: number }
  | { readonly kind: '(' | ')' | ','; readonly text: string; readonly pos: number }
  | { readonly kind: 'end'; readonly text: ''; readonly pos: number };

/** Single-character operators, including the typographic ones people paste from documents. */
const SINGLE_OPS: ReadonlyMap<string, BinaryOp> = new Map<string, BinaryOp>([
  ['+', '+'],
  ['-', '-'],
  ['\u2212', '-'], // − minus sign
  ['*', '*'],
  ['\u00d7', '*'], // ×
  ['/', '/'],
  ['\u00f7', '/'], // ÷
  ['<', '<'],
  ['>', '>'],
]);

const TWO_CHAR_OPS: ReadonlyMap<string, BinaryOp> = new Map<string, BinaryOp>([
  ['<=', '<='],
  ['>=', '>='],
  ['==', '=='],
  ['!=', '!='],
]);

const WHITESPACE = /^\s$/u;
const ANY_DIGIT = /^\p{Nd}$/u;

function isAsciiDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const cp = source.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    if (WHITESPACE.test(ch)) {
      i += ch.length;
      continue;
    }
    if (isAsciiDigit(ch) || (ch === '.' && isAsciiDigit(source[i + 1]))) {
      const token = readNumber(source, i);
      tokens.push(token);
      i += token.text.length;
      continue;
    }
    if (IDENT_START.test(ch)) {
      let end = i + ch.length;
      for (;;) {
        const next = source.codePointAt(end);
        if (next === undefined) break;
        const nch = String.fromCodePoint(next);
        if (!IDENT_PART.test(nch)) break;
        end += nch.length;
      }
      tokens.push({ kind: 'name', text: source.slice(i, end), pos: i });
      i = end;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch, text: ch, pos: i });
      i += 1;
      continue;
    }
    const two = TWO_CHAR_OPS.get(source.slice(i, i + 2));
    if (two !== undefined) {
      tokens.push({ kind: 'op', op: two, text: source.slice(i, i + 2), pos: i });
      i += 2;
      continue;
    }
    const one = SINGLE_OPS.get(ch);
    if (one !== undefined) {
      tokens.push({ kind: 'op', op: one, text: ch, pos: i });
      i += ch.length;
      continue;
    }
    throw unexpectedChar(ch, i);
  }
  tokens.push({ kind: 'end', text: '', pos: source.length });
  return tokens;
}

/** Reads `12`, `3.5`, `.5`, `1.`, `1e3`, `2.5E-2`, each optionally followed directly by `%`. */
function readNumber(source: string, start: number): Token {
  let i = start;
  while (isAsciiDigit(source[i])) i++;
  if (source[i] === '.') {
    i++;
    while (isAsciiDigit(source[i])) i++;
  }
  // Only take `e` as an exponent when digits follow, so a stray `e` is reported as a name, not eaten.
  if (source[i] === 'e' || source[i] === 'E') {
    let j = i + 1;
    if (source[j] === '+' || source[j] === '-') j++;
    if (isAsciiDigit(source[j])) {
      while (isAsciiDigit(source[j])) j++;
      i = j;
    }
  }
  let value = Number(source.slice(start, i));
  if (source[i] === '%') {
    value /= 100;
    i++;
  }
  return { kind: 'number', value, text: source.slice(start, i), pos: start };
}

/** Full-width forms U+FF01–U+FF5E mirror ASCII U+0021–U+007E; a Chinese or Japanese IME types them. */
function asciiForFullWidth(ch: string): string | null {
  const cp = ch.codePointAt(0) ?? 0;
  return cp >= 0xff01 && cp <= 0xff5e ? String.fromCodePoint(cp - 0xfee0) : null;
}

function unexpectedChar(ch: string, pos: number): ExprError {
  const ascii = asciiForFullWidth(ch);
  if (ascii !== null) {
    const kind = isAsciiDigit(ascii) ? 'digit' : 'character';
    return new ExprError(
      'unexpectedChar',
      `Full-width ${kind} "${ch}" ${at(pos)} is not accepted; type "${ascii}" instead`,
      pos,
      { char: ch, suggestion: ascii, hint: 'fullWidth' },
    );
  }
  if (ANY_DIGIT.test(ch)) {
    return new ExprError('unexpectedChar', `Digit "${ch}" ${at(pos)} is not accepted; use the digits 0-9`, pos, {
      char: ch,
      hint: 'nonAsciiDigit',
    });
  }
  if (ch === '=') {
    return new ExprError('unexpectedChar', `Unexpected "=" ${at(pos)}; use "==" to compare`, pos, {
      char: ch,
      suggestion: '==',
    });
  }
  if (ch === '%') {
    return new ExprError('unexpectedChar', `Unexpected "%" ${at(pos)}; "%" may only follow a number, as in 12%`, pos, {
      char: ch,
    });
  }
  return new ExprError('unexpectedChar', `Unexpected character "${ch}" ${at(pos)}`, pos, { char: ch });
}
