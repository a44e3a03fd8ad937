import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en';
import { zhCN } from '../../src/i18n/zh-CN';
import { zhTW } from '../../src/i18n/zh-TW';
import { LAZY_CATALOGUES } from '../../src/i18n/lazy';
import { I18n } from '../../src/state/i18n.svelte';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  for (const [name, cat] of [['zh-CN', zhCN], ['zh-TW', zhTW]] as const) {
    it(`${name} has every English key with the same placeholders, and no markup`, () => {
      expect(Object.keys(cat).sort()).toEqual(Object.keys(en).sort());
      for (const key of Object.keys(en) as (keyof typeof en)[]) {
        expect(placeholders(cat[key]), key).toEqual(placeholders(en[key]));
        expect(cat[key], key).not.toMatch(/<[a-z]/i);
        expect(cat[key].trim(), key).not.toBe('');
      }
    });
  }
});

describe('on-demand catalogues', () => {
  for (const [name, byLocale] of Object.entries(LAZY_CATALOGUES)) {
    it(`${name}: every language has the English keys and placeholders, none shared with the shell`, async () => {
      const english: Record<string, string> = await byLocale.en();
      expect(Object.keys(english).length).toBeGreaterThan(0);
      for (const key of Object.keys(english)) expect(key in en, key).toBe(false);
      for (const locale of ['zh-CN', 'zh-TW'] as const) {
        const cat: Record<string, string> = await byLocale[locale]();
        expect(Object.keys(cat).sort()).toEqual(Object.keys(english).sort());
        for (const key of Object.keys(english)) {
          expect(placeholders(cat[key]), key).toEqual(placeholders(english[key]));
          expect(cat[key], key).not.toMatch(/<[a-z]/i);
          expect(cat[key].trim(), key).not.toBe('');
        }
      }
    });
  }

  it('switching language reloads the catalogues in use, so a lazy view changes language with the shell', async () => {
    // set() marks the page's language; the node test environment has no page, so it gets a stand-in.
    (globalThis as { document?: unknown }).document = { documentElement: { lang: '' } };
    const i18n = new I18n();
    await i18n.need('experiments');
    expect(i18n.t('exp.title')).toBe('Tests & pilots');
    await i18n.set('zh-CN', false);
    expect(i18n.t('exp.title')).toBe('测试与试点');
    await i18n.need('elasticity');
    expect(i18n.t('cust.section.elasticity')).toBe('价格弹性');
    delete (globalThis as { document?: unknown }).document;
  });
});
