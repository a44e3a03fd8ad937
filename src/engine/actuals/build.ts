/**
 * From read records and the user's name decisions to the plan's `Actuals`, with every problem of
 * item and series named: duplicated rows, months missing inside a series (kept empty: a gap is not
 * a zero), series of zeros, names left out and what they held. Several data names mapped to one
 * plan channel are added up, month by month.
 */
import { monthsBetween, shiftMonth } from '../timeline';
import { ACTUAL_MEASURES, type ActualMeasure, type ActualSeries, type Actuals, type ActualSource, type NameMapping, type Plan } from '../types';
import { MAX_ACTUAL_MONTHS } from './limits';
import { mergeMappings, WHOLE_CHANNEL, type NameMatch } from './names';
import { problem, type ActualsProblem } from './problems';
import { seriesKey, seriesLabel, type ActualRecord } from './records';


export interface DataSummary {
  /** First and last month of the data, or null when there is none. */
  first: string | null;
  last: string | null;
  channels: string[];
  regions: string[];
  /** Measures found, in ACTUAL_MEASURES order. */
  measures: ActualMeasure[];
  /** Sum of each measure over all records (money in minor units). */
  totals: Partial<Record<ActualMeasure, number>>;
  /** Net revenue per data channel name (minor units), to say what leaving one out leaves out. */
  revenueByChannel: Record<string, number>;
  records: number;
}

export function summarise(records: readonly ActualRecord[]): DataSummary {
  const channels = new Set<string>();
  const regions = new Set<string>();
  const totals: Partial<Record<ActualMeasure, number>> = {};
  const revenueByChannel: Record<string, number> = {};
  let first: string | null = null;
  let last: string | null = null;
  for (const r of records) {
    channels.add(r.channel);
    if (r.region !== '') regions.add(r.region);
    totals[r.measure] = (totals[r.measure] ?? 0) + r.value;
    if (r.measure === 'netRevenue') revenueByChannel[r.channel] = (revenueByChannel[r.channel] ?? 0) + r.value;
    if (first === null || r.month < first) first = r.month;
    if (last === null || r.month > last) last = r.month;
  }
  const measures = ACTUAL_MEASURES.filter((m) => totals[m] !== undefined);
  return { first, last, channels: [...channels], regions: [...regions], measures, totals, revenueByChannel, records: records.length };
}

/** Duplicated (channel, region, month, measure) rows, naming both rows. */
function duplicates(records: readonly ActualRecord[]): ActualsProblem[] {
  const seen = new Map<string, number>();
  const out = new Map<string, ActualsProblem>();
  for (const r of records) {
    const key = `${seriesKey(r.channel, r.region)}\u0000${r.month}\u0000${r.measure}`;
    const before = seen.get(key);
    if (before === undefined) {
      seen.set(key, r.row);
      continue;
    }
    // One problem per pair of rows, not per month of a wide row.
    const pair = `${before} ${r.row}`;
    const existing = out.get(pair);
    if (existing) existing.params.months = `${existing.params.months}, ${r.month}`;
    else out.set(pair, problem('duplicateRow', 'error', { series: seriesLabel(r.channel, r.region), rows: `${before}, ${r.row}`, months: r.month }));
  }
  return [...out.values()];
}

/** Gaps inside each series and measure, and series that are all zeros. */
function seriesChecks(records: readonly ActualRecord[]): ActualsProblem[] {
  const bySeries = new Map<string, { channel: string; region: string; measure: ActualMeasure; months: Map<string, number> }>();
  for (const r of records) {
    const key = `${seriesKey(r.channel, r.region)}\u0000${r.measure}`;
    let s = bySeries.get(key);
    if (!s) bySeries.set(key, (s = { channel: r.channel, region: r.region, measure: r.measure, months: new Map() }));
    s.months.set(r.month, (s.months.get(r.month) ?? 0) + r.value);
  }
  const out: ActualsProblem[] = [];
  // One warning per series and gap: measures missing the same months are named together.
  const gaps = new Map<string, ActualsProblem>();
  for (const s of bySeries.values()) {
    const months = [...s.months.keys()].sort();
    const span = monthsBetween(months[0], months[months.length - 1])!;
    const missing: string[] = [];
    for (let i = 1; i < span && span <= MAX_ACTUAL_MONTHS; i++) {
      const m = shiftMonth(months[0], i)!;
      if (!s.months.has(m)) missing.push(m);
    }
    const series = seriesLabel(s.channel, s.region);
    if (missing.length > 0) {
      const key = `${seriesKey(s.channel, s.region)}\u0000${missing.join()}`;
      const same = gaps.get(key);
      if (same) same.params.measure = `${same.params.measure},${s.measure}`;
      else {
        const p = problem('monthsMissing', 'warning', { series, measure: s.measure, months: missing.join(', '), count: missing.length });
        gaps.set(key, p);
        out.push(p);
      }
    }
    if ([...s.months.values()].every((v) => v === 0)) out.push(problem('allZero', 'warning', { series, measure: s.measure, months: months.length }));
  }
  return out;
}

