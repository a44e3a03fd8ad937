/**
 * The fast CSV import (see ../fastImport.ts): RFC 4180 records read from the file's bytes (UTF-8 or
 * GBK) into typed columns, in WebAssembly. It does what CsvParser + TransactionColumnBuilder do —
 * dictionary codes, ISO dates, plain decimal amounts and quantities, statuses and a cancellation
 * prefix, returns, exact duplicate rows, rows without a customer. It pauses (PAUSE) at a row the
 * caller has to help with, and refuses (BAIL) at the first thing it does not do the same way, so the
 * caller reads the file again with the JS path, which reads every form and reports every problem.
 *
 * The caller writes each piece of the file after the record carried from the last one (`inputAt`),
 * then calls `scan`. Pointers are byte offsets in this module's memory; memory may grow in any call.
 */
import { alloc, grow, release, resetMemory } from './memory';
import { ByteDictionary, dictionaryAt, hashBytes64, keyHash, keyHigh, keyLow, keyOf, setGbk } from './dictionary';
import { amountValue, dateDay, dateForm, readAmount, readDate } from './values';

export const OK = 0;
export const BAIL = 1;
export const NO_MEMORY = 2;
/**
 * The scan stopped at a row the caller has to help with (PAUSE_*, pauseAt()) and resumes at that row
 * when called again: a status value not seen before (the caller classes it, statusClassesAt), or a
 * date, quantity or amount in a form only the JS readers read (the caller reads the row's three and
 * writes the results at suppliedAt()).
 */
export const PAUSE = 3;
export const PAUSE_STATUS = 1;
export const PAUSE_VALUES = 2;

// Status classes, as statusTally.ts numbers them.
const SALE = 0;
const CANCELLED = 2;

const QUOTE: u32 = 0x22;
const LF: u32 = 0x0a;
const CR: u32 = 0x0d;
/** Bytes read past a buffer's end by the 8-byte loads of hashing and keys. */
const SLACK: usize = 16;
/** A record carried longer than this goes to the JS path (it would be rescanned with every piece). */
const MAX_CARRY: usize = 1 << 20;
const TEXT_COLUMNS = 4;
/** The status column's dictionary (after the customer's and the text columns'). */
const STATUS = 1 + TEXT_COLUMNS;
/** The quantity column (f64), after customer, date, amount and the text columns. */
const QUANTITY = 3 + TEXT_COLUMNS;

// Statistics the caller reads (statsAt()): i32 each.
export const S_ROW = 0;
export const S_ROWS_READ = 1;
export const S_IMPORTED = 2;
export const S_ABOVE_HEADER = 3;
export const S_EXPECTED = 4;
export const S_HEADER_LEN = 5;
// 6, 7: not used.
export const S_DUPLICATES = 8;
export const S_DUPLICATES_DROPPED = 9;
export const S_RETURNS = 10;
export const S_RETURNS_EXCLUDED = 11;
/** Why the kernel bailed (a BAIL_* code), for tests and diagnostics. */
export const S_BAIL = 12;
export const S_NO_CUSTOMER = 13;
export const S_NEGATIVE = 14;
export const S_MARKED = 15;
export const S_ORDER_CANCELLED = 16;
export const S_ORDER_REFUNDED = 17;
/** Rows imported per date form: S_FORMS + the form (values.ts' DATE_*: 1 ymd … 5 Excel serial). */
export const S_FORMS = 18;
export const S_BAD_DATE = 24;
export const S_BAD_QUANTITY = 25;
export const S_BAD_AMOUNT = 26;
export const S_PERCENT_AMOUNT = 27;
export const S_RAGGED = 28;
export const S_RAGGED_SKIPPED = 29;
const STATS = 32;

// Example row lists (examplesAt()), maxExamples i32 each, in this order.
const E_DUPLICATES = 0;
const E_DUPLICATES_DROPPED = 1;
const E_RETURNS = 2;
const E_RETURNS_EXCLUDED = 3;
const E_NO_CUSTOMER = 4;
const E_ORDER_CANCELLED = 5;
const E_ORDER_REFUNDED = 6;
const E_BAD_DATE = 7;
const E_BAD_QUANTITY = 8;
const E_BAD_AMOUNT = 9;
const E_PERCENT_AMOUNT = 10;
const E_RAGGED = 11;
const E_RAGGED_SKIPPED = 12;
const EXAMPLE_KINDS = 13;

export const BAIL_RAGGED = 1;
export const BAIL_QUOTE = 2;
export const BAIL_ENCODING = 3;
export const BAIL_LIMIT = 4;
export const BAIL_CUSTOMER = 5;
export const BAIL_TEXT = 6;
export const BAIL_BOM = 7;

