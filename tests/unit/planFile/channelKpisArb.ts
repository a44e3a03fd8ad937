/** Channel KPIs for generated plans: any subset of the values per channel, stock with typed months. */
import fc from 'fast-check';
import { monthKeys } from '../../../src/engine/timeline';
import type { ChannelKpis, ChannelKpiValues, Plan } from '../../../src/engine/types';

const rate = fc.double({ min: 0, max: 1, noNaN: true });
const money = fc.integer({ min: 0, max: 1e12 });

function valuesArb(months: readonly string[]): fc.Arbitrary<ChannelKpiValues> {
  return fc.record(
    {
      satisfaction: rate,
      complaintRate: rate,
      nps: fc.integer({ min: -100, max: 100 }),
      marketSize: money,
      competitorShare: rate,
      floorArea: fc.double({ min: 0, max: 1e6, noNaN: true }),
      stock: fc.record(
        { base: money, overrides: fc.dictionary(fc.constantFrom(...months), money, { maxKeys: 3 }) },
        { requiredKeys: [] },
      ),
      backlogDays: fc.integer({ min: 1, max: 3650 }),
    },
    { requiredKeys: [] },
  );
}

export function withChannelKpisArb(plan: Plan): fc.Arbitrary<Plan> {
  const months = monthKeys(plan.timeline);
  const ids = plan.channels.map((c) => c.id);
  const kpis: fc.Arbitrary<ChannelKpis> = fc.record(
    {
      channels: fc.dictionary(fc.constantFrom(...ids), valuesArb(months), { maxKeys: ids.length }),
      backlogDays: fc.integer({ min: 1, max: 3650 }),
      satisfactionFloor: rate,
      complaintCeiling: rate,
    },
    { requiredKeys: ['channels'] },
  );
  return fc.option(kpis, { nil: undefined }).map((channelKpis) => (channelKpis && ids.length > 0 ? { ...plan, channelKpis } : plan));
}
