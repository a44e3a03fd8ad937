/**
 * The generated DuckDB SQL, run by DuckDB, against the in-app path on the same CSV files: the
 * transaction importer → customerSummary / clvSummary / segmentChannelMatrix. Every customer's
 * every field must agree (amounts to 1e-9, well inside a cent: only the order of additions differs).
 * Then the DuckDB result goes through a CSV file and the summary importer, and RFM scores,
 * segments, ABC classes and the segment × channel matrix must come out as in the app.
 *
 * Data: R rfm's sample orders; the CDNOW sample (rewritten as CSV with ISO dates); and
 * awkward_orders.csv — 807 rows of 156 customers with Chinese, quoted and spaced names, column names
 * holding `"`, a backtick and an apostrophe, returns (negative amounts), cancellations (order ids
 * starting with "C", some after a space), timestamps, empty channels, zero amounts and four rows
 * neither path can read (no customer, no date, no amount).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abcClasses } from '../../../src/engine/customers/abc';
import { dayFromIso } from '../../../src/engine/customers/calendar';
import { clvSummary, type PurchasePeriod } from '../../../src/engine/customers/clvSummary';
import { customerSummary, defaultAnalysisDay, type OrderBasis, type Transactions } from '../../../src/engine/customers/columns';
import { scoreRfm } from '../../../src/engine/customers/rfm';
import { segmentChannelMatrix } from '../../../src/engine/customers/segmentChannel';
import { assignSegments, R_RFM_SEGMENT_NAMES, R_RFM_SEGMENT_RULES, segmentTable } from '../../../src/engine/customers/segments';
import { customerChannelSql, customerSummarySql, type SummarySqlOptions, type TransactionTable } from '../../../src/engine/customers/sql';
import { importCustomerChannels, segmentChannelFromTotals } from '../../../src/engine/customers/summaryChannels';
import { importCustomerSummary, type ImportedCustomerSummary } from '../../../src/engine/customers/summaryImport';
import { TransactionColumnBuilder, type ColumnMapping, type ImportPolicies } from '../../../src/engine/import/columns';
import { parseCsvText } from '../../../src/engine/import/csv';

const fixtures = fileURLToPath(new URL('../../fixtures/customers/', import.meta.url));
const DAY_MS = 86_400_000;

interface InApp {
  tx: Transactions;
  ids: string[];
  channels: string[];
}

/** The app's path: CSV text → transaction importer → columns. */
function importTransactions(text: string, mapping: ColumnMapping, policies: Partial<ImportPolicies> = {}): InApp {
  const builder = new TransactionColumnBuilder(mapping, policies);
  parseCsvText(text, builder, { delimiter: ',' });
  const { columns, question } = builder.finish();
  expect(question).toBeNull();
  const channel = columns.channel;
  const tx: Transactions = {
    customer: columns.customer.codes,
    day: columns.date,
    amount: columns.amount,
    customerCount: columns.customer.values.length,
    ...(channel ? { channel: channel.codes, channelCount: channel.values.length } : {}),
  };
  return { tx, ids: columns.customer.values, channels: channel?.values ?? [] };
}

let instance: DuckDBInstance;
let db: DuckDBConnection;
let work: string;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  db = await instance.connect();
  work = mkdtempSync(join(tmpdir(), 'summary-sql-'));
});

afterAll(() => {
  db.closeSync();
  instance.closeSync();
  rmSync(work, { recursive: true, force: true });
});

const sqlText = (s: string) => s.replace(/;\s*$/, '');
const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

function generated(result: ReturnType<typeof customerSummarySql>): string {
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return sqlText(result.sql);
}

interface SqlCustomer {
  firstDay: number;
  lastDay: number;
  orders: number;
  revenue: number;
  recency: number;
  frequency: number;
  clvRecency: number;
  clvT: number;
  monetary: number;
  analysisDay: number;
}

/** Runs the summary query and returns its rows by customer id, days as day numbers. */
async function runSummary(source: TransactionTable, options: SummarySqlOptions): Promise<Map<string, SqlCustomer>> {
  const reader = await db.runAndReadAll(generated(customerSummarySql('duckdb', source, options)));
  const out = new Map<string, SqlCustomer>();
  for (const row of reader.getRowObjectsJS()) {
    const day = (v: unknown) => (v as Date).getTime() / DAY_MS;
    out.set(String(row.customer_id), {
      firstDay: day(row.first_order_date),
      lastDay: day(row.last_order_date),
      orders: Number(row.orders),
      revenue: Number(row.revenue),
      recency: Number(row.recency_days),
      frequency: Number(row.clv_frequency),
      clvRecency: Number(row.clv_recency_days),
      clvT: Number(row.clv_t_days),
      monetary: Number(row.clv_monetary),
      analysisDay: day(row.analysis_date),
    });
  }
  return out;
}

