/**
 * Segment × channel matrix: where each customer segment buys. This is what ties the customer base
 * back to the channel plan.
 *
 * A customer who bought in two channels counts as a customer of each channel they bought in (so a
 * segment's customers summed over channels can exceed its distinct customers), while their orders and
 * revenue are split by where each order was placed. An order is a transaction row.
 */
import { rowsByCustomer, type Transactions } from './columns';
import { channelOutOfRange, customerOutOfRange } from './rowChecks';
import { UNASSIGNED, type SegmentAssignment } from './segments';
import { tallyMatrixInKernel } from './wasm/matrixTally';

export interface SegmentChannelOptions {
  /** Only rows on or before this day (the analysis day the segments were scored at); default all. */
  readonly throughDay?: number;
  /** Segment ids counted as "high value" for the per-channel share. */
  readonly highValueSegments?: readonly string[];
}

export interface ChannelRow {
  readonly channel: number;
  /** Distinct customers who bought in the channel. */
  readonly customers: number;
  readonly orders: number;
  readonly revenue: number;
  /** Share of the channel's customers who are in a high-value segment. */
  readonly highValueShare: number;
  /** Customers with ≥ 2 orders in the channel. */
  readonly repeatCustomers: number;
  /** repeatCustomers / customers. */
  readonly repurchaseRate: number;
}

export interface SegmentChannelMatrix {
  readonly segmentIds: readonly string[];
  readonly channelCount: number;
  /** Cells are row-major [segment × channelCount + channel]. */
  readonly customers: Int32Array;
  readonly orders: Int32Array;
  readonly revenue: Float64Array;
  /** revenue / orders per cell (0 for empty cells). */
  readonly aov: Float64Array;
  readonly channels: readonly ChannelRow[];
}

export function segmentChannelMatrix(
  tx: Transactions,
  assignment: SegmentAssignment,
  options: SegmentChannelOptions = {},
): SegmentChannelMatrix {
  const channel = tx.channel;
  if (!channel) throw new Error('the transactions have no channel column');
  let m = tx.channelCount ?? 0;
  if (m === 0) for (let i = 0; i < channel.length; i++) m = Math.max(m, channel[i] + 1);
  const highValue = highValueMask(assignment, options.highValueSegments);
  const tallies = newTallies(assignment.ids.length, m);
  const throughDay = options.throughDay ?? Infinity;
  if (m <= MASK_CHANNELS) tallyInOnePass(tx, channel, throughDay, assignment.segment, highValue, m, tallies);
  else tallyByScratch(groupByCustomer(tx, channel, m, throughDay), assignment.segment, highValue, m, tallies);
  return matrixOf(assignment, m, tallies);
}

/**
 * Segment × group when each customer belongs to one group (their region, say) and all their orders
 * count there: the matrix segmentChannelMatrix gives for a column holding each row's customer's
 * group (a test checks they agree), without writing that column (4 bytes a row: 40 MB at ten
 * million rows) or keeping channel sets per customer.
 * A customer whose group is negative is left out.
 */
export function segmentGroupMatrix(
  tx: Transactions,
  groupOfCustomer: Int32Array,
  groupCount: number,
  assignment: SegmentAssignment,
  options: SegmentChannelOptions = {},
): SegmentChannelMatrix {
  const m = groupCount;
  const highValue = highValueMask(assignment, options.highValueSegments);
  const out = newTallies(assignment.ids.length, m);
  const throughDay = options.throughDay ?? Infinity;
  const segmentOf = assignment.segment;
  const { customer, day, amount } = tx;
  const ordersOf = new Int32Array(tx.customerCount);
  for (let i = 0; i < customer.length; i++) {
    if (day[i] > throughDay) continue;
    const c = customer[i];
    const s = segmentOf[c];
    const g = groupOfCustomer[c];
    if (s === UNASSIGNED || g < 0) continue;
    const cell = s * m + g;
    out.orders[cell]++;
    out.revenue[cell] += amount[i];
    ordersOf[c]++;
  }
  for (let c = 0; c < ordersOf.length; c++) {
    const n = ordersOf[c];
    if (n === 0) continue;
    const s = segmentOf[c];
    const g = groupOfCustomer[c];
    out.customers[s * m + g]++;
    out.channelCustomers[g]++;
    if (highValue[s]) out.channelHighValue[g]++;
    if (n >= 2) out.channelRepeat[g]++;
  }
  return matrixOf(assignment, m, out);
}

