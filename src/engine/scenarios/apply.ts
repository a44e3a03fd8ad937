import { DRIVER_SPECS } from '../drivers';
import { inBounds, outOfBounds, type ClampNotice, type DriverSeries } from '../driverSeries';
import { parseMonth } from '../timeline';
import type { Adjustment, DriverKey, Plan } from '../types';
import { actualiseSeries } from './actualise';
import { scenarioChain } from './chain';

interface NoticeBase {
  adjustmentId: string;
  /** Set when the adjustment came from a scenario (computePlan); absent for ad-hoc adjustments. */
  scenarioId?: string;
}

/**
 * What applying adjustments had to do besides the plain operation. Reported, never silent, like
 * the clamping of resolved drivers (ClampNotice):
 *   aboveMax / belowMin / notFinite  the result left the driver's range and was brought back
 *   moveLimited                       a move asked for more than the source channel had; `requested`
 *                                     and `moved` are the totals over the adjustment's range (minor units)
 *   unknownChannel                    a target or move names a channel the plan does not have
 *   skipped                           the adjustment itself is unusable and was not applied
 */
export type AdjustmentNotice =
  | (NoticeBase & ClampNotice)
  | (NoticeBase & Omit<ClampNotice, 'kind'> & { kind: 'moveLimited'; requested: number; moved: number })
  | (NoticeBase & { kind: 'unknownChannel'; channelId: string })
  | (NoticeBase & { kind: 'skipped'; reason: SkipReason });

export type SkipReason = 'badMonth' | 'notFinite' | 'negativeAmount' | 'unknownDriver' | 'unknownOp';

/** Counts clamped periods per channel and kind, keeping the first month, as resolveDrivers does. */
class ClampTally {
  #runs = new Map<string, { channel: number; kind: ClampNotice['kind']; first: number; count: number }>();

  add(channel: number, kind: ClampNotice['kind'], t: number): void {
    const key = `${channel}:${kind}`;
    const run = this.#runs.get(key);
    if (run) run.count++;
    else this.#runs.set(key, { channel, kind, first: t, count: 1 });
  }

  flush(plan: Plan, months: readonly string[], adjustmentId: string, driver: DriverKey, out: AdjustmentNotice[]): void {
    for (const r of this.#runs.values()) {
      out.push({ adjustmentId, channelId: plan.channels[r.channel].id, driver, month: months[r.first], count: r.count, kind: r.kind });
    }
  }
}

/** Inclusive period indices covered by `from`/`to`; first > last when the range is empty. */
function periodRange(months: readonly string[], from?: string, to?: string): [number, number] {
  // Valid month keys sort as strings, so the range needs no date arithmetic.
  let first = 0;
  let last = months.length - 1;
  if (from !== undefined) while (first < months.length && months[first] < from) first++;
  if (to !== undefined) while (last >= 0 && months[last] > to) last--;
  return [first, last];
}

function opNumber(adj: Adjustment): number {
  const op = adj.op;
  return op.kind === 'scale' ? op.percent : op.kind === 'move' ? op.amount : op.value;
}

function skipReason(adj: Adjustment, series: DriverSeries): SkipReason | null {
  if ((adj.from !== undefined && !parseMonth(adj.from)) || (adj.to !== undefined && !parseMonth(adj.to))) return 'badMonth';
  if (!['set', 'scale', 'add', 'move'].includes(adj.op?.kind)) return 'unknownOp';
  if (adj.op.kind !== 'move' && !Object.hasOwn(series, adj.driver)) return 'unknownDriver';
  const n = opNumber(adj);
  if (typeof n !== 'number' || !Number.isFinite(n)) return 'notFinite';
  if (adj.op.kind === 'move' && n < 0) return 'negativeAmount';
  return null;
}

/** Channel indices an adjustment targets (each once), reporting ids the plan does not have. */
function targetChannels(plan: Plan, adj: Adjustment, out: AdjustmentNotice[]): number[] {
  const t = adj.target;
  if (t.kind === 'all') return plan.channels.map((_, c) => c);
  if (t.kind === 'type') return plan.channels.flatMap((ch, c) => (ch.type === t.type ? [c] : []));
  if (t.kind === 'role') return plan.channels.flatMap((ch, c) => (ch.role === t.role ? [c] : []));
  const index = new Map(plan.channels.map((ch, c) => [ch.id, c] as const));
  const picked = new Set<number>();
  for (const id of t.ids ?? []) {
    const c = index.get(id);
    if (c === undefined) out.push({ adjustmentId: adj.id, kind: 'unknownChannel', channelId: id });
    else picked.add(c);
  }
  return [...picked];
}

