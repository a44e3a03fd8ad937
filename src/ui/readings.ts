import { i18n, t } from '../state/i18n.svelte';
import type { InputReading } from './grid/cellSpec';

const KINDS = ['fraction', 'points', 'scaled'] as const;

/** Sentences one after another: a space between them in English, none after a Chinese full stop. */
export function sentences(parts: readonly string[]): string {
  return parts.join(i18n.locale.startsWith('zh') ? '' : ' ');
}

/** "0.03 as 3% (a fraction)", "20万 as ¥200,000". */
export function readingText(r: InputReading): string {
  return item(r, 1);
}

function item(first: InputReading, count: number): string {
  const more = count > 1 ? t('input.read.more', { count: count - 1 }) : '';
  return t(`input.read.${first.kind}`, { raw: first.raw, shown: first.shown, more });
}

/**
 * What a pasted block's numbers were read as, per column: one example of each reading with how many
 * cells were read the same way. A percent column that holds both fractions (0.03) and percent points
 * (12) gets a warning of its own: that is how a 100× error arrives from a finance sheet.
 */
export function readingReport(cells: readonly { column: string; reading: InputReading }[]): { lines: string[]; warnings: string[] } {
  const byColumn = new Map<string, InputReading[]>();
  for (const c of cells) byColumn.set(c.column, [...(byColumn.get(c.column) ?? []), c.reading]);
  const lines: string[] = [];
  const warnings: string[] = [];
  for (const [column, readings] of byColumn) {
    const items: string[] = [];
    const firsts: Partial<Record<InputReading['kind'], InputReading>> = {};
    for (const kind of KINDS) {
      const of = readings.filter((r) => r.kind === kind);
      if (of.length === 0) continue;
      firsts[kind] = of[0];
      items.push(item(of[0], of.length));
    }
    if (items.length === 0) continue;
    lines.push(t('input.read.column', { column, items: items.join(t('input.read.join')) }));
    if (firsts.fraction && firsts.points) warnings.push(t('input.read.mixed', { column, fraction: firsts.fraction.raw, points: firsts.points.raw }));
  }
  return { lines, warnings };
}

/**
 * What to say after one typed cell: only readings a planner might not expect — a fraction in a
 * percent cell (0.5 is 50 %, with how to type half a percent) and a scale suffix (20万).
 */
export function typedReadingNote(column: string, reading: InputReading | undefined): string | null {
  if (!reading || reading.kind === 'points') return null;
  const text = t('input.read.column', { column, items: item(reading, 1) });
  return reading.kind === 'fraction' ? sentences([text, t('input.read.percentHint', { raw: reading.raw })]) : text;
}
