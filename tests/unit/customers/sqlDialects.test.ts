/**
 * The text of the generated SQL in all three dialects. Spark SQL and BigQuery are NOT executed by
 * any test (no engine for them runs here): their queries are checked by reading — golden snippets
 * of the dialect-specific parts, a small lexer per dialect that must consume the whole text with its
 * own quoting rules and give back every identifier exactly, balanced parentheses, one statement,
 * and only the functions the dialect has (listed in sql.ts). The DuckDB query is executed in
 * sqlDuckdb.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  customerChannelSql,
  customerSummarySql,
  quoteIdentifier,
  quoteString,
  SQL_DIALECTS,
  SUMMARY_COLUMNS,
  type SqlDialect,
  type SummarySqlOptions,
  type TransactionTable,
} from '../../../src/engine/customers/sql';

interface Token {
  kind: 'string' | 'identifier' | 'word' | 'number' | 'punct';
  /** Unescaped content for strings and identifiers, the text otherwise. */
  value: string;
}

/**
 * Tokens of `sql` under the dialect's quoting rules; throws on anything it cannot place (an
 * unterminated quote, a stray character). Comments are dropped.
 */
function lex(dialect: SqlDialect, sql: string): Token[] {
  const tokens: Token[] = [];
  const quoted = (start: number, quote: string, backslash: boolean): [string, number] => {
    let value = '';
    let i = start + 1;
    for (;;) {
      if (i >= sql.length) throw new Error(`unterminated ${quote} at ${start}`);
      const c = sql[i];
      if (backslash && c === '\\') {
        const next = sql[i + 1];
        if (next !== '\\' && next !== quote && next !== "'" && next !== '`' && next !== '"') throw new Error(`unknown escape at ${i}`);
        value += next;
        i += 2;
      } else if (c === quote) {
        if (!backslash && sql[i + 1] === quote) {
          value += quote;
          i += 2;
        } else return [value, i + 1];
      } else {
        value += c;
        i++;
      }
    }
  };
  const identifierQuote = dialect === 'duckdb' ? '"' : '`';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (/\s/.test(c)) i++;
    else if (sql.startsWith('--', i)) i = sql.indexOf('\n', i) < 0 ? sql.length : sql.indexOf('\n', i);
    else if (c === "'") {
      const [value, end] = quoted(i, "'", dialect !== 'duckdb');
      tokens.push({ kind: 'string', value });
      i = end;
    } else if (c === identifierQuote) {
      // Spark doubles a backtick; BigQuery escapes it with a backslash; DuckDB doubles `"`.
      const [value, end] = quoted(i, c, dialect === 'bigquery');
      tokens.push({ kind: 'identifier', value });
      i = end;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i))![0];
      tokens.push({ kind: 'word', value: m });
      i += m.length;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+/.exec(sql.slice(i))![0];
      tokens.push({ kind: 'number', value: m });
      i += m.length;
    } else if (sql.startsWith('<>', i) || sql.startsWith('>=', i) || sql.startsWith('<=', i)) {
      tokens.push({ kind: 'punct', value: sql.slice(i, i + 2) });
      i += 2;
    } else if ('(),.;*=<>+-/'.includes(c)) {
      tokens.push({ kind: 'punct', value: c });
      i++;
    } else throw new Error(`unexpected ${JSON.stringify(c)} at ${i}`);
  }
  return tokens;
}

const COMMON_FUNCTIONS = ['TRIM', 'CAST', 'COALESCE', 'SUBSTR', 'LTRIM', 'COUNT', 'SUM', 'MIN', 'MAX'];
const FUNCTIONS: Record<SqlDialect, string[]> = {
  duckdb: [...COMMON_FUNCTIONS, 'TRY_CAST', 'date_trunc', 'date_diff'],
  spark: [...COMMON_FUNCTIONS, 'TRY_CAST', 'TRUNC', 'DATEDIFF', 'DATE_ADD'],
  bigquery: [...COMMON_FUNCTIONS, 'SAFE_CAST', 'DATE_TRUNC', 'DATE_DIFF', 'DATE_ADD'],
};

