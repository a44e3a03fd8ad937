import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migratePlan, parsePlanFile, type MigrationStep } from '../../../src/engine/planFile';
import { edit, readFixture } from './helpers';

/** A file of version 1, the start of the test-only history below. */
const v1File = (): string => readFixture('v1-beauty.cmplan.json');

type Json = Record<string, unknown>;

/** Deep-frozen, so a step that changed its input instead of returning a new value would throw. */
function frozen<T>(x: T): T {
  if (x !== null && typeof x === 'object') {
    for (const v of Object.values(x)) frozen(v);
    Object.freeze(x);
  }
  return x;
}

/**
 * Test-only history of the format: version 2 renamed `notes` to `assumptions`, version 3 renamed it
 * back and added a line. Each step records that it ran.
 */
function testSteps(log: string[]): MigrationStep[] {
  return [
    {
      from: 1,
      to: 2,
      migrate(plan) {
        log.push('1→2');
        const { notes, ...rest } = plan as Json;
        return { ...rest, assumptions: notes };
      },
    },
    {
      from: 2,
      to: 3,
      migrate(plan) {
        log.push('2→3');
        const { assumptions, ...rest } = plan as Json;
        return { ...rest, notes: `${String(assumptions)}\n(migrated)` };
      },
    },
  ];
}

describe('migratePlan', () => {
  it('case 19: every step so far keeps an older plan as it is (they only added role targets, then actuals, then regional values and policies, then decisions beyond the budget split, then lineage)', () => {
    expect(MIGRATIONS.map((m) => [m.from, m.to])).toEqual([
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 5],
      [5, 6],
    ]);
    expect(MIGRATIONS.every((m) => m.keepsPaths)).toBe(true);
    const plan = frozen({ a: 1, scenarios: [{ adjustments: [{ target: { kind: 'type', type: 'o2o' } }] }] });
    expect(migratePlan(plan, 1)).toEqual({ ok: true, plan, applied: 5 });
    expect(migratePlan({ a: 1 }, 2)).toEqual({ ok: true, plan: { a: 1 }, applied: 4 });
    expect(migratePlan({ a: 1 }, 3)).toEqual({ ok: true, plan: { a: 1 }, applied: 3 });
    expect(migratePlan({ a: 1 }, 4)).toEqual({ ok: true, plan: { a: 1 }, applied: 2 });
    expect(migratePlan({ a: 1 }, 5)).toEqual({ ok: true, plan: { a: 1 }, applied: 1 });
    expect(migratePlan({ a: 1 }, 6)).toEqual({ ok: true, plan: { a: 1 }, applied: 0 });
  });

  it('case 19: applies the steps in order, each to the result of the one before, without changing its input', () => {
    const log: string[] = [];
    const input = frozen({ notes: 'n', name: 'p' });
    const result = migratePlan(input, 1, testSteps(log), 3);
    expect(log).toEqual(['1→2', '2→3']);
    expect(result).toEqual({ ok: true, plan: { name: 'p', notes: 'n\n(migrated)' }, applied: 2 });
    expect(input).toEqual({ notes: 'n', name: 'p' });
  });

  it('case 19: starts at the version of the file', () => {
    const log: string[] = [];
    expect(migratePlan({ assumptions: 'a' }, 2, testSteps(log), 3)).toEqual({ ok: true, plan: { notes: 'a\n(migrated)' }, applied: 1 });
    expect(log).toEqual(['2→3']);
  });

  it('finds steps by number, whatever their order in the list', () => {
    const log: string[] = [];
    const steps = testSteps(log).reverse();
    expect(migratePlan({ notes: 'n' }, 1, steps, 3).ok).toBe(true);
    expect(log).toEqual(['1→2', '2→3']);
  });

  it('reports a gap in the chain as a problem', () => {
    const steps = testSteps([]);
    const gap: MigrationStep[] = [steps[0], { from: 3, to: 4, migrate: (p) => p }];
    expect(migratePlan({ notes: 'n' }, 1, gap, 4)).toEqual({
      ok: false,
      problem: { code: 'migrationMissing', path: ['formatVersion'], params: { from: 2, to: 3 } },
    });
    // A step that skips a version does not fill the gap.
    expect(migratePlan({}, 1, [{ from: 1, to: 3, migrate: (p) => p }], 3)).toMatchObject({ ok: false, problem: { code: 'migrationMissing' } });
  });

  it('turns a step that throws into a problem, not a crash', () => {
    const steps: MigrationStep[] = [
      ...testSteps([]).slice(0, 1),
      {
        from: 2,
        to: 3,
        migrate() {
          throw new TypeError('cannot read properties of undefined');
        },
      },
    ];
    expect(migratePlan({ notes: 'n' }, 1, steps, 3)).toEqual({
      ok: false,
      problem: { code: 'migrationFailed', path: ['formatVersion'], params: { from: 2, to: 3 } },
    });
  });
});