function highValueMask(assignment: SegmentAssignment, ids: readonly string[] = []): Uint8Array {
  const mask = new Uint8Array(assignment.ids.length);
  for (const id of ids) {
    const s = assignment.ids.indexOf(id);
    if (s >= 0) mask[s] = 1;
  }
  return mask;
}

function newTallies(segments: number, m: number): Tallies {
  return {
    customers: new Int32Array(segments * m),
    orders: new Int32Array(segments * m),
    revenue: new Float64Array(segments * m),
    channelCustomers: new Int32Array(m),
    channelHighValue: new Int32Array(m),
    channelRepeat: new Int32Array(m),
  };
}

/** The matrix of its tallies: AOV per cell, and per column its totals, high-value share and repurchase rate. */
function matrixOf(assignment: SegmentAssignment, m: number, tallies: Tallies): SegmentChannelMatrix {
  const segments = assignment.ids.length;
  const { customers, orders, revenue, channelCustomers, channelHighValue, channelRepeat } = tallies;
  const aov = new Float64Array(segments * m);
  for (let cell = 0; cell < aov.length; cell++) aov[cell] = orders[cell] > 0 ? revenue[cell] / orders[cell] : 0;
  const channels: ChannelRow[] = [];
  for (let ch = 0; ch < m; ch++) {
    let channelOrders = 0;
    let channelRevenue = 0;
    for (let s = 0; s < segments; s++) {
      channelOrders += orders[s * m + ch];
      channelRevenue += revenue[s * m + ch];
    }
    const n = channelCustomers[ch];
    channels.push({
      channel: ch,
      customers: n,
      orders: channelOrders,
      revenue: channelRevenue,
      highValueShare: n > 0 ? channelHighValue[ch] / n : 0,
      repeatCustomers: channelRepeat[ch],
      repurchaseRate: n > 0 ? channelRepeat[ch] / n : 0,
    });
  }
  return { segmentIds: assignment.ids, channelCount: m, customers, orders, revenue, aov, channels };
}

/** Counts and sums the matrix is built from; cells are [segment × channelCount + channel]. */
interface Tallies {
  readonly customers: Int32Array;
  readonly orders: Int32Array;
  readonly revenue: Float64Array;
  readonly channelCustomers: Int32Array;
  readonly channelHighValue: Int32Array;
  readonly channelRepeat: Int32Array;
}

/** Up to this many channels, a customer's channels fit in the bits of one 32-bit integer. */
const MASK_CHANNELS = 31;
/** Up to this many channels, a customer's segment and both channel bit sets fit in one 32-bit integer. */
const PACKED_CHANNELS = 8;

/**
 * Every row once, in file order: orders and revenue go straight to their cell, and each customer's
 * channels — those bought in, and those bought in more than once — collect as bits. The bits also
 * say, without a branch, whether a row is the customer's first in its channel (one more customer in
 * the cell) or their second (one more repeat customer): so nothing is left to count per customer,
 * and the per-channel totals are sums of the cells. No grouping of rows by customer, and no order
 * needed: the counts do not depend on it. Revenue per cell is the same sum in file order, so its
 * last digits can differ from a customer-by-customer sum (a few units in the 16th significant digit).
 *
 * Up to 8 channels a customer's state is one integer — segment in the high half, the two bit sets in
 * the low — so a row touches one per-customer word; up to 31, four integers side by side (one cache
 * line). Rows after `throughDay` are skipped; with no such day the day column is not read at all.
 *
 * A row's three counts go to its cell as one addition to one word, 10 bits each, and those words are
 * added into the counts every 1,023 rows, before any field can overflow. Three read-modify-writes of
 * the same few cells a row were a third of the pass: each waits for the last write to its cell.
 */
