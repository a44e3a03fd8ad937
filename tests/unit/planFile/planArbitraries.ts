/**
 * Plans as the app can produce them, for property tests of the plan file: templates and synthetic
 * plans of any size, with scenarios, cannibalisation, uncertain drivers, budget bounds, curve points,
 * rebates, custom metrics, evaluation settings, monthly actuals, actualised scenarios and promotions on top. Every plan generated here is valid, so a
 * file written from it must read back without a problem or a warning.
 */
import fc from 'fast-check';
import { DRIVER_SPECS } from '../../../src/engine/drivers';
import { withChannelKpisArb } from './channelKpisArb';
import { DEFAULT_PARTNER_WEIGHTS } from '../../../src/engine/evaluation/partners';
import { channelOfType } from '../../../src/engine/lifecycle/typeDefaults';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import { TEMPLATE_IDS, createPlanFromTemplate } from '../../../src/engine/templates';
import { monthKeys, shiftMonth } from '../../../src/engine/timeline';
import {
  ACTUAL_MEASURES,
  ACTUAL_MONEY_MEASURES,
  ACTUAL_SOURCES,
  BCG_GROWTH_MODES,
  BCG_SHARE_MODES,
  CHANNEL_ROLES,
  CHANNEL_TYPES,
  RAMP_SHAPES,
  DISTRIBUTIONS,
  DRIVER_KEYS,
  FLOW_METRICS,
  KPI_DIRECTIONS,
  NORMALISATIONS,
  PARTNER_CRITERIA,
  PARTNER_KINDS,
  PROMOTION_LIFT_TARGETS,
  PROMOTION_TEMPLATES,
  PRICE_TARGETS,
  REBATE_MODES,
  SETTLEMENT_PERIODS,
  type Actuals,
  type ActualSeries,
  type Adjustment,
  type AdjustmentOp,
  type AdjustmentTarget,
  type Channel,
  type ChannelBudgetBounds,
  type Driver,
  type DriverKey,
  type Evaluation,
  type Plan,
  type Promotion,
  type PromotionChange,
  type RebateScheme,
  type Scenario,
} from '../../../src/engine/types';

/** Text that is awkward for a JSON writer: quotes, backslashes, controls, U+2028, lone surrogates, markup. */
export const awkwardText = (maxLength = 20): fc.Arbitrary<string> =>
  fc.string({
    maxLength,
    unit: fc.oneof(
      { weight: 5, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
      fc.constantFrom('"', '\\', '\n', '\t', '\u0000', '\u2028', '\ud800', '\udfff', '<img src=x onerror=window.__x=1>', '{', ']'),
    ),
  });

/** A name the plan validator accepts: something besides white space, at most 200 characters. */
const nameArb = awkwardText(30).filter((s) => s.trim() !== '');

const money = fc.integer({ min: 0, max: 1e12 });
const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 });

/** A value inside a driver's valid range (money in whole minor units). */
function driverValue(key: DriverKey): fc.Arbitrary<number> {
  const spec = DRIVER_SPECS[key];
  if (spec.unit === 'money') return fc.integer({ min: 0, max: 1e12 });
  if (spec.unit === 'rate') return fc.double({ min: 0, max: 1, noNaN: true });
  return fc.double({ min: 0, max: 1e9, noNaN: true });
}

const basePlanArb: fc.Arbitrary<Plan> = fc.oneof(
  fc
    .record({
      id: fc.constantFrom(...TEMPLATE_IDS),
      locale: fc.constantFrom('en', 'zh-CN', 'zh-TW'),
      now: fc.integer({ min: 0, max: 4e12 }),
    })
    .map(({ id, locale, now }) => createPlanFromTemplate(id, { id: `plan-${id}`, now, locale })),
  fc
    .record({
      channels: fc.integer({ min: 1, max: 8 }),
      periods: fc.integer({ min: 12, max: 60 }),
      seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      withOverrides: fc.boolean(),
    })
    .map((o) => generateSyntheticPlan(o)),
);

