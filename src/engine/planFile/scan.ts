/**
 * Checks run on the raw text before it is parsed, so that nothing recursive ever sees a hostile file.
 */

const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \
const OPEN_BRACE = 0x7b; // {
const CLOSE_BRACE = 0x7d; // }
const OPEN_BRACKET = 0x5b; // [
const CLOSE_BRACKET = 0x5d; // ]

/**
 * The position of the first `{` or `[` that opens a level deeper than `maxDepth`, or -1 if there is
 * none. Brackets inside strings do not count (a name may well be "[North]"); escapes inside strings
 * are followed so that `"\""` does not end a string early. One pass, no recursion, no allocation:
 * malformed text is fine here — JSON.parse reports it afterwards.
 */
export function findTooDeep(text: string, maxDepth: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++; // skip the escaped character, whatever it is
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) return i;
    } else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && depth > 0) {
      depth--; // a stray closer is a syntax error for JSON.parse; it must not buy extra depth
    }
  }
  return -1;
}

/** 1-based line and column of a 0-based offset, as an editor shows them. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

class SyntaxErrorAt {
  constructor(readonly offset: number) {}
}

/**
 * The offset of the first JSON syntax error in `text` (`text.length` when it ends too early), or -1
 * when it is valid JSON. Used only after JSON.parse has failed, to say where: engines word (and
 * place) their messages differently, and some give no position at all. Recursive, so call it only
 * on text that `findTooDeep` has passed.
 */
export function findSyntaxError(text: string): number {
  let i = 0;
  const n = text.length;
  const fail = (at: number): never => {
    throw new SyntaxErrorAt(at);
  };
  const ws = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return;
      i++;
    }
  };
  const expect = (ch: string): void => {
    if (text[i] !== ch) fail(i);
    i++;
  };
  const digits = (): void => {
    const start = i;
    while (i < n && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
    if (i === start) fail(i);
  };
  const str = (): void => {
    expect('"');
    for (;;) {
      if (i >= n) fail(n);
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        i++;
        return;
      }
      if (c < 0x20) fail(i);
      if (c === BACKSLASH) {
        const e = text[i + 1];
        if (e === undefined) fail(n);
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail(i);
          i += 6;
        } else if ('"\\/bfnrt'.includes(e)) i += 2;
        else fail(i);
      } else i++;
    }
  };
  const num = (): void => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits();
    if (text[i] === '.') {
      i++;
      digits();
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits();
    }
  };
  const word = (w: string): void => {
    for (let k = 0; k < w.length; k++) if (text[i + k] !== w[k]) fail(i + k);
    i += w.length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === undefined) fail(n);
    else if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        str();
        ws();
        expect(':');
        value();
        ws();
        if (text[i] === ',') i++;
        else return expect('}');
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else return expect(']');
      }
    } else if (c === '"') str();
    else if (c === '-' || (c >= '0' && c <= '9')) num();
    else if (c === 't') word('true');
    else if (c === 'f') word('false');
    else if (c === 'n') word('null');
    else fail(i);
  };
  try {
    value();
    ws();
    return i < n ? i : -1;
  } catch (e) {
    if (e instanceof SyntaxErrorAt) return Math.min(e.offset, n);
    throw e;
  }
}