function tallyInOnePass(tx: Transactions, channel: Int32Array, throughDay: number, segmentOf: Uint16Array, highValue: Uint8Array, m: number, out: Tallies): void {
  const k = tx.customerCount;
  const cells = out.orders.length;
  // Per cell: orders, customers, repeat customers — side by side, all in the first-level cache.
  const counts = new Int32Array(3 * cells);
  const packed = new Int32Array(cells);
  // The pass runs in WebAssembly where it can (wasm/matrixTally.ts), with the same tallies.
  if (!tallyMatrixInKernel(tx, channel, throughDay, segmentOf, m, m > PACKED_CHANNELS, counts, out.revenue)) {
    if (m <= PACKED_CHANNELS) tallyPacked(tx, channel, throughDay, segmentOf, m, k, packed, counts, out.revenue);
    else tallyWide(tx, channel, throughDay, segmentOf, m, k, packed, counts, out.revenue);
  }
  const { customers, orders, channelCustomers, channelHighValue, channelRepeat } = out;
  for (let cell = 0; cell < cells; cell++) {
    const s = (cell / m) | 0;
    const ch = cell - s * m;
    orders[cell] = counts[3 * cell];
    customers[cell] = counts[3 * cell + 1];
    channelCustomers[ch] += counts[3 * cell + 1];
    if (highValue[s]) channelHighValue[ch] += counts[3 * cell + 1];
    channelRepeat[ch] += counts[3 * cell + 2];
  }
}

/** Rows per run of packed counts: no count of a run can then pass the 10 bits it is given. */
const PACK_RUN = 1023;
const FIELD = 1023;
const ORDER = 1;
const CUSTOMER_SHIFT = 10;
const REPEAT_SHIFT = 20;

/** Adds the packed counts of a run into `counts` (orders, customers, repeat customers per cell) and clears them. */
function unpackRun(packed: Int32Array, counts: Int32Array): void {
  for (let cell = 0; cell < packed.length; cell++) {
    const p = packed[cell];
    if (p === 0) continue;
    counts[3 * cell] += p & FIELD;
    counts[3 * cell + 1] += (p >>> CUSTOMER_SHIFT) & FIELD;
    counts[3 * cell + 2] += p >>> REPEAT_SHIFT;
    packed[cell] = 0;
  }
}

function tallyPacked(tx: Transactions, channel: Int32Array, throughDay: number, segmentOf: Uint16Array, m: number, k: number, packed: Int32Array, counts: Int32Array, revenue: Float64Array): void {
  const { customer, day, amount } = tx;
  const filter = throughDay !== Infinity;
  const n = customer.length;
  // Bits 16–31: segment; 8–15: channels bought in more than once; 0–7: channels bought in.
  const state = new Int32Array(k);
  for (let c = 0; c < k; c++) state[c] = segmentOf[c] << 16;
  for (let from = 0; from < n; from += PACK_RUN) {
    const to = Math.min(n, from + PACK_RUN);
    for (let i = from; i < to; i++) {
      if (filter && day[i] > throughDay) continue;
      const c = customer[i];
      if (c >>> 0 >= k) customerOutOfRange(i, c, k);
      const w = state[c];
      const s = w >>> 16;
      if (s === UNASSIGNED) continue;
      const ch = channel[i];
      if (ch >>> 0 >= m) channelOutOfRange(i, ch, m);
      const seen = (w >>> ch) & 1;
      const repeat = (w >>> (ch + 8)) & 1;
      state[c] = w | (1 << ch) | (seen << (ch + 8));
      const cell = s * m + ch;
      packed[cell] += ORDER | ((1 - seen) << CUSTOMER_SHIFT) | ((seen & (1 - repeat)) << REPEAT_SHIFT);
      revenue[cell] += amount[i];
    }
    unpackRun(packed, counts);
  }
}

function tallyWide(tx: Transactions, channel: Int32Array, throughDay: number, segmentOf: Uint16Array, m: number, k: number, packed: Int32Array, counts: Int32Array, revenue: Float64Array): void {
  const { customer, day, amount } = tx;
  const filter = throughDay !== Infinity;
  const n = customer.length;
  // Per customer: segment, channels bought in, channels bought in more than once (and one spare).
  const state = new Int32Array(4 * k);
  for (let c = 0; c < k; c++) state[4 * c] = segmentOf[c];
  for (let from = 0; from < n; from += PACK_RUN) {
    const to = Math.min(n, from + PACK_RUN);
    for (let i = from; i < to; i++) {
      if (filter && day[i] > throughDay) continue;
      const c = customer[i];
      if (c >>> 0 >= k) customerOutOfRange(i, c, k);
      const at = 4 * c;
      const s = state[at];
      if (s === UNASSIGNED) continue;
      const ch = channel[i];
      if (ch >>> 0 >= m) channelOutOfRange(i, ch, m);
      const seenBits = state[at + 1];
      const repeatBits = state[at + 2];
      const seen = (seenBits >>> ch) & 1;
      const repeat = (repeatBits >>> ch) & 1;
      state[at + 1] = seenBits | (1 << ch);
      state[at + 2] = repeatBits | (seen << ch);
      const cell = s * m + ch;
      packed[cell] += ORDER | ((1 - seen) << CUSTOMER_SHIFT) | ((seen & (1 - repeat)) << REPEAT_SHIFT);
      revenue[cell] += amount[i];
    }
    unpackRun(packed, counts);
  }
}

