/**
 * Values and references of a structurally valid plan, split into what stops an import (errors) and
 * what is imported as it is and shown to the user (warnings). Paths are relative to the plan.
 *
 * Errors: everything the plan validator reports (the baseline must be computable), repeated ids in
 * lists the UI keys by id, and numbers outside their range in scenarios, budget bounds and curve
 * points. Nothing is coerced: a value is either accepted as it is or reported.
 *
 * Warnings: states the app itself reaches and tolerates — removing a channel leaves adjustments,
 * cannibalisation pairs, uncertain drivers, budget bounds and prices that name it; a scenario chain
 * may loop; a P10 may sit above its P90 while the user is typing; evaluation settings may be half
 * edited. Compute and the views skip or report these where they matter, so refusing a file for them
 * would refuse files the app wrote itself. Two channels of one name (typed in another tool, or from
 * an older release) compute correctly but cannot be told apart on screen: imported, with a warning.
 */
import { validateActuals } from '../actuals/validate';
import { checkCustomerValue } from '../customerValue/validate';
import { checkSavedExperiments } from '../experiments/savedChecks';
import { validateChannelKpis } from '../channelKpis/validate';
import { validatePartners } from '../evaluation/partners';
import { validateLifecycle } from '../lifecycle/validate';
import { validateScenarios } from '../scenarios/validate';
import type { Plan } from '../types';
import { uncertaintyIssues } from '../uncertainty/validate';
import { checkPromotions } from '../levers/promotionChecks';
import { checkPrices } from './priceChecks';
import { checkRegionalValues } from './regionChecks';
import { sameNameKey, validatePlan, type Problem } from '../validate';

type Path = (string | number)[];

export interface PlanChecks {
  errors: Problem[];
  warnings: Problem[];
}

/** Codes of validateScenarios that describe states the app tolerates (see above). */
function isTolerated(p: Problem): boolean {
  if (p.code === 'unknownRef') return true;
  if (p.code === 'invalidValue' && p.params?.reason === 'cycle') return true;
  // A repeated cannibalisation pair: the editor allows it and compute adds the two rates.
  return p.code === 'duplicateId' && p.path[0] === 'cannibalisation';
}

class Collector {
  readonly errors: Problem[] = [];
  readonly warnings: Problem[] = [];
  error(path: Path, code: Problem['code'], params?: Problem['params']): void {
    this.errors.push(params ? { path, code, params } : { path, code });
  }
  warn(path: Path, code: Problem['code'], params?: Problem['params']): void {
    this.warnings.push(params ? { path, code, params } : { path, code });
  }
  uniqueIds(items: readonly { id: string }[], at: Path): void {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) this.error([...at, i, 'id'], 'duplicateId', { value: item.id });
      seen.add(item.id);
    });
  }
  range(path: Path, value: number, min: number, max: number): boolean {
    if (value >= min && value <= max) return true;
    this.error(path, 'outOfRange', { min, max, value });
    return false;
  }
  /** Money: a whole, non-negative number of minor units. */
  money(path: Path, value: number): void {
    if (this.range(path, value, 0, Number.MAX_SAFE_INTEGER) && !Number.isInteger(value)) {
      this.error(path, 'notInteger', { value });
    }
  }
  ref(path: Path, id: string, known: ReadonlySet<string>): void {
    if (!known.has(id)) this.warn(path, 'unknownRef', { value: id });
  }
}

function checkLocale(c: Collector, locale: string): void {
  try {
    Intl.getCanonicalLocales(locale);
  } catch {
    c.error(['locale'], 'invalidValue', { value: locale });
  }
}

function checkChannelExtras(c: Collector, plan: Plan): void {
  plan.channels.forEach((ch, i) => {
    (ch.curvePoints ?? []).forEach((pt, k) => {
      c.money(['channels', i, 'curvePoints', k, 'spend'], pt.spend);
      c.range(['channels', i, 'curvePoints', k, 'outcome'], pt.outcome, 0, Number.MAX_VALUE);
    });
  });
}

