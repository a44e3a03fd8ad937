import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import type { Plan } from '../../../src/engine/types';
import { PlannerDb } from '../../../src/persistence/db';
import { PlanRepo } from '../../../src/persistence/planRepo';
import { SnapshotRepo, newSnapshot, writeSnapshot } from '../../../src/persistence/snapshots';

/**
 * Case 10: no await of anything but IndexedDB inside a Dexie transaction. IndexedDB commits a
 * transaction as soon as no request of it is pending when the event loop turns; a timer, a worker
 * call or a fetch awaited in the middle lets it commit early, and what follows fails (or what came
 * before is committed alone).
 *
 * Two checks. A static one reads the source: every `transaction(...)` call's scope function may
 * await only calls on the database's tables (`db.<table>…`, `this.db.<table>…`, `this.#db.<table>…`)
 * or functions declared in the same file or in src/persistence that obey the same rule (checked
 * recursively), and may not mention
 * timers, fetch, workers, dynamic imports or WebCrypto at all. An expression-bodied arrow counts as
 * awaiting its expression. It is a heuristic over text, not a type-aware analysis: it is strict on
 * purpose (Promise.all over table calls would be flagged, and should then be allowed here by hand).
 * A runtime check runs every repository method against fake-indexeddb, where an early commit makes
 * Dexie reject (TransactionInactiveError or PrematureCommitError), and watches for timers started
 * while a transaction is current.
 */

const SRC = fileURLToPath(new URL('../../../src/', import.meta.url));
const SCANNED = ['persistence', 'state', 'files', 'ui', 'workers'];
/** The tables of the app's schema, every version included (Dexie knows them before opening). */
const TABLES = new PlannerDb('schema-only').tables.map((t) => t.name);
const DB_CALL = new RegExp(`^(?:this\\.#?db|db)\\.(?:${TABLES.join('|')})\\b`);
const FORBIDDEN = /\bsetTimeout\b|\bsetInterval\b|\brequestAnimationFrame\b|\bfetch\s*\(|\bpostMessage\b|\bimport\s*\(|crypto\.subtle|\bengine\b|\bnew\s+Promise\b|\bnavigator\./;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte)$/.test(f) ? [path] : [];
  });
}

/**
 * The text with comments, string contents and regular expression literals blanked (same length, line
 * breaks kept), so that brackets and words inside them do not count. Code inside a template literal's
 * `${}` is blanked too, which is fine for finding transaction scopes.
 */
function code(text: string): string {
  const out = [...text];
  const blank = (from: number, to: number): void => {
    for (let k = from; k < to && k < out.length; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && /^$|[(,=:[!&|?{};+\-*%<>~^]$/.test(text.slice(0, i).trimEnd().slice(-1))) {
      // A regular expression literal: up to its closing slash, not one inside [...].
      let j = i + 1;
      let inClass = false;
      while (j < text.length && text[j] !== '\n' && (inClass || text[j] !== '/')) {
        if (text[j] === '\\') j++;
        else if (text[j] === '[') inClass = true;
        else if (text[j] === ']') inClass = false;
        j++;
      }
      blank(i + 1, j);
      i = j + 1;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      blank(i + 1, j);
      i = j + 1;
    } else {
      i++;
    }
  }
  return out.join('');
}

/** Index of the bracket closing the one at `open`. */
function closing(text: string, open: number): number {
  const pairs: Record<string, string> = { '(': ')', '{': '}', '[': ']' };
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (pairs[c]) stack.push(pairs[c]);
    else if (c === ')' || c === '}' || c === ']') {
      if (stack.pop() !== c) throw new Error(`unbalanced ${c} at ${i}`);
      if (stack.length === 0) return i;
    }
  }
  throw new Error(`no closing bracket for ${open}`);
}

/** Splits an argument list at its top-level commas. */
function topLevelArgs(args: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < args.length; i++) {
    const c = args[i];
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      out.push(args.slice(start, i));
      start = i + 1;
    }
  }
  out.push(args.slice(start));
  return out.map((a) => a.trim()).filter((a) => a !== '');
}

interface Scope {
  /** The function's body, or for an expression-bodied arrow the expression (implicitly awaited). */
  body: string;
  expression: boolean;
}