// Settings (setup).
let delim: u32 = 0x2c;
let customerAt: i32 = 0;
let dateAt: i32 = 0;
let amountAt: i32 = 0;
let textAt: usize = 0; // TEXT_COLUMNS i32, −1 for a column not mapped
let titleRows: i32 = 0;
let hasHeader = true;
/** 0 keep, 1 net off, 2 exclude. */
let returnsPolicy: i32 = 1;
/** 0 off, 1 keep, 2 drop. */
let duplicatesPolicy: i32 = 1;
let maxExamples: i32 = 10;
let maxField: i32 = 1 << 20;
let maxRow: i32 = 8 << 20;
let maxColumns: i32 = 1024;
let decimalCode: u32 = 0x2e;
/**
 * The text is GBK: ASCII, and two-byte characters (lead 0x81–0xFE, trail 0x40–0x7E or 0x80–0xFE)
 * that the GB18030 decoder maps one to one; anything else (four-byte sequences, 0x80) is refused.
 * Trail bytes are never a quote, a line break, a blank or the delimiter (the caller does not use the
 * fast path with `|`, which can be one), so the scan is the same as for UTF-8.
 */
let gbkText = false;
/** Rows with another number of fields than the header are skipped (raggedRows 'skip'). */
let skipRagged = true;
let quantityAt: i32 = -1;
/** The amount column holds unit prices: amount = unit price × quantity. */
let amountIsUnitPrice = false;
let statusAt: i32 = -1;
/** A refund or cancellation status on a positive amount is the order's outcome (policies.ts). */
let statusOutcome = true;
let orderIdAt: i32 = -1;
/** The cancellation prefix of order ids (in the file's encoding), prefixLen bytes; none when 0. */
let prefix: usize = 0;
let prefixLen: i32 = 0;

// State.
let stats: usize = 0;
let examples: usize = 0;
let input: usize = 0;
let inputCap: usize = 0;
let carry: usize = 0;
let started = false;
let records: i32 = 0;
let header: usize = 0;
let headerCap: usize = 0;
let starts: usize = 0; // maxColumns u32
let ends: usize = 0; // maxColumns u32
let escapedFields: usize = 0; // maxColumns u8: the field had `""`
let capacity: i32 = 0;
let columns: usize = 0; // pointers: customer, date (i32), amount (f64), text columns (i32), quantity (f64)
let dictionaries: usize = 0; // ByteDictionary: customer, TEXT_COLUMNS, status
/**
 * Customer ids waiting for their codes (BATCH of them: row, start, length, hash, key words): looked
 * up a batch at a time, after touching every one's slot (ByteDictionary.touch).
 */
let pending: usize = 0;
let pendingCount: i32 = 0;
/** Where touch's words are summed, so the optimiser keeps the reads. */
let touched: u32 = 0;
const BATCH = 64;
const PENDING_BYTES: usize = 32;
/** Per status code: its class (−1 until the caller sets it) and its rows, statusCap of each. */
let statusClasses: usize = 0;
let statusRows: usize = 0;
let statusCap: i32 = 0;
/**
 * Why the scan paused and what the caller needs (i32): kind, status code, then the byte ranges
 * (absolute) of the row's date, quantity and amount fields.
 */
let pauseBlock: usize = 0;
/**
 * The caller's reading of the paused row's values: i32 date form (0 for a bad date), day, quantity
 * error (0 none), amount error (0 none, 1 bad, 2 a percentage); f64 quantity at 16, amount at 24.
 */
let supplied: usize = 0;
let hasSupplied = false;
/** The bytes in the input buffer, and where a paused scan resumes (−1: it did not pause). */
let filled: usize = 0;
let resumeAt: isize = -1;
let fingerprints: usize = 0;
let fpPending: usize = 0;
let fpPendingCount: i32 = 0;
let fpMask: u32 = 0;
let fpSize: u32 = 0;

export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}

@inline
function stat(k: i32): i32 {
  return load<i32>(stats + (<usize>k << 2));
}
@inline
function setStat(k: i32, v: i32): void {
  store<i32>(stats + (<usize>k << 2), v);
}
function bail(reason: i32): i32 {
  setStat(S_BAIL, reason);
  return BAIL;
}

const DICT_BYTES = offsetof<ByteDictionary>();
function dictionary(d: i32): ByteDictionary {
  return dictionaryAt(dictionaries + <usize>d * DICT_BYTES);
}

/**
 * Starts an import; false when memory cannot be had. Column indices are −1 when not mapped; text0–3
 * are the order id, channel, region and product. The caller then writes the cancellation prefix's
 * `prefixBytes` bytes at prefixAt().
 */
