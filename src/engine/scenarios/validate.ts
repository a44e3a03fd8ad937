import { DRIVER_SPECS } from '../drivers';
import { engineMessage, type EngineMessage } from '../messages';
import { isDriverKey } from '../metrics';
import { matchesTarget } from '../regions/targets';
import { parseMonth } from '../timeline';
import type { Adjustment, Plan, Scenario } from '../types';
import { CHANNEL_ROLES, CHANNEL_TYPES } from '../types';
import { MAX_NAME_LENGTH, type Problem, type ProblemCode } from '../validate';

type Path = (string | number)[];
type Report = (path: Path, code: ProblemCode, params?: Problem['params']) => void;

/** A finite number, or the problem with it; returns whether the caller may check it further. */
function checkFinite(report: Report, path: Path, v: unknown): v is number {
  if (typeof v !== 'number') {
    report(path, 'required');
    return false;
  }
  if (!Number.isFinite(v)) {
    report(path, 'notFinite');
    return false;
  }
  return true;
}

function checkRange(report: Report, path: Path, v: number, min: number, max: number): void {
  if (v < min || v > max) report(path, 'outOfRange', { min, max, value: v });
}

function checkTarget(report: Report, p: Path, adj: Adjustment, channelIds: ReadonlySet<string>): void {
  const t = adj.target;
  if (!t || typeof t !== 'object') return report([...p, 'target'], 'required');
  if (t.kind === 'all') return;
  if (t.kind === 'type') {
    if (!CHANNEL_TYPES.includes(t.type)) report([...p, 'target', 'type'], 'invalidValue', { value: String(t.type) });
    return;
  }
  if (t.kind === 'role') {
    if (!CHANNEL_ROLES.includes(t.role)) report([...p, 'target', 'role'], 'invalidValue', { value: String(t.role) });
    return;
  }
  if (t.kind !== 'channels') return report([...p, 'target', 'kind'], 'invalidValue', { value: String((t as { kind: unknown }).kind) });
  if (!Array.isArray(t.ids) || t.ids.length === 0) return report([...p, 'target', 'ids'], 'required');
  t.ids.forEach((id, k) => {
    if (!channelIds.has(id)) report([...p, 'target', 'ids', k], 'unknownRef', { value: String(id) });
  });
}

function checkOp(report: Report, p: Path, adj: Adjustment, channelIds: ReadonlySet<string>): void {
  const op = adj.op;
  const q = [...p, 'op'];
  if (!op || typeof op !== 'object') return report(q, 'required');
  const spec = isDriverKey(adj.driver) ? DRIVER_SPECS[adj.driver] : null;
  switch (op.kind) {
    case 'set':
      if (checkFinite(report, [...q, 'value'], op.value) && spec) {
        checkRange(report, [...q, 'value'], op.value, spec.min, spec.max);
        if (spec.unit === 'money' && !Number.isInteger(op.value)) report([...q, 'value'], 'notInteger', { value: op.value });
      }
      return;
    case 'scale':
      // Below −100 % every value would turn negative and be clamped to the minimum.
      if (checkFinite(report, [...q, 'percent'], op.percent) && op.percent < -100) {
        report([...q, 'percent'], 'outOfRange', { min: -100, max: Number.MAX_SAFE_INTEGER, value: op.percent });
      }
      return;
    case 'add':
      if (checkFinite(report, [...q, 'value'], op.value) && spec?.unit === 'money' && !Number.isInteger(op.value)) {
        report([...q, 'value'], 'notInteger', { value: op.value });
      }
      return;
    case 'move':
      if (!channelIds.has(op.from)) report([...q, 'from'], 'unknownRef', { value: String(op.from) });
      if (!channelIds.has(op.to)) report([...q, 'to'], 'unknownRef', { value: String(op.to) });
      else if (op.to === op.from) report([...q, 'to'], 'invalidValue', { value: String(op.to) });
      if (checkFinite(report, [...q, 'amount'], op.amount)) {
        checkRange(report, [...q, 'amount'], op.amount, 0, DRIVER_SPECS.spend.max);
        if (!Number.isInteger(op.amount)) report([...q, 'amount'], 'notInteger', { value: op.amount });
      }
      return;
    default:
      report([...q, 'kind'], 'invalidValue', { value: String((op as { kind: unknown }).kind) });
  }
}

