/**
 * Reading seasonality indices that a planner types or pastes: a row (or column) of twelve copied
 * from Excel, separated by tabs, commas, semicolons, spaces or line breaks. How the numbers were read
 * is returned with them, so the editor can say it rather than guess silently.
 */
import { SEASONALITY_MAX } from '../drivers';

/**
 *   multiplier  bare numbers as multipliers: 0.9, 1.2
 *   percent     numbers with a percent sign: 90%, 120%
 *   base100     bare numbers averaging above the largest valid multiplier, so they can only be an
 *               index where 100 is an average month: 90, 120
 */
export type IndexReading = 'multiplier' | 'percent' | 'base100';

export type IndexRowError = 'empty' | 'notANumber' | 'mixed' | 'negative' | 'tooLarge';

export type IndexRow =
  | { ok: true; values: number[]; reading: IndexReading }
  | { ok: false; error: IndexRowError; /** The offending text, when there is one. */ value?: string };

const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
/** Any run of separators Excel, Sheets or a typist puts between numbers (full-width ones folded above). */
const SEPARATORS = /[\t\r\n,;、\s]+/;

/**
 * Splits and reads a row of indices. Decimal commas are not supported (they would be read as
 * separators); every value must be a plain number, optionally with a percent sign; all values use the
 * same form. Values must lie in 0 … SEASONALITY_MAX once read.
 */
export function parseIndexRow(text: string): IndexRow {
  const parts = text
    .replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .split(SEPARATORS)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, error: 'empty' };
  const percents = parts.filter((p) => p.endsWith('%')).length;
  if (percents > 0 && percents < parts.length) return { ok: false, error: 'mixed' };
  const numbers: number[] = [];
  for (const p of parts) {
    const s = percents > 0 ? p.slice(0, -1).trim() : p;
    if (/^[-−]/.test(s)) return { ok: false, error: 'negative', value: p };
    if (!/^\+?(\d+\.?\d*|\.\d+)$/.test(s)) return { ok: false, error: 'notANumber', value: p };
    numbers.push(Number(s.replace(/^\+/, '')));
  }
  const mean = numbers.reduce((a, x) => a + x, 0) / numbers.length;
  const reading: IndexReading = percents > 0 ? 'percent' : mean > SEASONALITY_MAX ? 'base100' : 'multiplier';
  const values = reading === 'multiplier' ? numbers : numbers.map((x) => x / 100);
  const big = values.findIndex((v) => v > SEASONALITY_MAX);
  if (big >= 0) return { ok: false, error: 'tooLarge', value: parts[big] };
  return { ok: true, values, reading };
}
