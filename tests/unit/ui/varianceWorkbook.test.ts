import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { computePlan } from '../../../src/engine/compute';
import { createPlanFromTemplate } from '../../../src/engine/templates';
import type { Plan } from '../../../src/engine/types';
import { en, type MessageKey } from '../../../src/i18n/en';
import { planWorkbook } from '../../../src/ui/export/planWorkbook';
import { toXlsx } from '../../../src/ui/export/xlsx';

const t = (key: MessageKey, params?: Record<string, string | number>): string =>
  en[key].replace(/\{(\w+)\}/g, (m, k: string) => (params && k in params ? String(params[k]) : m));

function plan(): Plan {
  const p = createPlanFromTemplate('beauty', { id: 'p1', now: 0, locale: 'en' });
  p.actuals = {
    start: '2026-12',
    months: 3,
    series: [
      { channelId: 'ch-tmall', regionId: '', values: { netRevenue: [9_000_000, 10_000_123, null], orders: [400, 410, null] } },
      { channelId: 'ch-stores', regionId: 'tier1', values: { netRevenue: [null, 2_000_000, 2_500_050], customers: [null, 80, 90] } },
    ],
    source: { kind: 'table', name: 'a.xlsx', importedAt: 0 },
    channelNames: [],
    regionNames: [],
  };
  return p;
}

function sheets(p: Plan) {
  const baseline = computePlan(p, null);
  const wb = XLSX.read(toXlsx(planWorkbook({ plan: p, baseline, scenarios: [], locale: 'en', t, describe: () => '' })), { type: 'array', cellNF: true });
  return { wb, baseline, rows: (name: string) => XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name], { header: 1, defval: null, raw: true }) };
}

describe('plan workbook with actuals', () => {
  it('adds Actuals and Plan vs actual sheets with numbers as numbers', () => {
    const p = plan();
    const { wb, rows, baseline } = sheets(p);
    expect(wb.SheetNames).toContain('Actuals');
    expect(wb.SheetNames).toContain('Plan vs actual');
    const actuals = rows('Actuals');
    expect(actuals[0]).toEqual(['Channel', 'Region', 'Month', 'Net revenue', 'Orders', 'Customers']);
    // One row per series and month with any value: Tmall Dec, Jan; stores Jan, Feb.
    expect(actuals).toHaveLength(5);
    expect(actuals[2]).toEqual([p.channels[0].name, null, 'Jan 2027', 100_001.23, 410, null]);
    const pva = rows('Plan vs actual');
    expect(pva[0].slice(0, 6)).toEqual(['Channel', 'Month', 'Net revenue · Plan', 'Net revenue · Actual', 'Net revenue · Δ', 'Net revenue · Δ %']);
    // Plan months with an actual: Tmall Jan; stores Jan and Feb (Dec 2026 lies before the plan).
    expect(pva).toHaveLength(4);
    const planJan = baseline.flows.netRevenue[0] / 100;
    expect(pva[1][2]).toBeCloseTo(planJan, 2);
    expect(pva[1][3]).toBe(100_001.23);
    expect(pva[1][4]).toBeCloseTo(100_001.23 - planJan, 2);
    expect(pva[1][5]).toBeCloseTo((100_001.23 - planJan) / planJan, 5);
    const ws = wb.Sheets['Plan vs actual'];
    expect(ws.F2.t).toBe('n');
    expect(String(ws.F2.z)).toContain('%');
  });

  it('has no such sheets without actuals', () => {
    const p = plan();
    delete p.actuals;
    expect(sheets(p).wb.SheetNames).not.toContain('Actuals');
  });
});
