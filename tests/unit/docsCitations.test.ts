import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Code comments cite the maintainer documents as `docs/<file>.md#<section>`. Every cited document
 * and section must exist, so renaming a heading cannot leave comments pointing nowhere; the
 * documents' own links between each other are held to the same rule.
 */

const ROOT = resolve(__dirname, '../..');
const DOCS = join(ROOT, 'docs');

function files(dir: string, pattern: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'fixtures' ? [] : files(path, pattern);
    return pattern.test(name) ? [path] : [];
  });
}

/**
 * The anchor a Markdown heading gets, as GitHub makes it: lower case, punctuation dropped (letters,
 * digits, spaces, hyphens and underscores kept), spaces turned into hyphens; a repeated heading gets
 * -1, -2, … appended.
 */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const m = fenced ? null : /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = m[1]
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\s-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

interface Citation {
  from: string;
  doc: string;
  anchor: string | null;
}

/**
 * `docs/x.md#y` anywhere in a source file. This repository's documents have lower-case names, which
 * keeps other projects' documents out (tests quote `lifetimes`' docs/Quickstart.md).
 */
function codeCitations(path: string): Citation[] {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(/\bdocs\/([a-z][a-z0-9-]*\.md)(?:#([\w-]+))?/g)].map((m) => ({ from: relative(ROOT, path), doc: m[1], anchor: m[2] ?? null }));
}

/** Markdown links inside docs/: `(other.md#y)`, `(#y)`. */
function docLinks(path: string): Citation[] {
  const text = readFileSync(path, 'utf8');
  const name = relative(DOCS, path);
  return [...text.matchAll(/\]\((?!https?:)([\w-]+\.md)?(?:#([\w-]+))?\)/g)].map((m) => ({ from: relative(ROOT, path), doc: m[1] ?? name, anchor: m[2] ?? null }));
}

describe('citations of docs/', () => {
  const anchors = new Map(files(DOCS, /\.md$/).map((p) => [relative(DOCS, p), headingAnchors(readFileSync(p, 'utf8'))]));
  const sources = [
    ...files(join(ROOT, 'src'), /\.(ts|svelte)$/),
    ...files(join(ROOT, 'tests'), /\.ts$/),
    ...files(join(ROOT, 'bench'), /\.ts$/),
    join(ROOT, 'README.md'),
  ].filter((p) => p !== __filename);
  const citations = [...sources.flatMap(codeCitations), ...files(DOCS, /\.md$/).flatMap(docLinks)];

  it('finds the citations (the scan is not looking in the wrong place)', () => {
    expect(anchors.get('model.md')?.has('cell-formulas')).toBe(true);
    expect(citations.filter((c) => c.from.startsWith('src')).length).toBeGreaterThan(40);
  });

  it('every cited document and section exists', () => {
    const broken = citations
      .filter((c) => !anchors.has(c.doc) || (c.anchor !== null && !anchors.get(c.doc)?.has(c.anchor)))
      .map((c) => `${c.from}: docs/${c.doc}${c.anchor ? `#${c.anchor}` : ''}`);
    expect(broken).toEqual([]);
  });

  it('no comment cites a document that is not in the repository', () => {
    const stale = sources.filter((p) => /\bSPEC §/.test(readFileSync(p, 'utf8'))).map((p) => relative(ROOT, p));
    expect(stale).toEqual([]);
  });

  it('anchors follow GitHub: punctuation dropped, spaces to hyphens, repeats numbered', () => {
    expect([...headingAnchors('# Money and rounding\n## BG/NBD\n## Customer summary CSV and its SQL\n```\n# not a heading\n```\n## Money and rounding\n')]).toEqual([
      'money-and-rounding',
      'bgnbd',
      'customer-summary-csv-and-its-sql',
      'money-and-rounding-1',
    ]);
  });
});