function checkUncertainty(c: Collector, plan: Plan): void {
  const list = plan.uncertainty ?? [];
  c.uniqueIds(list, ['uncertainty']);
  list.forEach((u, i) => {
    // The tornado's view (no sampling): a lognormal's low ≤ 0 only matters to Monte Carlo, which says so.
    for (const issue of uncertaintyIssues(plan, [u], false)) {
      if (issue.kind === 'unknownChannel') c.warn(['uncertainty', i, 'channelId'], 'unknownRef', { value: u.channelId });
      else if (issue.kind === 'lowAboveHigh') c.warn(['uncertainty', i, 'high'], 'outOfRange', { min: u.low, value: u.high });
      else c.error(['uncertainty', i], 'invalidValue', { reason: issue.kind });
    }
  });
}

function checkBudgetBounds(c: Collector, plan: Plan, channelIds: ReadonlySet<string>): void {
  const seen = new Set<string>();
  (plan.budgetBounds ?? []).forEach((b, i) => {
    const p = ['budgetBounds', i];
    // One set of bounds per channel and per region of a channel.
    const key = b.regionId === undefined ? b.channelId : `${b.channelId}\u0000${b.regionId}`;
    if (seen.has(key)) c.error([...p, 'channelId'], 'duplicateId', { value: b.channelId });
    seen.add(key);
    c.ref([...p, 'channelId'], b.channelId, channelIds);
    if (b.regionId !== undefined) c.ref([...p, 'regionId'], b.regionId, new Set(plan.regions.map((r) => r.id)));
    if (b.min !== undefined) c.money([...p, 'min'], b.min);
    if (b.max !== undefined) c.money([...p, 'max'], b.max);
    // The optimiser reports min above max as an infeasible plan the user can fix.
    if (b.min !== undefined && b.max !== undefined && b.min > b.max) c.warn([...p, 'max'], 'outOfRange', { min: b.min, value: b.max });
  });
}

/**
 * Budget rules (docs/model.md#optimiser-policies). Numbers outside what a rule can mean are errors (a
 * share above 100 %, a negative amount or CAC); a rule whose limits contradict each other or that
 * speaks of a channel or region the plan no longer has is a warning — the optimiser says the first
 * is infeasible and treats the second as an empty group.
 */
function checkPolicies(c: Collector, plan: Plan, channelIds: ReadonlySet<string>): void {
  const policies = plan.policies;
  if (!policies) return;
  const regionIds = new Set(plan.regions.map((r) => r.id));
  // Rule ids are unique across both lists: results and costs are reported by id.
  c.uniqueIds(policies.groups, ['policies', 'groups']);
  c.uniqueIds(policies.efficiency, ['policies', 'efficiency']);
  const groupIds = new Set(policies.groups.map((g) => g.id));
  policies.efficiency.forEach((e, i) => {
    if (groupIds.has(e.id)) c.error(['policies', 'efficiency', i, 'id'], 'duplicateId', { value: e.id });
  });
  policies.groups.forEach((g, i) => {
    const p = ['policies', 'groups', i];
    for (const side of ['min', 'max'] as const) {
      const v = g[side];
      if (v === undefined) continue;
      if (g.measure === 'share') c.range([...p, side], v, 0, 1);
      else c.money([...p, side], v);
    }
    if (g.min !== undefined && g.max !== undefined && g.min > g.max) c.warn([...p, 'max'], 'outOfRange', { min: g.min, value: g.max });
    if (g.group.kind === 'region') c.ref([...p, 'group', 'regionId'], g.group.regionId, regionIds);
    if (g.group.kind === 'channels') g.group.ids.forEach((id, k) => c.ref([...p, 'group', 'ids', k], id, channelIds));
  });
  policies.efficiency.forEach((e, i) => {
    const p = ['policies', 'efficiency', i, 'limit'];
    if (e.metric === 'cac') c.money(p, e.limit);
    else if (!Number.isFinite(e.limit)) c.error(p, 'invalidValue', { value: e.limit });
  });
}

/**
 * Evaluation settings are kept as they are: the evaluation views check them and say what is wrong
 * (weights that do not sum to 100, a score outside 1–5, a negative price) while the user edits, so
 * the app stores such states itself. What the partner validator finds, and references to channels
 * or regions that are gone, are passed on as warnings.
 */
