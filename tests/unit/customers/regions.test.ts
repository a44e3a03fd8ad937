/**
 * Customers by region on the UCI Online Retail data (Country as the region): the app's segment ×
 * region matrix and RFM per region against an independent reduction written here from the raw
 * file (PapaParse, plain maps, R's type-7 quantiles done by hand), and the region rules (one region
 * per customer, blank values, folded names) on small hand-made sets.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { analyse, segmentAt } from '../../../src/engine/customers/analysis';
import { segmentChannelMatrix } from '../../../src/engine/customers/segmentChannel';
import { clvSteps } from '../../../src/engine/customers/clvAnalysis';
import { groupOrders } from '../../../src/engine/customers/orders';
import { MIN_REGION_CLV_CUSTOMERS, regionClvSteps } from '../../../src/engine/customers/regionClv';
import { customerRegions, groupRegionNames, isNoRegion } from '../../../src/engine/customers/regionGroups';
import { compareRegionsWithPlan } from '../../../src/engine/customers/regionPlan';
import { TransactionColumnBuilder, type ImportPolicies } from '../../../src/engine/import/columns';
import { parseCsvText } from '../../../src/engine/import/csv';
import { computePlan } from '../../../src/engine/compute';
import { rollup } from '../../../src/engine/rollup';
import { createPlanFromTemplate } from '../../../src/engine/templates';
import { detectColumnMapping } from '../../../src/engine/import/header';
import type { ColumnMapping } from '../../../src/engine/import/transactions';
import { referenceSegments, type ReferenceCustomer, type ReferenceRow } from './regionReference';

const FILE = fileURLToPath(new URL('../../fixtures/actuals/online_retail_subset.csv.gz', import.meta.url));
const text = gunzipSync(readFileSync(FILE)).toString('utf8');
const POLICIES: Partial<ImportPolicies> = { returns: 'exclude', cancellation: { orderIdPrefix: 'C' } };

export function importText(csv: string, policies: Partial<ImportPolicies> = POLICIES) {
  const header = csv.slice(0, csv.indexOf('\n')).split(',');
  const mapping = detectColumnMapping(header).mapping as ColumnMapping;
  const builder = new TransactionColumnBuilder(mapping, policies);
  parseCsvText(csv, builder, { delimiter: ',' });
  const { columns, question } = builder.finish();
  expect(question).toBeNull();
  return groupOrders(columns);
}

/** The raw rows as the reference reads them: sales of known customers (cancellations and returns left out), an order per invoice. */
function independentCounts(): { counts: Map<string, number>; customers: Map<string, ReferenceCustomer & { country: string }> } {
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
  const dayOf = (s: string) => Math.floor(Date.parse(`${s.slice(0, 10)}T00:00:00Z`) / 86_400_000);
  const rows: ReferenceRow[] = parsed
    .map((r) => ({ customer: r.CustomerID.trim(), order: r.InvoiceNo, day: dayOf(r.InvoiceDate), amount: Number(r.Quantity) * Number(r.UnitPrice), region: r.Country }))
    .filter((r) => r.customer !== '' && !r.order.startsWith('C') && r.amount >= 0);
  const { customers, counts } = referenceSegments(rows);
  return { counts, customers: new Map([...customers].map(([id, c]) => [id, { ...c, country: c.region ?? '' }])) };
}