export function setup(
  delimiter: u32, customer: i32, date: i32, amount: i32, text0: i32, text1: i32, text2: i32, text3: i32,
  quantity: i32, unitPrice: bool, status: i32, outcome: bool, prefixBytes: i32,
  skipRows: i32, withHeader: bool, returns: i32, duplicates: i32, examplesPerKind: i32,
  fieldLimit: i32, rowLimit: i32, columnLimit: i32, decimal: u32, expectedRows: i32, gbk: bool, raggedSkip: bool,
): bool {
  resetMemory(heapBase());
  skipRagged = raggedSkip;
  gbkText = gbk;
  setGbk(gbk);
  delim = delimiter;
  customerAt = customer;
  dateAt = date;
  amountAt = amount;
  titleRows = skipRows;
  hasHeader = withHeader;
  returnsPolicy = returns;
  duplicatesPolicy = duplicates;
  maxExamples = examplesPerKind;
  maxField = fieldLimit;
  maxRow = rowLimit;
  maxColumns = columnLimit;
  decimalCode = decimal;
  quantityAt = quantity;
  amountIsUnitPrice = unitPrice;
  statusAt = status;
  statusOutcome = outcome;
  orderIdAt = text0;
  prefixLen = prefixBytes;
  hasSupplied = false;
  resumeAt = -1;
  filled = 0;
  // A byte order mark is looked for in UTF-8 only: the GB18030 decoder drops none.
  started = gbk;
  records = 0;
  carry = 0;
  input = 0;
  inputCap = 0;
  header = 0;
  headerCap = 0;
  capacity = 0;
  fingerprints = 0;
  fpPendingCount = 0;
  stats = alloc(STATS * 4, true);
  examples = alloc(<usize>(EXAMPLE_KINDS * max(1, examplesPerKind)) * 4, false);
  textAt = alloc(TEXT_COLUMNS * 4, false);
  starts = alloc(<usize>columnLimit * 4, false);
  ends = alloc(<usize>columnLimit * 4, false);
  escapedFields = alloc(<usize>columnLimit, false);
  columns = alloc((4 + TEXT_COLUMNS) * sizeof<usize>(), true);
  dictionaries = alloc((2 + TEXT_COLUMNS) * DICT_BYTES, true);
  prefix = alloc(<usize>max(prefixBytes, 1), false);
  statusCap = 64;
  statusClasses = alloc(<usize>statusCap << 2, false);
  statusRows = alloc(<usize>statusCap << 2, true);
  pauseBlock = alloc(8 * 4, true);
  supplied = alloc(32, true);
  if (!prefix || !statusClasses || !statusRows || !pauseBlock || !supplied) return false;
  memory.fill(statusClasses, 0xff, <usize>statusCap << 2);
  pending = alloc(<usize>BATCH * PENDING_BYTES, false);
  pendingCount = 0;
  if (!stats || !examples || !textAt || !starts || !ends || !escapedFields || !columns || !dictionaries || !pending) return false;
  store<i32>(textAt, text0);
  store<i32>(textAt, text1, 4);
  store<i32>(textAt, text2, 8);
  store<i32>(textAt, text3, 12);
  setStat(S_EXPECTED, -1);
  // Customers: a table for up to a fifth as many distinct ids as rows expected (at most 2^20 slots,
  // 32 MB); other columns start small.
  const customerSlots = <u32>1 << (32 - clz<u32>(<u32>min(max(expectedRows / 5, 128), 1 << 19) * 2 - 1));
  for (let d = 0; d <= TEXT_COLUMNS; d++) {
    if ((d == 0 || load<i32>(textAt + <usize>(d - 1) * 4) >= 0) && !dictionary(d).init(d == 0 ? customerSlots : 256)) return false;
  }
  if (status >= 0 && !dictionary(STATUS).init(64)) return false;
  if (duplicates != 0) {
    // Sized for the rows expected (at most 2^23 slots, 64 MB), kept at most 3/4 full.
    const slots = <u32>1 << (32 - clz<u32>(<u32>min(max(expectedRows, 768), 6 << 20) * 4 / 3 - 1));
    fpMask = slots - 1;
    fpSize = 0;
    fingerprints = alloc(<usize>slots << 3, true);
    fpPending = alloc(BATCH * 16, false);
    fpPendingCount = 0;
    if (!fingerprints || !fpPending) return false;
  }
  return growColumns(max(16, expectedRows));
}

function columnBytes(k: i32, rows: i32): usize {
  return <usize>rows << (k == 2 || k == QUANTITY ? 3 : 2);
}

function growColumns(rows: i32): bool {
  for (let k = 0; k <= QUANTITY; k++) {
    if (k >= 3 && k < QUANTITY && load<i32>(textAt + <usize>(k - 3) * 4) < 0) continue;
    if (k == QUANTITY && quantityAt < 0) continue;
    const slot = columns + <usize>k * sizeof<usize>();
    const old = load<usize>(slot);
    const at = old == 0 ? alloc(columnBytes(k, rows), false) : grow(old, columnBytes(k, capacity), columnBytes(k, stat(S_IMPORTED)), columnBytes(k, rows));
    if (at == 0) return false;
    store<usize>(slot, at);
  }
  capacity = rows;
  return true;
}

/** Where to write the next `len` bytes of the file (after the carried record); 0 when memory cannot be had. */
export function inputAt(len: i32): usize {
  const need = carry + <usize>len + SLACK;
  if (need > inputCap) {
    let cap = max<usize>(inputCap * 2, 1 << 16);
    while (cap < need) cap *= 2;
    const at = inputCap == 0 ? alloc(cap, false) : grow(input, inputCap, carry, cap);
    if (at == 0) return 0;
    input = at;
    inputCap = cap;
  }
  return input + carry;
}

/**
 * Length of the UTF-8 sequence at p (2–4), 0 when it is not valid UTF-8 or is U+FFFD (which the JS
 * path counts as a replacement), −1 when it runs past `n`. For GBK, the two-byte character's 2, or 0.
 */
