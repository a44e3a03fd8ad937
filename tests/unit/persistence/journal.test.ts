import { describe, expect, it } from 'vitest';
import { clearJournal, journalledPlanIds, readJournal, writeJournal } from '../../../src/persistence/journal';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';

/** A real Storage-shaped object: Node has no localStorage. */
class MemoryStorage implements Storage {
  #m = new Map<string, string>();
  quota = Infinity;
  get length(): number {
    return this.#m.size;
  }
  clear(): void {
    this.#m.clear();
  }
  getItem(k: string): string | null {
    return this.#m.get(k) ?? null;
  }
  key(i: number): string | null {
    return [...this.#m.keys()][i] ?? null;
  }
  removeItem(k: string): void {
    this.#m.delete(k);
  }
  setItem(k: string, v: string): void {
    if (v.length > this.quota) throw new DOMException('full', 'QuotaExceededError');
    this.#m.set(k, v);
  }
}

describe('unsaved-edit journal', () => {
  const plan = { ...generateSyntheticPlan({ channels: 2, periods: 12, seed: 1 }), id: 'p1' };

  it('round-trips the plan and its history, then clears', () => {
    const s = new MemoryStorage();
    expect(writeJournal(s, { plan, undo: [], redo: [] })).toBe(true);
    expect(journalledPlanIds(s)).toEqual(['p1']);
    expect(readJournal(s, 'p1')?.plan).toEqual(plan);
    clearJournal(s, 'p1');
    expect(readJournal(s, 'p1')).toBeNull();
  });

  it('reports a full storage instead of throwing', () => {
    const s = new MemoryStorage();
    s.quota = 10;
    expect(writeJournal(s, { plan, undo: [], redo: [] })).toBe(false);
  });

  it('ignores damaged or foreign entries', () => {
    const s = new MemoryStorage();
    s.setItem('cmp.unsaved.p1', '{not json');
    expect(readJournal(s, 'p1')).toBeNull();
    s.setItem('cmp.unsaved.p1', JSON.stringify({ plan: { ...plan, id: 'other' }, undo: [], redo: [] }));
    expect(readJournal(s, 'p1')).toBeNull();
    expect(readJournal(null, 'p1')).toBeNull();
  });
});
