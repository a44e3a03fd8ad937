import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CsvParser, detectDelimiter, FIELD_ESCAPED, FIELD_PLAIN, FIELD_QUOTED, parseCsvText, type Delimiter } from '../../../src/engine/import/csv';
import { parseChunks, splitAt } from './helpers';

const rowsOf = (text: string | string[], delimiter: Delimiter | 'auto' = ',') => parseChunks(typeof text === 'string' ? [text] : text, { delimiter }).rows;

/** One RFC 4180 field: quoted when it must be (or by choice), quotes doubled inside. */
function encodeField(value: string, delimiter: string, quote: boolean): string {
  const must = value.includes(delimiter) || value.includes('"') || value.includes('\r') || value.includes('\n');
  return must || quote ? `"${value.replaceAll('"', '""')}"` : value;
}

const fieldChar = fc.constantFrom('a', 'b', 'Z', '1', '.', ' ', '中', '客', '"', ',', ';', '\t', '|', '\r', '\n', 'é', '😀');
const csvFile = fc.record({
  delimiter: fc.constantFrom<Delimiter>(',', ';', '\t', '|'),
  newline: fc.constantFrom('\n', '\r\n', '\r'),
  bom: fc.boolean(),
  trailingNewline: fc.boolean(),
  rows: fc.array(fc.array(fc.record({ value: fc.string({ unit: fieldChar, maxLength: 12 }), quote: fc.boolean() }), { minLength: 1, maxLength: 6 }), {
    minLength: 1,
    maxLength: 25,
  }),
  cuts: fc.array(fc.nat(), { maxLength: 12 }),
});