/** The same tallies for many channels, with per-channel order counts reset after each customer. */
function tallyByScratch(rows: CustomerColumns, segmentOf: Uint16Array, highValue: Uint8Array, m: number, out: Tallies): void {
  const { offsets, channel, amount } = rows;
  const { customers, orders, revenue, channelCustomers, channelHighValue, channelRepeat } = out;
  const perChannel = new Int32Array(m);
  const touched = new Int32Array(m);
  for (let c = 0; c < offsets.length - 1; c++) {
    const s = segmentOf[c];
    if (s === UNASSIGNED) continue;
    let touchedCount = 0;
    for (let j = offsets[c]; j < offsets[c + 1]; j++) {
      const ch = channel[j];
      if (perChannel[ch]++ === 0) touched[touchedCount++] = ch;
      orders[s * m + ch]++;
      revenue[s * m + ch] += amount[j];
    }
    for (let t = 0; t < touchedCount; t++) {
      const ch = touched[t];
      customers[s * m + ch]++;
      channelCustomers[ch]++;
      if (highValue[s]) channelHighValue[ch]++;
      if (perChannel[ch] >= 2) channelRepeat[ch]++;
      perChannel[ch] = 0;
    }
  }
}

/**
 * Channel and amount of the rows on or before `throughDay`, laid out by customer: customer c's rows
 * are offsets[c] … offsets[c + 1], in (day, row) order as `rowsByCustomer` orders them.
 *
 * The order matters beyond the counts: each cell's revenue is a floating-point sum, and adding the
 * same amounts in another order can change its last digits. Copying the two columns into place lets
 * the tallies read memory in sequence instead of jumping to each row of each customer.
 */
interface CustomerColumns {
  readonly offsets: Int32Array;
  /** One byte per row when the channels fit (less memory to scatter into). */
  readonly channel: Uint8Array | Int32Array;
  readonly amount: Float64Array;
}

const channelColumn = (m: number, n: number) => (m <= 256 ? new Uint8Array(n) : new Int32Array(n));

function groupByCustomer(tx: Transactions, channel: Int32Array, m: number, throughDay: number): CustomerColumns {
  const { customer, day, amount } = tx;
  const k = tx.customerCount;
  const offsets = new Int32Array(k + 1);
  let chronological = true;
  let previousDay = -Infinity;
  for (let i = 0; i < customer.length; i++) {
    const d = day[i];
    if (d > throughDay) continue;
    if (d < previousDay) chronological = false;
    previousDay = d;
    offsets[customer[i] + 1]++;
  }
  // Out of date order, a customer's rows need sorting by day: the general grouping does that.
  if (!chronological) return gatherByCustomer(tx, channel, m, throughDay);
  for (let c = 0; c < k; c++) offsets[c + 1] += offsets[c];
  // In date order, row order within a customer is already (day, row) order: a stable counting sort.
  const cursor = offsets.slice(0, k);
  const rowChannel = channelColumn(m, offsets[k]);
  const rowAmount = new Float64Array(offsets[k]);
  for (let i = 0; i < customer.length; i++) {
    if (day[i] > throughDay) continue;
    const at = cursor[customer[i]]++;
    rowChannel[at] = channel[i];
    rowAmount[at] = amount[i];
  }
  return { offsets, channel: rowChannel, amount: rowAmount };
}

/** The same layout through `rowsByCustomer`, for rows not in date order. */
function gatherByCustomer(tx: Transactions, channel: Int32Array, m: number, throughDay: number): CustomerColumns {
  const { offsets, rows } = rowsByCustomer(tx, throughDay);
  const rowChannel = channelColumn(m, rows.length);
  const rowAmount = new Float64Array(rows.length);
  for (let j = 0; j < rows.length; j++) {
    rowChannel[j] = channel[rows[j]];
    rowAmount[j] = tx.amount[rows[j]];
  }
  return { offsets, channel: rowChannel, amount: rowAmount };
}
