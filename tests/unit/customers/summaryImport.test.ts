import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clvSummary, type PurchasePeriod } from '../../../src/engine/customers/clvSummary';
import { customerSummary, type CustomerSummary, type OrderBasis, type Transactions } from '../../../src/engine/customers/columns';
import { UNASSIGNED, type SegmentAssignment } from '../../../src/engine/customers/segments';
import { segmentChannelMatrix } from '../../../src/engine/customers/segmentChannel';
import { CUSTOMER_CHANNEL_COLUMNS, SUMMARY_COLUMNS } from '../../../src/engine/customers/sql';
import { importCustomerChannels, segmentChannelFromTotals } from '../../../src/engine/customers/summaryChannels';
import { importCustomerSummary, type ImportedCustomerSummary } from '../../../src/engine/customers/summaryImport';
import { formatDay } from '../../../src/engine/import/values';

const csvField = (s: string) => (/[",\n\r]/.test(s) || s.trim() !== s ? `"${s.replaceAll('"', '""')}"` : s);

/** The summary file the SQL would write for these transactions, in customer index order. */
function summaryFile(tx: Transactions, ids: readonly string[], asOf: number, basis: OrderBasis, period: PurchasePeriod): string {
  const s = customerSummary(tx, asOf, { orders: basis });
  const clv = clvSummary(tx, { observationEndDay: asOf, period });
  const lines = [SUMMARY_COLUMNS.join(',')];
  for (let c = 0; c < ids.length; c++) {
    if (s.orders[c] === 0) continue;
    lines.push(
      [csvField(ids[c]), formatDay(s.firstDay[c]), formatDay(s.lastDay[c]), s.orders[c], s.revenue[c], s.recency[c], clv.frequency[c], clv.recency[c], clv.T[c], clv.monetary[c], formatDay(asOf), basis, period].join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

const header = SUMMARY_COLUMNS.join(',');
// One consistent row: first order 2024-01-01, last 2024-01-15, analysis 2024-02-01, daily periods.
const good = ['alice', '2024-01-01', '2024-01-15', '3', '120.5', '17', '2', '14', '31', '40.25', '2024-02-01', 'transactions', 'day'];
const fileOf = (...rows: string[][]) => [header, ...rows.map((r) => r.join(','))].join('\n');
const withField = (name: (typeof SUMMARY_COLUMNS)[number], value: string, base = good) => base.map((v, i) => (SUMMARY_COLUMNS[i] === name ? value : v));

function problemsOf(text: string | string[]) {
  const result = importCustomerSummary(text);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems;
}

function imported(text: string | string[], unit: 'days' | 'weeks' = 'days'): ImportedCustomerSummary {
  const result = importCustomerSummary(text, { unit });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

const transactions = fc
  .record({
    customers: fc.integer({ min: 1, max: 12 }),
    rows: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 19000, max: 19120 }), fc.integer({ min: -5000, max: 50000 }), fc.nat(2)), { minLength: 1, maxLength: 80 }),
  })
  .map(({ customers, rows }): Transactions => ({
    customer: Int32Array.from(rows, (r) => r[0] % customers),
    day: Int32Array.from(rows, (r) => r[1]),
    amount: Float64Array.from(rows, (r) => r[2] / 100),
    channel: Int32Array.from(rows, (r) => r[3]),
    customerCount: customers,
    channelCount: 3,
  }));

describe('importCustomerSummary', () => {
  it('gives back customerSummary and clvSummary exactly, whatever the data, chunking, basis and period', () => {
    fc.assert(
      fc.property(
        transactions,
        fc.integer({ min: 19000, max: 19130 }),
        fc.constantFrom<OrderBasis>('transactions', 'days'),
        fc.constantFrom<PurchasePeriod>('day', 'week'),
        fc.array(fc.nat(), { maxLength: 4 }),
        (tx, asOf, basis, period, cuts) => {
          const ids = Array.from({ length: tx.customerCount }, (_, c) => [`c${c}`, `"quoted, ${c}"`, `客户 ${c}`][c % 3]);
          const text = summaryFile(tx, ids, asOf, basis, period);
          const points = [...new Set(cuts.map((c) => c % text.length))].sort((a, b) => a - b);
          const chunks = [0, ...points].map((p, i, all) => text.slice(p, all[i + 1] ?? text.length));
          const want = customerSummary(tx, asOf, { orders: basis });
          const wantClv = clvSummary(tx, { observationEndDay: asOf, period, unit: 'weeks' });
          if (want.customersWithOrders === 0) {
            expect(problemsOf(chunks)).toEqual([{ code: 'noRows', row: 2, column: null }]);
            return;
          }
          const got = imported(chunks, 'weeks');
          const present = ids.flatMap((id, c) => (want.orders[c] > 0 ? [c] : []));
          expect(got.customerIds).toEqual(present.map((c) => ids[c]));
          const pick = <T extends ArrayLike<number>>(a: T) => present.map((c) => a[c]);
          const s = got.summary;
          expect([s.analysisDay, s.basis, s.customersWithOrders, got.clvPeriod]).toEqual([asOf, basis, present.length, period]);
          expect([...s.firstDay]).toEqual(pick(want.firstDay));
          expect([...s.lastDay]).toEqual(pick(want.lastDay));
          expect([...s.orders]).toEqual(pick(want.orders));
          expect([...s.revenue]).toEqual(pick(want.revenue));
          expect([...s.recency]).toEqual(pick(want.recency));
          expect([...got.clv.frequency]).toEqual(pick(wantClv.frequency));
          expect([...got.clv.recency]).toEqual(pick(wantClv.recency));
          expect([...got.clv.T]).toEqual(pick(wantClv.T));
          expect([...got.clv.monetary]).toEqual(pick(wantClv.monetary));
          expect(got.clv.unit).toBe('weeks');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('finds columns by name in any order, ignores others, and reads what Spark and BigQuery write', () => {
    const columns = [...SUMMARY_COLUMNS].reverse();
    const values = [...good].reverse();
    // Upper-case header with an extra column; a timestamp date; an exponent; a BOM before the header.
    const text = `\ufeff${columns.map((c) => c.toUpperCase()).join(',')},note\n${values.map((v) => (v === '120.5' ? '1.205E2' : v === '2024-01-15' ? '2024-01-15 00:00:00' : v)).join(',')},x\n`;
    const got = imported(text);
    expect(got.customerIds).toEqual(['alice']);
    expect(got.summary.revenue[0]).toBe(120.5);
    expect(got.summary.lastDay[0]).toBe(19737);
  });

  it('reports missing and doubled columns on the header row, and imports nothing', () => {
    const missing = SUMMARY_COLUMNS.filter((c) => c !== 'clv_t_days' && c !== 'revenue').join(',');
    expect(problemsOf(`${missing}\n`)).toEqual([
      { code: 'missingColumn', row: 1, column: 'revenue' },
      { code: 'missingColumn', row: 1, column: 'clv_t_days' },
    ]);
    expect(problemsOf(`${header},Orders\n${good.join(',')},3\n`)).toEqual([{ code: 'duplicateColumn', row: 1, column: 'orders' }]);
    expect(problemsOf('')).toEqual([{ code: 'noHeader', row: 1, column: null }]);
    expect(problemsOf(`${header}\n`)).toEqual([{ code: 'noRows', row: 2, column: null }]);
  });

  it('reports each unreadable value with its row and column', () => {
    const rows = [
      good,
      withField('customer_id', ''),
      withField('customer_id', 'alice'),
      ['bob', ...withField('first_order_date', '2024/13/01').slice(1)],
      ['carol', ...withField('orders', '2.5').slice(1)],
      ['dave', ...withField('orders', '0').slice(1)],
      ['erin', ...withField('revenue', '"1,200"').slice(1)],
      ['fay', ...withField('revenue', '12%').slice(1)],
      ['gus', ...withField('clv_monetary', '').slice(1)],
      ['hal', ...withField('order_basis', 'orders').slice(1)],
      ['ivy', ...withField('clv_period', 'month').slice(1)],
    ];
    expect(problemsOf(fileOf(...rows))).toEqual([
      { code: 'emptyCustomer', row: 3, column: 'customer_id' },
      { code: 'duplicateRow', row: 4, column: 'customer_id' },
      { code: 'badDate', row: 5, column: 'first_order_date' },
      { code: 'notWholeNumber', row: 6, column: 'orders' },
      { code: 'outOfRange', row: 7, column: 'orders' },
      { code: 'badNumber', row: 8, column: 'revenue' },
      { code: 'badNumber', row: 9, column: 'revenue' },
      { code: 'badNumber', row: 10, column: 'clv_monetary' },
      { code: 'badValue', row: 11, column: 'order_basis' },
      { code: 'badValue', row: 12, column: 'clv_period' },
    ]);
  });

  it('reports values that contradict the rest of their row or the file', () => {
    const rows = [
      good,
      ['b', ...withField('analysis_date', '2024-02-02').slice(1)],
      ['c', ...withField('recency_days', '16').slice(1)],
      ['d', ...withField('last_order_date', '2023-12-31').slice(1)],
      ['e', ...withField('clv_t_days', '30').slice(1)],
      ['f', ...withField('clv_recency_days', '13').slice(1)],
      ['g', ...withField('clv_frequency', '3').slice(1)],
      ['h', '2024-01-01', '2024-01-01', '1', '5', '31', '0', '0', '31', '2.5', '2024-02-01', 'transactions', 'day'],
      ['i', ...withField('order_basis', 'days').slice(1)],
    ];
    expect(problemsOf(fileOf(...rows))).toEqual([
      { code: 'mixedValues', row: 3, column: 'analysis_date' },
      { code: 'inconsistent', row: 4, column: 'recency_days' },
      { code: 'inconsistent', row: 5, column: 'last_order_date' },
      { code: 'inconsistent', row: 5, column: 'recency_days' },
      { code: 'inconsistent', row: 5, column: 'clv_recency_days' },
      { code: 'inconsistent', row: 6, column: 'clv_t_days' },
      { code: 'inconsistent', row: 7, column: 'clv_recency_days' },
      { code: 'inconsistent', row: 8, column: 'clv_frequency' },
      { code: 'inconsistent', row: 9, column: 'clv_monetary' },
      { code: 'mixedValues', row: 10, column: 'order_basis' },
    ]);
  });

  it('checks weekly CLV periods against Monday-to-Sunday weeks', () => {
    // 2024-01-01 was a Monday: the 15th starts the third week, the analysis date 2024-02-01 the fifth.
    const weekly = withField('clv_t_days', '28', withField('clv_period', 'week'));
    expect(imported(fileOf(weekly)).clv.T[0]).toBe(28);
    expect(problemsOf(fileOf(withField('clv_t_days', '31', weekly)))).toEqual([{ code: 'inconsistent', row: 2, column: 'clv_t_days' }]);
  });

  it('reports rows with the wrong number of fields as the CSV parser sees them, and caps the list', () => {
    expect(problemsOf(fileOf(good, good.slice(0, 5)))).toEqual([{ code: 'tooFewFields', row: 3, column: null }]);
    const bad = Array.from({ length: 150 }, (_, i) => [`x${i}`, ...withField('orders', 'many').slice(1)]);
    const result = importCustomerSummary(fileOf(...bad), { maxProblems: 20 });
    expect(result.ok ? null : [result.problems.length, result.problemCount]).toEqual([20, 150]);
  });
});

describe('customer × channel totals', () => {
  const summaryText = fileOf(good, ['bob', ...good.slice(1)]);
  const channelHeader = CUSTOMER_CHANNEL_COLUMNS.join(',');

  it('builds the segment × channel matrix segmentChannelMatrix builds from the rows', () => {
    fc.assert(
      fc.property(transactions, fc.integer({ min: 19000, max: 19130 }), (tx, asOf) => {
        const ids = Array.from({ length: tx.customerCount }, (_, c) => `c${c}`);
        const names = ['web', '', '门店 "1"'];
        const want: CustomerSummary = customerSummary(tx, asOf);
        if (want.customersWithOrders === 0) return;
        const got = imported(summaryFile(tx, ids, asOf, 'transactions', 'day'));
        // Per customer and channel: orders and revenue, as the channel query groups them.
        const lines = [channelHeader];
        for (let c = 0; c < tx.customerCount; c++) {
          for (let ch = 0; ch < 3; ch++) {
            let n = 0;
            let revenue = 0;
            for (let i = 0; i < tx.customer.length; i++) {
              if (tx.customer[i] !== c || tx.channel![i] !== ch || tx.day[i] > asOf) continue;
              n++;
              revenue += tx.amount[i];
            }
            if (n > 0) lines.push([ids[c], csvField(names[ch]), n, revenue, formatDay(asOf)].join(','));
          }
        }
        const totals = importCustomerChannels(lines.join('\n'), got);
        if (!totals.ok) throw new Error(JSON.stringify(totals.problems));
        // Any assignment will do: customers spread over three segments by index.
        const appAssignment: SegmentAssignment = { ids: ['a', 'b', 'c'], segment: Uint16Array.from(want.orders, (n, c) => (n > 0 ? c % 3 : UNASSIGNED)) };
        const index = got.customerIds.map((id) => ids.indexOf(id));
        const assignment: SegmentAssignment = { ids: appAssignment.ids, segment: Uint16Array.from(index, (c) => appAssignment.segment[c]) };
        const options = { highValueSegments: ['a'] };
        const app = segmentChannelMatrix(tx, appAssignment, { throughDay: asOf, ...options });
        const from = segmentChannelFromTotals(totals.value, assignment, options);
        const order = names.map((name) => totals.value.channels.indexOf(name));
        for (let s = 0; s < 3; s++) {
          for (let ch = 0; ch < 3; ch++) {
            const cell = s * 3 + ch;
            const other = order[ch] < 0 ? -1 : s * from.channelCount + order[ch];
            expect(other < 0 ? 0 : from.customers[other]).toBe(app.customers[cell]);
            expect(other < 0 ? 0 : from.orders[other]).toBe(app.orders[cell]);
            expect(other < 0 ? 0 : from.revenue[other]).toBeCloseTo(app.revenue[cell], 9);
          }
          for (let ch = 0; ch < 3; ch++) {
            if (order[ch] < 0) continue;
            const [a, b] = [app.channels[ch], from.channels[order[ch]]];
            expect([b.customers, b.orders, b.repeatCustomers, b.highValueShare]).toEqual([a.customers, a.orders, a.repeatCustomers, a.highValueShare]);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('refuses customers the summary lacks, doubled pairs and another analysis date', () => {
    const got = imported(summaryText);
    const result = importCustomerChannels(
      [channelHeader, 'alice,web,2,10,2024-02-01', 'zed,web,1,5,2024-02-01', 'alice,web,1,5,2024-02-01', 'bob,,1,5,2024-01-31', 'bob,app,0,5,2024-02-01'].join('\n'),
      got,
    );
    expect(result.ok ? [] : result.problems).toEqual([
      { code: 'unknownCustomer', row: 3, column: 'customer_id' },
      { code: 'duplicateRow', row: 4, column: null },
      { code: 'mixedValues', row: 5, column: 'analysis_date' },
      { code: 'outOfRange', row: 6, column: 'orders' },
    ]);
  });
});
