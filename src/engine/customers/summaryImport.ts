/**
 * Imports the customer summary that `customerSummarySql` computes in a warehouse, into the arrays
 * `customerSummary` and `clvSummary` produce in the app — so RFM scores, segments, ABC classes and
 * the CLV models run on it unchanged. Customer indices follow the file's row order.
 *
 * Besides reading each value strictly, every row is checked against itself: recency must be the
 * analysis date minus the last order, the CLV recency and T must follow from the first and last
 * order and the analysis date, and so on. A file edited by hand or cut from two runs fails here
 * rather than feeding the models numbers that contradict each other.
 */
import { StringDictionary } from '../import/dictionary';
import { weekStartOfDay } from './calendar';
import { DAYS_PER_UNIT, type ClvSummary, type PurchasePeriod, type TimeUnit } from './clvSummary';
import type { CustomerSummary, OrderBasis } from './columns';
import { SUMMARY_COLUMNS } from './sql';
import { GrowingFloat64, GrowingInt32, SummaryReader, type SummaryImportResult, type SummaryReadOptions, type SummaryRow } from './summaryCsv';

export interface CustomerSummaryImportOptions extends SummaryReadOptions {
  /** Unit of the CLV recency and T handed to the models (the file holds days); default 'days'. */
  readonly unit?: TimeUnit;
}

export interface ImportedCustomerSummary {
  /** Customer id of each customer index. */
  readonly customerIds: readonly string[];
  readonly summary: CustomerSummary;
  /** The CLV inputs, observed up to the analysis day. */
  readonly clv: ClvSummary;
  readonly clvPeriod: PurchasePeriod;
}

const col = (name: (typeof SUMMARY_COLUMNS)[number]) => SUMMARY_COLUMNS.indexOf(name);
const ID = col('customer_id');
const FIRST = col('first_order_date');
const LAST = col('last_order_date');
const ORDERS = col('orders');
const REVENUE = col('revenue');
const RECENCY = col('recency_days');
const FREQUENCY = col('clv_frequency');
const CLV_RECENCY = col('clv_recency_days');
const CLV_T = col('clv_t_days');
const MONETARY = col('clv_monetary');
const ANALYSIS = col('analysis_date');
const BASIS = col('order_basis');
const PERIOD = col('clv_period');

const BASES: readonly OrderBasis[] = ['transactions', 'days'];
const PERIODS: readonly PurchasePeriod[] = ['day', 'week'];

/** Reads a summary file (the whole text, or its chunks in order). */
export function importCustomerSummary(text: string | Iterable<string>, options: CustomerSummaryImportOptions = {}): SummaryImportResult<ImportedCustomerSummary> {
  const reader = new SummaryReader(SUMMARY_COLUMNS, options.maxProblems);
  const ids = new StringDictionary();
  const firstDay = new GrowingInt32();
  const lastDay = new GrowingInt32();
  const orders = new GrowingInt32();
  const revenue = new GrowingFloat64();
  const recency = new GrowingInt32();
  const frequency = new GrowingInt32();
  const clvRecency = new GrowingInt32();
  const clvT = new GrowingInt32();
  const monetary = new GrowingFloat64();
  let fileAnalysis: number | null = null;
  let fileBasis: OrderBasis | null = null;
  let filePeriod: PurchasePeriod | null = null;

  /** A column whose value is the same on every row: the first row sets it. */
  const constant = <T>(row: SummaryRow, column: number, value: T | null, current: T | null): T | null => {
    if (value === null || current === null || value === current) return current ?? value;
    row.problem('mixedValues', column);
    return current;
  };
  const word = <T extends string>(row: SummaryRow, column: number, allowed: readonly T[]): T | null => {
    const value = row.text(column) as T;
    if (allowed.includes(value)) return value;
    row.problem('badValue', column);
    return null;
  };

  reader.read(
    text,
    (row) => {
      const before = reader.problemCount;
      const id = row.text(ID);
      if (id === '') row.problem('emptyCustomer', ID);
      else {
        const known = ids.size;
        if (ids.codeOf(id) < known) row.problem('duplicateRow', ID);
      }
      const first = row.date(FIRST);
      const last = row.date(LAST);
      const n = row.whole(ORDERS, 1);
      const value = row.number(REVENUE);
      const r = row.whole(RECENCY, 0);
      const f = row.whole(FREQUENCY, 0);
      const cr = row.whole(CLV_RECENCY, 0);
      const t = row.whole(CLV_T, 0);
      const m = row.number(MONETARY);
      const analysis = row.date(ANALYSIS);
      const basis = word(row, BASIS, BASES);
      const period = word(row, PERIOD, PERIODS);
      fileAnalysis = constant(row, ANALYSIS, analysis, fileAnalysis);
      fileBasis = constant(row, BASIS, basis, fileBasis);
      filePeriod = constant(row, PERIOD, period, filePeriod);
      if (reader.problemCount > before) return;
      // Every value read: now they must agree with each other.
      const start = period === 'week' ? weekStartOfDay : (d: number) => d;
      if (last! < first! || last! > analysis!) row.problem('inconsistent', LAST);
      if (r !== analysis! - last!) row.problem('inconsistent', RECENCY);
      if (f! + 1 > n! || (f === 0) !== (cr === 0) || (basis === 'days' && period === 'day' && n !== f! + 1)) row.problem('inconsistent', FREQUENCY);
      if (cr !== start(last!) - start(first!)) row.problem('inconsistent', CLV_RECENCY);
      if (t !== start(analysis!) - start(first!)) row.problem('inconsistent', CLV_T);
      if (f === 0 && m !== 0) row.problem('inconsistent', MONETARY);
      if (reader.problemCount > before) return;
      firstDay.push(first!);
      lastDay.push(last!);
      orders.push(n!);
      revenue.push(value!);
      recency.push(r!);
      frequency.push(f!);
      clvRecency.push(cr!);
      clvT.push(t!);
      monetary.push(m!);
    },
    options.csv,
  );

  return reader.result(() => {
    const perUnit = DAYS_PER_UNIT[options.unit ?? 'days'];
    const k = firstDay.length;
    const summary: CustomerSummary = {
      analysisDay: fileAnalysis!,
      basis: fileBasis!,
      firstDay: firstDay.toArray(),
      lastDay: lastDay.toArray(),
      orders: orders.toArray(),
      revenue: revenue.toArray(),
      recency: recency.toArray(),
      customersWithOrders: k,
    };
    const clv: ClvSummary = {
      unit: options.unit ?? 'days',
      present: new Uint8Array(k).fill(1),
      frequency: Float64Array.from(frequency.toArray()),
      recency: Float64Array.from(clvRecency.toArray(), (d) => d / perUnit),
      T: Float64Array.from(clvT.toArray(), (d) => d / perUnit),
      monetary: monetary.toArray(),
    };
    return { customerIds: ids.values, summary, clv, clvPeriod: filePeriod! };
  });
}
