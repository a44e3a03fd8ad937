import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { removeChannelOps } from '../../../src/engine/listEdits';
import { applyOps } from '../../../src/engine/patch';
import { parsePlanFile, serialisePlanFile } from '../../../src/engine/planFile';
import { checkPlanValues } from '../../../src/engine/planFile/checks';
import { APP, readFixture } from './helpers';

function fixture() {
  const r = parsePlanFile(readFixture('v5-decisions.cmplan.json'));
  if (!r.ok) throw new Error('fixture does not read');
  return r.plan;
}

describe('removing a channel that prices, promotions, KPIs and scenario exits name', () => {
  for (const channelId of ['ch-stores', 'ch-group-buy']) {
    it(`${channelId}: nothing is left pointing at it, the plan still exports and reads back, and undo restores it exactly`, () => {
      const plan = fixture();
      const { result, inverse, dropped } = applyOps(plan, removeChannelOps(plan, channelId));
      expect(dropped).toEqual([]);
      // A saved test design keeps the channel it was designed for: it is a record of what was planned.
      const text = JSON.stringify({ ...result, experiments: [] });
      expect(text).not.toContain(`"${channelId}"`);
      expect(checkPlanValues(result).errors).toEqual([]);
      const reread = parsePlanFile(serialisePlanFile(result, APP));
      expect(reread.ok).toBe(true);
      // Every scenario still computes without the channel.
      for (const s of result.scenarios) expect(computePlan(result, s.id).channelIds).not.toContain(channelId);
      expect(applyOps(result, inverse).result).toEqual(plan);
    });
  }
});