function applyValueOp(
  adj: Adjustment, channels: number[], series: DriverSeries, P: number, first: number, last: number, tally: ClampTally,
): void {
  const spec = DRIVER_SPECS[adj.driver];
  const values = series[adj.driver];
  const op = adj.op;
  const factor = op.kind === 'scale' ? 1 + op.percent / 100 : 1;
  for (const c of channels) {
    for (let t = first; t <= last; t++) {
      const i = c * P + t;
      const v = op.kind === 'set' ? op.value : op.kind === 'scale' ? values[i] * factor : values[i] + (op as { value: number }).value;
      const kind = outOfBounds(v, spec);
      if (kind) tally.add(c, kind, t);
      values[i] = inBounds(v, spec);
    }
  }
}

/**
 * Moves spend period by period. Never more than the source has and never past the destination's
 * maximum, so the total spend is conserved exactly (integer minor units) and no spend is created.
 * When a period gets less than asked, one notice says how much was asked and moved in total.
 */
function applyMove(plan: Plan, adj: Adjustment, series: DriverSeries, months: readonly string[], first: number, last: number, out: AdjustmentNotice[]): void {
  const op = adj.op as Extract<Adjustment['op'], { kind: 'move' }>;
  const P = months.length;
  const from = plan.channels.findIndex((ch) => ch.id === op.from);
  const to = plan.channels.findIndex((ch) => ch.id === op.to);
  if (from < 0) out.push({ adjustmentId: adj.id, kind: 'unknownChannel', channelId: op.from });
  if (to < 0) out.push({ adjustmentId: adj.id, kind: 'unknownChannel', channelId: op.to });
  // With either end unknown the money would appear from or vanish into nowhere: do nothing.
  if (from < 0 || to < 0 || from === to) return;
  const spend = series.spend;
  const max = DRIVER_SPECS.spend.max;
  const wanted = Math.round(op.amount);
  let limitedFirst = -1;
  let limited = 0;
  let requested = 0;
  let moved = 0;
  for (let t = first; t <= last; t++) {
    const a = from * P + t;
    const b = to * P + t;
    const amount = Math.min(wanted, spend[a], max - spend[b]);
    if (amount < wanted) {
      if (limitedFirst < 0) limitedFirst = t;
      limited++;
    }
    requested += wanted;
    moved += amount;
    spend[a] -= amount;
    spend[b] += amount;
  }
  if (limited > 0) {
    out.push({
      adjustmentId: adj.id, kind: 'moveLimited', channelId: op.from, driver: 'spend', month: months[limitedFirst], count: limited, requested, moved,
    });
  }
}

/**
 * Applies adjustments to resolved per-period drivers, in place and in order. Baseline overrides are
 * already in `series`, so adjustments work on top of them: a baseline edit flows into every scenario.
 */
export function applyAdjustments(
  plan: Plan, series: DriverSeries, months: readonly string[], adjustments: readonly Adjustment[],
): AdjustmentNotice[] {
  const notices: AdjustmentNotice[] = [];
  const P = months.length;
  for (const adj of adjustments) {
    if (!adj.enabled) continue;
    const reason = skipReason(adj, series);
    if (reason) {
      notices.push({ adjustmentId: adj.id, kind: 'skipped', reason });
      continue;
    }
    const [first, last] = periodRange(months, adj.from, adj.to);
    if (adj.op.kind === 'move') {
      applyMove(plan, adj, series, months, first, last, notices);
    } else {
      const tally = new ClampTally();
      applyValueOp(adj, targetChannels(plan, adj, notices), series, P, first, last, tally);
      tally.flush(plan, months, adj.id, adj.driver, notices);
    }
  }
  return notices;
}

/**
 * Applies a scenario and its ancestors root first; throws ScenarioError for a bad id or a cycle. A
 * scenario actualised through a month takes the actuals after its own adjustments (they replace what
 * the adjustments did in the actual months); a child's adjustments act on the actualised drivers.
 */
export function applyScenario(plan: Plan, series: DriverSeries, months: readonly string[], scenarioId: string): AdjustmentNotice[] {
  const notices: AdjustmentNotice[] = [];
  for (const s of scenarioChain(plan, scenarioId)) {
    for (const n of applyAdjustments(plan, series, months, s.adjustments ?? [])) notices.push({ ...n, scenarioId: s.id });
    if (s.actualise) actualiseSeries(plan, series, months, s.actualise);
  }
  return notices;
}
