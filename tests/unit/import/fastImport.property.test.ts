/**
 * The fast import (WebAssembly, on the file's bytes) against the JS path it stands in for (StreamDecoder
 * → CsvParser → TransactionColumnBuilder). Random files — four delimiters, quoted fields with `""` and
 * line breaks, CRLF / LF / CR, blank lines, a BOM, title rows, Chinese, emoji and long ids, ids with
 * blanks around them, rows without one, duplicate rows, negative amounts, quantities and unit prices,
 * order statuses (refunds, cancellations, classes the user set), a cancellation prefix on order ids,
 * every returns, statuses and duplicates policy, in UTF-8 and in GBK — cut into
 * byte pieces anywhere (inside a character, a CRLF or a `""`):
 *  - whenever the kernel returns an import, it is the JS path's, typed arrays byte for byte (so −0
 *    and 0 differ) and every report count and example row the same;
 *  - a file with nothing it refuses is always taken (the fast path is not a path that always bails);
 *  - files with what only the JS path reads or reports (`¥1,200`, day-first dates, ragged rows,
 *    invalid UTF-8 or GBK, GB18030's four-byte characters, a NUL, an unterminated quote …) are
 *    either refused or read the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byteChunks, caseArb, expectSameImport, readWithJs, readWithKernel } from './fastImportCases';

const cuts = fc.array(fc.nat(), { maxLength: 10 });

describe('fast import (WebAssembly) against the JS path', () => {
  it('takes every file without what it refuses, and reads it exactly as the JS path does', () => {
    fc.assert(
      fc.property(fc.oneof(caseArb(0), caseArb(0, 'gb18030')), cuts, (c, at) => {
        const chunks = byteChunks(c.bytes, at);
        const js = readWithJs(c, chunks);
        expect(js.fails).toBe(false);
        const fast = readWithKernel(c, chunks);
        expect(fast.reason).toBeNull();
        expectSameImport(fast.imp!, js.imp);
      }),
      { numRuns: 400 },
    );
  });

  it('on files with forms only the JS path reads, and damaged ones, refuses or reads them the same', () => {
    let taken = 0;
    let refused = 0;
    const reasons: Record<string, number> = {};
    fc.assert(
      fc.property(fc.oneof(caseArb(0.002), caseArb(0.01), caseArb(0.05), caseArb(0.002, 'gb18030'), caseArb(0.02, 'gb18030')), cuts, (c, at) => {
        const chunks = byteChunks(c.bytes, at);
        const js = readWithJs(c, chunks);
        const fast = readWithKernel(c, chunks);
        if (fast.imp === null) {
          reasons[fast.reason!] = (reasons[fast.reason!] ?? 0) + 1;
          refused++;
          expect(fast.reason).not.toBeNull();
          return;
        }
        taken++;
        // Taken: the JS path neither stops nor reports bad bytes on it…
        expect(js.fails).toBe(false);
        // …and reads it the same.
        expectSameImport(fast.imp, js.imp);
        if (c.clean) expect(fast.reason).toBeNull();
      }),
      { numRuns: 400 },
    );
    // Both outcomes happen, for many reasons, or the test shows nothing about some of them.
    expect(taken).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(50);
    expect(Object.keys(reasons).length).toBeGreaterThanOrEqual(6);
  });
});
