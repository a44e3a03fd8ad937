/**
 * Streaming RFC 4180 parser over decoded text chunks. It hands each record to a sink as field
 * boundaries (offsets into the text it is scanning), not as strings: a column builder reads numbers
 * and dates straight from the characters and makes strings only for values it keeps. A record, a
 * quoted field, a CRLF or a `""` escape may be split across chunks; the incomplete record is carried
 * into the next chunk, and a long quoted field is not rescanned from its start.
 *
 * Errors are data (a code, a 1-based row and column), never sentences: the UI words them.
 */

import { detectDelimiter, type Delimiter, type DelimiterGuess } from './delimiter';

export { DELIMITERS, detectDelimiter, TEXT_LAYOUTS, type Delimiter, type DelimiterCandidate, type DelimiterGuess } from './delimiter';

/** Field kinds: plain text, quoted text without escapes, quoted text with `""` escapes to collapse. */
export const FIELD_PLAIN = 0;
export const FIELD_QUOTED = 1;
export const FIELD_ESCAPED = 2;

export type CsvIssueCode =
  // Per record; the parse goes on.
  | 'tooFewFields'
  | 'tooManyFields'
  | 'textAfterClosingQuote'
  // Fatal: the parse stops at this record.
  | 'unterminatedQuote'
  | 'fieldTooLong'
  | 'rowTooLong'
  | 'tooManyColumns'
  | 'nulCharacter';

/**
 * `column` is 1-based; for tooFewFields/tooManyFields it is the number of fields the row has, for
 * rowTooLong 0 (the whole row).
 */
export interface CsvIssue {
  code: CsvIssueCode;
  row: number;
  column: number;
}

export interface CsvOptions {
  /** Default 'auto': detected from the first lines (see detectDelimiter). */
  delimiter?: Delimiter | 'auto';
  /** Longest field in UTF-16 code units; default 1 MiB. */
  maxFieldLength?: number;
  /** Longest record in code units, a bound on what one record may hold in memory; default 8 MiB. */
  maxRowLength?: number;
  /** Most fields in a record; default 1024. */
  maxColumns?: number;
  /** Stop after this many records (a preview); default no limit. */
  maxRows?: number;
  /** Issues kept as examples per code; every issue is counted. Default 20. */
  maxExamples?: number;
}

/**
 * One record, reused for every record: valid only during the sink call. Field i spans
 * src[starts[i], ends[i]) without its quotes; kinds[i] says whether `""` escapes need collapsing.
 * `start`/`end` span the whole record (without the line break), e.g. to hash the raw row.
 */
export class CsvRecord {
  src = '';
  count = 0;
  /** 1-based record number, the row a spreadsheet would show: the header is row 1, blank lines count. */
  row = 0;
  start = 0;
  end = 0;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly kinds: Uint8Array;

  constructor(maxColumns: number) {
    this.starts = new Int32Array(maxColumns);
    this.ends = new Int32Array(maxColumns);
    this.kinds = new Uint8Array(maxColumns);
  }
}

export interface CsvSink {
  record(r: CsvRecord): void;
}

/** The text of field i ('' past the end of the record), with `""` collapsed. */
export function fieldText(r: CsvRecord, i: number): string {
  if (i >= r.count) return '';
  const s = r.src.slice(r.starts[i], r.ends[i]);
  return r.kinds[i] === FIELD_ESCAPED ? s.replaceAll('""', '"') : s;
}

/** All fields of a record as strings (previews, headers, tests; not the import loop). */
export function recordFields(r: CsvRecord): string[] {
  const out: string[] = [];
  for (let i = 0; i < r.count; i++) out.push(fieldText(r, i));
  return out;
}

