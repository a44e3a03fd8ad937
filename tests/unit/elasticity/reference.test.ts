// Elasticities of the committed Online Retail subset against R's lm and sandwich::vcovHC (HC1):
// tests/fixtures/elasticity/reference.R wrote reference.json from the same file.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CsvParser } from '../../../src/engine/import/csv';
import { TransactionColumnBuilder } from '../../../src/engine/import/columns';
import { estimateElasticities, studentTQuantile, type ElasticityEstimate } from '../../../src/engine/elasticity';

const dir = fileURLToPath(new URL('../../fixtures/elasticity/', import.meta.url));

interface Reference {
  status: 'estimated' | 'refused';
  reason?: string;
  elasticity?: number;
  intercept?: number | null;
  seClassical?: number;
  seHC1?: number;
  df?: number;
  t975?: number;
  ciLow?: number;
  ciHigh?: number;
  observations: number;
  priceChanges: number;
}
const reference = JSON.parse(readFileSync(dir + 'reference.json', 'utf8')) as {
  excluded: { rows: number; nonPositiveQuantity: number; nonPositivePrice: number };
  products: (Reference & { product: string })[];
  channels: (Reference & { channel: string; products: number })[];
};

/** The subset as the app imports it: StockCode as product, Quantity × UnitPrice as amount, Country as channel. */
function imported() {
  // InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
  const builder = new TransactionColumnBuilder({ orderId: 0, product: 1, quantity: 2, date: 3, unitPrice: 4, customer: 5, channel: 6 });
  const parser = new CsvParser(builder);
  parser.push(readFileSync(dir + 'online_retail_subset.csv', 'utf8'));
  parser.finish();
  const result = builder.finish();
  expect(result.question).toBeNull();
  return result.columns;
}

const REL = 1e-9;
function close(actual: number, expected: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(REL * Math.max(1, Math.abs(expected)));
}

function matches(actual: ElasticityEstimate, ref: Reference) {
  expect(actual.observations).toBe(ref.observations);
  expect(actual.priceChanges).toBe(ref.priceChanges);
  expect(actual.status).toBe(ref.status);
  if (actual.status === 'refused') {
    expect(actual.reason).toBe(ref.reason);
    return;
  }
  close(actual.elasticity, ref.elasticity!);
  close(actual.standardError, ref.seHC1!);
  close(actual.classicalStandardError, ref.seClassical!);
  expect(actual.degreesOfFreedom).toBe(ref.df);
  close(actual.low, ref.ciLow!);
  close(actual.high, ref.ciHigh!);
  if (ref.intercept != null) close(actual.intercept!, ref.intercept);
}

describe('price elasticity of UCI Online Retail StockCodes against R (relative 1e-9)', () => {
  const result = estimateElasticities(imported());
  if (result.kind !== 'done') throw new Error('no estimate');

  it('leaves out returns and zero prices, and counts them', () => {
    expect(result.excluded).toEqual(reference.excluded);
  });

  it.each(reference.products.map((p) => [p.product, p] as const))('product %s', (code, ref) => {
    const found = result.products.find((p) => p.product === code);
    expect(found).toBeDefined();
    matches(found!.estimate, ref);
  });

  it('refuses the product whose price never moves', () => {
    const constant = result.products.find((p) => p.product === '21327')!;
    expect(constant.estimate).toMatchObject({ status: 'refused', reason: 'pricesNeverMove', priceChanges: 0 });
    expect(constant.estimate.observations).toBeGreaterThanOrEqual(8);
  });

  it.each(reference.channels.map((c) => [c.channel, c] as const))('pooled over the products of %s', (country, ref) => {
    const found = result.channels?.find((c) => c.channel === country);
    expect(found).toBeDefined();
    expect(found!.products).toBe(ref.products);
    matches(found!.estimate, ref);
  });

  it('has every product and channel of the reference, and no other', () => {
    expect(result.products.map((p) => p.product).sort()).toEqual(reference.products.map((p) => p.product).sort());
    expect(result.channels!.map((c) => c.channel).sort()).toEqual(reference.channels.map((c) => c.channel).sort());
  });

  it('uses the t quantile R gives', () => {
    for (const p of reference.products) if (p.df !== undefined) close(studentTQuantile(0.975, p.df), p.t975!);
  });
});
