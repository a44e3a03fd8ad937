import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { applyOps } from '../../../src/engine/patch';
import { parsePlanFile, serialisePlanFile } from '../../../src/engine/planFile';
import type { Adjustment, Plan } from '../../../src/engine/types';
import { pinOps, rationaleOps, type PinRequest } from '../../../src/state/pinning';
import { simpleChannel, simplePlan } from '../engine/planFixtures';

const slider: Adjustment = {
  id: 'adj-spend',
  target: { kind: 'channels', ids: ['a'] },
  driver: 'spend',
  op: { kind: 'scale', percent: 0 },
  enabled: true,
  slider: { min: -50, max: 50, step: 5 },
};

function workshopPlan(): Plan {
  const p = simplePlan([simpleChannel('a'), simpleChannel('b')]);
  p.scenarios = [{ id: 'ws', name: 'Room', parentId: null, adjustments: [slider], notes: '' }];
  return p;
}

const request = (name: string, rationale = ''): PinRequest => ({
  name,
  rationale,
  at: Date.UTC(2027, 2, 1, 10, 30),
  opened: { 'adj-spend': 0 },
  describe: (a) => `spend ${a.op.kind === 'scale' ? a.op.percent : '?'} %`,
});

function setSlider(p: Plan, percent: number): Plan {
  return applyOps(p, [{ path: ['scenarios', 0, 'adjustments', 0, 'op', 'percent'], value: percent }]).result;
}

function pin(p: Plan, name: string, rationale = ''): Plan {
  const out = pinOps(p, p.scenarios[0], request(name, rationale));
  if (out.kind !== 'pinned') throw new Error('expected a pin');
  return applyOps(p, out.ops).result;
}

/** Whole-plan sums straight from the flows, as a reader of the minutes would add them up. */
function totals(p: Plan, id: string | null) {
  const f = computePlan(p, id).flows;
  return { contribution: f.contribution.reduce((s, x) => s + x, 0), netRevenue: f.netRevenue.reduce((s, x) => s + x, 0) };
}

describe('pinning a workshop state', () => {
  it('records the pinned copy, the sliders moved, the figures of that moment and the rationale, in one edit', () => {
    const p = setSlider(workshopPlan(), 20);
    const out = pinOps(p, p.scenarios[0], request('Workshop 10:30', '  live-stream first  '));
    expect(out.kind).toBe('pinned');
    if (out.kind !== 'pinned') return;
    const after = applyOps(p, out.ops).result;
    const d = after.decisions![0];
    expect(after.scenarios.map((s) => s.name)).toEqual(['Room', 'Workshop 10:30']);
    expect(d.scenarioId).toBe(after.scenarios[1].id);
    expect(d.moves).toEqual([{ adjustmentId: 'adj-spend', before: 'spend 0 %', after: 'spend 20 %' }]);
    expect(d.rationale).toBe('live-stream first');
    expect(d.values).toEqual({ 'adj-spend': 20 });
    // The frozen figures are the pinned copy's and the baseline's, summed independently.
    expect(d.kpis.contribution).toBe(totals(after, d.scenarioId).contribution);
    expect(d.kpis.netRevenue).toBe(totals(after, d.scenarioId).netRevenue);
    expect(d.baseline.contribution).toBe(totals(after, null).contribution);
    expect(d.kpis.netRevenue).toBeGreaterThan(d.baseline.netRevenue);
  });

  it('pins once: a second click without a slider moved names the earlier pin and changes nothing', () => {
    const p = pin(setSlider(workshopPlan(), 20), 'Workshop 10:30');
    const again = pinOps(p, p.scenarios[0], request('Workshop 10:30'));
    expect(again.kind).toBe('repeat');
    expect(again.decision.name).toBe('Workshop 10:30');
  });

  it('a moved slider pins again under a unique name, with the move measured from the previous pin', () => {
    let p = pin(setSlider(workshopPlan(), 20), 'Workshop 10:30');
    p = pin(setSlider(p, 35), 'Workshop 10:30');
    expect(p.scenarios.map((s) => s.name)).toEqual(['Room', 'Workshop 10:30 (2)', 'Workshop 10:30']);
    expect(p.decisions!.map((d) => d.name)).toEqual(['Workshop 10:30', 'Workshop 10:30 (2)']);
    expect(p.decisions![1].moves).toEqual([{ adjustmentId: 'adj-spend', before: 'spend 20 %', after: 'spend 35 %' }]);
    // Moving back to a pinned value is a new proposal, not a repeat: only the latest pin counts.
    p = setSlider(p, 20);
    expect(pinOps(p, p.scenarios[0], request('x')).kind).toBe('pinned');
  });

  it('the log travels in the plan file and a rationale can be corrected afterwards', () => {
    let p = pin(setSlider(workshopPlan(), 20), 'Workshop 10:30', '先投直播');
    p = applyOps(p, rationaleOps(p, p.decisions![0].id, '先投直播，三月复盘')).result;
    const parsed = parsePlanFile(serialisePlanFile(p, { name: 'channel-mix-planner', version: '0' }));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.plan.decisions).toEqual(p.decisions);
    expect(parsed.plan.decisions![0].rationale).toBe('先投直播，三月复盘');
  });
});