function sequence(p: usize, n: usize): i32 {
  const b = <u32>load<u8>(p);
  if (gbkText) {
    if (b == 0x80 || b == 0xff) return 0;
    if (p + 1 >= n) return -1;
    const t = <u32>load<u8>(p + 1);
    return (t >= 0x40 && t <= 0x7e) || (t >= 0x80 && t <= 0xfe) ? 2 : 0;
  }
  let len: i32;
  let lo: u32 = 0x80;
  let hi: u32 = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) len = 2;
  else if (b >= 0xe0 && b <= 0xef) {
    len = 3;
    if (b == 0xe0) lo = 0xa0;
    else if (b == 0xed) hi = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    len = 4;
    if (b == 0xf0) lo = 0x90;
    else if (b == 0xf4) hi = 0x8f;
  } else return 0;
  if (p + <usize>len > n) return -1;
  const b1 = <u32>load<u8>(p + 1);
  if (b1 < lo || b1 > hi) return 0;
  for (let i = 2; i < len; i++) {
    const c = <u32>load<u8>(p + <usize>i);
    if (c < 0x80 || c > 0xbf) return 0;
  }
  if (b == 0xef && b1 == 0xbf && load<u8>(p + 2) == 0xbd) return 0;
  return len;
}

/** Bits of a 16-byte block's bitmask that lie before n. */
@inline
function before(p: usize, n: usize): i32 {
  const left = n - p;
  return left >= 16 ? 0xffff : (1 << <i32>left) - 1;
}

/**
 * False when [p, n) holds a NUL, bytes that are not UTF-8, or U+FFFD — what the JS path stops at or
 * reports — so the scan after it looks only for delimiters, quotes and line breaks. A character cut
 * by n is left for the next piece (it is in the carried record), unless `final`. Sixteen bytes at a
 * time: a block of ASCII without NUL is passed in one step.
 */
function validText(p: usize, n: usize, final: bool): bool {
  const zero = i8x16.splat(0);
  while (p < n) {
    const v = v128.load(p);
    const inside = before(p, n);
    if ((i8x16.bitmask(i8x16.eq(v, zero)) & inside) != 0) return false;
    const high = i8x16.bitmask(v) & inside;
    if (high == 0) {
      p += 16;
      continue;
    }
    p += <usize>ctz(high);
    while (p < n && load<u8>(p) >= 0x80) {
      const l = sequence(p, n);
      if (l == 0) return false;
      if (l < 0) return !final;
      p += <usize>l;
    }
  }
  return true;
}

/** The first delimiter (`vd`, splatted), LF or CR at or after p, or n. */
@inline
function nextStop(p: usize, n: usize, vd: v128): usize {
  const lf = i8x16.splat(<i8>LF);
  const cr = i8x16.splat(<i8>CR);
  while (p < n) {
    const v = v128.load(p);
    const m = i8x16.bitmask(v128.or(v128.or(i8x16.eq(v, vd), i8x16.eq(v, lf)), i8x16.eq(v, cr))) & before(p, n);
    if (m != 0) return p + <usize>ctz(m);
    p += 16;
  }
  return n;
}

/** The first `"` at or after p, or n. */
function nextQuote(p: usize, n: usize): usize {
  const quote = i8x16.splat(<i8>QUOTE);
  while (p < n) {
    const m = i8x16.bitmask(i8x16.eq(v128.load(p), quote)) & before(p, n);
    if (m != 0) return p + <usize>ctz(m);
    p += 16;
  }
  return n;
}

/** Trimmed (spaces and tabs) start and end of field f, in trimStart / trimEnd. */
let trimStart: usize = 0;
let trimEnd: usize = 0;
function trim(f: i32): void {
  let s = input + <usize>load<u32>(starts + (<usize>f << 2));
  let e = input + <usize>load<u32>(ends + (<usize>f << 2));
  while (s < e && (load<u8>(s) == 0x20 || load<u8>(s) == 0x09)) s++;
  while (e > s && (load<u8>(e - 1) == 0x20 || load<u8>(e - 1) == 0x09)) e--;
  trimStart = s;
  trimEnd = e;
}

function example(kind: i32, count: i32, row: i32): void {
  setStat(count, stat(count) + 1);
  const n = stat(count);
  if (n <= maxExamples) store<i32>(examples + (<usize>(kind * maxExamples + n - 1) << 2), row);
}

/** The fingerprint of a record's exact bytes (never 0, which marks an empty slot). */
function fingerprint(start: usize, end: usize): u64 {
  const h = hashBytes64(start, <i32>(end - start), 0x243f6a8885a308d3);
  return h == 0 ? 1 : h;
}

/** True when the fingerprint was seen before; remembers it otherwise. −1: no memory. */
function seen(h: u64): i32 {
  const mask = fpMask;
  for (let i = <u32>h & mask; ; i = (i + 1) & mask) {
    const s = fingerprints + (<usize>i << 3);
    const k = load<u64>(s);
    if (k == 0) {
      store<u64>(s, h);
      fpSize++;
      if (fpSize * 4 > (mask + 1) * 3 && !growFingerprints()) return -1;
      return 0;
    }
    if (k == h) return 1;
  }
  return 0; // not reached: the table is never full
}

