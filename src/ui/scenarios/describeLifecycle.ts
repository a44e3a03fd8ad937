import { knownChannels } from '../../engine/lifecycle/resultPlan';
import type { ChannelExit, ChannelLaunch, Plan } from '../../engine/types';
import { formatMonth, formatPercent } from '../../i18n/format';
import { t } from '../../state/i18n.svelte';
import { formatByUnit, type Money } from '../units';

/** A channel's name: the plan's, a launched one's, or the id of a channel that is gone. */
export function lifecycleChannelName(plan: Plan, id: string): string {
  return knownChannels(plan).get(id)?.name ?? id;
}

/** "Launch 抖音直播 (live-stream) in Apr 2027, full effect after 3 months (S-curve), launch cost ¥50,000.00". */
export function describeLaunch(l: ChannelLaunch, money: Money): string {
  const ramp =
    l.rampMonths === 0
      ? t('lifecycle.launch.noRamp')
      : t(l.rampShape === 's' ? 'lifecycle.launch.rampS' : 'lifecycle.launch.rampLinear', { months: l.rampMonths });
  return t('lifecycle.launch.text', {
    name: l.channel.name,
    type: t(`type.${l.channel.type}`),
    month: formatMonth(l.month, money.locale),
    ramp,
    cost: formatByUnit('money', l.launchCost, money),
  });
}

/** "Exit 社区团购 from Jul 2027; 40 % of its orders move to 天猫旗舰店, 20 % to 直营门店". */
export function describeExit(plan: Plan, e: ChannelExit, money: Money): string {
  const moves = e.transfers.filter((tr) => tr.share > 0);
  const base = { name: lifecycleChannelName(plan, e.channelId), month: formatMonth(e.month, money.locale) };
  if (moves.length === 0) return t('lifecycle.exit.textLost', base);
  const list = moves.map((tr) => t('lifecycle.exit.share', { share: formatPercent(tr.share, money.locale, 0), name: lifecycleChannelName(plan, tr.channelId) })).join(t('lifecycle.exit.sep'));
  const kept = moves.reduce((a, tr) => a + tr.share, 0);
  return t('lifecycle.exit.text', { ...base, moves: list, lost: formatPercent(Math.max(0, 1 - kept), money.locale, 0) });
}
