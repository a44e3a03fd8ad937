import { DRIVER_KEYS, type DriverKey } from '../../engine/types';
import type { FileProblem } from '../../engine/planFile';
import { formatMonth } from '../../i18n/format';
import { i18n, t } from '../../state/i18n.svelte';

/** Where in the file, as a JSON path a person can search for: plan.channels[2].drivers.aov.base. */
export function problemPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
}

/** Lists of the plan whose items a planner knows by number (and name): channel 2 “天猫旗舰店”. */
const LISTS = ['channels', 'regions', 'scenarios', 'customMetrics', 'cannibalisation', 'uncertainty', 'budgetBounds', 'promotions', 'decisions', 'experiments', 'launches', 'exits', 'priceChanges', 'transfers', 'adjustments'] as const;
/** Fields said in words; any other step of the path ends the words and the JSON path says the rest. */
const FIELDS = ['name', 'id', 'currency', 'locale', 'timeline', 'start', 'periods', 'notes', 'type', 'role', 'regions', 'color', 'curve', 'curvePoints', 'rebate', 'base', 'growth', 'seasonality', 'overrides', 'formula', 'format', 'drivers', 'adjustments', 'parentId', 'enabled', 'from', 'to'] as const;
const MONTH_KEY = /^\d{4}-(0[1-9]|1[0-2])$/;

const isOneOf = <T extends string>(list: readonly T[], x: unknown): x is T => (list as readonly unknown[]).includes(x);

/**
 * The part of a path under `plan` a planner can follow, in words: 渠道 2“天猫旗舰店” · 客单价 · 2027年3月的手动输入值.
 * Stops at the first step it has no words for (the JSON path beside it says the rest); empty for
 * problems outside the plan (the file's envelope) and for the plan as a whole.
 */
export function problemWhere(path: readonly (string | number)[], names: Readonly<Record<number, string>> = {}): string {
  if (path[0] !== 'plan') return '';
  const parts: string[] = [];
  for (let i = 1; i < path.length; i++) {
    const step = path[i];
    const next = path[i + 1];
    if (isOneOf(LISTS, step) && typeof next === 'number') {
      const list = t(`fileWhere.list.${step}`);
      const name = names[i + 1];
      parts.push(name ? t('fileWhere.itemNamed', { list, n: next + 1, name }) : t('fileWhere.item', { list, n: next + 1 }));
      i++;
    } else if (step === 'drivers' && isOneOf<DriverKey>(DRIVER_KEYS, next)) {
      parts.push(t(`driver.${next}`));
      i++;
    } else if (step === 'overrides' && typeof next === 'string' && MONTH_KEY.test(next)) {
      parts.push(t('fileWhere.override', { month: formatMonth(next, i18n.locale) }));
      i++;
    } else if (step === 'seasonality' && typeof next === 'number') {
      parts.push(t('fileWhere.seasonMonth', { n: next + 1 }));
      i++;
    } else if (isOneOf(FIELDS, step)) {
      parts.push(t(`fileWhere.field.${step}`));
    } else break;
  }
  const where = parts.join(' · ');
  // A sentence starts with a capital (English); Chinese has none to change.
  return where.charAt(0).toLocaleUpperCase(i18n.locale) + where.slice(1);
}

/** A JSON type as the message says it: 文字, 数字… (unknown names as they are). */
function typeWord(x: string | number | undefined): string | number {
  return typeof x === 'string' && isOneOf(['string', 'number', 'boolean', 'array', 'object', 'null'] as const, x) ? t(`fileType.${x}`) : (x ?? '?');
}

/**
 * A problem of a plan file in words: where it is as a planner would say it, what is wrong, and the
 * JSON path for whoever opens the file in an editor.
 */
export function problemText(p: FileProblem): string {
  const params = { line: '?', column: '?', found: '?', value: '?', ...(p.params ?? {}) };
  if (p.code === 'wrongType') Object.assign(params, { expected: typeWord(p.params?.expected), found: typeWord(p.params?.found) });
  const text = t(`fileProblem.${p.code}`, params);
  const path = problemPath(p.path);
  if (!path) return text;
  const where = problemWhere(p.path, p.names);
  return where ? t('fileWhere.problem', { where, text, path }) : `${path}: ${text}`;
}