/**
 * Duplicates counted and kept: the rows' fingerprints wait (BATCH of them: row, fingerprint) and are
 * looked up a batch at a time, after touching every one's slot, as the customer ids are. Dropping
 * duplicates needs the answer before the row is kept, so that policy looks each row up at once.
 */
function flushFingerprints(): bool {
  const n = fpPendingCount;
  let sum: u32 = 0;
  for (let j = 0; j < n; j++) sum += <u32>load<u64>(fingerprints + (<usize>(<u32>load<u64>(fpPending + (<usize>j << 4), 8) & fpMask) << 3));
  touched += sum;
  for (let j = 0; j < n; j++) {
    const q = fpPending + (<usize>j << 4);
    const dup = seen(load<u64>(q, 8));
    if (dup < 0) return false;
    if (dup == 1) example(E_DUPLICATES, S_DUPLICATES, load<i32>(q));
  }
  fpPendingCount = 0;
  return true;
}

function growFingerprints(): bool {
  const oldSlots = fpMask + 1;
  const slots = oldSlots * 2;
  const table = alloc(<usize>slots << 3, true);
  if (!table) return false;
  const mask = slots - 1;
  for (let j: u32 = 0; j < oldSlots; j++) {
    const k = load<u64>(fingerprints + (<usize>j << 3));
    if (k == 0) continue;
    let i = <u32>k & mask;
    while (load<u64>(table + (<usize>i << 3)) != 0) i = (i + 1) & mask;
    store<u64>(table + (<usize>i << 3), k);
  }
  release(fingerprints, <usize>oldSlots << 3);
  fingerprints = table;
  fpMask = mask;
  return true;
}

