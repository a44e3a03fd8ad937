import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { abcClasses } from '../../../src/engine/customers/abc';
import { customerSummary, rowsByCustomer, type Transactions } from '../../../src/engine/customers/columns';
import { quantileType7, rfmBreaks, scoreRfm } from '../../../src/engine/customers/rfm';
import { segmentChannelMatrix } from '../../../src/engine/customers/segmentChannel';
import { UNASSIGNED, type SegmentAssignment } from '../../../src/engine/customers/segments';
import { selectRanks, sortedIntegers, sortIndicesByValue } from '../../../src/engine/customers/sortKeys';

// Reference implementations: the plain comparator sorts and per-customer loops the fast paths replace.

const referenceOrder = (revenue: Float64Array, items: number[]) => [...items].sort((x, y) => revenue[y] - revenue[x] || x - y);

function referenceBreaks(values: Float64Array, bins: number): number[] {
  const sorted = Float64Array.from(values).sort();
  return Array.from({ length: bins - 1 }, (_, i) => quantileType7(sorted, (i + 1) * (1 / bins)) + 1);
}

/** Orders and revenue per cell, customers, repeat customers per channel: customer by customer, rows in (day, row) order. */
function referenceMatrix(tx: Transactions, assignment: SegmentAssignment, throughDay?: number) {
  const m = tx.channelCount!;
  const cells = assignment.ids.length * m;
  const orders = new Int32Array(cells);
  const revenue = new Float64Array(cells);
  const customers = new Int32Array(cells);
  const repeat = new Int32Array(m);
  const { offsets, rows } = rowsByCustomer(tx, throughDay);
  for (let c = 0; c < tx.customerCount; c++) {
    const s = assignment.segment[c];
    if (s === UNASSIGNED) continue;
    const perChannel = new Map<number, number>();
    for (let j = offsets[c]; j < offsets[c + 1]; j++) {
      const ch = tx.channel![rows[j]];
      perChannel.set(ch, (perChannel.get(ch) ?? 0) + 1);
      orders[s * m + ch]++;
      revenue[s * m + ch] += tx.amount[rows[j]];
    }
    for (const [ch, n] of perChannel) {
      customers[s * m + ch]++;
      if (n >= 2) repeat[ch]++;
    }
  }
  return { orders, revenue, customers, repeat };
}

/** Values with many ties, signed zeros, negatives and fractions: what breaks sort keys. */
const valueArb = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 0.1, 0.2, 0.30000000000000004, 1e-300, -1e300, Infinity, -Infinity),
  fc.integer({ min: -5, max: 5 }),
  fc.double({ noNaN: true }),
  fc.integer({ min: -100000, max: 100000 }).map((c) => c / 100),
);

const rowsArb = (channels = 4) =>
  fc.array(
    fc.record({
      c: fc.integer({ min: 0, max: 9 }),
      d: fc.integer({ min: 0, max: 40 }),
      a: fc.integer({ min: -5000, max: 50000 }).map((c) => c / 100),
      ch: fc.integer({ min: 0, max: channels - 1 }),
    }),
    { maxLength: 120 },
  );

const toTx = (rows: { c: number; d: number; a: number; ch: number }[], channelCount = 4): Transactions => ({
  customer: Int32Array.from(rows, (r) => r.c),
  day: Int32Array.from(rows, (r) => r.d),
  amount: Float64Array.from(rows, (r) => r.a),
  channel: Int32Array.from(rows, (r) => r.ch),
  customerCount: 10,
  channelCount,
});