const awkward: TransactionTable = {
  table: ['my-project', 'shop `eu` "x"', '订单'],
  customer: '客户 ID',
  date: '下单 "日期"',
  amount: 'amount\\net`',
  orderId: "order's no.",
  channel: '渠道 / Channel',
};
const names = [...(awkward.table as string[]), awkward.customer, awkward.date, awkward.amount, awkward.orderId!, awkward.channel!];

function sqlOf(result: ReturnType<typeof customerSummarySql>): string {
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.sql;
}

/** The plausibility checks every dialect's query must pass. */
function expectPlausible(dialect: SqlDialect, sql: string, expectedNames: readonly string[], prefix?: string): void {
  const tokens = lex(dialect, sql);
  let depth = 0;
  for (const t of tokens) {
    if (t.value === '(' && t.kind === 'punct') depth++;
    if (t.value === ')' && t.kind === 'punct') depth--;
    expect(depth).toBeGreaterThanOrEqual(0);
  }
  expect(depth).toBe(0);
  // One statement: the only semicolon ends the text.
  expect(tokens.filter((t) => t.kind === 'punct' && t.value === ';').length).toBe(1);
  expect(tokens.at(-1)).toEqual({ kind: 'punct', value: ';' });
  // Quoted identifiers are exactly the user's names, given back intact.
  expect(new Set(tokens.filter((t) => t.kind === 'identifier').map((t) => t.value))).toEqual(new Set(expectedNames));
  if (prefix !== undefined) expect(tokens.some((t) => t.kind === 'string' && t.value === prefix)).toBe(true);
  // Only functions of the dialect.
  const called = new Set<string>();
  tokens.forEach((t, j) => {
    if (t.kind === 'word' && tokens[j + 1]?.value === '(' && !['AS', 'IN'].includes(t.value)) called.add(t.value);
  });
  for (const f of called) expect(FUNCTIONS[dialect], `${dialect} calls ${f}`).toContain(f);
  // The output columns, in the order the importer documents.
  const select = sql.slice(sql.lastIndexOf('\nSELECT\n'));
  if (select.includes('customer_totals')) {
    const outputs = select.split('\nFROM')[0].split('\n').slice(2).map((line) => /(\w+),?$/.exec(line.trim())![1]);
    expect(outputs).toEqual([...SUMMARY_COLUMNS]);
  }
}

describe('quoting', () => {
  it('quotes identifiers by each dialect’s rule', () => {
    expect(quoteIdentifier('duckdb', 'a "b" `c`')).toBe('"a ""b"" `c`"');
    expect(quoteIdentifier('spark', 'a "b" `c`')).toBe('`a "b" ``c```');
    expect(quoteIdentifier('bigquery', 'a "b" `c` \\d')).toBe('`a "b" \\`c\\` \\\\d`');
    expect(quoteIdentifier('duckdb', '客户 ID')).toBe('"客户 ID"');
  });

  it('quotes strings by each dialect’s rule (Spark and BigQuery read backslash escapes)', () => {
    expect(quoteString('duckdb', "O'Brien \\")).toBe("'O''Brien \\'");
    expect(quoteString('spark', "O'Brien \\")).toBe("'O\\'Brien \\\\'");
    expect(quoteString('bigquery', "O'Brien \\")).toBe("'O\\'Brien \\\\'");
  });

  it('refuses control characters and empty names instead of escaping them', () => {
    for (const dialect of SQL_DIALECTS) {
      expect(() => quoteIdentifier(dialect, 'a\nb')).toThrow(RangeError);
      expect(() => quoteIdentifier(dialect, '')).toThrow(RangeError);
      expect(() => quoteString(dialect, 'a\u0000')).toThrow(RangeError);
    }
  });

  it('gives back any printable name exactly through each dialect’s lexer', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom('a', ' ', '"', '`', "'", '\\', '客', 'é', '.', ';', '-') }), (name) => {
        for (const dialect of SQL_DIALECTS) {
          const tokens = lex(dialect, quoteIdentifier(dialect, name) + ' ' + quoteString(dialect, name));
          expect(tokens).toEqual([
            { kind: 'identifier', value: name },
            { kind: 'string', value: name },
          ]);
        }
      }),
    );
  });
});

