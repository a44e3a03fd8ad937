/**
 * A customer-value snapshot from a CLV result (docs/model.md#customer-value): the data's first
 * channels matched to the plan's channels, their CLV and monthly margin turned into whole minor units.
 *
 * Several data channels may stand for one plan channel (a shop under two names): their figures are
 * then averaged weighted by customers, which is the mean over all of their customers. Data channels
 * matched to no plan channel, and plan channels no customer came through, are left out.
 */
import { matchNames, WHOLE_CHANNEL } from '../actuals/names';
import { toMinor } from '../money';
import type { ChannelCustomerValue, CustomerValue, CustomerValueMethod, NameMapping, Plan } from '../types';

/** The part of a CLV result a snapshot reads (money in major units, as the data's amounts). */
export interface ClvByFirstChannel {
  observationEndDay: number;
  horizonMonths: number;
  perFirstChannel: readonly { channel: string; customers: number; clv: number; monthlyMargin: readonly number[] }[];
  /** Whether spend per purchase came from the Gamma-Gamma model. */
  spendModel: boolean;
}

export interface SnapshotSettings {
  dataset: string;
  takenAt: number;
  discountRate: number;
  margin: number;
}

/** `YYYY-MM-DD` of a day number (days since 1970-01-01, UTC). */
export function isoOfDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function customerValueSnapshot(plan: Plan, clv: ClvByFirstChannel, settings: SnapshotSettings, saved: readonly NameMapping[] = plan.actuals?.channelNames ?? []): CustomerValue {
  const rows = clv.perFirstChannel.filter((r) => r.customers > 0);
  const matches = matchNames(rows.map((r) => r.channel), plan.channels, saved);
  const months = clv.horizonMonths;
  const channels: ChannelCustomerValue[] = [];
  for (const ch of plan.channels) {
    const mine = rows.filter((_, i) => {
      const target = matches[i].targetId;
      return target === ch.id && target !== WHOLE_CHANNEL;
    });
    const customers = mine.reduce((n, r) => n + r.customers, 0);
    if (customers === 0) continue;
    const clvSum = mine.reduce((s, r) => s + r.clv * r.customers, 0);
    const monthly = Array.from({ length: months }, (_, i) => mine.reduce((s, r) => s + (r.monthlyMargin[i] ?? 0) * r.customers, 0) / customers);
    channels.push({
      channelId: ch.id,
      dataChannels: mine.map((r) => r.channel),
      customers,
      clv: toMinor(clvSum / customers, plan.currency),
      monthlyMargin: monthly.map((v) => toMinor(v, plan.currency)),
    });
  }
  const method: CustomerValueMethod = clv.spendModel ? 'bgnbd-gammagamma' : 'bgnbd-meanorder';
  return {
    dataset: settings.dataset,
    takenAt: settings.takenAt,
    observationEnd: isoOfDay(clv.observationEndDay),
    method,
    horizonMonths: months,
    discountRate: settings.discountRate,
    margin: settings.margin,
    channels,
  };
}

/** Data channel names of a CLV result that match no plan channel (to say what the snapshot leaves out). */
export function unmatchedDataChannels(plan: Plan, clv: ClvByFirstChannel, saved: readonly NameMapping[] = plan.actuals?.channelNames ?? []): string[] {
  const rows = clv.perFirstChannel.filter((r) => r.customers > 0);
  const ids = new Set(plan.channels.map((c) => c.id));
  return matchNames(rows.map((r) => r.channel), plan.channels, saved)
    .filter((m) => m.targetId === null || !ids.has(m.targetId))
    .map((m) => m.name);
}
