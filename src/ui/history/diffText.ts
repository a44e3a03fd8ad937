import type { AdjustmentCounts, ChannelDiff, PlanDiff, ScenarioDiff } from '../../engine/planDiff';
import type { Timeline } from '../../engine/types';
import type { MessageKey } from '../../i18n/en';
import { formatMonth } from '../../i18n/format';

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
 * A plan diff in plain sentences, grouped as the app is (plan, channels, scenarios, the rest).
 * Plain text only: names typed by users go through as data, never as markup.
 */
export function describeDiff(d: PlanDiff, t: Translate, locale: string): DiffSection[] {
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

  const channelChanges = (c: ChannelDiff): string => {
    const drivers = c.drivers.map((dr) =>
      t('history.driverParts', {
        driver: t(`driver.${dr.driver}`),
        parts: list(dr.parts.map((p) => (p === 'overrides' ? t('history.part.overrides', { ...dr.overrides }) : t(`history.part.${p}`)))),
      }),
    );
    return [...drivers, ...c.fields.map((f) => t(`history.field.${f}`))].join(t('history.sepOuter'));
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
    const parts = [...(m.formula ? [t('history.metric.formula')] : []), ...(m.format ? [t('history.metric.format')] : [])];
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
