/**
 * Bringing scenarios from another plan (a colleague's file) into this one ("Merge", docs/file-formats.md#plan-file). A
 * scenario refers to channels by id; the other plan's channels are matched to this plan's by id,
 * then by name (case and surrounding spaces ignored), and a channel with no match is copied in.
 * Every decision is listed in a preview before anything changes.
 */
import type { Adjustment, Channel, Plan, Scenario } from './types';

export type ChannelMatch =
  | { kind: 'id'; sourceId: string; targetId: string; name: string }
  | { kind: 'name'; sourceId: string; targetId: string; name: string }
  | { kind: 'added'; sourceId: string; targetId: string; name: string };

export interface MergePreview {
  /** The scenarios that will be added, parents first: the chosen ones and the ancestors they need. */
  scenarios: { sourceId: string; newId: string; name: string; renamedFrom: string | null; addedAsParent: boolean }[];
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
  const scenarios = order.map(({ s, asParent }) => {
    const name = uniqueName(s.name, takenNames);
    takenNames.add(norm(name));
    const id = takenIds.has(s.id) ? newId('sc') : s.id;
    takenIds.add(id);
    return { sourceId: s.id, newId: id, name, renamedFrom: name === s.name ? null : s.name, addedAsParent: asParent && !chosenSet.has(s.id) };
  });
  return { scenarios, channels, unknown, currencyMismatch: source.currency !== target.currency };
}

/**
 * The target plan with the previewed scenarios (and copied channels) added. Channel references and
 * parent ids are rewritten to the target's ids; adjustment ids are fresh where taken.
 */
export function applyMerge(target: Plan, source: Plan, preview: MergePreview, newId: (prefix: string) => string): Plan {
  if (preview.currencyMismatch) throw new RangeError('Plans in different currencies cannot be merged');
  const channelMap = new Map(preview.channels.map((m) => [m.sourceId, m.targetId]));
  const scenarioMap = new Map(preview.scenarios.map((s) => [s.sourceId, s.newId]));
  const sourceScenarios = new Map(source.scenarios.map((s) => [s.id, s]));
  const adjustmentIds = new Set(target.scenarios.flatMap((s) => s.adjustments.map((a) => a.id)));
  const mapChannel = (id: string): string => channelMap.get(id) ?? id;

  const added: Scenario[] = preview.scenarios.map((p) => {
    const s = sourceScenarios.get(p.sourceId) as Scenario;
    const adjustments = s.adjustments.map((a): Adjustment => {
      const id = adjustmentIds.has(a.id) ? newId('adj') : a.id;
      adjustmentIds.add(id);
      const target = a.target.kind === 'channels' ? { kind: 'channels' as const, ids: a.target.ids.map(mapChannel) } : a.target;
      const op = a.op.kind === 'move' ? { ...a.op, from: mapChannel(a.op.from), to: mapChannel(a.op.to) } : a.op;
      return { ...copy(a), id, target, op };
    });
    const parentId = s.parentId === null ? null : (scenarioMap.get(s.parentId) ?? null);
    const merged: Scenario = { ...copy(s), id: p.newId, name: p.name, parentId, adjustments };
    if (s.priceChanges) merged.priceChanges = s.priceChanges.map((c) => ({ ...copy(c), channelIds: c.channelIds.map(mapChannel) }));
    return merged;
  });

  // Copied channels keep their drivers but serve only regions the target plan has.
  const regionIds = new Set(target.regions.map((r) => r.id));
  const copied: Channel[] = preview.channels
    .filter((m) => m.kind === 'added')
    .map((m) => {
      const ch = copy(source.channels.find((c) => c.id === m.sourceId) as Channel);
      return { ...ch, id: m.targetId, regions: ch.regions.filter((r) => regionIds.has(r)) };
    });

  return { ...target, channels: [...target.channels, ...copied], scenarios: [...target.scenarios, ...added] };
}
