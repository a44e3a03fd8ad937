import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayFromCivil, dayFromIso } from '../../../src/engine/customers/calendar';
import { R_RFM_SEGMENT_NAMES } from '../../../src/engine/customers/segments';
import type { PlannerDb } from '../../../src/persistence/db';
import { DatasetRepo } from '../../../src/persistence/datasets';
import { apiFor, type TestApi, expectDone, fileOf, fixtureBytes, fixtureText, freshDb, ignoreProgress, options } from './helpers';

/** File → preview → import → store → analyse, on the R `rfm` package's sample orders. */
describe('RFM analysis of the R rfm sample through the whole pipeline', () => {
  let db: PlannerDb;
  let api: TestApi;
  let id: string;
  const analysisDay = dayFromIso('2006-12-31');

  beforeAll(async () => {
    db = await freshDb();
    api = apiFor(db);
    const file = fileOf(fixtureBytes('customers/rfm_data_orders.csv'), 'rfm_data_orders.csv');
    const preview = await api.previewFile(file);
    expect(preview.mapping).toMatchObject({ customer: 0, date: 1, amount: 2 });
    id = expectDone(await api.importFile(file, options(preview.mapping), ignoreProgress, new AbortController().signal)).id;
    // Analyse what was stored, not what the import kept in memory.
    api.forget();
  });
  afterAll(async () => {
    db.close();
    await db.delete();
  });

  it('reproduces the package’s published Champions: 158 customers, 1,234 orders, revenue 120,178', async () => {
    const result = await api.analyse(id, { analysisDay, segmentation: 'rfm' });
    expect(result).toMatchObject({ analysisDay, customers: 995, transactions: 4906, ordersFromOrderId: false });
    const champions = result.segments.find((s) => R_RFM_SEGMENT_NAMES[s.id] === 'Champions');
    expect(champions).toMatchObject({ customers: 158, orders: 1234, revenue: 120178 });
    expect(result.segmentIds).toEqual(result.segments.map((s) => s.id));
    expect(result.segments.reduce((n, s) => n + s.customers, 0)).toBe(995);
    expect(result.thresholds?.frequency.lower.slice(1)).toEqual([4, 5, 6, 8]);
  });

  it('charts a sample of customers, ABC classes with a Pareto curve and cohorts; no channel or product views without those columns', async () => {
    const result = await api.analyse(id, { analysisDay, segmentation: 'rfm', abc: { a: 0.5, b: 0.9 } });
    expect(result.scatter).toHaveLength(995);
    expect(result.scatter.every((p) => p.segment >= 0 && p.segment < result.segmentIds.length && p.r > 0)).toBe(true);
    const counts = result.abc.classes.map((c) => c.count);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(995);
    expect(result.abc.classes[0].revenueShare).toBeGreaterThanOrEqual(0.5);
    expect(result.abc.pareto[0]).toEqual({ x: 0, y: 0 });
    expect(result.abc.pareto.at(-1)).toEqual({ x: 1, y: 1 });
    expect(result.matrix).toBeNull();
    expect(result.abcProducts).toBeNull();
    expect(result.cohorts.size.reduce((a, b) => a + b, 0)).toBe(995);
    expect(result.cohorts.byFirstChannel).toBeUndefined();
  });

  it('segments by the seeds’ four classes and the eight-class model', async () => {
    const seeds = await api.analyse(id, { analysisDay, segmentation: 'seeds4' });
    expect(seeds.segmentIds).toEqual(['high-value', 'potential', 'general', 'lost']);
    const eight = await api.analyse(id, { analysisDay, segmentation: 'eight' });
    expect(eight.segmentIds).toHaveLength(8);
    expect(eight.thresholds).toBeNull();
    expect(eight.segments.reduce((n, s) => n + s.customers, 0)).toBe(995);
  });

  it('migrates between two dates and exports every customer’s membership', async () => {
    const m = await api.migration(id, dayFromIso('2005-12-31'), analysisDay, { segmentation: 'rfm' });
    expect(m.fromIds.at(-1)).toBe('new');
    expect(m.toIds.at(-1)).toBe('none');
    expect(m.counts.reduce((a, b) => a + b, 0)).toBe(995);
    const out = await api.exportMembership(id, { analysisDay, segmentation: 'rfm' });
    expect(out.header).toEqual(['customer', 'recency_days', 'frequency', 'monetary', 'r_score', 'f_score', 'm_score', 'segment', 'abc_class']);
    expect(out.rows).toHaveLength(995);
    // R rfm's README row: Agness O'Keefe, recency 90, 9 orders, 843, scores 5 5 5.
    const agness = out.rows.find((r) => r[0] === "Agness O'Keefe");
    expect(agness?.slice(1, 8)).toEqual([90, 9, 843, 5, 5, 5, 'champions']);
  });

  it('a deleted data set is no longer analysed from memory', async () => {
    const extra = expectDone(await api.importFile(fileOf('customer,date,amount\nA,2024-01-02,1\n', 'x.csv'), options({ customer: 0, date: 1, amount: 2 }), ignoreProgress, new AbortController().signal));
    await api.analyse(extra.id, { segmentation: 'rfm' });
    await new DatasetRepo(db).delete(extra.id);
    await expect(api.analyse(extra.id, { segmentation: 'rfm' })).rejects.toMatchObject({ name: 'CustomersError', code: 'datasetMissing' });
  });
});

