import { en, type MessageKey, type Messages } from '../i18n/en';

export const LOCALES = ['en', 'zh-CN', 'zh-TW'] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文', 'zh-TW': '繁體中文' };

const STORAGE_KEY = 'cmp.locale';

/** Chinese catalogues load on demand so English users do not download them. */
const loaders: Record<Locale, () => Promise<Messages>> = {
  en: async () => en,
  'zh-CN': async () => (await import('../i18n/zh-CN')).zhCN,
  'zh-TW': async () => (await import('../i18n/zh-TW')).zhTW,
};

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/** The browser's preferred language mapped to one we have. */
export function preferredLocale(languages: readonly string[]): Locale {
  for (const lang of languages) {
    const l = lang.toLowerCase();
    if (l.startsWith('zh')) {
      return /tw|hk|mo|hant/.test(l) ? 'zh-TW' : 'zh-CN';
    }
    if (l.startsWith('en')) return 'en';
  }
  return 'en';
}

function fill(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export class I18n {
  locale = $state<Locale>('en');
  #messages = $state.raw<Messages>(en);

  /** Restores the remembered language (or the browser's) before the first paint of text. */
  async init(): Promise<void> {
    let saved: string | null = null;
    try {
      saved = localStorage.getItem(STORAGE_KEY);
    } catch {
      saved = null;
    }
    try {
      await this.set(isLocale(saved) ? saved : preferredLocale(navigator.languages ?? [navigator.language]), false);
    } catch {
      // The catalogue could not be fetched (no network before the app was stored): start in English
      // rather than not at all; the language menu offers the choice again.
      await this.set('en', false);
    }
  }

  async set(locale: Locale, remember = true): Promise<void> {
    this.#messages = await loaders[locale]();
    this.locale = locale;
    document.documentElement.lang = locale;
    if (remember) {
      try {
        localStorage.setItem(STORAGE_KEY, locale);
      } catch {
        // Without storage the choice lasts for this visit only.
      }
    }
  }

  t = (key: MessageKey, params?: Record<string, string | number>): string => fill(this.#messages[key] ?? en[key], params);
}

export const i18n = new I18n();
export const t = i18n.t;
