import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { CURRENT_FORMAT_VERSION, DEFAULT_LIMITS, MIGRATIONS, parsePlanFile, serialisePlanFile } from '../../../src/engine/planFile';
import { planContentText } from '../../../src/engine/merge3';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import { TEMPLATE_IDS, createPlanFromTemplate } from '../../../src/engine/templates';
import { richPlanArb } from './planArbitraries';
import { APP, fileOf, readFixture } from './helpers';

/** What a plan looks like after JSON: -0 is written as 0 (the same number to every calculation). */
function asJson(x: unknown): unknown {
  if (Object.is(x, -0)) return 0;
  if (Array.isArray(x)) return x.map(asJson);
  if (x === null || typeof x !== 'object') return x;
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, asJson(v)]));
}

function reread(text: string) {
  const result = parsePlanFile(text);
  if (!result.ok) throw new Error(`expected the file to read: ${JSON.stringify(result.problems.slice(0, 5))}`);
  return result;
}

describe('export → import → export', () => {
  it.each(TEMPLATE_IDS.flatMap((id) => ['en', 'zh-CN', 'zh-TW'].map((locale) => [id, locale] as const)))(
    'reads the %s template (%s) back unchanged, without warnings',
    (id, locale) => {
      const plan = createPlanFromTemplate(id, { id: `plan-${id}`, now: Date.UTC(2026, 0, 1), locale });
      const text = fileOf(plan);
      const result = reread(text);
      expect(result.warnings).toEqual([]);
      expect(result.plan).toEqual(plan);
      expect(serialisePlanFile(result.plan, APP)).toBe(text);
    },
  );

  it('is byte-identical for generated plans with scenarios, rebates, uncertainty, bounds and evaluation', () => {
    fc.assert(
      fc.property(richPlanArb, (plan) => {
        const text = fileOf(plan);
        const result = reread(text);
        expect(result.warnings).toEqual([]);
        expect(serialisePlanFile(result.plan, APP)).toBe(text);
        // toEqual ignores fields set to undefined, which the file leaves out.
        expect(result.plan).toEqual(asJson(plan));
      }),
      { numRuns: 150 },
    );
  });

  it('keeps a large plan (200 channels × 60 months, overrides, 100 scenarios) well inside the size limit', () => {
    const plan = generateSyntheticPlan({ channels: 200, periods: 60, seed: 7, withOverrides: true });
    plan.scenarios = Array.from({ length: 100 }, (_, s) => ({
      id: `sc-${s}`,
      name: `Scenario ${s}`,
      parentId: null,
      notes: '',
      adjustments: plan.channels.slice(0, 20).map((c, a) => ({
        id: `adj-${s}-${a}`,
        target: { kind: 'channels' as const, ids: [c.id] },
        driver: 'spend' as const,
        op: { kind: 'scale' as const, percent: a },
        enabled: true,
      })),
    }));
    const text = fileOf(plan);
    expect(text.length).toBeLessThan(DEFAULT_LIMITS.maxChars / 2);
    expect(serialisePlanFile(reread(text).plan, APP)).toBe(text);
  });
});

