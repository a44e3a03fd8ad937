import { describe, expect, it } from 'vitest';
import { DRIVER_SPECS, GROWTH_MAX, GROWTH_MIN, SEASONALITY_MAX } from '../../../src/engine/drivers';
import {
  TEMPLATE_IDS,
  createPlanFromTemplate,
  isTemplateId,
  type TemplateId,
} from '../../../src/engine/templates';
import { channel, languageOf, plan, seasonality, yuan } from '../../../src/engine/templates/build';
import { isValidIdentifier } from '../../../src/engine/expr';
import {
  CHANNEL_ROLES,
  CHANNEL_TYPES,
  DRIVER_KEYS,
  type Driver,
  type DriverKey,
  type Plan,
} from '../../../src/engine/types';

const LOCALES = ['en', 'zh-CN', 'zh-TW', 'fr-FR'] as const;
const NOW = Date.UTC(2026, 5, 1);
const CJK = /[\u3400-\u9fff]/;
const options = (locale: string) => ({ id: 'plan-42', now: NOW, locale });

/** Every text a user reads in a fresh plan. */
function texts(p: Plan): string[] {
  return [p.name, ...p.regions.map((r) => r.name), ...p.channels.map((c) => c.name), ...p.customMetrics.map((m) => m.name), p.notes];
}

/** A driver's value in period t (growth compounds from the first period; seasonality by month). */
function valueAt(d: Driver, t: number, month: number): number {
  const season = d.seasonality ? d.seasonality[month]! : 1;
  return d.base * (1 + (d.growth ?? 0)) ** t * season;
}

/** The plan's numbers without anything that depends on the language. */
function numbersOf(p: Plan) {
  return {
    timeline: p.timeline,
    regions: p.regions.map((r) => r.id),
    channels: p.channels.map((c) => ({ ...c, name: '' })),
    customMetrics: p.customMetrics.map((m) => ({ ...m, name: '' })),
  };
}

describe('template registry', () => {
  it('lists the five templates once each', () => {
    expect([...TEMPLATE_IDS].sort()).toEqual(['appliances', 'beauty', 'blank', 'grocery', 'industrial']);
    for (const id of TEMPLATE_IDS) expect(isTemplateId(id)).toBe(true);
    expect(isTemplateId('toString')).toBe(false);
    expect(isTemplateId(undefined)).toBe(false);
  });

  it('refuses an unknown id at run time', () => {
    expect(() => createPlanFromTemplate('retail' as TemplateId, options('en'))).toThrow(/Unknown plan template/);
    expect(() => createPlanFromTemplate('__proto__' as TemplateId, options('en'))).toThrow(/Unknown plan template/);
  });

  it('puts a custom metric in at most one template', () => {
    const withMetrics = TEMPLATE_IDS.filter((id) => createPlanFromTemplate(id, options('en')).customMetrics.length > 0);
    expect(withMetrics.length).toBeLessThanOrEqual(1);
  });
});

