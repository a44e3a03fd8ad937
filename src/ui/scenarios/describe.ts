import { DRIVER_SPECS } from '../../engine/drivers';
import type { Actualise, Adjustment, Plan } from '../../engine/types';
import { formatDecimal, formatMonth, formatPercent } from '../../i18n/format';
import { t } from '../../state/i18n.svelte';
import { formatByUnit, type Money } from '../units';

export function channelName(plan: Plan, id: string): string {
  return plan.channels.find((c) => c.id === id)?.name ?? id;
}

/** A region's name; an id the plan no longer has as it is. */
export function regionName(plan: Plan, id: string): string {
  return plan.regions.find((r) => r.id === id)?.name ?? id;
}

/** "主力渠道 · 三线城市": a text naming channels, with the region it is limited to (if any). */
export function inRegion(plan: Plan, text: string, regionId: string | undefined): string {
  return regionId === undefined ? text : t('rs.inRegion', { target: text, region: regionName(plan, regionId) });
}

export function targetText(plan: Plan, adj: Adjustment): string {
  const tg = adj.target;
  if (tg.kind === 'all') return t('adj.all');
  if (tg.kind === 'type') return t('adj.typeTarget', { type: t(`type.${tg.type}`) });
  if (tg.kind === 'role') return t(`se.target.role.${tg.role}`);
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
  const unit = DRIVER_SPECS[adj.driver].unit;
  if (op.kind === 'set') return formatByUnit(unit, op.value, money);
  // Adding to a rate moves it by percentage points: "+0.5 pp" of 3 % is 3.5 %, not 3.015 %.
  const size = unit === 'rate' ? t('se.pp', { value: formatDecimal(Math.abs(op.value) * 100, money.locale, 2) }) : formatByUnit(unit, Math.abs(op.value), money);
  return op.value > 0 ? `+${size}` : op.value < 0 ? `−${size}` : size;
}

/** "Live-stream: Spend +30 % (Mar 2027 to Dec 2027)" — what an adjustment does, in words. */
export function describeAdjustment(plan: Plan, adj: Adjustment, money: Money): string {
  const from = adj.from ? formatMonth(adj.from, money.locale) : '';
  const to = adj.to ? formatMonth(adj.to, money.locale) : '';
  const range = from && to ? t('desc.fromTo', { from, to }) : from ? t('desc.fromOnly', { from }) : to ? t('desc.toOnly', { to }) : '';
  const driver = t(`driver.${adj.driver}`);
  const value = opNumberText(adj, money);
  const target = inRegion(plan, targetText(plan, adj), adj.regionId);
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
      text = t('desc.move', { value, from: inRegion(plan, channelName(plan, adj.op.from), adj.regionId), to: inRegion(plan, channelName(plan, adj.op.to), adj.regionId), range });
      break;
  }
  return adj.enabled ? text : t('desc.disabled') + text;
}

/** "Actuals through Mar 2027; the plan after." — what an actualised scenario is, in one line. */
export function describeActualise(actualise: Actualise, locale: string): string {
  const month = formatMonth(actualise.through, locale);
  return actualise.after === 'reforecast'
    ? t('variance.actualise.describe.reforecast', { month, count: actualise.reforecast?.length ?? 0 })
    : t('variance.actualise.describe.plan', { month });
}
