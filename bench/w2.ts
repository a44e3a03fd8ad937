import path from 'node:path';
import { createRequire } from 'node:module';
import v8 from 'node:v8';
import vm from 'node:vm';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import * as aq from 'arquero';
import { abcClasses } from '../src/engine/customers/abc';
import { customerSummary, defaultAnalysisDay, type Transactions } from '../src/engine/customers/columns';
import { scoreRfm } from '../src/engine/customers/rfm';
import { segmentChannelMatrix } from '../src/engine/customers/segmentChannel';
import { assignSegments, OTHERS, R_RFM_SEGMENT_RULES, segmentTable, type SegmentRule } from '../src/engine/customers/segments';
import { useCustomersKernel, withCustomersKernel } from '../src/engine/customers/wasm/kernel';
import { mulberry32 } from '../src/engine/random';
import { median, round, type BenchRow } from './util';

/**
 * W2: RFM (summary, quintile scores, the R `rfm` segments and their table) + ABC classes +
 * segment × channel matrix on 1M transaction rows already loaded as typed columns, in Node.
 *
 *  - Ours: customerSummary → scoreRfm → assignSegments → segmentTable, abcClasses, segmentChannelMatrix,
 *    with their WebAssembly kernels (`kernel`); `ours_js_ms` is the same with the kernels off, the JS
 *    loops that are their reference, timed in the same rounds.
 *  - DuckDB-Wasm: the same result in SQL, run by `@duckdb/duckdb-wasm`'s Node blocking bundle (the
 *    `eh` WebAssembly build, which has no threads: single-threaded, as the goal asks). The rows are
 *    inserted once as an Arrow table before timing: loading is the importer's work (W1), not W2's.
 *    Timed: the per-customer table (scores, segment, ABC class) materialised in DuckDB plus the
 *    three result tables (segments, ABC classes, segment × channel) fetched as Arrow — what ours
 *    returns too. Quintiles are DuckDB's quantile_cont, R's type 7.
 *  - Arquero: the same steps as verbs on an Arquero table over the same typed arrays (also built
 *    before timing); segment rules applied with aq.escape, the ABC running sum with aq.rolling.
 *
 * All three must give the same segment table, ABC class table and matrix (checked below, reported as
 * `same_result`; a goal counts as met only then). Times are medians over rounds that interleave the
 * three (ours three times a round), after a warm-up run of each. Data: seeded synthetic transactions, two
 * years in date order, customers Pareto-skewed and numbered by first appearance as the importer
 * numbers them, 8 channels, 3 % returns as negative amounts.
 */
const ROWS = 1_000_000;
const CUSTOMERS = 200_000;
const CHANNELS = 8;
const CHANNEL_WEIGHTS = [0.3, 0.2, 0.15, 0.1, 0.1, 0.07, 0.05, 0.03];

export function generateTransactions(rows = ROWS, customers = CUSTOMERS, seed = 2): Transactions {
  const rand = mulberry32(seed);
  const customer = new Int32Array(rows);
  const day = new Int32Array(rows);
  const amount = new Float64Array(rows);
  const channel = new Int32Array(rows);
  const code = new Int32Array(customers).fill(-1);
  let known = 0;
  const start = 19358; // 2023-01-01
  for (let i = 0; i < rows; i++) {
    // u³ skews buying towards low ranks: the top fifth of customers places about 58 % of the rows.
    const rank = Math.floor(customers * rand() ** 3);
    if (code[rank] < 0) code[rank] = known++;
    customer[i] = code[rank];
    day[i] = start + Math.floor((i * 730) / rows);
    // Log-normal order values in cents (Box–Muller), a few returns.
    const z = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    const value = Math.round(Math.exp(3.5 + 0.9 * z) * 100) / 100;
    amount[i] = rand() < 0.03 ? -value : value;
    let u = rand();
    let ch = 0;
    while (ch < CHANNELS - 1 && u >= CHANNEL_WEIGHTS[ch]) u -= CHANNEL_WEIGHTS[ch++];
    channel[i] = ch;
  }
  return { customer, day, amount, channel, customerCount: known, channelCount: CHANNELS };
}

