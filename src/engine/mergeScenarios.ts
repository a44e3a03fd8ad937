/**
 * Bringing scenarios from another plan (a colleague's file) into this one ("Merge", docs/file-formats.md#plan-file). A
 * scenario refers to channels by id; the other plan's channels are matched to this plan's by id,
 * then by name (case and surrounding spaces ignored), and a channel with no match comes in as a
 * launch of the scenario that uses it — never into this plan's baseline.
 * A scenario this plan already has in the same state (same name or id, same parent, the same
 * adjustments once channels are matched) is not added again, so merging the same file twice changes
 * nothing. Every decision is listed in a preview before anything changes.
 */
import { canonicalJson } from './canonical';
import type { Adjustment, Channel, ChannelLaunch, Plan, Scenario } from './types';

export type ChannelMatch =
  | { kind: 'id'; sourceId: string; targetId: string; name: string }
  | { kind: 'name'; sourceId: string; targetId: string; name: string }
  | { kind: 'added'; sourceId: string; targetId: string; name: string };

export interface MergePreview {
  /**
   * The chosen scenarios and the ancestors they need, parents first. An entry with `sameAs` is already
   * in this plan in the same state (that scenario's id) and is not added; the others are.
   */
  scenarios: { sourceId: string; newId: string; name: string; renamedFrom: string | null; addedAsParent: boolean; sameAs: string | null }[];
  channels: ChannelMatch[];
  /** Source scenario ids that do not exist in the file. */
  unknown: string[];
  /**
   * The plans count money in different currencies: spend moves and copied channels would be read in
   * the wrong unit, so such a merge is refused rather than converted silently.
   */
  currencyMismatch: boolean;
}

/** Channel ids an adjustment names (targets and both ends of a budget move). */
function channelRefs(a: Adjustment): string[] {
  const ids = a.target.kind === 'channels' ? [...a.target.ids] : [];
  if (a.op.kind === 'move') ids.push(a.op.from, a.op.to);
  return ids;
}

const norm = (s: string): string => s.trim().toLowerCase();

/** A deep copy of plan data (plain JSON by design, see types.ts). */
function copy<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function uniqueName(name: string, taken: Set<string>): string {
  if (!taken.has(norm(name))) return name;
  for (let k = 2; ; k++) {
    const candidate = `${name} (${k})`;
    if (!taken.has(norm(candidate))) return candidate;
  }
}

/**
 * What merging `chosen` scenarios of `source` into `target` would do. `newId` makes fresh ids (the
 * engine never invents them) and is called for every scenario, adjustment and copied channel whose
 * id is taken in the target.
 */
export function previewMerge(target: Plan, source: Plan, chosen: readonly string[], newId: (prefix: string) => string): MergePreview {
  const sourceScenarios = new Map(source.scenarios.map((s) => [s.id, s]));
  const unknown = chosen.filter((id) => !sourceScenarios.has(id));
  // Ancestors come along: a scenario without its parent would silently change meaning.
  const order: { s: Scenario; asParent: boolean }[] = [];
  const seen = new Set<string>();
  const visit = (id: string, asParent: boolean, depth: number): void => {
    const s = sourceScenarios.get(id);
    if (!s || seen.has(id) || depth > sourceScenarios.size) return;
    seen.add(id);
    if (s.parentId) visit(s.parentId, true, depth + 1);
    order.push({ s, asParent });
  };
  for (const id of chosen) visit(id, false, 0);
  // A chosen scenario reached first as another's parent is still "chosen".
  const chosenSet = new Set(chosen);

  const channelMap = (): Map<string, string> => new Map(channels.map((m) => [m.sourceId, m.targetId]));
  const targetIds = new Set(target.channels.map((c) => c.id));
  const targetByName = new Map(target.channels.map((c) => [norm(c.name), c] as const));
  const sourceChannels = new Map(source.channels.map((c) => [c.id, c]));
  const needed: string[] = [];
  for (const { s } of order) for (const a of s.adjustments) for (const id of channelRefs(a)) if (!needed.includes(id)) needed.push(id);
  // Price changes name channels too.
  for (const { s } of order) for (const c of s.priceChanges ?? []) for (const id of c.channelIds) if (!needed.includes(id)) needed.push(id);
  const usedIds = new Set([...targetIds]);
  const channels: ChannelMatch[] = [];
  for (const sourceId of needed) {
    const ch = sourceChannels.get(sourceId);
    if (!ch) continue;
    if (targetIds.has(sourceId)) {
      channels.push({ kind: 'id', sourceId, targetId: sourceId, name: ch.name });
      continue;
    }
    const byName = targetByName.get(norm(ch.name));
    if (byName) {
      channels.push({ kind: 'name', sourceId, targetId: byName.id, name: ch.name });
      continue;
    }
    const id = usedIds.has(sourceId) ? newId('ch-') : sourceId;
    usedIds.add(id);
    channels.push({ kind: 'added', sourceId, targetId: id, name: ch.name });
  }

  const takenNames = new Set(target.scenarios.map((s) => norm(s.name)));
  const takenIds = new Set(target.scenarios.map((s) => s.id));
  const map = channelMap();
  const placed = new Map<string, string>();
  const scenarios = order.map(({ s, asParent }) => {
    const parentId = s.parentId === null ? null : (placed.get(s.parentId) ?? null);
    const same = sameScenario(target, source, s, parentId, map);
    if (same) {
      placed.set(s.id, same.id);
      return { sourceId: s.id, newId: same.id, name: same.name, renamedFrom: null, addedAsParent: asParent && !chosenSet.has(s.id), sameAs: same.id };
    }
    const name = uniqueName(s.name, takenNames);
    takenNames.add(norm(name));
    const id = takenIds.has(s.id) ? newId('sc') : s.id;
    takenIds.add(id);
    placed.set(s.id, id);
    return { sourceId: s.id, newId: id, name, renamedFrom: name === s.name ? null : s.name, addedAsParent: asParent && !chosenSet.has(s.id), sameAs: null };
  });
  // Only the scenarios actually added need their channels.
  const used = new Set<string>();
  for (const p of scenarios) {
    if (p.sameAs) continue;
    const s = sourceScenarios.get(p.sourceId)!;
    for (const a of s.adjustments) for (const id of channelRefs(a)) used.add(id);
    for (const c of s.priceChanges ?? []) for (const id of c.channelIds) used.add(id);
  }
  return { scenarios, channels: channels.filter((m) => used.has(m.sourceId)), unknown, currencyMismatch: source.currency !== target.currency };
}

