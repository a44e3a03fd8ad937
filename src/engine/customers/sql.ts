/**
 * SQL that computes the customer summary in a warehouse, for data too large for a browser tab: the
 * app writes the query, the user runs it where the data lives and imports the result
 * (summaryImport.ts). Run on the same rows, it yields exactly what `customerSummary` and
 * `clvSummary` compute in the app, with the same import policies applied on the way in.
 *
 * Three dialects. Only the DuckDB text is executed by the tests (against DuckDB itself); the Spark
 * SQL and BigQuery texts are checked by reading, so every construct they use is listed here with the
 * rule it follows:
 *
 * | construct            | DuckDB                        | Spark SQL (3.2+)            | BigQuery (GoogleSQL)          |
 * |----------------------|-------------------------------|-----------------------------|-------------------------------|
 * | quoted identifier    | "name", `"` doubled           | `name`, backtick doubled    | `name`, `\` escapes `` ` ``/`\` |
 * | string literal       | 'text', `'` doubled           | 'text', `\` escapes `'`/`\` | 'text', `\` escapes `'`/`\`   |
 * | lenient conversion   | TRY_CAST(x AS DATE / DOUBLE)  | TRY_CAST(x AS DATE / DOUBLE)| SAFE_CAST(x AS DATE / FLOAT64)|
 * | text type            | VARCHAR                       | STRING                      | STRING                        |
 * | day after            | CAST(d + INTERVAL 1 DAY AS DATE) | DATE_ADD(d, 1)           | DATE_ADD(d, INTERVAL 1 DAY)   |
 * | days from a to b     | date_diff('day', a, b)        | DATEDIFF(b, a)              | DATE_DIFF(b, a, DAY)          |
 * | Monday of d's week   | CAST(date_trunc('week', d) AS DATE) | TRUNC(d, 'WEEK')      | DATE_TRUNC(d, ISOWEEK)        |
 *
 * (Rules by name: DuckDB "Keywords and Identifiers" and "Literal Types"; Spark SQL "Identifiers" and
 * "Literals" (escapes as with the default spark.sql.parser.escapedStringLiterals = false); GoogleSQL
 * "Lexical structure and syntax" — quoted identifiers take the escape sequences of string literals.
 * BigQuery's DATE_TRUNC(d, WEEK) starts weeks on Sunday, hence ISOWEEK.) Spark also joins adjacent
 * literals ('a' 'b' is 'ab'), so doubling a quote, right for DuckDB, would be wrong there.
 *
 * Rows are read as the app's importer reads them: the customer id trimmed and required; rows whose
 * date or amount does not convert are left out; the date of a timestamp is its calendar date. Where
 * a warehouse is stricter than the importer it drops the row instead: TRIM removes spaces but not
 * tabs; amounts must be plain numbers (no grouping or currency); BigQuery's SAFE_CAST turns text
 * with a time of day into NULL (keep such columns as TIMESTAMP there). Status-word cancellations
 * and dropping duplicate rows, importer options without a column here, are not mirrored. Identifiers and text with control characters are refused rather than escaped: no column
 * name needs one, and a line break in an identifier would make the query hard to review.
 */
import type { ReturnsPolicy } from '../import/columns';
import type { PurchasePeriod } from './clvSummary';
import type { OrderBasis } from './columns';

export type SqlDialect = 'duckdb' | 'spark' | 'bigquery';
export const SQL_DIALECTS: readonly SqlDialect[] = ['duckdb', 'spark', 'bigquery'];

/** Where the transactions are: a table (qualified names as parts) and the user's column names. */
export interface TransactionTable {
  /** `'orders'` or `['sales', 'orders']`; in BigQuery e.g. `['my-project', 'shop', 'orders']`. */
  readonly table: string | readonly string[];
  readonly customer: string;
  readonly date: string;
  readonly amount: string;
  readonly orderId?: string;
  readonly channel?: string;
}

export interface SummarySqlOptions {
  /** `YYYY-MM-DD`: rows after it are left out, recency counts to it. Default: the day after the last order. */
  readonly analysisDate?: string;
  /** What counts as an order; default 'transactions'. */
  readonly orders?: OrderBasis;
  /**
   * Returns and cancellations, as the importer's policy: 'exclude' drops negative amounts and
   * cancellations; 'netOff' keeps them as negative amounts (a cancellation with a positive amount is
   * negated); 'keep' takes every amount as written. Default 'netOff', the importer's default.
   */
  readonly returns?: ReturnsPolicy;
  /** An order id starting with this (after leading spaces) marks a cancellation; needs `orderId`. */
  readonly cancellationPrefix?: string | null;
  /** How purchases are grouped for the CLV columns; default 'day'. */
  readonly clvPeriod?: PurchasePeriod;
}

