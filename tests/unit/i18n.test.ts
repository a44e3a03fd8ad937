import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en';
import { zhCN } from '../../src/i18n/zh-CN';
import { zhTW } from '../../src/i18n/zh-TW';

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
