// Loaders for the public sample data in tests/fixtures/customers (sources in its README).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dayFromCivil, dayFromIso } from '../../../src/engine/customers/calendar';
import type { Transactions } from '../../../src/engine/customers/columns';

const dir = fileURLToPath(new URL('../../fixtures/customers/', import.meta.url));
const read = (name: string) => readFileSync(dir + name, 'utf8').replace(/\r\n/g, '\n');

/** Dictionary-encodes keys in order of first appearance. */
function encode(keys: string[]): { index: Int32Array; names: string[] } {
  const map = new Map<string, number>();
  const index = new Int32Array(keys.length);
  keys.forEach((key, i) => {
    let id = map.get(key);
    if (id === undefined) map.set(key, (id = map.size));
    index[i] = id;
  });
  return { index, names: [...map.keys()] };
}

export interface Loaded {
  readonly tx: Transactions;
  /** Customer name/id per customer index. */
  readonly names: string[];
}

/** R rfm's `rfm_data_orders`: customer_id, order_date, revenue. */
export function loadRfmOrders(): Loaded {
  const lines = read('rfm_data_orders.csv').trim().split('\n').slice(1);
  const fields = lines.map((line) => line.split(','));
  const { index, names } = encode(fields.map((f) => f[0]));
  const tx: Transactions = {
    customer: index,
    day: Int32Array.from(fields, (f) => dayFromIso(f[1])),
    amount: Float64Array.from(fields, (f) => Number(f[2])),
    customerCount: names.length,
  };
  return { tx, names };
}

/** CDNOW sample transactions, customers keyed by the sample id (the ID of the summary files). */
export function loadCdnowSample(): Loaded {
  const rows = read('CDNOW_sample.txt')
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/));
  const { index, names } = encode(rows.map((r) => String(Number(r[1]))));
  const tx: Transactions = {
    customer: index,
    day: Int32Array.from(rows, (r) => dayFromCivil(Number(r[2].slice(0, 4)), Number(r[2].slice(4, 6)), Number(r[2].slice(6, 8)))),
    amount: Float64Array.from(rows, (r) => Number(r[4])),
    customerCount: names.length,
  };
  return { tx, names };
}

/** A small CSV with a header row, as numbers. */
export function loadNumericCsv(name: string): { header: string[]; rows: number[][] } {
  const [head, ...lines] = read(name).trim().split('\n');
  return { header: head.split(','), rows: lines.map((line) => line.split(',').map(Number)) };
}

export function column(csv: { header: string[]; rows: number[][] }, name: string): Float64Array {
  const i = csv.header.indexOf(name);
  if (i < 0) throw new Error(`no column ${name}`);
  return Float64Array.from(csv.rows, (row) => row[i]);
}
