import { DRIVER_SPECS, GROWTH_MAX, GROWTH_MIN, SEASONALITY_MAX } from './drivers';
import { isValidCurrency } from './money';
import { MAX_PERIODS, MIN_PERIODS, parseMonth } from './timeline';
import { validateRebate } from './rebates';
import type { Channel, Driver, DriverKey, Plan } from './types';
import { CHANNEL_ROLES, CHANNEL_TYPES, DRIVER_KEYS } from './types';

export type ProblemCode =
  | 'required'
  | 'notFinite'
  | 'outOfRange'
  | 'notInteger'
  | 'duplicateId'
  | 'unknownRef'
  | 'invalidValue'
  | 'tooLong'
  | 'notIncreasing'
  | 'ratesDecrease'
  | 'lengthMismatch'
  | 'duplicateName';

export interface Problem {
  /** Where in the plan, e.g. ['channels', 2, 'drivers', 'conversion', 'base']. */
  path: (string | number)[];
  code: ProblemCode;
  /** Bounds or the offending value, for the message. */
  params?: Record<string, string | number>;
}

export const MAX_NAME_LENGTH = 200;

/** What two names must share to be the same name to a reader: their text in any case, without spacing at the ends. */
export function sameNameKey(name: string): string {
  return name.trim().toLocaleLowerCase();
}
const COLOR_RE = /^#[0-9a-fA-F]{6}$/;

type Report = (path: (string | number)[], code: ProblemCode, params?: Problem['params']) => void;

function checkNumber(report: Report, path: (string | number)[], v: unknown, min: number, max: number, integer: boolean): void {
  if (typeof v !== 'number') return report(path, 'required');
  if (!Number.isFinite(v)) return report(path, 'notFinite');
  if (v < min || v > max) return report(path, 'outOfRange', { min, max, value: v });
  if (integer && !Number.isSafeInteger(v)) report(path, 'notInteger', { value: v });
}

function checkName(report: Report, path: (string | number)[], v: unknown): void {
  if (typeof v !== 'string' || v.trim() === '') report(path, 'required');
  else if (v.length > MAX_NAME_LENGTH) report(path, 'tooLong', { max: MAX_NAME_LENGTH });
}

function checkDriver(report: Report, path: (string | number)[], key: DriverKey, d: Driver | undefined): void {
  if (!d || typeof d !== 'object') return report(path, 'required');
  const spec = DRIVER_SPECS[key];
  const integer = spec.unit === 'money';
  checkNumber(report, [...path, 'base'], d.base, spec.min, spec.max, integer);
  if (d.growth !== undefined) checkNumber(report, [...path, 'growth'], d.growth, GROWTH_MIN, GROWTH_MAX, false);
  if (d.seasonality !== undefined) {
    if (!Array.isArray(d.seasonality) || d.seasonality.length !== 12) {
      report([...path, 'seasonality'], 'invalidValue', { expected: 12 });
    } else {
      d.seasonality.forEach((s, i) => checkNumber(report, [...path, 'seasonality', i], s, 0, SEASONALITY_MAX, false));
    }
  }
  if (d.overrides !== undefined) {
    for (const [month, v] of Object.entries(d.overrides)) {
      if (!parseMonth(month)) report([...path, 'overrides', month], 'invalidValue');
      else checkNumber(report, [...path, 'overrides', month], v, spec.min, spec.max, integer);
    }
  }
}

/** Problems of one driver (base, growth, season, month values), as a channel's drivers are checked. */
export function driverProblems(path: (string | number)[], key: DriverKey, d: Driver | undefined): Problem[] {
  const problems: Problem[] = [];
  checkDriver((at, code, params) => problems.push(params ? { path: at, code, params } : { path: at, code }), path, key, d);
  return problems;
}

function checkChannel(report: Report, plan: Plan, ch: Channel, c: number): void {
  const p = ['channels', c];
  checkName(report, [...p, 'name'], ch.name);
  if (!CHANNEL_TYPES.includes(ch.type)) report([...p, 'type'], 'invalidValue', { value: String(ch.type) });
  if (!CHANNEL_ROLES.includes(ch.role)) report([...p, 'role'], 'invalidValue', { value: String(ch.role) });
  if (typeof ch.color !== 'string' || !COLOR_RE.test(ch.color)) report([...p, 'color'], 'invalidValue');
  const regionIds = new Set(plan.regions.map((r) => r.id));
  (Array.isArray(ch.regions) ? ch.regions : []).forEach((r, i) => {
    if (!regionIds.has(r)) report([...p, 'regions', i], 'unknownRef', { value: r });
  });
  for (const key of DRIVER_KEYS) checkDriver(report, [...p, 'drivers', key], key, ch.drivers?.[key]);
  const curve = ch.curve;
  if (!curve || !['hill', 'linear', 'none'].includes(curve.type)) {
    report([...p, 'curve', 'type'], 'invalidValue');
  } else {
    checkNumber(report, [...p, 'curve', 'max'], curve.max, 0, 1e12, false);
    checkNumber(report, [...p, 'curve', 'halfSat'], curve.halfSat, 0, Number.MAX_SAFE_INTEGER, true);
    checkNumber(report, [...p, 'curve', 'shape'], curve.shape, 0.05, 10, false);
  }
  if (ch.rebate !== undefined) {
    for (const problem of validateRebate(ch.rebate, [...p, 'rebate'])) report(problem.path, problem.code);
  }
}

/** Every problem in a plan, each with its path; an empty list means the plan can be computed. */
export function validatePlan(plan: Plan): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (path, code, params) => problems.push(params ? { path, code, params } : { path, code });
  checkName(report, ['name'], plan.name);
  if (typeof plan.currency !== 'string' || !isValidCurrency(plan.currency)) {
    report(['currency'], 'invalidValue', { value: String(plan.currency) });
  }
  if (!parseMonth(plan.timeline?.start ?? '')) report(['timeline', 'start'], 'invalidValue');
  checkNumber(report, ['timeline', 'periods'], plan.timeline?.periods, MIN_PERIODS, MAX_PERIODS, true);
  const seen = new Set<string>();
  plan.regions.forEach((r, i) => {
    if (seen.has(r.id)) report(['regions', i, 'id'], 'duplicateId', { value: r.id });
    seen.add(r.id);
    checkName(report, ['regions', i, 'name'], r.name);
  });
  const ids = new Set<string>();
  plan.channels.forEach((ch, c) => {
    if (typeof ch.id !== 'string' || ch.id === '') report(['channels', c, 'id'], 'required');
    else if (ids.has(ch.id)) report(['channels', c, 'id'], 'duplicateId', { value: ch.id });
    ids.add(ch.id);
    checkChannel(report, plan, ch, c);
  });
  return problems;
}
