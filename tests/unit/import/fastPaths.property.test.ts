/**
 * The import's fast paths against plain references. Random transaction files (quoted fields with
 * delimiters, `""` and line breaks inside, CRLF, a BOM, four delimiters, unicode and long ids repeated,
 * dates and amounts in every supported form and some unreadable ones), cut into random chunks:
 *  - the parser gives back exactly the fields the file was written from;
 *  - the column builder (numbers, dates and dictionary codes read from the text in place) gives the
 *    same columns, dictionaries, skip counts and date forms as the general string functions
 *    (parseNumber, parseDate, a Map per text column) applied to those fields.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TransactionColumnBuilder, type ColumnMapping } from '../../../src/engine/import/columns';
import { collectRecords, CsvParser } from '../../../src/engine/import/csv';
import { daysFromCivil, parseDate, parseNumber } from '../../../src/engine/import/values';
import { splitAt } from './helpers';

const DELIMITERS = [',', ';', '\t', '|'] as const;
type Delim = (typeof DELIMITERS)[number];

/** A field as a file would hold it: quoted when it has to be, and sometimes when it need not. */
function encodeField(v: string, d: Delim, quote: boolean): string {
  const must = v.includes(d) || v.includes('"') || v.includes('\n') || v.includes('\r');
  return must || quote ? `"${v.replaceAll('"', '""')}"` : v;
}

interface File {
  delimiter: Delim;
  rows: string[][];
  text: string;
}

const narrow = fc.constantFrom('a', 'Z', '0', '7', ' ', '-', '.', '_', 'é', '\u00ff');
const anyChar = fc.constantFrom('a', 'Z', '0', '7', ' ', '-', 'é', '中', '客', '😀', ',', ';', '|', '\t', '"', '\n', '\r\n');
const idPool = fc.array(
  fc.oneof(
    fc.integer({ min: 0, max: 9_999_999 }).map((n) => `C${String(n).padStart(7, '0')}`),
    fc.string({ unit: narrow, minLength: 1, maxLength: 18 }),
    fc.string({ unit: fc.constantFrom('客', '户', '甲', '乙', '😀', 'a'), minLength: 1, maxLength: 9 }),
    fc.string({ unit: anyChar, maxLength: 20 }),
    fc.constantFrom('', ' ', '  C1  ', '\tC2', 'Tmall Flagship', 'Community Group', 'Store, downtown', 'Gift "red"', '华东', '华南'),
  ),
  { minLength: 1, maxLength: 12 },
);

const ymd = fc
  .record({ y: fc.integer({ min: 1899, max: 2101 }), m: fc.integer({ min: 0, max: 13 }), d: fc.integer({ min: 0, max: 32 }) })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
// Few years and months, so that rows of one day follow each other and neighbours differ by a part.
const nearYmd = fc
  .record({ y: fc.constantFrom(2023, 2024), m: fc.constantFrom(1, 2, 12), d: fc.constantFrom(1, 5, 28, 29, 30, 31) })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const date = fc.oneof(
  { weight: 4, arbitrary: ymd },
  { weight: 6, arbitrary: nearYmd },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '2024-01-05', '2024-01-05', '2024-02-29', '2023-02-29', '20240105', '2024年1月5日', '2024/1/5', '2024.01.05', '5/1/2024',
      '13/1/2024', '1/13/2024', '45292', '45292.5', '60', ' 2024-01-05 ', '2024-01-05 08:26', '2024-01-05T08:26:00Z', '',
      'soon', '24-01-05', '2024-1-5', '２０２４-01-05', '2024-01-05x',
    ),
  },
);
const amount = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -1_000_000, max: 100_000_000 }).map((c) => (c / 100).toFixed(c % 3 === 0 ? 0 : 2)) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map(String) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '¥1,200', '1,234.56', '3%', '(500)', '', 'abc', '1e5', '１２３', '0.1', '-0', '12345678901234567', '$-5', 'CNY 1200', '1200元',
      '1,5', '1,234,5', '-', '.5', '5.', ' 42 ', '+3', '--5', '0.000000000000000000001', '9007199254740993',
    ),
  },
);

/** A file of rows (header first) with the given column pools, and its text. */
const file: fc.Arbitrary<File> = fc
  .record({
    delimiter: fc.constantFrom(...DELIMITERS),
    ids: idPool,
    channels: idPool,
    regions: idPool,
    picks: fc.array(
      fc.record({ c: fc.nat(), ch: fc.nat(), r: fc.nat(), date, amount, quotes: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), crlf: fc.boolean() }),
      { maxLength: 60 },
    ),
    bom: fc.boolean(),
    trailingBreak: fc.boolean(),
  })
  .map(({ delimiter, ids, channels, regions, picks, bom, trailingBreak }) => {
    const rows = [['customer', 'date', 'amount', 'channel', 'region']];
    let text = bom ? '\ufeff' : '';
    text += rows[0].join(delimiter) + '\n';
    for (const [i, p] of picks.entries()) {
      const row = [ids[p.c % ids.length], p.date, p.amount, channels[p.ch % channels.length], regions[p.r % regions.length]];
      rows.push(row);
      text += row.map((v, k) => encodeField(v, delimiter, p.quotes[k])).join(delimiter);
      if (i < picks.length - 1 || trailingBreak) text += p.crlf ? '\r\n' : '\n';
    }
    return { delimiter, rows, text };
  });