describe('fixtures of every format version', () => {
  it('case 19: the version-1 fixture still reads, migrated to the current version', () => {
    const text = readFixture('v1-beauty.cmplan.json');
    const result = reread(text);
    expect(result.warnings).toEqual([]);
    expect(result.source).toEqual({ formatVersion: 1, app: APP });
    expect(result.plan.scenarios).toHaveLength(2);
    expect(result.plan.evaluation?.partners?.partners).toHaveLength(1);
    // Version 2 only widened the format: the plan is the same, written under the new version number.
    expect(serialisePlanFile(result.plan, APP)).toBe(text.replace('"formatVersion": 1,', `"formatVersion": ${CURRENT_FORMAT_VERSION},`));
  });

  it('case 19: the version-2 fixture reads its role target, and as long as version 2 is current it reads back byte for byte', () => {
    const text = readFixture('v2-beauty.cmplan.json');
    const result = reread(text);
    expect(result.warnings).toEqual([]);
    expect(result.source).toEqual({ formatVersion: 2, app: APP });
    const adjustments = result.plan.scenarios?.flatMap((s) => s.adjustments) ?? [];
    expect(adjustments.find((a) => a.id === 'adj-auxiliary-spend')?.target).toEqual({ kind: 'role', role: 'auxiliary' });
    // Version 3 only added optional parts: the same plan, written under the new version number.
    expect(serialisePlanFile(result.plan, APP)).toBe(text.replace('"formatVersion": 2,', `"formatVersion": ${CURRENT_FORMAT_VERSION},`));
  });

  it('case 19: the version-3 fixture reads its actuals and actualised scenario, and writes back the same but for its version', () => {
    const text = readFixture('v3-beauty.cmplan.json');
    const result = reread(text);
    expect(result.warnings).toEqual([]);
    expect(result.source).toEqual({ formatVersion: 3, app: APP });
    expect(result.plan.actuals?.series.map((s) => s.values.netRevenue?.[1])).toEqual([640_000_000, 131_000_000]);
    expect(result.plan.actuals?.series[0].values.orders?.[3]).toBeNull();
    expect(result.plan.scenarios?.find((s) => s.id === 'sc-actual-feb')?.actualise?.through).toBe('2027-02');
    expect(serialisePlanFile(result.plan, APP)).toBe(text.replace('"formatVersion": 3,', `"formatVersion": ${CURRENT_FORMAT_VERSION},`));
  });

  it('case 19: the version-4 fixture reads its regional values and policies, computes by region, and as long as version 4 is current reads back byte for byte', () => {
    const text = readFixture('v4-grocery-regions.cmplan.json');
    const result = reread(text);
    expect(result.warnings).toEqual([]);
    expect(result.source).toEqual({ formatVersion: 4, app: APP });
    const plan = result.plan;
    expect(plan.channels.find((c) => c.id === 'ch-group-buy')?.regionDrivers?.township?.aov?.base).toBe(3_200);
    expect(plan.regions.find((r) => r.id === 'tier3')?.seasonality?.[0]).toBe(1.4);
    expect(plan.policies?.groups[0].group).toEqual({ kind: 'role', role: 'main' });
    expect(plan.budgetBounds[0]).toEqual({ channelId: 'ch-stores', regionId: 'county', min: 1_000_000 });
    const res = computePlan(plan, 'sc-tier3-push');
    // The group-buy channel has a regional driver: it is computed as rows that add up to it.
    const rows = res.regional!.rows.filter((r) => r.channel === 0);
    expect(rows.map((r) => [r.regionId, r.share])).toEqual([
      ['county', 0.6],
      ['township', 0.4],
    ]);
    const P = res.periods;
    let rowsNet = 0;
    res.regional!.rows.forEach((r, k) => {
      if (r.channel === 0) for (let t = 0; t < P; t++) rowsNet += res.regional!.flows.netRevenue[k * P + t];
    });
    let channelNet = 0;
    for (let t = 0; t < P; t++) channelNet += res.flows.netRevenue[t];
    expect(rowsNet).toBe(channelNet);
    if ((CURRENT_FORMAT_VERSION as number) === 4) expect(serialisePlanFile(plan, APP)).toBe(text);
  });

  it('case 19: the version-5 fixture reads every decision part (prices, promotions, launches and exits, channel KPIs, customer value, test designs, the decision log), computes with them, and as long as version 5 is current reads back byte for byte', () => {
    const text = readFixture('v5-decisions.cmplan.json');
    const result = reread(text);
    expect(result.warnings).toEqual([]);
    expect(result.source).toEqual({ formatVersion: 5, app: APP });
    const plan = result.plan;
    expect(plan.prices?.channels.map((c) => c.channelId)).toEqual(['ch-group-buy', 'ch-front-warehouse']);
    expect(plan.promotions?.map((p) => p.template)).toEqual(['double11', 'springFestival']);
    expect(plan.channelKpis?.channels['ch-stores']?.floorArea).toBe(850);
    expect(plan.customerValue?.channels.map((c) => c.clv)).toEqual([2222, 2469]);
    expect(plan.experiments?.[0].settings.looks).toBe(5);
    expect(plan.decisions?.[0].rationale).toBe('先在三四线城市加投，三月复盘');
    const base = computePlan(plan);
    const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
    // The baseline gives up a discount in its promotion months, and only there.
    expect(sum(base.flows.promotionDiscount)).toBeGreaterThan(0);
    const july = base.months.indexOf('2027-07');
    expect(base.channelIds.every((_, c) => base.flows.promotionDiscount[c * base.periods + july] === 0)).toBe(true);
    // The scenario launches a channel and exits the stores from July 2027.
    const sc = computePlan(plan, 'sc-tier3-push');
    expect(sc.channelIds).toContain('ch-new-xhs');
    const stores = sc.channelIds.indexOf('ch-stores');
    expect(sc.flows.netRevenue[stores * sc.periods + july]).toBe(0);
    if ((CURRENT_FORMAT_VERSION as number) === 5) expect(serialisePlanFile(plan, APP)).toBe(text);
  });

  it('the version-6 fixture reads the plan\'s lineage and the file\'s origin, keeps the version-5 content, and as long as version 6 is current reads back byte for byte', () => {
    const text = readFixture('v6-lineage.cmplan.json');
    const result = reread(text);
    expect(result.warnings).toEqual([]);
    expect(result.source).toEqual({ formatVersion: 6, app: APP });
    expect(result.origin).toEqual({ planId: 'plan-decisions-v6', snapshotId: 's9f8e7d6c5b4a39281706f5e', contentHash: 'bc6d44695e7095649ae4c42c31f0c0367528d55811778e0b2e92d51a1eeafce2' });
    expect(result.plan.lineage).toEqual([{ planId: 'plan-colleague', snapshotId: 's0a1b2c3d4e5f60718293a4b', contentHash: '34c0f684fb775ead7be385dfe3fc52118c618279dc7859f5d5aa32309a35041c' }]);
    // The origin hash is SHA-256 of the canonical content text of the plan in the file.
    expect(createHash('sha256').update(planContentText(result.plan), 'utf8').digest('hex')).toBe(result.origin!.contentHash);
    // Everything else is the version-5 plan it was made from, plus a line of notes.
    const v5 = reread(readFixture('v5-decisions.cmplan.json')).plan;
    expect({ ...result.plan, id: v5.id, lineage: undefined, notes: v5.notes }).toEqual({ ...v5, lineage: undefined });
    if ((CURRENT_FORMAT_VERSION as number) === 6) expect(serialisePlanFile(result.plan, APP, { origin: result.origin })).toBe(text);
  });

  it('a version-5 file migrates to version 6 without a lineage, keeping paths (undo histories survive)', () => {
    const result = reread(readFixture('v5-decisions.cmplan.json'));
    expect(result.plan.lineage).toBeUndefined();
    expect(result.origin).toBeUndefined();
    expect(MIGRATIONS.find((m) => m.from === 5)).toMatchObject({ to: 6, keepsPaths: true });
  });

  it('an origin that is not a plan, snapshot and SHA-256 hash is dropped with a warning; the plan still reads', () => {
    const text = serialisePlanFile(reread(readFixture('v6-lineage.cmplan.json')).plan, APP, { origin: { planId: 'p', snapshotId: 's', contentHash: 'not-a-hash' } });
    const result = reread(text);
    expect(result.origin).toBeUndefined();
    expect(result.warnings).toEqual([{ code: 'invalidValue', path: ['origin'] }]);
  });

  it('case 18: the fixture from a newer version is refused before anything in it is read', () => {
    const text = readFixture('v7-newer.cmplan.json');
    const found = JSON.parse(text).formatVersion as number;
    expect(found).toBeGreaterThan(CURRENT_FORMAT_VERSION);
    expect(parsePlanFile(text)).toEqual({
      ok: false,
      problems: [{ code: 'newerVersion', path: ['formatVersion'], params: { found, supported: CURRENT_FORMAT_VERSION } }],
    });
  });

  it('case 19: there is a fixture for every version up to the current one and a migration step into each later one', () => {
    const files = readdirSync(new URL('../../fixtures/planFiles/', import.meta.url));
    for (let version = 1; version <= CURRENT_FORMAT_VERSION; version++) {
      expect(files.some((f) => f.startsWith(`v${version}-`) && f.endsWith('.cmplan.json'))).toBe(true);
      if (version > 1) expect(MIGRATIONS.some((m) => m.from === version - 1 && m.to === version)).toBe(true);
    }
    expect(MIGRATIONS.every((m) => m.to === m.from + 1 && m.to <= CURRENT_FORMAT_VERSION)).toBe(true);
  });
});
