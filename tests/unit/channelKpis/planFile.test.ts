import { describe, expect, it } from 'vitest';
import { parsePlanFile } from '../../../src/engine/planFile';
import { beautyFixturePlan } from '../planFile/fixturePlans';
import { edit, fileOf } from '../planFile/helpers';

function withKpis(): string {
  const plan = beautyFixturePlan();
  const id = plan.channels[0].id;
  plan.channelKpis = {
    backlogDays: 60,
    satisfactionFloor: 0.85,
    channels: { [id]: { satisfaction: 0.9, floorArea: 250, stock: { base: 30_000_000, overrides: { [`${plan.timeline.start}`]: 45_000_000 } } } },
  };
  return fileOf(plan);
}

describe('channel KPIs in plan files', () => {
  it('read back unchanged', () => {
    const text = withKpis();
    const r = parsePlanFile(text);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.warnings).toEqual([]);
    expect(fileOf(r.plan)).toBe(text);
  });

  it.each([
    ['a satisfaction above 100 %', (k: Record<string, number>) => (k.satisfaction = 1.5), 'satisfaction', 'outOfRange'],
    ['a negative floor area', (k: Record<string, number>) => (k.floorArea = -3), 'floorArea', 'outOfRange'],
    ['an NPS above 100', (k: Record<string, number>) => (k.nps = 140), 'nps', 'outOfRange'],
    ['a market size in fractions of a fen', (k: Record<string, number>) => (k.marketSize = 10.5), 'marketSize', 'notInteger'],
    ['a zero backlog threshold', (k: Record<string, number>) => (k.backlogDays = 0), 'backlogDays', 'outOfRange'],
  ])('refuse %s with its path', (_, change, field, code) => {
    const text = edit(withKpis(), (f) => {
      const [values] = Object.values(f.plan.channelKpis.channels) as Record<string, number>[];
      change(values);
    });
    const r = parsePlanFile(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.some((p) => p.path.join('.').endsWith(field) && JSON.stringify(p).includes(code))).toBe(true);
  });

  it('refuse negative stock in a typed month and a value of the wrong type', () => {
    const negative = edit(withKpis(), (f) => {
      const [values] = Object.values(f.plan.channelKpis.channels) as { stock: { overrides: Record<string, number> } }[];
      values.stock.overrides[Object.keys(values.stock.overrides)[0]] = -1;
    });
    expect(parsePlanFile(negative).ok).toBe(false);
    const text = edit(withKpis(), (f) => (f.plan.channelKpis.backlogDays = 'sixty'));
    expect(parsePlanFile(text).ok).toBe(false);
  });

  it('warn about values kept for a channel the plan no longer has', () => {
    const text = edit(withKpis(), (f) => (f.plan.channelKpis.channels['ch-gone'] = { nps: 10 }));
    const r = parsePlanFile(text);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.warnings.some((w) => w.path.includes('ch-gone'))).toBe(true);
  });
});
