import { DRIVER_KEYS, type Channel, type ChannelRole, type ChannelType, type CustomMetric, type Driver, type DriverKey, type Evaluation, type Plan, type Scenario, type Timeline } from './types';

/**
 * What changed between two versions of a plan, for a person to read ("Compare with now" in the
 * History tab): which things were added, removed or renamed, and which parts of the rest changed.
 * Channels, scenarios, regions and metrics are matched by id, so a rename is a rename and not a
 * removal plus an addition. Lists keep the order of the plan they come from (removed ones: `before`,
 * the others: `after`), so the same two plans always give the same diff. Ids and timestamps are not
 * compared.
 */
export interface Named {
  id: string;
  name: string;
}

export interface Renamed extends Named {
  /** The name in `before`, when it differs from `name` (the name in `after`); else null. */
  previousName: string | null;
}

export interface Change<T> {
  before: T;
  after: T;
}

export type DriverPart = 'base' | 'growth' | 'seasonality' | 'overrides';

export interface DriverDiff {
  driver: DriverKey;
  parts: DriverPart[];
  /** The baseline value and the growth per period (0 when none), before and after: a reader wants
   *  to see "¥1,200,000 → ¥1,500,000", not only that the value changed. */
  base: Change<number>;
  growth: Change<number>;
  /** Number of single-period values typed over the driver, before and after. */
  overrides: Change<number>;
}

export type ChannelField = 'type' | 'role' | 'regions' | 'color' | 'curve' | 'curvePoints' | 'rebate';
export const CHANNEL_FIELDS: readonly ChannelField[] = ['type', 'role', 'regions', 'color', 'curve', 'curvePoints', 'rebate'];

export interface ChannelDiff extends Renamed {
  fields: ChannelField[];
  /** Old and new type and role, when they changed (they are also in `fields`). */
  type: Change<ChannelType> | null;
  role: Change<ChannelRole> | null;
  /** In `DRIVER_KEYS` order. */
  drivers: DriverDiff[];
}

export interface AdjustmentCounts {
  before: number;
  after: number;
  added: number;
  removed: number;
  changed: number;
}

export interface ScenarioDiff extends Renamed {
  adjustments: AdjustmentCounts;
  /** Builds on another scenario (or the baseline) than before. */
  parent: boolean;
  notes: boolean;
}

export interface MetricDiff extends Renamed {
  /** Old and new formula and format, when they changed. */
  formula: Change<string> | null;
  format: Change<CustomMetric['format']> | null;
}

export type EvaluationPart = keyof Evaluation;
export const EVALUATION_PARTS: readonly EvaluationPart[] = ['scorecard', 'bcg', 'partners', 'prices'];

/** Plan-wide inputs outside channels and scenarios. */
export type ModelPart = 'cannibalisation' | 'uncertainty' | 'budgetBounds';
export const MODEL_PARTS: readonly ModelPart[] = ['cannibalisation', 'uncertainty', 'budgetBounds'];

export interface PlanDiff {
  name: Change<string> | null;
  notes: boolean;
  currency: Change<string> | null;
  locale: Change<string> | null;
  timeline: Change<Timeline> | null;
  channels: { added: Named[]; removed: Named[]; changed: ChannelDiff[]; reordered: boolean };
  scenarios: { added: (Named & { adjustments: number })[]; removed: Named[]; changed: ScenarioDiff[] };
  regions: { added: Named[]; removed: Named[]; renamed: Renamed[] };
  customMetrics: { added: Named[]; removed: Named[]; changed: MetricDiff[] };
  evaluation: EvaluationPart[];
  model: ModelPart[];
}

/**
 * Structural equality of plain data. A key holding `undefined` counts as absent, as it does once a
 * plan has been stored (IndexedDB) or written to a file (JSON).
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameData(v, b[i]));
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) if (!sameData(ra[k], rb[k])) return false;
  return true;
}

function named(x: { id: string; name: string }): Named {
  return { id: x.id, name: x.name };
}

/** Items only in `before`, only in `after`, and the pairs in both (in `after` order). */
function matchById<T extends { id: string }>(before: readonly T[], after: readonly T[]) {
  const beforeById = new Map(before.map((x) => [x.id, x]));
  const afterIds = new Set(after.map((x) => x.id));
  return {
    added: after.filter((x) => !beforeById.has(x.id)),
    removed: before.filter((x) => !afterIds.has(x.id)),
    both: after.flatMap((x) => {
      const b = beforeById.get(x.id);
      return b ? [{ before: b, after: x }] : [];
    }),
  };
}

function previousName(before: { name: string }, after: { name: string }): string | null {
  return before.name === after.name ? null : before.name;
}