describe('the queries of every dialect are plausible', () => {
  const variants: SummarySqlOptions[] = [
    {},
    { analysisDate: '2024-05-31', orders: 'days', clvPeriod: 'week', returns: 'netOff', cancellationPrefix: "C'\\" },
    { analysisDate: '2024-02-29', returns: 'exclude', cancellationPrefix: 'RET-' },
    { returns: 'keep' },
  ];
  for (const dialect of SQL_DIALECTS) {
    it(`${dialect}: lexes, balances, names the user's columns intact and calls only its own functions`, () => {
      for (const options of variants) {
        const prefix = options.cancellationPrefix ?? undefined;
        const used = names.filter((n) => n !== awkward.channel && (prefix !== undefined || n !== awkward.orderId));
        expectPlausible(dialect, sqlOf(customerSummarySql(dialect, awkward, options)), used, prefix);
        expectPlausible(dialect, sqlOf(customerChannelSql(dialect, awkward, options)), [...used, awkward.channel!], prefix);
      }
    });
  }
});

describe('golden snippets (read against each dialect’s documentation)', () => {
  const options: SummarySqlOptions = { analysisDate: '2024-05-31', orders: 'days', clvPeriod: 'week', cancellationPrefix: 'C' };

  it('Spark SQL', () => {
    const sql = sqlOf(customerSummarySql('spark', awkward, options));
    expect(sql).toContain(
      [
        '    TRIM(CAST(`客户 ID` AS STRING)) AS customer_id,',
        '    TRY_CAST(`下单 "日期"` AS DATE) AS order_day,',
        '    TRY_CAST(`amount\\net``` AS DOUBLE) AS amount,',
        "    COALESCE(SUBSTR(LTRIM(CAST(`order's no.` AS STRING)), 1, 1) = 'C', FALSE) AS cancelled",
        '  FROM `my-project`.`shop ``eu`` "x"`.`订单`',
      ].join('\n'),
    );
    expect(sql).toContain("SELECT v.customer_id, v.order_day, v.amount, TRUNC(v.order_day, 'WEEK') AS period_start");
    expect(sql).toContain('  DATEDIFF(p.analysis_date, c.last_day) AS recency_days,');
    expect(sql).toContain("  DATEDIFF(TRUNC(p.analysis_date, 'WEEK'), c.first_period) AS clv_t_days,");
    expect(sql).toContain("SELECT DATE '2024-05-31' AS analysis_date");
    expect(sqlOf(customerSummarySql('spark', awkward, {}))).toContain('SELECT DATE_ADD(MAX(order_day), 1) AS analysis_date FROM tx_valid');
  });

  it('BigQuery', () => {
    const sql = sqlOf(customerSummarySql('bigquery', awkward, options));
    expect(sql).toContain(
      [
        '    TRIM(CAST(`客户 ID` AS STRING)) AS customer_id,',
        '    SAFE_CAST(`下单 "日期"` AS DATE) AS order_day,',
        '    SAFE_CAST(`amount\\\\net\\`` AS FLOAT64) AS amount,',
        "    COALESCE(SUBSTR(LTRIM(CAST(`order's no.` AS STRING)), 1, 1) = 'C', FALSE) AS cancelled",
        '  FROM `my-project`.`shop \\`eu\\` "x"`.`订单`',
      ].join('\n'),
    );
    // Weeks start on Monday, as pandas' "W" weeks in lifetimes: ISOWEEK, not WEEK (Sunday).
    expect(sql).toContain('SELECT v.customer_id, v.order_day, v.amount, DATE_TRUNC(v.order_day, ISOWEEK) AS period_start');
    expect(sql).not.toMatch(/DATE_TRUNC\([^)]*, WEEK\)/);
    expect(sql).toContain('  DATE_DIFF(p.analysis_date, c.last_day, DAY) AS recency_days,');
    expect(sql).toContain('  DATE_DIFF(DATE_TRUNC(p.analysis_date, ISOWEEK), c.first_period, DAY) AS clv_t_days,');
    expect(sqlOf(customerSummarySql('bigquery', awkward, {}))).toContain('SELECT DATE_ADD(MAX(order_day), INTERVAL 1 DAY) AS analysis_date FROM tx_valid');
  });

  it('the policies read the same in every dialect', () => {
    for (const dialect of SQL_DIALECTS) {
      const netOff = sqlOf(customerSummarySql(dialect, awkward, { cancellationPrefix: 'C' }));
      expect(netOff).toContain('CASE WHEN cancelled AND amount > 0 THEN -amount ELSE amount END AS amount');
      const exclude = sqlOf(customerSummarySql(dialect, awkward, { returns: 'exclude' }));
      expect(exclude).toContain("WHERE customer_id <> '' AND order_day IS NOT NULL AND amount IS NOT NULL\n    AND NOT cancelled AND amount >= 0");
      const keep = sqlOf(customerSummarySql(dialect, awkward, { returns: 'keep', cancellationPrefix: 'C' }));
      expect(keep).not.toContain('-amount');
      expect(keep).not.toContain('amount >= 0');
      const days = sqlOf(customerSummarySql(dialect, awkward, { orders: 'days' }));
      expect(days).toContain('  c.purchase_days AS orders,');
      expect(sqlOf(customerSummarySql(dialect, awkward, {}))).toContain('  c.transactions AS orders,');
    }
  });
});

