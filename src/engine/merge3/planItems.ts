/**
 * A plan as keyed items for the three-way merge: each channel (its settings without the drivers),
 * each driver of each channel (base, growth, seasonality), each driver's typed monthly values, each
 * scenario, and each plan-wide setting (timeline, currency, regions, evaluation, notes, …). A
 * channel that is missing on any side (added or deleted) is one item with its drivers inside, so
 * "take their new channel" brings its drivers and "keep my deleted channel deleted" drops them.
 */
import type { Channel, Driver, DriverKey, Plan } from '../types';

export type PlanItemKind = 'setting' | 'channel' | 'driver' | 'overrides' | 'scenario';

export interface PlanItemRef {
  kind: PlanItemKind;
  /** The channel, scenario or plan field the item belongs to. */
  id: string;
  /** The driver, for driver and overrides items. */
  driver?: DriverKey;
}

/** Fields that say which plan this is and when, not what it plans: never merged. */
const IDENTITY_FIELDS = new Set(['id', 'createdAt', 'updatedAt', 'lineage', 'channels', 'scenarios']);

export function itemRef(key: string): PlanItemRef {
  const [kind, id, driver] = key.split('\u0000') as [PlanItemKind, string, DriverKey | undefined];
  return driver === undefined ? { kind, id } : { kind, id, driver };
}

export function itemKeyOf(ref: PlanItemRef): string {
  return ref.driver === undefined ? `${ref.kind}\u0000${ref.id}` : `${ref.kind}\u0000${ref.id}\u0000${ref.driver}`;
}

/** Channels present on every side are split into their parts; the others travel whole. */
export function splitChannels(...plans: Plan[]): Set<string> {
  const [first, ...rest] = plans;
  return new Set(first.channels.map((c) => c.id).filter((id) => rest.every((p) => p.channels.some((c) => c.id === id))));
}

export function planItems(plan: Plan, split: ReadonlySet<string>): Map<string, unknown> {
  const items = new Map<string, unknown>();
  const rec = plan as unknown as Record<string, unknown>;
  for (const field of Object.keys(rec).sort()) {
    if (IDENTITY_FIELDS.has(field) || rec[field] === undefined) continue;
    items.set(itemKeyOf({ kind: 'setting', id: field }), rec[field]);
  }
  for (const ch of plan.channels) {
    if (!split.has(ch.id)) {
      items.set(itemKeyOf({ kind: 'channel', id: ch.id }), ch);
      continue;
    }
    const { drivers, ...core } = ch;
    items.set(itemKeyOf({ kind: 'channel', id: ch.id }), core);
    for (const key of Object.keys(drivers) as DriverKey[]) {
      const { overrides, ...driver } = drivers[key];
      items.set(itemKeyOf({ kind: 'driver', id: ch.id, driver: key }), driver);
      if (overrides !== undefined) items.set(itemKeyOf({ kind: 'overrides', id: ch.id, driver: key }), overrides);
    }
  }
  for (const sc of plan.scenarios) items.set(itemKeyOf({ kind: 'scenario', id: sc.id }), sc);
  return items;
}

/**
 * Ids in order: mine's order; an id only theirs has goes after the item it follows in theirs (past
 * items only mine has), so their new channel lands where they put it and an item they kept that I
 * deleted comes back in its place.
 */
function orderedIds(mine: readonly { id: string }[], theirs: readonly { id: string }[], keep: (id: string) => boolean): string[] {
  const out = mine.map((x) => x.id).filter(keep);
  const inTheirs = new Set(theirs.map((x) => x.id));
  let previous: string | null = null;
  for (const { id } of theirs) {
    if (keep(id) && !out.includes(id)) {
      let at = previous === null ? 0 : out.indexOf(previous) + 1;
      while (at < out.length && !inTheirs.has(out[at])) at++;
      out.splice(at, 0, id);
    }
    if (out.includes(id)) previous = id;
  }
  return out;
}

/**
 * The plan the merged items describe, on top of `mine` (its id, dates and lineage stay). Channels
 * and scenarios keep mine's order, with theirs' new ones where theirs has them.
 */
export function planFromItems(items: ReadonlyMap<string, unknown>, mine: Plan, theirs: Plan, split: ReadonlySet<string>): Plan {
  const out: Record<string, unknown> = { ...mine };
  for (const field of new Set([...Object.keys(mine), ...Object.keys(theirs)])) {
    if (IDENTITY_FIELDS.has(field)) continue;
    const v = items.get(itemKeyOf({ kind: 'setting', id: field }));
    if (v === undefined) delete out[field];
    else out[field] = v;
  }
  const channelKey = (id: string): string => itemKeyOf({ kind: 'channel', id });
  out.channels = orderedIds(mine.channels, theirs.channels, (id) => items.has(channelKey(id))).map((id) => {
    const value = items.get(channelKey(id)) as Channel | Omit<Channel, 'drivers'>;
    if (!split.has(id)) return value as Channel;
    const drivers: Partial<Record<DriverKey, Driver>> = {};
    const source = mine.channels.find((c) => c.id === id) ?? theirs.channels.find((c) => c.id === id)!;
    for (const key of Object.keys(source.drivers) as DriverKey[]) {
      const driver = items.get(itemKeyOf({ kind: 'driver', id, driver: key })) as Omit<Driver, 'overrides'> | undefined;
      if (!driver) continue;
      const overrides = items.get(itemKeyOf({ kind: 'overrides', id, driver: key })) as Record<string, number> | undefined;
      drivers[key] = overrides === undefined ? { ...driver } : { ...driver, overrides };
    }
    return { ...(value as Omit<Channel, 'drivers'>), drivers: drivers as Record<DriverKey, Driver> };
  });
  const scenarioKey = (id: string): string => itemKeyOf({ kind: 'scenario', id });
  out.scenarios = orderedIds(mine.scenarios, theirs.scenarios, (id) => items.has(scenarioKey(id))).map((id) => items.get(scenarioKey(id)));
  return out as unknown as Plan;
}