/** Problems of the data itself, before any name is matched. */
export function checkRecords(records: readonly ActualRecord[]): ActualsProblem[] {
  const s = summarise(records);
  const out = [...duplicates(records), ...seriesChecks(records)];
  if (s.first && s.last && monthsBetween(s.first, s.last)! + 1 > MAX_ACTUAL_MONTHS) out.push(problem('monthRangeTooLong', 'error', { first: s.first, last: s.last, max: MAX_ACTUAL_MONTHS }));
  return out;
}

export interface BuildInput {
  records: readonly ActualRecord[];
  plan: Pick<Plan, 'channels' | 'regions' | 'actuals'>;
  channels: readonly NameMatch[];
  regions: readonly NameMatch[];
  source: { kind: ActualSource; name: string; importedAt: number };
}

export interface BuildResult {
  /** null when an error stops the import. */
  actuals: Actuals | null;
  problems: ActualsProblem[];
}

/** Name problems: undecided names stop the import, left-out names say what they held. */
function nameProblems(input: BuildInput, summary: DataSummary): ActualsProblem[] {
  const out: ActualsProblem[] = [];
  for (const m of input.channels) {
    const revenue = summary.revenueByChannel[m.name] ?? 0;
    if (m.targetId === null) out.push(problem('channelUnmatched', 'error', { name: m.name, revenue }));
    else if (m.targetId === '') out.push(problem('channelLeftOut', 'warning', { name: m.name, revenue }));
  }
  if (input.plan.regions.length === 0) {
    if (summary.regions.length > 0) out.push(problem('regionsSummed', 'warning', { count: summary.regions.length }));
    return out;
  }
  for (const m of input.regions) {
    if (m.targetId === null) out.push(problem('regionUnmatched', 'error', { name: m.name }));
    else if (m.targetId === '') out.push(problem('regionLeftOut', 'warning', { name: m.name }));
  }
  return out;
}

export function buildActuals(input: BuildInput): BuildResult {
  const summary = summarise(input.records);
  const problems = [...checkRecords(input.records), ...nameProblems(input, summary)];
  const channelOf = new Map(input.channels.map((m) => [m.name, m.targetId]));
  const regionOf = new Map(input.regions.map((m) => [m.name, m.targetId]));
  const byRegion = input.plan.regions.length > 0;
  const kept: { record: ActualRecord; channelId: string; regionId: string }[] = [];
  for (const record of input.records) {
    const channelId = channelOf.get(record.channel);
    if (!channelId) continue;
    let regionId = '';
    if (byRegion && record.region !== '') {
      const target = regionOf.get(record.region);
      if (!target) continue;
      regionId = target === WHOLE_CHANNEL ? '' : target;
    }
    kept.push({ record, channelId, regionId });
  }
  if (kept.length === 0 && !problems.some((p) => p.code === 'channelUnmatched')) problems.push(problem('nothingToImport', 'error'));
  if (problems.some((p) => p.severity === 'error')) return { actuals: null, problems };

  const start = kept.reduce((m, k) => (k.record.month < m ? k.record.month : m), kept[0].record.month);
  const end = kept.reduce((m, k) => (k.record.month > m ? k.record.month : m), kept[0].record.month);
  const months = monthsBetween(start, end)! + 1;
  const series = new Map<string, ActualSeries>();
  for (const { record, channelId, regionId } of kept) {
    const key = seriesKey(channelId, regionId);
    let s = series.get(key);
    if (!s) series.set(key, (s = { channelId, regionId, values: {} }));
    const values = (s.values[record.measure] ??= new Array<number | null>(months).fill(null));
    const i = monthsBetween(start, record.month)!;
    values[i] = (values[i] ?? 0) + record.value;
  }
  const order = new Map(input.plan.channels.map((c, i) => [c.id, i]));
  const regionOrder = new Map(input.plan.regions.map((r, i) => [r.id, i]));
  const sorted = [...series.values()].sort((a, b) => order.get(a.channelId)! - order.get(b.channelId)! || (regionOrder.get(a.regionId) ?? -1) - (regionOrder.get(b.regionId) ?? -1));
  const decided = (matches: readonly NameMatch[]): NameMapping[] => matches.filter((m) => m.targetId !== null).map((m) => ({ name: m.name, targetId: m.targetId! }));
  const actuals: Actuals = {
    start,
    months,
    series: sorted,
    source: input.source,
    channelNames: mergeMappings(input.plan.actuals?.channelNames ?? [], decided(input.channels)),
    regionNames: mergeMappings(input.plan.actuals?.regionNames ?? [], decided(input.regions)),
  };
  return { actuals, problems };
}