function targetArb(channelIds: readonly string[]): fc.Arbitrary<AdjustmentTarget> {
  const options: fc.Arbitrary<AdjustmentTarget>[] = [
    fc.constant({ kind: 'all' as const }),
    fc.constantFrom(...CHANNEL_TYPES).map((type) => ({ kind: 'type' as const, type })),
    fc.constantFrom(...CHANNEL_ROLES).map((role) => ({ kind: 'role' as const, role })),
  ];
  if (channelIds.length > 0) {
    options.push(fc.shuffledSubarray([...channelIds], { minLength: 1 }).map((ids) => ({ kind: 'channels' as const, ids })));
  }
  return fc.oneof(...options);
}

function opArb(driver: DriverKey, channelIds: readonly string[]): fc.Arbitrary<AdjustmentOp> {
  const options: fc.Arbitrary<AdjustmentOp>[] = [
    driverValue(driver).map((value) => ({ kind: 'set' as const, value })),
    fc.double({ min: -100, max: 500, noNaN: true }).map((percent) => ({ kind: 'scale' as const, percent })),
    (DRIVER_SPECS[driver].unit === 'money' ? fc.integer({ min: -1e9, max: 1e9 }) : fc.double({ min: -1, max: 1, noNaN: true })).map(
      (value) => ({ kind: 'add' as const, value }),
    ),
  ];
  if (channelIds.length >= 2) {
    options.push(
      fc
        .record({ pair: fc.shuffledSubarray([...channelIds], { minLength: 2, maxLength: 2 }), amount: money })
        .map(({ pair, amount }) => ({ kind: 'move' as const, from: pair[0], to: pair[1], amount })),
    );
  }
  return fc.oneof(...options);
}

function adjustmentArb(id: string, channelIds: readonly string[], months: readonly string[]): fc.Arbitrary<Adjustment> {
  return fc
    .record({
      driver: fc.constantFrom(...DRIVER_KEYS),
      range: fc.option(fc.tuple(fc.nat(months.length - 1), fc.nat(months.length - 1)), { nil: undefined }),
      slider: fc.option(fc.record({ min: fc.integer({ min: -1000, max: 0 }), span: fc.integer({ min: 1, max: 1000 }), step: fc.double({ min: 0.01, max: 10, noNaN: true }) }), { nil: undefined }),
      enabled: fc.boolean(),
      openEnded: fc.boolean(),
    })
    .chain(({ driver, range, slider, enabled, openEnded }) =>
      fc.record({ target: targetArb(channelIds), op: opArb(driver, channelIds) }).map(({ target, op }) => {
        const adj: Adjustment = { id, target, driver, op, enabled };
        if (range) {
          const [a, b] = range[0] <= range[1] ? range : [range[1], range[0]];
          adj.from = months[a];
          if (!openEnded) adj.to = months[b];
        }
        // The app clears optional fields by setting them to undefined; the writer leaves them out.
        adj.slider = slider ? { min: slider.min, max: slider.min + slider.span, step: slider.step } : undefined;
        return adj;
      }),
    );
}

/** A scenario's launch of a new channel and exit of a plan channel (part of its demand moving to the new one), or nothing. */
function lifecycleArb(s: number, channelIds: readonly string[], months: readonly string[]): fc.Arbitrary<Pick<Scenario, 'launches' | 'exits'> | undefined> {
  if (channelIds.length === 0) return fc.constant(undefined);
  return fc.option(
    fc
      .record({
        type: fc.constantFrom(...CHANNEL_TYPES),
        launchMonth: fc.constantFrom(...months),
        rampMonths: fc.integer({ min: 0, max: 12 }),
        rampShape: fc.constantFrom(...RAMP_SHAPES),
        launchCost: fc.integer({ min: 0, max: 1e10 }),
        exitOf: fc.constantFrom(...channelIds),
        exitMonth: fc.constantFrom(...months),
        share: fc.double({ min: 0, max: 1, noNaN: true }),
      })
      .map((x) => {
        const id = `ch-launch-${s}`;
        return {
          launches: [{ channel: channelOfType(id, `New ${s}`, x.type, '#123456', 2), month: x.launchMonth, rampMonths: x.rampMonths, rampShape: x.rampShape, launchCost: x.launchCost }],
          exits: [{ channelId: x.exitOf, month: x.exitMonth, transfers: [{ channelId: id, share: x.share }] }],
        };
      }),
    { nil: undefined },
  );
}

