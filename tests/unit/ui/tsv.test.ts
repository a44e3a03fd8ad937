import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTsv, toTsv } from '../../../src/ui/grid/tsv';

describe('spreadsheet clipboard text', () => {
  it('reads what Excel puts on the clipboard', () => {
    expect(parseTsv('a\tb\r\nc\td\r\n')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseTsv('1\t"x\ty"\n"line\nbreak"\t"say ""hi"""\n')).toEqual([['1', 'x\ty'], ['line\nbreak', 'say "hi"']]);
    expect(parseTsv('single')).toEqual([['single']]);
    expect(parseTsv('a\t\tc\n')).toEqual([['a', '', 'c']]);
    expect(parseTsv('')).toEqual([]);
  });

  it('round-trips any block of cells (property)', () => {
    const cell = fc.string({ maxLength: 12 });
    const block = fc.integer({ min: 1, max: 5 }).chain((w) => fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 5 }));
    fc.assert(
      fc.property(block, (rows) => {
        // A lone empty cell is indistinguishable from an empty line in TSV.
        fc.pre(!rows.some((r) => r.length === 1 && r[0] === ''));
        expect(parseTsv(toTsv(rows))).toEqual(rows);
      }),
    );
  });
});