/** An adjustment as the target plan would hold it (channels matched), without its id. */
function mappedEssence(a: Adjustment, map: ReadonlyMap<string, string>): string {
  const to = (id: string): string => map.get(id) ?? id;
  const targetPart = a.target.kind === 'channels' ? { ...a.target, ids: a.target.ids.map(to) } : a.target;
  const op = a.op.kind === 'move' ? { ...a.op, from: to(a.op.from), to: to(a.op.to) } : a.op;
  return canonicalJson({ ...a, id: undefined, target: targetPart, op });
}

/** Whether `name` is `base` or the `base (k)` an earlier merge renamed it to. */
function sameName(name: string, base: string): boolean {
  const n = norm(name);
  const b = norm(base);
  if (n === b) return true;
  return n.startsWith(`${b} (`) && /^\(\d+\)$/.test(n.slice(b.length + 1));
}

/**
 * What a scenario holds besides its adjustments (price changes, promotion changes, launches and
 * exits, actualising), as the target would hold it; ids of its own parts left out.
 */
function restEssence(s: Scenario, map: ReadonlyMap<string, string>): string {
  const { id: _id, name: _name, parentId: _parent, adjustments: _adjustments, notes: _notes, ...rest } = s;
  void [_id, _name, _parent, _adjustments, _notes];
  const to = (id: string): string => map.get(id) ?? id;
  return canonicalJson({ ...rest, priceChanges: rest.priceChanges?.map((c) => ({ ...c, id: undefined, channelIds: c.channelIds.map(to) })) });
}

/**
 * The target's scenario that already is `s`: same id or name (or the name an earlier merge gave it),
 * on the same parent (as placed in the target), with the same adjustments in the same order and the
 * same price changes, promotion changes, launches and exits once channels are matched.
 */
function sameScenario(target: Plan, source: Plan, s: Scenario, parentId: string | null, map: ReadonlyMap<string, string>): Scenario | undefined {
  const own = new Set(target.channels.map((c) => c.id));
  const refs = new Set<string>();
  for (const a of s.adjustments) for (const id of channelRefs(a)) refs.add(id);
  for (const c of s.priceChanges ?? []) for (const id of c.channelIds) refs.add(id);
  const none = new Map<string, string>();
  const regionIds = new Set(target.regions.map((r) => r.id));
  return target.scenarios.find((t) => {
    if (!(t.id === s.id || sameName(t.name, s.name)) || t.parentId !== parentId || t.adjustments.length !== s.adjustments.length) return false;
    // A channel this plan lacks came in as a launch (applyMerge) of this scenario or one it builds on:
    // match it by name there, and expect the launch a merge makes of it.
    const launches = new Map<string, ChannelLaunch>();
    for (const c of chainOf(target, t)) for (const l of c.launches ?? []) launches.set(norm(l.channel.name), l);
    const m = new Map(map);
    const expected: ChannelLaunch[] = [];
    for (const ref of refs) {
      if (own.has(map.get(ref) ?? ref)) continue;
      const ch = source.channels.find((c) => c.id === ref);
      const l = ch ? launches.get(norm(ch.name)) : undefined;
      if (!ch || !l) return false;
      m.set(ref, l.channel.id);
      if ((t.launches ?? []).includes(l)) expected.push({ channel: { ...ch, id: l.channel.id, regions: ch.regions.filter((r) => regionIds.has(r)) }, month: target.timeline.start, rampMonths: 0, rampShape: 'linear', launchCost: 0 });
    }
    const theirs = s.adjustments.map((a) => mappedEssence(a, m));
    const theirRest = restEssence(expected.length > 0 ? { ...s, launches: [...expected, ...(s.launches ?? [])] } : s, m);
    return restEssence(t, none) === theirRest && t.adjustments.every((a, i) => canonicalJson({ ...a, id: undefined }) === theirs[i]);
  });
}