/** What every contender returns, compared across them: per segment, per ABC class and per matrix cell. */
export interface W2Result {
  /** segment id → [customers, orders, revenue in cents] */
  segments: Map<string, number[]>;
  /** class → [customers, revenue in cents] */
  abc: Map<string, number[]>;
  /** `segment|channel` → [customers, orders, revenue in cents, repeat customers] */
  cells: Map<string, number[]>;
}

const cents = (v: number) => Math.round(v * 100);

/** The timed work: the engine's functions as the Customers tab calls them. */
export function ours(tx: Transactions) {
  const summary = customerSummary(tx);
  const scores = scoreRfm(summary);
  const segments = assignSegments(scores, R_RFM_SEGMENT_RULES);
  const table = segmentTable(segments, summary);
  const abc = abcClasses(summary.revenue, { include: summary.orders });
  const matrix = segmentChannelMatrix(tx, segments);
  return { segments, table, abc, matrix };
}

/** Ours in the peers' terms, for the comparison (not timed). */
export function oursResult(tx: Transactions): W2Result {
  const { segments, table, abc, matrix } = ours(tx);
  // Repeat customers per cell: recounted here, since the engine reports them per channel.
  const perCustomerChannel = new Map<number, number>();
  for (let i = 0; i < tx.customer.length; i++) {
    const key = tx.customer[i] * CHANNELS + tx.channel![i];
    perCustomerChannel.set(key, (perCustomerChannel.get(key) ?? 0) + 1);
  }
  const repeat = new Map<string, number>();
  for (const [key, n] of perCustomerChannel) {
    if (n < 2) continue;
    const cell = `${segments.ids[segments.segment[Math.floor(key / CHANNELS)]]}|${key % CHANNELS}`;
    repeat.set(cell, (repeat.get(cell) ?? 0) + 1);
  }
  const cells = new Map<string, number[]>();
  segments.ids.forEach((id, s) => {
    for (let ch = 0; ch < matrix.channelCount; ch++) {
      const cell = s * matrix.channelCount + ch;
      if (matrix.customers[cell] > 0) cells.set(`${id}|${ch}`, [matrix.customers[cell], matrix.orders[cell], cents(matrix.revenue[cell]), repeat.get(`${id}|${ch}`) ?? 0]);
    }
  });
  return {
    segments: new Map(table.filter((r) => r.customers > 0).map((r) => [r.id, [r.customers, r.orders, cents(r.revenue)]])),
    abc: new Map(abc.classes.map((r) => [r.abcClass, [r.count, cents(r.revenue)]])),
    cells,
  };
}

// ---------------------------------------------------------------------------------------------
// DuckDB-Wasm

const between = (column: string, [lo, hi]: readonly [number, number]) => `${column} BETWEEN ${lo} AND ${hi}`;
const segmentCase = (rules: readonly SegmentRule[]) =>
  `CASE ${rules.map((r) => `WHEN ${between('r_score', r.recency)} AND ${between('f_score', r.frequency)} AND ${between('m_score', r.monetary)} THEN '${r.id}'`).join(' ')} ELSE '${OTHERS}' END`;
/** R rfm's score: the last interval [lower, upper) holding the value = 1 + the breaks (quantile + 1) at or below it. */
const score = (value: string, breaks: string) => `(${[1, 2, 3, 4].map((i) => `(${value} >= ${breaks}[${i}] + 1)::INT`).join(' + ')})`;

