import type { ChannelPrice } from '../../../engine/types';
import { formatCount, formatDecimal } from '../../../i18n/format';
import { t } from '../../../state/i18n.svelte';

/** Where a channel's ε came from, in words: typed, the plan's default, or the estimate with what it rests on. */
export function sourceText(entry: ChannelPrice | undefined, locale: string): string {
  if (entry?.elasticity === undefined) return t('levers.price.source.default');
  const src = entry.source;
  if (!src || src.kind === 'typed') return t('levers.price.source.typed');
  const num = (v: number) => formatDecimal(v, locale, 2);
  return t('levers.price.source.estimated', {
    value: num(src.estimate),
    low: num(src.low),
    high: num(src.high),
    changes: formatCount(src.priceChanges, locale),
    weeks: formatCount(src.observations, locale),
    dataSet: src.dataSet,
    scope: src.scope === '' ? t('levers.price.source.pooled') : src.scope,
    date: src.estimatedAt,
  });
}