/** COPY of a generated query to a CSV file, read back as text. */
async function copyToCsv(sql: string, name: string): Promise<string> {
  const path = join(work, name);
  await db.run(`COPY (${sql}) TO ${literal(path)} (FORMAT csv, HEADER)`);
  return readFileSync(path, 'utf8');
}

/** Field-by-field comparison of the DuckDB rows with the in-app summary and CLV inputs; returns customers compared. */
function expectSameSummary(sql: Map<string, SqlCustomer>, app: InApp, options: SummarySqlOptions): number {
  const asOf = options.analysisDate === undefined ? defaultAnalysisDay(app.tx) : dayFromIso(options.analysisDate);
  const summary = customerSummary(app.tx, asOf, { orders: options.orders });
  const clv = clvSummary(app.tx, { observationEndDay: asOf, period: options.clvPeriod, unit: 'days' });
  expect(sql.size).toBe(summary.customersWithOrders);
  let compared = 0;
  for (let c = 0; c < app.ids.length; c++) {
    const row = sql.get(app.ids[c]);
    if (summary.orders[c] === 0) {
      expect(row).toBeUndefined();
      continue;
    }
    expect(row, app.ids[c]).toBeDefined();
    const r = row!;
    const expected = {
      firstDay: summary.firstDay[c],
      lastDay: summary.lastDay[c],
      orders: summary.orders[c],
      recency: summary.recency[c],
      frequency: clv.frequency[c],
      clvRecency: clv.recency[c],
      clvT: clv.T[c],
      analysisDay: asOf,
    };
    expect({ ...r, revenue: 0, monetary: 0 }, app.ids[c]).toEqual({ ...expected, revenue: 0, monetary: 0 });
    expect(Math.abs(r.revenue - summary.revenue[c])).toBeLessThan(1e-9);
    expect(Math.round(r.revenue * 100)).toBe(Math.round(summary.revenue[c] * 100));
    expect(Math.abs(r.monetary - clv.monetary[c])).toBeLessThan(1e-9);
    compared++;
  }
  return compared;
}

describe('R rfm sample orders (995 customers)', () => {
  const text = readFileSync(fixtures + 'rfm_data_orders.csv', 'utf8');
  const app = importTransactions(text, { customer: 0, date: 1, amount: 2 });
  const source: TransactionTable = { table: 'rfm_orders', customer: 'customer_id', date: 'order_date', amount: 'revenue' };

  beforeAll(async () => {
    // DuckDB detects the types itself: VARCHAR, DATE, BIGINT.
    await db.run(`CREATE TABLE rfm_orders AS SELECT * FROM read_csv(${literal(fixtures + 'rfm_data_orders.csv')}, header = true)`);
  });

  const cases: { name: string; options: SummarySqlOptions }[] = [
    { name: 'analysis date 2006-12-31, orders = transactions', options: { analysisDate: '2006-12-31' } },
    { name: 'default analysis date, orders = purchase days, weekly CLV periods', options: { orders: 'days', clvPeriod: 'week' } },
    { name: 'an earlier analysis date that cuts customers off', options: { analysisDate: '2005-06-30', orders: 'days' } },
  ];
  for (const { name, options } of cases) {
    it(`matches customerSummary and clvSummary for every customer: ${name}`, async () => {
      const compared = expectSameSummary(await runSummary(source, options), app, options);
      expect(compared).toBeGreaterThan(options.analysisDate === '2005-06-30' ? 500 : 994);
    });
  }

  it('round trip DuckDB → CSV → summary import gives the app’s RFM scores, segments and ABC classes', async () => {
    const options: SummarySqlOptions = { analysisDate: '2006-12-31' };
    const csv = await copyToCsv(generated(customerSummarySql('duckdb', source, options)), 'rfm_summary.csv');
    const imported = importCustomerSummary(csv);
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    const summary = customerSummary(app.tx, dayFromIso('2006-12-31'));
    expectSameRfm(imported.value, summary, app.ids);
    // R rfm's published check: Champions = 158 customers, 1,234 orders, revenue 120,178.
    const segments = assignSegments(scoreRfm(imported.value.summary), R_RFM_SEGMENT_RULES);
    const champions = segmentTable(segments, imported.value.summary).find((row) => R_RFM_SEGMENT_NAMES[row.id] === 'Champions')!;
    expect([champions.customers, champions.orders, champions.revenue]).toEqual([158, 1234, 120178]);
  });
});

