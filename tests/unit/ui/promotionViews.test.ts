import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { computePlan } from '../../../src/engine/compute';
import { addPromotionOps, removePromotionOps, scenarioPromotionOps } from '../../../src/engine/levers/promotionEdits';
import { promotionFromTemplate } from '../../../src/engine/levers/promotionTemplates';
import { applyOps } from '../../../src/engine/patch';
import { createPlanFromTemplate } from '../../../src/engine/templates';
import { monthKeys } from '../../../src/engine/timeline';
import type { Plan } from '../../../src/engine/types';
import { en, type MessageKey } from '../../../src/i18n/en';
import { planWorkbook } from '../../../src/ui/export/planWorkbook';
import { toXlsx } from '../../../src/ui/export/xlsx';
import { calendarLayout } from '../../../src/ui/levers/promotions/calendarLayout';

const t = (key: MessageKey, params?: Record<string, string | number>): string =>
  en[key].replace(/\{(\w+)\}/g, (m, k: string) => (params && k in params ? String(params[k]) : m));

function withDouble11(): Plan {
  const p = createPlanFromTemplate('beauty', { id: 'p1', now: 0, locale: 'en' });
  const year = Number(p.timeline.start.slice(0, 4));
  const promo = promotionFromTemplate(p, 'double11', year, 'd11', 'Double 11')!;
  return applyOps(p, addPromotionOps(p, promo)).result as Plan;
}

describe('promotion edits', () => {
  it('adds, changes in a scenario (clearing an empty change) and removes with the scenarios’ changes', () => {
    let plan = withDouble11();
    expect(plan.promotions!.map((x) => x.id)).toEqual(['d11']);
    plan = { ...plan, scenarios: [{ id: 's1', name: 'S', parentId: null, adjustments: [], notes: '' }] };
    plan = applyOps(plan, scenarioPromotionOps(plan, 's1', 'd11', 'lift', 3)).result as Plan;
    expect(plan.scenarios[0].promotions).toEqual([{ promotionId: 'd11', lift: 3 }]);
    plan = applyOps(plan, scenarioPromotionOps(plan, 's1', 'd11', 'enabled', false)).result as Plan;
    expect(plan.scenarios[0].promotions).toEqual([{ promotionId: 'd11', lift: 3, enabled: false }]);
    const cleared = applyOps(plan, [...scenarioPromotionOps(plan, 's1', 'd11', 'lift', undefined)]).result as Plan;
    expect(cleared.scenarios[0].promotions).toEqual([{ promotionId: 'd11', enabled: false }]);
    const removed = applyOps(plan, removePromotionOps(plan, 'd11')).result as Plan;
    expect(removed.promotions).toEqual([]);
    expect(removed.scenarios[0].promotions).toBeUndefined();
  });
});

describe('promotion calendar', () => {
  it('puts each event over its days on each of its channels, overlapping events in lanes', () => {
    const plan = withDouble11();
    const months = monthKeys(plan.timeline);
    const second = { ...plan.promotions![0], id: 'x', start: plan.promotions![0].start.slice(0, 4) + '-11-01', end: plan.promotions![0].start.slice(0, 4) + '-11-30' };
    const layout = calendarLayout(plan, months, [...plan.promotions!, second]);
    expect(layout.rows.map((r) => r.channelId)).toEqual(plan.promotions![0].channelIds);
    const row = layout.rows[0];
    expect(row.lanes).toBe(2);
    expect(layout.months.reduce((s, m) => s + m.width, 0)).toBeCloseTo(100, 9);
    const [a, b] = row.bars;
    // 20 Oct – 11 Nov is 23 days; Nov 1 starts 31 days after Oct 1.
    const oct = layout.months.find((m) => m.key.endsWith('-10'))!;
    const nov = layout.months.find((m) => m.key.endsWith('-11'))!;
    expect(a.left).toBeCloseTo(oct.left + (oct.width * 19) / 31, 9);
    expect(a.width).toBeCloseTo((oct.width / 31) * 23, 9);
    expect(b.left).toBeCloseTo(nov.left, 9);
    expect([a.lane, b.lane]).toEqual([0, 1]);
  });
});

describe('plan workbook with promotions', () => {
  it('shows the promotion discount next to gross revenue, with the engine’s total', () => {
    const plan = withDouble11();
    const baseline = computePlan(plan);
    const sheets = planWorkbook({ plan, baseline, scenarios: [], locale: 'en', t, describe: () => '' });
    const wb = XLSX.read(toXlsx(sheets), { type: 'array' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[t('tabs.channels')], { header: 1, defval: null, raw: true });
    const head = rows[0] as string[];
    const k = head.indexOf(t('metric.promotionDiscount'));
    expect(head[k + 1]).toBe(t('metric.grossRevenue'));
    const total = rows[rows.length - 1][k] as number;
    expect(total).toBe(baseline.flows.promotionDiscount.reduce((s, v) => s + v, 0) / 100);
    expect(total).toBeGreaterThan(0);
  });
});
