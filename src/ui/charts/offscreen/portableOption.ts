import { formatMoney } from '../../../i18n/format';
import type { EChartsCoreOption } from '../echarts';

/**
 * Chart options cross to the chart worker as plain data (structured clone), and a function cannot be
 * cloned. The few functions the app's options hold are made from a recipe — "money in CNY, zh-CN,
 * compact" — registered with the function when it is made; the copy sent to the worker carries the
 * recipe and the worker makes the same function again. An option holding any other function is not
 * portable, and its chart draws on the main thread as before.
 */
export interface MoneyRecipe {
  kind: 'money';
  currency: string;
  locale: string;
  /** Axis labels (¥1.2万); tooltips show the full figure. */
  compact: boolean;
}
export type Recipe = MoneyRecipe;

const recipes = new WeakMap<object, Recipe>();

/** A value formatter made from `recipe`, which the worker can make again. */
export function moneyFormatter(recipe: Omit<MoneyRecipe, 'kind'>): (v: number) => string {
  const r: MoneyRecipe = { kind: 'money', ...recipe };
  const f = (v: number): string => formatMoney(v, r.currency, r.locale, r.compact);
  recipes.set(f, r);
  return f;
}

/** Registers the recipe behind a function made elsewhere (a tooltip formatter that formats money). */
export function withRecipe<F extends object>(f: F, recipe: Recipe): F {
  recipes.set(f, recipe);
  return f;
}

/** The recipe a function was made from, if any. */
export function recipeOf(f: unknown): Recipe | null {
  return (typeof f === 'function' && recipes.get(f)) || null;
}

/** How a recipe travels: an object no option uses as a key of its own. */
const MARK = '__chartRecipe';

export class NotPortable extends Error {
  constructor(where: string) {
    super(`chart option holds a function without a recipe at ${where}`);
    this.name = 'NotPortable';
  }
}

/** The option as plain data. Throws NotPortable for a function that has no recipe. */
export function toPortable(option: EChartsCoreOption): EChartsCoreOption {
  const walk = (v: unknown, where: string): unknown => {
    if (typeof v === 'function') {
      const r = recipeOf(v);
      if (!r) throw new NotPortable(where);
      return { [MARK]: r };
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${where}[${i}]`));
    if (v && typeof v === 'object' && !ArrayBuffer.isView(v)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, `${where}.${k}`);
      return out;
    }
    return v;
  };
  return walk(option, 'option') as EChartsCoreOption;
}

/** The worker's side: every recipe made into its function again. */
export function fromPortable(option: EChartsCoreOption): EChartsCoreOption {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object' && !ArrayBuffer.isView(v)) {
      const recipe = (v as Record<string, unknown>)[MARK] as Recipe | undefined;
      if (recipe) return moneyFormatter(recipe);
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return walk(option) as EChartsCoreOption;
}
