/**
 * The identity of an element of a list in the plan, which edits use instead of its position.
 * Most items carry an `id`. Budget bounds are one per channel (`channelId`); cannibalisation pairs
 * and freight lanes are one per ordered pair (`from`, `to`). Anything else (numbers, rebate tiers,
 * curve points) has no key and is addressed by position inside its keyed parent.
 */
export function itemKey(v: unknown): string | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const o = v as { id?: unknown; channelId?: unknown; from?: unknown; to?: unknown };
  if (typeof o.id === 'string') return o.id;
  if (typeof o.channelId === 'string') return `channel:${o.channelId}`;
  if (typeof o.from === 'string' && typeof o.to === 'string') return `pair:${o.from}>${o.to}`;
  return null;
}

/** The element a path key names: a position (how views address rows) or `{ id }` (how edits are kept). */
export function itemAt<T>(list: readonly T[], key: unknown): T | undefined {
  if (typeof key === 'number') return list[key];
  if (typeof key === 'object' && key !== null && typeof (key as { id?: unknown }).id === 'string') {
    const id = (key as { id: string }).id;
    return list.find((el) => itemKey(el) === id);
  }
  return undefined;
}