describe.each(TEMPLATE_IDS)('template %s', (id) => {
  describe.each(LOCALES)('in %s', (locale) => {
    const p = createPlanFromTemplate(id, options(locale));

    it('carries the options and the fixed plan settings', () => {
      expect(p.id).toBe('plan-42');
      expect(p.locale).toBe(locale);
      expect(p.createdAt).toBe(NOW);
      expect(p.updatedAt).toBe(NOW);
      expect(p.currency).toBe('CNY');
      expect(p.timeline.start).toBe('2027-01');
      expect(Number.isInteger(p.timeline.periods)).toBe(true);
      expect(p.timeline.periods).toBeGreaterThanOrEqual(12);
      expect(p.timeline.periods).toBeLessThanOrEqual(60);
    });

    it('has unique region and channel ids, and channels serve known regions only', () => {
      const regionIds = p.regions.map((r) => r.id);
      expect(new Set(regionIds).size).toBe(regionIds.length);
      const channelIds = p.channels.map((c) => c.id);
      expect(new Set(channelIds).size).toBe(channelIds.length);
      for (const c of p.channels) {
        expect(new Set(c.regions).size).toBe(c.regions.length);
        for (const r of c.regions) expect(regionIds).toContain(r);
      }
    });

    it('gives every channel a known type and role and a distinct hex colour', () => {
      for (const c of p.channels) {
        expect(CHANNEL_TYPES).toContain(c.type);
        expect(CHANNEL_ROLES).toContain(c.role);
        expect(c.color).toMatch(/^#[0-9a-f]{6}$/i);
        expect(c.id).toMatch(/^ch-[a-z0-9-]+$/);
      }
      const colours = p.channels.map((c) => c.color.toLowerCase());
      expect(new Set(colours).size).toBe(colours.length);
    });

    it('has every driver on every channel, within bounds in every period', () => {
      const firstMonth = Number(p.timeline.start.slice(5, 7)) - 1;
      for (const c of p.channels) {
        expect(Object.keys(c.drivers).sort()).toEqual([...DRIVER_KEYS].sort());
        for (const key of DRIVER_KEYS) {
          const d = c.drivers[key];
          const { unit, min, max } = DRIVER_SPECS[key];
          const where = `${c.id}.${key}`;
          expect(Number.isFinite(d.base), where).toBe(true);
          expect(d.base, where).toBeGreaterThanOrEqual(min);
          expect(d.base, where).toBeLessThanOrEqual(max);
          if (unit === 'money') expect(Number.isSafeInteger(d.base), where).toBe(true);
          if (d.growth !== undefined) {
            expect(d.growth, where).toBeGreaterThanOrEqual(GROWTH_MIN);
            expect(d.growth, where).toBeLessThanOrEqual(GROWTH_MAX);
          }
          if (d.seasonality !== undefined) {
            expect(d.seasonality, where).toHaveLength(12);
            for (const x of d.seasonality) {
              expect(x, where).toBeGreaterThanOrEqual(0);
              expect(x, where).toBeLessThanOrEqual(SEASONALITY_MAX);
            }
            const mean = d.seasonality.reduce((s, x) => s + x, 0) / 12;
            expect(Math.abs(mean - 1), where).toBeLessThanOrEqual(0.02);
          }
          expect(Object.keys(d.overrides ?? {}), where).toEqual([]);
          for (let t = 0; t < p.timeline.periods; t++) {
            const v = valueAt(d, t, (firstMonth + t) % 12);
            expect(v, `${where} in period ${t}`).toBeGreaterThanOrEqual(min);
            expect(v, `${where} in period ${t}`).toBeLessThanOrEqual(unit === 'money' ? Number.MAX_SAFE_INTEGER : max);
          }
        }
      }
    });

    it('has a usable response curve on every channel', () => {
      for (const c of p.channels) {
        expect(['hill', 'linear', 'none']).toContain(c.curve.type);
        expect(Number.isFinite(c.curve.max) && c.curve.max >= 0, c.id).toBe(true);
        expect(Number.isSafeInteger(c.curve.halfSat) && c.curve.halfSat >= 0, c.id).toBe(true);
        expect(c.curve.shape, c.id).toBeGreaterThan(0);
        if (c.curve.type === 'hill') {
          expect(c.curve.halfSat, c.id).toBeGreaterThan(0);
          expect(c.curve.shape, c.id).toBeLessThanOrEqual(3);
        }
      }
    });

    it('has well-formed custom metrics', () => {
      const ids = p.customMetrics.map((m) => m.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const m of p.customMetrics) {
        // A name a formula can refer to, in the plan's language (shown in selects next to built-in metrics).
        expect(isValidIdentifier(m.name), m.name).toBe(true);
        expect(m.formula.trim()).not.toBe('');
        expect(['number', 'money', 'percent']).toContain(m.format);
      }
    });

    it('states its assumptions in 4–8 lines', () => {
      const lines = p.notes.split('\n');
      expect(lines.length).toBeGreaterThanOrEqual(4);
      expect(lines.length).toBeLessThanOrEqual(8);
      for (const line of lines) expect(line.trim()).not.toBe('');
    });

    it('is written in the plan language', () => {
      const chinese = locale.startsWith('zh');
      for (const text of texts(p)) {
        expect(text.trim()).not.toBe('');
        expect(CJK.test(text), text).toBe(chinese);
      }
    });

    it('is plain data that survives structured clone and JSON', () => {
      expect(structuredClone(p)).toEqual(p);
      expect(JSON.parse(JSON.stringify(p))).toEqual(p);
    });
  });

  it('uses traditional characters for zh-TW, not the zh-CN text', () => {
    const cn = createPlanFromTemplate(id, options('zh-CN'));
    const tw = createPlanFromTemplate(id, options('zh-TW'));
    expect(tw.name).not.toBe(cn.name);
    expect(tw.notes).not.toBe(cn.notes);
  });

  it('has the same numbers in every language', () => {
    const reference = numbersOf(createPlanFromTemplate(id, options('en')));
    for (const locale of LOCALES) expect(numbersOf(createPlanFromTemplate(id, options(locale)))).toEqual(reference);
  });

  it('is deterministic and returns fresh objects on every call', () => {
    const a = createPlanFromTemplate(id, options('en'));
    const b = createPlanFromTemplate(id, options('en'));
    expect(b).toEqual(a);
    const first = a.channels[0]!;
    first.name = 'edited';
    first.regions.push('edited');
    first.drivers.spend.base += 1;
    first.drivers.spend.seasonality?.fill(3);
    a.regions.push({ id: 'x', name: 'x' });
    expect(createPlanFromTemplate(id, options('en'))).toEqual(b);
  });

  it('shares no array between the drivers of one plan', () => {
    const p = createPlanFromTemplate(id, options('en'));
    const arrays = p.channels.flatMap((c) => [
      c.regions,
      ...DRIVER_KEYS.map((k: DriverKey) => c.drivers[k].seasonality).filter((s) => s !== undefined),
    ]);
    expect(new Set(arrays).size).toBe(arrays.length);
    for (const s of arrays) expect(Object.isFrozen(s)).toBe(false);
  });

  if (id !== 'blank') {
    it('mixes main and auxiliary channels across 3–4 regions', () => {
      const p = createPlanFromTemplate(id, options('en'));
      expect(p.channels.length).toBeGreaterThanOrEqual(3);
      expect(p.channels.some((c) => c.role === 'main')).toBe(true);
      expect(p.channels.some((c) => c.role === 'auxiliary')).toBe(true);
      expect(p.regions.length).toBeGreaterThanOrEqual(3);
      expect(p.regions.length).toBeLessThanOrEqual(4);
      expect(new Set(p.channels.map((c) => c.type)).size).toBe(p.channels.length);
    });
  }
});

describe('template contents', () => {
  const channelTypes = (id: TemplateId) => createPlanFromTemplate(id, options('en')).channels.map((c) => c.type);

  it('follows the channel mixes of docs/model.md#templates', () => {
    expect(channelTypes('beauty')).toEqual(expect.arrayContaining(['ecommercePlatform', 'directStore', 'socialCommerce']));
    expect(channelTypes('appliances')).toEqual(expect.arrayContaining(['distributor', 'officialSite', 'liveStream']));
    expect(channelTypes('industrial')).toEqual(expect.arrayContaining(['officialSite', 'agent', 'distributor']));
    expect(channelTypes('grocery')).toEqual(expect.arrayContaining(['communityGroupBuy', 'o2o', 'directStore']));
    expect(createPlanFromTemplate('blank', options('en')).channels.length).toBeLessThanOrEqual(1);
  });

  it('names the main channel of each seed example', () => {
    const mainTypes = (id: TemplateId) =>
      createPlanFromTemplate(id, options('en')).channels.filter((c) => c.role === 'main').map((c) => c.type);
    expect(mainTypes('beauty')).toEqual(['ecommercePlatform']);
    expect(mainTypes('appliances')).toEqual(['distributor']);
    expect(mainTypes('grocery')).toContain('communityGroupBuy');
  });

  it('lets the industrial migration show over three years', () => {
    const p = createPlanFromTemplate('industrial', options('en'));
    expect(p.timeline.periods).toBe(36);
    const byId = new Map(p.channels.map((c) => [c.id, c]));
    expect(byId.get('ch-distributors')!.drivers.baseTraffic.growth).toBeLessThan(0);
    expect(byId.get('ch-direct-app')!.drivers.baseTraffic.growth).toBeGreaterThan(0);
  });
});

describe('template builders', () => {
  it('converts yuan to integer fen', () => {
    expect(yuan(15_000)).toBe(1_500_000);
    expect(yuan(0.015)).toBe(2);
    expect(yuan(184_000)).toBe(18_400_000);
    expect(() => yuan(-1)).toThrow(RangeError);
    expect(() => yuan(Number.MAX_SAFE_INTEGER)).toThrow(RangeError);
    expect(() => yuan(Number.NaN)).toThrow(RangeError);
  });

  it('maps locales to the three template languages', () => {
    expect(languageOf('zh-CN')).toBe('zhCN');
    expect(languageOf('zh')).toBe('zhCN');
    expect(languageOf('zh-Hans-CN')).toBe('zhCN');
    expect(languageOf('zh-TW')).toBe('zhTW');
    expect(languageOf('zh-Hant')).toBe('zhTW');
    expect(languageOf('zh_HK')).toBe('zhTW');
    expect(languageOf('en-US')).toBe('en');
    expect(languageOf('zha')).toBe('en');
    expect(languageOf('')).toBe('en');
  });

  it('normalises seasonality to an average of 1', () => {
    const s = seasonality([2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 4]);
    expect(s).toHaveLength(12);
    expect(s.reduce((a, b) => a + b, 0) / 12).toBeCloseTo(1, 2);
    expect(s[11]).toBeCloseTo(2 * s[0]!, 2);
    expect(() => seasonality([1, 1, 1])).toThrow(RangeError);
    expect(() => seasonality(new Array<number>(12).fill(0))).toThrow(RangeError);
  });

  const spec = {
    id: 'ch-test',
    name: 'Test',
    type: 'other',
    role: 'main',
    regions: [],
    color: '#000000',
  } as const;

  it('fills the drivers a channel leaves out and rounds money to fen', () => {
    const c = channel({ ...spec, drivers: { conversion: 0.1, aov: 1234.6, grossMargin: 0.5, newCustomerShare: 0.5 } });
    expect(Object.keys(c.drivers).sort()).toEqual([...DRIVER_KEYS].sort());
    expect(c.drivers.aov.base).toBe(1235);
    expect(c.drivers.spend.base).toBe(0);
    expect(c.curve.type).toBe('none');
  });

  it('refuses a driver outside its bounds', () => {
    const drivers = { conversion: 0.1, aov: 100, grossMargin: 0.5, newCustomerShare: 0.5 };
    expect(() => channel({ ...spec, drivers: { ...drivers, conversion: 1.5 } })).toThrow(/ch-test\.conversion/);
    expect(() => channel({ ...spec, drivers: { ...drivers, spend: -100 } })).toThrow(/ch-test\.spend/);
    expect(() => channel({ ...spec, drivers: { ...drivers, aov: { base: 100, growth: 2 } } })).toThrow(/growth/);
  });

  it('refuses a plan whose channels serve unknown regions or repeat an id', () => {
    const c = channel({ ...spec, regions: ['north'], drivers: { conversion: 0.1, aov: 100, grossMargin: 0.5, newCustomerShare: 0.5 } });
    const base = { name: 'P', notes: ['a'] };
    expect(() => plan(options('en'), { ...base, regions: [], channels: [c] })).toThrow(/unknown region north/);
    const regions = [{ id: 'north', name: 'North' }];
    expect(() => plan(options('en'), { ...base, regions, channels: [c, c] })).toThrow(/duplicate channel id/);
  });
});