describe('sort keys against comparator sorts', () => {
  it('radix order: value descending or ascending, ties by input order', () => {
    fc.assert(
      fc.property(fc.array(valueArb, { maxLength: 300 }), fc.boolean(), (list, descending) => {
        const values = Float64Array.from(list);
        const items = Int32Array.from(values.keys());
        const expected = descending ? referenceOrder(values, [...items]) : [...items].sort((x, y) => values[x] - values[y] || x - y);
        expect(Array.from(sortIndicesByValue(values, items, descending))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('counting sort of small integers equals the typed-array sort', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 300 }), (list) => {
        const values = Float64Array.from(list);
        const counted = sortedIntegers(values);
        expect(counted).not.toBeNull();
        // Compared as numbers: the counting sort returns +0 where the typed-array sort may keep −0.
        expect(Array.from(counted!, (v) => v + 0)).toEqual(Array.from(Float64Array.from(values).sort(), (v) => v + 0));
      }),
    );
  });

  it('selection puts the sorted value at every requested rank', () => {
    fc.assert(
      fc.property(fc.array(valueArb, { minLength: 1, maxLength: 400 }), fc.array(fc.nat(), { maxLength: 10 }), (list, picks) => {
        const values = Float64Array.from(list);
        const sorted = Float64Array.from(values).sort();
        const ranks = picks.map((p) => p % values.length);
        const selected = selectRanks(values, ranks);
        for (const r of ranks) expect(selected[r] === sorted[r]).toBe(true);
        expect(Array.from(values)).toEqual(list); // the input is untouched
      }),
      { numRuns: 300 },
    );
  });
});

describe('fast paths against the plain implementations', () => {
  it('RFM breaks equal type-7 quantiles of the fully sorted values', () => {
    fc.assert(
      fc.property(fc.array(valueArb, { minLength: 1, maxLength: 300 }), fc.integer({ min: 2, max: 9 }), (list, bins) => {
        const values = Float64Array.from(list);
        const breaks = rfmBreaks(values, bins);
        referenceBreaks(values, bins).forEach((b, i) => expect(Object.is(breaks[i] + 0, b + 0)).toBe(true));
      }),
      { numRuns: 300 },
    );
  });

  it('RFM scores: equal values share a score, and scores follow the reference breaks', () => {
    fc.assert(
      fc.property(rowsArb(), (rows) => {
        const summary = customerSummary(toTx(rows));
        const scores = scoreRfm(summary, { monetary: 'average' });
        const present = Array.from(summary.orders.keys()).filter((c) => summary.orders[c] > 0);
        const average = Float64Array.from(present, (c) => summary.revenue[c] / summary.orders[c]);
        const breaks = referenceBreaks(average, 5);
        present.forEach((c, j) => {
          const above = breaks.filter((b) => average[j] >= b).length;
          expect(scores.monetary[c]).toBe(1 + above);
        });
      }),
    );
  });

  it('ABC order: revenue descending, ties by lower index', () => {
    fc.assert(
      fc.property(fc.array(valueArb, { maxLength: 300 }), fc.array(fc.boolean(), { maxLength: 300 }), (list, flags) => {
        const revenue = Float64Array.from(list);
        const include = Uint8Array.from(list, (_, i) => (flags[i] === false ? 0 : 1));
        const result = abcClasses(revenue, { include });
        const items = Array.from(revenue.keys()).filter((i) => include[i]);
        expect(Array.from(result.order)).toEqual(referenceOrder(revenue, items));
      }),
      { numRuns: 300 },
    );
  });

  // 4 channels fit a bit set; 40 take the per-channel scratch; 300 need more than a byte per row.
  it.each([4, 40, 300])('segment × channel matrix with %i channels: same counts and bit-identical revenue, in or out of date order', (channels) => {
    const segmentsArb = fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 10, maxLength: 10 });
    const throughDayArb = fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined });
    fc.assert(
      fc.property(rowsArb(channels), fc.boolean(), throughDayArb, segmentsArb, (rows, chronological, throughDay, segmentOf) => {
        const ordered = chronological ? [...rows].sort((x, y) => x.d - y.d) : rows;
        const tx = toTx(ordered, channels);
        const assignment: SegmentAssignment = { ids: ['a', 'b'], segment: Uint16Array.from(segmentOf, (s) => (s === 2 ? UNASSIGNED : s)) };
        const matrix = segmentChannelMatrix(tx, assignment, { throughDay, highValueSegments: ['a'] });
        const reference = referenceMatrix(tx, assignment, throughDay);
        expect(Array.from(matrix.orders)).toEqual(Array.from(reference.orders));
        expect(Array.from(matrix.customers)).toEqual(Array.from(reference.customers));
        expect(matrix.channels.map((c) => c.repeatCustomers)).toEqual(Array.from(reference.repeat));
        const highValue = matrix.channels.map((c) => Math.round(c.highValueShare * c.customers));
        expect(highValue).toEqual(Array.from({ length: channels }, (_, ch) => reference.customers[ch]));
        // The same sums in another order: equal up to rounding in the last digits.
        matrix.revenue.forEach((v, cell) => expect(v).toBeCloseTo(reference.revenue[cell], 6));
      }),
      { numRuns: 200 },
    );
  });
});