/** A complete record of `count` fields spanning [start, end) (no line break): OK, BAIL or NO_MEMORY. */
function record(start: usize, end: usize, count: i32): i32 {
  const row = stat(S_ROW) + 1;
  if (<i32>(end - start) > maxRow) return bail(BAIL_LIMIT);
  if (records < titleRows) {
    records++;
    setStat(S_ROW, row);
    setStat(S_ABOVE_HEADER, stat(S_ABOVE_HEADER) + 1);
    return OK;
  }
  if (stat(S_EXPECTED) < 0) {
    setStat(S_EXPECTED, count);
    if (customerAt >= count || dateAt >= count || amountAt >= count || quantityAt >= count || statusAt >= count) return bail(BAIL_RAGGED);
    for (let t = 0; t < TEXT_COLUMNS; t++) if (load<i32>(textAt + <usize>t * 4) >= count) return bail(BAIL_RAGGED);
    if (hasHeader) {
      records++;
      setStat(S_ROW, row);
      const len = end - start;
      if (len + SLACK > headerCap) {
        headerCap = len + SLACK;
        header = alloc(headerCap, false);
        if (!header) return NO_MEMORY;
      }
      memory.copy(header, start, len);
      setStat(S_HEADER_LEN, <i32>len);
      return OK;
    }
  }
  if (count != stat(S_EXPECTED)) {
    // A row with more or fewer fields than the header: skipped and counted, as columns.ts does by
    // default; read with the missing fields empty ('pad') only by the JS path.
    if (!skipRagged) return bail(BAIL_RAGGED);
    records++;
    setStat(S_ROW, row);
    setStat(S_ROWS_READ, stat(S_ROWS_READ) + 1);
    example(E_RAGGED, S_RAGGED, row);
    example(E_RAGGED_SKIPPED, S_RAGGED_SKIPPED, row);
    return OK;
  }

  // Everything up to the status is read without a trace, so that a row whose status is new can be
  // read again once the caller has classed it (PAUSE).
  if (load<u8>(escapedFields + <usize>customerAt)) return bail(BAIL_CUSTOMER);
  trim(customerAt);
  const cs = trimStart;
  const ce = trimEnd;
  let status = SALE;
  let statusCode = -1;
  let quantity: f64 = 0;
  let day = 0;
  let form = 0;
  let amount: f64 = 0;
  // A value the JS readers had to read (the row paused before): 0 or the kind of skip.
  let skip = 0;
  if (cs != ce) {
    if (hasSupplied) {
      hasSupplied = false;
      form = load<i32>(supplied);
      day = load<i32>(supplied, 4);
      quantity = load<f64>(supplied, 16);
      amount = load<f64>(supplied, 24);
      if (form == 0) skip = E_BAD_DATE;
      else if (load<i32>(supplied, 8) != 0) skip = E_BAD_QUANTITY;
      else if (load<i32>(supplied, 12) != 0) skip = load<i32>(supplied, 12) == 2 ? E_PERCENT_AMOUNT : E_BAD_AMOUNT;
    } else {
      let read = readDate(fieldStart(dateAt), fieldEnd(dateAt));
      day = dateDay;
      form = dateForm;
      if (read && quantityAt >= 0) {
        read = readAmount(fieldStart(quantityAt), fieldEnd(quantityAt), decimalCode);
        quantity = amountValue;
      }
      if (read) read = readAmount(fieldStart(amountAt), fieldEnd(amountAt), decimalCode);
      if (!read) return pauseForValues();
      amount = amountIsUnitPrice ? amountValue * quantity : amountValue;
    }
    if (skip == 0 && statusAt >= 0) {
      if (load<u8>(escapedFields + <usize>statusAt)) return bail(BAIL_TEXT);
      trim(statusAt);
      statusCode = dictionary(STATUS).code(trimStart, <i32>(trimEnd - trimStart));
      if (statusCode < 0) return NO_MEMORY;
      if (statusCode >= statusCap && !growStatuses()) return NO_MEMORY;
      status = load<i32>(statusClasses + (<usize>statusCode << 2));
      if (status < 0) {
        // Read again once the caller has classed it (values it supplied are asked for again).
        store<i32>(pauseBlock, PAUSE_STATUS);
        store<i32>(pauseBlock, statusCode, 4);
        return PAUSE;
      }
    }
  }
  records++;
  setStat(S_ROW, row);
  setStat(S_ROWS_READ, stat(S_ROWS_READ) + 1);
  if (cs == ce) {
    // No customer (UCI Online Retail has a quarter of its rows so): skipped and counted, as columns.ts does.
    example(E_NO_CUSTOMER, S_NO_CUSTOMER, row);
    return OK;
  }
  if (skip != 0) {
    example(skip, skip == E_BAD_DATE ? S_BAD_DATE : skip == E_BAD_QUANTITY ? S_BAD_QUANTITY : skip == E_PERCENT_AMOUNT ? S_PERCENT_AMOUNT : S_BAD_AMOUNT, row);
    return OK;
  }
  if (statusCode >= 0) {
    const at = statusRows + (<usize>statusCode << 2);
    store<i32>(at, load<i32>(at) + 1);
  }

  // Refunds, cancellations and returns, as columns.ts decides them.
  const prefixed = hasCancelPrefix();
  const outcome = status != SALE && amount >= 0 && !prefixed && statusOutcome;
  if (outcome && returnsPolicy != 0) {
    if (status == CANCELLED) example(E_ORDER_CANCELLED, S_ORDER_CANCELLED, row);
    else example(E_ORDER_REFUNDED, S_ORDER_REFUNDED, row);
    return OK;
  }
  const marked = prefixed || (status != SALE && !outcome);
  const isReturn = marked || amount < 0;
  if (isReturn && returnsPolicy == 2) {
    countReturn(row, amount, marked);
    example(E_RETURNS_EXCLUDED, S_RETURNS_EXCLUDED, row);
    return OK;
  }
  if (duplicatesPolicy == 1) {
    const q = fpPending + (<usize>fpPendingCount << 4);
    store<i32>(q, row);
    store<u64>(q, fingerprint(start, end), 8);
    if (++fpPendingCount == BATCH && !flushFingerprints()) return NO_MEMORY;
  } else if (duplicatesPolicy == 2) {
    const dup = seen(fingerprint(start, end));
    if (dup < 0) return NO_MEMORY;
    if (dup == 1) {
      example(E_DUPLICATES, S_DUPLICATES, row);
      example(E_DUPLICATES_DROPPED, S_DUPLICATES_DROPPED, row);
      return OK;
    }
  }
  if (isReturn) {
    countReturn(row, amount, marked);
    if (marked && amount > 0 && returnsPolicy == 1) amount = -amount;
  }

  const i = stat(S_IMPORTED);
  if (i == capacity && (!flushCustomers() || !growColumns(capacity * 2))) return NO_MEMORY;
  const q = pending + <usize>pendingCount * PENDING_BYTES;
  keyOf(cs, <i32>(ce - cs));
  store<i32>(q, i);
  store<u32>(q, <u32>(cs - input), 4);
  store<i32>(q, <i32>(ce - cs), 8);
  store<u32>(q, keyHash, 12);
  store<u64>(q, keyLow, 16);
  store<u64>(q, keyHigh, 24);
  if (++pendingCount == BATCH && !flushCustomers()) return NO_MEMORY;
  const at = <usize>i << 2;
  store<i32>(load<usize>(columns + sizeof<usize>()) + at, day);
  store<f64>(load<usize>(columns + 2 * sizeof<usize>()) + (<usize>i << 3), amount == 0 ? 0 : amount);
  if (quantityAt >= 0) store<f64>(load<usize>(columns + QUANTITY * sizeof<usize>()) + (<usize>i << 3), quantity == 0 ? 0 : quantity);
  setStat(S_FORMS + form, stat(S_FORMS + form) + 1);
  for (let t = 0; t < TEXT_COLUMNS; t++) {
    const f = load<i32>(textAt + <usize>t * 4);
    if (f < 0) continue;
    if (load<u8>(escapedFields + <usize>f)) return bail(BAIL_TEXT);
    trim(f);
    const code = dictionary(1 + t).code(trimStart, <i32>(trimEnd - trimStart));
    if (code < 0) return NO_MEMORY;
    store<i32>(load<usize>(columns + <usize>(3 + t) * sizeof<usize>()) + at, code);
  }
  setStat(S_IMPORTED, i + 1);
  return OK;
}

