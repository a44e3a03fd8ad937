/**
 * Monthly actuals from an imported transaction data set: per channel × region × calendar month,
 * net revenue (the amounts as imported, i.e. after the returns policy, each rounded to minor units
 * half away from zero and then added, so the sum is exact and the warehouse SQL gives the same
 * integer), orders (distinct order ids; without an order-id column, rows), distinct customers, and
 * units (the quantity column, when there is one). A data set without a channel column is one series
 * named after the data set, for the user to map. A month of the data set's span without a sale in a
 * series is a zero (completeMonths).
 */
import type { TransactionColumns } from '../import/transactions';
import { monthKey } from '../timeline';
import { completeMonths } from './completeMonths';
import type { ActualRecord } from './records';

export interface MonthlyOptions {
  moneyDigits: number;
  /** The channel name of every row when the data set has no channel column. */
  datasetName: string;
}

/** Rounds half away from zero, as DuckDB, Spark SQL and BigQuery round a double. */
export function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

const DAY_MS = 86_400_000;

function monthIndexOfDay(day: number): number {
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

export function monthlyFromTransactions(columns: TransactionColumns, options: MonthlyOptions): ActualRecord[] {
  const n = columns.length;
  if (n === 0) return [];
  const scale = 10 ** options.moneyDigits;
  const month = new Int32Array(n);
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < n; i++) {
    const m = monthIndexOfDay(columns.date[i]);
    month[i] = m;
    if (m < first) first = m;
    if (m > last) last = m;
  }
  const months = last - first + 1;
  const channelCount = columns.channel ? columns.channel.values.length : 1;
  const regionCount = columns.region ? columns.region.values.length : 1;
  const cells = channelCount * regionCount * months;
  const revenue = new Float64Array(cells);
  const rows = new Int32Array(cells);
  const units = columns.quantity ? new Float64Array(cells) : null;
  const orders = new Int32Array(cells);
  const customers = new Int32Array(cells);
  const seenCustomer = new Set<number>();
  const seenOrder = new Set<number>();
  const orderId = columns.orderId;
  const emptyOrder = orderId ? orderId.values.indexOf('') : -1;
  const customerCount = columns.customer.values.length;
  const orderCount = orderId ? orderId.values.length : 0;
  for (let i = 0; i < n; i++) {
    const ch = columns.channel ? columns.channel.codes[i] : 0;
    const rg = columns.region ? columns.region.codes[i] : 0;
    const c = (ch * regionCount + rg) * months + (month[i] - first);
    rows[c]++;
    revenue[c] += roundHalfAway(columns.amount[i] * scale);
    if (units) units[c] += columns.quantity![i];
    const customerKey = c * customerCount + columns.customer.codes[i];
    if (!seenCustomer.has(customerKey)) {
      seenCustomer.add(customerKey);
      customers[c]++;
    }
    if (!orderId || orderId.codes[i] === emptyOrder) orders[c]++;
    else {
      const orderKey = c * orderCount + orderId.codes[i];
      if (!seenOrder.has(orderKey)) {
        seenOrder.add(orderKey);
        orders[c]++;
      }
    }
  }
  const out: ActualRecord[] = [];
  const monthOf = (m: number) => monthKey(Math.floor((first + m) / 12), ((first + m) % 12) + 1);
  for (let ch = 0; ch < channelCount; ch++) {
    const channel = columns.channel ? columns.channel.values[ch] : options.datasetName;
    for (let rg = 0; rg < regionCount; rg++) {
      const region = columns.region ? columns.region.values[rg] : '';
      for (let m = 0; m < months; m++) {
        const c = (ch * regionCount + rg) * months + m;
        if (rows[c] === 0) continue;
        const base = { row: 0, channel, region, month: monthOf(m) };
        out.push({ ...base, measure: 'netRevenue', value: revenue[c] === 0 ? 0 : revenue[c] });
        out.push({ ...base, measure: 'orders', value: orders[c] });
        out.push({ ...base, measure: 'customers', value: customers[c] });
        if (units) out.push({ ...base, measure: 'units', value: units[c] === 0 ? 0 : units[c] });
      }
    }
  }
  return completeMonths(out, monthOf(0), monthOf(months - 1));
}
