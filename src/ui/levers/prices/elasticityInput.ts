import { parseInput } from '../../../engine/cellInput';
import { ELASTICITY_MAX, ELASTICITY_MIN } from '../../../engine/levers/price';
import { inputError } from '../../units';

export type NumberOutcome = { ok: true; value: number | undefined } | { ok: false; message: string };

function signedNumber(raw: string, min: number, max: number): NumberOutcome {
  if (raw.trim() === '') return { ok: true, value: undefined };
  const r = parseInput(raw, { unit: 'count', moneyDigits: 0, signed: true, min, max });
  return r.ok ? { ok: true, value: r.value } : { ok: false, message: inputError(r.error, raw, '', r.limit === undefined ? undefined : String(r.limit)) };
}

/** An own-price elasticity as typed (−1.2); empty = not set. */
export function parseElasticity(raw: string): NumberOutcome {
  return signedNumber(raw, ELASTICITY_MIN, ELASTICITY_MAX);
}

/** A correlation ρ between −1 and 1; empty = independent draws. */
export function parseCorrelation(raw: string): NumberOutcome {
  return signedNumber(raw, -1, 1);
}
