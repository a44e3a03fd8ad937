/**
 * How a data set's columns are stored: each column cut into chunks of DATASET_CHUNK_ROWS rows, each
 * chunk one record holding one typed-array buffer, so ten million rows are a few dozen records
 * rather than ten million objects. Text columns are stored as their dictionary codes plus the
 * dictionary's values (in chunks of DATASET_CHUNK_ROWS values, joined into one string with a Uint32
 * array of lengths).
 *
 * Chunks are narrowed where that loses nothing: codes and day numbers as Uint8/Uint16 offsets from
 * the chunk's minimum when they fit, amounts as whole cents in an Int32 when every amount of the
 * chunk round-trips exactly through cents. Each chunk says how it is stored, so reading it back
 * gives exactly the numbers that were imported; a read checks that the chunks add up to the rows
 * the metadata promises.
 */
import type { CodedColumn, TransactionColumns } from '../engine/import/transactions';
import type { DatasetChunkRecord } from './db';

/** Rows per chunk (and dictionary values per text chunk): 4 MiB for an Int32 column. */
export const DATASET_CHUNK_ROWS = 1 << 20;

/** Version of the chunk layout, stored with every data set. */
export const DATASET_FORMAT = 1;

/** What decoding needs from a data set's metadata. */
export interface ChunkLayout {
  id: string;
  rows: number;
  chunkRows: number;
  hasQuantity: boolean;
  hasOrderId: boolean;
  hasChannel: boolean;
  hasRegion: boolean;
  hasProduct: boolean;
}

/** The chunks of a data set are missing or do not add up to its metadata. */
export class DatasetDamagedError extends Error {
  constructor(readonly datasetId: string, detail: string) {
    super(`data set ${datasetId} is damaged: ${detail}`);
    this.name = 'DatasetDamagedError';
  }
}

// ---------------------------------------------------------------------------------------------
// Facts for the metadata

export interface ColumnFacts {
  customers: number;
  firstDay: number;
  lastDay: number;
}

/** Distinct customers present and the date range, in one pass. */
export function columnFacts(columns: TransactionColumns): ColumnFacts {
  const seen = new Uint8Array(columns.customer.values.length);
  const codes = columns.customer.codes;
  const date = columns.date;
  let customers = 0;
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < columns.length; i++) {
    const c = codes[i];
    if (seen[c] === 0) {
      seen[c] = 1;
      customers++;
    }
    const d = date[i];
    if (d < first) first = d;
    if (d > last) last = d;
  }
  return { customers, firstDay: first === Infinity ? 0 : first, lastDay: last === -Infinity ? 0 : last };
}

// ---------------------------------------------------------------------------------------------
// Encoding columns into chunks

type IntColumn = 'customer' | 'date' | 'orderId' | 'channel' | 'region' | 'product';
type FloatColumn = 'amount' | 'quantity';
const CODED: readonly ('customer' | 'orderId' | 'channel' | 'region' | 'product')[] = ['customer', 'orderId', 'channel', 'region', 'product'];
const VALUES = '.values';

function chunk(datasetId: string, column: string, index: number): Omit<DatasetChunkRecord, 'type' | 'offset' | 'scale' | 'length' | 'data'> {
  return { datasetId, column, index };
}