function checkAdjustment(report: Report, plan: Plan, p: Path, adj: Adjustment, channelIds: ReadonlySet<string>, ids: Set<string>): void {
  if (typeof adj.id !== 'string' || adj.id === '') report([...p, 'id'], 'required');
  else if (ids.has(adj.id)) report([...p, 'id'], 'duplicateId', { value: adj.id });
  ids.add(adj.id);
  if (adj.op?.kind !== 'move') {
    checkTarget(report, p, adj, channelIds);
    if (!isDriverKey(adj.driver)) report([...p, 'driver'], 'invalidValue', { value: String(adj.driver) });
  }
  const from = adj.from === undefined ? null : parseMonth(adj.from);
  const to = adj.to === undefined ? null : parseMonth(adj.to);
  if (adj.from !== undefined && !from) report([...p, 'from'], 'invalidValue', { value: String(adj.from) });
  if (adj.to !== undefined && !to) report([...p, 'to'], 'invalidValue', { value: String(adj.to) });
  if (from && to && (adj.from as string) > (adj.to as string)) {
    report([...p, 'to'], 'outOfRange', { min: adj.from as string, value: adj.to as string });
  }
  checkOp(report, p, adj, channelIds);
  // A region that is gone, or that no targeted channel serves, is tolerated like a deleted channel:
  // the adjustment is skipped and the editor says why (adjustmentRegionProblem).
  const regionProblem = adjustmentRegionProblem(plan, adj);
  if (regionProblem) {
    const params: Problem['params'] = { value: String(adj.regionId) };
    if (regionProblem.code === 'scen.regionNotServed') params.reason = 'regionNotServed';
    report([...p, 'regionId'], 'unknownRef', params);
  }
  if (adj.slider !== undefined) {
    const s = adj.slider;
    const q = [...p, 'slider'];
    const minOk = checkFinite(report, [...q, 'min'], s?.min);
    const maxOk = checkFinite(report, [...q, 'max'], s?.max);
    if (minOk && maxOk && s.min >= s.max) report([...q, 'max'], 'outOfRange', { min: s.min, value: s.max });
    if (checkFinite(report, [...q, 'step'], s?.step) && s.step <= 0) report([...q, 'step'], 'outOfRange', { min: 0, value: s.step });
  }
}

/**
 * Why an adjustment of one region changes nothing, or null: the plan has no such region, or none of
 * the channels it targets (a move: its two channels) serves it. Computing skips such an adjustment
 * (regions/expand.ts); the editor says why next to it.
 */
export function adjustmentRegionProblem(plan: Plan, adj: Adjustment): EngineMessage<'scen.unknownRegion' | 'scen.regionNotServed'> | null {
  const id = adj.regionId;
  if (id === undefined) return null;
  const region = plan.regions.find((r) => r.id === id);
  if (!region) return engineMessage('scen.unknownRegion', { regionId: String(id) });
  const targeted =
    adj.op?.kind === 'move'
      ? plan.channels.filter((ch) => ch.id === (adj.op as { from: string }).from || ch.id === (adj.op as { to: string }).to)
      : adj.target
        ? plan.channels.filter((ch) => matchesTarget(ch, adj))
        : [];
  return targeted.some((ch) => ch.regions.includes(id)) ? null : engineMessage('scen.regionNotServed', { region: region.name });
}

/** The plan's channel ids and those the scenario's chain launches (the same set when it launches none). */
function withLaunchedIds(plan: Plan, s: Scenario, channelIds: ReadonlySet<string>): ReadonlySet<string> {
  const byId = new Map(plan.scenarios.map((x) => [x.id, x] as const));
  const out = new Set(channelIds);
  const seen = new Set<string>();
  for (let cur: Scenario | undefined = s; cur && !seen.has(cur.id); cur = cur.parentId ? byId.get(cur.parentId) : undefined) {
    seen.add(cur.id);
    for (const l of cur.launches ?? []) if (l?.channel && typeof l.channel.id === 'string') out.add(l.channel.id);
  }
  return out.size === channelIds.size ? channelIds : out;
}

