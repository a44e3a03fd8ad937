import { describe, expect, it, vi } from 'vitest';
import { forecastEn } from '../../../src/i18n/forecast/en';
import { forecastZhCN } from '../../../src/i18n/forecast/zh-CN';
import { forecastZhTW } from '../../../src/i18n/forecast/zh-TW';
import { forecastMonthly, channelHistories } from '../../../src/engine/forecast';
import { modelWords, noteText, NOTE_CODES } from '../../../src/ui/forecast/forecastText';
import { i18n } from '../../../src/state/i18n.svelte';
import { planWithActuals } from './forecastPlan';

const catalogues = { en: forecastEn, 'zh-CN': forecastZhCN, 'zh-TW': forecastZhTW } as Record<string, Record<string, string>>;

describe('forecast wording', () => {
  it('every note code the engine returns has wording in all three languages, with the same placeholders', () => {
    expect(NOTE_CODES.length).toBe(11);
    for (const code of NOTE_CODES) {
      const key = `forecast.note.${code}`;
      const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const [, cat] of Object.entries(catalogues)) {
        expect(cat[key], key).toBeTruthy();
        expect(placeholders(cat[key])).toEqual(placeholders(forecastEn[key as keyof typeof forecastEn]));
      }
    }
  });

  it('a note and a model read as sentences, placeholders filled, in each language', async () => {
    const plan = planWithActuals(14);
    const h = channelHistories(plan, 'netRevenue')[0];
    const f = forecastMonthly(h.values, { start: h.start, horizon: 12, springFestival: true });
    expect(f.forecast.note.code).toBe('forecast.etsNonSeasonal');
    // The catalogue switch sets the page's language: a stand-in page here.
    vi.stubGlobal('document', { documentElement: { lang: '' } });
    // The forecast's messages load with its views (an on-demand catalogue), and then switch language with the shell's.
    await i18n.need('forecast');
    for (const locale of ['en', 'zh-CN', 'zh-TW'] as const) {
      await i18n.set(locale, false);
      const text = noteText(f.forecast.note, { locale, start: h.start });
      expect(text).not.toMatch(/[{}]/);
      expect(text).toContain('14');
      expect(text).toContain('16');
      expect(noteText(f.springFestival!.note, { locale, start: h.start })).not.toMatch(/[{}]/);
    }
    await i18n.set('en', false);
    vi.unstubAllGlobals();
    expect(modelWords('ets', 'MAdM')).toBe('ETS(M,Ad,M) — multiplicative error, damped trend, multiplicative seasonality');
    expect(noteText({ code: 'forecast.notFinite', params: { index: 2 } }, { locale: 'en', start: '2025-11' })).toContain('Jan 2026');
  });
});