/** Whole numbers from `src` (already integral) in the narrowest array that holds them as offsets. */
function narrowIntegers(src: ArrayLike<number>, from: number, to: number): Pick<DatasetChunkRecord, 'type' | 'offset' | 'data'> {
  let min = Infinity;
  let max = -Infinity;
  for (let i = from; i < to; i++) {
    const v = src[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (from === to) min = max = 0;
  const span = max - min;
  const n = to - from;
  if (span < 256) {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = src[from + i] - min;
    return { type: 'u8', offset: min, data: out.buffer };
  }
  if (span < 65536) {
    const out = new Uint16Array(n);
    for (let i = 0; i < n; i++) out[i] = src[from + i] - min;
    return { type: 'u16', offset: min, data: out.buffer };
  }
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = src[from + i];
  return { type: 'i32', offset: 0, data: out.buffer };
}

const INT32_MAX = 2147483647;

/**
 * The scale that turns every value of the range into an Int32 exactly (1: whole numbers, 100: cents),
 * or 0 when none does and the chunk stays Float64.
 */
function exactScale(src: Float64Array, from: number, to: number): number {
  for (const scale of [1, 100]) {
    let ok = true;
    for (let i = from; i < to && ok; i++) {
      const v = src[i];
      const s = Math.round(v * scale);
      ok = s / scale === v && s <= INT32_MAX && s >= -INT32_MAX;
    }
    if (ok) return scale;
  }
  return 0;
}

function floatChunk(src: Float64Array, from: number, to: number): Pick<DatasetChunkRecord, 'type' | 'offset' | 'scale' | 'data'> {
  const scale = exactScale(src, from, to);
  if (scale === 0) return { type: 'f64', offset: 0, scale: 1, data: src.slice(from, to).buffer };
  const ints = new Float64Array(to - from);
  for (let i = from; i < to; i++) ints[i - from] = Math.round(src[i] * scale);
  return { ...narrowIntegers(ints, 0, ints.length), scale };
}

function textChunks(datasetId: string, column: string, values: readonly string[], chunkRows: number): DatasetChunkRecord[] {
  const out: DatasetChunkRecord[] = [];
  // At least one chunk, so an empty dictionary is still seen to exist.
  for (let from = 0, index = 0; from < values.length || index === 0; from += chunkRows, index++) {
    const part = values.slice(from, from + chunkRows);
    const lengths = Uint32Array.from(part, (v) => v.length);
    out.push({ ...chunk(datasetId, column, index), type: 'text', offset: 0, scale: 1, length: part.length, data: lengths.buffer, text: part.join('') });
  }
  return out;
}

/**
 * Every chunk record of a data set's columns: done before the write transaction starts, so the
 * transaction itself waits on nothing but IndexedDB (RELIABILITY 10). The metadata must record
 * `chunkRows` (DatasetMeta.chunkRows) for the columns to be read back.
 */
export function encodeDatasetChunks(
  datasetId: string, columns: TransactionColumns, chunkRows = DATASET_CHUNK_ROWS,
): { chunks: DatasetChunkRecord[]; storedBytes: number } {
  const n = columns.length;
  const chunks: DatasetChunkRecord[] = [];
  const ints: [IntColumn, Int32Array | undefined][] = [
    ['customer', columns.customer.codes],
    ['date', columns.date],
    ...CODED.slice(1).map((f): [IntColumn, Int32Array | undefined] => [f, columns[f]?.codes]),
  ];
  const floats: [FloatColumn, Float64Array | null][] = [
    ['amount', columns.amount],
    ['quantity', columns.quantity],
  ];
  for (let from = 0, index = 0; from < n || index === 0; from += chunkRows, index++) {
    const to = Math.min(n, from + chunkRows);
    for (const [name, src] of ints) {
      if (src) chunks.push({ ...chunk(datasetId, name, index), ...narrowIntegers(src, from, to), scale: 1, length: to - from });
    }
    for (const [name, src] of floats) {
      if (src) chunks.push({ ...chunk(datasetId, name, index), ...floatChunk(src, from, to), length: to - from });
    }
  }
  for (const f of CODED) {
    const col = columns[f];
    if (col) chunks.push(...textChunks(datasetId, f + VALUES, col.values, chunkRows));
  }
  let storedBytes = 0;
  for (const c of chunks) storedBytes += c.data.byteLength + 2 * (c.text?.length ?? 0);
  return { chunks, storedBytes };
}

// ---------------------------------------------------------------------------------------------
// Decoding chunks into columns

function widen<T extends Int32Array | Float64Array>(out: T, at: number, c: DatasetChunkRecord): void {
  const { offset, scale, length } = c;
  const src =
    c.type === 'u8' ? new Uint8Array(c.data) : c.type === 'u16' ? new Uint16Array(c.data) : c.type === 'i32' ? new Int32Array(c.data) : new Float64Array(c.data);
  if (src.length !== length) throw new RangeError(`chunk ${c.column}/${c.index} holds ${src.length} values, not ${length}`);
  if (offset === 0 && scale === 1) {
    out.set(src, at);
    return;
  }
  if (scale === 1) for (let i = 0; i < length; i++) out[at + i] = src[i] + offset;
  else for (let i = 0; i < length; i++) out[at + i] = (src[i] + offset) / scale;
}

function splitText(c: DatasetChunkRecord, into: string[]): void {
  const lengths = new Uint32Array(c.data);
  const text = c.text ?? '';
  let at = 0;
  for (let i = 0; i < lengths.length; i++) {
    into.push(text.slice(at, at + lengths[i]));
    at += lengths[i];
  }
  if (at !== text.length) throw new RangeError(`dictionary chunk ${c.column}/${c.index} does not add up`);
}

/** The columns of a data set from its chunk records (in any order); throws DatasetDamagedError if they do not add up. */
export function decodeDatasetChunks(meta: ChunkLayout, records: readonly DatasetChunkRecord[]): TransactionColumns {
  const n = meta.rows;
  const byColumn = new Map<string, DatasetChunkRecord[]>();
  for (const r of records) {
    let list = byColumn.get(r.column);
    if (!list) byColumn.set(r.column, (list = []));
    list.push(r);
  }
  for (const list of byColumn.values()) list.sort((a, b) => a.index - b.index);
  const expectedChunks = Math.max(1, Math.ceil(n / meta.chunkRows));
  const damaged = (detail: string) => new DatasetDamagedError(meta.id, detail);

  const read = <T extends Int32Array | Float64Array>(name: string, out: T): T => {
    const list = byColumn.get(name);
    if (!list || list.length !== expectedChunks) throw damaged(`column ${name} has ${list?.length ?? 0} of ${expectedChunks} chunks`);
    let at = 0;
    try {
      for (const [i, c] of list.entries()) {
        if (c.index !== i) throw new RangeError(`chunk ${i} missing`);
        if (at + c.length > n) throw new RangeError('more rows than the metadata says');
        widen(out, at, c);
        at += c.length;
      }
    } catch (e) {
      throw damaged(`column ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (at !== n) throw damaged(`column ${name} has ${at} of ${n} rows`);
    return out;
  };
  const values = (name: string): string[] => {
    const list = byColumn.get(name + VALUES);
    if (!list) throw damaged(`dictionary ${name} missing`);
    const out: string[] = [];
    try {
      list.forEach((c, i) => {
        if (c.index !== i) throw new RangeError(`chunk ${i} missing`);
        splitText(c, out);
      });
    } catch (e) {
      throw damaged(`dictionary ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    return out;
  };
  const coded = (name: (typeof CODED)[number], present: boolean): CodedColumn | null => {
    if (!present) return null;
    const col = { codes: read(name, new Int32Array(n)), values: values(name) };
    for (let i = 0; i < n; i++) {
      const code = col.codes[i];
      if (code < 0 || code >= col.values.length) throw damaged(`column ${name} row ${i}: code ${code} outside the dictionary`);
    }
    return col;
  };
  return {
    length: n,
    customer: coded('customer', true)!,
    date: read('date', new Int32Array(n)),
    amount: read('amount', new Float64Array(n)),
    quantity: meta.hasQuantity ? read('quantity', new Float64Array(n)) : null,
    orderId: coded('orderId', meta.hasOrderId),
    channel: coded('channel', meta.hasChannel),
    region: coded('region', meta.hasRegion),
    product: coded('product', meta.hasProduct),
  };
}

