/**
 * The customer × channel totals of `customerChannelSql`, read back against an imported customer
 * summary, and the segment × channel matrix built from them — the same matrix `segmentChannelMatrix`
 * builds from transaction rows, since it only ever needs each customer's orders and revenue per channel.
 */
import { StringDictionary } from '../import/dictionary';
import { UNASSIGNED, type SegmentAssignment } from './segments';
import type { ChannelRow, SegmentChannelMatrix, SegmentChannelOptions } from './segmentChannel';
import { CUSTOMER_CHANNEL_COLUMNS } from './sql';
import { GrowingFloat64, GrowingInt32, SummaryReader, type SummaryImportResult, type SummaryReadOptions } from './summaryCsv';
import type { ImportedCustomerSummary } from './summaryImport';

export interface CustomerChannelTotals {
  /** Channel names by channel index, in order of first appearance. */
  readonly channels: readonly string[];
  /** Per row: customer index (into the summary's customerIds), channel index, orders and revenue. */
  readonly customer: Int32Array;
  readonly channel: Int32Array;
  readonly orders: Int32Array;
  readonly revenue: Float64Array;
}

const [ID, CHANNEL, ORDERS, REVENUE, ANALYSIS] = [0, 1, 2, 3, 4];

/** Reads a customer × channel file; its customers and analysis date must be the summary's. */
export function importCustomerChannels(
  text: string | Iterable<string>,
  imported: ImportedCustomerSummary,
  options: SummaryReadOptions = {},
): SummaryImportResult<CustomerChannelTotals> {
  const reader = new SummaryReader(CUSTOMER_CHANNEL_COLUMNS, options.maxProblems);
  const customerIndex = new Map<string, number>();
  imported.customerIds.forEach((id, c) => customerIndex.set(id, c));
  const channels = new StringDictionary();
  const seen = new Set<number>();
  const customer = new GrowingInt32();
  const channel = new GrowingInt32();
  const orders = new GrowingInt32();
  const revenue = new GrowingFloat64();
  const channelLimit = 1 << 20;

  reader.read(
    text,
    (row) => {
      const before = reader.problemCount;
      const id = row.text(ID);
      const c = customerIndex.get(id);
      if (id === '') row.problem('emptyCustomer', ID);
      else if (c === undefined) row.problem('unknownCustomer', ID);
      const ch = channels.codeOf(row.text(CHANNEL));
      if (ch >= channelLimit) row.problem('outOfRange', CHANNEL);
      const n = row.whole(ORDERS, 1);
      const value = row.number(REVENUE);
      const analysis = row.date(ANALYSIS);
      if (analysis !== null && analysis !== imported.summary.analysisDay) row.problem('mixedValues', ANALYSIS);
      if (reader.problemCount > before) return;
      // Customer indices stay below 2³¹ and channels below 2²⁰, so the pair packs into one exact double.
      const key = c! * channelLimit + ch;
      if (seen.has(key)) return row.problem('duplicateRow', null);
      seen.add(key);
      customer.push(c!);
      channel.push(ch);
      orders.push(n!);
      revenue.push(value!);
    },
    options.csv,
  );
  return reader.result(() => ({
    channels: channels.values,
    customer: customer.toArray(),
    channel: channel.toArray(),
    orders: orders.toArray(),
    revenue: revenue.toArray(),
  }));
}

/**
 * `segmentChannelMatrix` from customer × channel totals: a customer counts once in each channel they
 * bought in, their orders and revenue go to the cell of their segment and that channel, and a
 * customer with two or more orders in a channel is a repeat customer there. `throughDay` does not
 * apply: the totals already stop at the analysis date.
 */
export function segmentChannelFromTotals(
  totals: CustomerChannelTotals,
  assignment: SegmentAssignment,
  options: Pick<SegmentChannelOptions, 'highValueSegments'> = {},
): SegmentChannelMatrix {
  const m = totals.channels.length;
  const segments = assignment.ids.length;
  const customers = new Int32Array(segments * m);
  const orders = new Int32Array(segments * m);
  const revenue = new Float64Array(segments * m);
  const channelCustomers = new Int32Array(m);
  const channelHighValue = new Int32Array(m);
  const channelRepeat = new Int32Array(m);
  const channelOrders = new Float64Array(m);
  const channelRevenue = new Float64Array(m);
  const highValue = new Uint8Array(segments);
  for (const id of options.highValueSegments ?? []) {
    const s = assignment.ids.indexOf(id);
    if (s >= 0) highValue[s] = 1;
  }
  for (let j = 0; j < totals.customer.length; j++) {
    const s = assignment.segment[totals.customer[j]];
    if (s === UNASSIGNED) continue;
    const ch = totals.channel[j];
    const cell = s * m + ch;
    customers[cell]++;
    orders[cell] += totals.orders[j];
    revenue[cell] += totals.revenue[j];
    channelCustomers[ch]++;
    if (highValue[s]) channelHighValue[ch]++;
    if (totals.orders[j] >= 2) channelRepeat[ch]++;
  }
  const aov = new Float64Array(segments * m);
  for (let cell = 0; cell < aov.length; cell++) aov[cell] = orders[cell] > 0 ? revenue[cell] / orders[cell] : 0;
  const channels: ChannelRow[] = [];
  for (let ch = 0; ch < m; ch++) {
    for (let s = 0; s < segments; s++) {
      channelOrders[ch] += orders[s * m + ch];
      channelRevenue[ch] += revenue[s * m + ch];
    }
    const n = channelCustomers[ch];
    channels.push({
      channel: ch,
      customers: n,
      orders: channelOrders[ch],
      revenue: channelRevenue[ch],
      highValueShare: n > 0 ? channelHighValue[ch] / n : 0,
      repeatCustomers: channelRepeat[ch],
      repurchaseRate: n > 0 ? channelRepeat[ch] / n : 0,
    });
  }
  return { segmentIds: assignment.ids, channelCount: m, customers, orders, revenue, aov, channels };
}
