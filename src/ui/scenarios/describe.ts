import { DRIVER_SPECS } from '../../engine/drivers';
import type { Adjustment, Plan } from '../../engine/types';
import { formatMonth, formatPercent } from '../../i18n/format';
import { t } from '../../state/i18n.svelte';
import { formatByUnit, type Money } from '../units';

export function channelName(plan: Plan, id: string): string {
  return plan.channels.find((c) => c.id === id)?.name ?? id;
}

export function targetText(plan: Plan, adj: Adjustment): string {
  const tg = adj.target;
  if (tg.kind === 'all') return t('adj.all');
  if (tg.kind === 'type') return t('adj.typeTarget', { type: t(`type.${tg.type}`) });
  return tg.ids.map((id) => channelName(plan, id)).join(', ');
}

function signed(text: string, n: number): string {
  return n > 0 ? `+${text}` : text;
}

/** The number of an adjustment as the user reads it (a percent, money, a rate…). */
export function opNumberText(adj: Adjustment, money: Money): string {
  const op = adj.op;
  if (op.kind === 'scale') return signed(formatPercent(op.percent / 100, money.locale, 1), op.percent);
  if (op.kind === 'move') return formatByUnit('money', op.amount, money);
  const text = formatByUnit(DRIVER_SPECS[adj.driver].unit, op.value, money);
  return op.kind === 'add' ? signed(text, op.value) : text;
}

/** "Live-stream: Spend +30 % (Mar 2027 to Dec 2027)" — what an adjustment does, in words. */
export function describeAdjustment(plan: Plan, adj: Adjustment, money: Money): string {
  const from = adj.from ? formatMonth(adj.from, money.locale) : '';
  const to = adj.to ? formatMonth(adj.to, money.locale) : '';
  const range = from && to ? t('desc.fromTo', { from, to }) : from ? t('desc.fromOnly', { from }) : to ? t('desc.toOnly', { to }) : '';
  const driver = t(`driver.${adj.driver}`);
  const value = opNumberText(adj, money);
  const target = targetText(plan, adj);
  let text: string;
  switch (adj.op.kind) {
    case 'set':
      text = t('desc.set', { target, driver, value, range });
      break;
    case 'scale':
      text = t('desc.scale', { target, driver, percent: value, range });
      break;
    case 'add':
      text = t('desc.add', { target, driver, value, range });
      break;
    case 'move':
      text = t('desc.move', { value, from: channelName(plan, adj.op.from), to: channelName(plan, adj.op.to), range });
      break;
  }
  return adj.enabled ? text : t('desc.disabled') + text;
}