const CUSTOMER_SQL = `CREATE OR REPLACE TEMP TABLE customer_rfm AS
WITH per_customer AS (
  SELECT customer, MAX(day) AS last_day, COUNT(*) AS orders, SUM(amount) AS revenue FROM tx GROUP BY customer
),
rfm AS (
  SELECT c.*, a.analysis_day - c.last_day AS recency
  FROM per_customer c, (SELECT MAX(day) + 1 AS analysis_day FROM tx) a
),
breaks AS (
  SELECT
    quantile_cont(recency, [0.2, 0.4, 0.6, 0.8]) AS rb,
    quantile_cont(orders, [0.2, 0.4, 0.6, 0.8]) AS fb,
    quantile_cont(revenue, [0.2, 0.4, 0.6, 0.8]) AS mb
  FROM rfm
),
scored AS (
  SELECT rfm.*, 5 - ${score('recency', 'rb')} AS r_score, 1 + ${score('orders', 'fb')} AS f_score, 1 + ${score('revenue', 'mb')} AS m_score
  FROM rfm, breaks
),
ranked AS (
  SELECT *,
    COALESCE(SUM(GREATEST(revenue, 0)) OVER (ORDER BY revenue DESC, customer ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before,
    SUM(GREATEST(revenue, 0)) OVER () AS positive
  FROM scored
)
SELECT customer, orders, revenue, r_score, f_score, m_score, ${segmentCase(R_RFM_SEGMENT_RULES)} AS segment,
  CASE WHEN revenue <= 0 THEN 'C' WHEN before < 0.8 * positive THEN 'A' WHEN before < 0.95 * positive THEN 'B' ELSE 'C' END AS abc
FROM ranked`;
const SEGMENT_SQL = 'SELECT segment, COUNT(*)::INT AS customers, SUM(orders)::BIGINT AS orders, SUM(revenue) AS revenue FROM customer_rfm GROUP BY segment';
const ABC_SQL = 'SELECT abc, COUNT(*)::INT AS customers, SUM(revenue) AS revenue FROM customer_rfm GROUP BY abc';
const MATRIX_SQL = `SELECT m.segment, t.channel, COUNT(*)::INT AS customers, SUM(t.n)::BIGINT AS orders, SUM(t.v) AS revenue, SUM((t.n >= 2)::INT)::INT AS repeat_customers
FROM (SELECT customer, channel, COUNT(*) AS n, SUM(amount) AS v FROM tx GROUP BY customer, channel) t
JOIN customer_rfm m USING (customer)
GROUP BY m.segment, t.channel`;

type Row = Record<string, unknown>;
/** Arquero expressions are parsed from their source, so they stay plain: fields are numbers here. */
type Num = Record<string, number>;
const num = (v: unknown) => Number(v);

function fromRows(segments: Row[], abc: Row[], cells: Row[]): W2Result {
  return {
    segments: new Map(segments.map((r) => [String(r.segment), [num(r.customers), num(r.orders), cents(num(r.revenue))]])),
    abc: new Map(abc.map((r) => [String(r.abc), [num(r.customers), cents(num(r.revenue))]])),
    cells: new Map(cells.map((r) => [`${r.segment}|${r.channel}`, [num(r.customers), num(r.orders), cents(num(r.revenue)), num(r.repeat_customers)]])),
  };
}

async function openDuckDbWasm(tx: Transactions): Promise<{ run: () => W2Result; close: () => void; threads: string; version: string }> {
  const require = createRequire(import.meta.url);
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const bundles = {
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: '' },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  db.open({});
  const conn = db.connect();
  const table = tableFromArrays({ customer: tx.customer, day: tx.day, amount: tx.amount, channel: tx.channel! });
  conn.insertArrowFromIPCStream(tableToIPC(table, 'stream'), { name: 'tx', create: true });
  const rows = (sql: string) => conn.query(sql).toArray().map((r: { toJSON(): Row }) => r.toJSON());
  const settings = rows("SELECT current_setting('threads') AS threads, version() AS version")[0];
  return {
    run: () => {
      conn.query(CUSTOMER_SQL);
      return fromRows(rows(SEGMENT_SQL), rows(ABC_SQL), rows(MATRIX_SQL));
    },
    close: () => {
      conn.close();
      db.reset();
    },
    threads: String(settings.threads),
    version: String(settings.version),
  };
}

// ---------------------------------------------------------------------------------------------
// Arquero

