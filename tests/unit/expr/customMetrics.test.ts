import { describe, expect, it } from 'vitest';
import { compileCustomMetrics, type CompiledCustomMetricSet } from '../../../src/engine/expr';
import type { CustomMetric } from '../../../src/engine/types';

const BUILTINS: ReadonlySet<string> = new Set(['spend', 'orders', 'contribution', 'netRevenue', 'grossProfit', 'roi']);

let nextId = 0;
function metric(name: string, formula: string): CustomMetric {
  nextId++;
  return { id: `m${nextId}`, name, formula, format: 'number' };
}

function compile(metrics: readonly CustomMetric[]): CompiledCustomMetricSet {
  return compileCustomMetrics(metrics, BUILTINS);
}

const orderedNames = (set: CompiledCustomMetricSet): string[] => set.ordered.map((m) => m.metric.name);
const problemOf = (set: CompiledCustomMetricSet, m: CustomMetric) => set.problems.find((p) => p.metricId === m.id)?.error;

describe('compileCustomMetrics: healthy sets', () => {
  it('compiles independent metrics in input order', () => {
    const set = compile([metric('perOrder', 'contribution / orders'), metric('boosted', 'if(roi > 0.2, spend * 1.1, spend)')]);
    expect(set.problems).toEqual([]);
    expect(orderedNames(set)).toEqual(['perOrder', 'boosted']);
    expect(set.ordered[0]?.expr.evaluate((n) => (n === 'contribution' ? 100 : 4))).toEqual({ ok: true, value: 25 });
  });

  it('puts each metric after the custom metrics it uses', () => {
    const c = metric('c', 'b + a');
    const b = metric('b', 'a * 2');
    const a = metric('a', 'spend + 1');
    const d = metric('d', 'spend');
    const set = compile([c, d, b, a]);
    expect(set.problems).toEqual([]);
    const order = orderedNames(set);
    expect(order).toHaveLength(4);
    expect(order.indexOf('a')).toBeLessThan(order.indexOf('b'));
    expect(order.indexOf('b')).toBeLessThan(order.indexOf('c'));
    expect(order).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps metrics that are already in order in input order', () => {
    const set = compile([metric('x', 'spend'), metric('y', 'x + 1'), metric('z', 'orders')]);
    expect(orderedNames(set)).toEqual(['x', 'y', 'z']);
  });

  it('lets dependent metrics be evaluated in order', () => {
    const set = compile([metric('毛利率', '毛利 / netRevenue'), metric('毛利', 'grossProfit - spend')]);
    expect(set.problems).toEqual([]);
    expect(orderedNames(set)).toEqual(['毛利', '毛利率']);
    const values = new Map<string, number>([
      ['grossProfit', 500],
      ['spend', 100],
      ['netRevenue', 1000],
    ]);
    for (const { metric: m, expr } of set.ordered) {
      const r = expr.evaluate((n) => values.get(n) ?? null);
      if (r.ok) values.set(m.name, r.value);
    }
    expect(values.get('毛利率')).toBeCloseTo(0.4, 12);
  });

  it('accepts an empty list', () => {
    expect(compile([])).toEqual({ ordered: [], problems: [] });
  });
});

describe('compileCustomMetrics: names', () => {
  it.each(['', '1st', 'a b', 'a-b', 'x+y', ' a', '利润１', 'a.b'])('rejects the invalid name %j', (name) => {
    const m = metric(name, '1');
    const set = compile([m]);
    expect(set.ordered).toEqual([]);
    expect(problemOf(set, m)?.code).toBe('invalidName');
    expect(problemOf(set, m)?.params).toEqual({ name });
  });

  it('rejects builtin names', () => {
    const m = metric('spend', '1');
    const set = compile([m]);
    expect(problemOf(set, m)?.code).toBe('reservedName');
    expect(problemOf(set, m)?.params).toEqual({ name: 'spend', reservedBy: 'builtin' });
  });

  it('rejects function names in any case', () => {
    for (const name of ['if', 'MAX', 'Min', 'abs']) {
      const m = metric(name, '1');
      expect(problemOf(compile([m]), m)).toMatchObject({ code: 'reservedName', params: { name, reservedBy: 'function' } });
    }
  });

  it('rejects a second metric with the same name; the first keeps it', () => {
    const first = metric('share', 'spend');
    const second = metric('share', 'orders');
    const user = metric('twice', 'share * 2');
    const set = compile([first, second, user]);
    expect(problemOf(set, first)).toBeUndefined();
    expect(problemOf(set, second)).toMatchObject({ code: 'duplicateName', params: { name: 'share', otherId: first.id } });
    expect(orderedNames(set)).toEqual(['share', 'twice']);
    expect(set.ordered[0]?.metric).toBe(first);
  });

  it('is case-sensitive, like references', () => {
    expect(compile([metric('share', '1'), metric('Share', '2')]).problems).toEqual([]);
  });
});

