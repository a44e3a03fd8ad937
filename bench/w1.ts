import { Readable } from 'node:stream';
import v8 from 'node:v8';
import vm from 'node:vm';
import Papa from 'papaparse';
import { inferSchema, initParser } from 'udsv';
import type { ColumnMapping, TransactionColumns } from '../src/engine/import/columns';
import { readTransactions } from '../src/engine/import/read';
import { daysFromCivil } from '../src/engine/import/values';
import { useImportKernel } from '../src/engine/import/wasm/kernel';
import { mulberry32 } from '../src/engine/random';
import { memorySource, pieces, textDeps } from '../tests/unit/import/helpers';
import { median, round, type BenchRow } from './util';

/**
 * W1: a CSV file's bytes → typed columns + dictionaries, 1M and 10M rows, in Node. Every parser gets
 * the same input, the file as a browser hands it over: its bytes, in 1 MiB pieces (a 10M-row file is
 * longer than V8's longest string, so none may take the whole text at once). Every parser must
 * produce the same columns:
 *
 *  - customer, channel, region: Int32 dictionary codes (first appearance) + the distinct strings;
 *  - date: Int32 days since 1970-01-01; amount: Float64.
 *
 *  - Ours: readTransactions, as the import worker runs it. A UTF-8 file goes to the fast import
 *    (src/engine/import/fastImport.ts): a WebAssembly kernel reads the bytes themselves, so no text
 *    is decoded and only new dictionary values become strings. The exact-duplicate check is off for
 *    the headline figure (the peers do not look for duplicates); the time with the app's default
 *    (duplicates counted) is `ours_ms_with_duplicate_check`. `ours_js_ms` is the same call with the
 *    kernel off: the JS path (decode, CsvParser, TransactionColumnBuilder), which reads every file.
 *  - uDSV: each piece decoded (TextDecoder, streaming), then its incremental parser
 *    (`parser.chunk(text, parser.stringArrs, onRow)`, rows not accumulated) hands each row as
 *    strings; the row goes into the same typed columns through a Map per dictionary, `Number()` and a
 *    digit-by-digit ISO date reader (the fastest plain code for the job; uDSV's own typed parsers
 *    would make Date objects).
 *  - PapaParse: the decoded pieces as a Node Readable (its documented streaming input), rows in
 *    batches through `chunk`, converted as for uDSV.
 *
 * Peers skip the checks ours makes (number and date validation, UTF-8 validity, ragged rows, returns
 * policy). Times are medians after a warm-up run; the three results are compared (`same_result`).
 */
const MAPPING: ColumnMapping = { customer: 0, date: 1, amount: 2, channel: 3, region: 4 };
const CHANNELS = ['Tmall Flagship', 'JD', 'Store, downtown', 'WeChat Mini', 'Douyin Live', 'Distributor', 'Website', 'Community Group'];
const CHANNEL_WEIGHTS = [0.3, 0.2, 0.15, 0.1, 0.1, 0.07, 0.05, 0.03];
const REGIONS = ['华东', '华南', '华北', '西南', '华中', '东北'];
const NOTES = ['', 'ok', '"Gift, wrapped ""red"""', '"Deliver after 6pm, ring twice"', 'repeat', '"Said: ""call first"""'];
export const CHUNK_BYTES = 1 << 20;

/**
 * A seeded transaction file: customers Pareto-skewed (the top fifth places most rows), two years of
 * dates in order, amounts in cents, 8 channels (one needs quoting), 6 Chinese regions and a note
 * column quoted with commas and `""` on a third of the rows. Returned as bytes, as a file would be.
 */
export function generateCsv(rows: number, seed = 1): Buffer {
  const rand = mulberry32(seed);
  const customers = Math.max(1000, Math.round(rows / 5));
  const start = daysFromCivil(2023, 1, 1);
  const parts: Buffer[] = [];
  let text = 'customer_id,order_date,amount,channel,region,note\n';
  for (let i = 0; i < rows; i++) {
    const customer = Math.floor(customers * rand() ** 3);
    const day = start + Math.floor((i * 730) / rows);
    let u = rand();
    let ch = 0;
    while (ch < CHANNELS.length - 1 && u >= CHANNEL_WEIGHTS[ch]) u -= CHANNEL_WEIGHTS[ch++];
    const amount = (Math.round(Math.exp(3.5 + 1.2 * rand()) * 100) / 100).toFixed(2);
    const channel = CHANNELS[ch].includes(',') ? `"${CHANNELS[ch]}"` : CHANNELS[ch];
    text += `C${String(customer).padStart(7, '0')},${isoOf(day)},${amount},${channel},${REGIONS[Math.floor(rand() * REGIONS.length)]},${NOTES[Math.floor(rand() * NOTES.length)]}\n`;
    if (text.length > CHUNK_BYTES) {
      parts.push(Buffer.from(text, 'utf8'));
      text = '';
    }
  }
  parts.push(Buffer.from(text, 'utf8'));
  return Buffer.concat(parts);
}

