/**
 * What the three-way merge dialog says about an item: its name (channel, driver, scenario or plan
 * setting) and a short reading of its value on one side, in the user's language.
 */
import type { PlanMergeItem } from '../../engine/merge3';
import type { Channel, Driver, DriverKey, Plan, Scenario } from '../../engine/types';
import { formatCount, formatMoney, formatMonth, formatPercent } from '../../i18n/format';
import { i18n, t } from '../../state/i18n.svelte';

/** Plan-wide fields the merge shows as settings: a new Plan field without a label here is a type error. */
type PlanField = Exclude<keyof Plan, 'id' | 'createdAt' | 'updatedAt' | 'lineage' | 'channels' | 'scenarios'>;

const MONEY: ReadonlySet<DriverKey> = new Set(['spend', 'fixedCost', 'aov']);
const COUNTS: ReadonlySet<DriverKey> = new Set(['baseTraffic']);

function channelName(item: PlanMergeItem, plans: readonly Plan[]): string {
  for (const p of plans) {
    const c = p.channels.find((x) => x.id === item.id);
    if (c) return c.name;
  }
  return item.id;
}

export function itemLabel(item: PlanMergeItem, mine: Plan, theirs: Plan): string {
  const plans = [mine, theirs];
  switch (item.kind) {
    case 'channel':
      return t('m3.item.channel', { name: channelName(item, plans) });
    case 'driver':
      return t('m3.item.driver', { channel: channelName(item, plans), driver: t(`driver.${item.driver!}`) });
    case 'overrides':
      return t('m3.item.overrides', { channel: channelName(item, plans), driver: t(`driver.${item.driver!}`) });
    case 'scenario': {
      const s = (item.mine ?? item.theirs ?? item.base) as Scenario;
      return t('m3.item.scenario', { name: s.name });
    }
    default:
      return t('m3.item.setting', { field: t(`m3.field.${item.id as PlanField}`) });
  }
}

function driverValue(key: DriverKey, v: number, currency: string): string {
  if (MONEY.has(key)) return formatMoney(v, currency, i18n.locale);
  if (COUNTS.has(key)) return formatCount(v, i18n.locale);
  return formatPercent(v, i18n.locale);
}

/** One side's value of an item, read for people: a number for a driver, a count for lists, the text for names. */
export function valueText(item: PlanMergeItem, value: unknown, currency: string): string {
  if (value === undefined) return t('m3.value.absent');
  switch (item.kind) {
    case 'driver': {
      const d = value as Omit<Driver, 'overrides'>;
      const base = driverValue(item.driver!, d.base, currency);
      return d.growth ? `${base} · ${t('m3.value.growth', { growth: formatPercent(d.growth, i18n.locale) })}` : base;
    }
    case 'overrides':
      return t('m3.value.months', { count: Object.keys(value as Record<string, number>).length });
    case 'channel': {
      const c = value as Partial<Channel>;
      return c.drivers ? `${c.name} · ${t('m3.value.channel', { count: Object.keys(c.drivers).length })}` : (c.name ?? '');
    }
    case 'scenario': {
      const s = value as Scenario;
      const count = s.adjustments.length + (s.priceChanges?.length ?? 0) + (s.promotions?.length ?? 0) + (s.launches?.length ?? 0) + (s.exits?.length ?? 0);
      const notes = s.notes.trim() === '' ? '' : ` · ${t('m3.value.notes', { text: s.notes.length > 24 ? `${s.notes.slice(0, 24)}…` : s.notes })}`;
      return `${s.name} · ${t('m3.value.adjustments', { count })}${notes}`;
    }
    default:
      if (item.id === 'timeline') {
        const tl = value as Plan['timeline'];
        return t('m3.value.timeline', { start: formatMonth(tl.start, i18n.locale), count: tl.periods });
      }
      if (typeof value === 'string') return value.length > 60 ? `${value.slice(0, 60)}…` : value;
      if (Array.isArray(value)) return t('m3.value.items', { count: value.length });
      return t('m3.value.set');
  }
}