const cuts = fc.array(fc.nat(), { maxLength: 8 });

describe('CSV parser fast paths', () => {
  it('gives back the fields a file was written from, whatever the chunks', () => {
    fc.assert(
      fc.property(file, cuts, ({ delimiter, rows, text }, at) => {
        const { rows: got, summary } = collectRecords(splitAt(text, at), { delimiter });
        expect(got).toEqual(rows);
        expect(summary.issues).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

const MAPPING: ColumnMapping = { customer: 0, date: 1, amount: 2, channel: 3, region: 4 };
const isBlank = (c: string) => c === ' ' || c === '\t';
function trimBlanks(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isBlank(s[a])) a++;
  while (b > a && isBlank(s[b - 1])) b--;
  return s.slice(a, b);
}

/** Day number of a `yyyy-mm-dd` date by the platform's calendar, independent of the importer's. */
function isoDay(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d ? Math.round(t.getTime() / 86_400_000) : NaN;
}

/** The columns and counts the general string functions give for the rows. */
function reference(rows: string[][]) {
  const dicts = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
  const code = (k: number, v: string) => {
    const m = dicts[k];
    let c = m.get(v);
    if (c === undefined) m.set(v, (c = m.size));
    return c;
  };
  const out = { customer: [] as number[], date: [] as number[], amount: [] as number[], channel: [] as number[], region: [] as number[] };
  const skipped: Record<string, number> = {};
  const forms: Record<string, number> = { ymd: 0, compact: 0, cjk: 0, dayMonth: 0, excelSerial: 0 };
  const skip = (why: string) => (skipped[why] = (skipped[why] ?? 0) + 1);
  for (const [customer, rawDate, rawAmount, channel, region] of rows.slice(1)) {
    const id = trimBlanks(customer);
    if (id === '') {
      skip('missingCustomer');
      continue;
    }
    let day: number;
    let form: string;
    const iso = isoDay(rawDate);
    if (iso !== null) {
      if (Number.isNaN(iso)) {
        skip('badDate');
        continue;
      }
      day = iso;
      form = 'ymd';
    } else {
      const d = parseDate(rawDate, 'dmy');
      if (!d.ok) {
        skip('badDate');
        continue;
      }
      if (d.form === 'dayMonth' && !('days' in d)) throw new Error('order was given');
      day = (d as { days: number }).days;
      form = d.form;
    }
    const a = parseNumber(rawAmount, '.', false);
    if (!a.ok) {
      skip(a.error === 'percent' ? 'percentAmount' : 'badAmount');
      continue;
    }
    out.customer.push(code(0, id));
    out.date.push(day);
    out.amount.push(a.value);
    out.channel.push(code(1, trimBlanks(channel)));
    out.region.push(code(2, trimBlanks(region)));
    forms[form]++;
  }
  return { out, values: dicts.map((m) => [...m.keys()]), skipped, forms };
}

describe('column builder fast paths', () => {
  it('reads the same columns, dictionaries, skips and date forms as the general string functions', () => {
    fc.assert(
      fc.property(file, cuts, ({ delimiter, rows, text }, at) => {
        const builder = new TransactionColumnBuilder(MAPPING, { duplicates: 'off', dayMonthOrder: 'dmy' }, 4);
        const parser = new CsvParser(builder, { delimiter });
        for (const chunk of splitAt(text, at)) parser.push(chunk);
        parser.finish();
        const { columns: c, report } = builder.finish();
        const ref = reference(rows);
        expect(Array.from(c.customer.codes)).toEqual(ref.out.customer);
        expect(Array.from(c.date)).toEqual(ref.out.date);
        expect(Array.from(c.amount)).toEqual(ref.out.amount);
        expect(Array.from(c.channel!.codes)).toEqual(ref.out.channel);
        expect(Array.from(c.region!.codes)).toEqual(ref.out.region);
        expect([c.customer.values, c.channel!.values, c.region!.values]).toEqual(ref.values);
        const skipped = Object.fromEntries(Object.entries(report.skipped).filter(([, v]) => v.count > 0).map(([k, v]) => [k, v.count]));
        expect(skipped).toEqual(ref.skipped);
        expect(report.dates.forms).toEqual(ref.forms);
        expect(report.rowsImported).toBe(ref.out.customer.length);
      }),
      { numRuns: 300 },
    );
  });

  it('reads runs of the same yyyy-mm-dd day and switches days correctly', () => {
    const days = ['2024-01-05', '2024-01-05', '2024-02-30', '2024-01-05', '2024-01-06', '2024-01-06', '2023-12-31', '2024-01-05'];
    const text = 'c,d,a\n' + days.map((d, i) => `C${i},${d},1`).join('\n');
    const builder = new TransactionColumnBuilder({ customer: 0, date: 1, amount: 2 }, { duplicates: 'off' });
    const parser = new CsvParser(builder, { delimiter: ',' });
    parser.push(text);
    parser.finish();
    const { columns, report } = builder.finish();
    const d = (y: number, m: number, day: number) => daysFromCivil(y, m, day);
    expect(Array.from(columns.date)).toEqual([d(2024, 1, 5), d(2024, 1, 5), d(2024, 1, 5), d(2024, 1, 6), d(2024, 1, 6), d(2023, 12, 31), d(2024, 1, 5)]);
    expect(report.skipped.badDate.rows).toEqual([4]);
    expect(report.dates.forms.ymd).toBe(7);
  });
});