/**
 * Columns of the customer summary, one row per customer, in this order. Days are whole days;
 * the CLV recency and T are in days (the importer converts them to the model's unit).
 */
export const SUMMARY_COLUMNS = [
  'customer_id',
  'first_order_date',
  'last_order_date',
  'orders',
  'revenue',
  'recency_days',
  'clv_frequency',
  'clv_recency_days',
  'clv_t_days',
  'clv_monetary',
  'analysis_date',
  'order_basis',
  'clv_period',
] as const;

/** Columns of the customer × channel totals (orders are transaction rows, as in the segment × channel matrix). */
export const CUSTOMER_CHANNEL_COLUMNS = ['customer_id', 'channel', 'orders', 'revenue', 'analysis_date'] as const;

export type SqlProblemCode = 'emptyName' | 'controlCharacter' | 'badDate' | 'noOrderIdColumn' | 'emptyPrefix' | 'noChannelColumn';

export interface SqlProblem {
  readonly code: SqlProblemCode;
  /** The input at fault: 'table', 'customer', 'date', 'amount', 'orderId', 'channel', 'analysisDate', 'cancellationPrefix'. */
  readonly field: string;
}

export type SqlResult = { readonly ok: true; readonly sql: string } | { readonly ok: false; readonly problems: readonly SqlProblem[] };

export interface Dialect {
  readonly title: string;
  readonly text: string;
  readonly double: string;
  readonly tryCast: string;
  quoteIdentifier(name: string): string;
  quoteString(value: string): string;
  dayAfter(date: string): string;
  daysBetween(from: string, to: string): string;
  weekStart(date: string): string;
}

const backslashEscaped = (value: string, quote: string) => value.replace(/\\/g, '\\\\').replaceAll(quote, `\\${quote}`);

export const DIALECTS: Readonly<Record<SqlDialect, Dialect>> = {
  duckdb: {
    title: 'DuckDB',
    text: 'VARCHAR',
    double: 'DOUBLE',
    tryCast: 'TRY_CAST',
    quoteIdentifier: (name) => `"${name.replaceAll('"', '""')}"`,
    quoteString: (value) => `'${value.replaceAll("'", "''")}'`,
    dayAfter: (date) => `CAST(${date} + INTERVAL 1 DAY AS DATE)`,
    daysBetween: (from, to) => `date_diff('day', ${from}, ${to})`,
    weekStart: (date) => `CAST(date_trunc('week', ${date}) AS DATE)`,
  },
  spark: {
    title: 'Spark SQL',
    text: 'STRING',
    double: 'DOUBLE',
    tryCast: 'TRY_CAST',
    quoteIdentifier: (name) => `\`${name.replaceAll('`', '``')}\``,
    quoteString: (value) => `'${backslashEscaped(value, "'")}'`,
    dayAfter: (date) => `DATE_ADD(${date}, 1)`,
    daysBetween: (from, to) => `DATEDIFF(${to}, ${from})`,
    weekStart: (date) => `TRUNC(${date}, 'WEEK')`,
  },
  bigquery: {
    title: 'BigQuery',
    text: 'STRING',
    double: 'FLOAT64',
    tryCast: 'SAFE_CAST',
    quoteIdentifier: (name) => `\`${backslashEscaped(name, '`')}\``,
    quoteString: (value) => `'${backslashEscaped(value, "'")}'`,
    dayAfter: (date) => `DATE_ADD(${date}, INTERVAL 1 DAY)`,
    daysBetween: (from, to) => `DATE_DIFF(${to}, ${from}, DAY)`,
    weekStart: (date) => `DATE_TRUNC(${date}, ISOWEEK)`,
  },
};

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** A quoted identifier of the dialect; throws on an empty name or control characters (see checkName). */
export function quoteIdentifier(dialect: SqlDialect, name: string): string {
  if (name === '' || CONTROL.test(name)) throw new RangeError('identifier is empty or has control characters');
  return DIALECTS[dialect].quoteIdentifier(name);
}

/** A string literal of the dialect; throws on control characters. */
export function quoteString(dialect: SqlDialect, value: string): string {
  if (CONTROL.test(value)) throw new RangeError('text has control characters');
  return DIALECTS[dialect].quoteString(value);
}

/** Whether `text` is a real calendar date written `YYYY-MM-DD`. */
export function isoDateOk(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= days[mo - 1];
}

function checkName(name: string | undefined, field: string, problems: SqlProblem[]): void {
  if (name === undefined) return;
  if (name.trim() === '') problems.push({ code: 'emptyName', field });
  else if (CONTROL.test(name)) problems.push({ code: 'controlCharacter', field });
}