describe('segment × region on UCI Online Retail (six countries)', () => {
  const data = importText(text);
  const analysis = analyse(data, { segmentation: 'rfm', highValueSegments: ['champions', 'loyal-customers'] });
  const view = analysis.regions!;
  const { counts, customers } = independentCounts();

  it('has the six countries as regions and every customer once', () => {
    expect([...view.names].sort()).toEqual(['Belgium', 'EIRE', 'France', 'Germany', 'Netherlands', 'Spain']);
    expect(view.noRegion).toBe(-1);
    expect(view.customers).toBe(customers.size);
    expect(view.customers).toBe(analysis.customers);
  });

  it('counts customers per segment and region as the independent reduction does', () => {
    const got = new Map<string, number>();
    const { matrix, names } = view;
    matrix.segmentIds.forEach((id, s) =>
      names.forEach((name, g) => {
        const n = matrix.customers[s * matrix.channelCount + g];
        if (n > 0) got.set(`${id}|${name}`, n);
      }),
    );
    expect(Object.fromEntries([...got].sort())).toEqual(Object.fromEntries([...counts].sort()));
    // Germany's champions, written down once so that a change in both routes still shows.
    expect(got.get('champions|Germany')).toBe(counts.get('champions|Germany'));
    expect(counts.get('champions|Germany')).toBeGreaterThan(10);
  });

  it('scores on the whole base, not within each region: a region’s segments are the Segments view’s', () => {
    // The segments table counts the same customers: summed over regions, each segment equals it.
    analysis.segments.forEach((row, s) => {
      let sum = 0;
      for (let g = 0; g < view.names.length; g++) sum += view.matrix.customers[s * view.matrix.channelCount + g];
      expect(sum).toBe(row.customers);
    });
    // Within-region quintiles would give Belgium a top-score customer in every fifth; one scale does not.
    const spain = view.rfm[view.names.indexOf('Spain')];
    const germany = view.rfm[view.names.indexOf('Germany')];
    expect(germany.highValueShare).not.toBeCloseTo(spain.highValueShare, 2);
  });

  it('is the segment × channel matrix of a column holding each order’s customer’s region', () => {
    const seg = segmentAt(data, analysis.analysisDay, { segmentation: 'rfm' });
    const home = customerRegions(data.orders, data.orderRegion!, groupRegionNames(data.columns.region!.values), analysis.analysisDay);
    const column = Int32Array.from(data.orders.customer, (c) => home[c]);
    const viaChannels = segmentChannelMatrix({ ...data.orders, channel: column, channelCount: view.names.length }, seg.assignment, {
      throughDay: analysis.analysisDay,
      highValueSegments: ['champions', 'loyal-customers'],
    });
    expect(Array.from(view.matrix.customers)).toEqual(Array.from(viaChannels.customers));
    expect(Array.from(view.matrix.orders)).toEqual(Array.from(viaChannels.orders));
    expect(Array.from(view.matrix.revenue)).toEqual(Array.from(viaChannels.revenue));
    expect(view.matrix.channels).toEqual(viaChannels.channels);
  });

  it('RFM per region: customers, orders, revenue and high-value counts from the raw rows', () => {
    for (const row of view.rfm) {
      const name = view.names[row.region];
      const mine = [...customers.values()].filter((c) => c.country === name);
      expect(row.customers, name).toBe(mine.length);
      expect(row.orders, name).toBe(mine.reduce((s, c) => s + c.orders.size, 0));
      expect(row.revenue).toBeCloseTo(
        mine.reduce((s, c) => s + c.revenue, 0),
        6,
      );
      const hv = (counts.get(`champions|${name}`) ?? 0) + (counts.get(`loyal-customers|${name}`) ?? 0);
      expect(row.highValue, name).toBe(hv);
      expect(row.highValueShare).toBeCloseTo(hv / mine.length, 12);
    }
  });
});

