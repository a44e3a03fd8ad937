/**
 * The workshop's fixed-pot game
 * (docs/model.md#workshop-proposals-against-the-frontier-and-the-fixed-pot-game): the total budget
 * is held fixed, and moving one channel's spend moves the same money from or to the other channels, so the total never
 * changes. Amounts here are whole currency units (integers), so the invariant is exact, not a
 * floating-point approximation: the UI multiplies by the currency's minor units only to show them.
 *
 * Where the money comes from (or goes to) when a slider moves:
 *   proportional  every other channel gives (or takes) in proportion to its current spend; a channel
 *                 at its limit drops out and the rest share what it could not give; when the others
 *                 with room all spend nothing, they share evenly
 *   from          one channel the user picks gives or takes all of it
 * A move that the others cannot balance (they are all at their limits) goes only as far as they can.
 */

export type PotRule = { kind: 'proportional' } | { kind: 'from'; channel: number };

export interface PotLimits {
  /** Whole currency units per channel; hi may be Infinity. */
  lo: readonly number[];
  hi: readonly number[];
}

/** Integers summing exactly to `total`, in proportion to `weights` (largest remainder; ties to the earlier). */
export function splitWhole(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const n = weights.length;
  if (n === 0) return [];
  const w = sum > 0 ? weights.map((x) => x / sum) : weights.map(() => 1 / n);
  const raw = w.map((x) => x * total);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((s, x) => s + x, 0);
  const order = raw.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) out[order[k].i]++;
  return out;
}

/**
 * Takes `amount` (≥ 0, whole units) from the channels in `who`, each giving at most `room[j]`,
 * in proportion to `weight[j]`: returns what each gives. Gives less in total only when everyone's
 * room is used up.
 */
function share(amount: number, who: number[], room: (j: number) => number, weight: (j: number) => number): Map<number, number> {
  const given = new Map<number, number>(who.map((j) => [j, 0]));
  let active = who.filter((j) => room(j) > 0);
  let left = amount;
  while (left > 0 && active.length > 0) {
    const parts = splitWhole(left, active.map(weight));
    const next: number[] = [];
    active.forEach((j, k) => {
      const free = room(j) - (given.get(j) ?? 0);
      const take = Math.min(parts[k], free);
      given.set(j, (given.get(j) ?? 0) + take);
      left -= take;
      if (take < free) next.push(j);
    });
    // Everyone who could take their whole part did: any remainder goes to those still with room.
    if (next.length === active.length && left > 0) {
      // Cannot happen (parts sum to left and nobody was capped), kept as a guard against a loop.
      break;
    }
    active = next;
  }
  return given;
}

/**
 * The spends after moving channel `i` to `target` (rounded to a whole unit, kept within its limits),
 * with the difference taken from or given to the others by `rule`. The sum is unchanged exactly, and
 * every channel stays within its limits (given a start within them).
 */
export function moveInPot(spends: readonly number[], limits: PotLimits, i: number, target: number, rule: PotRule): number[] {
  const n = spends.length;
  const out = [...spends];
  if (i < 0 || i >= n || !Number.isFinite(target)) return out;
  const t = Math.min(limits.hi[i], Math.max(limits.lo[i], Math.round(target)));
  const others = rule.kind === 'from' ? (rule.channel !== i && rule.channel >= 0 && rule.channel < n ? [rule.channel] : []) : [...Array(n).keys()].filter((j) => j !== i);
  let delta = t - spends[i];
  if (delta === 0) return out;
  // Raising i: the others give, down to their minimum. Lowering i: they take, up to their maximum.
  const room = delta > 0 ? (j: number) => spends[j] - limits.lo[j] : (j: number) => limits.hi[j] - spends[j];
  const capacity = others.reduce((s, j) => s + Math.max(0, room(j)), 0);
  if (Math.abs(delta) > capacity) delta = Math.sign(delta) * capacity;
  if (delta === 0) return out;
  const moved = share(Math.abs(delta), others, (j) => Math.max(0, room(j)), (j) => Math.max(0, spends[j]));
  let sum = 0;
  for (const [j, m] of moved) {
    out[j] = spends[j] - Math.sign(delta) * m;
    sum += m;
  }
  out[i] = spends[i] + Math.sign(delta) * sum;
  return out;
}

/**
 * A start within the limits summing exactly to `pot` whole units, as close to `today` (whole units,
 * fractional allowed) as rounding and the limits allow: today rounded by largest remainder, then
 * moved into the limits one channel at a time.
 */
export function startingMix(today: readonly number[], pot: number, limits: PotLimits): number[] {
  const total = today.reduce((s, x) => s + x, 0);
  let s = total > 0 ? splitWhole(pot, today) : splitWhole(pot, today.map(() => 1));
  // Clamp into the limits, then put what clamping added or removed back where there is room.
  const clamped = s.map((x, j) => Math.min(limits.hi[j], Math.max(limits.lo[j], x)));
  let diff = pot - clamped.reduce((a, b) => a + b, 0);
  s = clamped;
  for (let j = 0; j < s.length && diff !== 0; j++) {
    const free = diff > 0 ? limits.hi[j] - s[j] : s[j] - limits.lo[j];
    const m = Math.min(Math.abs(diff), free);
    s[j] += Math.sign(diff) * m;
    diff -= Math.sign(diff) * m;
  }
  return s;
}
