/**
 * Matching the channel and region names of imported data to the plan's. The user's saved mapping
 * comes first (a name finance always writes differently), then the plan's own names compared folded
 * (case, width, spaces, simplified/traditional: see fold.ts). A name that matches nothing stays
 * undecided: the user maps it or leaves it out, and a left-out name is reported with what it held.
 */
import type { NameMapping } from '../types';
import { foldName } from './fold';

/** Region target meaning "no region: add it up into the channel as a whole" (series region ''). */
export const WHOLE_CHANNEL = '*';

export interface NamedItem {
  id: string;
  name: string;
}

/** How a data name was matched: by the saved mapping, by the plan's name, by the user's choice, or not yet (null target). */
export interface NameMatch {
  name: string;
  /** A plan item id, '' to leave the name out, null while undecided. */
  targetId: string | null;
  by: 'saved' | 'name' | 'user' | null;
}

export function matchNames(names: readonly string[], items: readonly NamedItem[], saved: readonly NameMapping[]): NameMatch[] {
  const ids = new Set(items.map((i) => i.id));
  const savedByFold = new Map<string, string>();
  for (const m of saved) if (m.targetId === '' || m.targetId === WHOLE_CHANNEL || ids.has(m.targetId)) savedByFold.set(foldName(m.name), m.targetId);
  const byFold = new Map<string, string>();
  for (const item of items) {
    const key = foldName(item.name);
    // Two plan items folding to one name would make the match a guess: neither is taken.
    byFold.set(key, byFold.has(key) ? '\u0000' : item.id);
  }
  return names.map((name) => {
    const key = foldName(name);
    const fromSaved = savedByFold.get(key);
    if (fromSaved !== undefined) return { name, targetId: fromSaved, by: 'saved' };
    const fromName = byFold.get(key);
    if (fromName !== undefined && fromName !== '\u0000') return { name, targetId: fromName, by: 'name' };
    return { name, targetId: null, by: null };
  });
}

/** The saved mapping after an import: this import's decisions replace earlier ones of the same name. */
export function mergeMappings(previous: readonly NameMapping[], decided: readonly NameMapping[]): NameMapping[] {
  const keys = new Set(decided.map((m) => foldName(m.name)));
  return [...previous.filter((m) => !keys.has(foldName(m.name))), ...decided];
}
