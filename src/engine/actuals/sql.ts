/**
 * SQL for the monthly actuals of a transaction table too big for a browser, in the dialects of the
 * customer summary SQL (customers/sql.ts, whose table of constructs applies here too). It computes
 * what `monthlyFromTransactions` computes in the app — per channel × region × month: net revenue
 * (each amount rounded to minor units half away from zero, then added), distinct orders, distinct
 * customers, units — reading rows as the importer does, with the same returns policy. Its result is
 * the long shape the table reader takes (channel, region, month, net_revenue, orders, customers,
 * units), net revenue in major units with the currency's decimals. A month without sales has no row;
 * the import reads it as zero within the result's months (completeMonths), as the app does.
 *
 * Month of a day: DuckDB strftime(d, '%Y-%m') · Spark date_format(d, 'yyyy-MM') · BigQuery
 * FORMAT_DATE('%Y-%m', d). Exact decimals: DECIMAL(38, n) in DuckDB and Spark, NUMERIC in BigQuery.
 */
import { DIALECTS, quoteIdentifier, quoteString, type SqlDialect, type SqlProblem, type SqlResult, type TransactionTable } from '../customers/sql';
import type { ReturnsPolicy } from '../import/policies';

export const ACTUALS_SQL_COLUMNS = ['channel', 'region', 'month', 'net_revenue', 'orders', 'customers', 'units'] as const;

/** The transactions table of the customer summary SQL, with the region and quantity columns the monthly totals also read. */
export interface MonthlyTable extends TransactionTable {
  readonly region?: string;
  readonly quantity?: string;
}

export interface MonthlySqlOptions {
  /** Decimals of the plan currency (2 for CNY). */
  readonly moneyDigits: number;
  /** As the importer's policy; default 'netOff'. */
  readonly returns?: ReturnsPolicy;
  /** An order id starting with this marks a cancellation; needs `orderId`. */
  readonly cancellationPrefix?: string | null;
  /** The channel of every row when the table has no channel column. */
  readonly channelName?: string;
}

const MONTH_OF: Readonly<Record<SqlDialect, (d: string) => string>> = {
  duckdb: (d) => `strftime(${d}, '%Y-%m')`,
  spark: (d) => `date_format(${d}, 'yyyy-MM')`,
  bigquery: (d) => `FORMAT_DATE('%Y-%m', ${d})`,
};

const INTEGER: Readonly<Record<SqlDialect, string>> = { duckdb: 'BIGINT', spark: 'BIGINT', bigquery: 'INT64' };

function money(dialect: SqlDialect, minor: string, digits: number): string {
  if (digits === 0) return minor;
  if (dialect === 'bigquery') return `ROUND(CAST(${minor} AS NUMERIC) / ${10 ** digits}, ${digits})`;
  return `CAST(CAST(${minor} AS DECIMAL(38, 0)) / ${10 ** digits} AS DECIMAL(38, ${digits}))`;
}

// eslint-disable-next-line no-control-regex -- control characters are refused in names
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

function checks(source: MonthlyTable, options: MonthlySqlOptions): SqlProblem[] {
  const problems: SqlProblem[] = [];
  const parts = typeof source.table === 'string' ? [source.table] : source.table;
  if (parts.length === 0) problems.push({ code: 'emptyName', field: 'table' });
  const fields: [string, string | undefined][] = [...parts.map((p): [string, string] => ['table', p]), ['customer', source.customer], ['date', source.date], ['amount', source.amount], ['orderId', source.orderId], ['channel', source.channel], ['region', source.region], ['quantity', source.quantity]];
  for (const [field, name] of fields) {
    if (name === undefined) continue;
    if (name.trim() === '') problems.push({ code: 'emptyName', field });
    else if (CONTROL.test(name)) problems.push({ code: 'controlCharacter', field });
  }
  const prefix = options.cancellationPrefix;
  if (prefix !== undefined && prefix !== null) {
    if (source.orderId === undefined) problems.push({ code: 'noOrderIdColumn', field: 'cancellationPrefix' });
    if (prefix === '') problems.push({ code: 'emptyPrefix', field: 'cancellationPrefix' });
    else if (CONTROL.test(prefix)) problems.push({ code: 'controlCharacter', field: 'cancellationPrefix' });
  }
  if (options.channelName !== undefined && CONTROL.test(options.channelName)) problems.push({ code: 'controlCharacter', field: 'channel' });
  return problems;
}

