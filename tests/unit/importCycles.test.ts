import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * No import cycles in src/. The layer rules in eslint.config.js say which folder may import which;
 * this closes the gap they leave (two modules of one layer, or an import that goes outward and back)
 * by reading every module's imports and looking for strongly connected components. Type-only
 * imports are left out: they vanish from the built code and cannot make a module run before its
 * dependency has finished loading.
 */

const ROOT = resolve(__dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The script of a Svelte component; the whole text of a TypeScript module. */
function scriptOf(path: string, text: string): string {
  if (!path.endsWith('.svelte')) return text;
  return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
}

/** Comments out of the way, so an import quoted in a comment does not count. */
const stripComments = (text: string): string => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

/** Relative specifiers this module loads at run time (static, re-exported or dynamic). */
export function runtimeImports(code: string): string[] {
  const found: string[] = [];
  const statement = /\b(import|export)\s+(type\s+)?([\s\S]*?)\s+from\s+['"]([^'"]+)['"]/g;
  for (const m of code.matchAll(statement)) {
    if (m[2]) continue;
    const clause = m[3].trim();
    // `import { type A, type B } from` loads nothing either.
    const named = /^\{([\s\S]*)\}$/.exec(clause);
    if (named && named[1].split(',').every((part) => part.trim() === '' || /^type\s/.test(part.trim()))) continue;
    found.push(m[4]);
  }
  for (const m of code.matchAll(/\bimport\s+['"]([^'"]+)['"]/g)) found.push(m[1]);
  for (const m of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]);
  // `new URL('./x.worker.ts', import.meta.url)` starts a worker: a separate module graph, not an import.
  return found.filter((s) => s.startsWith('.'));
}

function resolveModule(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.svelte.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Tarjan's strongly connected components with more than one module, or a module importing itself. */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, indices.get(w) ?? 0));
    }
    if (low.get(v) !== indices.get(v)) return;
    const component: string[] = [];
    let w: string | undefined;
    do {
      w = stack.pop();
      if (w === undefined) break;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return found;
}

function importGraph(): { graph: Map<string, string[]>; unresolved: string[] } {
  const graph = new Map<string, string[]>();
  const unresolved: string[] = [];
  for (const file of sourceFiles(ROOT)) {
    const code = stripComments(scriptOf(file, readFileSync(file, 'utf8')));
    const targets: string[] = [];
    for (const specifier of runtimeImports(code)) {
      const target = resolveModule(file, specifier);
      if (target) targets.push(target);
      else unresolved.push(`${relative(ROOT, file)} → ${specifier}`);
    }
    graph.set(file, targets);
  }
  return { graph, unresolved };
}

describe('the import graph of src/', () => {
  it('has no cycles', () => {
    const { graph } = importGraph();
    expect(graph.size).toBeGreaterThan(100);
    expect(cycles(graph).map((c) => c.map((f) => relative(ROOT, f)))).toEqual([]);
  });

  it('resolves every relative import (so no edge is missed)', () => {
    expect(importGraph().unresolved).toEqual([]);
  });

  it('the cycle finder finds a cycle, a self-import, and skips type-only imports', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['d']],
      ['e', ['a']],
    ]);
    expect(cycles(g)).toEqual([['a', 'b', 'c'], ['d']]);
    const code = [
      "import type { A } from './a';",
      "import { type B, type C } from './b';",
      "import { type D, e } from './d';",
      "export { f } from './f';",
      "import g from './g.svelte';",
      "const h = () => import('./h');",
      "import 'dexie';",
    ].join('\n');
    expect(runtimeImports(code)).toEqual(['./d', './f', './g.svelte', './h']);
  });
});
