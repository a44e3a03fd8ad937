/**
 * The optimiser with the plan's rules (docs/model.md#optimiser-policies): the same question as
 * optimiseBudget (a budget, or the best budget) asked again with group rules (a group's share or
 * amount of spend between limits) and efficiency rules (ROI, marginal ROI, CAC; overall or for each
 * channel), answered next to the answer without them, with what each binding rule costs.
 */
import { withLaunches } from '../lifecycle/launches';
import { scenarioSeries } from '../compute';
import type { DriverSeries } from '../driverSeries';
import type { EfficiencyPolicy, GroupPolicy, OptimiserPolicies, Plan } from '../types';
import { answer, bestOf } from './allocate';
import { dualBound, rowValue, solveConstrained, type ConcaveRow, type ConstrainedProblem, type ConstrainedSolution, type Fn1, type LinearRow } from './constrained';
import { channelValue } from './model';
import { optimiseBudget } from './optimise';
import { affineOf, concaveFn, enabledPolicies, freeShareRows, groupRow, overallRow, ruleContext, ruleValue, tightenForChannelRule, type RuleContext } from './policies';
import { optimiserPlan, prepare, realObjective, todayTotal, type Problem } from './problem';
import type { BestBudgetInfo, OptimiseResult, OptimiseSpec, Success } from './result';
import { roundAllocation } from './rounding';

/** With efficiency rules: the allocation with the best objective, or the largest total spend the rules allow. */
export type PolicyGoal = 'bestObjective' | 'largestBudget';

export type PolicySpec = Extract<OptimiseSpec, { mode: 'maxObjective' | 'bestBudget' }> & {
  policies: OptimiserPolicies;
  goal?: PolicyGoal;
  /** false: skip the re-solves that price each rule (costs come back null); for timing the answer alone. */
  ruleCosts?: boolean;
};

/** How good the answer with rules is, checked without trusting the solver. */
export interface Certificate {
  method: 'waterFilling' | 'concaveEnvelope' | 'exactSearch' | 'interiorPoint';
  /** Proven bound on how far below the best the objective can be (minor units; the duality gap). */
  gap: number;
  /** Largest rule violation of the solver's continuous answer (minor units), and its stationarity residual. */
  primalResidual: number;
  dualResidual: number;
  iterations: number;
}

export interface RuleOutcome {
  policyId: string;
  /** What the rule measures with the rules and without them (a share, an amount, an ROI, a marginal ROI or a CAC; the worst channel's for each-channel rules). */
  value: number | null;
  valueWithout: number | null;
  /** Whether the rule holds the answer back: dropping it would change the answer. */
  binding: boolean;
  /**
   * Objective lost to the rule: the answer re-solved without this rule (every other rule kept) minus
   * the answer with it (minor units). Negative when the rule gains: an efficiency rule that stops
   * spending where the last unit no longer pays. null when not binding or the re-solve fails.
   */
  cost: number | null;
  /** The rule's Lagrange multiplier × its limit's scale, a first-order estimate kept for reference; null for rules without one. */
  multiplier: number | null;
}

export type PolicyResult =
  | { ok: true; without: OptimiseResult; with: Success; rules: RuleOutcome[]; certificate: Certificate }
  | { ok: false; without: OptimiseResult; error: 'infeasible'; failure: OptimiseResult | null };

interface Rules {
  groups: GroupPolicy[];
  efficiency: EfficiencyPolicy[];
}

interface Solved {
  result: Success;
  certificate: Certificate;
  ctx: RuleContext;
  /** Per rule id: multiplier and whether its row or bounds hold. */
  active: Map<string, { multiplier: number | null; active: boolean }>;
}

const linear: Fn1 = { value: (x) => x, d1: () => 1, d2: () => 0 };

/**
 * Whether the solver found an allocation that meets the rules: converged, or stalled with the rules
 * met to a millionth of the budget. Rules that leave nothing strictly inside them (a group both above
 * 60 % and below 50 %) make it diverge instead; that is "no allocation meets the rules".
 */
function solvedOk(sol: ConstrainedSolution, scale: number): boolean {
  if (!sol.x.every(Number.isFinite)) return false;
  return sol.converged || sol.primalResidual <= 1e-6 * scale;
}

function sum(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}