export interface CsvSummary {
  delimiter: Delimiter;
  /** The delimiter guess when it was auto-detected (null when the caller chose it). */
  detection: DelimiterGuess | null;
  /** Records delivered to the sink (the header included). */
  records: number;
  /** Empty lines skipped (a trailing line break makes none). */
  blankLines: number;
  /** Fields of the first record; later records are compared with it. */
  expectedFields: number;
  issueCounts: Partial<Record<CsvIssueCode, number>>;
  /** The first few issues of each code, in file order. */
  issues: CsvIssue[];
  /** The issue that stopped the parse, or null. */
  fatal: CsvIssue | null;
  /** maxRows was reached before the end of the input. */
  truncated: boolean;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const isBlankCode = (c: number) => c === 0x20 || c === 0x09;
/** Records one #scan call delivers before it returns (see #scanAll). */
const SLICE_RECORDS = 2048;
/** Text buffered before the delimiter is guessed. */
const DETECT_SAMPLE = 64 * 1024;

/**
 * Usage: `const p = new CsvParser(sink, options); p.push(chunk) …; const summary = p.finish();`
 * push and finish return false once the parse has stopped (fatal issue or maxRows); later pushes do
 * nothing. The caller decodes bytes (see StreamDecoder) and may stop between chunks to cancel.
 */
export class CsvParser {
  readonly #sink: CsvSink;
  readonly #rec: CsvRecord;
  readonly #maxField: number;
  readonly #maxRow: number;
  readonly #maxColumns: number;
  readonly #maxRows: number;
  readonly #maxExamples: number;
  #delim = 0x2c;
  /** Fields are separated by runs of blanks (delimiter ' '). */
  #spaces = false;
  #summary: CsvSummary;
  #detecting: boolean;
  #first = true;
  #stopped = false;

  // The incomplete record carried into the next chunk, and where scanning resumes in it.
  #carry = '';
  #fields = 0;
  #fieldStart = 0;
  /** Inside a quoted field: where the search for its closing quote resumes (−1 otherwise). */
  #quoteFrom = -1;
  #escaped = false;
  /** The last chunk ended with CR: an LF opening the next one belongs to it. */
  #pendingCR = false;
  /** #scan stopped after its slice of records, at a record boundary. */
  #paused = false;
  #row = 0;

  constructor(sink: CsvSink, options: CsvOptions = {}) {
    this.#sink = sink;
    this.#maxField = options.maxFieldLength ?? 1 << 20;
    this.#maxRow = options.maxRowLength ?? 8 << 20;
    this.#maxColumns = Math.max(1, options.maxColumns ?? 1024);
    this.#maxRows = options.maxRows ?? Infinity;
    this.#maxExamples = options.maxExamples ?? 20;
    this.#rec = new CsvRecord(this.#maxColumns);
    const chosen = options.delimiter ?? 'auto';
    this.#detecting = chosen === 'auto';
    if (chosen !== 'auto') this.#setDelimiter(chosen);
    this.#summary = {
      delimiter: chosen === 'auto' ? ',' : chosen,
      detection: null,
      records: 0,
      blankLines: 0,
      expectedFields: -1,
      issueCounts: {},
      issues: [],
      fatal: null,
      truncated: false,
    };
  }

  get summary(): CsvSummary {
    return this.#summary;
  }

  /** Feeds the next piece of decoded text. */
  push(chunk: string): boolean {
    if (this.#stopped) return false;
    if (this.#first && chunk.length > 0) {
      this.#first = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    if (this.#detecting) {
      if (chunk.indexOf('\0') < 0) {
        this.#carry += chunk;
        if (this.#carry.length < DETECT_SAMPLE) return true;
        chunk = '';
      }
      this.#detect(chunk);
    }
    return this.#feed(chunk, false);
  }

  /** Ends the input: the last record (without a line break) is delivered, open quotes are reported. */
  finish(): CsvSummary {
    if (!this.#stopped) {
      if (this.#detecting) this.#detect();
      this.#feed('', true);
      this.#stopped = true;
    }
    return this.#summary;
  }

  #detect(more = ''): void {
    this.#detecting = false;
    const nul = more.indexOf('\0');
    const guess = detectDelimiter(this.#carry + (nul >= 0 ? more.slice(0, nul) : more));
    this.#summary.detection = guess;
    this.#summary.delimiter = guess.delimiter;
    this.#setDelimiter(guess.delimiter);
  }

  #setDelimiter(d: Delimiter): void {
    this.#spaces = d === ' ';
    this.#delim = d.charCodeAt(0);
  }

  /**
   * Scans a chunk. Chunks from a TextDecoder are flat strings, fast to index; gluing the carried
   * record in front of a whole chunk would make a rope that every character access has to walk. So
   * only the carried record and a piece of the chunk are glued, until that record completes, and
   * the rest of the chunk is scanned as it came.
   */
  #feed(chunk: string, final: boolean): boolean {
    const nul = chunk.indexOf('\0');
    if (nul >= 0) {
      chunk = chunk.slice(0, nul);
      final = false;
    }
    let offset = 0;
    while (this.#carry !== '' && !this.#stopped) {
      const carried = this.#carry;
      const end = Math.min(chunk.length, offset + Math.max(4096, carried.length));
      const last = end === chunk.length;
      const text = carried + chunk.slice(offset, end);
      const rest = this.#scanAll(text, 0, final && last);
      if (rest < 0) {
        this.#carry = '';
        offset = end;
      } else if (rest >= carried.length) {
        // The carried record is done; the next incomplete one starts inside the chunk.
        this.#carry = '';
        offset += rest - carried.length;
        if (last) this.#carry = chunk.slice(offset);
        else this.#scanChunk(chunk, offset, final);
        offset = chunk.length;
      } else {
        this.#carry = text.slice(rest);
        offset = end;
      }
      if (last) break;
    }
    if (!this.#stopped && (offset < chunk.length || (final && offset === 0))) this.#scanChunk(chunk, offset, final);
    if (nul >= 0 && !this.#stopped) {
      this.#stop({ code: 'nulCharacter', row: this.#row + 1, column: this.#fields + 1 });
    }
    return !this.#stopped;
  }

  #scanChunk(chunk: string, from: number, final: boolean): void {
    const rest = this.#scanAll(chunk, from, final);
    this.#carry = rest >= 0 && !this.#stopped ? chunk.slice(rest) : '';
  }

  #issue(code: CsvIssueCode, row: number, column: number): void {
    const counts = this.#summary.issueCounts;
    const n = (counts[code] ?? 0) + 1;
    counts[code] = n;
    if (n <= this.#maxExamples) this.#summary.issues.push({ code, row, column });
  }

  #stop(fatal: CsvIssue): void {
    this.#issue(fatal.code, fatal.row, fatal.column);
    this.#summary.fatal = fatal;
    this.#stopped = true;
  }