/** Scores, segments, segment table and ABC classes of an imported summary equal the app's, per customer id. */
function expectSameRfm(imported: ImportedCustomerSummary, summary: ReturnType<typeof customerSummary>, ids: readonly string[]): void {
  const appScores = scoreRfm(summary);
  const appSegments = assignSegments(appScores, R_RFM_SEGMENT_RULES);
  const scores = scoreRfm(imported.summary);
  const segments = assignSegments(scores, R_RFM_SEGMENT_RULES);
  // Breaks are quantiles of revenue sums, which the two paths add up in different orders: equal to ~1e-13.
  for (const dim of ['recency', 'frequency', 'monetary'] as const) {
    const [got, want] = [scores.thresholds[dim], appScores.thresholds[dim]];
    [...got.lower, ...got.upper].forEach((v, i) => expect(v).toBeCloseTo([...want.lower, ...want.upper][i], 9));
  }
  const index = new Map(imported.customerIds.map((id, c) => [id, c]));
  for (let c = 0; c < ids.length; c++) {
    if (summary.orders[c] === 0) continue;
    const i = index.get(ids[c])!;
    expect([scores.recency[i], scores.frequency[i], scores.monetary[i]]).toEqual([appScores.recency[c], appScores.frequency[c], appScores.monetary[c]]);
    expect(segments.ids[segments.segment[i]]).toBe(appSegments.ids[appSegments.segment[c]]);
  }
  const table = (rows: ReturnType<typeof segmentTable>) => rows.map((r) => ({ ...r, revenue: Math.round(r.revenue * 100), aov: 0, revenueShare: 0 }));
  expect(table(segmentTable(segments, imported.summary))).toEqual(table(segmentTable(appSegments, summary)));
  // ABC: class sizes and revenues do not depend on how revenue ties are ordered; single classes of untied customers neither.
  const appAbc = abcClasses(summary.revenue, { include: summary.orders });
  const abc = abcClasses(imported.summary.revenue);
  const classRows = (r: typeof abc) => r.classes.map((k) => [k.abcClass, k.count, Math.round(k.revenue * 100)]);
  expect(classRows(abc)).toEqual(classRows(appAbc));
  const tied = new Map<number, number>();
  for (const v of imported.summary.revenue) tied.set(v, (tied.get(v) ?? 0) + 1);
  for (let c = 0; c < ids.length; c++) {
    if (summary.orders[c] === 0 || tied.get(summary.revenue[c])! > 1) continue;
    expect(abc.classOf[index.get(ids[c])!]).toBe(appAbc.classOf[c]);
  }
}