/** Asks the caller to read the row's date, quantity and amount (PAUSE_VALUES). */
function pauseForValues(): i32 {
  store<i32>(pauseBlock, PAUSE_VALUES);
  store<u32>(pauseBlock, <u32>fieldStart(dateAt), 8);
  store<u32>(pauseBlock, <u32>fieldEnd(dateAt), 12);
  store<u32>(pauseBlock, quantityAt >= 0 ? <u32>fieldStart(quantityAt) : 0, 16);
  store<u32>(pauseBlock, quantityAt >= 0 ? <u32>fieldEnd(quantityAt) : 0, 20);
  store<u32>(pauseBlock, <u32>fieldStart(amountAt), 24);
  store<u32>(pauseBlock, <u32>fieldEnd(amountAt), 28);
  return PAUSE;
}

@inline
function fieldStart(f: i32): usize {
  return input + <usize>load<u32>(starts + (<usize>f << 2));
}
@inline
function fieldEnd(f: i32): usize {
  return input + <usize>load<u32>(ends + (<usize>f << 2));
}

/** columns.ts' countReturn. */
function countReturn(row: i32, amount: f64, marked: bool): void {
  example(E_RETURNS, S_RETURNS, row);
  if (amount < 0) setStat(S_NEGATIVE, stat(S_NEGATIVE) + 1);
  if (marked) setStat(S_MARKED, stat(S_MARKED) + 1);
}

/** The order id, blanks before it skipped, starts with the cancellation prefix (columns.ts' #hasCancelPrefix). */
function hasCancelPrefix(): bool {
  if (prefixLen == 0 || orderIdAt < 0) return false;
  let p = fieldStart(orderIdAt);
  const e = fieldEnd(orderIdAt);
  while (p < e && (load<u8>(p) == 0x20 || load<u8>(p) == 0x09)) p++;
  return <i32>(e - p) >= prefixLen && memory.compare(p, prefix, prefixLen) == 0;
}

/** Room for the class and row count of more status codes; false: no memory. */
function growStatuses(): bool {
  const cap = statusCap * 2;
  const classes = grow(statusClasses, <usize>statusCap << 2, <usize>statusCap << 2, <usize>cap << 2);
  if (!classes) return false;
  statusClasses = classes;
  memory.fill(classes + (<usize>statusCap << 2), 0xff, <usize>statusCap << 2);
  const rows = grow(statusRows, <usize>statusCap << 2, <usize>statusCap << 2, <usize>cap << 2);
  if (!rows) return false;
  statusRows = rows;
  memory.fill(rows + (<usize>statusCap << 2), 0, <usize>statusCap << 2);
  statusCap = cap;
  return true;
}

/** Codes the customer ids waiting in `pending` (in row order, so codes go by first appearance); false: no memory. */
function flushCustomers(): bool {
  const dict = dictionary(0);
  const n = pendingCount;
  let sum: u32 = 0;
  for (let j = 0; j < n; j++) sum += dict.touch(load<u32>(pending + <usize>j * PENDING_BYTES, 12));
  touched += sum;
  const column = load<usize>(columns);
  for (let j = 0; j < n; j++) {
    const q = pending + <usize>j * PENDING_BYTES;
    const c = dict.codeOfKey(input + <usize>load<u32>(q, 4), load<i32>(q, 8), load<u32>(q, 12), load<u64>(q, 16), load<u64>(q, 24));
    if (c < 0) return false;
    store<i32>(column + (<usize>load<i32>(q) << 2), c);
  }
  pendingCount = 0;
  return true;
}

/**
 * Reads every complete record of the carried bytes and the `len` new ones, and carries the
 * incomplete last record (all of it, rescanned with the next piece) unless `final`.
 */
