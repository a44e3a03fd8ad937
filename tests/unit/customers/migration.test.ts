import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../../src/engine/customers/calendar';
import { customerSummary } from '../../../src/engine/customers/columns';
import { migrationMatrix, NEW_CUSTOMERS, NO_SEGMENT, rfmSegmentsAt } from '../../../src/engine/customers/migration';
import { R_RFM_SEGMENT_RULES, segmentTable, UNASSIGNED } from '../../../src/engine/customers/segments';
import { loadRfmOrders } from './fixtures';

const { tx } = loadRfmOrders();
const day1 = dayFromIso('2005-12-31');
const day2 = dayFromIso('2006-12-31');
const from = rfmSegmentsAt(tx, day1, R_RFM_SEGMENT_RULES);
const to = rfmSegmentsAt(tx, day2, R_RFM_SEGMENT_RULES);
const matrix = migrationMatrix(from, to);
const cols = matrix.toIds.length;
const rowTotal = (row: number) => matrix.counts.subarray(row * cols, (row + 1) * cols).reduce((a, b) => a + b, 0);

describe('segment migration 2005-12-31 → 2006-12-31 on the R rfm sample', () => {
  it('the second date reproduces the package’s Champions count', () => {
    const champions = segmentTable(to, customerSummary(tx, day2)).find((r) => r.id === 'champions')!;
    expect(champions.customers).toBe(158);
    const col = matrix.toIds.indexOf('champions');
    let intoChampions = 0;
    for (let row = 0; row < matrix.fromIds.length; row++) intoChampions += matrix.counts[row * cols + col];
    expect(intoChampions).toBe(158);
  });

  it('rows are the segments at the first date, plus customers who had not bought yet', () => {
    expect(matrix.fromIds[matrix.fromIds.length - 1]).toBe(NEW_CUSTOMERS);
    const early = segmentTable(from, customerSummary(tx, day1));
    early.forEach((row, i) => expect(rowTotal(i)).toBe(row.customers));
    let newcomers = 0;
    for (let c = 0; c < tx.customerCount; c++) if (from.segment[c] === UNASSIGNED && to.segment[c] !== UNASSIGNED) newcomers++;
    expect(rowTotal(matrix.fromIds.length - 1)).toBe(newcomers);
    expect(newcomers).toBeGreaterThan(0);
    // Everybody active in 2005 is still a customer in 2006: the 'none' column is empty.
    for (let row = 0; row < matrix.fromIds.length; row++) expect(matrix.counts[row * cols + cols - 1]).toBe(0);
    expect(matrix.toIds[cols - 1]).toBe(NO_SEGMENT);
  });

  it('row shares sum to one', () => {
    for (let row = 0; row < matrix.fromIds.length; row++) {
      if (rowTotal(row) === 0) continue;
      const shares = matrix.rowShares.subarray(row * cols, (row + 1) * cols);
      expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
  });
});