describe('CDNOW sample (2,357 customers), the CLV inputs', () => {
  // The sample's whitespace-separated rows as CSV with ISO dates; both paths read this same file.
  const rows = readFileSync(fixtures + 'CDNOW_sample.txt', 'utf8').trim().split(/\r?\n/);
  const text =
    'id,date,dollars\n' +
    rows
      .map((line) => {
        const f = line.trim().split(/\s+/);
        return `${Number(f[1])},${f[2].slice(0, 4)}-${f[2].slice(4, 6)}-${f[2].slice(6, 8)},${f[4]}`;
      })
      .join('\n') +
    '\n';
  const app = importTransactions(text, { customer: 0, date: 1, amount: 2 });
  const source: TransactionTable = { table: 'cdnow', customer: 'id', date: 'date', amount: 'dollars' };

  beforeAll(async () => {
    const path = join(work, 'cdnow.csv');
    writeFileSync(path, text);
    await db.run(`CREATE TABLE cdnow AS SELECT * FROM read_csv(${literal(path)}, header = true)`);
  });

  for (const clvPeriod of ['day', 'week'] as PurchasePeriod[]) {
    for (const orders of ['transactions', 'days'] as OrderBasis[]) {
      it(`matches every customer with calibration end 1997-09-30, ${clvPeriod} periods, orders = ${orders}`, async () => {
        const options: SummarySqlOptions = { analysisDate: '1997-09-30', clvPeriod, orders };
        expect(expectSameSummary(await runSummary(source, options), app, options)).toBe(2357);
      });
    }
  }

  it('round trip reproduces the lifetimes summary of the sample (frequency, recency and T in weeks)', async () => {
    const csv = await copyToCsv(generated(customerSummarySql('duckdb', source, { analysisDate: '1997-09-30' })), 'cdnow_summary.csv');
    const imported = importCustomerSummary(csv, { unit: 'weeks' });
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    const { customerIds, clv } = imported.value;
    const reference = readFileSync(fixtures + 'cdnow_customers_summary_with_transactions.csv', 'utf8').trim().split(/\r?\n/).slice(1);
    expect(customerIds.length).toBe(reference.length);
    const index = new Map(customerIds.map((id, c) => [id, c]));
    const round2 = (v: number) => Math.round(v * 100) / 100;
    for (const line of reference) {
      const [id, x, tx, T, zbar] = line.split(',').map(Number);
      const c = index.get(String(id))!;
      expect([clv.frequency[c], round2(clv.recency[c]), round2(clv.T[c])]).toEqual([x, tx, T]);
      expect(Math.abs(clv.monetary[c] - zbar)).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  });
});

describe('awkward names, returns and cancellations', () => {
  const text = readFileSync(fixtures + 'awkward_orders.csv', 'utf8');
  const mapping: ColumnMapping = { customer: 0, date: 1, amount: 2, orderId: 3, channel: 4 };
  // The table itself lives under awkward names too.
  const source: TransactionTable = {
    table: ['销售 "部"', 'orders `2024`'],
    customer: '客户 ID',
    date: '下单 "日期"',
    amount: '实付`金额`',
    orderId: "order's no.",
    channel: '渠道 / Channel',
  };

  beforeAll(async () => {
    await db.run('CREATE SCHEMA "销售 ""部"""');
    await db.run(
      `CREATE TABLE "销售 ""部"""."orders \`2024\`" AS SELECT * FROM read_csv(${literal(fixtures + 'awkward_orders.csv')}, header = true, delim = ',', quote = '"', escape = '"', all_varchar = true)`,
    );
  });

  for (const returns of ['exclude', 'netOff', 'keep'] as const) {
    for (const analysisDate of ['2024-05-31', undefined]) {
      it(`matches every customer with returns = ${returns}, analysis date ${analysisDate ?? 'default'}`, async () => {
        const app = importTransactions(text, mapping, { returns, cancellation: { orderIdPrefix: 'C' } });
        const options: SummarySqlOptions = { analysisDate, returns, cancellationPrefix: 'C', orders: 'days', clvPeriod: 'week' };
        expect(expectSameSummary(await runSummary(source, options), app, options)).toBeGreaterThan(140);
        const transactions = { ...options, orders: 'transactions' as const, clvPeriod: 'day' as const };
        expectSameSummary(await runSummary(source, transactions), app, transactions);
      });
    }
  }

  it('without a cancellation prefix, netting off keeps cancelled orders as written (as the importer does)', async () => {
    const app = importTransactions(text, mapping, { returns: 'netOff', cancellation: { orderIdPrefix: null } });
    expectSameSummary(await runSummary(source, { returns: 'netOff' }), app, {});
  });

  it('round trip of summary and channel totals gives the app’s segments and segment × channel matrix', async () => {
    const policies = { returns: 'netOff' as const, cancellation: { orderIdPrefix: 'C' } };
    const app = importTransactions(text, mapping, policies);
    const options: SummarySqlOptions = { analysisDate: '2024-05-31', cancellationPrefix: 'C' };
    const summaryCsv = await copyToCsv(generated(customerSummarySql('duckdb', source, options)), 'awkward_summary.csv');
    const channelCsv = await copyToCsv(generated(customerChannelSql('duckdb', source, options)), 'awkward_channels.csv');
    const imported = importCustomerSummary(summaryCsv);
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    const totals = importCustomerChannels(channelCsv, imported.value);
    if (!totals.ok) throw new Error(JSON.stringify(totals.problems));

    const asOf = dayFromIso('2024-05-31');
    const summary = customerSummary(app.tx, asOf);
    expect(imported.value.customerIds.some((id) => id.includes('"') && id.includes(' '))).toBe(true);
    expectSameRfm(imported.value, summary, app.ids);

    const appSegments = assignSegments(scoreRfm(summary), R_RFM_SEGMENT_RULES);
    const highValueSegments = ['champions', 'loyal-customers'];
    const appMatrix = segmentChannelMatrix(app.tx, appSegments, { throughDay: asOf, highValueSegments });
    const segments = assignSegments(scoreRfm(imported.value.summary), R_RFM_SEGMENT_RULES);
    const matrix = segmentChannelFromTotals(totals.value, segments, { highValueSegments });
    expect([...totals.value.channels].sort()).toEqual([...app.channels].sort());
    expect(app.channels).toContain('');
    // Cells by segment id and channel name: the two paths number channels differently.
    const cells = (m: typeof matrix, channels: readonly string[]) => {
      const out: Record<string, [number, number, number]> = {};
      m.segmentIds.forEach((id, s) =>
        channels.forEach((name, ch) => {
          const cell = s * m.channelCount + ch;
          if (m.customers[cell] > 0) out[`${id}|${name}`] = [m.customers[cell], m.orders[cell], Math.round(m.revenue[cell] * 100)];
        }),
      );
      return out;
    };
    expect(cells(matrix, totals.value.channels)).toEqual(cells(appMatrix, app.channels));
    const perChannel = (m: typeof matrix, channels: readonly string[]) =>
      Object.fromEntries(m.channels.map((r) => [channels[r.channel], [r.customers, r.orders, Math.round(r.revenue * 100), r.repeatCustomers, r.highValueShare]]));
    expect(perChannel(matrix, totals.value.channels)).toEqual(perChannel(appMatrix, app.channels));
  });
});
