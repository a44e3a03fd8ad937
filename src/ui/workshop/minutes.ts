/**
 * The decision log as Markdown minutes in the UI language: one section per pinned proposal with the
 * rationale, the sliders moved and the figures against the baseline of that moment. Every text the
 * user typed is escaped, so a name or rationale cannot become a link, a heading or markup in whatever
 * renders the file.
 */
import { decisionRoi } from '../../engine/decisions';
import type { Decision, DecisionKpis, Plan } from '../../engine/types';
import { formatDate, formatMoney, formatMonth, formatPercent } from '../../i18n/format';
import { t } from '../../state/i18n.svelte';
import { formatDelta } from '../metricDefinitions';

/**
 * Backslash-escapes what could make structure inside a line (emphasis, code, links, table cells) and
 * writes angle brackets as entities; user text never starts a line here, so line-start markers
 * (#, -, 1.) cannot act. Figures stay readable in a plain text editor.
 */
export function mdText(s: string): string {
  return s
    .replace(/[\\`*_[\]|]/g, (c) => `\\${c}`)
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}

export interface MinutesFormat {
  currency: string;
  locale: string;
}

function signedMoney(v: number, f: MinutesFormat): string {
  return `${v > 0 ? '+' : ''}${formatMoney(v, f.currency, f.locale)}`;
}

function kpiRows(d: Decision, f: MinutesFormat): string[] {
  const money = (k: keyof DecisionKpis): string[] => {
    const label = t(k === 'netRevenue' ? 'dec.netRevenue' : k === 'contribution' ? 'dec.contribution' : 'dec.spend');
    return [label, formatMoney(d.kpis[k], f.currency, f.locale), formatMoney(d.baseline[k], f.currency, f.locale), signedMoney(d.kpis[k] - d.baseline[k], f)];
  };
  const roi = decisionRoi(d.kpis);
  const baseRoi = decisionRoi(d.baseline);
  const roiChange = roi === null || baseRoi === null ? '—' : formatDelta('roi', roi - baseRoi, f);
  const rows = [money('netRevenue'), money('contribution'), money('spend'), [t('dec.roi'), formatPercent(roi, f.locale, 1), formatPercent(baseRoi, f.locale, 1), roiChange]];
  return rows.map((r) => `| ${r.map(mdText).join(' | ')} |`);
}

export function minutesMarkdown(plan: Plan, f: MinutesFormat, now: number): string {
  const decisions = [...(plan.decisions ?? [])].sort((a, b) => a.at - b.at);
  const lines = [
    `# ${mdText(t('dec.minutesTitle', { plan: plan.name }))}`,
    '',
    mdText(
      t('dec.minutesIntro', {
        date: formatDate(now, f.locale),
        count: decisions.length,
        months: plan.timeline.periods,
        start: formatMonth(plan.timeline.start, f.locale),
      }),
    ),
    '',
  ];
  if (decisions.length === 0) lines.push(mdText(t('dec.minutesNone')), '');
  decisions.forEach((d, i) => {
    lines.push(`## ${i + 1}. ${mdText(d.name)} · ${mdText(formatDate(d.at, f.locale))}`, '');
    if (d.rationale) lines.push(`**${mdText(t('dec.why'))}:** ${mdText(d.rationale)}`, '');
    lines.push(`**${mdText(t('dec.moves'))}:**${d.moves.length === 0 ? ` ${mdText(t('dec.noMoves'))}` : ''}`, '');
    for (const m of d.moves) lines.push(`- ${m.before ? `${mdText(m.before)} → ` : ''}${mdText(m.after)}`);
    if (d.moves.length > 0) lines.push('');
    lines.push(`| ${[t('dec.minutesFigure'), t('dec.minutesProposal'), t('dec.minutesBaseline'), t('dec.minutesChange')].map(mdText).join(' | ')} |`, '|---|---:|---:|---:|');
    lines.push(...kpiRows(d, f), '');
  });
  return lines.join('\n');
}
