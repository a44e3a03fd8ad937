/**
 * What one more unit of spend on each channel adds to contribution, from the optimiser's response
 * models (docs/model.md#budget-optimiser): d contribution / d spend at the channel's total spend.
 * Spend is subtracted in contribution, so 0.44 means one more ¥1 brings back ¥1.44 and −0.56 means
 * it brings back ¥0.44. Moving ¥1 from channel A to channel B changes contribution by about
 * m_B − m_A, which is why the fixed-pot game shows them side by side: at the optimiser's answer every
 * channel strictly inside its limits has the same marginal return.
 */
import { channelMarginal, channelValue, type ResponseModel } from '../optimiser/model';

/** Marginal return of each channel at total spends `spends` (minor units). */
export function marginalReturns(models: readonly ResponseModel[], spends: readonly number[]): number[] {
  return models.map((m, c) => channelMarginal(m, spends[c]));
}

/** The models' contribution of a mix (minor units; the optimiser's objective). */
export function mixContribution(models: readonly ResponseModel[], spends: readonly number[]): number {
  let v = 0;
  for (let c = 0; c < models.length; c++) v += channelValue(models[c], spends[c]);
  return v;
}
