import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computePlan, scenarioSeries } from '../../../src/engine/compute';
import { goalSeek } from '../../../src/engine/goalSeek';
import { checkPromotions } from '../../../src/engine/levers/promotionChecks';
import { dayNumber, monthShares } from '../../../src/engine/levers/promotionDays';
import { promotionEffects } from '../../../src/engine/levers/promotionEffects';
import { promotionFromTemplate, templateYears } from '../../../src/engine/levers/promotionTemplates';
import { buildModels, channelValue } from '../../../src/engine/optimiser';
import { rollup, rollupValue } from '../../../src/engine/rollup';
import { springFestivalDate } from '../../../src/engine/seasonality/springFestival';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import { FLOW_METRICS, MONEY_FLOWS, type Plan, type Promotion } from '../../../src/engine/types';
import { newMoonDaysInChina } from './newMoon';
import { simpleChannel, simplePlan } from './planFixtures';

const sum = (a: ArrayLike<number>): number => Array.from(a).reduce((s, v) => s + v, 0);

function promo(over: Partial<Promotion> = {}): Promotion {
  return { id: 'p1', name: 'Double 11', channelIds: ['a'], start: '2027-11-01', end: '2027-11-11', depth: 0.2, lift: 1.5, liftOn: 'conversion', enabled: true, ...over };
}

/** A plan whose one channel has no spend curve, so orders = base traffic × conversion by hand. */
function flatPlan(p: Promotion[]): Plan {
  const plan = simplePlan([simpleChannel('a', { spend: { base: 0 } }, { type: 'none', max: 0, halfSat: 0, shape: 1 })], 24);
  plan.promotions = p;
  return plan;
}

const promoArb = (plan: Plan) =>
  fc.record({
    start: fc.integer({ min: 0, max: 300 }),
    days: fc.integer({ min: 1, max: 40 }),
    depth: fc.double({ min: 0, max: 0.9, noNaN: true }),
    lift: fc.double({ min: 0, max: 4, noNaN: true }),
    liftOn: fc.constantFrom('conversion' as const, 'traffic' as const),
    pull: fc.option(fc.record({ share: fc.double({ min: 0, max: 0.5, noNaN: true }), days: fc.integer({ min: 1, max: 30 }) }), { nil: undefined }),
    hang: fc.option(fc.record({ share: fc.double({ min: 0, max: 0.5, noNaN: true }), months: fc.integer({ min: 1, max: 3 }) }), { nil: undefined }),
    channels: fc.subarray(plan.channels.map((c) => c.id), { minLength: 1 }),
  }).map((o): Promotion => {
    const first = dayNumber(`${plan.timeline.start}-01`)!;
    const iso = (d: number): string => new Date(d * 86_400_000).toISOString().slice(0, 10);
    const p: Promotion = { id: 'x', name: 'x', channelIds: o.channels, start: iso(first + o.start), end: iso(first + o.start + o.days - 1), depth: o.depth, lift: o.lift, liftOn: o.liftOn, enabled: true };
    if (o.pull) p.pullForward = o.pull;
    if (o.hang) p.hangover = o.hang;
    return p;
  });

const synthetic = fc.record({ channels: fc.integer({ min: 1, max: 6 }), seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }), withOverrides: fc.boolean() })
  .map((o) => generateSyntheticPlan({ ...o, periods: 24 }));

