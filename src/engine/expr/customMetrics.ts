/**
 * Checks and compiles a plan's custom metrics as a set: names, formulas, references between
 * metrics, cycles, and the order in which to compute them.
 *
 * It reports rather than throws, because the plan is user data: one bad metric must not stop the
 * others from showing. Each metric gets at most one problem (the first one found, in the order
 * name → formula → cycle → broken dependency), which is what a form shows next to the metric.
 */

import type { CustomMetric } from '../types';
import { functionNameOf, nameReferences, type NameReference } from './ast';
import { ExprError, at } from './errors';
import { compileTree, type CompiledExpr } from './evaluate';
import { isValidIdentifier } from './names';
import { parseExpression } from './parser';

export interface CompiledCustomMetric {
  metric: CustomMetric;
  expr: CompiledExpr;
}

export interface CustomMetricProblem {
  metricId: string;
  error: ExprError;
}

export interface CompiledCustomMetricSet {
  /** Healthy metrics, each after every custom metric it uses; otherwise in input order. */
  ordered: CompiledCustomMetric[];
  /** At most one per metric, in input order. */
  problems: CustomMetricProblem[];
}

/** A metric whose name is usable, and what its formula turned into. */
interface Entry {
  readonly index: number;
  readonly metric: CustomMetric;
  expr: CompiledExpr | null;
  /** References to other custom metrics (indices), first occurrence each, in source order. */
  deps: { readonly target: number; readonly pos: number }[];
}

export function compileCustomMetrics(
  metrics: readonly CustomMetric[],
  builtinNames: ReadonlySet<string>,
): CompiledCustomMetricSet {
  const problems = new Map<number, ExprError>();
  const byName = new Map<string, Entry>();
  const entries: Entry[] = [];

  metrics.forEach((metric, index) => {
    const nameError = checkName(metric, builtinNames, byName);
    if (nameError !== null) {
      problems.set(index, nameError);
      return;
    }
    const entry: Entry = { index, metric, expr: null, deps: [] };
    byName.set(metric.name, entry);
    entries.push(entry);
  });

  // Formulas may use any builtin and any custom metric whose name is valid, even one whose own
  // formula is broken: that is reported below as a broken dependency, which is more helpful than
  // "unknown name" for a name the user can see in the list.
  const known = new Set<string>([...builtinNames, ...byName.keys()]);
  for (const entry of entries) {
    try {
      const source = typeof entry.metric.formula === 'string' ? entry.metric.formula : '';
      const tree = parseExpression(source);
      entry.expr = compileTree(source, tree, known);
      entry.deps = customDeps(nameReferences(tree), byName);
    } catch (e) {
      problems.set(entry.index, asExprError(e));
    }
  }

  for (const cycle of findCycles(entries)) problems.set(cycle.entry.index, cycle.error);

  const ordered = orderAndPropagate(entries, problems);
  const list: CustomMetricProblem[] = [...problems.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, error]) => ({ metricId: metrics[index]?.id ?? '', error }));
  return { ordered, problems: list };
}

function checkName(
  metric: CustomMetric,
  builtinNames: ReadonlySet<string>,
  taken: ReadonlyMap<string, Entry>,
): ExprError | null {
  const name: unknown = metric.name;
  if (typeof name !== 'string' || !isValidIdentifier(name)) {
    const shown = typeof name === 'string' ? name : '';
    return new ExprError(
      'invalidName',
      `Metric name "${shown}" is not valid: it must start with a letter or "_" and contain only letters, digits 0-9 and "_"`,
      -1,
      { name: shown },
    );
  }
  // A built-in's Chinese alias (builtinAliases.ts) is not reserved: a custom metric of that name,
  // which plans could define before the aliases existed, is what the name means in that plan.
  if (builtinNames.has(name)) {
    return new ExprError('reservedName', `Metric name "${name}" is already used by a built-in metric`, -1, {
      name,
      reservedBy: 'builtin',
    });
  }
  // Function names are case-insensitive, so `Max` would be read as the function too.
  if (functionNameOf(name) !== null) {
    return new ExprError('reservedName', `Metric name "${name}" is reserved for the function ${name.toLowerCase()}()`, -1, {
      name,
      reservedBy: 'function',
    });
  }
  const first = taken.get(name);
  if (first !== undefined) {
    // The first metric keeps the name, so formulas already using it keep working.
    return new ExprError('duplicateName', `Metric name "${name}" is already used by another custom metric`, -1, {
      name,
      otherId: first.metric.id,
    });
  }
  return null;
}

function customDeps(refs: readonly NameReference[], byName: ReadonlyMap<string, Entry>): Entry['deps'] {
  const deps: Entry['deps'] = [];
  for (const ref of refs) {
    const target = byName.get(ref.name);
    if (target !== undefined) deps.push({ target: target.index, pos: ref.pos });
  }
  return deps;
}