function diffDriver(driver: DriverKey, a: Driver | undefined, b: Driver | undefined): DriverDiff | null {
  const overridesA = a?.overrides ?? {};
  const overridesB = b?.overrides ?? {};
  const parts: DriverPart[] = [];
  if (a?.base !== b?.base) parts.push('base');
  // No growth and a growth of 0 project the same numbers.
  if ((a?.growth ?? 0) !== (b?.growth ?? 0)) parts.push('growth');
  if (!sameData(a?.seasonality, b?.seasonality)) parts.push('seasonality');
  if (!sameData(overridesA, overridesB)) parts.push('overrides');
  if (parts.length === 0) return null;
  return {
    driver,
    parts,
    base: { before: a?.base ?? 0, after: b?.base ?? 0 },
    growth: { before: a?.growth ?? 0, after: b?.growth ?? 0 },
    overrides: { before: Object.keys(overridesA).length, after: Object.keys(overridesB).length },
  };
}

/** No observed points and an empty list of them are the same thing. */
function channelField(c: Channel, f: ChannelField): unknown {
  return f === 'curvePoints' ? (c.curvePoints ?? []) : c[f];
}

function diffChannel(a: Channel, b: Channel): ChannelDiff | null {
  const fields = CHANNEL_FIELDS.filter((f) => !sameData(channelField(a, f), channelField(b, f)));
  const drivers = DRIVER_KEYS.flatMap((k) => diffDriver(k, a.drivers[k], b.drivers[k]) ?? []);
  const renamed = previousName(a, b);
  if (fields.length === 0 && drivers.length === 0 && renamed === null) return null;
  return { id: b.id, name: b.name, previousName: renamed, fields, type: change(a.type, b.type), role: change(a.role, b.role), drivers };
}

function diffScenario(a: Scenario, b: Scenario): ScenarioDiff | null {
  const m = matchById(a.adjustments, b.adjustments);
  const adjustments: AdjustmentCounts = {
    before: a.adjustments.length,
    after: b.adjustments.length,
    added: m.added.length,
    removed: m.removed.length,
    changed: m.both.filter((p) => !sameData(p.before, p.after)).length,
  };
  const parent = a.parentId !== b.parentId;
  const notes = a.notes !== b.notes;
  const renamed = previousName(a, b);
  const adjusted = adjustments.added + adjustments.removed + adjustments.changed > 0;
  if (!adjusted && !parent && !notes && renamed === null) return null;
  return { id: b.id, name: b.name, previousName: renamed, adjustments, parent, notes };
}

function change<T>(before: T, after: T): Change<T> | null {
  return sameData(before, after) ? null : { before, after };
}

export function diffPlans(before: Plan, after: Plan): PlanDiff {
  const ch = matchById(before.channels, after.channels);
  const commonAfter = ch.both.map((p) => p.after.id);
  const inBoth = new Set(commonAfter);
  const commonBefore = before.channels.filter((c) => inBoth.has(c.id)).map((c) => c.id);
  const sc = matchById(before.scenarios, after.scenarios);
  const rg = matchById(before.regions, after.regions);
  const cm = matchById(before.customMetrics, after.customMetrics);
  return {
    name: change(before.name, after.name),
    notes: before.notes !== after.notes,
    currency: change(before.currency, after.currency),
    locale: change(before.locale, after.locale),
    timeline: change(before.timeline, after.timeline),
    channels: {
      added: ch.added.map(named),
      removed: ch.removed.map(named),
      changed: ch.both.flatMap((p) => diffChannel(p.before, p.after) ?? []),
      reordered: !sameData(commonBefore, commonAfter),
    },
    scenarios: {
      added: sc.added.map((s) => ({ ...named(s), adjustments: s.adjustments.length })),
      removed: sc.removed.map(named),
      changed: sc.both.flatMap((p) => diffScenario(p.before, p.after) ?? []),
    },
    regions: {
      added: rg.added.map(named),
      removed: rg.removed.map(named),
      renamed: rg.both.flatMap((p) => (p.before.name === p.after.name ? [] : [{ id: p.after.id, name: p.after.name, previousName: p.before.name }])),
    },
    customMetrics: {
      added: cm.added.map(named),
      removed: cm.removed.map(named),
      changed: cm.both.flatMap((p) => {
        const formula = change(p.before.formula, p.after.formula);
        const format = change(p.before.format, p.after.format);
        const renamed = previousName(p.before, p.after);
        return formula || format || renamed !== null ? [{ id: p.after.id, name: p.after.name, previousName: renamed, formula, format }] : [];
      }),
    },
    evaluation: EVALUATION_PARTS.filter((k) => !sameData(before.evaluation[k], after.evaluation[k])),
    model: MODEL_PARTS.filter((k) => !sameData(before[k] ?? [], after[k] ?? [])),
  };
}

/** How many things changed: one per line a reader would see. 0 = the plans are the same. */
export function countChanges(d: PlanDiff): number {
  const flags = [d.name, d.currency, d.locale, d.timeline].filter((x) => x !== null).length + (d.notes ? 1 : 0) + (d.channels.reordered ? 1 : 0);
  const lists = [d.channels.added, d.channels.removed, d.channels.changed, d.scenarios.added, d.scenarios.removed, d.scenarios.changed, d.regions.added, d.regions.removed, d.regions.renamed, d.customMetrics.added, d.customMetrics.removed, d.customMetrics.changed, d.evaluation, d.model];
  return flags + lists.reduce((n, l) => n + l.length, 0);
}

export function isEmptyDiff(d: PlanDiff): boolean {
  return countChanges(d) === 0;
}