function validate(source: TransactionTable, options: SummarySqlOptions, needChannel: boolean): SqlProblem[] {
  const problems: SqlProblem[] = [];
  const tableParts = typeof source.table === 'string' ? [source.table] : source.table;
  if (tableParts.length === 0) problems.push({ code: 'emptyName', field: 'table' });
  for (const part of tableParts) checkName(part, 'table', problems);
  checkName(source.customer, 'customer', problems);
  checkName(source.date, 'date', problems);
  checkName(source.amount, 'amount', problems);
  checkName(source.orderId, 'orderId', problems);
  checkName(source.channel, 'channel', problems);
  if (needChannel && source.channel === undefined) problems.push({ code: 'noChannelColumn', field: 'channel' });
  if (options.analysisDate !== undefined && !isoDateOk(options.analysisDate)) problems.push({ code: 'badDate', field: 'analysisDate' });
  const prefix = options.cancellationPrefix;
  if (prefix !== undefined && prefix !== null) {
    if (source.orderId === undefined) problems.push({ code: 'noOrderIdColumn', field: 'cancellationPrefix' });
    if (prefix === '') problems.push({ code: 'emptyPrefix', field: 'cancellationPrefix' });
    else if (CONTROL.test(prefix)) problems.push({ code: 'controlCharacter', field: 'cancellationPrefix' });
  }
  return problems;
}

/**
 * The common head of both queries: the transactions as the importer would take them
 * (`tx_valid`), the analysis date (`params`), and the rows on or before it (`tx_window`).
 */
function transactionCtes(d: Dialect, source: TransactionTable, options: SummarySqlOptions, withChannel: boolean): string {
  const q = d.quoteIdentifier;
  const tableParts = typeof source.table === 'string' ? [source.table] : source.table;
  const table = tableParts.map(q).join('.');
  const returns = options.returns ?? 'netOff';
  const prefix = options.cancellationPrefix ?? null;
  const period = options.clvPeriod ?? 'day';

  const select = [
    `TRIM(CAST(${q(source.customer)} AS ${d.text})) AS customer_id`,
    `${d.tryCast}(${q(source.date)} AS DATE) AS order_day`,
    `${d.tryCast}(${q(source.amount)} AS ${d.double}) AS amount`,
  ];
  if (prefix !== null) {
    const orderId = `LTRIM(CAST(${q(source.orderId!)} AS ${d.text}))`;
    select.push(`COALESCE(SUBSTR(${orderId}, 1, ${[...prefix].length}) = ${d.quoteString(prefix)}, FALSE) AS cancelled`);
  } else select.push('FALSE AS cancelled');
  if (withChannel) select.push(`COALESCE(TRIM(CAST(${q(source.channel!)} AS ${d.text})), '') AS channel`);

  let amount = 'amount';
  let returnsFilter = '';
  if (returns === 'exclude') returnsFilter = '\n    AND NOT cancelled AND amount >= 0';
  else if (returns === 'netOff' && prefix !== null) amount = 'CASE WHEN cancelled AND amount > 0 THEN -amount ELSE amount END AS amount';
  const analysis =
    options.analysisDate !== undefined
      ? `SELECT DATE ${d.quoteString(options.analysisDate)} AS analysis_date`
      : `SELECT ${d.dayAfter('MAX(order_day)')} AS analysis_date FROM tx_valid`;
  const periodStart = period === 'week' ? d.weekStart('v.order_day') : 'v.order_day';

  return `WITH tx_source AS (
  SELECT
    ${select.join(',\n    ')}
  FROM ${table}
),
tx_valid AS (
  SELECT customer_id, order_day, ${amount}${withChannel ? ', channel' : ''}
  FROM tx_source
  WHERE customer_id <> '' AND order_day IS NOT NULL AND amount IS NOT NULL${returnsFilter}
),
params AS (
  ${analysis}
),
tx_window AS (
  SELECT v.customer_id, v.order_day, v.amount, ${periodStart} AS period_start${withChannel ? ', v.channel' : ''}
  FROM tx_valid v CROSS JOIN params p
  WHERE v.order_day <= p.analysis_date
)`;
}

const RETURNS_WORDS: Readonly<Record<ReturnsPolicy, string>> = {
  exclude: 'negative amounts and cancellations left out',
  netOff: 'negative amounts kept, netting off revenue',
  keep: 'amounts taken as written',
};