const isoCache = new Map<number, string>();
function isoOf(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * 86400000).toISOString().slice(0, 10);
    isoCache.set(day, s);
  }
  return s;
}

/** The pieces decoded as they come (what a text parser has to do first). */
function* decoded(parts: readonly Uint8Array[]): Generator<string> {
  const decoder = new TextDecoder();
  for (const p of parts) yield decoder.decode(p, { stream: true });
  yield decoder.decode();
}

/** readTransactions as the worker calls it; `kernel` false runs the JS path alone. */
export async function parseOurs(parts: readonly Uint8Array[], duplicates: 'off' | 'keep' = 'off', kernel = true): Promise<TransactionColumns> {
  const was = useImportKernel(kernel);
  try {
    const { imp } = await readTransactions({ kind: 'csv', source: memorySource(parts), container: null }, { mapping: MAPPING, delimiter: ',', policies: { duplicates } }, async () => {}, textDeps);
    return imp.columns;
  } finally {
    useImportKernel(was);
  }
}

/** The typed columns the peers fill from their string rows, the same shape as ours. */
class PeerColumns {
  length = 0;
  readonly customer: Int32Array;
  readonly date: Int32Array;
  readonly amount: Float64Array;
  readonly channel: Int32Array;
  readonly region: Int32Array;
  readonly #dicts = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];

  constructor(capacity: number) {
    this.customer = new Int32Array(capacity);
    this.date = new Int32Array(capacity);
    this.amount = new Float64Array(capacity);
    this.channel = new Int32Array(capacity);
    this.region = new Int32Array(capacity);
  }