describe('parsePlanFile with migrations', () => {
  it('case 19: migrates an older file step by step in memory, then checks it against today’s schema', () => {
    const log: string[] = [];
    const text = v1File();
    const result = parsePlanFile(text, { migrations: testSteps(log), currentVersion: 3 });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(log).toEqual(['1→2', '2→3']);
    expect(result.source.formatVersion).toBe(1);
    expect(result.plan.notes.endsWith('\n(migrated)')).toBe(true);
    // The source text is a string and cannot change; reading it again without the steps still works.
    expect(parsePlanFile(text).ok).toBe(true);
  });

  it('case 19: a step that returns something malformed is caught by the schema after it', () => {
    const steps: MigrationStep[] = [{ from: 1, to: 2, migrate: (p) => ({ ...(p as Json), channels: 'none' }) }];
    const result = parsePlanFile(v1File(), { migrations: steps, currentVersion: 2 });
    expect(result).toEqual({
      ok: false,
      problems: [{ code: 'wrongType', path: ['plan', 'channels'], params: { expected: 'array', found: 'string' } }],
    });
  });

  it('case 19: steps see plain data without prototype keys', () => {
    let seen: unknown;
    const steps: MigrationStep[] = [{ from: 1, to: 2, migrate: (p) => ((seen = p), p) }];
    const text = v1File().replace('"budgetBounds": [', '"__proto__": { "polluted": 1 },\n    "budgetBounds": [');
    expect(parsePlanFile(text, { migrations: steps, currentVersion: 2 }).ok).toBe(true);
    expect(Object.keys(seen as Json)).not.toContain('__proto__');
    expect(Object.getPrototypeOf(seen)).toBe(Object.prototype);
  });

  it('a gap or a failing step refuses the file with the problem and nothing else', () => {
    const failing: MigrationStep[] = [
      {
        from: 1,
        to: 2,
        migrate() {
          throw new Error('boom');
        },
      },
    ];
    expect(parsePlanFile(v1File(), { migrations: failing, currentVersion: 2 })).toEqual({
      ok: false,
      problems: [{ code: 'migrationFailed', path: ['formatVersion'], params: { from: 1, to: 2 } }],
    });
    expect(parsePlanFile(v1File(), { migrations: [], currentVersion: 2 })).toEqual({
      ok: false,
      problems: [{ code: 'migrationMissing', path: ['formatVersion'], params: { from: 1, to: 2 } }],
    });
  });

  it('case 18: a version beyond the chain is refused as newer, naming the version supported', () => {
    const text = edit(v1File(), (f) => (f.formatVersion = 4));
    expect(parsePlanFile(text, { migrations: testSteps([]), currentVersion: 3 })).toEqual({
      ok: false,
      problems: [{ code: 'newerVersion', path: ['formatVersion'], params: { found: 4, supported: 3 } }],
    });
  });
});
