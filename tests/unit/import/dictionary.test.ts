import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RowFingerprints, StringDictionary } from '../../../src/engine/import/dictionary';

// Characters that exercise every key form: narrow (below U+0100, incl. NUL and the quote), wide, surrogates.
const char = fc.constantFrom('a', 'b', '0', '\u0000', '"', 'é', '\u00ff', '中', '客', '\u0100', '😀', ' ');
const value = fc.oneof(
  fc.string({ unit: char, maxLength: 20 }),
  // Around the packing limits: 15 narrow or 7 wide characters.
  fc.string({ unit: fc.constantFrom('a', 'b', '"', '\u00ff'), minLength: 14, maxLength: 17 }),
  fc.string({ unit: fc.constantFrom('中', '客', '\u0100', 'a'), minLength: 6, maxLength: 9 }),
);

describe('string dictionary', () => {
  it('gives the same codes as a Map, for values read from ranges, escaped ranges and strings', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), (values) => {
        const dict = new StringDictionary();
        const ref = new Map<string, number>();
        for (const [k, v] of values.entries()) {
          if (!ref.has(v)) ref.set(v, ref.size);
          const expected = ref.get(v)!;
          const form = k % 3;
          let code: number;
          if (form === 0) code = dict.codeOf(v);
          else if (form === 1) code = dict.codeOfRange(`x,${v},y`, 2, 2 + v.length);
          else {
            const escaped = v.replaceAll('"', '""');
            code = dict.codeOfEscapedRange(`"${escaped}"`, 1, 1 + escaped.length);
          }
          expect(code).toBe(expected);
        }
        expect(dict.values).toEqual([...ref.keys()]);
        for (const [v, c] of ref) expect(dict.find(v)).toBe(c);
        expect(dict.find('\u0000never\u0000')).toBe(-1);
      }),
    );
  });

  it('keeps values apart that pack to similar keys', () => {
    const dict = new StringDictionary();
    const tricky = [
      '', '\u0000', '\u0000\u0000', 'a', 'a\u0000', '中', '中\u0000', 'abcdefghijk', 'abcdefghijkl', '中文中文中', '中文中文中文', 'ÿ', '\u0100',
      'Community Group', 'Community Group!', 'Community Grou', '中文中文中文中', '中文中文中文中文', 'abcdefg中', 'Store, downtown',
    ];
    tricky.forEach((v, i) => expect(dict.codeOf(v)).toBe(i));
    tricky.forEach((v, i) => expect(dict.codeOf(v)).toBe(i));
    expect(dict.size).toBe(tricky.length);
  });

  it('stays correct through many rehashes', () => {
    const dict = new StringDictionary();
    let wrong = 0;
    for (let i = 0; i < 50_000; i++) if (dict.codeOf(`C${i}`) !== i) wrong++;
    for (let i = 0; i < 50_000; i += 7) if (dict.codeOf(`C${i}`) !== i) wrong++;
    expect(wrong).toBe(0);
    expect(dict.codeOf('a customer name longer than eleven characters')).toBe(50_000);
    expect(dict.find('a customer name longer than eleven characters')).toBe(50_000);
  });
});

describe('row fingerprints', () => {
  it('recognise a row seen before, by its text only', () => {
    const seen = new RowFingerprints();
    const text = 'A,1\nB,2\nA,1\n';
    expect(seen.seen(text, 0, 3)).toBe(false);
    expect(seen.seen(text, 4, 7)).toBe(false);
    expect(seen.seen(text, 8, 11)).toBe(true);
    expect(seen.seen('A,1', 0, 3)).toBe(true);
  });

  it('agree with a Set over many rows', () => {
    const seen = new RowFingerprints();
    const ref = new Set<string>();
    let wrong = 0;
    for (let i = 0; i < 40_000; i++) {
      const row = `C${(i * 7919) % 25_000},2024-01-01,${i % 2}`;
      if (seen.seen(row, 0, row.length) !== ref.has(row)) wrong++;
      ref.add(row);
    }
    expect(wrong).toBe(0);
    expect(ref.size).toBe(25_000);
  });
});