function scenariosArb(channelIds: readonly string[], months: readonly string[]): fc.Arbitrary<Scenario[]> {
  return fc.integer({ min: 0, max: 4 }).chain((count) =>
    fc.tuple(
      ...Array.from({ length: count }, (_, s) =>
        fc
          .record({
            name: nameArb,
            notes: awkwardText(),
            // A parent earlier in the list, so chains never loop.
            parent: fc.option(fc.nat(Math.max(0, s - 1)), { nil: null }),
            adjustments: fc.integer({ min: 0, max: 5 }),
            life: lifecycleArb(s, channelIds, months),
          })
          .chain(({ name, notes, parent, adjustments, life }) =>
            fc
              .tuple(...Array.from({ length: adjustments }, (_, a) => adjustmentArb(`adj-${s}-${a}`, channelIds, months)))
              .map(
                (adjs): Scenario => ({
                  id: `sc-${s}`,
                  name,
                  parentId: parent === null || s === 0 ? null : `sc-${parent}`,
                  adjustments: adjs,
                  notes,
                  ...(life ?? {}),
                }),
              ),
          ),
      ),
    ),
  );
}

const rebateArb: fc.Arbitrary<RebateScheme> = fc
  .record({
    mode: fc.constantFrom(...REBATE_MODES),
    period: fc.constantFrom(...SETTLEMENT_PERIODS),
    thresholds: fc.uniqueArray(fc.integer({ min: 0, max: 1e10 }), { maxLength: 4 }),
    rates: fc.array(fc.double({ min: 0, max: 0.1, noNaN: true }), { minLength: 4, maxLength: 4 }),
  })
  .map(({ mode, period, thresholds, rates }) => {
    const sortedRates = [...rates].sort((a, b) => a - b);
    const tiers = [...thresholds].sort((a, b) => a - b).map((threshold, i) => ({ threshold, rate: sortedRates[i] }));
    return { mode, period, tiers };
  });

function boundsArb(channelIds: readonly string[]): fc.Arbitrary<ChannelBudgetBounds[]> {
  return fc.shuffledSubarray([...channelIds]).chain((ids) =>
    fc.tuple(
      ...ids.map((channelId) =>
        fc
          .record({ lo: fc.option(money, { nil: undefined }), extra: fc.option(money, { nil: undefined }), frozen: fc.option(fc.boolean(), { nil: undefined }) })
          .map(({ lo, extra, frozen }): ChannelBudgetBounds => ({
            channelId,
            min: lo,
            max: extra === undefined ? undefined : (lo ?? 0) + extra,
            frozen,
          })),
      ),
    ),
  );
}

function evaluationArb(plan: Plan): fc.Arbitrary<Evaluation> {
  const channelIds = plan.channels.map((c) => c.id);
  const regionIds = ['', ...plan.regions.map((r) => r.id)];
  const product = awkwardText(12).filter((s) => !['__proto__', 'constructor', 'prototype'].includes(s));
  const scores = fc.tuple(...PARTNER_CRITERIA.map(() => fc.integer({ min: 1, max: 5 }))).map((s) =>
    Object.fromEntries(PARTNER_CRITERIA.map((c, i) => [c, s[i]])) as Record<(typeof PARTNER_CRITERIA)[number], number>,
  );
  return fc.record(
    {
      scorecard: fc.record({
        kpis: fc.array(
          fc.record(
            {
              metric: fc.oneof(fc.constantFrom(...FLOW_METRICS, 'roi' as const, 'cac' as const), fc.constantFrom(...plan.customMetrics.map((m) => `custom:${m.id}` as const), 'spend' as const)),
              weight: fc.integer({ min: 0, max: 100 }),
              direction: fc.constantFrom(...KPI_DIRECTIONS),
              normalisation: fc.constantFrom(...NORMALISATIONS),
              target: finite,
              red: finite,
              green: finite,
            },
            { requiredKeys: ['metric', 'weight', 'direction', 'normalisation'] },
          ),
          { maxLength: 4 },
        ).map((kpis) => kpis.map((k, i) => ({ id: `kpi-${i}`, ...k }))),
      }),
      bcg: fc.record(
        { shareMode: fc.constantFrom(...BCG_SHARE_MODES), growthMode: fc.constantFrom(...BCG_GROWTH_MODES), shareThreshold: finite, growthThreshold: finite },
        { requiredKeys: ['shareMode', 'growthMode'] },
      ),
      partners: fc.array(fc.record({ name: nameArb, kind: fc.constantFrom(...PARTNER_KINDS), regionId: fc.constantFrom(...regionIds), scores }), { maxLength: 4 }).map((list) => ({
        weights: { ...DEFAULT_PARTNER_WEIGHTS },
        partners: list.map((p, i) => ({ id: `partner-${i}`, ...p })),
      })),
      prices: fc.record({
        reference: fc.dictionary(product, money, { maxKeys: 4 }),
        tolerance: fc.double({ min: 0, max: 1, noNaN: true }),
        entries: fc
          .array(fc.record({ product, channelId: fc.constantFrom(...channelIds), regionId: fc.constantFrom(...regionIds), price: money }), { maxLength: 4 })
          .map((list) => list.map((e, i) => ({ id: `price-${i}`, ...e }))),
        freight: fc.array(fc.record({ from: fc.constantFrom(...regionIds.slice(1), ''), to: fc.constantFrom(...regionIds.slice(1), ''), cost: money }), { maxLength: 3 }),
      }),
    },
    { requiredKeys: [] },
  );
}