describe('channels, products and order ids in the analysis', () => {
  let db: PlannerDb;
  let api: TestApi;
  beforeAll(async () => {
    db = await freshDb();
    api = apiFor(db);
  });
  afterAll(async () => {
    db.close();
    await db.delete();
  });

  it('order lines sharing an order id are one transaction; matrix, products and cohorts by first channel', async () => {
    const lines = [
      'order,customer,date,amount,channel,product',
      'O1,A,2024-01-05,10,Shop,apple',
      'O1,A,2024-01-05,15,Shop,pear',
      'O2,B,2024-01-20,40,Web,apple',
      'O3,A,2024-02-11,5,Web,plum',
      ',B,2024-03-02,7,Web,pear',
      ',B,2024-03-02,8,Web,pear',
      'O4,C,2024-03-09,100,Shop,apple',
    ];
    const file = fileOf(lines.join('\n'), 'lines.csv');
    const preview = await api.previewFile(file);
    expect(preview.mapping).toMatchObject({ orderId: 0, customer: 1, date: 2, amount: 3, channel: 4, product: 5 });
    const dataset = expectDone(await api.importFile(file, options(preview.mapping), ignoreProgress, new AbortController().signal));
    const result = await api.analyse(dataset.id, { segmentation: 'rfm', highValueSegments: ['champions'] });
    expect(result.ordersFromOrderId).toBe(true);
    // O1's two lines are one order; the two rows without an order id stay two.
    expect(result.transactions).toBe(6);
    expect(result.analysisDay).toBe(dayFromCivil(2024, 3, 10));
    expect(result.segments.reduce((n, s) => n + s.orders, 0)).toBe(6);
    expect(result.matrix?.channelNames).toEqual(['Shop', 'Web']);
    expect(Array.from(result.matrix!.revenue).reduce((a, b) => a + b, 0)).toBe(185);
    expect(result.matrix!.channels.map((c) => c.orders)).toEqual([2, 4]);
    expect(result.abcProducts?.top.map((p) => [p.product, p.revenue])).toEqual([['apple', 150], ['pear', 30], ['plum', 5]]);
    expect(result.cohorts.channelNames).toEqual(['Shop', 'Web']);
    expect(result.cohorts.byFirstChannel?.map((g) => g.size.reduce((a, b) => a + b, 0))).toEqual([2, 1]);
  });
});

/** CDNOW's sample as a CSV file, customers by their sample id. */
function cdnowCsv(): string {
  const rows = fixtureText('customers/CDNOW_sample.txt')
    .trim()
    .split(/\r?\n/)
    .map((line) => line.trim().split(/\s+/));
  const channel = (id: number) => (id % 3 === 0 ? 'Catalogue' : 'Web');
  return ['customer_id,order_date,cds,amount,channel', ...rows.map((r) => `${Number(r[1])},${r[2]},${r[3]},${r[4]},${channel(Number(r[1]))}`)].join('\n');
}