/** Parents that do not exist and scenarios whose chain of parents loops back on itself. */
function checkParents(report: Report, scenarios: readonly Scenario[]): void {
  const byId = new Map<string, Scenario>();
  for (const s of scenarios) if (!byId.has(s.id)) byId.set(s.id, s);
  scenarios.forEach((s, i) => {
    if (s.parentId === null || s.parentId === undefined) return;
    if (!byId.has(s.parentId)) return report(['scenarios', i, 'parentId'], 'unknownRef', { value: s.parentId });
    // Walk up: a cycle is reported on every scenario that is part of it or leads into it.
    const seen = new Set<string>([s.id]);
    let id: string | null = s.parentId;
    while (id !== null) {
      if (seen.has(id)) return report(['scenarios', i, 'parentId'], 'invalidValue', { reason: 'cycle', value: s.parentId });
      seen.add(id);
      id = byId.get(id)?.parentId ?? null;
    }
  });
}

function checkCannibalisation(report: Report, plan: Plan, channelIds: ReadonlySet<string>): void {
  const pairs = new Set<string>();
  plan.cannibalisation.forEach((c, i) => {
    const p = ['cannibalisation', i];
    if (!channelIds.has(c.from)) report([...p, 'from'], 'unknownRef', { value: String(c.from) });
    if (!channelIds.has(c.to)) report([...p, 'to'], 'unknownRef', { value: String(c.to) });
    else if (c.to === c.from) report([...p, 'to'], 'invalidValue', { value: String(c.to) });
    if (checkFinite(report, [...p, 'rate'], c.rate)) checkRange(report, [...p, 'rate'], c.rate, 0, 1);
    // Duplicates are summed by compute; almost certainly a slip, so say so.
    const key = JSON.stringify([c.from, c.to]);
    if (pairs.has(key)) report(p, 'duplicateId', { value: `${c.from} → ${c.to}` });
    pairs.add(key);
  });
}

/**
 * Every problem in a plan's scenarios and cannibalisation pairs (validatePlan covers the rest).
 * Compute skips or ignores what is reported here, so the UI can show why a number did not change.
 */
export function validateScenarios(plan: Plan): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (path, code, params) => problems.push(params ? { path, code, params } : { path, code });
  const channelIds = new Set(plan.channels.map((c) => c.id));
  const scenarios = plan.scenarios;
  const scenarioIds = new Set<string>();
  scenarios.forEach((s, i) => {
    const p = ['scenarios', i];
    if (typeof s.id !== 'string' || s.id === '') report([...p, 'id'], 'required');
    else if (scenarioIds.has(s.id)) report([...p, 'id'], 'duplicateId', { value: s.id });
    scenarioIds.add(s.id);
    if (typeof s.name !== 'string' || s.name.trim() === '') report([...p, 'name'], 'required');
    else if (s.name.length > MAX_NAME_LENGTH) report([...p, 'name'], 'tooLong', { max: MAX_NAME_LENGTH });
    const adjIds = new Set<string>();
    // A scenario may adjust the channels it (or a scenario it builds on) launches.
    const ids = withLaunchedIds(plan, s, channelIds);
    (Array.isArray(s.adjustments) ? s.adjustments : []).forEach((adj, j) =>
      checkAdjustment(report, plan, [...p, 'adjustments', j], adj, ids, adjIds),
    );
    // The last actual month decides which months are actuals: it must be a month. (A re-forecast of a
    // channel deleted since is left alone: the app reaches that state itself.)
    if (s.actualise && !parseMonth(s.actualise.through)) report([...p, 'actualise', 'through'], 'invalidValue', { value: s.actualise.through });
  });
  checkParents(report, scenarios);
  checkCannibalisation(report, plan, channelIds);
  return problems;
}