/** Each ordered channel pair once: a repeated pair is a (tolerated) slip that the reader warns about. */
function uniquePairs(list: readonly { pair: string[] | null; rate: number }[]): { from: string; to: string; rate: number }[] {
  const seen = new Set<string>();
  const out: { from: string; to: string; rate: number }[] = [];
  for (const { pair, rate } of list) {
    if (pair === null || seen.has(pair.join('\u0000'))) continue;
    seen.add(pair.join('\u0000'));
    out.push({ from: pair[0], to: pair[1], rate });
  }
  return out;
}

/** Monthly actuals as an import leaves them: one series per channel × region, gaps as null, names mapped. */
function actualsArb(plan: Plan): fc.Arbitrary<Actuals> {
  const keys = plan.channels.flatMap((c) => ['', ...plan.regions.map((r) => r.id)].map((regionId) => ({ channelId: c.id, regionId })));
  return fc
    .record({
      before: fc.integer({ min: 0, max: 24 }),
      months: fc.integer({ min: 1, max: 30 }),
      keys: fc.shuffledSubarray(keys, { minLength: 1, maxLength: Math.min(6, keys.length) }),
      measures: fc.subarray([...ACTUAL_MEASURES], { minLength: 1 }),
      kind: fc.constantFrom(...ACTUAL_SOURCES),
      source: awkwardText(),
      importedAt: fc.integer({ min: 0, max: 2 ** 41 }),
      names: fc.array(fc.record({ name: awkwardText(12), pick: fc.nat() }), { maxLength: 3 }),
    })
    .chain(({ before, months, keys: picked, measures, kind, source, importedAt, names }) => {
      const value = (m: (typeof ACTUAL_MEASURES)[number]) =>
        ACTUAL_MONEY_MEASURES.has(m) || m === 'customers' || m === 'orders' ? fc.integer({ min: 0, max: 1e12 }) : fc.integer({ min: -1e6, max: 1e9 });
      const column = (m: (typeof ACTUAL_MEASURES)[number]) => fc.array(fc.option(value(m), { nil: null, freq: 5 }), { minLength: months, maxLength: months });
      const seriesArb = (k: { channelId: string; regionId: string }): fc.Arbitrary<ActualSeries> =>
        fc.tuple(...measures.map(column)).map((cols) => ({ ...k, values: Object.fromEntries(measures.map((m, i) => [m, cols[i]])) }));
      const targets = ['', ...plan.channels.map((c) => c.id)];
      return fc.tuple(...picked.map(seriesArb)).map(
        (series): Actuals => ({
          start: shiftMonth(plan.timeline.start, -before)!,
          months,
          series,
          source: { kind, name: source, importedAt },
          channelNames: names.map((n) => ({ name: n.name, targetId: targets[n.pick % targets.length] })),
          regionNames: [],
        }),
      );
    });
}

