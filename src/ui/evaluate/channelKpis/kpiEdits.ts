/**
 * Plan edits of the channel KPIs, one small builder per kind of edit. Values are addressed by channel
 * id (`channelKpis.channels[<id>]`), so an edit replayed in another tab lands on the same channel.
 */
import type { TypedKpiField } from '../../../engine/channelKpis';
import type { Op } from '../../../engine/patch';
import type { ChannelKpis, MonthlyStock } from '../../../engine/types';

const ROOT = 'channelKpis';

/** A typed value of a channel; null clears it (not known). */
export function setTypedValue(channelId: string, field: TypedKpiField, value: number | null): Op[] {
  return [{ path: [ROOT, 'channels', channelId, field], value: value ?? undefined }];
}

/** A plan-wide alert line; null clears it (the default backlog threshold, or no alert). */
export function setPlanSetting(field: 'backlogDays' | 'satisfactionFloor' | 'complaintCeiling', value: number | null, kpis: ChannelKpis | undefined): Op[] {
  // A setting on a plan that has no KPIs yet creates the part with its (empty) channel list.
  if (!kpis) return value === null ? [] : [{ path: [ROOT], value: { channels: {}, [field]: value } }];
  return [{ path: [ROOT, field], value: value ?? undefined }];
}

/**
 * Stock typed for every month (the level where no month is typed). Clearing it keeps the typed
 * months (other months then hold none), or removes the stock when no month is typed. Writes go to
 * the leaves, so that the cells of one pasted block, built from the same rows, add up.
 */
export function setStockBase(channelId: string, stock: MonthlyStock | undefined, value: number | null): Op[] {
  const path = [ROOT, 'channels', channelId, 'stock'];
  if (value !== null) return [{ path: [...path, 'base'], value }];
  if (!stock) return [];
  const typedMonths = Object.keys(stock.overrides ?? {}).length > 0;
  return typedMonths ? [{ path: [...path, 'base'], value: undefined }] : [{ path, value: undefined }];
}

/** Stock typed for one month; null goes back to the every-month level. */
export function setStockMonth(channelId: string, month: string, value: number | null): Op[] {
  return [{ path: [ROOT, 'channels', channelId, 'stock', 'overrides', month], value: value ?? undefined }];
}
