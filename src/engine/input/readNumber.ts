import { CURRENCY_PATTERN, SCALE_PATTERN, SCALE_SUFFIXES, currenciesOf } from './affixes';
import { decimalOf, type Decimal } from './decimal';
import { normaliseInput } from './normalise';

/** What a typed or pasted number says, before any field's rules apply. */
export interface NumberToken {
  negative: boolean;
  /** The magnitude, exact, with the scale suffix applied. */
  magnitude: Decimal;
  percent: boolean;
  /** The scale suffix as typed ("万", "k"), if any. */
  scale?: string;
  /** The currencies the currency mark may stand for, if there was one. */
  currencies?: readonly string[];
}

export type ReadError = 'empty' | 'notANumber';

// Thousands separators only in well-formed groups, so "1,5" (a European decimal) is refused, not misread.
const NUMBER = String.raw`(?<int>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?<frac>\d*))?(?:[eE](?<exp>[-+]?\d{1,3}))?`;
const SIGN = '[-+]';
const GRAMMAR = new RegExp(
  '^' +
    `(?<s1>${SIGN})?(?<open>\\()?(?<s2>${SIGN})?` +
    `(?<pre>${CURRENCY_PATTERN})?(?<s3>${SIGN})?` +
    NUMBER +
    `(?<scale>${SCALE_PATTERN})?(?<post>${CURRENCY_PATTERN})?(?<pct>%)?` +
    `(?<close>\\))?(?<s4>-)?$`,
);

/**
 * Reads the forms a planner writes a number in: 1,200 · ¥1,200 · CN¥1,200.00 · 20万 · 15万元 ·
 * 1.45亿 · ￥２０万 · 12.5% · -3% · (500) · 500- · 1.2M · US$3k · RMB 8,000 · 1.5e3.
 * Never guesses: anything else is an error.
 */
export function readNumber(raw: string): { ok: true; token: NumberToken } | { ok: false; error: ReadError } {
  const s = normaliseInput(raw);
  if (s === '') return { ok: false, error: 'empty' };
  const m = GRAMMAR.exec(s);
  const g = m?.groups;
  if (!g) return { ok: false, error: 'notANumber' };
  const intDigits = (g.int ?? '').replace(/,/g, '');
  const fracDigits = g.frac ?? '';
  if (intDigits === '' && fracDigits === '') return { ok: false, error: 'notANumber' };
  // One sign at most, and accounting brackets come in pairs; "¥20万%" or "$5元" mean nothing.
  const signs = [g.s1, g.s2, g.s3, g.s4].filter(Boolean);
  const brackets = Boolean(g.open) || Boolean(g.close);
  if (Boolean(g.open) !== Boolean(g.close)) return { ok: false, error: 'notANumber' };
  if (signs.length + (brackets ? 1 : 0) > 1) return { ok: false, error: 'notANumber' };
  if (g.pre && g.post) return { ok: false, error: 'notANumber' };
  if (g.pct && (g.pre || g.post || g.scale)) return { ok: false, error: 'notANumber' };
  const scale = g.scale ? SCALE_SUFFIXES[g.scale] : 0;
  const exponent = (g.exp ? Number(g.exp) : 0) + scale;
  const mark = g.pre ?? g.post;
  const token: NumberToken = {
    negative: brackets || signs[0] === '-',
    magnitude: decimalOf(intDigits, fracDigits, exponent),
    percent: Boolean(g.pct),
    ...(g.scale ? { scale: g.scale } : {}),
    ...(mark ? { currencies: currenciesOf(mark) } : {}),
  };
  return { ok: true, token };
}