  /**
   * Scans text from `from`, where the incomplete record (if any) starts, and delivers every complete
   * record. Returns where the record left incomplete starts (its completed fields' offsets are kept
   * relative to that), or −1 when nothing is left over.
   */
  #scanAll(text: string, from: number, final: boolean): number {
    let rest: number;
    do {
      this.#paused = false;
      rest = this.#spaces ? this.#scanSpaces(text, from, final) : this.#scan(text, from, final);
      from = rest;
    } while (this.#paused && !this.#stopped);
    if (rest >= 0 && !this.#stopped) {
      // An incomplete record is carried: bound what it can hold.
      const n = text.length;
      const pos = rest + this.#fieldStart;
      // The open field will be at least this long (a quoted one without its quotes).
      if (pos < n && n - pos - (text.charCodeAt(pos) === QUOTE ? 2 : 0) > this.#maxField) {
        this.#stop({ code: 'fieldTooLong', row: this.#row + 1, column: this.#fields + 1 });
        return -1;
      }
      if (n - rest > this.#maxRow) {
        this.#stop({ code: 'rowTooLong', row: this.#row + 1, column: 0 });
        return -1;
      }
    }
    return rest;
  }

  /**
   * One slice of #scanAll: at most SLICE_RECORDS records, then it pauses (#paused) and returns where
   * the next record starts. Short, frequent calls let the engine optimise the whole method with
   * feedback from all of it; one call per megabyte chunk would run mostly in on-stack-replaced code
   * compiled before the method's exit had ever run, which deoptimises at every chunk end.
   */
  #scan(text: string, from: number, final: boolean): number {
    const n = text.length;
    const d = this.#delim;
    /** The highest of the characters that end a plain field. */
    const top = d > CR ? d : CR;
    const rec = this.#rec;
    const starts = rec.starts;
    const ends = rec.ends;
    const kinds = rec.kinds;
    const maxColumns = this.#maxColumns;
    const maxField = this.#maxField;
    rec.src = text;

    if (this.#pendingCR && from < n) {
      this.#pendingCR = false;
      if (text.charCodeAt(from) === LF) from++;
    }
    let rowStart = from;
    let budget = SLICE_RECORDS;
    let nf = this.#fields;
    let pos = this.#fieldStart + from;
    let quoteFrom = this.#quoteFrom >= 0 ? this.#quoteFrom + from : -1;
    let escaped = this.#escaped;
    for (let i = 0; i < nf; i++) {
      starts[i] += from;
      ends[i] += from;
    }

