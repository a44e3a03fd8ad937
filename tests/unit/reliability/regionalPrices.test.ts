import { afterEach, describe, expect, it, vi } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { checkPrices, type PriceConflict } from '../../../src/engine/evaluation';
import { parsePlanFile } from '../../../src/engine/planFile';
import type { Plan, PriceSettings } from '../../../src/engine/types';
import { formatMoney } from '../../../src/i18n/format';
import { i18n, t } from '../../../src/state/i18n.svelte';
import { aovFromPriceOps } from '../../../src/ui/evaluate/regionalPriceEdits';
import { edit, readFixture } from '../planFile/helpers';

/**
 * Bad values a plan file can carry into the regional price checks (the forms refuse them, a file
 * written by hand or by another tool does not): each is read, reported in plain words and kept out of
 * the figures; no NaN or ∞ reaches a check.
 */
const PRICES: PriceSettings = {
  reference: { rice: 4_000 },
  tolerance: 0.1,
  entries: [
    { id: 'gb-all', product: 'rice', channelId: 'ch-group-buy', regionId: '', price: 4_000 },
    { id: 'gb-town', product: 'rice', channelId: 'ch-group-buy', regionId: 'township', price: 3_400 },
    { id: 'fw-town', product: 'rice', channelId: 'ch-front-warehouse', regionId: 'township', price: 2_000 },
    { id: 'fw-t3', product: 'rice', channelId: 'ch-front-warehouse', regionId: 'tier3', price: 4_200 },
  ],
  freight: [{ from: 'county', to: 'tier3', cost: -50 }],
};

function readPlan(change: (plan: Plan) => void): Plan {
  const text = edit(readFixture('v4-grocery-regions.cmplan.json'), (file) => {
    file.plan.evaluation.prices = PRICES;
    change(file.plan as Plan);
  });
  const read = parsePlanFile(text);
  if (!read.ok) throw new Error(JSON.stringify(read.problems.slice(0, 3)));
  return read.plan;
}

/** The English messages, as the view shows them (i18n.set touches the document's lang). */
async function english(): Promise<void> {
  vi.stubGlobal('document', { documentElement: { lang: '' } });
  await i18n.set('en', false);
}

const finite = (v: unknown): boolean => typeof v !== 'number' || Number.isFinite(v);
const diversions = (cs: PriceConflict[]) => cs.filter((c): c is Extract<PriceConflict, { kind: 'diversion' }> => c.kind === 'diversion');

describe('regional prices read from a plan file', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('case 53: a price for a region its channel does not serve is named, kept out of the diversion check and shown as such, never compared with an AOV', async () => {
    const plan = readPlan(() => {});
    const check = checkPrices(plan, computePlan(plan), plan.evaluation.prices!);
    expect(check.problems).toContainEqual({ code: 'regionNotServed', entryId: 'fw-town', channelId: 'ch-front-warehouse', regionId: 'township' });
    expect(check.aov.find((a) => a.entryId === 'fw-town')).toMatchObject({ status: 'notServed', planAov: null, impliedAov: null, gap: null });
    // ¥20 in the township would undercut every other price; it takes part in no pair.
    expect(diversions(check.conflicts).some((d) => d.low.entryId === 'fw-town' || d.high.entryId === 'fw-town')).toBe(false);
    await english();
    expect(t('price.problem.regionNotServed', { channel: '前置仓到家配送', region: '乡镇及农村', product: 'rice' })).toBe(
      '前置仓到家配送 does not serve 乡镇及农村: its price of rice there is left out of the diversion check.',
    );
  });

  it('case 54: freight with a negative cost is reported with its route and cost and not used (the pair counts as freight unknown)', async () => {
    const plan = readPlan(() => {});
    expect(plan.evaluation.prices!.freight[0].cost).toBe(-50);
    const check = checkPrices(plan, computePlan(plan), plan.evaluation.prices!);
    expect(check.problems).toContainEqual({ code: 'freightInvalid', index: 0, cost: -50 });
    for (const d of diversions(check.conflicts)) {
      if ([d.low.regionId, d.high.regionId].sort().join() === 'county,tier3') expect(d).toMatchObject({ freight: 0, freightUnknown: true });
      expect(d.margin).toBe(d.gap - d.freight);
    }
    // The group-buy price for all regions stands in for the county: ¥40 there against ¥42 in tier-3 cities.
    const countyTier3 = diversions(check.conflicts).find((d) => d.low.regionId === 'county' && d.high.regionId === 'tier3');
    expect(countyTier3).toMatchObject({ low: { entryId: 'gb-all', fallback: true, price: 4_000 }, high: { entryId: 'fw-t3', price: 4_200 }, margin: 200 });
    await english();
    expect(t('price.problem.freightInvalid', { n: 1, cost: formatMoney(-50, 'CNY', 'en') })).toBe('Freight route 1 costs -¥0.50; freight must be 0 or more, so the route is not used.');
  });

  it('case 55: a regional AOV of 0 is stated, not divided by: no ratio, no NaN, and the fix offers the price list’s AOV', () => {
    const plan = readPlan((p) => {
      p.channels.find((c) => c.id === 'ch-group-buy')!.regionDrivers!.township.aov = { base: 0 };
    });
    const res = computePlan(plan);
    const check = checkPrices(plan, res, plan.evaluation.prices!);
    const town = check.aov.find((a) => a.entryId === 'gb-town')!;
    expect(town).toMatchObject({ status: 'zeroAov', planAov: 0, planRatio: null, impliedAov: null, gap: null, priceRatio: 0.85 });
    for (const a of check.aov) for (const v of Object.values(a)) expect(finite(v)).toBe(true);
    for (const c of check.conflicts) for (const v of Object.values(c)) expect(finite(v)).toBe(true);
    // The fix: the channel's ¥38.00 × (¥34.00 / ¥40.00) = ¥32.30, as the township's own AOV, in one op.
    const fix = aovFromPriceOps(plan, town)!;
    expect(fix.value).toBe(3_230);
    expect(fix.ops).toHaveLength(1);
    expect(fix.ops[0].path).toEqual(['channels', { id: 'ch-group-buy' }, 'regionDrivers']);
    expect((fix.ops[0].value as Record<string, Record<string, unknown>>).township).toEqual({ aov: { base: 3_230 }, conversion: { base: 0.1 } });
  });
});