function checkEvaluation(c: Collector, plan: Plan, channelIds: ReadonlySet<string>): void {
  const ev = plan.evaluation;
  if (!ev) return;
  const regionIds = new Set(plan.regions.map((r) => r.id));
  const regionRef = (path: Path, id: string): void => {
    if (id !== '') c.ref(path, id, regionIds);
  };
  if (ev.scorecard) {
    const customIds = new Set(plan.customMetrics.map((m) => m.id));
    ev.scorecard.kpis.forEach((k, i) => {
      if (k.metric.startsWith('custom:')) c.ref(['evaluation', 'scorecard', 'kpis', i, 'metric'], k.metric.slice('custom:'.length), customIds);
    });
  }
  if (ev.partners) {
    const p = ['evaluation', 'partners'];
    for (const issue of validatePartners(ev.partners)) {
      // 'weightsSum' is the partner view's own word for weights that do not add up to 100.
      const code = issue.code === 'weightsSum' ? 'outOfRange' : issue.code;
      c.warn([...p, ...issue.path], code, issue.params);
    }
    ev.partners.partners.forEach((partner, i) => regionRef([...p, 'partners', i, 'regionId'], partner.regionId));
  }
  if (ev.prices) {
    const p = ['evaluation', 'prices'];
    ev.prices.entries.forEach((e, i) => {
      c.ref([...p, 'entries', i, 'channelId'], e.channelId, channelIds);
      regionRef([...p, 'entries', i, 'regionId'], e.regionId);
    });
    ev.prices.freight.forEach((f, i) => {
      regionRef([...p, 'freight', i, 'from'], f.from);
      regionRef([...p, 'freight', i, 'to'], f.to);
    });
  }
}

/**
 * A channel named as an earlier one, in any case or spacing (as the grid refuses a rename): charts,
 * files and the actuals' mapping name channels, so two of one name cannot be told apart.
 */
function checkChannelNames(c: Collector, plan: Plan): void {
  const first = new Map<string, number>();
  plan.channels.forEach((ch, i) => {
    const key = sameNameKey(ch.name);
    const j = first.get(key);
    if (j === undefined) first.set(key, i);
    else c.warn(['channels', i, 'name'], 'duplicateName', { value: ch.name, first: j + 1 });
  });
}

/** Every value and reference problem of a plan that has the right structure. */
export function checkPlanValues(plan: Plan): PlanChecks {
  const c = new Collector();
  for (const p of validatePlan(plan)) c.errors.push(p);
  for (const p of validateScenarios(plan)) (isTolerated(p) ? c.warnings : c.errors).push(p);
  // Launches and exits name channels the scenario computes with: a wrong name would move demand to nowhere.
  for (const p of validateLifecycle(plan)) c.errors.push(p);
  checkLocale(c, plan.locale);
  c.uniqueIds(plan.customMetrics, ['customMetrics']);
  const channelIds = new Set(plan.channels.map((ch) => ch.id));
  checkChannelExtras(c, plan);
  checkChannelNames(c, plan);
  checkUncertainty(c, plan);
  checkBudgetBounds(c, plan, channelIds);
  checkPolicies(c, plan, channelIds);
  checkEvaluation(c, plan, channelIds);
  checkRegionalValues(plan, c);
  c.uniqueIds(plan.decisions ?? [], ['decisions']);
  const promotions = checkPromotions(plan);
  c.errors.push(...promotions.errors);
  c.warnings.push(...promotions.warnings);
  const kpis = validateChannelKpis(plan);
  c.errors.push(...kpis.errors);
  c.warnings.push(...kpis.warnings);
  checkPrices(plan, c);
  const actuals = validateActuals(plan);
  c.errors.push(...actuals.errors);
  c.warnings.push(...actuals.warnings);
  const customerValue = checkCustomerValue(plan);
  c.errors.push(...customerValue.errors);
  c.warnings.push(...customerValue.warnings);
  const experiments = checkSavedExperiments(plan);
  c.errors.push(...experiments.errors);
  c.warnings.push(...experiments.warnings);
  return { errors: c.errors, warnings: c.warnings };
}
