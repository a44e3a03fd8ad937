import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultGrowth, newChannel } from '../../../src/engine/channelDefaults';
import { computePlan } from '../../../src/engine/compute';
import { GROWTH_MAX, GROWTH_MIN } from '../../../src/engine/drivers';
import { applyOps } from '../../../src/engine/patch';
import { copyProfileOps, growthOps, seasonalityOps } from '../../../src/engine/seasonality/edits';
import { monthlyFromYearly, parseGrowthInput, yearlyFromMonthly } from '../../../src/engine/seasonality/growthRate';
import { parseIndexRow } from '../../../src/engine/seasonality/indexRow';
import { presetProfile, SEASON_PRESETS } from '../../../src/engine/seasonality/presets';
import { previewDriver } from '../../../src/engine/seasonality/preview';
import { isNormalised, normaliseProfile, peakMonth, profileMean, sameProfile } from '../../../src/engine/seasonality/profile';
import { springFestivalDate } from '../../../src/engine/seasonality/springFestival';
import { ECOMMERCE } from '../../../src/engine/templates/seasonality';
import { simpleChannel, simplePlan } from '../engine/planFixtures';

describe('growth per year ↔ per month', () => {
  it('converts 10 % a year to the monthly rate that compounds to exactly 10 %', () => {
    const m = monthlyFromYearly(0.1);
    expect(m).toBeCloseTo(0.00797414043, 10);
    let level = 1;
    for (let i = 0; i < 12; i++) level *= 1 + m;
    expect(level).toBeCloseTo(1.1, 12);
    expect(yearlyFromMonthly(m)).toBeCloseTo(0.1, 14);
  });

  it('is not the simple division by 12', () => {
    expect(yearlyFromMonthly(0.01)).toBeCloseTo(0.12682503, 8);
    expect(monthlyFromYearly(-0.2)).toBeCloseTo(Math.pow(0.8, 1 / 12) - 1, 15);
  });

  it('round-trips every rate the model accepts', () => {
    fc.assert(
      fc.property(fc.double({ min: GROWTH_MIN, max: GROWTH_MAX, noNaN: true }), (g) => {
        expect(monthlyFromYearly(yearlyFromMonthly(g))).toBeCloseTo(g, 12);
      }),
    );
  });
});

describe('parseGrowthInput', () => {
  it('reads percent entry as a spreadsheet percent cell does', () => {
    const month = (s: string) => parseGrowthInput(s, 'month');
    expect(month('0.5%')).toEqual({ ok: true, perMonth: 0.005, typed: 0.005 });
    expect(month('2')).toEqual({ ok: true, perMonth: 0.02, typed: 0.02 });
    expect(month('2%')).toEqual({ ok: true, perMonth: 0.02, typed: 0.02 });
    expect(month('0.02')).toEqual({ ok: true, perMonth: 0.02, typed: 0.02 });
    expect(month('-1.5%')).toEqual({ ok: true, perMonth: -0.015, typed: -0.015 });
    expect(month('－３％')).toEqual({ ok: true, perMonth: -0.03, typed: -0.03 });
    expect(month('0')).toEqual({ ok: true, perMonth: 0, typed: 0 });
  });

  it('stores a yearly rate as the exact monthly compound rate', () => {
    const r = parseGrowthInput('10%', 'year');
    expect(r.ok && r.perMonth).toBeCloseTo(Math.pow(1.1, 1 / 12) - 1, 15);
    const same = parseGrowthInput('0.1', 'year');
    expect(same.ok && same.perMonth).toBe(r.ok && r.perMonth);
  });

  it('refuses text and rates outside the model bounds', () => {
    expect(parseGrowthInput('', 'year')).toEqual({ ok: false, error: 'empty' });
    expect(parseGrowthInput('ten', 'year')).toEqual({ ok: false, error: 'notANumber' });
    expect(parseGrowthInput('1,5', 'year')).toEqual({ ok: false, error: 'notANumber' });
    expect(parseGrowthInput('150%', 'month')).toEqual({ ok: false, error: 'aboveMax' });
    expect(parseGrowthInput('-60%', 'month')).toEqual({ ok: false, error: 'belowMin' });
    expect(parseGrowthInput('-100%', 'year')).toEqual({ ok: false, error: 'belowMin' });
    expect(parseGrowthInput('-150%', 'year')).toEqual({ ok: false, error: 'belowMin' });
  });
});

