import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { computePlan, type PlanResult } from '../../../src/engine/compute';
import { createPlanFromTemplate } from '../../../src/engine/templates';
import type { Plan, Scenario } from '../../../src/engine/types';
import { en, type MessageKey } from '../../../src/i18n/en';
import { MONTHLY_METRICS, planWorkbook, SCENARIO_KPIS } from '../../../src/ui/export/planWorkbook';
import { toXlsx } from '../../../src/ui/export/xlsx';

const t = (key: MessageKey, params?: Record<string, string | number>): string =>
  en[key].replace(/\{(\w+)\}/g, (m, k: string) => (params && k in params ? String(params[k]) : m));

const SCENARIO: Scenario = {
  id: 'sc-more',
  name: 'Spend +10 %',
  parentId: null,
  notes: 'What if the live-stream push comes early?',
  adjustments: [{ id: 'adj-1', target: { kind: 'all' }, driver: 'spend', op: { kind: 'scale', percent: 10 }, enabled: true }],
};

function plan(): Plan {
  const p = createPlanFromTemplate('beauty', { id: 'p1', now: 0, locale: 'en' });
  return { ...p, notes: 'Budget for 2027 = last year + 8 %.', scenarios: [...(p.scenarios ?? []), SCENARIO] };
}

/** The workbook as a reader sees it: rows of raw cell values, and the cells themselves. */
function read(p: Plan): { wb: XLSX.WorkBook; rows: (name: string) => unknown[][] } {
  const baseline = computePlan(p, null);
  const scenarios = (p.scenarios ?? []).map((s) => ({ id: s.id, name: s.name, result: computePlan(p, s.id) }));
  const sheets = planWorkbook({ plan: p, baseline, scenarios, locale: 'en', t, describe: (a) => `${a.driver} ${a.op.kind}` });
  const wb = XLSX.read(toXlsx(sheets), { type: 'array', cellNF: true });
  return { wb, rows: (name) => XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name], { header: 1, defval: null, raw: true }) };
}

/** Independent sums over the engine's per-cell flows (minor units → yuan). */
function channelTotal(r: PlanResult, metric: 'netRevenue' | 'spend' | 'contribution', c: number, from = 0, to = r.periods): number {
  let s = 0;
  for (let k = from; k < to; k++) s += r.flows[metric][c * r.periods + k];
  return s / 100;
}