function header(d: Dialect, what: string, options: SummarySqlOptions): string {
  const prefix = options.cancellationPrefix ?? null;
  const returns = RETURNS_WORDS[options.returns ?? 'netOff'];
  const cancellations = prefix === null ? '' : ` (order ids starting with ${d.quoteString(prefix)} are cancellations)`;
  return [
    `-- ${what}, for Channel Mix Planner's summary import. Dialect: ${d.title}.`,
    `-- Analysis date: ${options.analysisDate ?? 'the day after the last order'}. Orders: ${options.orders === 'days' ? 'distinct purchase days' : 'transaction rows'}. CLV periods: ${options.clvPeriod === 'week' ? 'weeks (Monday to Sunday)' : 'days'}.`,
    `-- Returns: ${returns}${cancellations}.`,
    '-- Rows without a customer id, or whose date or amount does not convert, are left out.',
  ].join('\n');
}

/**
 * The customer summary query: one row per customer with SUMMARY_COLUMNS — first and last order day,
 * orders, revenue and recency as `customerSummary` computes them, and the lifetimes-style CLV inputs
 * of `clvSummary` with the analysis date as the observation end.
 */
export function customerSummarySql(dialect: SqlDialect, source: TransactionTable, options: SummarySqlOptions = {}): SqlResult {
  const problems = validate(source, options, false);
  if (problems.length > 0) return { ok: false, problems };
  const d = DIALECTS[dialect];
  const period = options.clvPeriod ?? 'day';
  const endPeriod = period === 'week' ? d.weekStart('p.analysis_date') : 'p.analysis_date';
  const orders = options.orders === 'days' ? 'c.purchase_days' : 'c.transactions';
  const sql = `${header(d, 'Customer summary', options)}
${transactionCtes(d, source, options, false)},
customer_periods AS (
  SELECT
    customer_id,
    period_start,
    COUNT(*) AS transactions,
    COUNT(DISTINCT order_day) AS purchase_days,
    SUM(amount) AS spend,
    MIN(order_day) AS first_day,
    MAX(order_day) AS last_day
  FROM tx_window
  GROUP BY customer_id, period_start
),
customer_totals AS (
  SELECT
    customer_id,
    MIN(first_day) AS first_day,
    MAX(last_day) AS last_day,
    SUM(transactions) AS transactions,
    SUM(purchase_days) AS purchase_days,
    SUM(spend) AS revenue,
    COUNT(*) AS periods,
    MIN(period_start) AS first_period,
    MAX(period_start) AS last_period
  FROM customer_periods
  GROUP BY customer_id
),
repeat_spend AS (
  SELECT cp.customer_id, SUM(cp.spend) AS spend
  FROM customer_periods cp JOIN customer_totals ct ON cp.customer_id = ct.customer_id
  WHERE cp.period_start > ct.first_period
  GROUP BY cp.customer_id
)
SELECT
  c.customer_id,
  c.first_day AS first_order_date,
  c.last_day AS last_order_date,
  ${orders} AS orders,
  c.revenue,
  ${d.daysBetween('c.last_day', 'p.analysis_date')} AS recency_days,
  c.periods - 1 AS clv_frequency,
  ${d.daysBetween('c.first_period', 'c.last_period')} AS clv_recency_days,
  ${d.daysBetween('c.first_period', endPeriod)} AS clv_t_days,
  CASE WHEN c.periods > 1 THEN r.spend / (c.periods - 1) ELSE 0 END AS clv_monetary,
  p.analysis_date,
  ${d.quoteString(options.orders ?? 'transactions')} AS order_basis,
  ${d.quoteString(period)} AS clv_period
FROM customer_totals c
CROSS JOIN params p
LEFT JOIN repeat_spend r ON r.customer_id = c.customer_id
ORDER BY c.customer_id;
`;
  return { ok: true, sql };
}

/**
 * Orders (transaction rows) and revenue per customer and channel, over the same rows as the
 * summary: what the segment × channel matrix needs. A missing channel is the empty string, as the
 * importer reads an empty field.
 */
export function customerChannelSql(dialect: SqlDialect, source: TransactionTable, options: SummarySqlOptions = {}): SqlResult {
  const problems = validate(source, options, true);
  if (problems.length > 0) return { ok: false, problems };
  const d = DIALECTS[dialect];
  const sql = `${header(d, 'Orders and revenue per customer and channel', options)}
${transactionCtes(d, source, options, true)}
SELECT
  w.customer_id,
  w.channel,
  COUNT(*) AS orders,
  SUM(w.amount) AS revenue,
  p.analysis_date
FROM tx_window w
CROSS JOIN params p
GROUP BY w.customer_id, w.channel, p.analysis_date
ORDER BY w.customer_id, w.channel;
`;
  return { ok: true, sql };
}