/** Solves the spec's question under `rules`; null when the rules leave no allocation. */
function solveWithRules(plan: Plan, spec: PolicySpec, rules: Rules, series: DriverSeries, knownBest?: BestBudgetInfo): Solved | OptimiseResult | null {
  const prepared = prepare(plan, spec.objective, spec.scenarioId, spec.bounds, series);
  if ('ok' in prepared) return prepared;
  const p: Problem = prepared;
  const n = p.models.length;
  const hasEfficiency = rules.efficiency.length > 0;
  const cap = spec.mode === 'maxObjective' ? Math.round(spec.totalBudget) : null;
  // With efficiency rules the budget is an upper limit: a rule may say not to spend all of it.
  const fixedTotal = cap !== null && !hasEfficiency ? cap : null;
  const lo = Float64Array.from(p.lo);
  const hi = Float64Array.from(p.hi);
  const envelopeHi = new Float64Array(n);
  const room = cap ?? Math.max(1, 10 * todayTotal(p));
  for (let i = 0; i < n; i++) envelopeHi[i] = Math.max(lo[i] + 1, Math.min(hi[i], room));
  p.cap = room;
  const ctx = ruleContext(plan, p, series, rules.efficiency, envelopeHi);
  const active = new Map<string, { multiplier: number | null; active: boolean }>();

  const tightened = new Map<string, number[]>();
  for (const rule of rules.efficiency) {
    if (rule.scope === 'eachChannel') tightened.set(rule.id, tightenForChannelRule(ctx, rule, lo, hi));
  }
  for (let i = 0; i < n; i++) if (lo[i] > hi[i]) return null;

  // Overall marginal ROI ≥ y: the budget stops where its last unit earns y (maximise objective − y·spend).
  let shift = 0;
  for (const rule of rules.efficiency) if (rule.scope === 'overall' && rule.metric === 'marginalRoi') shift = Math.max(shift, rule.limit);
  const hasShift = rules.efficiency.some((r) => r.scope === 'overall' && r.metric === 'marginalRoi');

  const rows: LinearRow[] = [];
  const rowRule: (string | null)[] = [];
  const all = Int32Array.from({ length: n }, (_, i) => i);
  if (cap !== null) {
    rows.push({ idx: all, coef: new Float64Array(n).fill(1), lo: fixedTotal ?? -Infinity, hi: cap });
    rowRule.push(null);
  }
  for (const rule of rules.groups) {
    const row = groupRow(ctx, rule, fixedTotal);
    for (const r of row ? [row] : freeShareRows(ctx, rule)) {
      rows.push(r);
      rowRule.push(rule.id);
    }
  }
  const concave: ConcaveRow[] = [];
  const concaveRule: string[] = [];
  for (const rule of rules.efficiency) {
    if (rule.scope !== 'overall' || rule.metric === 'marginalRoi') continue;
    concave.push(overallRow(ctx, rule, lo, hi));
    concaveRule.push(rule.id);
  }
  const objectiveFns = p.models.map((m, i) => {
    const f = concaveFn(m, lo[i], Number.isFinite(hi[i]) ? hi[i] : envelopeHi[i]);
    return shift !== 0 ? affineOf(f, 1, shift) : f;
  });
  const scale = Math.max(1, cap ?? todayTotal(p));
  const build = (objective: Fn1[], extra: LinearRow[]): ConstrainedProblem => ({ lo, hi, objective, linear: [...rows, ...extra], concave, scale });

  let total: number | null = fixedTotal;
  let iterations = 0;
  const extra: LinearRow[] = [];
  if (spec.goal === 'largestBudget' && hasEfficiency) {
    // First the largest spend the rules allow; then the best allocation of it.
    const first = solveConstrained(build(p.models.map(() => linear), []));
    iterations += first.iterations;
    if (!solvedOk(first, scale)) return null;
    let most = Math.floor(sum(first.x) + 1e-6);
    if (hasShift) {
      const shifted = solveConstrained(build(objectiveFns, []));
      iterations += shifted.iterations;
      if (solvedOk(shifted, scale)) most = Math.min(most, Math.floor(sum(shifted.x) + 1e-6));
    }
    total = most;
    extra.push({ idx: all, coef: new Float64Array(n).fill(1), lo: most, hi: most });
  }
  const problem = build(objectiveFns, extra);
  // Rounding to whole units moves each item by less than one unit, so a rule row moves by less than
  // Σ|coefficients|: solve with each rule that much tighter (where its range allows) and the whole-unit
  // answer still keeps it. The cost is that many minor units times the rule's multiplier.
  const tight: ConstrainedProblem = { ...problem, linear: problem.linear.map((row, r) => (r < rowRule.length && rowRule[r] !== null ? tighten(row) : row)) };
  let sol = solveConstrained(tight);
  iterations += sol.iterations;
  if (!solvedOk(sol, scale)) return null;
  // S-shaped curves enter through their envelopes: an item left inside a line piece of its envelope
  // sits at a spend whose envelope value the curve does not reach. Pin it to either end of the line
  // (both real points), re-solve the rest, keep the better; at most once per item.
  for (let guard = 0; guard < n; guard++) {
    const i = objectiveFns.findIndex((f, k) => f.line?.(sol.x[k]) != null);
    if (i < 0) break;
    const [a, b] = objectiveFns[i].line?.(sol.x[i]) as [number, number];
    let bestTry: ConstrainedSolution | null = null;
    let bestValue = -Infinity;
    for (const end of [a, b]) {
      if (end < lo[i] || end > hi[i]) continue;
      const lo2 = Float64Array.from(lo);
      const hi2 = Float64Array.from(hi);
      lo2[i] = hi2[i] = end;
      const trial = solveConstrained({ ...tight, lo: lo2, hi: hi2 });
      iterations += trial.iterations;
      if (!solvedOk(trial, scale)) continue;
      const v = realObjective(p.models, trial.x) - shift * sum(trial.x);
      if (v > bestValue) [bestTry, bestValue] = [trial, v];
    }
    if (!bestTry) break;
    sol = bestTry;
    lo[i] = hi[i] = sol.x[i];
  }
  // A total of our choosing (the budget is a limit) is rounded down: a unit more could break a rule.
  if (total === null) total = Math.floor(sum(sol.x) + 1e-6);
  // Shares of nothing are not shares: rules that only zero spend meets leave no allocation.
  if (total <= 0 && rules.groups.some((g) => g.measure === 'share')) return null;
  const optimal = roundAllocation(p.models, sol.x, total, lo, hi);
  keepRows(problem.linear, optimal, lo, hi, p);
  if (fixedTotal === null && extra.length === 0) keepConcave(concave, optimal, lo);

  // The certificate: the dual bound of the rules as stated (any multipliers bound it), against the objective reached.
  const bound = dualBound(problem, sol);
  let reached = realObjective(p.models, optimal);
  if (shift !== 0) reached -= shift * sum(optimal);
  const gap = Math.max(0, bound - reached);
  const budgetRow = cap !== null ? 0 : -1;
  const lambda = budgetRow >= 0 ? sol.linearMultipliers[budgetRow] + shift : shift;
  // The best budget is a property of the problem without rules: the answer without them has it already.
  const best = knownBest ?? bestOf(p);
  const result = answer(p, optimal, best, { method: 'interiorPoint', gapBound: gap, iterations, lambda });
  const certificate: Certificate = { method: 'interiorPoint', gap, primalResidual: sol.primalResidual, dualResidual: sol.dualResidual, iterations };

  // Which rules hold: a row at one of its limits (to a few minor units), a concave row at 0, a bound met.
  const tol = (v: number): number => Math.max(2, 1e-7 * Math.abs(v));
  rows.forEach((row, r) => {
    const id = rowRule[r];
    if (id === null) return;
    const v = rowValue(row, optimal);
    const held = (Number.isFinite(row.lo) && v - row.lo <= tol(row.lo)) || (Number.isFinite(row.hi) && row.hi - v <= tol(row.hi));
    const prev = active.get(id);
    active.set(id, { multiplier: (prev?.multiplier ?? 0) + sol.linearMultipliers[r], active: (prev?.active ?? false) || held });
  });
  concave.forEach((row, k) => {
    let v = row.constant;
    for (let i = 0; i < n; i++) v += row.fns[i].value(optimal[i]);
    active.set(concaveRule[k], { multiplier: sol.concaveMultipliers[k], active: v <= tol(scale) * 10 || sol.concaveMultipliers[k] > 1e-9 });
  });
  for (const [id, items] of tightened) {
    const held = items.some((i) => optimal[i] >= hi[i] - 1 || (optimal[i] <= lo[i] + 1 && lo[i] > p.lo[i]) || hi[i] === lo[i]);
    active.set(id, { multiplier: null, active: held });
  }
  for (const rule of rules.efficiency) {
    if (rule.scope === 'overall' && rule.metric === 'marginalRoi') active.set(rule.id, { multiplier: null, active: true });
  }
  return { result, certificate, ctx, active };
}

