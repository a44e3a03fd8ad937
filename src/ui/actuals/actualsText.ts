/** Words for the engine's actuals problems: measures named, money formatted, in the user's language. */
import type { ActualsProblem } from '../../engine/actuals/problems';
import { ACTUAL_MEASURES, type ActualMeasure } from '../../engine/types';
import { formatMoney } from '../../i18n/format';
import { i18n, t } from '../../state/i18n.svelte';

const isMeasure = (v: unknown): v is ActualMeasure => (ACTUAL_MEASURES as readonly unknown[]).includes(v);

export function measureName(m: ActualMeasure): string {
  return t(`actuals.measure.${m}`);
}

export function problemText(p: ActualsProblem, currency: string): string {
  const params: Record<string, string | number> = { ...p.params };
  // A measure, or several that share the problem ("netRevenue,orders").
  if (typeof params.measure === 'string') params.measure = params.measure.split(',').map((m) => (isMeasure(m) ? measureName(m) : m)).join(t('actuals.listSeparator'));
  if (typeof params.revenue === 'number') params.revenue = formatMoney(params.revenue, currency, i18n.locale);
  return t(`actuals.problem.${p.code}`, params);
}
