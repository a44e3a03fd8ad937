/**
 * Segment × channel matrix: where each customer segment buys. This is what ties the customer base
 * back to the channel plan.
 *
 * A customer who bought in two channels counts as a customer of each channel they bought in (so a
 * segment's customers summed over channels can exceed its distinct customers), while their orders and
 * revenue are split by where each order was placed. An order is a transaction row.
 */
import { rowsByCustomer, type Transactions } from './columns';
import { UNASSIGNED, type SegmentAssignment } from './segments';

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
  const segments = assignment.ids.length;
  const customers = new Int32Array(segments * m);
  const orders = new Int32Array(segments * m);
  const revenue = new Float64Array(segments * m);
  const channelCustomers = new Int32Array(m);
  const channelHighValue = new Int32Array(m);
  const channelRepeat = new Int32Array(m);
  const highValue = new Uint8Array(segments);
  for (const id of options.highValueSegments ?? []) {
    const s = assignment.ids.indexOf(id);
    if (s >= 0) highValue[s] = 1;
  }

  const { offsets, channel: rowChannel, amount: rowAmount } = groupByCustomer(tx, channel, options.throughDay ?? Infinity);
  const segmentOf = assignment.segment;
  // Per-customer scratch: orders per channel, and the channels touched, reset after each customer.
  const perChannel = new Int32Array(m);
  const touched = new Int32Array(m);
  for (let c = 0; c < tx.customerCount; c++) {
    const s = segmentOf[c];
    if (s === UNASSIGNED) continue;
    let touchedCount = 0;
    for (let j = offsets[c]; j < offsets[c + 1]; j++) {
      const ch = rowChannel[j];
      if (perChannel[ch]++ === 0) touched[touchedCount++] = ch;
      const cell = s * m + ch;
      orders[cell]++;
      revenue[cell] += rowAmount[j];
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

/**
 * Channel and amount of the rows on or before `throughDay`, laid out by customer: customer c's rows
 * are offsets[c] … offsets[c + 1], in (day, row) order as `rowsByCustomer` orders them.
 *
 * The order matters beyond the counts: each cell's revenue is a floating-point sum, and adding the
 * same amounts in another order can change its last digits. Copying the two columns into place lets
 * the accumulation read memory in sequence instead of jumping to each row of each customer.
 */
interface CustomerColumns {
  readonly offsets: Int32Array;
  readonly channel: Int32Array;
  readonly amount: Float64Array;
}

function groupByCustomer(tx: Transactions, channel: Int32Array, throughDay: number): CustomerColumns {
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
  if (!chronological) return gatherByCustomer(tx, channel, throughDay);
  for (let c = 0; c < k; c++) offsets[c + 1] += offsets[c];
  // In date order, row order within a customer is already (day, row) order: a stable counting sort.
  const cursor = offsets.slice(0, k);
  const rowChannel = new Int32Array(offsets[k]);
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
function gatherByCustomer(tx: Transactions, channel: Int32Array, throughDay: number): CustomerColumns {
  const { offsets, rows } = rowsByCustomer(tx, throughDay);
  const rowChannel = new Int32Array(rows.length);
  const rowAmount = new Float64Array(rows.length);
  for (let j = 0; j < rows.length; j++) {
    rowChannel[j] = channel[rows[j]];
    rowAmount[j] = tx.amount[rows[j]];
  }
  return { offsets, channel: rowChannel, amount: rowAmount };
}
