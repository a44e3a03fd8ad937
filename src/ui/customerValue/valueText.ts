/**
 * Words for a customer-value snapshot and a channel's LTV:CAC, shared by the channel grid, its
 * advice and the Customers tab (messages: the customerValue catalogue, loaded with those views).
 */
import type { ChannelLtvCac } from '../../engine/customerValue';
import type { CustomerValue } from '../../engine/types';
import { dateTimeFormat, formatDecimal, formatMoney, formatPercent, formatRatio } from '../../i18n/format';
import { t } from '../../state/i18n.svelte';
import type { Money } from '../units';

const DAY_MS = 86_400_000;

export function formatIsoDay(iso: string, locale: string): string {
  return dateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.parse(`${iso}T00:00:00Z`));
}

export function formatTaken(ms: number, locale: string): string {
  return dateTimeFormat(locale, { dateStyle: 'medium' }).format(ms);
}

/** Whole days since the snapshot was taken (0 on the same day). */
export function ageInDays(snapshot: CustomerValue, now: number): number {
  return Math.max(0, Math.floor((now - snapshot.takenAt) / DAY_MS));
}

export function methodText(snapshot: CustomerValue): string {
  return t(`cvalue.method.${snapshot.method}`);
}

/** "The plan uses CLV from …": where the figures come from and how old they are. */
export function snapshotLine(snapshot: CustomerValue, locale: string): string {
  return t('cvalue.inPlan', {
    dataset: snapshot.dataset,
    end: formatIsoDay(snapshot.observationEnd, locale),
    months: snapshot.horizonMonths,
    margin: formatPercent(snapshot.margin, locale, 0),
    method: methodText(snapshot),
    date: formatTaken(snapshot.takenAt, locale),
  });
}

export function ltvCacText(row: ChannelLtvCac | null | undefined, locale: string): string {
  return row?.ltvCac === null || row?.ltvCac === undefined ? '—' : formatRatio(row.ltvCac, locale);
}

export function paybackText(row: ChannelLtvCac | null | undefined, snapshot: CustomerValue, locale: string): string {
  if (!row || row.cac === null) return '—';
  if (row.beyondHorizon) return t('cvalue.beyond', { months: snapshot.horizonMonths });
  return formatDecimal(row.payback, locale, 1);
}

/** The tooltip of an LTV:CAC cell: the figures, where the CLV comes from and how old it is. */
export function ltvCacTooltip(channel: string, row: ChannelLtvCac | null | undefined, snapshot: CustomerValue, money: Money, now: number): string {
  const value = snapshot.channels.find((c) => c.channelId === row?.channelId);
  if (!row || !value) return t('cvalue.noClv', { dataset: snapshot.dataset });
  const source = t('cvalue.ltvCacHint', {
    months: snapshot.horizonMonths,
    customers: value.customers,
    channels: value.dataChannels.join(', '),
    dataset: snapshot.dataset,
    end: formatIsoDay(snapshot.observationEnd, money.locale),
    method: methodText(snapshot),
    date: formatTaken(snapshot.takenAt, money.locale),
    days: ageInDays(snapshot, now),
  });
  const figures = t('cvalue.cellHint', { channel, clv: formatMoney(row.clv, money.currency, money.locale), cac: formatMoney(row.cac, money.currency, money.locale) });
  return row.cac === null ? `${figures}\n${t('cvalue.noCac')}\n\n${source}` : `${figures}\n\n${source}`;
}