describe('seasonality profiles', () => {
  it('normalises to an average of exactly 1, rounded to four decimals', () => {
    const n = normaliseProfile([2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 4]) as number[];
    expect(n.reduce((a, x) => a + x, 0)).toBeCloseTo(12, 12);
    expect(n[11] / n[0]).toBeCloseTo(2, 3);
    const odd = normaliseProfile([1, 1.1, 0.7, 1.3, 0.95, 1, 1.2, 0.8, 1.05, 1.4, 1.9, 0.6]) as number[];
    expect(profileMean(odd)).toBeCloseTo(1, 12);
    expect(odd.every((x) => Math.round(x * 1e4) / 1e4 === x)).toBe(true);
    expect(normaliseProfile([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])).toBeNull();
    expect(normaliseProfile([1, 1])).toBeNull();
  });

  it('keeps the proportions between months', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.05, max: 5, noNaN: true }), { minLength: 12, maxLength: 12 }), (xs) => {
        const n = normaliseProfile(xs) as number[];
        expect(profileMean(n)).toBeCloseTo(1, 10);
        const mean = profileMean(xs);
        n.forEach((v, i) => expect(Math.abs(v - xs[i] / mean)).toBeLessThan(1e-3));
      }),
    );
  });

  it('offers presets that average 1 and peak where their season is', () => {
    const peak: Record<(typeof SEASON_PRESETS)[number], number[]> = {
      '618': [5],
      double11: [10],
      ecommerceYear: [10],
      springFestival: [0, 1],
      backToSchool: [7, 8],
    };
    for (const p of SEASON_PRESETS) {
      const profile = presetProfile(p);
      expect(profile).toHaveLength(12);
      expect(isNormalised(profile, 1e-12), p).toBe(true);
      expect(peak[p], p).toContain(peakMonth(profile));
    }
    // Double 11 echoes in December; Spring Festival's peak covers both months the festival falls in.
    const d11 = presetProfile('double11');
    expect(d11[11]).toBeGreaterThan(1);
    const sf = presetProfile('springFestival');
    expect(sf[0]).toBeGreaterThan(1.1);
    expect(sf[1]).toBeGreaterThan(1.1);
    // The 618 + Double 11 year is the e-commerce profile the templates use.
    expect(sameProfile(presetProfile('ecommerceYear'), ECOMMERCE)).toBe(true);
  });

  it('knows where Spring Festival falls', () => {
    expect(springFestivalDate(2027)).toBe('2027-02-06');
    expect(springFestivalDate(2028)).toBe('2028-01-26');
    expect(springFestivalDate(1999)).toBeNull();
    for (let y = 2020; y <= 2040; y++) {
      const d = springFestivalDate(y) as string;
      expect(d >= `${y}-01-21` && d <= `${y}-02-20`, d).toBe(true);
    }
  });
});

describe('parseIndexRow (a row of twelve pasted from Excel)', () => {
  const multipliers = [0.9, 0.8, 0.9, 0.9, 0.95, 0.95, 0.9, 0.9, 0.95, 1.1, 1.75, 1.1];

  it('reads tab-, comma-, space- and line-separated rows', () => {
    for (const sep of ['\t', ',', ', ', ' ', '\n', '\r\n', '；', '，']) {
      const r = parseIndexRow(multipliers.join(sep) + (sep === '\t' ? '\r\n' : ''));
      expect(r, JSON.stringify(sep)).toEqual({ ok: true, values: multipliers, reading: 'multiplier' });
    }
  });

  it('reads percent signs and base-100 indices, and says so', () => {
    const pct = parseIndexRow(multipliers.map((x) => `${Math.round(x * 100)}%`).join('\t'));
    expect(pct.ok && pct.reading).toBe('percent');
    expect(pct.ok && pct.values.map((v) => Math.round(v * 100) / 100)).toEqual(multipliers);
    const b100 = parseIndexRow(multipliers.map((x) => Math.round(x * 100)).join('\t'));
    expect(b100.ok && b100.reading).toBe('base100');
    expect(b100.ok && b100.values.map((v) => Math.round(v * 100) / 100)).toEqual(multipliers);
    const fullWidth = parseIndexRow('９０％\t１２０％');
    expect(fullWidth).toEqual({ ok: true, values: [0.9, 1.2], reading: 'percent' });
  });

  it('refuses what it cannot read unambiguously', () => {
    expect(parseIndexRow('  \t ')).toEqual({ ok: false, error: 'empty' });
    expect(parseIndexRow('90%\t1.2')).toEqual({ ok: false, error: 'mixed' });
    expect(parseIndexRow('0.9\tabc')).toEqual({ ok: false, error: 'notANumber', value: 'abc' });
    expect(parseIndexRow('0.9\t-1')).toEqual({ ok: false, error: 'negative', value: '-1' });
    expect(parseIndexRow('90%\t1200%')).toEqual({ ok: false, error: 'tooLarge', value: '1200%' });
  });
});