    for (;;) {
      // pos is at the start of field nf of the record that starts at rowStart.
      if (pos >= n) {
        if (!final) break;
        if (nf > 0) {
          // "a,b," at the end of the input: the last field is empty.
          starts[nf] = ends[nf] = pos;
          kinds[nf] = FIELD_PLAIN;
          if (!this.#deliver(rowStart, pos, nf + 1)) return -1;
        }
        nf = 0;
        rowStart = pos;
        break;
      }
      let c = text.charCodeAt(pos);
      let fieldEnd: number;
      let next: number;
      if (c === QUOTE) {
        let q = quoteFrom >= 0 ? quoteFrom : pos + 1;
        let close: number;
        for (;;) {
          close = text.indexOf('"', q);
          if (close < 0 || close + 1 >= n) break;
          if (text.charCodeAt(close + 1) !== QUOTE) break;
          escaped = true;
          q = close + 2;
        }
        if (close < 0 || close + 1 >= n) {
          // No closing quote yet, or one at the very end that a '"' in the next chunk may escape.
          if (!final) {
            quoteFrom = close < 0 ? Math.max(q, n) : close;
            break;
          }
          if (close < 0) {
            this.#stop({ code: 'unterminatedQuote', row: this.#row + 1, column: nf + 1 });
            return -1;
          }
        }
        if (close - pos - 1 > maxField) {
          this.#stop({ code: 'fieldTooLong', row: this.#row + 1, column: nf + 1 });
          return -1;
        }
        starts[nf] = pos + 1;
        ends[nf] = close;
        kinds[nf] = escaped ? FIELD_ESCAPED : FIELD_QUOTED;
        quoteFrom = -1;
        escaped = false;
        fieldEnd = close + 1;
        c = fieldEnd < n ? text.charCodeAt(fieldEnd) : -1;
        if (c !== d && c !== LF && c !== CR && c !== -1) {
          // `"ab"c`: keep the raw text up to the next delimiter as the value and report it.
          let p = fieldEnd;
          while (p < n) {
            c = text.charCodeAt(p);
            if (c === d || c === LF || c === CR) break;
            p++;
          }
          if (p >= n && !final) break;
          this.#issue('textAfterClosingQuote', this.#row + 1, nf + 1);
          starts[nf] = pos;
          ends[nf] = p;
          kinds[nf] = FIELD_PLAIN;
          fieldEnd = p;
          c = p < n ? c : -1;
        }
      } else {
        let p = pos;
        if (nf === 0 && (c === LF || c === CR)) {
          // An empty line: no record.
          this.#row++;
          this.#summary.blankLines++;
          next = c === CR && pos + 1 < n && text.charCodeAt(pos + 1) === LF ? pos + 2 : pos + 1;
          if (c === CR && pos + 1 >= n && !final) this.#pendingCR = true;
          pos = rowStart = next;
          continue;
        }
        while (p < n) {
          c = text.charCodeAt(p);
          // Most characters are above all three stops: one comparison for them.
          if (c > top) {
            p++;
            continue;
          }
          if (c === d || c === LF || c === CR) break;
          p++;
        }
        if (p >= n) {
          if (!final) break;
          c = -1;
        }
        if (p - pos > maxField) {
          this.#stop({ code: 'fieldTooLong', row: this.#row + 1, column: nf + 1 });
          return -1;
        }
        starts[nf] = pos;
        ends[nf] = p;
        kinds[nf] = FIELD_PLAIN;
        fieldEnd = p;
      }
      // The field is complete; c is what follows it (−1 at the end of the input).
      if (c === d) {
        if (++nf >= maxColumns) {
          this.#stop({ code: 'tooManyColumns', row: this.#row + 1, column: nf + 1 });
          return -1;
        }
        pos = fieldEnd + 1;
        continue;
      }
      if (!this.#deliver(rowStart, fieldEnd, nf + 1)) return -1;
      nf = 0;
      if (c === CR) {
        if (fieldEnd + 1 < n) next = text.charCodeAt(fieldEnd + 1) === LF ? fieldEnd + 2 : fieldEnd + 1;
        else {
          next = fieldEnd + 1;
          if (!final) this.#pendingCR = true;
        }
      } else next = fieldEnd + 1;
      pos = rowStart = next;
      if (--budget === 0 && pos < n) {
        this.#paused = true;
        break;
      }
    }
    // One exit for a pause and for the end of the text alike, so that it has run (and the engine
    // has seen its types) long before the first chunk ends.
    const open = this.#paused || (rowStart < n && !final);
    if (!open) nf = 0;
    for (let i = 0; i < nf; i++) {
      starts[i] -= rowStart;
      ends[i] -= rowStart;
    }
    this.#fields = nf;
    this.#fieldStart = open ? pos - rowStart : 0;
    this.#quoteFrom = open && quoteFrom >= 0 ? quoteFrom - rowStart : -1;
    this.#escaped = escaped;
    return open ? rowStart : -1;
  }

  /**
   * #scan for blank-separated columns: a record is a line, its fields the runs of other characters.
   * Lines are short, so a line cut by the end of a chunk is scanned again from its start with the
   * next chunk (#fields stays 0).
   */
  #scanSpaces(text: string, from: number, final: boolean): number {
    const n = text.length;
    const rec = this.#rec;
    const starts = rec.starts;
    const ends = rec.ends;
    const kinds = rec.kinds;
    rec.src = text;
    if (this.#pendingCR && from < n) {
      this.#pendingCR = false;
      if (text.charCodeAt(from) === LF) from++;
    }
    let rowStart = from;
    let budget = SLICE_RECORDS;
    for (;;) {
      let eol = rowStart;
      while (eol < n) {
        const c = text.charCodeAt(eol);
        if (c === LF || c === CR) break;
        eol++;
      }
      if (eol >= n && (!final || rowStart >= n)) break;
      let nf = 0;
      let i = rowStart;
      for (;;) {
        while (i < eol && isBlankCode(text.charCodeAt(i))) i++;
        if (i >= eol) break;
        const start = i;
        while (i < eol && !isBlankCode(text.charCodeAt(i))) i++;
        if (nf >= this.#maxColumns) {
          this.#stop({ code: 'tooManyColumns', row: this.#row + 1, column: nf + 1 });
          return -1;
        }
        if (i - start > this.#maxField) {
          this.#stop({ code: 'fieldTooLong', row: this.#row + 1, column: nf + 1 });
          return -1;
        }
        starts[nf] = start;
        ends[nf] = i;
        kinds[nf] = FIELD_PLAIN;
        nf++;
      }
      if (nf === 0) {
        this.#row++;
        this.#summary.blankLines++;
      } else if (!this.#deliver(rowStart, eol, nf)) return -1;
      if (eol >= n) {
        rowStart = n;
        break;
      }
      if (text.charCodeAt(eol) === CR) {
        if (eol + 1 < n) rowStart = text.charCodeAt(eol + 1) === LF ? eol + 2 : eol + 1;
        else {
          rowStart = eol + 1;
          if (!final) this.#pendingCR = true;
        }
      } else rowStart = eol + 1;
      if (--budget === 0 && rowStart < n) {
        this.#paused = true;
        break;
      }
    }
    this.#fields = 0;
    this.#fieldStart = 0;
    this.#quoteFrom = -1;
    this.#escaped = false;
    return this.#paused || (rowStart < n && !final) ? rowStart : -1;
  }

  /** Hands a complete record to the sink; false when the parse must stop. */
  #deliver(start: number, end: number, count: number): boolean {
    const rec = this.#rec;
    const summary = this.#summary;
    const row = ++this.#row;
    if (end - start > this.#maxRow) {
      this.#stop({ code: 'rowTooLong', row, column: 0 });
      return false;
    }
    rec.count = count;
    rec.row = row;
    rec.start = start;
    rec.end = end;
    if (summary.expectedFields < 0) summary.expectedFields = count;
    else if (count !== summary.expectedFields) {
      this.#issue(count < summary.expectedFields ? 'tooFewFields' : 'tooManyFields', row, count);
    }
    summary.records++;
    this.#sink.record(rec);
    if (summary.records >= this.#maxRows) {
      summary.truncated = true;
      this.#stopped = true;
      return false;
    }
    return true;
  }
}

/** Parses a whole string (tests, previews, pasted text). */
export function parseCsvText(text: string, sink: CsvSink, options?: CsvOptions): CsvSummary {
  const parser = new CsvParser(sink, options);
  parser.push(text);
  return parser.finish();
}

/** Collects records as string arrays: for previews and tests, not for large files. */
export function collectRecords(text: string | string[], options?: CsvOptions): { rows: string[][]; summary: CsvSummary } {
  const rows: string[][] = [];
  const parser = new CsvParser({ record: (r) => rows.push(recordFields(r)) }, options);
  for (const chunk of typeof text === 'string' ? [text] : text) parser.push(chunk);
  return { rows, summary: parser.finish() };
}
