import { describe, expect, it } from 'vitest';
import { applyOps } from '../../../src/engine/patch';
import type { Plan } from '../../../src/engine/types';
import { editDetail } from '../../../src/ui/history/editText';
import { simpleChannel, simplePlan } from '../engine/planFixtures';

const t = (key: string, p: Record<string, string | number>): string =>
  key === 'history.change' ? `${p.what} ${p.before} → ${p.after}` : `${p.text} and ${p.count} more`;

describe('recent edits in words', () => {
  const plan = simplePlan([simpleChannel('Tmall', { spend: { base: 120_000_000 } }), simpleChannel('Stores')]);

  it('says old → new for a driver value, in the plan currency', () => {
    const ops = [{ path: ['channels', 0, 'drivers', 'spend', 'base'], value: 150_000_000 }];
    const { inverse } = applyOps<Plan>(plan, ops);
    expect(editDetail({ ops, inverse }, plan, t, 'en')).toBe('Tmall ¥1,200,000 → ¥1,500,000');
  });

  it('names the first value of a pasted block and counts the rest; other edits have no detail', () => {
    const ops = [
      { path: ['channels', 0, 'drivers', 'conversion', 'base'], value: 0.03 },
      { path: ['channels', 1, 'drivers', 'conversion', 'base'], value: 0.04 },
    ];
    const { inverse } = applyOps<Plan>(plan, ops);
    expect(editDetail({ ops, inverse }, plan, t, 'en')).toBe('Tmall 2% → 3% and 1 more');
    const rename = [{ path: ['name'], value: 'New' }];
    expect(editDetail({ ops: rename, inverse: applyOps<Plan>(plan, rename).inverse }, plan, t, 'en')).toBeNull();
  });
});
