import { describe, expect, it } from 'vitest';
import { clvSteps } from '../../../src/engine/customers/clvAnalysis';
import { runSteps } from '../../../src/engine/customers/minimize';
import { groupOrders } from '../../../src/engine/customers/orders';
import { TransactionColumnBuilder } from '../../../src/engine/import/columns';
import { CsvParser } from '../../../src/engine/import/csv';
import { formatDay } from '../../../src/engine/import/values';

/** Orders of customers who never stop buying (a store's loyal base, as in the Superstore sample): Poisson purchases to the end. */
function loyalOrders(customers: number, seed = 3): string {
  let s = seed;
  const random = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const lines = ['customer,date,amount'];
  const start = 19_000;
  for (let c = 0; c < customers; c++) {
    const rate = 0.01 + 0.04 * random();
    let day = start + Math.floor(random() * 200);
    for (;;) {
      lines.push(`c${c},${formatDay(Math.floor(day))},${(20 + 80 * random()).toFixed(2)}`);
      day += -Math.log(1 - random()) / rate;
      if (day >= start + 1400) break;
    }
  }
  return lines.join('\n');
}

function ordersOf(text: string) {
  const builder = new TransactionColumnBuilder({ customer: 0, date: 1, amount: 2 });
  const parser = new CsvParser(builder);
  parser.push(text);
  parser.finish();
  return groupOrders(builder.finish().columns);
}

const request = { unit: 'weeks' as const, horizonMonths: 12, discountRate: 0.01, margin: 1 };

describe('CLV fits report how they went', () => {
  it('no sign of dropout: the fit sits at the boundary, says so, and nearly everyone is "alive"', () => {
    const result = runSteps(clvSteps(ordersOf(loyalOrders(600)), request, 'rfm'));
    expect(result.bgnbd.noDropout).toBe(true);
    expect(result.bgnbd.meanDropout).toBeLessThan(1e-3);
    // That is what the note warns of: P(alive) ≈ 100 % for everyone, "lost" segments included.
    expect(result.nearlyCertainlyAlive).toBe(result.customers);
    const lost = result.perSegment.find((s) => s.segment === 'lost');
    if (lost && lost.customers > 0) expect(lost.pAlive).toBeGreaterThan(0.99);
    expect(Number.isFinite(result.totalClv)).toBe(true);
  });

  it('CDNOW-like dropout: no boundary, converged, spend model fitted', async () => {
    const { loadCdnowSample } = await import('./fixtures');
    const { tx } = loadCdnowSample();
    const columns = {
      length: tx.day.length,
      customer: { codes: Int32Array.from(tx.customer), values: Array.from({ length: tx.customerCount }, (_, i) => `c${i}`) },
      date: Int32Array.from(tx.day),
      amount: Float64Array.from(tx.amount),
      quantity: null,
      orderId: null,
      channel: null,
      region: null,
      product: null,
    };
    const result = runSteps(clvSteps(groupOrders(columns), { ...request, observationEndDay: 10_134 }, 'rfm'));
    expect(result.bgnbd.noDropout).toBe(false);
    expect(result.bgnbd.converged).toBe(true);
    expect(result.gammaGamma).not.toBeNull();
    expect(result.noSpendModel).toBeNull();
  });

  it('a calibration period before every purchase is refused with a code', () => {
    expect(() => runSteps(clvSteps(ordersOf(loyalOrders(50)), { ...request, observationEndDay: 100 }, 'rfm'))).toThrow(expect.objectContaining({ name: 'AnalysisError', code: 'clvNoHistory' }));
  });
});