function tighten(row: LinearRow): LinearRow {
  let slack = 1;
  for (let j = 0; j < row.coef.length; j++) slack += Math.abs(row.coef[j]);
  const lo = Number.isFinite(row.lo) ? row.lo + slack : row.lo;
  const hi = Number.isFinite(row.hi) ? row.hi - slack : row.hi;
  return lo <= hi ? { ...row, lo, hi } : row;
}

/**
 * Rounding to whole units can take a row a fraction of a unit past its limit (a share of an odd
 * budget): move single units from the items the row counts least to those it counts most, the
 * cheapest moves first, until every row holds (a few moves at most; the total is unchanged).
 */
function keepRows(rows: readonly LinearRow[], x: number[], lo: ArrayLike<number>, hi: ArrayLike<number>, p: Problem): void {
  const eps = 1e-7;
  const n = x.length;
  const up = new Float64Array(n);
  const down = new Float64Array(n);
  const gains = (i: number): void => {
    up[i] = x[i] + 1 <= hi[i] ? channelValue(p.models[i], x[i] + 1) - channelValue(p.models[i], x[i]) : -Infinity;
    down[i] = x[i] - 1 >= lo[i] ? channelValue(p.models[i], x[i] - 1) - channelValue(p.models[i], x[i]) : -Infinity;
  };
  let ready = false;
  const coef = new Float64Array(n);
  for (let guard = 0; guard < 4 * n + 16; guard++) {
    let bad = -1;
    let dir = 0;
    for (let r = 0; r < rows.length && bad < 0; r++) {
      const v = rowValue(rows[r], x);
      if (v < rows[r].lo - eps) [bad, dir] = [r, 1];
      else if (v > rows[r].hi + eps) [bad, dir] = [r, -1];
    }
    if (bad < 0) return;
    if (!ready) {
      for (let i = 0; i < n; i++) gains(i);
      ready = true;
    }
    coef.fill(0);
    rows[bad].idx.forEach((i, j) => (coef[i] = rows[bad].coef[j] * dir));
    // Receive: the item the row counts most (then the best marginal); give: the least (then the worst marginal).
    let to = -1;
    let from = -1;
    for (let i = 0; i < n; i++) {
      if (up[i] > -Infinity && (to < 0 || coef[i] > coef[to] || (coef[i] === coef[to] && up[i] > up[to]))) to = i;
      if (down[i] > -Infinity && (from < 0 || coef[i] < coef[from] || (coef[i] === coef[from] && down[i] > down[from]))) from = i;
    }
    if (to < 0 || from < 0 || to === from || !(coef[to] > coef[from])) return;
    x[to] += 1;
    x[from] -= 1;
    gains(to);
    gains(from);
  }
}