describe('promotion days', () => {
  it('lands an event in months by the share of their days', () => {
    const s = monthShares({ from: dayNumber('2027-10-20')!, to: dayNumber('2027-11-11')! }, ['2027-09', '2027-10', '2027-11', '2027-12']);
    expect(Array.from(s)).toEqual([0, 12 / 31, 11 / 30, 0]);
    expect(dayNumber('2027-02-29')).toBeNull();
    expect(dayNumber('2028-02-29')).not.toBeNull();
  });

  it('has Spring Festival on the day of a new moon in China, in the first lunar month, every year it lists', () => {
    // Two independent references: the astronomical new moon (Meeus) fixes the day; the Chinese calendar
    // of ICU fixes which month it starts. ICU approximates new moons near midnight (it puts 2027 on
    // 7 February and 2030 on 2 February, a day off, where the new moon falls at 23:56 and 00:07 in
    // Beijing), so it is held to within one day and to month 1.
    const fmt = new Intl.DateTimeFormat('en-u-ca-chinese', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric' });
    const lunar = (day: number): string => fmt.format(new Date(day * 86_400_000 + 4 * 3_600_000));
    let checked = 0;
    for (let y = 2020; y <= 2040; y++) {
      const date = springFestivalDate(y);
      if (!date) continue;
      const day = dayNumber(date)!;
      expect(newMoonDaysInChina(day - 3, day + 3), date).toEqual([day]);
      expect([lunar(day - 1), lunar(day), lunar(day + 1)], date).toContain('1/1');
      checked++;
    }
    expect(checked).toBe(21);
  });
});

describe('promotions in the formula graph', () => {
  it('changes nothing, bit for bit, with zero depth and zero lift (whatever pull-forward and hangover say)', () => {
    fc.assert(
      fc.property(synthetic.chain((plan) => fc.tuple(fc.constant(plan), fc.array(promoArb(plan), { minLength: 1, maxLength: 3 }))), ([plan, list]) => {
        const before = computePlan(plan);
        const zero = list.map((p, k) => ({ ...p, id: `z${k}`, depth: 0, lift: 0 }));
        const after = computePlan({ ...plan, promotions: zero });
        for (const m of FLOW_METRICS) expect(after.flows[m]).toEqual(before.flows[m]);
        expect(after.marginalRoi).toEqual(before.marginalRoi);
        for (const k of Object.keys(before.drivers) as (keyof typeof before.drivers)[]) expect(after.drivers[k]).toEqual(before.drivers[k]);
      }),
      { numRuns: 40 },
    );
  });

  it('keeps the P&L identities exact with the discount line, and money whole minor units', () => {
    fc.assert(
      fc.property(synthetic.chain((plan) => fc.tuple(fc.constant(plan), fc.array(promoArb(plan), { minLength: 1, maxLength: 3 }))), ([plan, list]) => {
        const res = computePlan({ ...plan, promotions: list.map((p, k) => ({ ...p, id: `p${k}` })) });
        const f = res.flows;
        for (let i = 0; i < f.contribution.length; i++) {
          for (const m of MONEY_FLOWS) expect(Number.isSafeInteger(f[m][i])).toBe(true);
          expect(f.promotionDiscount[i]).toBeGreaterThanOrEqual(0);
          expect(f.netRevenue[i]).toBe(f.grossRevenue[i] - f.returns[i] - f.intermediaryMargin[i] - f.cannibalised[i]);
          expect(f.contribution[i]).toBe(f.grossProfit[i] - f.channelCost[i] - f.spend[i]);
          expect(f.channelCost[i]).toBe(f.variableCost[i] + f.fixedCost[i] + f.rebate[i]);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('moves demand by pull-forward and hangover without creating or losing any (orders conserve)', () => {
    fc.assert(
      fc.property(
        // Within what the windows can give: a window never loses more than its own days would have sold.
        fc.double({ min: 0, max: 2, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.integer({ min: 14, max: 30 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom('conversion' as const, 'traffic' as const),
        (lift, pull, hang, days, months, liftOn) => {
          const base = computePlan(flatPlan([]));
          const p = promo({ lift, liftOn, pullForward: { share: pull, days }, hangover: { share: hang, months } });
          const res = computePlan(flatPlan([p]));
          // Nov 1–11: 11/30 of November's orders, × lift; the plan holds the windows before and after.
          const novOrders = base.flows.orders[10];
          const extra = (11 / 30) * lift * novOrders;
          const expected = extra * (1 - pull - hang);
          expect(Math.abs(sum(res.flows.orders) - sum(base.flows.orders) - expected)).toBeLessThanOrEqual(1e-9 * sum(base.flows.orders));
          // Nothing moves outside the windows: January–September and the months after the hangover.
          for (let t = 0; t < 9; t++) if (t < 9 - Math.ceil(days / 30)) expect(res.flows.orders[t]).toBe(base.flows.orders[t]);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('gives the discount and the lifted orders worked out by hand', () => {
    const base = computePlan(flatPlan([]));
    const res = computePlan(flatPlan([promo()]));
    const O = base.flows.orders[10]; // 10,000 visits × 2 % = 200 orders in November
    expect(O).toBeCloseTo(200, 9);
    const s = 11 / 30;
    expect(res.flows.orders[10]).toBeCloseTo(O * (1 + s * 1.5), 9);
    // 0.2 off ¥200 on s × 2.5 × 200 orders.
    const discount = 0.2 * s * 2.5 * O * 20_000;
    expect(Math.abs(res.flows.promotionDiscount[10] - discount)).toBeLessThanOrEqual(1);
    const listRevenue = res.flows.orders[10] * 20_000;
    expect(Math.abs(res.flows.grossRevenue[10] + res.flows.promotionDiscount[10] - listRevenue)).toBeLessThanOrEqual(1);
    // Other months untouched.
    expect(res.flows.grossRevenue[9]).toBe(base.flows.grossRevenue[9]);
  });

  it('with a discount and no lift, sells the same orders at a lower price (the discount is pure margin given up)', () => {
    const base = computePlan(flatPlan([]));
    const res = computePlan(flatPlan([promo({ lift: 0 })]));
    expect(res.flows.orders).toEqual(base.flows.orders);
    expect(res.drivers.conversion).toEqual(base.drivers.conversion);
    // 0.2 off on 11 of November's 30 days.
    expect(Math.abs(res.flows.promotionDiscount[10] - 0.2 * (11 / 30) * base.flows.grossRevenue[10])).toBeLessThanOrEqual(1);
    // List revenue is the unchanged month's, up to the rounding of the two lines.
    expect(Math.abs(res.flows.grossRevenue[10] + res.flows.promotionDiscount[10] - base.flows.grossRevenue[10])).toBeLessThanOrEqual(1);
    expect(res.flows.contribution[10]).toBeLessThan(base.flows.contribution[10]);
  });

  it('breaks even at lift d / (1 − d − pull − hangover) when every month has the same margin', () => {
    for (const [depth, pull, hang] of [[0.2, 0, 0], [0.2, 0.1, 0.1], [0.3, 0.25, 0.15], [0.05, 0, 0.3]]) {
      const p = promo({ depth, lift: 0.5, pullForward: { share: pull, days: 14 }, hangover: { share: hang, months: 1 } });
      const [e] = promotionEffects(flatPlan([p]), null);
      expect(e.breakEvenLift).not.toBeNull();
      expect(e.breakEvenLift!).toBeCloseTo(depth / (1 - depth - pull - hang), 3);
      // Below break-even the event loses money; the effect says so by its sign.
      expect(Math.sign(e.contribution)).toBe(0.5 >= depth / (1 - depth - pull - hang) ? 1 : -1);
    }
    // 95 % off with 3 % of the extra pulled forward needs a lift of 0.95 / 0.02 = 47.5: beyond any the model takes.
    const [never] = promotionEffects(flatPlan([promo({ depth: 0.95, pullForward: { share: 0.03, days: 14 } })]), null);
    expect(never.breakEvenLift).toBeNull();
    expect(never.contribution).toBeLessThan(0);
  });

  it('is fixed context for the optimiser: its models give computePlan’s contribution at today’s spend', () => {
    const plan = generateSyntheticPlan({ channels: 6, periods: 24, seed: 11, withOverrides: true });
    plan.promotions = [
      { ...promo(), channelIds: plan.channels.map((c) => c.id), start: '2027-11-01', end: '2027-11-11', liftOn: 'traffic', pullForward: { share: 0.2, days: 14 }, hangover: { share: 0.1, months: 1 } },
      { ...promo({ id: 'p2' }), channelIds: [plan.channels[0].id], start: '2028-06-01', end: '2028-06-18' },
    ];
    const res = computePlan(plan);
    const r = rollup(plan, res, 'channel', 'all');
    const models = buildModels(plan, scenarioSeries(plan).series, 'contribution');
    models.forEach((m, c) => {
      expect(Math.abs(channelValue(m, m.today) - (rollupValue(r, 'contribution', c, 0) as number))).toBeLessThanOrEqual(5 * 24);
    });
    expect(sum(res.flows.promotionDiscount)).toBeGreaterThan(0);
  });

  it('takes a scenario’s switch and depth/lift changes, and goal seek works on top', () => {
    const plan = flatPlan([promo()]);
    plan.scenarios = [
      { id: 'off', name: 'off', parentId: null, adjustments: [], notes: '', promotions: [{ promotionId: 'p1', enabled: false }] },
      { id: 'deep', name: 'deep', parentId: null, adjustments: [], notes: '', promotions: [{ promotionId: 'p1', depth: 0.3, lift: 2 }] },
      { id: 'child', name: 'child', parentId: 'deep', adjustments: [], notes: '', promotions: [{ promotionId: 'p1', lift: 1 }] },
    ];
    const base = computePlan(flatPlan([]));
    expect(computePlan(plan, 'off').flows.grossRevenue).toEqual(base.flows.grossRevenue);
    const deep = computePlan(plan, 'deep');
    expect(deep.flows.orders[10]).toBeCloseTo(200 * (1 + (11 / 30) * 2), 9);
    expect(computePlan(plan, 'child').flows.orders[10]).toBeCloseTo(200 * (1 + 11 / 30), 9);
    const gs = goalSeek(plan, { scenarioId: 'deep', metric: 'netRevenue', target: sum(deep.flows.netRevenue) * 1.05, variable: { kind: 'driver', channelId: 'a', driver: 'conversion' }, minPercent: -20, maxPercent: 50 });
    expect(gs.status).toBe('reached');
    if (gs.status === 'reached') expect(gs.percent).toBeCloseTo(5, 1);
  });

  it('reaches the rows of a channel computed by region', () => {
    const plan = flatPlan([promo()]);
    plan.channels[0].regions = ['north', 'south'];
    plan.channels[0].regionWeights = { north: 3, south: 1 };
    plan.channels[0].regionDrivers = { south: { conversion: { base: 0.04 } } };
    const res = computePlan(plan);
    const without = computePlan({ ...plan, promotions: [] });
    expect(res.flows.orders[10] / without.flows.orders[10]).toBeCloseTo(1 + (11 / 30) * 1.5, 9);
    expect(res.flows.promotionDiscount[10]).toBeGreaterThan(0);
  });
});

describe('promotion templates and checks', () => {
  it('dates 618, Double 11 with its pre-sale, and Spring Festival by the lunar calendar', () => {
    const plan = simplePlan([simpleChannel('a'), { ...simpleChannel('b'), type: 'directStore' }], 24);
    expect(templateYears(plan, 'double11')).toEqual([2027, 2028]);
    const d11 = promotionFromTemplate(plan, 'double11', 2027, 'x', '双11')!;
    expect([d11.start, d11.end, d11.channelIds]).toEqual(['2027-10-20', '2027-11-11', ['a']]);
    const sf = promotionFromTemplate(plan, 'springFestival', 2028, 'y', '春节')!;
    // Spring Festival 2028 is 26 January: 21 days before to 3 days before.
    expect([sf.start, sf.end, sf.channelIds]).toEqual(['2028-01-05', '2028-01-23', ['a', 'b']]);
    expect(checkPromotions({ ...plan, promotions: [d11, sf] }).errors).toEqual([]);
  });

  it('refuses values the model cannot use, and warns about a channel that is gone', () => {
    const plan = flatPlan([promo({ depth: 1, end: '2027-10-01', channelIds: ['gone'], pullForward: { share: 0.7, days: 14 }, hangover: { share: 0.5, months: 1 } })]);
    const r = checkPromotions(plan);
    expect(r.errors.map((p) => p.path.join('.'))).toEqual(['promotions.0.end', 'promotions.0.depth', 'promotions.0.hangover.share']);
    expect(r.warnings.map((p) => p.path.join('.'))).toEqual(['promotions.0.channelIds.0']);
  });
});