describe('CSV parser', () => {
  it('agrees with PapaParse on random RFC 4180 files, however the text is cut into chunks', () => {
    fc.assert(
      fc.property(csvFile, ({ delimiter, newline, bom, trailingNewline, rows, cuts }) => {
        const text =
          (bom ? '\ufeff' : '') +
          rows.map((r) => r.map((f) => encodeField(f.value, delimiter, f.quote)).join(delimiter)).join(newline) +
          (trailingNewline ? newline : '');
        const papa = Papa.parse<string[]>(text, { delimiter, newline: newline as '\n', quoteChar: '"' });
        expect(papa.errors).toEqual([]);
        // An empty line is no record here (Papa gives ['']); a line of just "" reads the same in both.
        const notBlank = (r: string[]) => !(r.length === 1 && r[0] === '');
        const expected = papa.data.filter(notBlank);
        const { rows: got, summary } = parseChunks(splitAt(text, cuts), { delimiter });
        expect(got.filter(notBlank)).toEqual(expected);
        expect(summary.fatal).toBeNull();
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same records and report however any text, well-formed or not, is cut into chunks', () => {
    const anyChar = fc.constantFrom('a', '1', ' ', '中', '"', '"', ',', ',', '\r', '\n', '\u0000', '\ufeff');
    fc.assert(
      fc.property(fc.string({ unit: anyChar, maxLength: 80 }), fc.array(fc.nat(), { maxLength: 10 }), (text, cuts) => {
        const options = { delimiter: ',' as const, maxFieldLength: 12, maxColumns: 6 };
        const whole = parseChunks([text], options);
        const chunked = parseChunks(splitAt(text, cuts), options);
        expect(chunked).toEqual(whole);
      }),
      { numRuns: 400 },
    );
  });

  it('reports field boundaries and kinds without making strings', () => {
    const seen: [number, number, number][][] = [];
    parseCsvText('ab,"c,d","e""f"\n', {
      record: (r) => seen.push(Array.from({ length: r.count }, (_, i) => [r.starts[i], r.ends[i], r.kinds[i]])),
    }, { delimiter: ',' });
    expect(seen).toEqual([[[0, 2, FIELD_PLAIN], [4, 7, FIELD_QUOTED], [10, 14, FIELD_ESCAPED]]]);
  });

  it('joins a quoted field, a CRLF and a "" escape split across chunks', () => {
    expect(rowsOf(['a,"x', 'y""', 'z",b\r', '\nc,d'])).toEqual([['a', 'xy"z', 'b'], ['c', 'd']]);
    expect(rowsOf(['a,"', '"', '"', '",b'])).toEqual([['a', '"', 'b']]);
    expect(rowsOf(['a,b\r', '\n', '\r\n', 'c,d'])).toEqual([['a', 'b'], ['c', 'd']]);
    expect(rowsOf(['"a"', '\r', '\nb'])).toEqual([['a'], ['b']]);
    // One character at a time.
    const text = 'id,"name"\r\n1,"Wang ""Xiao"" Ming"\r\n2,"two\nlines"\r\n';
    expect(rowsOf([...text])).toEqual(rowsOf(text));
  });

  it('case 24: a UTF-8 BOM is dropped, so the first header is 客户', () => {
    const { rows } = parseChunks(['\ufeff客户,金额\r\nA,1\r\n']);
    expect(rows[0][0]).toBe('客户');
    expect(rows[0][0].charCodeAt(0)).not.toBe(0xfeff);
    // Also when the BOM comes alone in the first chunk.
    expect(parseChunks(['\ufeff', '客户,金额\n'], { delimiter: ',' }).rows[0][0]).toBe('客户');
  });

  describe('case 27: delimiters, one column, trailing blank line', () => {
    it('detects ; tab | and , and says which', () => {
      for (const d of [',', ';', '\t', '|'] as Delimiter[]) {
        const text = ['客户', '日期', '金额'].join(d) + '\n' + ['A', '2024-01-05', '1.5'].join(d) + '\n' + ['B', '2024-01-06', '2.5'].join(d) + '\n';
        const { rows, summary } = parseChunks([text]);
        expect(summary.delimiter).toBe(d);
        expect(summary.detection?.singleColumn).toBe(false);
        expect(rows[1]).toEqual(['A', '2024-01-05', '1.5']);
      }
    });

    it('prefers ; over decimal commas that the header does not have', () => {
      const guess = detectDelimiter('金额;日期\n1,5;2024-01-01\n2,5;2024-01-02\n');
      expect(guess.delimiter).toBe(';');
      expect(guess.candidates[0]).toEqual({ delimiter: ';', fields: 2, consistency: 1 });
    });

    it('ignores delimiters inside quotes when guessing', () => {
      expect(detectDelimiter('a;b\n"x,y,z";1\n"p,q";2\n').delimiter).toBe(';');
    });

    it('flags a single column instead of misreading it silently', () => {
      const { rows, summary } = parseChunks(['customer\nA\nB\n']);
      expect(summary.detection?.singleColumn).toBe(true);
      expect(rows).toEqual([['customer'], ['A'], ['B']]);
    });

    it('lets the user override the delimiter', () => {
      const text = 'a;b,c\n1;2,3\n';
      expect(rowsOf(text, ',')).toEqual([['a;b', 'c'], ['1;2', '3']]);
      expect(rowsOf(text, ';')).toEqual([['a', 'b,c'], ['1', '2,3']]);
    });

    it('ignores a trailing blank line and counts blank lines in between', () => {
      const { rows, summary } = parseChunks(['a,b\n1,2\n\n3,4\n\n'], { delimiter: ',' });
      expect(rows).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
      expect(summary.blankLines).toBe(2);
      expect(summary.issues).toEqual([]);
    });
  });

  describe('case 28: an unterminated quote', () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `${i},customer ${i},2024-01-01,${(i * 1.5).toFixed(2)}`);
    const feed = (text: string, options = {}) => {
      const parser = new CsvParser({ record: () => undefined }, { delimiter: ',', ...options });
      for (let i = 0; i < text.length; i += 65536) parser.push(text.slice(i, i + 65536));
      return parser.finish();
    };

    it('in a 2 MB file is reported with the row where the quote opens', () => {
      const rows = lines(60000);
      rows[59000] = '59000,"customer 59000,2024-01-01,1.00';
      const text = rows.join('\n') + '\n';
      expect(text.length).toBeGreaterThan(2_000_000);
      const summary = feed(text);
      expect(summary.fatal).toEqual({ code: 'unterminatedQuote', row: 59001, column: 2 });
      expect(summary.records).toBe(59000);
    });

    it('early in the file stops at the field length limit, naming the row, without scanning on', () => {
      const rows = lines(60000);
      rows[10] = '10,"customer 10,2024-01-01,1.00';
      const summary = feed(rows.join('\n'), { maxFieldLength: 100_000 });
      expect(summary.fatal).toEqual({ code: 'fieldTooLong', row: 11, column: 2 });
      expect(summary.records).toBe(10);
    });
  });

  it('case 29: rows with too few or too many fields are reported by row, and still delivered', () => {
    const { rows, summary } = parseChunks(['a,b,c\n1,2,3\n4,5\n6,7,8,9\n\n10,11,12\n'], { delimiter: ',' });
    expect(rows).toHaveLength(5);
    expect(summary.issueCounts).toEqual({ tooFewFields: 1, tooManyFields: 1 });
    expect(summary.issues).toEqual([
      { code: 'tooFewFields', row: 3, column: 2 },
      { code: 'tooManyFields', row: 4, column: 4 },
    ]);
    expect(summary.fatal).toBeNull();
  });

  it('case 29: keeps a few examples per code but counts all', () => {
    const text = 'a,b\n' + '1\n'.repeat(50);
    const { summary } = parseChunks([text], { delimiter: ',', maxExamples: 3 });
    expect(summary.issueCounts.tooFewFields).toBe(50);
    expect(summary.issues.map((i) => i.row)).toEqual([2, 3, 4]);
  });

  describe('case 32: line ends and NUL', () => {
    it('reads CRLF, lone CR and LF, and newlines inside quotes', () => {
      expect(rowsOf('a,b\r\nc,d\re,f\ng,"h\r\ni\rj\nk"\r\n')).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f'], ['g', 'h\r\ni\rj\nk']]);
    });

    it('refuses NUL characters with the row and column', () => {
      const { rows, summary } = parseChunks(['a,b\n1,2\n3,x\u0000y\n5,6\n'], { delimiter: ',' });
      expect(rows).toEqual([['a', 'b'], ['1', '2']]);
      expect(summary.fatal).toEqual({ code: 'nulCharacter', row: 3, column: 2 });
    });

    it('finds NUL while still sampling for the delimiter', () => {
      expect(parseChunks(['a,b\n\u0000']).summary.fatal?.code).toBe('nulCharacter');
    });
  });

  it('reports text after a closing quote and keeps the raw value', () => {
    const { rows, summary } = parseChunks(['"ab"c,d\n'], { delimiter: ',' });
    expect(rows).toEqual([['"ab"c', 'd']]);
    expect(summary.issues).toEqual([{ code: 'textAfterClosingQuote', row: 1, column: 1 }]);
  });

  it('case 35: streams: records arrive as their chunk does, and only one open record is carried between chunks', () => {
    const seen: number[] = [];
    let delivered = 0;
    // A record limit of 64 characters: carrying more than the open record would trip it.
    const parser = new CsvParser({ record: () => delivered++ }, { delimiter: ',', maxRowLength: 64 });
    const line = (i: number) => `C${i},2024-01-05,"${i}.50","Online, App"\r\n`;
    let text = '';
    for (let i = 0; i < 20_000; i++) text += line(i);
    for (let i = 0; i < text.length; i += 4093) {
      parser.push(text.slice(i, i + 4093));
      seen.push(delivered);
    }
    const summary = parser.finish();
    expect(summary.fatal).toBeNull();
    expect(summary.records).toBe(20_000);
    // After each chunk, every record whose line break has arrived has been delivered.
    const breaks: number[] = [];
    for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) breaks.push(i);
    const expected = seen.map((_, k) => breaks.filter((b) => b < (k + 1) * 4093).length);
    expect(seen).toEqual(expected);
  });

  it('stops at the column limit and the row length limit', () => {
    expect(parseChunks(['a,b,c,d,e\n'], { delimiter: ',', maxColumns: 4 }).summary.fatal).toEqual({ code: 'tooManyColumns', row: 1, column: 5 });
    const long = parseChunks(['x,' + 'y,'.repeat(300), 'z'.repeat(100)], { delimiter: ',', maxRowLength: 500 });
    expect(long.summary.fatal?.code).toBe('rowTooLong');
  });

  it('stops after maxRows records for a preview', () => {
    const { rows, summary } = parseChunks(['a\nb\nc\nd\n'], { delimiter: ',', maxRows: 2 });
    expect(rows).toEqual([['a'], ['b']]);
    expect(summary.truncated).toBe(true);
  });

  it('reads a last field that ends the input, empty fields, and a line of one quoted empty field', () => {
    expect(rowsOf('a,b,\n,,\n""\nx')).toEqual([['a', 'b', ''], ['', '', ''], [''], ['x']]);
    expect(rowsOf('a,')).toEqual([['a', '']]);
    expect(rowsOf('')).toEqual([]);
  });

  it('numbers records as a spreadsheet shows rows: header 1, blank lines counted, multi-line fields one row', () => {
    const rowNumbers: number[] = [];
    parseCsvText('h\n"a\nb"\n\nc\n', { record: (r) => rowNumbers.push(r.row) }, { delimiter: ',' });
    expect(rowNumbers).toEqual([1, 2, 4]);
  });
});