/**
 * The same for ROI and CAC rules when the total is free: rounding can leave such a rule a few minor
 * units short; a unit less spend where it helps the rule most puts it back.
 */
function keepConcave(rows: readonly ConcaveRow[], x: number[], lo: ArrayLike<number>): void {
  for (const row of rows) {
    for (let guard = 0; guard < 10 * x.length + 16; guard++) {
      let v = row.constant;
      for (let i = 0; i < x.length; i++) v += row.fns[i].value(x[i]);
      if (v >= 0) break;
      let best = -1;
      let slope = Infinity;
      for (let i = 0; i < x.length; i++) {
        if (x[i] - 1 < lo[i]) continue;
        const d = row.fns[i].value(x[i]) - row.fns[i].value(x[i] - 1);
        if (d < slope) [best, slope] = [i, d];
      }
      if (best < 0 || slope >= 0) break;
      x[best] -= 1;
    }
  }
}

/** The answer's spend per variable (per channel × region row when channels are split). */
function spendsOf(r: Success): number[] {
  return r.allocations.flatMap((a) => (a.rows ? a.rows.map((row) => row.optimal) : [a.optimal]));
}

function without(rules: Rules, id: string): Rules {
  return { groups: rules.groups.filter((g) => g.id !== id), efficiency: rules.efficiency.filter((e) => e.id !== id) };
}