function arqueroRun(t: aq.ColumnTable): W2Result {
  const { op } = aq;
  const analysisDay = (t.rollup({ last: op.max('day') }).get('last', 0) as number) + 1;
  const rfm = t
    .groupby('customer')
    .rollup({ last_day: op.max('day'), orders: op.count(), revenue: op.sum('amount') })
    .params({ analysisDay })
    .derive({ recency: (d: Num, $: Num) => $.analysisDay - d.last_day });
  const q = rfm
    .rollup({
      r1: op.quantile('recency', 0.2), r2: op.quantile('recency', 0.4), r3: op.quantile('recency', 0.6), r4: op.quantile('recency', 0.8),
      f1: op.quantile('orders', 0.2), f2: op.quantile('orders', 0.4), f3: op.quantile('orders', 0.6), f4: op.quantile('orders', 0.8),
      m1: op.quantile('revenue', 0.2), m2: op.quantile('revenue', 0.4), m3: op.quantile('revenue', 0.6), m4: op.quantile('revenue', 0.8),
    })
    .object() as Record<string, number>;
  const segmentOf = (r: number, f: number, m: number) => {
    const within = (v: number, [lo, hi]: readonly [number, number]) => v >= lo && v <= hi;
    const rule = R_RFM_SEGMENT_RULES.find((x) => within(r, x.recency) && within(f, x.frequency) && within(m, x.monetary));
    return rule ? rule.id : OTHERS;
  };
  const scored = rfm
    .params(q)
    .derive({
      r_score: (d: Num, $: Num) =>
        5 - ((d.recency >= $.r1 + 1 ? 1 : 0) + (d.recency >= $.r2 + 1 ? 1 : 0) + (d.recency >= $.r3 + 1 ? 1 : 0) + (d.recency >= $.r4 + 1 ? 1 : 0)),
      f_score: (d: Num, $: Num) =>
        1 + (d.orders >= $.f1 + 1 ? 1 : 0) + (d.orders >= $.f2 + 1 ? 1 : 0) + (d.orders >= $.f3 + 1 ? 1 : 0) + (d.orders >= $.f4 + 1 ? 1 : 0),
      m_score: (d: Num, $: Num) =>
        1 + (d.revenue >= $.m1 + 1 ? 1 : 0) + (d.revenue >= $.m2 + 1 ? 1 : 0) + (d.revenue >= $.m3 + 1 ? 1 : 0) + (d.revenue >= $.m4 + 1 ? 1 : 0),
    })
    .derive({ segment: aq.escape((d: Num) => segmentOf(d.r_score, d.f_score, d.m_score)) })
    .orderby(aq.desc('revenue'), 'customer')
    .derive({ positive: (d: Num) => (d.revenue > 0 ? d.revenue : 0) })
    // Revenue ranked above: a running sum of the previous row's value (a rolling frame of
    // [-Infinity, -1] does not give the rows before the current one in Arquero 7).
    .derive({ previous: (d: Num) => op.lag(d.positive, 1, 0), total: (d: Num) => op.sum(d.positive) })
    .derive({ before: aq.rolling((d: Num) => op.sum(d.previous)) })
    .derive({ abc: (d: Num) => (d.revenue <= 0 ? 'C' : d.before < 0.8 * d.total ? 'A' : d.before < 0.95 * d.total ? 'B' : 'C') });
  const segments = scored.groupby('segment').rollup({ customers: op.count(), orders: op.sum('orders'), revenue: op.sum('revenue') });
  const abc = scored.groupby('abc').rollup({ customers: op.count(), revenue: op.sum('revenue') });
  const cells = t
    .groupby('customer', 'channel')
    .rollup({ n: op.count(), v: op.sum('amount') })
    .join(scored.select('customer', 'segment'), 'customer')
    .groupby('segment', 'channel')
    .rollup({ customers: op.count(), orders: op.sum('n'), revenue: op.sum('v'), repeat_customers: (d: Num) => op.sum(d.n >= 2 ? 1 : 0) });
  return fromRows(segments.objects() as Row[], abc.objects() as Row[], cells.objects() as Row[]);
}

// ---------------------------------------------------------------------------------------------

v8.setFlagsFromString('--expose-gc');
/** A full collection before each timed run, so no contender pays for another's garbage. */
const collectGarbage = vm.runInNewContext('gc') as () => void;

function time(f: () => unknown): number {
  collectGarbage();
  const t = performance.now();
  f();
  return performance.now() - t;
}

