import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { computePlan } from '../../../src/engine/compute';
import { parsePlanFile } from '../../../src/engine/planFile';
import { regionCells } from '../../../src/engine/regions';
import { createPlanFromTemplate } from '../../../src/engine/templates';
import { FLOW_METRICS, type FlowMetric, type Plan } from '../../../src/engine/types';
import { en, type MessageKey } from '../../../src/i18n/en';
import { planWorkbook } from '../../../src/ui/export/planWorkbook';
import { plannedByRegion } from '../../../src/ui/export/regionSheet';
import { toXlsx } from '../../../src/ui/export/xlsx';
import { regionTable } from '../../../src/ui/report/regionTable';
import { readFixture } from '../planFile/helpers';

const t = (key: MessageKey, params?: Record<string, string | number>): string =>
  en[key].replace(/\{(\w+)\}/g, (m, k: string) => (params && k in params ? String(params[k]) : m));

function grocery(): Plan {
  const read = parsePlanFile(readFixture('v4-grocery-regions.cmplan.json'));
  if (!read.ok) throw new Error('fixture');
  return read.plan;
}

/** Sums of one cell row over the plan, straight from the engine's arrays. */
function rowSums(cells: ReturnType<typeof regionCells>, q: number): Record<FlowMetric, number> {
  const out = {} as Record<FlowMetric, number>;
  for (const m of FLOW_METRICS) {
    let s = 0;
    for (let k = 0; k < cells.periods; k++) s += cells.flows[m][q * cells.periods + k];
    out[m] = s;
  }
  return out;
}

describe('the plan by region in the workbook', () => {
  it('has a "By region" sheet with every channel × region row of regionCells, numbers as numbers, and a total that is the plan’s', () => {
    const plan = grocery();
    const res = computePlan(plan, null);
    const wb = XLSX.read(toXlsx(planWorkbook({ plan, baseline: res, scenarios: [], locale: 'en', t, describe: () => '' })), { type: 'array', cellNF: true });
    expect(wb.SheetNames).toContain('By region');
    expect(wb.SheetNames.indexOf('By region')).toBe(wb.SheetNames.indexOf('Scenarios') - 1);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['By region'], { header: 1, defval: null, raw: true });
    expect(rows[0]).toEqual(['Channel', 'Region', 'Share of channel', 'Spend', 'Orders', 'Gross revenue', 'Net revenue', 'Channel cost', 'Contribution', 'ROI']);
    const cells = regionCells(plan, res);
    expect(rows).toHaveLength(1 + cells.rows.length + 1);
    const regionName = (id: string) => plan.regions.find((r) => r.id === id)!.name;
    cells.rows.forEach((row, q) => {
      const r = rows[q + 1];
      const s = rowSums(cells, q);
      expect(r[0]).toBe(plan.channels[row.channel].name);
      expect(r[1]).toBe(regionName(row.regionId));
      expect(r[2]).toBeCloseTo(row.share, 6);
      // Money in yuan (minor units / 100), exact to the fen; orders as a count; ROI = contribution ÷ (spend + fixed cost).
      expect(Math.round((r[3] as number) * 100)).toBe(s.spend);
      expect(r[4]).toBeCloseTo(s.orders, 0);
      expect(Math.round((r[5] as number) * 100)).toBe(s.grossRevenue);
      expect(Math.round((r[6] as number) * 100)).toBe(s.netRevenue);
      expect(Math.round((r[7] as number) * 100)).toBe(s.channelCost);
      expect(Math.round((r[8] as number) * 100)).toBe(s.contribution);
      expect(r[9]).toBeCloseTo(s.contribution / (s.spend + s.fixedCost), 6);
      for (const v of r.slice(2)) expect(typeof v).toBe('number');
    });
    // The total row is the plan's total.
    const last = rows.at(-1)!;
    let net = 0;
    for (let i = 0; i < res.flows.netRevenue.length; i++) net += res.flows.netRevenue[i];
    expect(last[0]).toBe('Total');
    expect(Math.round((last[6] as number) * 100)).toBe(net);
  });

  it('a plan without regional values gets no such sheet (it exports as before)', () => {
    const plan = createPlanFromTemplate('beauty', { id: 'p', now: 0, locale: 'en' });
    expect(plannedByRegion(plan)).toBe(false);
    const sheets = planWorkbook({ plan, baseline: computePlan(plan, null), scenarios: [], locale: 'en', t, describe: () => '' });
    expect(sheets.map((s) => s.name)).not.toContain('By region');
  });
});

describe('the plan by region in the report', () => {
  it('spend, net revenue, contribution, ROI and shares per region add up to the plan', () => {
    const plan = grocery();
    const res = computePlan(plan, null);
    const { lines, total } = regionTable(plan, res);
    expect(lines.map((l) => l.regionId)).toEqual(plan.regions.map((r) => r.id));
    const cells = regionCells(plan, res);
    for (const l of lines) {
      const qs = cells.rows.flatMap((r, q) => (r.regionId === l.regionId ? [q] : []));
      const sum = (m: FlowMetric) => qs.reduce((a, q) => a + rowSums(cells, q)[m], 0);
      expect(l.spend).toBe(sum('spend'));
      expect(l.netRevenue).toBe(sum('netRevenue'));
      expect(l.contribution).toBe(sum('contribution'));
      expect(l.roi).toBeCloseTo(sum('contribution') / (sum('spend') + sum('fixedCost')), 12);
      expect(l.spendShare).toBeCloseTo(sum('spend') / total.spend, 12);
    }
    expect(lines.reduce((a, l) => a + l.spend, 0)).toBe(total.spend);
    expect(lines.reduce((a, l) => a + l.netRevenue, 0)).toBe(total.netRevenue);
    expect(lines.reduce((a, l) => a + l.contribution, 0)).toBe(total.contribution);
    expect(lines.reduce((a, l) => a + (l.netRevenueShare ?? 0), 0)).toBeCloseTo(1, 12);
  });
});
