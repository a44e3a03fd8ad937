/**
 * Monte Carlo over uncertain drivers (docs/model.md#monte-carlo), built for speed and for splitting over workers.
 *
 * Semantics (the same as naiveMonteCarlo, which is the reference):
 *   - draw i's numbers depend only on (seed, i): the k-th uncertain driver of draw i takes the value
 *     quantile(its distribution, u(seed, i, k)) (see rng.ts), so any split of [0, N) over any number
 *     of workers merges into identical per-draw results;
 *   - a drawn value x of a channel's driver multiplies that channel's whole resolved series of the
 *     driver (baseline, or the scenario's) by x / base (several ranges on one driver multiply); with
 *     base 0 it is added to every period; values are then kept inside the driver's bounds;
 *   - per draw the plan's net revenue and contribution are summed per period (plan totals over all
 *     channels) and over the whole timeline.
 *
 * Differences from computePlan, by design (they are far below sampling error; the tests bound them):
 *   - no rounding to minor units, neither of drawn drivers nor of the P&L lines: totals are reported
 *     in minor units as floats (computePlan rounds six lines per cell, so per draw the two differ by
 *     at most a few minor units per channel and period);
 *   - cannibalisation IS applied (loss = Σ rate × spend-driven net revenue of the source, never more
 *     than the victim's revenue), without rounding; channels in a cannibalisation pair are computed
 *     cell by cell in every draw;
 *   - newCustomerShare does not enter net revenue or contribution, so its ranges are not even drawn.
 *
 * How it is fast. prepareMonteCarlo resolves the drivers once and sorts channels into:
 *   - constant: no uncertain driver that matters: folded into per-period constants once;
 *   - fast: per draw the channel is a handful of scalars combined with precomputed per-period series:
 *       net_t = kR · (kB · BR_t + inc_t · Rb_t)        contribution_t = net_t · M_t − fixed_t − spend_t
 *     where Rb_t is the product of the revenue-per-visit factors that are certain (or scaled),
 *     BR_t = baseTraffic_t · Rb_t, and every uncertain driver is either a scalar multiple of its base
 *     series (a factor) or constant over time (a "flat" series, clamped as a scalar). A draw whose
 *     factor would push a non-flat series past its bound falls back to the exact cell-by-cell path
 *     for that channel.
 *     Uncertain spend on a Hill curve is evaluated exactly, not tabulated: with spend_t = λ·S_t,
 *       (λ·S_t / h)^s = λ^s · (S_t / h)^s,  so  inc_t = max / (1 + λ^(−s) · Y_t),  Y_t = (h / S_t)^s
 *     precomputed: one exp per channel and draw, and one division per two cells (see the group loops).
 *     Linear and step curves scale with λ, so they need no per-cell curve at all;
 *   - general: anything else (non-flat return or channel margin rates, additive non-flat series,
 *     cannibalisation): every cell of every draw, exactly as the formula graph.
 * Fast channels are evaluated period-major in four groups (Hill or not × margins certain or drawn),
 * two draws at a time so that each precomputed cell is read once for both; every sum runs over
 * channels in a fixed order and nothing is shared between the two draws, so a draw's figures are the
 * same whichever draw it is paired with (that is what makes any split over workers give identical
 * results, bit for bit).
 */

export type { FastGroup, MonteCarloChunk, MonteCarloModel, MonteCarloOptions } from './mcModel';
export { prepareMonteCarlo } from './mcPrepare';
export { runMonteCarlo, runMonteCarloChunk } from './mcRun';
export type { MonteCarloKernel } from './wasm/kernel';
