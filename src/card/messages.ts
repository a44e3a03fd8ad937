/** The card's text in the three languages; the card opens in the exporter's language. */
import { planCardEn } from '../i18n/planCard/en';
import { planCardZhCN } from '../i18n/planCard/zh-CN';
import { planCardZhTW } from '../i18n/planCard/zh-TW';

export const CARD_LOCALES = ['en', 'zh-CN', 'zh-TW'] as const;
export type CardLocale = (typeof CARD_LOCALES)[number];
export const LOCALE_NAMES: Record<CardLocale, string> = { en: 'English', 'zh-CN': '简体中文', 'zh-TW': '繁體中文' };

export type CardKey = keyof typeof planCardEn;

const CATALOGUES: Record<CardLocale, Record<CardKey, string>> = { en: planCardEn, 'zh-CN': planCardZhCN, 'zh-TW': planCardZhTW };

export function cardLocale(lang: string): CardLocale {
  return (CARD_LOCALES as readonly string[]).includes(lang) ? (lang as CardLocale) : 'en';
}

export function translator(locale: CardLocale): (key: CardKey, params?: Record<string, string | number>) => string {
  const messages = CATALOGUES[locale];
  return (key, params) => {
    const text = messages[key] ?? planCardEn[key];
    return params ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : text;
  };
}