/** The scope function passed as the last argument, if it is an inline function. */
function scopeOf(arg: string): Scope | null {
  const arrow = /^(?:async\s*)?(?:\([^)]*\)|\w+)\s*=>\s*/.exec(arg);
  if (arrow) {
    const rest = arg.slice(arrow[0].length);
    return rest.startsWith('{') ? { body: rest.slice(1, closing(rest, 0)), expression: false } : { body: rest, expression: true };
  }
  const fn = /^(?:async\s+)?function\s*\w*\s*\([^)]*\)\s*\{/.exec(arg);
  if (fn) return { body: arg.slice(fn[0].length, closing(arg, fn[0].length - 1)), expression: false };
  return null;
}

/** Functions declared in the file (`function name(…) {…}`, `async function …`), by name. */
function declaredFunctions(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of text.matchAll(/\b(?:async\s+)?function\s+(\w+)\s*(?:<[^>]*>)?\s*\(/g)) {
    const paramsOpen = (m.index ?? 0) + m[0].length - 1;
    const bodyOpen = text.indexOf('{', closing(text, paramsOpen));
    found.set(m[1], text.slice(bodyOpen + 1, closing(text, bodyOpen)));
  }
  return found;
}

/** Where the expression of each `await` starts, plus the whole expression of an expression body. */
function awaitedExpressions(scope: Scope): string[] {
  const out = [...scope.body.matchAll(/\bawait\s+/g)].map((m) => scope.body.slice((m.index ?? 0) + m[0].length).trimStart());
  if (scope.expression) out.push(scope.body.trim());
  return out.map((e) => e.replace(/^\(+/, ''));
}

/** Problems in one transaction scope (or helper), following same-file helpers it awaits. */
function checkScope(scope: Scope, helpers: Map<string, string>, seen = new Set<string>()): string[] {
  const problems: string[] = [];
  const forbidden = FORBIDDEN.exec(scope.body);
  if (forbidden) problems.push(`uses ${forbidden[0].trim()}`);
  for (const expr of awaitedExpressions(scope)) {
    if (DB_CALL.test(expr)) continue;
    const call = /^(\w+)\s*\(/.exec(expr);
    const helper = call ? helpers.get(call[1]) : undefined;
    if (call && helper !== undefined) {
      if (seen.has(call[1])) continue;
      seen.add(call[1]);
      // A helper's returned expression is what the caller awaits.
      const returned = [...helper.matchAll(/\breturn\s+/g)].map((m) => helper.slice((m.index ?? 0) + m[0].length));
      problems.push(...checkScope({ body: helper, expression: false }, helpers, seen).map((p) => `${call[1]}: ${p}`));
      for (const r of returned) {
        const head = r.replace(/^\(+/, '');
        if (!DB_CALL.test(head) && !/^[\w.]+\s*\(/.test(head) && !/^(?:null|undefined|true|false|\d|\[|\{|[\w.]+\s*[;\n])/.test(head)) {
          problems.push(`${call[1]}: returns ${head.slice(0, 40).split('\n')[0]}`);
        }
      }
      continue;
    }
    problems.push(`awaits ${expr.slice(0, 60).split('\n')[0]}`);
  }
  return problems;
}

interface Found {
  where: string;
  problems: string[];
}

/** The script of a Svelte component (its markup is not code), or a TypeScript file as it is. */
function scriptOf(text: string, file: string): string {
  if (!file.endsWith('.svelte')) return text;
  return [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
}

/** Every `transaction(` call with an inline scope function in `text`, and what is wrong with it. */
function checkTransactions(text: string, where: string, shared = new Map<string, string>()): Found[] {
  if (!/\.transaction\s*\(/.test(text)) return [];
  const clean = code(scriptOf(text, where));
  const helpers = new Map([...shared, ...declaredFunctions(clean)]);
  const found: Found[] = [];
  for (const m of clean.matchAll(/\.transaction\s*\(/g)) {
    const open = (m.index ?? 0) + m[0].length - 1;
    const args = topLevelArgs(clean.slice(open + 1, closing(clean, open)));
    const scope = scopeOf(args.at(-1) ?? '');
    if (!scope) continue;
    const line = clean.slice(0, m.index).split('\n').length;
    found.push({ where: `${where}:${line}`, problems: checkScope(scope, helpers) });
  }
  return found;
}

describe('case 10: nothing but IndexedDB is awaited inside a Dexie transaction', () => {
  it('case 10: the static check flags what it must (self-test on examples)', () => {
    const bad = `
      async function slowHelper(db) { await new Promise((r) => setTimeout(r, 10)); return db.plans.get('x'); }
      async function dbHelper(db) { await db.plans.get('x'); return db.history.get('x'); }
      class Repo {
        a() { return this.db.transaction('rw', this.db.plans, async () => { const r = await this.engine.compute(p); await this.db.plans.put(r); }); }
        b() { return this.db.transaction('rw', this.db.plans, async () => { await fetch('/x'); }); }
        c() { return db.transaction('rw', db.plans, () => slowHelper(db)); }
        d() { return db.transaction('r', db.plans, async () => { await Promise.all([db.plans.get('a')]); }); }
        e() { return db.transaction('rw', db.plans, async () => { await db.plans.get('a'); await dbHelper(db); /* setTimeout in a comment */ const s = 'fetch(';  }); }
      }`;
    const found = checkTransactions(bad, 'example');
    expect(found.map((f) => f.problems.length > 0)).toEqual([true, true, true, true, false]);
    expect(found[0].problems.some((p) => p.startsWith('awaits this.engine.compute(p)'))).toBe(true);
    expect(found[1].problems).toContain('uses fetch(');
    expect(found[2].problems.some((p) => p.startsWith('slowHelper: uses'))).toBe(true);
    expect(found[3].problems.some((p) => p.startsWith('awaits Promise.all('))).toBe(true);
  });

  it('case 10: every transaction in the storage, state and UI code awaits only IndexedDB', () => {
    // Helpers of the storage layer may be imported by any file (writeSnapshot into PlanRepo).
    const shared = new Map<string, string>();
    for (const file of sourceFiles(join(SRC, 'persistence'))) for (const [name, body] of declaredFunctions(code(readFileSync(file, 'utf8')))) shared.set(name, body);
    expect([...shared.keys()]).toContain('writeSnapshot');
    const all: Found[] = [];
    for (const dir of SCANNED) {
      for (const file of sourceFiles(join(SRC, dir))) all.push(...checkTransactions(readFileSync(file, 'utf8'), relative(SRC, file), shared));
    }
    expect(TABLES).toEqual(expect.arrayContaining(['plans', 'history', 'settings', 'snapshots', 'snapshotPlans']));
    // The scan really finds the app's transactions (PlanRepo and SnapshotRepo alone have 13).
    expect(all.filter((f) => f.where.startsWith('persistence/')).length).toBeGreaterThanOrEqual(13);
    expect(all.filter((f) => f.problems.length > 0)).toEqual([]);
  });
});

/** Timers started while a Dexie transaction is current: a sign of a non-IndexedDB await inside one. */
function watchTimers(): { started: string[]; stop: () => void } {
  const started: string[] = [];
  const original = globalThis.setTimeout;
  const patched = ((handler: TimerHandler, timeout?: number, ...rest: unknown[]) => {
    if (Dexie.currentTransaction) started.push(new Error('timer in a transaction').stack ?? '');
    return original(handler as () => void, timeout, ...rest);
  }) as typeof setTimeout;
  globalThis.setTimeout = patched;
  return { started, stop: () => (globalThis.setTimeout = original) };
}

describe('case 10: every repository method completes inside its transaction (fake-indexeddb)', () => {
  let db: PlannerDb;
  let n = 0;
  const plan = (id: string, seed = 4): Plan => ({ ...generateSyntheticPlan({ channels: 3, periods: 12, seed }), id, name: `Plan ${id}`, updatedAt: 10 });

  beforeEach(async () => {
    db = new PlannerDb(`tx-awaits-${++n}`);
    await db.open();
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  it('case 10: the runtime check detects an early commit (control)', async () => {
    // Long enough that fake-indexeddb has committed whatever the machine's load (a 0 ms timer raced it).
    const timer = () => new Promise((resolve) => setTimeout(resolve, 30));
    await expect(
      db.transaction('rw', db.plans, db.settings, async () => {
        await db.plans.get('x');
        await timer();
        await db.settings.put({ key: 'k', value: 1 });
      }),
    ).rejects.toMatchObject({ name: 'TransactionInactiveError' });
    await expect(
      db.transaction('rw', db.settings, async () => {
        await db.settings.put({ key: 'k', value: 1 });
        await timer();
      }),
    ).rejects.toMatchObject({ name: 'PrematureCommitError' });
    const timers = watchTimers();
    try {
      await db.transaction('rw', db.settings, async () => {
        await db.settings.get('k');
        setTimeout(() => undefined, 0);
      });
    } finally {
      timers.stop();
    }
    expect(timers.started).toHaveLength(1);
  });

  it('case 10: every PlanRepo and SnapshotRepo method, and writeSnapshot inside a caller’s transaction', async () => {
    const timers = watchTimers();
    try {
      const plans = new PlanRepo(db);
      const snapshots = new SnapshotRepo(db);
      const a = plan('a');
      await plans.create(a);
      await plans.create(plan('b', 5));
      expect((await plans.list()).map((p) => p.id).sort()).toEqual(['a', 'b']);
      const loaded = await plans.load('a');
      expect(loaded?.rev).toBe(0);
      const edit = { label: 'Name', ops: [{ path: ['name'], value: 'A2' }], inverse: [{ path: ['name'], value: 'Plan a' }] };
      const saved = await plans.save({ ...a, name: 'A2' }, [edit], [], { baseRev: 0, pending: edit.ops });
      expect(saved).toMatchObject({ rev: 1, rebased: false });
      // A save built on an old revision is rebased inside the same transaction.
      const rebased = await plans.save({ ...a, notes: 'mine' }, [], [], { baseRev: 0, pending: [{ path: ['notes'], value: 'mine' }] });
      expect(rebased.rebased).toBe(true);
      expect(rebased.plan).toMatchObject({ name: 'A2', notes: 'mine' });
      expect((await plans.current('a'))?.rev).toBe(2);
      await plans.rename('a', 'Renamed', 20);
      const copy = await plans.duplicate('a', 'c', 'Copy', 21);
      expect(copy.name).toBe('Copy');
      await plans.remove('c', 22);
      await plans.restore('c');
      await plans.remove('b', 1);
      expect(await plans.purgeDeleted(Date.now() + 365 * 24 * 3600_000)).toBe(1);
      await plans.replaceWithSnapshot({ ...plan('a', 6), name: 'Replaced' }, 'beforeReplace');
      await plans.setSetting('lastExport', { a: 1 });
      expect(await plans.getSetting('lastExport')).toEqual({ a: 1 });

      const manual = await snapshots.create(a, 'manual', 'By hand');
      for (let i = 0; i < 3; i++) await snapshots.create(a, 'beforeImport');
      expect(await snapshots.list('a')).toHaveLength(5);
      expect((await snapshots.get(manual.id))?.plan).toEqual(a);
      await snapshots.rename(manual.id, 'Renamed snapshot');
      const record = await snapshots.get(manual.id);
      await snapshots.delete(manual.id);
      await snapshots.putBack(record!);
      expect((await snapshots.get(manual.id))?.name).toBe('Renamed snapshot');
      await snapshots.create(plan('gone'), 'manual');
      expect(await snapshots.removeOrphans()).toBe(1);
      const lists: number[] = [];
      const stop = snapshots.watch('a', (l) => lists.push(l.length), (e) => {
        throw e;
      });
      await expect.poll(() => lists.length).toBeGreaterThan(0);
      stop();

      // writeSnapshot is written to run inside a caller's transaction over more stores.
      await db.transaction('rw', [db.plans, db.snapshots, db.snapshotPlans], async () => {
        const stored = await db.plans.get('a');
        await writeSnapshot(db, newSnapshot(stored!.plan, 'beforeMerge', '', 99));
        await db.plans.put({ ...stored!, name: 'After merge' });
      });
      expect((await snapshots.list('a')).some((s) => s.kind === 'beforeMerge')).toBe(true);
      expect((await db.plans.get('a'))?.name).toBe('After merge');
    } finally {
      timers.stop();
    }
    expect(timers.started).toEqual([]);
  });
});