export function scan(len: i32, final: bool): i32 {
  const resuming = resumeAt >= 0;
  if (!resuming) filled = carry + <usize>len;
  const n = input + filled;
  let pos = resuming ? input + <usize>resumeAt : input;
  resumeAt = -1;
  if (!started) {
    // A byte order mark, dropped by the decoder; a second one the JS parser drops as well: refused.
    if (n - pos < 6 && !final) {
      carry = n - input;
      return OK;
    }
    started = true;
    if (n - pos >= 3 && load<u8>(pos) == 0xef && load<u8>(pos + 1) == 0xbb && load<u8>(pos + 2) == 0xbf) {
      pos += 3;
      if (n - pos >= 3 && load<u8>(pos) == 0xef && load<u8>(pos + 1) == 0xbb && load<u8>(pos + 2) == 0xbf) return bail(BAIL_BOM);
    }
  }
  // A resumed scan's bytes were checked when they came.
  if (!resuming && !validText(input, n, final)) return bail(BAIL_ENCODING);
  const d = delim;
  const vd = i8x16.splat(<i8>d);
  let rowStart = pos;
  let complete = true;
  // A row the caller has to help with (PAUSE): the scan resumes at it.
  let paused = false;
  while (pos < n) {
    rowStart = pos;
    let c = <u32>load<u8>(pos);
    if (c == LF || c == CR) {
      // An empty line: no record, but a row number.
      if (c == CR && pos + 1 >= n && !final) {
        complete = false;
        break;
      }
      setStat(S_ROW, stat(S_ROW) + 1);
      pos += c == CR && pos + 1 < n && <u32>load<u8>(pos + 1) == LF ? 2 : 1;
      continue;
    }
    let nf = 0;
    let next: usize = 0;
    for (;;) {
      // pos is at the start of field nf.
      if (nf >= maxColumns) return bail(BAIL_LIMIT);
      let fieldEnd: usize;
      let fs: usize;
      let fe: usize;
      let escaped: u8 = 0;
      c = pos < n ? <u32>load<u8>(pos) : 0x100;
      if (c == QUOTE) {
        let q = pos + 1;
        let close: usize = 0;
        for (;;) {
          q = nextQuote(q, n);
          if (q >= n) {
            if (final) return bail(BAIL_QUOTE);
            complete = false;
            break;
          }
          if (q + 1 >= n) {
            // A quote at the very end: the next piece may escape it.
            if (!final) {
              complete = false;
              break;
            }
            close = q;
            break;
          }
          if (<u32>load<u8>(q + 1) == QUOTE) {
            escaped = 1;
            q += 2;
            continue;
          }
          close = q;
          break;
        }
        if (!complete) break;
        fs = pos + 1;
        fe = close;
        fieldEnd = close + 1;
        c = fieldEnd < n ? <u32>load<u8>(fieldEnd) : 0x100;
        if (c != d && c != LF && c != CR && c != 0x100) return bail(BAIL_QUOTE);
      } else {
        const p = nextStop(pos, n, vd);
        c = p < n ? <u32>load<u8>(p) : 0x100;
        if (p >= n && !final) {
          complete = false;
          break;
        }
        fs = pos;
        fe = p;
        fieldEnd = p;
      }
      if (<i32>(fe - fs) > maxField) return bail(BAIL_LIMIT);
      store<u32>(starts + (<usize>nf << 2), <u32>(fs - input));
      store<u32>(ends + (<usize>nf << 2), <u32>(fe - input));
      store<u8>(escapedFields + <usize>nf, escaped);
      if (c == d) {
        nf++;
        pos = fieldEnd + 1;
        continue;
      }
      // The record ends: at a line break, or at the end of the input.
      if (c == CR) {
        if (fieldEnd + 1 < n) next = <u32>load<u8>(fieldEnd + 1) == LF ? fieldEnd + 2 : fieldEnd + 1;
        else if (!final) {
          complete = false;
          break;
        } else next = fieldEnd + 1;
      } else next = c == 0x100 ? n : fieldEnd + 1;
      const status = record(rowStart, fieldEnd, nf + 1);
      if (status == PAUSE) paused = true;
      else if (status != OK) return status;
      break;
    }
    if (!complete || paused) break;
    pos = next;
  }
  // The waiting ids point into the input, which the carried record is about to overwrite.
  if (!flushCustomers() || !flushFingerprints()) return NO_MEMORY;
  if (paused) {
    resumeAt = <isize>(rowStart - input);
    return PAUSE;
  }
  if (complete) rowStart = n;
  carry = n - rowStart;
  if (carry > MAX_CARRY || <i32>carry > maxRow) return bail(BAIL_LIMIT);
  if (carry > 0) memory.copy(input, rowStart, carry);
  return OK;
}

/** The sum of touch's reads (kept so the reads are). */
export function touchedSum(): u32 {
  return touched;
}

export function prefixAt(): usize {
  return prefix;
}
/** What a paused scan needs (see pauseBlock). */
export function pauseAt(): usize {
  return pauseBlock;
}
/** Where the caller writes its reading of a paused row's values (see supplied), and says it did. */
export function suppliedAt(): usize {
  hasSupplied = true;
  return supplied;
}
/** Per status code: class (i32, −1 unset; the caller sets it on PAUSE) and rows. */
export function statusClassesAt(): usize {
  return statusClasses;
}
export function statusRowsAt(): usize {
  return statusRows;
}

export function statsAt(): usize {
  return stats;
}
export function examplesAt(): usize {
  return examples;
}
export function headerAt(): usize {
  return header;
}
/** Column k: 0 customer, 1 date (i32), 2 amount (f64), 3 + t text column t (i32), 7 quantity (f64). */
export function columnAt(k: i32): usize {
  return load<usize>(columns + <usize>k * sizeof<usize>());
}
export function dictionarySize(d: i32): i32 {
  return dictionary(d).size;
}
/** Per code: byte offset in the arena (u32), byte length, UTF-16 length (i32). */
export function dictionaryEntries(d: i32): usize {
  return dictionary(d).entries;
}
export function dictionaryArena(d: i32): usize {
  return dictionary(d).arena;
}