  add(row: readonly string[]): void {
    const i = this.length++;
    this.customer[i] = code(this.#dicts[0], row[0]);
    this.date[i] = isoDay(row[1]);
    this.amount[i] = Number(row[2]);
    this.channel[i] = code(this.#dicts[1], row[3]);
    this.region[i] = code(this.#dicts[2], row[4]);
  }

  values(k: number): string[] {
    return [...this.#dicts[k].keys()];
  }
}

function code(dict: Map<string, number>, value: string): number {
  let c = dict.get(value);
  if (c === undefined) dict.set(value, (c = dict.size));
  return c;
}

const d = (s: string, i: number) => s.charCodeAt(i) - 48;
function isoDay(s: string): number {
  return daysFromCivil(d(s, 0) * 1000 + d(s, 1) * 100 + d(s, 2) * 10 + d(s, 3), d(s, 5) * 10 + d(s, 6), d(s, 8) * 10 + d(s, 9));
}

export function parseUdsv(parts: readonly Uint8Array[], rows: number): PeerColumns {
  const out = new PeerColumns(rows + 16);
  const onRow = (row: string[]) => out.add(row);
  let parser: ReturnType<typeof initParser> | null = null;
  for (const c of decoded(parts)) {
    parser ??= initParser(inferSchema(c, { col: ',' }));
    parser.chunk<string[]>(c, parser.stringArrs, onRow);
  }
  parser!.end();
  return out;
}

export function parsePapa(parts: readonly Uint8Array[], rows: number): Promise<PeerColumns> {
  const out = new PeerColumns(rows + 16);
  let header = true;
  return new Promise((resolve, reject) => {
    Papa.parse<string[]>(Readable.from(decoded(parts)) as unknown as File, {
      header: false,
      skipEmptyLines: true,
      chunk: (results) => {
        for (const row of results.data) {
          if (header) header = false;
          else out.add(row);
        }
      },
      complete: () => resolve(out),
      error: (e) => reject(e),
    });
  });
}

/** The fast and the JS import's columns, value for value. */
function sameColumns(a: TransactionColumns, b: TransactionColumns): boolean {
  return (
    a.length === b.length &&
    [a.customer.codes, a.date, a.amount, a.channel!.codes, a.region!.codes].every((x, k) => {
      const y = [b.customer.codes, b.date, b.amount, b.channel!.codes, b.region!.codes][k];
      return x.length === y.length && x.every((v, i) => Object.is(v, y[i]));
    }) &&
    [a.customer.values, a.channel!.values, a.region!.values].every((v, k) => v.join('\u0000') === [b.customer.values, b.channel!.values, b.region!.values][k].join('\u0000'))
  );
}

/** Same customers, days, amounts, channels and regions, value for value. */
function sameResult(ours: TransactionColumns, peer: PeerColumns): boolean {
  if (ours.length !== peer.length) return false;
  const eq = (a: ArrayLike<number>, b: ArrayLike<number>) => {
    for (let i = 0; i < ours.length; i++) if (a[i] !== b[i]) return false;
    return true;
  };
  const dict = (a: string[], b: string[]) => a.length === b.length && a.every((v, i) => v === b[i]);
  return (
    eq(ours.customer.codes, peer.customer) && eq(ours.date, peer.date) && eq(ours.amount, peer.amount) &&
    eq(ours.channel!.codes, peer.channel) && eq(ours.region!.codes, peer.region) &&
    dict(ours.customer.values, peer.values(0)) && dict(ours.channel!.values, peer.values(1)) && dict(ours.region!.values, peer.values(2))
  );
}

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

async function timed(f: () => unknown, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    gc();
    const t = performance.now();
    await f();
    if (i > 0) times.push(performance.now() - t);
  }
  return median(times);
}

export async function measureW1(cases: { label: string; rows: number; runs: number }[] = [
  { label: '1M rows', rows: 1_000_000, runs: 5 },
  { label: '10M rows', rows: 10_000_000, runs: 3 },
]): Promise<BenchRow[]> {
  const out: BenchRow[] = [];
  for (const { label, rows, runs } of cases) {
    const parts = pieces(generateCsv(rows), CHUNK_BYTES);
    const mb = parts.reduce((n, p) => n + p.length, 0) / 2 ** 20;

    const ours = await parseOurs(parts);
    const js = await parseOurs(parts, 'off', false);
    const same = {
      uDSV: sameResult(ours, parseUdsv(parts, rows)),
      PapaParse: sameResult(ours, await parsePapa(parts, rows)),
      js: sameColumns(ours, js),
    };
    const oursMs = await timed(() => parseOurs(parts), runs);
    // Context only: fewer runs at 10M rows.
    const few = runs >= 5 ? 3 : 1;
    const withDuplicates = await timed(() => parseOurs(parts, 'keep'), few);
    const jsMs = await timed(() => parseOurs(parts, 'off', false), few);
    const udsvMs = await timed(() => parseUdsv(parts, rows), runs);
    const papaMs = await timed(() => parsePapa(parts, rows), Math.min(runs, 3));
    const common = {
      input_mib: round(mb, 1),
      ours_mib_per_s: round(mb / (oursMs / 1000), 1),
      ours_ms_with_duplicate_check: round(withDuplicates, 0),
      ours_js_ms: round(jsMs, 0),
      js_same_result: same.js,
      runs,
      note: 'the file\'s bytes in 1 MiB pieces for all (peers decode them, ours reads UTF-8 bytes in WebAssembly); each produces Int32 dictionary codes (customer, channel, region) + strings, Int32 day numbers, Float64 amounts; ours_js_ms: the JS import path (kernel off) on the same bytes',
    };
    out.push(
      {
        id: 'W1', case: label, ours_ms: round(oursMs, 0), peer: 'uDSV', peer_ms: round(udsvMs, 0), ratio: round(udsvMs / oursMs, 2),
        goal: '>= 2.5x uDSV', met: udsvMs / oursMs >= 2.5, same_result: same.uDSV, ...common,
      },
      {
        id: 'W1', case: label, ours_ms: round(oursMs, 0), peer: 'PapaParse', peer_ms: round(papaMs, 0), ratio: round(papaMs / oursMs, 2),
        goal: '>= 6x PapaParse', met: papaMs / oursMs >= 6, same_result: same.PapaParse, ...common,
      },
    );
  }
  return out;
}
