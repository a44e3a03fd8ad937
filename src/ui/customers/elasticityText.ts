/**
 * How an elasticity estimate reads in the user's language: its verdict ("elastic: a 1 % price rise
 * loses 1.8 % of units") or the reason it was refused. Shared by the view and its exports.
 */
import type { ElasticityEstimate, ElasticitySettings } from '../../engine/elasticity';
import { formatPercent } from '../../i18n/format';
import { t } from '../../state/i18n.svelte';

/** The % change of units for a 1 % price rise under constant elasticity: 1.01^ε − 1. */
export const unitsChangeFor = (elasticity: number, priceRise: number) => (1 + priceRise) ** elasticity - 1;

/** The verdict or refusal of an estimate. */
export function estimateNote(estimate: ElasticityEstimate, settings: ElasticitySettings, locale: string): string {
  if (estimate.status === 'refused') {
    switch (estimate.reason) {
      case 'pricesNeverMove':
        return t('elas.refused.pricesNeverMove', { threshold: formatPercent(settings.changeThreshold, locale, 1) });
      case 'tooFewPriceChanges':
        return t('elas.refused.tooFewPriceChanges', { changes: estimate.priceChanges, min: settings.minPriceChanges });
      case 'tooFewObservations':
        return t('elas.refused.tooFewObservations', { weeks: estimate.observations, min: settings.minObservations });
    }
  }
  const pct = formatPercent(Math.abs(unitsChangeFor(estimate.elasticity, 0.01)), locale, 1);
  return t(`elas.verdict.${estimate.verdict}`, { pct });
}
