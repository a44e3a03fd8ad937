/**
 * Everything the fixed-pot game needs, prepared once in the engine worker: the channels' response
 * models (so each slider move is scored on the main thread at the cost of a few Math.pow), the pot
 * and limits in whole currency units, the starting mix, and "par": the optimiser's answer for the
 * same pot under the plan's budget limits.
 */
import { currencyDigits } from '../money';
import { optimiseBudget, type OptimiseResult } from '../optimiser/optimise';
import type { ResponseModel } from '../optimiser/model';
import { prepare } from '../optimiser/problem';
import type { ChannelBudgetBounds, Plan } from '../types';
import { startingMix, type PotLimits } from './fixedPot';

export type PotGame =
  | {
    ok: true;
    channelIds: string[];
    models: ResponseModel[];
    /** Minor units in one whole currency unit (100 for CNY, 1 for JPY). */
    unit: number;
    /** The pot in whole currency units: today's total spend of the scenario, rounded. */
    pot: number;
    limits: PotLimits;
    /** The starting mix in whole units (today's, rounded so that it sums to the pot). */
    start: number[];
    /** The optimiser's answer for the pot (minor units), with the same models and limits. */
    par: OptimiseResult;
  }
  | { ok: false; reason: 'noChannels' | 'regions' | 'infeasible' };

export function potGame(plan: Plan, scenarioId: string | null, bounds: readonly ChannelBudgetBounds[]): PotGame {
  const p = prepare(plan, 'contribution', scenarioId, bounds);
  if ('ok' in p) return { ok: false, reason: p.error === 'noChannels' ? 'noChannels' : 'infeasible' };
  // A plan computed by region optimises channel × region rows; the game moves whole channels only.
  if (p.rows) return { ok: false, reason: 'regions' };
  const unit = 10 ** currencyDigits(plan.currency);
  const today = p.models.map((m) => m.today / unit);
  const pot = Math.round(today.reduce((s, x) => s + x, 0));
  const lo = Array.from(p.lo, (x) => Math.ceil(x / unit));
  const hi = Array.from(p.hi, (x, c) => Math.max(lo[c], x === Infinity ? Infinity : Math.floor(x / unit)));
  const limits = { lo, hi };
  if (lo.reduce((s, x) => s + x, 0) > pot || hi.reduce((s, x) => s + x, 0) < pot) return { ok: false, reason: 'infeasible' };
  const par = optimiseBudget(plan, { mode: 'maxObjective', objective: 'contribution', totalBudget: pot * unit, scenarioId, bounds: [...bounds] });
  return { ok: true, channelIds: p.models.map((m) => m.channelId), models: p.models, unit, pot, limits, start: startingMix(today, pot, limits), par };
}
