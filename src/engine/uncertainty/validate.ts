import { engineMessage, type EngineMessage } from '../messages';
import { DISTRIBUTIONS, DRIVER_KEYS, type Plan, type UncertainDriver } from '../types';

/**
 * What makes an uncertain driver unusable:
 *   unknownChannel          its channel is not in the plan
 *   unknownDriver           its driver is not one of DRIVER_KEYS
 *   unknownDistribution     its distribution is not one of DISTRIBUTIONS
 *   notFinite               low or high is not a finite number
 *   lowAboveHigh            P10 above P90
 *   lognormalNotPositive    a lognormal needs low > 0 (ln low must exist)
 *   unknownRegion           its region is not a region of the plan
 *   regionNotServed         its channel does not serve its region
 */
export type UncertaintyIssueKind =
  | 'unknownChannel'
  | 'unknownDriver'
  | 'unknownDistribution'
  | 'notFinite'
  | 'lowAboveHigh'
  | 'lognormalNotPositive'
  | 'unknownRegion'
  | 'regionNotServed';

export interface UncertaintyIssue {
  /** The uncertain driver's id. */
  id: string;
  kind: UncertaintyIssueKind;
  /** The same, as a code (`risk.<kind>`) with the values the UI needs to say it. */
  problem: UncertaintyProblem;
}

export type UncertaintyProblem = EngineMessage<`risk.${UncertaintyIssueKind}`>;

/**
 * Thrown by prepareMonteCarlo, naiveMonteCarlo and the tornado when a range is unusable. Its message
 * is for logs (ids and kinds); the UI checks the ranges with `uncertaintyIssues` first and words
 * each issue from its code.
 */
export class UncertaintyError extends Error {
  readonly issues: UncertaintyIssue[];
  constructor(issues: UncertaintyIssue[]) {
    super(`Unusable uncertain drivers: ${issues.map((i) => `${i.id} (${i.kind})`).join(', ')}`);
    this.name = 'UncertaintyError';
    this.issues = issues;
  }
}

const DRIVER_SET: ReadonlySet<string> = new Set(DRIVER_KEYS);
const DIST_SET: ReadonlySet<string> = new Set(DISTRIBUTIONS);

/**
 * Every problem of a list of uncertain drivers. `sampling` (Monte Carlo) also checks what only
 * drawing needs (a lognormal's low > 0); the tornado uses low and high as they are.
 */
export function uncertaintyIssues(plan: Plan, list: readonly UncertainDriver[], sampling = true): UncertaintyIssue[] {
  const channels = new Map(plan.channels.map((c) => [c.id, c] as const));
  const regions = new Map(plan.regions.map((r) => [r.id, r] as const));
  const issues: UncertaintyIssue[] = [];
  for (const u of list) {
    const add = (kind: UncertaintyIssueKind, problem: UncertaintyProblem): void => void issues.push({ id: u.id, kind, problem });
    const driver = String(u.driver);
    const ch = channels.get(u.channelId);
    if (!ch) add('unknownChannel', engineMessage('risk.unknownChannel', { channelId: String(u.channelId) }));
    if (u.regionId !== undefined) {
      // A range of a region the channel does not have would move nothing: say so rather than ignore it.
      const region = regions.get(u.regionId);
      if (!region) add('unknownRegion', engineMessage('risk.unknownRegion', { regionId: String(u.regionId) }));
      else if (ch && !ch.regions.includes(u.regionId)) add('regionNotServed', engineMessage('risk.regionNotServed', { channel: ch.name, region: region.name }));
    }
    if (!DRIVER_SET.has(u.driver)) add('unknownDriver', engineMessage('risk.unknownDriver', { driver }));
    if (!DIST_SET.has(u.distribution)) add('unknownDistribution', engineMessage('risk.unknownDistribution', { distribution: String(u.distribution) }));
    if (!Number.isFinite(u.low) || !Number.isFinite(u.high)) add('notFinite', engineMessage('risk.notFinite'));
    else if (u.low > u.high) add('lowAboveHigh', engineMessage('risk.lowAboveHigh', { driver, low: u.low, high: u.high }));
    else if (sampling && u.distribution === 'lognormal' && u.low <= 0 && u.low !== u.high) {
      add('lognormalNotPositive', engineMessage('risk.lognormalNotPositive', { driver, low: u.low }));
    }
  }
  return issues;
}

export function assertUsable(plan: Plan, list: readonly UncertainDriver[], sampling: boolean): void {
  const issues = uncertaintyIssues(plan, list, sampling);
  if (issues.length > 0) throw new UncertaintyError(issues);
}