describe('compileCustomMetrics: formula errors', () => {
  it('reports parse errors and unknown names per metric and keeps the rest', () => {
    const bad = metric('bad', '1 +');
    const typo = metric('typo', 'contributon / orders');
    const empty = metric('empty', '  ');
    const good = metric('good', 'spend * 2');
    const set = compile([bad, typo, empty, good]);
    expect(orderedNames(set)).toEqual(['good']);
    expect(problemOf(set, bad)).toMatchObject({ code: 'unexpectedEnd', position: 3 });
    expect(problemOf(set, typo)).toMatchObject({ code: 'unknownName', position: 0, params: { name: 'contributon' } });
    expect(problemOf(set, empty)?.code).toBe('empty');
    expect(set.problems.map((p) => p.metricId)).toEqual([bad.id, typo.id, empty.id]);
  });

  it('does not resolve names of metrics whose own name is invalid', () => {
    const invalid = metric('my metric', '1');
    const user = metric('user', 'my + 1');
    const set = compile([invalid, user]);
    expect(problemOf(set, user)).toMatchObject({ code: 'unknownName', params: { name: 'my' } });
  });

  it('never throws, even on malformed stored data', () => {
    const broken = { id: 'x', name: 'x', formula: undefined, format: 'number' } as unknown as CustomMetric;
    const nameless = { id: 'y', name: 42, formula: '1', format: 'number' } as unknown as CustomMetric;
    const set = compile([broken, nameless]);
    expect(set.problems.map((p) => [p.metricId, p.error.code])).toEqual([
      ['x', 'empty'],
      ['y', 'invalidName'],
    ]);
  });
});

describe('compileCustomMetrics: cycles', () => {
  it('reports a metric that uses itself', () => {
    const self = metric('self', 'spend + self');
    const set = compile([self]);
    expect(set.ordered).toEqual([]);
    expect(problemOf(set, self)).toMatchObject({ code: 'cycle', position: 8, params: { name: 'self', path: 'self → self' } });
  });

  it('reports a direct cycle on both metrics, each path starting at the metric', () => {
    const a = metric('a', 'b + 1');
    const b = metric('b', 'spend * a');
    const set = compile([a, b]);
    expect(set.ordered).toEqual([]);
    expect(problemOf(set, a)).toMatchObject({ code: 'cycle', position: 0, params: { path: 'a → b → a' } });
    expect(problemOf(set, b)).toMatchObject({ code: 'cycle', position: 8, params: { path: 'b → a → b' } });
    expect(problemOf(set, a)?.message).toBe('Circular reference at position 1: a → b → a');
  });

  it('reports an indirect cycle with the full path', () => {
    const a = metric('a', 'b');
    const b = metric('b', 'c');
    const c = metric('c', 'orders + a');
    const set = compile([a, b, c]);
    expect(problemOf(set, a)?.params.path).toBe('a → b → c → a');
    expect(problemOf(set, b)?.params.path).toBe('b → c → a → b');
    expect(problemOf(set, c)?.params.path).toBe('c → a → b → c');
  });

  it('reports the shortest cycle through each metric', () => {
    // a ↔ b and a → c → d → a share the component; a's shortest is through b.
    const a = metric('a', 'c + b');
    const b = metric('b', 'a');
    const c = metric('c', 'd');
    const d = metric('d', 'a');
    const set = compile([a, b, c, d]);
    expect(problemOf(set, a)?.params.path).toBe('a → b → a');
    expect(problemOf(set, a)?.position).toBe(4);
    expect(problemOf(set, c)?.params.path).toBe('c → d → a → c');
  });

  it('marks metrics that use a cycle, transitively, and keeps unrelated ones', () => {
    const a = metric('a', 'b');
    const b = metric('b', 'a');
    const user = metric('user', 'spend + a');
    const userOfUser = metric('userOfUser', 'user * 2');
    const free = metric('free', 'orders');
    const set = compile([userOfUser, a, b, user, free]);
    expect(orderedNames(set)).toEqual(['free']);
    expect(problemOf(set, user)).toMatchObject({
      code: 'unknownName',
      position: 8,
      params: { name: 'a', reason: 'brokenDependency' },
    });
    expect(problemOf(set, user)?.message).toMatch(/"a".*has an error/);
    expect(problemOf(set, userOfUser)).toMatchObject({ code: 'unknownName', params: { name: 'user', reason: 'brokenDependency' } });
  });

  it('marks metrics that use a metric with a broken formula', () => {
    const bad = metric('bad', 'spend /');
    const user = metric('user', 'bad + 1');
    const set = compile([user, bad]);
    expect(set.ordered).toEqual([]);
    expect(problemOf(set, bad)?.code).toBe('unexpectedEnd');
    expect(problemOf(set, user)).toMatchObject({ code: 'unknownName', params: { name: 'bad', reason: 'brokenDependency' } });
  });

  it('reports problems in input order, one per metric', () => {
    const a = metric('a', 'b');
    const b = metric('b', 'a');
    const bad = metric('1bad', '1');
    const set = compile([bad, a, b]);
    expect(set.problems.map((p) => p.metricId)).toEqual([bad.id, a.id, b.id]);
  });
});
