import type { Op } from '../engine/patch';
import type { Adjustment, AdjustmentOp, Plan, Scenario, SliderSpec } from '../engine/types';
import { newId } from './ids';

/** Plan edits for scenarios, as ops (one undo step each). Scenarios live in `plan.scenarios`. */

export function scenarioIndex(plan: Plan, id: string): number {
  return (plan.scenarios ?? []).findIndex((s) => s.id === id);
}

export function createScenarioOps(plan: Plan, name: string, parentId: string | null): { ops: Op[]; id: string } {
  const list = plan.scenarios ?? [];
  const scenario: Scenario = { id: newId('sc'), name, parentId, adjustments: [], notes: '' };
  return { ops: [{ path: ['scenarios'], value: [...list, scenario] }], id: scenario.id };
}

export function duplicateScenarioOps(plan: Plan, id: string, name: string): { ops: Op[]; id: string } {
  const list = plan.scenarios ?? [];
  const src = list.find((s) => s.id === id);
  if (!src) return { ops: [], id };
  const copy: Scenario = { ...src, id: newId('sc'), name, adjustments: src.adjustments.map((a) => ({ ...a, id: newId('adj') })) };
  const i = list.indexOf(src);
  return { ops: [{ path: ['scenarios'], value: [...list.slice(0, i + 1), copy, ...list.slice(i + 1)] }], id: copy.id };
}

/** Deleting a scenario re-attaches the scenarios built on it to its parent, so none is orphaned. */
export function deleteScenarioOps(plan: Plan, id: string): Op[] {
  const list = plan.scenarios ?? [];
  const gone = list.find((s) => s.id === id);
  if (!gone) return [];
  const next = list.filter((s) => s.id !== id).map((s) => (s.parentId === id ? { ...s, parentId: gone.parentId } : s));
  return [{ path: ['scenarios'], value: next }];
}

export function moveScenarioOps(plan: Plan, id: string, delta: -1 | 1): Op[] {
  const list = [...(plan.scenarios ?? [])];
  const i = list.findIndex((s) => s.id === id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= list.length) return [];
  [list[i], list[j]] = [list[j], list[i]];
  return [{ path: ['scenarios'], value: list }];
}

/** The number an adjustment's slider drives. */
export function opNumber(op: AdjustmentOp): number {
  switch (op.kind) {
    case 'set':
    case 'add':
      return op.value;
    case 'scale':
      return op.percent;
    case 'move':
      return op.amount;
  }
}

export function withOpNumber(op: AdjustmentOp, n: number): AdjustmentOp {
  switch (op.kind) {
    case 'set':
    case 'add':
      return { ...op, value: n };
    case 'scale':
      return { ...op, percent: n };
    case 'move':
      return { ...op, amount: n };
  }
}

/** Where an adjustment's number lives, for slider edits. */
export function opNumberPath(si: number, ai: number, op: AdjustmentOp): (string | number)[] {
  const field = op.kind === 'scale' ? 'percent' : op.kind === 'move' ? 'amount' : 'value';
  return ['scenarios', si, 'adjustments', ai, 'op', field];
}

/** Sensible slider bounds for an adjustment as it stands. */
export function defaultSlider(adj: Adjustment): SliderSpec {
  const n = opNumber(adj.op);
  if (adj.op.kind === 'scale') return { min: -100, max: Math.max(200, Math.ceil(n / 50) * 50 + 100), step: 1 };
  if (adj.op.kind === 'move') return { min: 0, max: Math.max(1, Math.abs(n) * 2), step: Math.max(1, Math.round(Math.abs(n) / 100)) };
  const rate = adj.driver !== 'spend' && adj.driver !== 'aov' && adj.driver !== 'fixedCost' && adj.driver !== 'baseTraffic';
  if (rate) return adj.op.kind === 'add' ? { min: -0.5, max: 0.5, step: 0.001 } : { min: 0, max: 1, step: 0.001 };
  const span = Math.max(1, Math.abs(n) * 2);
  return { min: adj.op.kind === 'add' ? -span : 0, max: span, step: Math.max(1, Math.round(span / 200)) };
}

export function newAdjustment(plan: Plan): Adjustment {
  const first = plan.channels[0];
  return {
    id: newId('adj'),
    target: first ? { kind: 'channels', ids: [first.id] } : { kind: 'all' },
    driver: 'spend',
    op: { kind: 'scale', percent: 10 },
    enabled: true,
  };
}