describe('plan workbook', () => {
  const p = plan();
  const base = computePlan(p, null);
  const { wb, rows } = read(p);

  it('has a sheet per view: channels, each main metric by month, scenarios, assumptions', () => {
    expect(wb.SheetNames).toEqual(['Channels', ...MONTHLY_METRICS.map((m) => `${en[`metric.${m}`]} by month`.slice(0, 31)), 'Scenarios', 'Assumptions']);
  });

  it('lists every channel with its drivers and results, and a total row that is the sum', () => {
    const sheet = rows('Channels');
    const head = sheet[0] as string[];
    expect(sheet).toHaveLength(1 + p.channels.length + 1);
    expect(sheet.slice(1, -1).map((r) => r[0])).toEqual(p.channels.map((c) => c.name));
    expect(sheet.at(-1)?.[0]).toBe('Total');
    const net = head.indexOf('Net revenue');
    const spendBase = head.indexOf('Spend (base)');
    p.channels.forEach((ch, c) => {
      expect(sheet[c + 1][net]).toBeCloseTo(channelTotal(base, 'netRevenue', c), 2);
      expect(sheet[c + 1][spendBase]).toBe(ch.drivers.spend.base / 100);
    });
    const sum = p.channels.reduce((a, _, c) => a + channelTotal(base, 'netRevenue', c), 0);
    expect(sheet.at(-1)?.[net]).toBeCloseTo(sum, 2);
    // Under the base drivers, as in the channel grid: amounts summed, rates blended (orders ÷ traffic).
    expect(sheet.at(-1)?.[spendBase]).toBe(p.channels.reduce((a, ch) => a + ch.drivers.spend.base, 0) / 100);
    const orders = p.channels.reduce((a, _, c) => a + base.flows.orders.slice(c * base.periods, (c + 1) * base.periods).reduce((x, v) => x + v, 0), 0);
    const traffic = p.channels.reduce((a, _, c) => a + base.flows.traffic.slice(c * base.periods, (c + 1) * base.periods).reduce((x, v) => x + v, 0), 0);
    expect(sheet.at(-1)?.[head.indexOf('Conversion (base)')]).toBeCloseTo(orders / traffic, 5);
    const ws = wb.Sheets.Channels;
    const netCell = ws[XLSX.utils.encode_cell({ r: 1, c: net })];
    expect(netCell.t).toBe('n');
    expect(netCell.z).toBe('"¥"#,##0.00');
    const share = ws[XLSX.utils.encode_cell({ r: 1, c: head.indexOf('Revenue share') })];
    expect(share.t).toBe('n');
    expect(share.z).toBe('0.00%');
  });

  it('has each metric by channel and month, with a total column and row that add up', () => {
    const sheet = rows('Net revenue by month');
    expect(sheet[0]).toHaveLength(1 + p.timeline.periods + 1);
    expect(sheet[0][1]).toBe('Jan 2027');
    expect(sheet.at(-1)?.[0]).toBe('Total');
    p.channels.forEach((_, c) => {
      const row = sheet[c + 1] as number[];
      expect(row[1]).toBeCloseTo(channelTotal(base, 'netRevenue', c, 0, 1), 2);
      const months = row.slice(1, -1).reduce((a, v) => a + v, 0);
      expect(row.at(-1)).toBeCloseTo(months, 2);
      expect(row.at(-1)).toBeCloseTo(channelTotal(base, 'netRevenue', c), 2);
    });
    const totalRow = sheet.at(-1) as number[];
    for (let b = 1; b <= p.timeline.periods; b++) {
      expect(totalRow[b]).toBeCloseTo(sheet.slice(1, -1).reduce((a, r) => a + (r[b] as number), 0), 2);
    }
    // ROI is not summed: its total is contribution ÷ (spend + fixed cost) of the whole plan.
    const roi = rows('ROI by month');
    const whole = p.channels.reduce((a, _, c) => a + channelTotal(base, 'contribution', c), 0);
    let divisor = 0;
    for (let c = 0; c < p.channels.length; c++) for (let k = 0; k < base.periods; k++) divisor += base.flows.spend[c * base.periods + k] + base.flows.fixedCost[c * base.periods + k];
    expect(roi.at(-1)?.at(-1)).toBeCloseTo(whole / (divisor / 100), 5);
    expect(wb.Sheets['ROI by month'].B2.z).toBe('0.00%');
  });

  it('compares every scenario with the baseline, with the difference a reader can check', () => {
    const sheet = rows('Scenarios');
    expect(sheet[0]).toEqual(expect.arrayContaining(['Metric', 'Baseline', 'Spend +10 %', 'Spend +10 % Δ', 'Spend +10 % Δ %']));
    expect(sheet).toHaveLength(1 + SCENARIO_KPIS.length);
    const col = (sheet[0] as string[]).indexOf('Spend +10 %');
    const spendRow = sheet.find((r) => r[0] === 'Spend') as number[];
    const scenario = computePlan(p, SCENARIO.id);
    const sum = (r: PlanResult): number => p.channels.reduce((a, _, c) => a + channelTotal(r, 'spend', c), 0);
    expect(spendRow[1]).toBeCloseTo(sum(base), 2);
    expect(spendRow[col]).toBeCloseTo(sum(scenario), 2);
    expect(spendRow[col + 1]).toBeCloseTo(sum(scenario) - sum(base), 2);
    expect(spendRow[col + 2]).toBeCloseTo(0.1, 4);
    // A ratio's difference is in points; it has no relative difference.
    const roiRow = sheet.find((r) => r[0] === 'ROI') as (number | null)[];
    expect(roiRow[col + 2]).toBeNull();
  });

  it('writes the assumptions: currency, timeline, regions, notes and each scenario', () => {
    const sheet = rows('Assumptions');
    const value = (item: string): unknown => sheet.find((r) => r[0] === item)?.[1];
    expect(value('Currency')).toBe('CNY');
    expect(value('First month')).toBe('Jan 2027');
    expect(value('Months')).toBe(24);
    expect(value('Assumptions and notes')).toBe('Budget for 2027 = last year + 8 %.');
    expect(value('Regions')).toBe(p.regions.map((r) => r.name).join(', ') || null);
    expect(value('Scenario “Spend +10 %”')).toBe('builds on Baseline');
    expect(value('Adjustment 1')).toBe('spend scale');
    expect(value('Channel and monthly sheets show')).toBe('Baseline');
  });

  it('writes a plan without channels or scenarios: headers and empty totals, nothing that is not a number', () => {
    const empty: Plan = { ...p, channels: [], scenarios: [] };
    const { wb: book, rows: sheet } = read(empty);
    expect(book.SheetNames).toHaveLength(10);
    expect(sheet('Channels').map((r) => r[0])).toEqual(['Channel', 'Total']);
    expect(sheet('Net revenue by month').map((r) => r[0])).toEqual(['Channel', 'Total']);
    for (const name of book.SheetNames) {
      for (const row of sheet(name)) for (const v of row) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
    }
  });
});