describe('region of a customer and values that name no region', () => {
  it('reads blanks, dashes and placeholders as no region, and merges 繁/简, width and case', () => {
    for (const v of ['', ' ', '—', '-', '－－', 'N/A', 'null', '未知']) expect(isNoRegion(v), v).toBe(true);
    for (const v of ['华东', 'North', 'N', '1']) expect(isNoRegion(v), v).toBe(false);
    const g = groupRegionNames(['华东', '', '華東', '华南', ' 华东 ', '—', 'ｎｏｒｔｈ', 'North']);
    expect(g.names).toEqual(['华东', '华南', 'ｎｏｒｔｈ', '']);
    expect(g.noRegion).toBe(3);
    expect(Array.from(g.groupOfCode)).toEqual([0, 3, 0, 1, 0, 3, 2, 2]);
    expect(g.spellings[0]).toEqual(['华东', '華東', ' 华东 ']);
  });

  it('puts a customer in the region of their first order that names one', () => {
    // Regions: 0 华东, 1 '—' (none), 2 华南, 3 華東 (= 华东).
    const groups = groupRegionNames(['华东', '—', '华南', '華東']);
    const tx = {
      customer: Int32Array.of(0, 0, 1, 1, 2, 2, 3),
      day: Int32Array.of(5, 3, 1, 2, 4, 4, 9),
      amount: Float64Array.of(1, 1, 1, 1, 1, 1, 1),
      customerCount: 4,
    };
    const region = Int32Array.of(0, 2, 1, 3, 2, 0, 1);
    // c0: 华南 on day 3 comes before 华东 on day 5; c1: day 1 names none, day 2 華東 → 华东;
    // c2: two orders on day 4, the earlier row wins (华南); c3: only "—" → no region.
    expect(Array.from(customerRegions(tx, region, groups))).toEqual([1, 0, 1, 2]);
    expect(groups.names).toEqual(['华东', '华南', '']);
    // As of day 2, c0 has not bought yet and c2 neither.
    expect(Array.from(customerRegions(tx, region, groups, 2))).toEqual([-1, 0, -1, -1]);
  });

  it('an import with blank and mixed-script regions: merged rows, and "no region" in the matrix', () => {
    const csv = [
      'order_id,customer_id,order_date,amount,region',
      'o1,a,2024-01-05,100,华东',
      'o2,a,2024-02-05,100,華東',
      'o3,b,2024-01-06,50,',
      'o4,b,2024-03-01,70,—',
      'o5,c,2024-01-07,80,华南',
      'o6,d,2024-01-08,90, 華東 ', // the importer trims the spaces: one spelling with 華東
    ].join('\n').replace(/ \/\/.*$/gm, '');
    const data = importText(csv + '\n', {});
    const analysis = analyse(data, { segmentation: 'seeds4' });
    const view = analysis.regions!;
    expect(view.names).toEqual(['华东', '华南', '']);
    expect(view.merged).toEqual([{ name: '华东', spellings: ['华东', '華東'] }]);
    expect(view.blankValues.sort()).toEqual(['', '—'].sort());
    expect(view.rfm.map((r) => r.customers)).toEqual([2, 1, 1]);
    expect(view.rfm.map((r) => r.revenue)).toEqual([290, 80, 120]);
  });
});

describe('CLV per region on UCI Online Retail', () => {
  const data = importText(text);
  const request = { unit: 'weeks' as const, horizonMonths: 12, discountRate: 0.01, margin: 0.3 };
  const run = <R>(steps: Generator<unknown, R>): R => {
    for (;;) {
      const s = steps.next();
      if (s.done) return s.value;
    }
  };
  const result = run(regionClvSteps(data, request, 'rfm'));
  const { customers } = independentCounts();

  it('fits each region with enough customers, and says why not below the minimum', () => {
    const byName = new Map(result.regions.map((r) => [r.region, r]));
    expect(result.minCustomers).toBe(MIN_REGION_CLV_CUSTOMERS);
    for (const r of result.regions) {
      const n = [...customers.values()].filter((c) => c.country === r.region).length;
      expect(r.customers, r.region).toBe(n);
      expect(r.status, r.region).toBe(n >= MIN_REGION_CLV_CUSTOMERS ? 'fitted' : 'tooFew');
    }
    expect(byName.get('Germany')!.status).toBe('fitted');
    expect(byName.get('Spain')!.status).toBe('tooFew');
  });

  it('a region’s fit is the fit of a file holding only that region’s customers', () => {
    for (const country of ['Germany', 'France']) {
      const ids = new Set([...customers].filter(([, c]) => c.country === country).map(([id]) => id));
      const lines = text.split('\n');
      const own = [lines[0], ...lines.slice(1).filter((line) => line !== '' && ids.has(line.split(',').at(-2)!.trim()))].join('\n');
      const alone = run(clvSteps(importText(own), { ...request, observationEndDay: result.observationEndDay }, 'rfm'));
      const row = result.regions.find((r) => r.region === country)!;
      if (row.status !== 'fitted') throw new Error(`${country} not fitted`);
      expect(row.bgnbd).toEqual(alone.bgnbd);
      expect(row.gammaGamma).toEqual(alone.gammaGamma);
      expect(row.totalClv).toBe(alone.totalClv);
      expect(row.customers).toBe(alone.customers);
      expect(row.meanClv).toBeCloseTo(alone.totalClv / alone.customers, 9);
    }
  });
});

