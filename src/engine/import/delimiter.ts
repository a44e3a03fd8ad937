/**
 * The field separator of a delimited text file, guessed from a sample: a comma, semicolon, tab or
 * vertical bar, or — when none splits the lines — columns aligned with runs of spaces.
 */

/**
 * A field separator, or ' ': columns aligned with runs of spaces or tabs (CDNOW's own files, many
 * fixed-width reports), where leading and trailing blanks are not fields and quotes are plain text.
 */
export type Delimiter = ',' | ';' | '\t' | '|' | ' ';
/** The single-character separators, tried first by detectDelimiter. */
export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];
/** Every layout a user can choose. */
export const TEXT_LAYOUTS: readonly Delimiter[] = [...DELIMITERS, ' '];

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export interface DelimiterCandidate {
  delimiter: Delimiter;
  /** Fields per line most lines have with this delimiter. */
  fields: number;
  /** Share of the sampled lines that have exactly that many fields (0–1). */
  consistency: number;
}

export interface DelimiterGuess {
  delimiter: Delimiter;
  /** No candidate splits the lines: the file reads as one column, which the UI must show. */
  singleColumn: boolean;
  /** Every candidate, best first. */
  candidates: DelimiterCandidate[];
}

const SAMPLE_LINES = 50;

/**
 * Guesses the delimiter from up to 50 records of a sample: for each candidate, how many fields the
 * records have (counting only delimiters outside quotes) and how many records agree on the most
 * common count. The best candidate splits the records into more than one field most consistently;
 * ties go to the order `,` `;` tab `|`. A header matters here: in `金额;日期` with data `1,5;…`, the
 * header has no comma, so `;` is the more consistent choice.
 */
export function detectDelimiter(sample: string): DelimiterGuess {
  const counts: number[][] = DELIMITERS.map(() => []);
  const codes = DELIMITERS.map((x) => x.charCodeAt(0));
  const line = [0, 0, 0, 0];
  const n = sample.length;
  let lineLength = 0;
  let inQuotes = false;
  let lines = 0;
  const endLine = () => {
    for (let k = 0; k < 4; k++) counts[k].push(line[k] + 1);
    line.fill(0);
    lineLength = 0;
    lines++;
  };
  for (let i = sample.charCodeAt(0) === 0xfeff ? 1 : 0; i < n && lines < SAMPLE_LINES; i++) {
    const c = sample.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (!inQuotes && (c === LF || c === CR)) {
      if (lineLength > 0) endLine(); // empty lines say nothing
      continue;
    } else if (!inQuotes) for (let k = 0; k < 4; k++) if (c === codes[k]) line[k]++;
    lineLength++;
  }
  // The sample may end inside a line: use that line only when there is little else.
  if (lineLength > 0 && lines < 2) endLine();
  const used = lines;
  const candidates: DelimiterCandidate[] = DELIMITERS.map((delimiter, k) => {
    const per = counts[k].slice(0, used);
    const freq = new Map<number, number>();
    for (const f of per) freq.set(f, (freq.get(f) ?? 0) + 1);
    let fields = 1;
    let best = 0;
    for (const [f, m] of freq) if (m > best || (m === best && f > fields)) [fields, best] = [f, m];
    return { delimiter, fields, consistency: used > 0 ? best / used : 0 };
  });
  const ranked = candidates
    .map((c, k) => ({ c, k }))
    .sort((x, y) => score(y.c) - score(x.c) || x.k - y.k)
    .map((x) => x.c);
  const top = ranked[0];
  if (top.fields > 1) return { delimiter: top.delimiter, singleColumn: false, candidates: ranked };
  // No separator splits the lines: columns may be aligned with spaces (CDNOW's files).
  const aligned = blankSeparated(sample, used);
  ranked.push(aligned);
  if (aligned.fields > 1 && aligned.consistency >= 0.8) return { delimiter: ' ', singleColumn: false, candidates: [aligned, ...ranked.slice(0, -1)] };
  return { delimiter: ',', singleColumn: true, candidates: ranked };
}

/** Fields per line when runs of blanks separate them, over the first `lines` non-empty lines. */
function blankSeparated(sample: string, lines: number): DelimiterCandidate {
  const freq = new Map<number, number>();
  let seen = 0;
  for (const line of sample.replace(/^\ufeff/, '').split(/\r\n|\r|\n/)) {
    if (seen >= lines) break;
    const trimmed = line.trim();
    if (trimmed === '') continue;
    const fields = trimmed.split(/[ \t]+/).length;
    freq.set(fields, (freq.get(fields) ?? 0) + 1);
    seen++;
  }
  let fields = 1;
  let best = 0;
  for (const [f, m] of freq) if (m > best || (m === best && f > fields)) [fields, best] = [f, m];
  return { delimiter: ' ', fields, consistency: seen > 0 ? best / seen : 0 };
}

function score(c: DelimiterCandidate): number {
  return c.fields > 1 ? c.consistency : -1;
}
