import { en, type MessageKey, type Messages } from '../i18n/en';
import { LAZY_CATALOGUES, type LazyCatalogue, type LazyMessageKey } from '../i18n/lazy';

/** Any message key: the shell's catalogue and the on-demand ones of lazy views. */
export type AnyMessageKey = MessageKey | LazyMessageKey;

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

async function loadLazy(names: Iterable<LazyCatalogue>, locale: Locale): Promise<Record<string, string>> {
  const parts = await Promise.all([...names].map((n) => LAZY_CATALOGUES[n][locale]()));
  return Object.assign({}, ...parts) as Record<string, string>;
}

export class I18n {
  locale = $state<Locale>('en');
  #messages = $state.raw<Messages>(en);
  /** Messages of the on-demand catalogues loaded so far, in the current language. */
  #lazy = $state.raw<Record<string, string>>({});
  /** Catalogues in use; bookkeeping only (the messages themselves are the reactive state). */
  readonly #needed: LazyCatalogue[] = [];

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
    // The lazy catalogues already in use switch language together with the shell's.
    const [messages, lazy] = await Promise.all([loaders[locale](), loadLazy(this.#needed, locale)]);
    this.#messages = messages;
    this.#lazy = lazy;
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

  /** Loads on-demand catalogues (once each) in the current language; resolves when `t` has them. */
  async need(...names: LazyCatalogue[]): Promise<void> {
    const missing = names.filter((n) => !this.#needed.includes(n));
    if (missing.length === 0) return;
    const locale = this.locale;
    const loaded = await loadLazy(missing, locale);
    for (const n of missing) if (!this.#needed.includes(n)) this.#needed.push(n);
    // A language switch during the load already fetched these in the new language: keep those.
    if (this.locale === locale) this.#lazy = { ...this.#lazy, ...loaded };
    else this.#lazy = { ...this.#lazy, ...(await loadLazy(missing, this.locale)) };
  }

  /** Whether a key has text now: in the shell's catalogue or an on-demand one already loaded. */
  has = (key: string): key is AnyMessageKey => Object.hasOwn(this.#messages, key) || Object.hasOwn(this.#lazy, key);

  t = (key: AnyMessageKey, params?: Record<string, string | number>): string => {
    const text = (this.#messages as Record<string, string>)[key] ?? this.#lazy[key];
    if (text !== undefined) return fill(text, params);
    // A view used a key of a catalogue it did not ask for (see withMessages): say so loudly in
    // development and tests, and show the key rather than nothing.
    console.error(`message "${key}" is not loaded`);
    return key;
  };
}

export const i18n = new I18n();
export const t = i18n.t;

/**
 * Wraps a lazy view's loader so that its messages arrive with its code: the view never renders
 * before the text it needs.
 */
export function withMessages<T>(names: LazyCatalogue[], load: () => Promise<T>): () => Promise<T> {
  return async () => {
    const [mod] = await Promise.all([load(), i18n.need(...names)]);
    return mod;
  };
}