/** A scenario actualised through a plan month, with a re-forecast of some channels. */
function actualisedArb(plan: Plan, id: string): fc.Arbitrary<Scenario> {
  const months = monthKeys(plan.timeline);
  return fc
    .record({
      at: fc.nat(months.length - 1),
      reforecast: fc.boolean(),
      channels: fc.subarray(plan.channels.map((c) => c.id)),
      values: fc.array(fc.integer({ min: 0, max: 1e12 }), { maxLength: 60 }),
    })
    .map(({ at, reforecast, channels, values }) => ({
      id,
      name: `Actual through ${months[at]}`,
      parentId: null,
      adjustments: [],
      notes: '',
      actualise: reforecast
        ? { through: months[at], after: 'reforecast' as const, reforecast: channels.map((channelId) => ({ channelId, netRevenue: values.slice(0, months.length - at - 1) })) }
        : { through: months[at], after: 'plan' as const },
    }));
}

/** A driver a region has of its own: a base in range, sometimes growth and a season. */
function regionDriverArb(key: DriverKey): fc.Arbitrary<Driver> {
  return fc
    .record({
      base: driverValue(key),
      growth: fc.option(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { nil: undefined }),
      seasonality: fc.option(fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 12, maxLength: 12 }), { nil: undefined }),
    })
    .map(({ base, growth, seasonality }) => ({ base, ...(growth === undefined ? {} : { growth }), ...(seasonality ? { seasonality } : {}) }));
}

/** Region weights and drivers of the channels' served regions, and regions' own seasons. */
function regionalValuesArb(plan: Plan): fc.Arbitrary<Plan> {
  if (plan.regions.length === 0) return fc.constant(plan);
  const channelArb = (ch: Channel): fc.Arbitrary<Channel> => {
    const served = ch.regions.filter((r) => plan.regions.some((x) => x.id === r));
    if (served.length === 0) return fc.constant(ch);
    const weights = fc.option(fc.dictionary(fc.constantFrom(...served), fc.double({ min: 0, max: 100, noNaN: true }), { minKeys: 1, maxKeys: served.length }), { nil: undefined });
    const ownDrivers = fc.option(
      fc.dictionary(fc.constantFrom(...served), fc.constantFrom(...DRIVER_KEYS).chain((k) => regionDriverArb(k).map((d) => ({ [k]: d }))), { minKeys: 1, maxKeys: served.length }),
      { nil: undefined },
    );
    return fc.record({ weights, ownDrivers }).map(({ weights, ownDrivers }) => ({
      ...ch,
      ...(weights ? { regionWeights: weights } : {}),
      ...(ownDrivers ? { regionDrivers: ownDrivers } : {}),
    }));
  };
  const season = fc.option(fc.array(fc.double({ min: 0.01, max: 10, noNaN: true }), { minLength: 12, maxLength: 12 }), { nil: undefined });
  return fc
    .record({
      withRegional: fc.boolean(),
      channels: fc.tuple(...plan.channels.map(channelArb)),
      seasons: fc.array(season, { minLength: plan.regions.length, maxLength: plan.regions.length }),
    })
    .map(({ withRegional, channels, seasons }) =>
      withRegional ? { ...plan, channels, regions: plan.regions.map((r, i) => (seasons[i] ? { ...r, seasonality: seasons[i] } : r)) } : plan,
    );
}

