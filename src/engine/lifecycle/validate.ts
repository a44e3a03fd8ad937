/**
 * Problems of the launches and exits of a plan's scenarios (docs/model.md#channel-life-cycle). All are
 * errors in a file: a launched channel whose id is already taken, an exit or demand transfer naming
 * a channel neither the baseline nor the scenario's chain has, shares outside 0–1 or adding up to
 * more than 100 %, a month that is not `YYYY-MM`, a ramp that is not a whole number of months, a
 * negative or fractional launch cost. A launched channel is checked like a plan channel.
 */
import { scenarioChain } from '../scenarios/chain';
import { parseMonth } from '../timeline';
import type { Plan, Scenario } from '../types';
import { RAMP_SHAPES } from '../types';
import { validatePlan, type Problem } from '../validate';

type Path = (string | number)[];
type Report = (path: Path, code: Problem['code'], params?: Problem['params']) => void;

const MAX_RAMP_MONTHS = 60;

/** Channel ids a scenario can speak of: the baseline's and those its chain (itself included) launches. */
function knownIds(plan: Plan, s: Scenario): Set<string> {
  const ids = new Set(plan.channels.map((c) => c.id));
  let chain: Scenario[];
  try {
    chain = scenarioChain(plan, s.id);
  } catch {
    chain = [s]; // a broken chain is reported by validateScenarios
  }
  for (const c of chain) for (const l of c.launches ?? []) if (l?.channel && typeof l.channel.id === 'string') ids.add(l.channel.id);
  return ids;
}

function checkMonth(report: Report, path: Path, v: unknown): void {
  if (typeof v !== 'string' || !parseMonth(v)) report(path, 'invalidValue', { value: String(v) });
}

function checkLaunches(report: Report, plan: Plan, s: Scenario, p: Path, taken: Set<string>): void {
  (s.launches ?? []).forEach((l, j) => {
    const q = [...p, 'launches', j];
    const ch = l.channel;
    if (!ch || typeof ch !== 'object') return report([...q, 'channel'], 'required');
    if (typeof ch.id !== 'string' || ch.id === '') report([...q, 'channel', 'id'], 'required');
    else if (taken.has(ch.id)) report([...q, 'channel', 'id'], 'duplicateId', { value: ch.id });
    else taken.add(ch.id);
    // The channel is checked as the only channel of the plan, with its paths moved under the launch.
    for (const problem of validatePlan({ ...plan, channels: [ch] })) {
      if (problem.path[0] !== 'channels' || problem.path[2] === 'id') continue;
      const at = [...q, 'channel', ...problem.path.slice(2)];
      report(at, problem.code, problem.params);
    }
    checkMonth(report, [...q, 'month'], l.month);
    if (typeof l.rampMonths !== 'number' || !Number.isInteger(l.rampMonths) || l.rampMonths < 0 || l.rampMonths > MAX_RAMP_MONTHS) {
      report([...q, 'rampMonths'], 'outOfRange', { min: 0, max: MAX_RAMP_MONTHS, value: String(l.rampMonths) });
    }
    if (!RAMP_SHAPES.includes(l.rampShape)) report([...q, 'rampShape'], 'invalidValue', { value: String(l.rampShape) });
    if (typeof l.launchCost !== 'number' || !Number.isSafeInteger(l.launchCost) || l.launchCost < 0) {
      report([...q, 'launchCost'], 'outOfRange', { min: 0, max: Number.MAX_SAFE_INTEGER, value: String(l.launchCost) });
    }
  });
}

function checkExits(report: Report, plan: Plan, s: Scenario, p: Path): void {
  const ids = knownIds(plan, s);
  const exited = new Set<string>();
  (s.exits ?? []).forEach((e, j) => {
    const q = [...p, 'exits', j];
    if (!ids.has(e.channelId)) report([...q, 'channelId'], 'unknownRef', { value: String(e.channelId) });
    else if (exited.has(e.channelId)) report([...q, 'channelId'], 'duplicateId', { value: e.channelId });
    exited.add(e.channelId);
    checkMonth(report, [...q, 'month'], e.month);
    let sum = 0;
    (Array.isArray(e.transfers) ? e.transfers : []).forEach((tr, k) => {
      const r = [...q, 'transfers', k];
      if (!ids.has(tr.channelId)) report([...r, 'channelId'], 'unknownRef', { value: String(tr.channelId) });
      else if (tr.channelId === e.channelId) report([...r, 'channelId'], 'invalidValue', { value: tr.channelId });
      if (typeof tr.share !== 'number' || !Number.isFinite(tr.share) || tr.share < 0 || tr.share > 1) {
        report([...r, 'share'], 'outOfRange', { min: 0, max: 1, value: String(tr.share) });
      } else sum += tr.share;
    });
    // A hair over 1 from adding percentages typed as fractions is not a second customer.
    if (sum > 1 + 1e-9) report([...q, 'transfers'], 'outOfRange', { min: 0, max: 1, value: sum });
  });
}

/** Every problem of the scenarios' launches and exits. */
export function validateLifecycle(plan: Plan): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (path, code, params) => problems.push(params ? { path, code, params } : { path, code });
  // Launched ids must be new to the plan and to every other launch, so a channel id means one channel.
  const taken = new Set(plan.channels.map((c) => c.id));
  plan.scenarios.forEach((s, i) => {
    const p = ['scenarios', i];
    if (s.launches !== undefined) checkLaunches(report, plan, s, p, taken);
    if (s.exits !== undefined) checkExits(report, plan, s, p);
  });
  return problems;
}
