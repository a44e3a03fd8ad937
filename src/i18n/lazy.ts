/**
 * Catalogues of views that load on demand. Their text is not part of the first load: the view's
 * chunk and its messages arrive together (`withMessages` in state/i18n.svelte.ts), so the shell stays
 * within its size budget however many features the app grows. A unit test checks that each Chinese
 * catalogue has the English keys and placeholders, like the main catalogues.
 */
import type { experimentsEn } from './experiments/en';
import type { elasticityEn } from './elasticity/en';
import type { leversEn } from './levers/en';
import type { lifecycleEn } from './lifecycle/en';
import type { channelKpisEn } from './channelKpis/en';
import type { customerValueEn } from './customerValue/en';
import type { decisionsEn } from './decisions/en';
import type { customersEn } from './customers/en';
import type { regionCustomersEn } from './regionCustomers/en';
import type { privacyEn } from './privacy/en';
import type { signingEn } from './signing/en';
import type { planCardEn } from './planCard/en';
import type { merge3En } from './merge3/en';
import type { potEn } from './pot/en';
import type { joinEn } from './join/en';
import type { forecastEn } from './forecast/en';
import type { fileProblemsEn } from './fileProblems/en';

type Loader = () => Promise<Record<string, string>>;
type ByLocale = { en: Loader; 'zh-CN': Loader; 'zh-TW': Loader };

export const LAZY_CATALOGUES = {
  experiments: {
    en: async () => (await import('./experiments/en')).experimentsEn,
    'zh-CN': async () => (await import('./experiments/zh-CN')).experimentsZhCN,
    'zh-TW': async () => (await import('./experiments/zh-TW')).experimentsZhTW,
  },
  elasticity: {
    en: async () => (await import('./elasticity/en')).elasticityEn,
    'zh-CN': async () => (await import('./elasticity/zh-CN')).elasticityZhCN,
    'zh-TW': async () => (await import('./elasticity/zh-TW')).elasticityZhTW,
  },
  levers: {
    en: async () => (await import('./levers/en')).leversEn,
    'zh-CN': async () => (await import('./levers/zh-CN')).leversZhCN,
    'zh-TW': async () => (await import('./levers/zh-TW')).leversZhTW,
  },
  lifecycle: {
    en: async () => (await import('./lifecycle/en')).lifecycleEn,
    'zh-CN': async () => (await import('./lifecycle/zh-CN')).lifecycleZhCN,
    'zh-TW': async () => (await import('./lifecycle/zh-TW')).lifecycleZhTW,
  },
  channelKpis: {
    en: async () => (await import('./channelKpis/en')).channelKpisEn,
    'zh-CN': async () => (await import('./channelKpis/zh-CN')).channelKpisZhCN,
    'zh-TW': async () => (await import('./channelKpis/zh-TW')).channelKpisZhTW,
  },
  customerValue: {
    en: async () => (await import('./customerValue/en')).customerValueEn,
    'zh-CN': async () => (await import('./customerValue/zh-CN')).customerValueZhCN,
    'zh-TW': async () => (await import('./customerValue/zh-TW')).customerValueZhTW,
  },
  decisions: {
    en: async () => (await import('./decisions/en')).decisionsEn,
    'zh-CN': async () => (await import('./decisions/zh-CN')).decisionsZhCN,
    'zh-TW': async () => (await import('./decisions/zh-TW')).decisionsZhTW,
  },
  customers: {
    en: async () => (await import('./customers/en')).customersEn,
    'zh-CN': async () => (await import('./customers/zh-CN')).customersZhCN,
    'zh-TW': async () => (await import('./customers/zh-TW')).customersZhTW,
  },
  regionCustomers: {
    en: async () => (await import('./regionCustomers/en')).regionCustomersEn,
    'zh-CN': async () => (await import('./regionCustomers/zh-CN')).regionCustomersZhCN,
    'zh-TW': async () => (await import('./regionCustomers/zh-TW')).regionCustomersZhTW,
  },
  privacy: {
    en: async () => (await import('./privacy/en')).privacyEn,
    'zh-CN': async () => (await import('./privacy/zh-CN')).privacyZhCN,
    'zh-TW': async () => (await import('./privacy/zh-TW')).privacyZhTW,
  },
  signing: {
    en: async () => (await import('./signing/en')).signingEn,
    'zh-CN': async () => (await import('./signing/zh-CN')).signingZhCN,
    'zh-TW': async () => (await import('./signing/zh-TW')).signingZhTW,
  },
  planCard: {
    en: async () => (await import('./planCard/en')).planCardEn,
    'zh-CN': async () => (await import('./planCard/zh-CN')).planCardZhCN,
    'zh-TW': async () => (await import('./planCard/zh-TW')).planCardZhTW,
  },
  merge3: {
    en: async () => (await import('./merge3/en')).merge3En,
    'zh-CN': async () => (await import('./merge3/zh-CN')).merge3ZhCN,
    'zh-TW': async () => (await import('./merge3/zh-TW')).merge3ZhTW,
  },
  pot: {
    en: async () => (await import('./pot/en')).potEn,
    'zh-CN': async () => (await import('./pot/zh-CN')).potZhCN,
    'zh-TW': async () => (await import('./pot/zh-TW')).potZhTW,
  },
  join: {
    en: async () => (await import('./join/en')).joinEn,
    'zh-CN': async () => (await import('./join/zh-CN')).joinZhCN,
    'zh-TW': async () => (await import('./join/zh-TW')).joinZhTW,
  },
  forecast: {
    en: async () => (await import('./forecast/en')).forecastEn,
    'zh-CN': async () => (await import('./forecast/zh-CN')).forecastZhCN,
    'zh-TW': async () => (await import('./forecast/zh-TW')).forecastZhTW,
  },
  fileProblems: {
    en: async () => (await import('./fileProblems/en')).fileProblemsEn,
    'zh-CN': async () => (await import('./fileProblems/zh-CN')).fileProblemsZhCN,
    'zh-TW': async () => (await import('./fileProblems/zh-TW')).fileProblemsZhTW,
  },
} satisfies Record<string, ByLocale>;

export type LazyCatalogue = keyof typeof LAZY_CATALOGUES;

/** Keys of every on-demand catalogue (types only: nothing here is bundled with the shell). */
export type LazyMessageKey =
  | keyof typeof experimentsEn
  | keyof typeof elasticityEn
  | keyof typeof leversEn
  | keyof typeof lifecycleEn
  | keyof typeof channelKpisEn
  | keyof typeof customerValueEn
  | keyof typeof decisionsEn
  | keyof typeof customersEn
  | keyof typeof regionCustomersEn
  | keyof typeof privacyEn
  | keyof typeof signingEn
  | keyof typeof planCardEn
  | keyof typeof merge3En
  | keyof typeof potEn
  | keyof typeof joinEn
  | keyof typeof forecastEn
  | keyof typeof fileProblemsEn;