export function monthlyActualsSql(dialect: SqlDialect, source: MonthlyTable, options: MonthlySqlOptions): SqlResult {
  const problems = checks(source, options);
  if (problems.length > 0) return { ok: false, problems };
  const d = DIALECTS[dialect];
  const q = (name: string) => quoteIdentifier(dialect, name);
  const text = (column: string) => `TRIM(CAST(${q(column)} AS ${d.text}))`;
  const table = (typeof source.table === 'string' ? [source.table] : source.table).map(q).join('.');
  const returns = options.returns ?? 'netOff';
  const prefix = options.cancellationPrefix ?? null;
  const scale = 10 ** options.moneyDigits;
  const select = [
    `${text(source.customer)} AS customer_id`,
    `${d.tryCast}(${q(source.date)} AS DATE) AS order_day`,
    `${d.tryCast}(${q(source.amount)} AS ${d.double}) AS amount`,
    source.orderId ? `COALESCE(${text(source.orderId)}, '') AS order_id` : `'' AS order_id`,
    source.channel ? `COALESCE(${text(source.channel)}, '') AS channel` : `${quoteString(dialect, options.channelName ?? '')} AS channel`,
    source.region ? `COALESCE(${text(source.region)}, '') AS region` : `'' AS region`,
    source.quantity ? `${d.tryCast}(${q(source.quantity)} AS ${d.double}) AS quantity` : 'NULL AS quantity',
    prefix !== null ? `COALESCE(SUBSTR(LTRIM(CAST(${q(source.orderId!)} AS ${d.text})), 1, ${[...prefix].length}) = ${quoteString(dialect, prefix)}, FALSE) AS cancelled` : 'FALSE AS cancelled',
  ];
  let amount = 'amount';
  let filter = '';
  if (returns === 'exclude') filter = '\n    AND NOT cancelled AND amount >= 0';
  else if (returns === 'netOff' && prefix !== null) amount = 'CASE WHEN cancelled AND amount > 0 THEN -amount ELSE amount END';
  // The importer refuses a row whose quantity does not convert, when it reads a quantity column.
  const quantityFilter = source.quantity ? ' AND quantity IS NOT NULL' : '';
  const sql = `-- Monthly actuals per channel, region and month, for Channel Mix Planner's actuals import. Dialect: ${d.title}.
-- Returns: ${returns === 'exclude' ? 'negative amounts and cancellations left out' : returns === 'netOff' ? 'negative amounts kept, netting off revenue' : 'amounts taken as written'}${prefix === null ? '' : ` (order ids starting with ${quoteString(dialect, prefix)} are cancellations)`}.
-- Rows without a customer id, or whose date or amount does not convert, are left out. Net revenue in major units (${options.moneyDigits} decimals).
WITH tx_source AS (
  SELECT
    ${select.join(',\n    ')}
  FROM ${table}
),
tx_valid AS (
  SELECT
    customer_id, order_id, channel, region, quantity,
    ${MONTH_OF[dialect]('order_day')} AS month,
    CAST(ROUND((${amount}) * ${scale}) AS ${INTEGER[dialect]}) AS amount_minor
  FROM tx_source
  WHERE customer_id <> '' AND order_day IS NOT NULL AND amount IS NOT NULL${quantityFilter}${filter}
)
SELECT
  channel,
  region,
  month,
  ${money(dialect, 'SUM(amount_minor)', options.moneyDigits)} AS net_revenue,
  COUNT(DISTINCT CASE WHEN order_id <> '' THEN order_id END) + COUNT(CASE WHEN order_id = '' THEN 1 END) AS orders,
  COUNT(DISTINCT customer_id) AS customers,
  ${source.quantity ? 'SUM(quantity)' : 'NULL'} AS units
FROM tx_valid
GROUP BY channel, region, month
ORDER BY channel, region, month;
`;
  return { ok: true, sql };
}