/** A target scenario and its ancestors (a broken chain stops where it breaks). */
function chainOf(plan: Plan, s: Scenario): Scenario[] {
  const chain: Scenario[] = [];
  const seen = new Set<string>();
  for (let c: Scenario | undefined = s; c && !seen.has(c.id); c = plan.scenarios.find((x) => x.id === c!.parentId)) {
    seen.add(c.id);
    chain.push(c);
  }
  return chain;
}

/**
 * The target plan with the previewed scenarios added. Channel references and parent ids are rewritten
 * to the target's ids; adjustment ids are fresh where taken. The target's baseline never changes: a
 * channel the target lacks comes in as a launch of the scenario that uses it (from the plan's first
 * month, at full effect, no launch cost), so the scenario computes as its author's did while the
 * receiver's own channels and every other scenario stay as they were. A scenario built on one that
 * launched the channel inherits it; an unrelated scenario that needs it launches its own copy.
 */
export function applyMerge(target: Plan, source: Plan, preview: MergePreview, newId: (prefix: string) => string): Plan {
  if (preview.currencyMismatch) throw new RangeError('Plans in different currencies cannot be merged');
  const channelMap = new Map(preview.channels.filter((m) => m.kind !== 'added').map((m) => [m.sourceId, m.targetId]));
  const absent = new Map(preview.channels.filter((m) => m.kind === 'added').map((m) => [m.sourceId, m.targetId]));
  const scenarioMap = new Map(preview.scenarios.map((s) => [s.sourceId, s.newId]));
  const sourceScenarios = new Map(source.scenarios.map((s) => [s.id, s]));
  const adjustmentIds = new Set(target.scenarios.flatMap((s) => s.adjustments.map((a) => a.id)));
  const regionIds = new Set(target.regions.map((r) => r.id));
  const usedChannelIds = new Set([...target.channels.map((c) => c.id), ...target.scenarios.flatMap((s) => (s.launches ?? []).map((l) => l.channel.id))]);
  /** Per merged scenario (new id): the ids its launches (or its ancestors') gave the absent channels. */
  const launchedIn = new Map<string, Map<string, string>>();

  const added: Scenario[] = preview.scenarios.filter((p) => !p.sameAs).map((p) => {
    const s = sourceScenarios.get(p.sourceId) as Scenario;
    const parentId = s.parentId === null ? null : (scenarioMap.get(s.parentId) ?? null);
    const launched = new Map(parentId !== null ? (launchedIn.get(parentId) ?? []) : []);
    const launches: ChannelLaunch[] = [];
    const refs = new Set<string>();
    for (const a of s.adjustments) for (const id of channelRefs(a)) refs.add(id);
    for (const c of s.priceChanges ?? []) for (const id of c.channelIds) refs.add(id);
    for (const sourceId of refs) {
      if (!absent.has(sourceId) || launched.has(sourceId)) continue;
      const preferred = absent.get(sourceId)!;
      const id = usedChannelIds.has(preferred) ? newId('ch-') : preferred;
      usedChannelIds.add(id);
      launched.set(sourceId, id);
      const ch = copy(source.channels.find((c) => c.id === sourceId) as Channel);
      launches.push({ channel: { ...ch, id, regions: ch.regions.filter((r) => regionIds.has(r)) }, month: target.timeline.start, rampMonths: 0, rampShape: 'linear', launchCost: 0 });
    }
    launchedIn.set(p.newId, launched);
    const mapChannel = (id: string): string => launched.get(id) ?? channelMap.get(id) ?? id;
    const adjustments = s.adjustments.map((a): Adjustment => {
      const id = adjustmentIds.has(a.id) ? newId('adj') : a.id;
      adjustmentIds.add(id);
      const targetPart = a.target.kind === 'channels' ? { kind: 'channels' as const, ids: a.target.ids.map(mapChannel) } : a.target;
      const op = a.op.kind === 'move' ? { ...a.op, from: mapChannel(a.op.from), to: mapChannel(a.op.to) } : a.op;
      return { ...copy(a), id, target: targetPart, op };
    });
    const merged: Scenario = { ...copy(s), id: p.newId, name: p.name, parentId, adjustments };
    if (s.priceChanges) merged.priceChanges = s.priceChanges.map((c) => ({ ...copy(c), channelIds: c.channelIds.map(mapChannel) }));
    if (launches.length > 0) merged.launches = [...launches, ...(merged.launches ?? [])];
    return merged;
  });

  return { ...target, scenarios: [...target.scenarios, ...added] };
}