/** Sometimes a price lever (typed and estimated elasticities) and scenario price changes. */
function priceLeverArb(plan: Plan): fc.Arbitrary<Plan> {
  const months = monthKeys(plan.timeline);
  const ids = plan.channels.map((c) => c.id);
  const eps = fc.double({ min: -20, max: 20, noNaN: true });
  const source = fc.oneof(
    fc.constant({ kind: 'typed' as const }),
    fc.record({ estimate: eps, w: fc.double({ min: 0, max: 5, noNaN: true }), priceChanges: fc.nat(500), observations: fc.nat(5000), dataSet: awkwardText(40), day: fc.integer({ min: 1, max: 28 }), scope: awkwardText(20) })
      .map(({ w, day, estimate, ...rest }) => ({ kind: 'estimated' as const, estimate, low: estimate - w, high: estimate + w, estimatedAt: `2026-11-${String(day).padStart(2, '0')}`, ...rest })),
  );
  const entry = fc.record(
    {
      channelId: fc.constantFrom(...ids),
      index: fc.record({ base: fc.double({ min: 0.01, max: 100, noNaN: true }), growth: fc.double({ min: -0.5, max: 1, noNaN: true }), overrides: fc.dictionary(fc.constantFrom(...months), fc.double({ min: 0.01, max: 100, noNaN: true }), { maxKeys: 3 }) }, { requiredKeys: ['base'] }),
      elasticity: eps,
      source,
      actsOn: fc.constantFrom(...PRICE_TARGETS),
      range: fc.tuple(eps, eps).map(([a, b]) => ({ low: Math.min(a, b), high: Math.max(a, b) })),
    },
    { requiredKeys: ['channelId', 'index'] },
  );
  const lever = fc.record(
    { elasticity: eps, actsOn: fc.constantFrom(...PRICE_TARGETS), channels: fc.uniqueArray(entry, { selector: (e) => e.channelId, maxLength: 4 }), conversionCorrelation: fc.double({ min: -1, max: 1, noNaN: true }) },
    { requiredKeys: ['elasticity', 'actsOn', 'channels'] },
  );
  const change = fc.record(
    { channelIds: fc.subarray(ids), from: fc.constantFrom(...months), to: fc.constantFrom(...months), percent: fc.double({ min: -99, max: 200, noNaN: true }), enabled: fc.boolean() },
    { requiredKeys: ['channelIds', 'percent', 'enabled'] },
  );
  return fc
    .record({ lever: fc.option(lever, { nil: undefined }), changes: fc.array(fc.option(fc.array(change, { maxLength: 3 }), { nil: undefined }), { minLength: plan.scenarios.length, maxLength: plan.scenarios.length }) })
    .map(({ lever, changes }) => ({
      ...plan,
      ...(lever ? { prices: lever } : {}),
      scenarios: plan.scenarios.map((s, k) => (changes[k] ? { ...s, priceChanges: changes[k].map((c, i) => ({ id: `pc-${i}`, ...c })) } : s)),
    }));
}

/** A valid plan with any mix of the optional parts. */
export const richPlanArb: fc.Arbitrary<Plan> = basePlanArb.chain((base) => {
  const channelIds = base.channels.map((c) => c.id);
  const months = monthKeys(base.timeline);
  const pairs = channelIds.length >= 2 ? fc.shuffledSubarray(channelIds, { minLength: 2, maxLength: 2 }) : fc.constant(null);
  return fc
    .record({
      name: nameArb,
      notes: awkwardText(200),
      customMetrics: fc.array(fc.record({ name: nameArb, formula: awkwardText(), format: fc.constantFrom('number' as const, 'money' as const, 'percent' as const) }), { maxLength: 3 }),
      scenarios: fc.option(scenariosArb(channelIds, months), { nil: undefined }),
      cannibalisation: fc.option(
        fc.array(fc.record({ pair: pairs, rate: fc.double({ min: 0, max: 1, noNaN: true }) }), { maxLength: 3 }),
        { nil: undefined },
      ),
      uncertainty: fc.option(
        fc.array(
          fc.record({
            channelId: fc.constantFrom(...channelIds),
            driver: fc.constantFrom(...DRIVER_KEYS),
            a: fc.double({ min: 0.001, max: 1, noNaN: true }),
            b: fc.double({ min: 0.001, max: 1, noNaN: true }),
            distribution: fc.constantFrom(...DISTRIBUTIONS),
          }),
          { maxLength: 4 },
        ),
        { nil: undefined },
      ),
      budgetBounds: fc.option(boundsArb(channelIds), { nil: undefined }),
      curvePoints: fc.array(fc.option(fc.array(fc.record({ spend: money, outcome: fc.double({ min: 0, max: 1e9, noNaN: true }) }), { maxLength: 6 }), { nil: undefined }), {
        minLength: channelIds.length,
        maxLength: channelIds.length,
      }),
      rebates: fc.array(fc.option(rebateArb, { nil: undefined }), { minLength: channelIds.length, maxLength: channelIds.length }),
      withEvaluation: fc.boolean(),
      withActuals: fc.boolean(),
    })
    .chain((x) => {
      const customMetrics = [...base.customMetrics, ...x.customMetrics.map((m, i) => ({ id: `cm-extra-${i}`, ...m }))];
      const plan: Plan = {
        ...base,
        name: x.name,
        notes: x.notes,
        customMetrics,
        channels: base.channels.map((ch, i) => ({ ...ch, curvePoints: x.curvePoints[i], rebate: x.rebates[i] })),
        scenarios: x.scenarios ?? [],
        cannibalisation: x.cannibalisation ? uniquePairs(x.cannibalisation) : [],
        uncertainty: x.uncertainty?.map((u, i) => ({
          id: `u-${i}`,
          channelId: u.channelId,
          driver: u.driver,
          low: Math.min(u.a, u.b),
          high: Math.max(u.a, u.b),
          distribution: u.distribution,
        })) ?? [],
        budgetBounds: x.budgetBounds ?? [],
      };
      const evaluated = x.withEvaluation ? evaluationArb(plan).map((evaluation) => ({ ...plan, evaluation })) : fc.constant(plan);
      if (!x.withActuals) return evaluated;
      return evaluated.chain((p) =>
        fc.tuple(actualsArb(p), actualisedArb(p, 'sc-actualised')).map(([actuals, scenario]) => ({ ...p, actuals, scenarios: [...p.scenarios, scenario] })),
      );
    })
    .chain(regionalValuesArb)
    .chain(promotionsArb)
    .chain(withChannelKpisArb)
    .chain(priceLeverArb);
});

