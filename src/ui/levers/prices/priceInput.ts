import { parseInput } from '../../../engine/cellInput';
import { PRICE_INDEX_MAX, PRICE_INDEX_MIN } from '../../../engine/levers/price';
import { formatPercent } from '../../../i18n/format';
import { i18n, t } from '../../../state/i18n.svelte';
import type { ParseOutcome } from '../../grid/cellSpec';
import { inputError } from '../../units';

/**
 * A bare number up to this is a factor (1.05 = 5 % dearer); above it, percent points (105 = 105 %).
 * No plan raises a price fivefold, and nobody types a price of 5 % of today's as "5".
 */
const FACTOR_UP_TO = 5;

/**
 * Reads a price index as planners type it: "105%", "1.05" or "105" (all 5 % above today's price),
 * "95%" or "0.95" (5 % below). Refused with a reason when it is not a number or outside 1 % … 10000 %.
 */
export function parsePriceIndex(raw: string): ParseOutcome {
  const asRate = parseInput(raw, { unit: 'rate', moneyDigits: 0, max: Number.MAX_VALUE });
  if (!asRate.ok) return { ok: false, message: inputError(asRate.error, raw) };
  let value = asRate.value;
  let points = false;
  if (asRate.percent === 'points') {
    // Without a % sign a number of 1 or more reads as points; read it back as a factor when small.
    const plain = parseInput(raw, { unit: 'count', moneyDigits: 0 });
    if (plain.ok && plain.value <= FACTOR_UP_TO) value = plain.value;
    else points = true;
  }
  if (value < PRICE_INDEX_MIN || value > PRICE_INDEX_MAX) {
    return { ok: false, message: t('levers.price.indexRange', { min: formatPercent(PRICE_INDEX_MIN, i18n.locale, 0), max: formatPercent(PRICE_INDEX_MAX, i18n.locale, 0) }) };
  }
  return points ? { ok: true, value, reading: { raw: raw.trim(), kind: 'points', shown: formatPercent(value, i18n.locale, 2) } } : { ok: true, value };
}

/** What parsePriceIndex reads back to the same value. */
export function priceIndexToInput(v: number): string {
  return `${Number((v * 100).toPrecision(12))}%`;
}
