/**
 * What counts as an identifier, shared by the lexer and by custom-metric name validation so the two
 * can never disagree (a metric name is valid exactly when a formula can refer to it).
 */

/** First character: any Unicode letter (so `毛利率` works) or underscore. */
export const IDENT_START = /^[\p{L}_]$/u;
/**
 * Later characters: letters, ASCII digits, underscore, and combining marks, which scripts such as
 * Devanagari or Thai need inside words. Non-ASCII digits are left out on purpose: full-width `１`
 * looks like `1` but would silently make a different name.
 */
export const IDENT_PART = /^[\p{L}\p{M}0-9_]$/u;
const IDENTIFIER = /^[\p{L}_][\p{L}\p{M}0-9_]*$/u;

export function isValidIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/**
 * The known name the user most likely meant, for "did you mean" hints: a case-insensitive match
 * first (names are case-sensitive, a common slip), else the closest name within a small edit distance.
 */
export function suggestName(name: string, known: Iterable<string>): string | null {
  const lower = name.toLowerCase();
  let best: string | null = null;
  let bestDistance = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
  for (const candidate of known) {
    if (candidate.toLowerCase() === lower) return candidate;
    const d = editDistance(lower, candidate.toLowerCase(), bestDistance);
    if (d < bestDistance || (d === bestDistance && best === null)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance, giving up early (returning limit + 1) once it must exceed `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}