/** Promotions on the plan's calendar, and scenarios switching or changing them (half the plans have none). */
function promotionsArb(plan: Plan): fc.Arbitrary<Plan> {
  const ids = plan.channels.map((c) => c.id);
  const first = Date.UTC(Number(plan.timeline.start.slice(0, 4)), Number(plan.timeline.start.slice(5, 7)) - 1, 1) / 86_400_000;
  const iso = (d: number): string => new Date(d * 86_400_000).toISOString().slice(0, 10);
  const rate = (max: number) => fc.double({ min: 0, max, noNaN: true });
  const promotion = (k: number) =>
    fc
      .record({
        name: awkwardText(),
        channelIds: ids.length > 0 ? fc.shuffledSubarray(ids) : fc.constant<string[]>([]),
        start: fc.integer({ min: -30, max: 400 }),
        days: fc.integer({ min: 1, max: 60 }),
        depth: rate(0.95),
        lift: rate(20),
        liftOn: fc.constantFrom(...PROMOTION_LIFT_TARGETS),
        pullForward: fc.option(fc.record({ share: rate(0.5), days: fc.integer({ min: 1, max: 90 }) }), { nil: undefined }),
        hangover: fc.option(fc.record({ share: rate(0.5), months: fc.integer({ min: 1, max: 12 }) }), { nil: undefined }),
        template: fc.option(fc.constantFrom(...PROMOTION_TEMPLATES), { nil: undefined }),
        enabled: fc.boolean(),
      })
      .map(({ start, days, pullForward, hangover, template, ...o }): Promotion => {
        const p: Promotion = { id: `promo-${k}`, ...o, start: iso(first + start), end: iso(first + start + days - 1) };
        if (pullForward) p.pullForward = pullForward;
        if (hangover) p.hangover = hangover;
        if (template) p.template = template;
        return p;
      });
  return fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }).chain((n) => {
    if (n === undefined) return fc.constant(plan);
    return fc.tuple(...Array.from({ length: n }, (_, k) => promotion(k))).chain((promotions) => {
      const change = (promotionId: string) =>
        fc.record({ enabled: fc.option(fc.boolean(), { nil: undefined }), depth: fc.option(rate(0.95), { nil: undefined }), lift: fc.option(rate(20), { nil: undefined }) }).map((c): PromotionChange => {
          const out: PromotionChange = { promotionId };
          if (c.enabled !== undefined) out.enabled = c.enabled;
          if (c.depth !== undefined) out.depth = c.depth;
          if (c.lift !== undefined) out.lift = c.lift;
          return out;
        });
      const changes = promotions.length === 0 || plan.scenarios.length === 0 ? fc.constant<PromotionChange[]>([]) : fc.array(change(promotions[0].id), { maxLength: 2 });
      return changes.map((list): Plan => ({
        ...plan,
        promotions,
        scenarios: plan.scenarios.map((s, i) => (i === 0 && list.length > 0 ? { ...s, promotions: list } : s)),
      }));
    });
  });
}
