import { DRIVER_SPECS } from '../../engine/drivers';
import { isDriverKey } from '../../engine/metrics';
import { itemAt } from '../../engine/itemKey';
import type { Op } from '../../engine/patch';
import type { Plan } from '../../engine/types';
import { formatCount, formatMoney, formatPercent } from '../../i18n/format';

type Translate = (key: 'history.change' | 'history.moreChanges', params: Record<string, string | number>) => string;

export interface EditLike {
  ops: readonly Op[];
  inverse: readonly Op[];
}

/** The channel and driver a base-value op is about, whether it names the row by position or by key. */
function baseCell(plan: Plan, op: Op): { channelId: string; name: string; key: string } | null {
  const [top, c, drivers, key, part] = op.path;
  if (op.path.length !== 5 || top !== 'channels' || drivers !== 'drivers' || typeof key !== 'string' || !isDriverKey(key) || part !== 'base') return null;
  const channel = itemAt(plan.channels, c);
  return channel ? { channelId: channel.id, name: channel.name, key } : null;
}

/**
 * Old → new of an undo step that set driver values ("Tmall flagship ¥1,200,000 → ¥1,500,000"), the
 * first of them when a paste set several; null for other kinds of edit, whose label says enough.
 * Channels are named as in `plan`, the plan the step belongs to.
 */
export function editDetail(edit: EditLike, plan: Plan, t: Translate, locale: string): string | null {
  const values = edit.ops.filter((op) => typeof op.value === 'number' && baseCell(plan, op) !== null);
  const first = values[0];
  const cell = first && baseCell(plan, first);
  if (!first || !cell) return null;
  const before = edit.inverse.find((op) => {
    const other = baseCell(plan, op);
    return other !== null && other.channelId === cell.channelId && other.key === cell.key;
  })?.value;
  if (typeof before !== 'number') return null;
  const key = cell.key;
  const unit = isDriverKey(key) ? DRIVER_SPECS[key].unit : 'count';
  const format = (v: number): string => (unit === 'money' ? formatMoney(v, plan.currency, locale) : unit === 'rate' ? formatPercent(v, locale, 2) : formatCount(v, locale));
  const text = t('history.change', { what: cell.name, before: format(before), after: format(first.value as number) });
  return values.length > 1 ? t('history.moreChanges', { text, count: values.length - 1 }) : text;
}