describe('inputs refused as problems', () => {
  const problems = (result: ReturnType<typeof customerSummarySql>) => (result.ok ? [] : result.problems);

  it('analysis dates must be real YYYY-MM-DD dates', () => {
    for (const analysisDate of ['2023-02-29', '2024-2-3', '2024-13-01', "2024-01-01' OR 1=1 --", '31/12/2024', '']) {
      expect(problems(customerSummarySql('duckdb', awkward, { analysisDate }))).toEqual([{ code: 'badDate', field: 'analysisDate' }]);
    }
    expect(customerSummarySql('duckdb', awkward, { analysisDate: '2024-02-29' }).ok).toBe(true);
  });

  it('names must be non-empty and free of control characters', () => {
    expect(problems(customerSummarySql('spark', { ...awkward, table: [] }))).toEqual([{ code: 'emptyName', field: 'table' }]);
    expect(problems(customerSummarySql('spark', { ...awkward, table: ['a', ' '] }))).toEqual([{ code: 'emptyName', field: 'table' }]);
    expect(problems(customerSummarySql('bigquery', { ...awkward, customer: 'id\n; DROP TABLE x' }))).toEqual([{ code: 'controlCharacter', field: 'customer' }]);
    expect(problems(customerSummarySql('duckdb', { ...awkward, amount: '' }))).toEqual([{ code: 'emptyName', field: 'amount' }]);
  });

  it('a cancellation prefix needs an order id column and some text', () => {
    const noOrderId: TransactionTable = { ...awkward, orderId: undefined };
    expect(problems(customerSummarySql('duckdb', noOrderId, { cancellationPrefix: 'C' }))).toEqual([{ code: 'noOrderIdColumn', field: 'cancellationPrefix' }]);
    expect(problems(customerSummarySql('duckdb', awkward, { cancellationPrefix: '' }))).toEqual([{ code: 'emptyPrefix', field: 'cancellationPrefix' }]);
    expect(problems(customerSummarySql('duckdb', awkward, { cancellationPrefix: 'C\r' }))).toEqual([{ code: 'controlCharacter', field: 'cancellationPrefix' }]);
  });

  it('the channel totals need a channel column', () => {
    const noChannel: TransactionTable = { ...awkward, channel: undefined };
    expect(problems(customerChannelSql('bigquery', noChannel))).toEqual([{ code: 'noChannelColumn', field: 'channel' }]);
    expect(customerSummarySql('bigquery', noChannel).ok).toBe(true);
  });
});
