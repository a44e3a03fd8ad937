/** Channel KPI figures and alerts in words, shared by the KPI section and the scorecard's alerts. */
import type { ChannelKpiAlert } from '../../../engine/channelKpis';
import { formatDecimal, formatMonth, formatPercent } from '../../../i18n/format';
import { i18n, t } from '../../../state/i18n.svelte';

/** Turnover days to one decimal: whole days would hide a channel just over its line (60.4 > 60). */
export function daysText(days: number | null): string {
  return days === null ? '—' : formatDecimal(days, i18n.locale, 1);
}

function list(items: readonly string[]): string {
  return items.join(i18n.locale.startsWith('zh') ? '、' : ', ');
}

const MAX_MONTHS = 4;

export function alertText(a: ChannelKpiAlert, channel: string, window: string): string {
  const locale = i18n.locale;
  if (a.kind === 'satisfaction') return t('ckpi.alert.satisfaction', { channel, value: formatPercent(a.value, locale, 1), floor: formatPercent(a.floor, locale, 1) });
  if (a.kind === 'complaints') return t('ckpi.alert.complaints', { channel, value: formatPercent(a.value, locale, 2), ceiling: formatPercent(a.ceiling, locale, 2) });
  // Every month over the line needs no list; a long list is cut after the first few.
  const shownMonths = a.monthsOver.slice(0, MAX_MONTHS);
  const more = a.monthsOver.length - shownMonths.length;
  const named = list(
    shownMonths.map((m) =>
      m.days === null ? t('ckpi.alert.monthStuck', { month: formatMonth(m.month, locale) }) : t('ckpi.alert.monthDays', { month: formatMonth(m.month, locale), days: daysText(m.days) }),
    ),
  );
  const months = more > 0 ? `${named}${t('ckpi.alert.moreMonths', { count: more })}` : named;
  const threshold = formatDecimal(a.threshold, locale, 0);
  if (a.turnoverDays === null) return t('ckpi.alert.backlogStuck', { channel, window });
  if (!a.windowOver) return t('ckpi.alert.backlogMonths', { channel, months, threshold, days: daysText(a.turnoverDays), window });
  const head = t('ckpi.alert.backlog', { channel, days: daysText(a.turnoverDays), threshold, window });
  if (a.monthsOver.length === 0) return head;
  const every = a.monthsOver.length === a.windowMonths;
  // Chinese sentences follow each other without a space.
  const gap = locale.startsWith('zh') ? '' : ' ';
  return `${head}${gap}${every ? t('ckpi.alert.everyMonth') : t('ckpi.alert.monthsOver', { months })}`;
}
