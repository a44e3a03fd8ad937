import { DRIVER_SPECS } from '../../engine/drivers';
import { isDriverKey } from '../../engine/metrics';
import type { Op } from '../../engine/patch';
import type { Plan } from '../../engine/types';
import { formatCount, formatMoney, formatPercent } from '../../i18n/format';

type Translate = (key: 'history.change' | 'history.moreChanges', params: Record<string, string | number>) => string;

export interface EditLike {
  ops: readonly Op[];
  inverse: readonly Op[];
}

const samePath = (a: readonly unknown[], b: readonly unknown[]): boolean => a.length === b.length && a.every((k, i) => k === b[i]);

/**
 * Old → new of an undo step that set driver values ("Tmall flagship ¥1,200,000 → ¥1,500,000"), the
 * first of them when a paste set several; null for other kinds of edit, whose label says enough.
 * Channels are named as in `plan`, the plan the step belongs to.
 */
export function editDetail(edit: EditLike, plan: Plan, t: Translate, locale: string): string | null {
  const values = edit.ops.filter((op) => {
    const [top, c, drivers, key, part] = op.path;
    return op.path.length === 5 && top === 'channels' && typeof c === 'number' && drivers === 'drivers' && typeof key === 'string' && isDriverKey(key) && part === 'base' && typeof op.value === 'number';
  });
  const first = values[0];
  if (!first) return null;
  const before = edit.inverse.find((op) => samePath(op.path, first.path))?.value;
  if (typeof before !== 'number') return null;
  const [, c, , key] = first.path as [string, number, string, string];
  const unit = isDriverKey(key) ? DRIVER_SPECS[key].unit : 'count';
  const format = (v: number): string => (unit === 'money' ? formatMoney(v, plan.currency, locale) : unit === 'rate' ? formatPercent(v, locale, 2) : formatCount(v, locale));
  const text = t('history.change', { what: plan.channels[c]?.name ?? '', before: format(before), after: format(first.value as number) });
  return values.length > 1 ? t('history.moreChanges', { text, count: values.length - 1 }) : text;
}
