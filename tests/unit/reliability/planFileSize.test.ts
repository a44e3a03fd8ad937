import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../src/engine/planFile';
import { createPlanFromTemplate } from '../../../src/engine/templates';
import { planFileText } from '../../../src/ui/files/planFiles';
import { readPlanFile } from '../../../src/ui/files/readPlanFile';

/**
 * Case 22 at the point where the app reads a picked or dropped file: a 500 MB file is refused from
 * its size alone, before a single byte is read, so the page never holds it in memory or parses it.
 */
describe('case 22: the import reader refuses a huge file before reading it', () => {
  /** A Blob that says it is large and fails the test if anyone reads it. */
  function hugeFile(size: number): Blob {
    const unread = (): never => {
      throw new Error('the file was read');
    };
    return { size, type: 'application/json', arrayBuffer: unread, text: unread, stream: unread, slice: unread, bytes: unread } as unknown as Blob;
  }

  it('case 22: a 500 MB file is refused as too large without being read', async () => {
    const outcome = await readPlanFile(hugeFile(500 * 1024 * 1024));
    expect(outcome).toEqual({ kind: 'problems', problems: [{ code: 'tooLarge', path: [], params: { size: 524_288_000, max: DEFAULT_LIMITS.maxChars } }] });
  });

  it('case 22: one byte over the limit is refused the same way; a real plan file under it reads', async () => {
    expect((await readPlanFile(hugeFile(DEFAULT_LIMITS.maxChars + 1))).kind).toBe('problems');
    const text = planFileText(createPlanFromTemplate('grocery', { id: 'g', now: 1, locale: 'en' }));
    const outcome = await readPlanFile(new Blob([text], { type: 'application/json' }));
    expect(outcome.kind).toBe('ok');
  });
});
