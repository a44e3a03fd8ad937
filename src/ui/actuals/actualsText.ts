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
  if (isMeasure(params.measure)) params.measure = measureName(params.measure);
  if (typeof params.revenue === 'number') params.revenue = formatMoney(params.revenue, currency, i18n.locale);
  return t(`actuals.problem.${p.code}`, params);
}
