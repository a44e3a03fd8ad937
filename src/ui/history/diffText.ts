import { DRIVER_SPECS } from '../../engine/drivers';
import type { AdjustmentCounts, Change, ChannelDiff, DriverDiff, PlanDiff, ScenarioDiff } from '../../engine/planDiff';
import type { Timeline } from '../../engine/types';
import type { MessageKey } from '../../i18n/en';
import { formatCount, formatMoney, formatMonth, formatPercent } from '../../i18n/format';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export type Tone = 'added' | 'removed' | 'changed';

export interface DiffLine {
  tone: Tone;
  text: string;
}

export interface DiffSection {
  id: 'plan' | 'channels' | 'scenarios' | 'other';
  title: string;
  lines: DiffLine[];
}

/**
 * A plan diff in plain sentences, grouped as the app is (plan, channels, scenarios, the rest), with
 * old → new values where a value changed ("spend (value ¥1,200,000 → ¥1,500,000)"). Amounts are in
 * the plan's currency (`currency`: the current plan's; the snapshot's, if the currency changed).
 * Plain text only: names typed by users go through as data, never as markup.
 */
export function describeDiff(d: PlanDiff, t: Translate, locale: string, currency: string): DiffSection[] {
  const list = (items: string[]): string => items.join(t('history.sep'));
  const added = (text: string): DiffLine => ({ tone: 'added', text });
  const removed = (text: string): DiffLine => ({ tone: 'removed', text });
  const changed = (text: string): DiffLine => ({ tone: 'changed', text });
  const timeline = (tl: Timeline): string => t('history.diff.timelineValue', { periods: tl.periods, start: formatMonth(tl.start, locale) });

  const plan: DiffLine[] = [];
  if (d.name) plan.push(changed(t('history.diff.name', { ...d.name })));
  if (d.notes) plan.push(changed(t('history.diff.notes')));
  if (d.currency) plan.push(changed(t('history.diff.currency', { ...d.currency })));
  if (d.locale) plan.push(changed(t('history.diff.locale', { ...d.locale })));
  if (d.timeline) plan.push(changed(t('history.diff.timeline', { before: timeline(d.timeline.before), after: timeline(d.timeline.after) })));

  const fromTo = (what: string, c: Change<string>): string => t('history.change', { what, before: c.before, after: c.after });
  const currencies = { before: d.currency?.before ?? currency, after: currency };
  const driverValue = (dr: DriverDiff, v: number, when: 'before' | 'after'): string => {
    const unit = DRIVER_SPECS[dr.driver].unit;
    if (unit === 'money') return formatMoney(v, currencies[when], locale);
    if (unit === 'rate') return formatPercent(v, locale, 2);
    return formatCount(v, locale);
  };
  const driverPart = (dr: DriverDiff, p: DriverDiff['parts'][number]): string => {
    if (p === 'overrides') return t('history.part.overrides', { ...dr.overrides });
    if (p === 'base') return fromTo(t('history.part.base'), { before: driverValue(dr, dr.base.before, 'before'), after: driverValue(dr, dr.base.after, 'after') });
    if (p === 'growth') {
      const rate = (v: number): string => t('history.perMonth', { value: formatPercent(v, locale, 2) });
      return fromTo(t('history.part.growth'), { before: rate(dr.growth.before), after: rate(dr.growth.after) });
    }
    return t(`history.part.${p}`);
  };
  const channelChanges = (c: ChannelDiff): string => {
    const drivers = c.drivers.map((dr) => t('history.driverParts', { driver: t(`driver.${dr.driver}`), parts: list(dr.parts.map((p) => driverPart(dr, p))) }));
    const fields = c.fields.map((f) => {
      if (f === 'type' && c.type) return fromTo(t('history.field.type'), { before: t(`type.${c.type.before}`), after: t(`type.${c.type.after}`) });
      if (f === 'role' && c.role) return fromTo(t('history.field.role'), { before: t(`role.${c.role.before}`), after: t(`role.${c.role.after}`) });
      return t(`history.field.${f}`);
    });
    return [...drivers, ...fields].join(t('history.sepOuter'));
  };
  const channels: DiffLine[] = [
    ...d.channels.added.map((c) => added(t('history.diff.channelAdded', { name: c.name }))),
    ...d.channels.removed.map((c) => removed(t('history.diff.channelRemoved', { name: c.name }))),
  ];
  for (const c of d.channels.changed) {
    if (c.previousName !== null) channels.push(changed(t('history.diff.channelRenamed', { before: c.previousName, after: c.name })));
    if (c.drivers.length > 0 || c.fields.length > 0) channels.push(changed(t('history.diff.channelChanged', { name: c.name, changes: channelChanges(c) })));
  }
  if (d.channels.reordered) channels.push(changed(t('history.diff.channelOrder')));

  const adjustmentText = (a: AdjustmentCounts): string | null => {
    const details = (['added', 'removed', 'changed'] as const).filter((k) => a[k] > 0).map((k) => t(`history.scn.${k}`, { count: a[k] }));
    return details.length === 0 ? null : t('history.scn.adjustments', { details: list(details), count: a.after });
  };
  const scenarioChanges = (s: ScenarioDiff): string[] => {
    const adjustments = adjustmentText(s.adjustments);
    return [...(adjustments ? [adjustments] : []), ...(s.parent ? [t('history.scn.parent')] : []), ...(s.notes ? [t('history.scn.notes')] : [])];
  };
  const scenarios: DiffLine[] = [
    ...d.scenarios.added.map((s) => added(t('history.diff.scenarioAdded', { name: s.name, count: s.adjustments }))),
    ...d.scenarios.removed.map((s) => removed(t('history.diff.scenarioRemoved', { name: s.name }))),
  ];
  for (const s of d.scenarios.changed) {
    if (s.previousName !== null) scenarios.push(changed(t('history.diff.scenarioRenamed', { before: s.previousName, after: s.name })));
    const parts = scenarioChanges(s);
    if (parts.length > 0) scenarios.push(changed(t('history.diff.scenarioChanged', { name: s.name, changes: parts.join(t('history.sepOuter')) })));
  }

  const other: DiffLine[] = [
    ...d.regions.added.map((r) => added(t('history.diff.regionAdded', { name: r.name }))),
    ...d.regions.removed.map((r) => removed(t('history.diff.regionRemoved', { name: r.name }))),
    ...d.regions.renamed.map((r) => changed(t('history.diff.regionRenamed', { before: r.previousName ?? '', after: r.name }))),
    ...d.customMetrics.added.map((m) => added(t('history.diff.metricAdded', { name: m.name }))),
    ...d.customMetrics.removed.map((m) => removed(t('history.diff.metricRemoved', { name: m.name }))),
  ];
  for (const m of d.customMetrics.changed) {
    if (m.previousName !== null) other.push(changed(t('history.diff.metricRenamed', { before: m.previousName, after: m.name })));
    const quoted = (text: string): string => t('history.quoted', { text });
    const parts = [
      ...(m.formula ? [fromTo(t('history.metric.formula'), { before: quoted(m.formula.before), after: quoted(m.formula.after) })] : []),
      ...(m.format ? [fromTo(t('history.metric.format'), { before: t(`format.${m.format.before}`), after: t(`format.${m.format.after}`) })] : []),
    ];
    if (parts.length > 0) other.push(changed(t('history.diff.metricChanged', { name: m.name, changes: list(parts) })));
  }
  if (d.evaluation.length > 0) other.push(changed(t('history.diff.evaluation', { parts: list(d.evaluation.map((k) => t(`history.eval.${k}`))) })));
  for (const k of d.model) other.push(changed(t(`history.diff.${k}`)));

  const sections: DiffSection[] = [
    { id: 'plan', title: t('history.section.plan'), lines: plan },
    { id: 'channels', title: t('history.section.channels'), lines: channels },
    { id: 'scenarios', title: t('history.section.scenarios'), lines: scenarios },
    { id: 'other', title: t('history.section.other'), lines: other },
  ];
  return sections.filter((s) => s.lines.length > 0);
}
