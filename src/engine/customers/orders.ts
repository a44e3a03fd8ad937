/**
 * The orders the analyses count, from the imported rows. Without an order-id column every row is an
 * order (the R `rfm` convention). With one, the rows of an order id (order lines, as in UCI Online
 * Retail) are one transaction: amounts summed, the day, customer, channel and region of its first row. Rows
 * with an empty order id stay orders of their own.
 */
import type { TransactionColumns } from '../import/columns';
import type { Transactions } from './columns';

/** Imported columns with the order-level transactions the analyses use. */
export interface OrderData {
  columns: TransactionColumns;
  orders: Transactions;
  /** Whether `orders` groups rows by order id. */
  groupedByOrderId: boolean;
  /** Region code (the import's region dictionary) of each order, its first row's; null without a region column. */
  orderRegion: Int32Array | null;
}

export function groupOrders(columns: TransactionColumns): OrderData {
  const n = columns.length;
  const rows: Transactions = {
    customer: columns.customer.codes,
    day: columns.date,
    amount: columns.amount,
    ...(columns.channel ? { channel: columns.channel.codes, channelCount: columns.channel.values.length } : {}),
    customerCount: columns.customer.values.length,
  };
  const orderId = columns.orderId;
  if (!orderId) return { columns, orders: rows, groupedByOrderId: false, orderRegion: columns.region?.codes ?? null };
  const empty = orderId.values.indexOf('');
  const slot = new Int32Array(orderId.values.length).fill(-1);
  const customer = new Int32Array(n);
  const day = new Int32Array(n);
  const amount = new Float64Array(n);
  const channelIn = columns.channel?.codes;
  const channel = channelIn ? new Int32Array(n) : null;
  const regionIn = columns.region?.codes;
  const region = regionIn ? new Int32Array(n) : null;
  let m = 0;
  for (let i = 0; i < n; i++) {
    const o = orderId.codes[i];
    if (o !== empty && slot[o] >= 0) {
      amount[slot[o]] += columns.amount[i];
      continue;
    }
    if (o !== empty) slot[o] = m;
    customer[m] = columns.customer.codes[i];
    day[m] = columns.date[i];
    amount[m] = columns.amount[i];
    if (channel) channel[m] = channelIn![i];
    if (region) region[m] = regionIn![i];
    m++;
  }
  const orders: Transactions = {
    customer: customer.slice(0, m),
    day: day.slice(0, m),
    amount: amount.slice(0, m),
    ...(channel ? { channel: channel.slice(0, m), channelCount: columns.channel!.values.length } : {}),
    customerCount: rows.customerCount,
  };
  return { columns, orders, groupedByOrderId: true, orderRegion: region ? region.slice(0, m) : null };
}