function asExprError(e: unknown): ExprError {
  if (e instanceof ExprError) return e;
  // Not reachable by design (the compiler throws only ExprError); kept so this function never throws.
  const detail = e instanceof Error ? e.message : String(e);
  return new ExprError('unexpectedToken', `Formula could not be compiled: ${detail}`, -1, { detail });
}

/**
 * Every metric on a cycle, with the shortest cycle through it, found with Tarjan's strongly
 * connected components: a component of two or more metrics, or one that uses itself, is a cycle.
 */
function findCycles(entries: readonly Entry[]): { entry: Entry; error: ExprError }[] {
  const byIndex = new Map<number, Entry>(entries.map((e) => [e.index, e]));
  const components = stronglyConnected(entries, byIndex);
  const result: { entry: Entry; error: ExprError }[] = [];
  for (const component of components) {
    const members = new Set(component.map((e) => e.index));
    const only = component[0];
    if (component.length === 1 && only !== undefined && !only.deps.some((d) => d.target === only.index)) continue;
    for (const entry of component) {
      const path = shortestCycle(entry, members, byIndex);
      const next = path[1] ?? entry;
      const pos = entry.deps.find((d) => d.target === next.index)?.pos ?? -1;
      const text = path.map((e) => e.metric.name).join(' → ');
      result.push({
        entry,
        error: new ExprError('cycle', `Circular reference ${at(pos)}: ${text}`, pos, { name: entry.metric.name, path: text }),
      });
    }
  }
  return result;
}

function stronglyConnected(entries: readonly Entry[], byIndex: ReadonlyMap<number, Entry>): Entry[][] {
  let counter = 0;
  const order = new Map<number, number>();
  const low = new Map<number, number>();
  const onStack = new Set<number>();
  const stack: Entry[] = [];
  const components: Entry[][] = [];

  // Recursion depth is at most the number of custom metrics, which a plan keeps small.
  const visit = (v: Entry): void => {
    order.set(v.index, counter);
    low.set(v.index, counter);
    counter++;
    stack.push(v);
    onStack.add(v.index);
    for (const { target } of v.deps) {
      const w = byIndex.get(target);
      if (w === undefined) continue;
      if (!order.has(w.index)) {
        visit(w);
        low.set(v.index, Math.min(low.get(v.index) ?? 0, low.get(w.index) ?? 0));
      } else if (onStack.has(w.index)) {
        low.set(v.index, Math.min(low.get(v.index) ?? 0, order.get(w.index) ?? 0));
      }
    }
    if (low.get(v.index) === order.get(v.index)) {
      const component: Entry[] = [];
      for (;;) {
        const w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w.index);
        component.push(w);
        if (w === v) break;
      }
      components.push(component);
    }
  };
  for (const e of entries) if (!order.has(e.index)) visit(e);
  return components;
}

/** Breadth-first search inside one component, so the reported path is as short as possible. */
function shortestCycle(start: Entry, members: ReadonlySet<number>, byIndex: ReadonlyMap<number, Entry>): Entry[] {
  const parent = new Map<number, Entry>();
  const queue: Entry[] = [start];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    if (v === undefined) break;
    for (const { target } of v.deps) {
      if (!members.has(target)) continue;
      const w = byIndex.get(target);
      if (w === undefined) continue;
      if (w === start) {
        const path: Entry[] = [start];
        for (let cur: Entry | undefined = v; cur !== undefined && cur !== start; cur = parent.get(cur.index)) path.splice(1, 0, cur);
        path.push(start);
        return path;
      }
      if (!parent.has(w.index)) {
        parent.set(w.index, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

/**
 * Depth-first walk in input order: each healthy metric is emitted after its dependencies, and a
 * metric using a broken one is marked broken itself. Cycles were already marked, so what remains
 * to walk is acyclic and the walk always terminates.
 */
function orderAndPropagate(entries: readonly Entry[], problems: Map<number, ExprError>): CompiledCustomMetric[] {
  const byIndex = new Map<number, Entry>(entries.map((e) => [e.index, e]));
  const done = new Set<number>();
  const ordered: CompiledCustomMetric[] = [];

  const visit = (entry: Entry): void => {
    if (done.has(entry.index)) return;
    done.add(entry.index);
    if (problems.has(entry.index)) return;
    for (const dep of entry.deps) {
      const target = byIndex.get(dep.target);
      if (target !== undefined) visit(target);
    }
    const broken = entry.deps.find((d) => problems.has(d.target));
    if (broken !== undefined) {
      const name = byIndex.get(broken.target)?.metric.name ?? '';
      problems.set(
        entry.index,
        new ExprError('unknownName', `Metric "${name}" used ${at(broken.pos)} has an error`, broken.pos, {
          name,
          reason: 'brokenDependency',
        }),
      );
      return;
    }
    if (entry.expr !== null) ordered.push({ metric: entry.metric, expr: entry.expr });
  };
  for (const entry of entries) visit(entry);
  return ordered;
}