/** Differences between two results (revenue to the cent), as text for the report; empty when equal. */
export function differences(a: W2Result, b: W2Result): string[] {
  // Where the revenue sits in each part's figures: it may differ by a cent, sums added in another order.
  const revenueAt = { segments: 2, abc: 1, cells: 2 } as const;
  const out: string[] = [];
  for (const part of ['segments', 'abc', 'cells'] as const) {
    for (const key of new Set([...a[part].keys(), ...b[part].keys()])) {
      const [x, y] = [a[part].get(key), b[part].get(key)];
      const same = x !== undefined && y !== undefined && x.length === y.length && x.every((v, i) => Math.abs(v - y[i]) <= (i === revenueAt[part] ? 1 : 0));
      if (!same) out.push(`${part} ${key}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
    }
  }
  return out;
}

export async function measureW2(rounds = 7): Promise<BenchRow[]> {
  const tx = generateTransactions();
  const reference = oursResult(tx);
  const asOf = defaultAnalysisDay(tx);
  const summary = customerSummary(tx, asOf);
  const segments = assignSegments(scoreRfm(summary), R_RFM_SEGMENT_RULES);

  const wasm = await openDuckDbWasm(tx);
  const table = aq.table({ customer: tx.customer, day: tx.day, amount: tx.amount, channel: tx.channel! });
  const duckResult = wasm.run();
  const arqueroResult = arqueroRun(table);

  // Rounds interleave the contenders, so a change in machine load over the run hits all of them alike.
  const t = { ours: [] as number[], oursJs: [] as number[], duck: [] as number[], arquero: [] as number[], summary: [] as number[], scores: [] as number[], abc: [] as number[], matrix: [] as number[] };
  for (let i = 0; i < 3; i++) ours(tx);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < 3; i++) t.ours.push(time(() => ours(tx)));
    // Stages of ours, for context.
    t.summary.push(time(() => customerSummary(tx, asOf)));
    t.scores.push(time(() => segmentTable(assignSegments(scoreRfm(summary), R_RFM_SEGMENT_RULES), summary)));
    t.abc.push(time(() => abcClasses(summary.revenue, { include: summary.orders })));
    t.matrix.push(time(() => segmentChannelMatrix(tx, segments)));
    // The engine's JS loops alone (its reference path, where WebAssembly cannot run), for the kernels' share.
    useCustomersKernel(false);
    t.oursJs.push(time(() => ours(tx)));
    useCustomersKernel(true);
    t.duck.push(time(() => wasm.run()));
    t.arquero.push(time(() => arqueroRun(table)));
  }
  wasm.close();
  const oursMs = median(t.ours);
  const duckMs = median(t.duck);
  const arqueroMs = median(t.arquero);
  const stage = {
    summary_ms: round(median(t.summary), 1),
    scores_segments_table_ms: round(median(t.scores), 1),
    abc_ms: round(median(t.abc), 1),
    matrix_ms: round(median(t.matrix), 1),
  };

  const duckDiff = differences(reference, duckResult);
  const arqueroDiff = differences(reference, arqueroResult);
  const common = {
    id: 'W2',
    case: '1M rows',
    ours_ms: round(oursMs, 1),
    kernel: withCustomersKernel(() => 'wasm') ?? 'js',
    ours_js_ms: round(median(t.oursJs), 1),
    rows: tx.customer.length,
    customers: tx.customerCount,
    channels: CHANNELS,
    ours_stages: stage,
  };
  return [
    {
      ...common,
      peer: 'DuckDB-Wasm',
      peer_ms: round(duckMs, 1),
      ratio: round(duckMs / oursMs, 2),
      goal: '>= 10x DuckDB-Wasm single-thread; <= 60 ms at 1M rows',
      met: duckDiff.length === 0 && duckMs / oursMs >= 10 && oursMs <= 60,
      same_result: duckDiff.length === 0,
      differences: duckDiff.slice(0, 5),
      peer_note: `@duckdb/duckdb-wasm ${wasm.version}, Node blocking bundle (eh build, threads = ${wasm.threads}); rows inserted as Arrow before timing; timed: per-customer table + 3 result queries`,
    },
    {
      ...common,
      peer: 'Arquero',
      peer_ms: round(arqueroMs, 1),
      ratio: round(arqueroMs / oursMs, 2),
      goal: '>= 30x Arquero; <= 60 ms at 1M rows',
      met: arqueroDiff.length === 0 && arqueroMs / oursMs >= 30 && oursMs <= 60,
      same_result: arqueroDiff.length === 0,
      differences: arqueroDiff.slice(0, 5),
      peer_note: 'arquero 7, table over the same typed arrays built before timing',
    },
  ];
}
