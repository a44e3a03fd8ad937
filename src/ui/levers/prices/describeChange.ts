import type { Plan, PriceChange } from '../../../engine/types';
import { formatMonth, formatPercent } from '../../../i18n/format';
import { t } from '../../../state/i18n.svelte';

/** "天猫: price +5 % (from Jun 2027)" — what a scenario's price change does, in words. */
export function describePriceChange(plan: Plan, change: PriceChange, locale: string): string {
  const from = change.from ? formatMonth(change.from, locale) : '';
  const to = change.to ? formatMonth(change.to, locale) : '';
  const range = from && to ? t('desc.fromTo', { from, to }) : from ? t('desc.fromOnly', { from }) : to ? t('desc.toOnly', { to }) : '';
  const channels = change.channelIds.map((id) => plan.channels.find((c) => c.id === id)?.name ?? id).join(', ');
  const pct = formatPercent(change.percent / 100, locale, 1);
  return t('levers.price.change.describe', { channels, percent: change.percent > 0 ? `+${pct}` : pct, range });
}