describe('high-value share by region next to the plan’s regional spend', () => {
  const plan = createPlanFromTemplate('grocery', { id: 'p', now: 0, locale: 'zh-CN' });
  const result = computePlan(plan);
  // Data regions written as finance might: traditional, with spaces, one the plan lacks, blanks.
  const csv = [
    'order_id,customer_id,order_date,amount,region',
    'o1,a,2024-01-05,500,三四線城市',
    'o2,a,2024-02-05,500,三四线城市',
    'o3,b,2024-01-06,50,县城',
    'o4,c,2024-01-07,80, 縣城 ',
    'o5,d,2024-01-08,90,海外',
    'o6,e,2024-01-09,60,',
    'o7,f,2024-01-10,70,乡镇及农村',
  ].join('\n');
  const data = importText(csv + '\n', {});
  const view = analyse(data, { segmentation: 'seeds4', highValueSegments: ['high-value'] }).regions!;
  const comparison = compareRegionsWithPlan(view, plan, result);

  it('matches the data’s regions to the plan’s by folded name, and keeps the rest apart', () => {
    expect(comparison.rows.map((r) => [r.regionId, r.dataRegions, r.customers])).toEqual([
      ['tier3', ['三四線城市'], 1],
      ['county', ['县城'], 2],
      ['township', ['乡镇及农村'], 1],
    ]);
    expect(comparison.unmatched).toEqual([{ name: '海外', customers: 1, highValue: view.rfm[view.names.indexOf('海外')].highValue }]);
    expect(comparison.noRegionCustomers).toBe(1);
  });

  it('spend shares are the plan’s region roll-up over its total spend, and add up to one', () => {
    const byRegion = rollup(plan, result, 'region', 'all');
    let total = 0;
    for (let i = 0; i < result.flows.spend.length; i++) total += result.flows.spend[i];
    expect(comparison.totalSpend).toBe(total);
    for (const row of comparison.rows) {
      const g = byRegion.groupKeys.indexOf(row.regionId);
      expect(row.spend).toBe(byRegion.flows.spend[g]);
      expect(row.shareOfSpend).toBeCloseTo(row.spend / total, 12);
    }
    expect(comparison.rows.reduce((s, r) => s + (r.shareOfSpend ?? 0), 0)).toBeCloseTo(1, 12);
  });

  it('high-value shares: within the region, and of all the plan regions’ high-value customers', () => {
    const hv = comparison.rows.map((r) => r.highValue);
    const all = hv.reduce((a, b) => a + b, 0);
    expect(all).toBeGreaterThan(0);
    for (const r of comparison.rows) {
      expect(r.shareOfHighValue).toBeCloseTo(r.highValue / all, 12);
      expect(r.highValueShare).toBeCloseTo(r.highValue / r.customers, 12);
    }
  });

  it('shows the spend of channels serving no region as a row of its own, in the spend shares only', () => {
    const open = { ...plan, channels: plan.channels.map((ch, i) => (i === 0 ? { ...ch, regions: [] } : ch)) };
    const res = computePlan(open);
    const c = compareRegionsWithPlan(view, open, res);
    const byRegion = rollup(open, res, 'region', 'all');
    const unassigned = c.rows.find((r) => r.regionId === '')!;
    expect(unassigned.spend).toBe(byRegion.flows.spend[byRegion.groupKeys.indexOf('')]);
    expect(unassigned.spend).toBeGreaterThan(0);
    expect(unassigned.customers).toBe(0);
    expect(unassigned.shareOfHighValue).toBeNull();
    expect(c.rows.reduce((s, r) => s + (r.shareOfSpend ?? 0), 0)).toBeCloseTo(1, 12);
    expect(c.rows.reduce((s, r) => s + (r.shareOfHighValue ?? 0), 0)).toBeCloseTo(1, 12);
  });

  it('follows the names saved at the last actuals import first', () => {
    const saved = { ...plan, actuals: { start: '2027-01', months: 1, series: [], source: { kind: 'table' as const, name: 'x', importedAt: 0 }, channelNames: [], regionNames: [{ name: '海外', targetId: 'township' }] } };
    const c = compareRegionsWithPlan(view, saved, result);
    expect(c.rows.find((r) => r.regionId === 'township')!.dataRegions).toEqual(['海外', '乡镇及农村']);
    expect(c.unmatched).toEqual([]);
  });
});
