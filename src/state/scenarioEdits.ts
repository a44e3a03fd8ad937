import { isDriverKey } from '../engine/metrics';
import { itemAt } from '../engine/itemKey';
import type { Op } from '../engine/patch';
import type { Adjustment, AdjustmentOp, DriverKey, Plan, Scenario, SliderSpec } from '../engine/types';
import { newId } from './ids';

/** Plan edits for scenarios, as ops (one undo step each). Scenarios live in `plan.scenarios`. */

export function scenarioIndex(plan: Plan, id: string): number {
  return plan.scenarios.findIndex((s) => s.id === id);
}

export function createScenarioOps(plan: Plan, name: string, parentId: string | null): { ops: Op[]; id: string } {
  const list = plan.scenarios;
  const scenario: Scenario = { id: newId('sc'), name, parentId, adjustments: [], notes: '' };
  return { ops: [{ path: ['scenarios'], value: [...list, scenario] }], id: scenario.id };
}

export function duplicateScenarioOps(plan: Plan, id: string, name: string): { ops: Op[]; id: string } {
  const list = plan.scenarios;
  const src = list.find((s) => s.id === id);
  if (!src) return { ops: [], id };
  const copy: Scenario = { ...src, id: newId('sc'), name, adjustments: src.adjustments.map((a) => ({ ...a, id: newId('adj') })) };
  const i = list.indexOf(src);
  return { ops: [{ path: ['scenarios'], value: [...list.slice(0, i + 1), copy, ...list.slice(i + 1)] }], id: copy.id };
}

/** Deleting a scenario re-attaches the scenarios built on it to its parent, so none is orphaned. */
export function deleteScenarioOps(plan: Plan, id: string): Op[] {
  const list = plan.scenarios;
  const gone = list.find((s) => s.id === id);
  if (!gone) return [];
  const next = list.filter((s) => s.id !== id).map((s) => (s.parentId === id ? { ...s, parentId: gone.parentId } : s));
  return [{ path: ['scenarios'], value: next }];
}

export function moveScenarioOps(plan: Plan, id: string, delta: -1 | 1): Op[] {
  const list = [...plan.scenarios];
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

/** Ops that append adjustments to a scenario (one undo step). */
export function addAdjustmentsOps(plan: Plan, scenarioId: string, adjustments: Adjustment[]): Op[] {
  const si = scenarioIndex(plan, scenarioId);
  const sc = plan.scenarios[si];
  if (!sc || adjustments.length === 0) return [];
  return [{ path: ['scenarios', si, 'adjustments'], value: [...sc.adjustments, ...adjustments] }];
}

/** A baseline driver edit of one channel: its first-month base, or one month's typed value. */
interface DriverCellEdit {
  channelId: string;
  driver: DriverKey;
  month: string | null;
  before: number | undefined;
  after: number | undefined;
}

/** The driver cell a path names (a channel's base, or one month's typed value), by channel key or row. */
function driverCell(plan: Plan, path: Op['path']): { channelId: string; driver: DriverKey; month: string | null } | null {
  const [root, c, drivers, driver, field, month] = path;
  if (root !== 'channels' || drivers !== 'drivers' || !isDriverKey(String(driver))) return null;
  const isBase = field === 'base' && path.length === 5;
  const isOverride = field === 'overrides' && path.length === 6 && typeof month === 'string';
  if (!isBase && !isOverride) return null;
  // Views address rows by position, the session's records name channels by key.
  const channel = itemAt(plan.channels, c);
  if (!channel) return null;
  return { channelId: channel.id, driver: driver as DriverKey, month: isOverride ? (month as string) : null };
}

function driverCellEdits(plan: Plan, ops: readonly Op[], inverse: readonly Op[]): DriverCellEdit[] | null {
  const cellKey = (c: { channelId: string; driver: string; month: string | null }): string => `${c.channelId}|${c.driver}|${c.month ?? ''}`;
  const before = new Map<string, unknown>();
  for (const op of inverse) {
    const cell = driverCell(plan, op.path);
    if (cell) before.set(cellKey(cell), op.value);
  }
  const edits: DriverCellEdit[] = [];
  for (const op of ops) {
    const cell = driverCell(plan, op.path);
    if (!cell) return null;
    const old = before.get(cellKey(cell));
    edits.push({ ...cell, before: typeof old === 'number' ? old : undefined, after: typeof op.value === 'number' ? op.value : undefined });
  }
  return edits.length > 0 ? edits : null;
}

/**
 * The scenario adjustments that do what a baseline edit of driver cells did, or null when the edit
 * is not such an edit or cannot be said as adjustments. A new first-month base of a flat series (no
 * growth, seasonality or typed months) is set for the whole plan; otherwise it scales the channel's
 * whole series by new ÷ old (growth and seasonality multiply the base, so every month moves by the
 * same factor). A value typed for one month is set for that month only.
 */
export function baselineEditAsAdjustments(plan: Plan, ops: readonly Op[], inverse: readonly Op[]): Adjustment[] | null {
  const edits = driverCellEdits(plan, ops, inverse);
  if (!edits) return null;
  const out: Adjustment[] = [];
  for (const e of edits) {
    if (e.after === undefined) return null;
    const target = { kind: 'channels' as const, ids: [e.channelId] };
    if (e.month !== null) {
      out.push({ id: newId('adj'), target, driver: e.driver, from: e.month, to: e.month, op: { kind: 'set', value: e.after }, enabled: true });
      continue;
    }
    const series = plan.channels.find((c) => c.id === e.channelId)?.drivers[e.driver];
    const flat = !series?.growth && !series?.seasonality?.length && Object.keys(series?.overrides ?? {}).length === 0;
    // A flat series is the base in every month: "set to" says it as the planner typed it.
    if (flat) {
      out.push({ id: newId('adj'), target, driver: e.driver, op: { kind: 'set', value: e.after }, enabled: true });
      continue;
    }
    if (e.before === undefined || e.before === 0) return null;
    const percent = Number(((e.after / e.before - 1) * 100).toPrecision(12));
    out.push({ id: newId('adj'), target, driver: e.driver, op: { kind: 'scale', percent }, enabled: true });
  }
  return out;
}