describe('CLV of the CDNOW sample through the whole pipeline', () => {
  let db: PlannerDb;
  let api: TestApi;
  let id: string;
  beforeAll(async () => {
    db = await freshDb();
    api = apiFor(db);
    const file = fileOf(cdnowCsv(), 'cdnow.csv');
    const preview = await api.previewFile(file);
    expect(preview.mapping).toMatchObject({ customer: 0, date: 1, amount: 3 });
    const dataset = expectDone(await api.importFile(file, options({ customer: 0, date: 1, amount: 3, channel: 4 }), ignoreProgress, new AbortController().signal));
    expect(dataset.rows).toBe(6919);
    expect(dataset.customers).toBe(2357);
    expect(dataset.report.dates.forms.compact).toBe(6919);
    id = dataset.id;
    api.forget();
  });
  afterAll(async () => {
    db.close();
    await db.delete();
  });

  it('fits BG/NBD and Gamma-Gamma to the published parameters on the calibration period to 1997-09-30, in weeks', async () => {
    const result = await api.clv(id, { unit: 'weeks', horizonMonths: 12, discountRate: 0.01, margin: 1, observationEndDay: dayFromCivil(1997, 9, 30) }, 'rfm');
    expect(result.bgnbd.r).toBeCloseTo(0.243, 3);
    expect(result.bgnbd.alpha).toBeCloseTo(4.414, 2);
    expect(result.bgnbd.a).toBeCloseTo(0.793, 3);
    expect(result.bgnbd.b).toBeCloseTo(2.426, 2);
    expect(result.bgnbd.logLikelihood).toBeCloseTo(-9582.4, 1);
    expect(result.gammaGamma!.p).toBeCloseTo(6.25, 2);
    expect(result.gammaGamma!.q).toBeCloseTo(3.74, 2);
    expect(result.gammaGamma!.v).toBeCloseTo(15.44, 1);
    expect(result.customers).toBe(2357);
  });

  it('rolls CLV up by segment and first channel, applies the margin, and ranks the top 100', async () => {
    const base = { unit: 'weeks' as const, horizonMonths: 12, discountRate: 0.01, observationEndDay: dayFromCivil(1997, 9, 30) };
    const full = await api.clv(id, { ...base, margin: 1 }, 'rfm');
    const half = await api.clv(id, { ...base, margin: 0.5 }, 'rfm');
    expect(half.totalClv).toBeCloseTo(full.totalClv / 2, 6);
    expect(full.perSegment.reduce((n, s) => n + s.customers, 0)).toBe(2357);
    expect(full.perSegment.reduce((n, s) => n + s.totalClv, 0)).toBeCloseTo(full.totalClv, 6);
    const mean = (seg: string) => full.perSegment.find((s) => s.segment === seg)!.clv;
    expect(mean('champions')).toBeGreaterThan(mean('lost'));
    // Channels in order of first appearance: sample id 1 buys on the web.
    expect(full.perFirstChannel?.map((c) => c.channel)).toEqual(['Web', 'Catalogue']);
    expect(full.perFirstChannel!.reduce((n, c) => n + c.customers, 0)).toBe(2357);
    // The monthly margin per first channel discounts back to the channel's mean CLV, and halves with the margin.
    for (const [c, ch] of full.perFirstChannel!.entries()) {
      expect(ch.monthlyMargin).toHaveLength(12);
      const discounted = ch.monthlyMargin.reduce((s, m, i) => s + m / 1.01 ** (i + 1), 0);
      expect(discounted).toBeCloseTo(ch.clv, 6);
      expect(half.perFirstChannel![c].monthlyMargin[0]).toBeCloseTo(ch.monthlyMargin[0] / 2, 9);
    }
    expect(full.top).toHaveLength(100);
    for (let i = 1; i < full.top.length; i++) expect(full.top[i - 1].clv).toBeGreaterThanOrEqual(full.top[i].clv);
    expect(full.top[0].expectedSpend).toBeGreaterThan(0);
    expect(full.top[0].pAlive).toBeGreaterThan(0);
  });
});