describe('edits', () => {
  const plan = simplePlan([simpleChannel('a'), simpleChannel('b'), simpleChannel('c')]);

  it('sets growth, keeps an explicit zero and applies a preset to several channels in one edit', () => {
    const g = growthOps(plan, 'b', 'spend', 0.01);
    expect(applyOps(plan, g).result.channels[1].drivers.spend.growth).toBe(0.01);
    expect(applyOps(plan, growthOps(plan, 'b', 'spend', 0)).result.channels[1].drivers.spend.growth).toBe(0);
    const profile = presetProfile('double11');
    const ops = seasonalityOps(plan, ['a', 'c', 'gone'], 'spend', profile);
    expect(ops).toHaveLength(2);
    const { result, inverse } = applyOps(plan, ops);
    expect(result.channels[0].drivers.spend.seasonality).toEqual(profile);
    expect(result.channels[2].drivers.spend.seasonality).toEqual(profile);
    expect(result.channels[0].drivers.spend.seasonality).not.toBe(result.channels[2].drivers.spend.seasonality);
    expect(result.channels[1].drivers.spend.seasonality).toBeUndefined();
    expect(applyOps(result, inverse).result).toEqual(plan);
  });

  it('removes a flat profile and copies one channel’s profile and growth to another', () => {
    const withSeason = applyOps(plan, [...seasonalityOps(plan, ['a'], 'spend', presetProfile('618')), ...growthOps(plan, 'a', 'spend', 0.02)]).result;
    const flat = applyOps(withSeason, seasonalityOps(withSeason, ['a'], 'spend', new Array(12).fill(1))).result;
    expect('seasonality' in flat.channels[0].drivers.spend).toBe(false);
    const copied = applyOps(withSeason, copyProfileOps(withSeason, 'a', ['b'], 'spend', true)).result;
    expect(copied.channels[1].drivers.spend.seasonality).toEqual(presetProfile('618'));
    expect(copied.channels[1].drivers.spend.growth).toBe(0.02);
  });
});

describe('previewDriver', () => {
  it('is the engine’s series, base × (1 + g)^t × index, with overrides marked', () => {
    const season = presetProfile('double11');
    const growth = monthlyFromYearly(0.1);
    const ch = simpleChannel('a', { spend: { base: 1_200_000_00, growth, seasonality: season, overrides: { '2027-03': 5_000_000 } } });
    const plan = simplePlan([ch], 24);
    const p = previewDriver(ch.drivers.spend, 'spend', plan.timeline);
    const res = computePlan(plan);
    expect(p.values).toEqual(Array.from(res.drivers.spend));
    expect(p.overrideCount).toBe(1);
    expect(p.overridden[2]).toBe(true);
    expect(p.values[2]).toBe(5_000_000);
    for (let t = 0; t < 24; t++) {
      const expected = Math.round(1_200_000_00 * Math.pow(1 + growth, t) * season[t % 12]);
      expect(p.formula[t]).toBe(expected);
    }
    // Month 12 (January a year later) is 10 % above January: the yearly rate, exactly.
    expect(p.formula[12] / p.formula[0]).toBeCloseTo(1.1, 6);
  });
});

describe('new channels', () => {
  it('grow like the plan’s median channel for spend and base traffic', () => {
    const chs = [0, 0.01, 0.02, 0.03].map((g, i) => simpleChannel(`c${i}`, { spend: { base: 100, growth: g }, baseTraffic: { base: 10, ...(i === 0 ? { growth: 0.04 } : {}) } }));
    const g = defaultGrowth(simplePlan(chs));
    expect(g.spend).toBeCloseTo(0.015, 15);
    expect(g.baseTraffic).toBe(0);
    expect(defaultGrowth(simplePlan([]))).toEqual({ spend: 0, baseTraffic: 0 });
    const ch = newChannel('n', 'New', '#000000', 2, g);
    expect(ch.drivers.spend.growth).toBeCloseTo(0.015, 15);
    expect('growth' in ch.drivers.baseTraffic).toBe(false);
    expect('growth' in ch.drivers.conversion).toBe(false);
  });

  it('show year-on-year growth instead of a flat line', () => {
    const template = simplePlan([simpleChannel('a', { spend: { base: 1_000_000, growth: 0.01 }, baseTraffic: { base: 10_000, growth: 0.01 } })], 24);
    const added = newChannel('n', 'New', '#000000', 2, defaultGrowth(template));
    const plan = { ...template, channels: [...template.channels, added] };
    const res = computePlan(plan);
    const P = res.periods;
    const net = (t: number) => res.flows.netRevenue[P + t];
    expect(net(12) / net(0) - 1).toBeGreaterThan(0.1);
  });
});
