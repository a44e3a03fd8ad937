import { describe, expect, it } from 'vitest';
import { estimateElasticities } from '../../../src/engine/elasticity';
import { TransactionColumnBuilder } from '../../../src/engine/import/columns';
import { CsvParser } from '../../../src/engine/import/csv';
import { detectColumnMapping } from '../../../src/engine/import/header';
import { SAMPLE_ELASTICITY, sampleTransactionsCsv, type SampleOptions } from '../../../src/engine/customers/sampleData';

const OPTIONS: SampleOptions = { seed: 7, customers: 6000, planStart: '2027-01', channels: ['天猫旗舰店', '线下体验店', '私域社群', '抖音直播'], language: 'zh' };

/** The file as the importer reads it: headers recognised, columns built. */
function imported(csv: string) {
  const header = csv.slice(0, csv.indexOf('\r\n')).split(',');
  const guess = detectColumnMapping(header);
  const builder = new TransactionColumnBuilder(guess.mapping as ConstructorParameters<typeof TransactionColumnBuilder>[0]);
  const parser = new CsvParser(builder);
  parser.push(csv);
  parser.finish();
  return { guess, result: builder.finish() };
}

describe('sample transactions', () => {
  it('the same seed gives the same file; another seed another', () => {
    const a = sampleTransactionsCsv(OPTIONS);
    expect(sampleTransactionsCsv(OPTIONS)).toBe(a);
    expect(sampleTransactionsCsv({ ...OPTIONS, seed: 8 })).not.toBe(a);
  });

  it('reads like a shop export: Chinese headers the importer recognises, the plan’s channels, two years before the plan, amounts = quantity × price', () => {
    const csv = sampleTransactionsCsv(OPTIONS);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('订单号,客户ID,订单日期,渠道,区域,商品,数量,单价,金额');
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.length).toBeGreaterThan(5000);
    const dates = rows.map((r) => r[2]);
    expect(dates[0] >= '2025-01-01').toBe(true);
    expect(dates[dates.length - 1] < '2027-01-01').toBe(true);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(rows.map((r) => r[3]))).toEqual(new Set(OPTIONS.channels));
    for (const r of rows.slice(0, 500)) expect(Number(r[8])).toBeCloseTo(Number(r[6]) * Number(r[7]), 2);
    // Repeat buyers exist, as in any real base: some customers have several orders, most have few.
    const perCustomer = new Map<string, number>();
    for (const r of rows) perCustomer.set(r[1], (perCustomer.get(r[1]) ?? 0) + 1);
    const counts = [...perCustomer.values()];
    expect(counts.filter((n) => n === 1).length / counts.length).toBeGreaterThan(0.3);
    expect(Math.max(...counts)).toBeGreaterThan(10);
    const { guess, result } = imported(csv);
    expect(guess.complete).toBe(true);
    expect(result.question).toBeNull();
    expect(result.columns.length).toBe(rows.length);
  });

  it('the price-elasticity view finds prices that move and an elastic demand near the elasticity the data was made with', () => {
    const { result } = imported(sampleTransactionsCsv(OPTIONS));
    const analysis = estimateElasticities(result.columns);
    if (analysis.kind !== 'done') throw new Error(`no estimate: ${analysis.kind}`);
    const estimates = analysis.products.map((p) => p.estimate);
    const fitted = estimates.filter((p) => p.status === 'estimated');
    expect(fitted.length).toBeGreaterThanOrEqual(6);
    // Weekly sums carry the noise of how many orders a week brings (and its drift as the customer base
    // grows and thins, which the view's weekly fit does not model): most products' 95 % intervals hold
    // the true value, and the estimates centre on it.
    let covered = 0;
    for (const p of fitted) if (p.status === 'estimated' && p.low <= SAMPLE_ELASTICITY && SAMPLE_ELASTICITY <= p.high) covered++;
    expect(covered).toBeGreaterThanOrEqual(5);
    const mean = fitted.reduce((s, p) => s + (p.status === 'estimated' ? p.elasticity : 0), 0) / fitted.length;
    expect(Math.abs(mean - SAMPLE_ELASTICITY)).toBeLessThan(0.35);
    // Pooled per channel, with many products, the estimate is tighter and says demand is elastic.
    expect(analysis.channels).toHaveLength(OPTIONS.channels.length);
    for (const c of analysis.channels ?? []) {
      expect(c.estimate.status).toBe('estimated');
      if (c.estimate.status === 'estimated') expect(c.estimate.high).toBeLessThan(-0.5);
    }
  });

  it('English headers and names when asked', () => {
    const csv = sampleTransactionsCsv({ ...OPTIONS, language: 'en', channels: ['Tmall'] });
    expect(csv.slice(0, csv.indexOf('\r\n'))).toBe('order_id,customer_id,order_date,channel,region,product,quantity,unit_price,amount');
    expect(imported(csv).guess.complete).toBe(true);
  });
});
