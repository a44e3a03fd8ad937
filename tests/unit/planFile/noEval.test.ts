import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

/** Compiling code at run time is what a Content-Security-Policy without 'unsafe-eval' forbids. */
const COMPILES_CODE = /\beval\s*\(|\bnew\s+Function\s*\(|\bFunction\s*\(\s*['"`]/;

describe('plan files under the production CSP', () => {
  it('case 37: neither the reader nor its schema library compiles code at run time', () => {
    const ours = [
      ...readdirSync(new URL('../../../src/engine/planFile/', import.meta.url)).map((f) => new URL(`../../../src/engine/planFile/${f}`, import.meta.url)),
      new URL('../../../src/files/encrypted.ts', import.meta.url),
    ];
    for (const file of ours) expect(readFileSync(file, 'utf8'), file.pathname).not.toMatch(COMPILES_CODE);
    // valibot validates with plain closures (unlike schema compilers that generate functions).
    const valibot = createRequire(import.meta.url).resolve('valibot');
    expect(readFileSync(valibot, 'utf8')).not.toMatch(COMPILES_CODE);
  });
});
