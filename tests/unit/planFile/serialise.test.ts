import { describe, expect, it } from 'vitest';
import { CURRENT_FORMAT_VERSION, PLAN_FILE_TYPE, PlanFileWriteError, serialisePlanFile } from '../../../src/engine/planFile';
import { createPlanFromTemplate } from '../../../src/engine/templates';
import type { Plan } from '../../../src/engine/types';
import { beautyFixturePlan } from './fixturePlans';
import { APP, fileOf } from './helpers';

/** The same value with keys sorted at every level, to compare against JSON.stringify's layout. */
function sortedDeep(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(sortedDeep);
  if (x === null || typeof x !== 'object') return x;
  return Object.fromEntries(
    Object.keys(x)
      .sort()
      .filter((k) => (x as Record<string, unknown>)[k] !== undefined)
      .map((k) => [k, sortedDeep((x as Record<string, unknown>)[k])]),
  );
}

function writeError(f: () => unknown): PlanFileWriteError {
  try {
    f();
  } catch (e) {
    if (e instanceof PlanFileWriteError) return e;
    throw e;
  }
  throw new Error('expected a PlanFileWriteError');
}

describe('serialisePlanFile', () => {
  it('writes the envelope with sorted keys, two-space indentation and a final newline', () => {
    const plan = beautyFixturePlan();
    const text = fileOf(plan);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toBe(`${JSON.stringify(sortedDeep({ type: PLAN_FILE_TYPE, formatVersion: CURRENT_FORMAT_VERSION, app: APP, plan }), null, 2)}\n`);
    expect(Object.keys(JSON.parse(text))).toEqual(['app', 'formatVersion', 'plan', 'type']);
  });

  it('does not depend on the order in which keys were set, nor on the clock', () => {
    const plan = beautyFixturePlan();
    const reordered = Object.fromEntries(Object.entries(plan).reverse()) as unknown as Plan;
    reordered.channels = plan.channels.map((c) => Object.fromEntries(Object.entries(c).reverse()) as unknown as Plan['channels'][number]);
    expect(fileOf(reordered)).toBe(fileOf(plan));
    expect(fileOf(plan)).not.toMatch(/exportedAt|savedAt/);
  });

  it('keeps array order and leaves out undefined fields', () => {
    const plan = createPlanFromTemplate('blank', { id: 'p', now: 0, locale: 'en' });
    plan.budgetBounds = [{ channelId: 'b', min: undefined, max: 5 }, { channelId: 'a' }];
    const text = fileOf(plan);
    const file = JSON.parse(text);
    expect(file.plan.budgetBounds).toEqual([{ channelId: 'b', max: 5 }, { channelId: 'a' }]);
    expect(text).not.toContain('undefined');
    expect(text).not.toMatch(/"min"/);
  });

  it('escapes every string the way JSON.parse reads it back', () => {
    const plan = createPlanFromTemplate('blank', { id: 'p', now: 0, locale: 'en' });
    plan.name = 'Q"uote\\ \n\t\u0000 \u2028 \ud800 <img src=x onerror=window.__x=1> 渠道';
    expect(JSON.parse(fileOf(plan)).plan.name).toBe(plan.name);
  });

  it.each([NaN, Infinity, -Infinity])('refuses %s rather than writing null (case 20)', (bad) => {
    const plan = beautyFixturePlan();
    plan.channels[1].drivers.conversion.base = bad;
    const e = writeError(() => serialisePlanFile(plan, APP));
    expect(e.code).toBe('notFinite');
    expect(e.path).toEqual(['plan', 'channels', 1, 'drivers', 'conversion', 'base']);
  });

  it('refuses a prototype key rather than writing one every import would drop (case 21)', () => {
    const plan = beautyFixturePlan();
    const prices = plan.evaluation?.prices;
    if (!prices) throw new Error('fixture has prices');
    Object.defineProperty(prices.reference, '__proto__', { value: 100, enumerable: true });
    const e = writeError(() => serialisePlanFile(plan, APP));
    expect(e.code).toBe('forbiddenKey');
    expect(e.path).toEqual(['plan', 'evaluation', 'prices', 'reference', '__proto__']);
  });

  it('refuses values JSON cannot carry', () => {
    const plan = beautyFixturePlan();
    (plan.channels[0].regions as unknown[]).push(undefined);
    expect(writeError(() => serialisePlanFile(plan, APP)).code).toBe('unsupportedValue');
    const withBigint = beautyFixturePlan() as unknown as Record<string, unknown>;
    withBigint.createdAt = 1n;
    expect(writeError(() => serialisePlanFile(withBigint as unknown as Plan, APP)).path).toEqual(['plan', 'createdAt']);
  });
});