function objectiveOf(spec: PolicySpec, plan: Plan, rules: Rules, series: DriverSeries, best?: BestBudgetInfo): { value: number } | null {
  if (rules.groups.length === 0 && rules.efficiency.length === 0) {
    const r = optimiseBudget(plan, spec, series);
    return r.ok ? { value: r.objective } : null;
  }
  const s = solveWithRules(plan, spec, rules, series, best);
  return s && 'result' in s ? { value: s.result.objective } : null;
}

/**
 * The answer with and without the plan's enabled rules. With no rule enabled both are the ordinary
 * optimiser's answer (water-filling; its path and figures unchanged).
 */
export function optimiseWithPolicies(plan: Plan, spec: PolicySpec): PolicyResult {
  // A scenario that launches channels runs with them (lifecycle/launches.ts).
  plan = withLaunches(plan, spec.scenarioId);
  // The scenario's drivers are resolved once for every problem this answer solves (of the rows, when
  // channels are computed by region).
  const { series } = scenarioSeries(optimiserPlan(plan, spec.bounds).target, spec.scenarioId);
  const base = optimiseBudget(plan, spec, series);
  const rules = enabledPolicies(spec.policies);
  if (rules.groups.length === 0 && rules.efficiency.length === 0) {
    if (!base.ok) return { ok: false, without: base, error: 'infeasible', failure: base };
    const certificate: Certificate = { method: base.method, gap: base.gapBound, primalResidual: 0, dualResidual: 0, iterations: base.iterations };
    return { ok: true, without: base, with: base, rules: [], certificate };
  }
  const solved = solveWithRules(plan, spec, rules, series, base.ok ? base.best : undefined);
  if (solved === null) return { ok: false, without: base, error: 'infeasible', failure: null };
  if (!('result' in solved)) return { ok: false, without: base, error: 'infeasible', failure: solved };
  const { result, certificate, ctx, active } = solved;
  const x = spendsOf(result);
  const xWithout = base.ok ? spendsOf(base) : null;
  const outcomes: RuleOutcome[] = [...rules.groups, ...rules.efficiency].map((rule) => {
    const a = active.get(rule.id);
    let cost: number | null = null;
    if (a?.active && spec.ruleCosts !== false) {
      const other = objectiveOf(spec, plan, without(rules, rule.id), series, base.ok ? base.best : undefined);
      if (other) cost = other.value - result.objective;
    }
    // A rule whose removal changes the objective by less than a minor unit does not hold the answer
    // back. The change can be negative: without an efficiency rule the whole budget is spent, and a
    // budget past the profitable level earns less than the rule's answer.
    const binding = cost !== null && Math.abs(cost) > 0.5;
    return {
      policyId: rule.id,
      value: ruleValue(ctx, rule, x),
      valueWithout: xWithout ? ruleValue(ctx, rule, xWithout) : null,
      binding,
      cost: binding ? cost : null,
      multiplier: a?.multiplier ?? null,
    };
  });
  return { ok: true, without: base, with: result, rules: outcomes, certificate };
}

/**
 * The answer with the rules alone (no answer without them, no rule costs), on drivers already
 * resolved: what the benchmark times as "the optimiser with group constraints".
 */
export function optimiseUnderRules(plan: Plan, spec: PolicySpec, series: DriverSeries, best?: BestBudgetInfo): { result: Success; certificate: Certificate } | null {
  const solved = solveWithRules(plan, spec, enabledPolicies(spec.policies), series, best);
  return solved && 'result' in solved ? { result: solved.result, certificate: solved.certificate } : null;
}

/** The objective of an allocation (for tests and the UI's checks). */
export function objectiveAt(plan: Plan, spec: Pick<OptimiseSpec, 'objective' | 'scenarioId' | 'bounds'>, spends: readonly number[]): number {
  const p = prepare(plan, spec.objective, spec.scenarioId, spec.bounds);
  if ('ok' in p) return NaN;
  return p.models.reduce((s, m, i) => s + channelValue(m, spends[i]), 0);
}
