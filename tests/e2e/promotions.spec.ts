import type { Page } from '@playwright/test';
import * as XLSX from 'xlsx';
import { computePlan } from '../../src/engine/compute';
import { promotionEffects, type PromotionEffect } from '../../src/engine/levers/promotionEffects';
import type { Plan } from '../../src/engine/types';
import { formatMoney, formatPercent } from '../../src/i18n/format';
import { expect, test, watchLibraries } from './fixtures';
import { storedPlan } from './storedPlan';

const LOCALE = 'zh-CN';
const yuan = (minor: number): string => formatMoney(minor, 'CNY', LOCALE);
const pct = (v: number): string => formatPercent(v, LOCALE, 1);
const total = (a: Float64Array): number => a.reduce((s, v) => s + v, 0);

async function typeField(page: Page, testid: string, text: string): Promise<void> {
  const field = page.getByTestId('promo-event').getByTestId(testid);
  await field.fill(text);
  await field.press('Enter');
}

/** The effect the page shows, against the engine's effect of the plan IndexedDB holds. */
async function expectEffectShown(page: Page, e: PromotionEffect, k = 0): Promise<void> {
  const card = page.getByTestId('promo-event').nth(k);
  await expect(card.getByTestId('promo-effect-net')).toHaveText(yuan(e.netRevenue));
  await expect(card.getByTestId('promo-effect-discount')).toHaveText(yuan(e.discount));
  await expect(card.getByTestId('promo-effect-contribution')).toHaveText(yuan(e.contribution));
  await expect(card.getByTestId('promo-effect-breakeven')).toHaveText(pct(e.breakEvenLift!));
}

test.describe('promotions (中文)', () => {
  test('a Double-11 promotion planned with its lift and margin cost: figures on screen are computePlan’s, a losing lift says so, the export has every row as numbers', async ({ page, planner: p }) => {
    const libraries = watchLibraries(page);
    await p.open(LOCALE);
    await p.newPlan('beauty');
    await page.getByTestId('tab-levers').click();
    await page.getByTestId('levers-promotions').click();
    await expect(page.getByTestId('promo-empty')).toBeVisible();

    await page.getByTestId('promo-template').selectOption('double11');
    await expect(page.getByTestId('promo-template').locator('option:checked')).toHaveText('双11');
    const year = await page.getByTestId('promo-year').inputValue();
    await page.getByTestId('promo-add-template').click();
    await expect(page.getByTestId('promo-event')).toHaveCount(1);
    await expect(page.getByTestId('promo-event').getByTestId('promo-name')).toHaveValue(`双11 ${year}`);

    // The planner's own figures: 25 % off, demand three times as high on the event's days.
    await typeField(page, 'promo-depth', '25%');
    await typeField(page, 'promo-lift', '200%');
    await p.saved();

    const plan: Plan = await storedPlan(page);
    const promo = plan.promotions![0];
    expect(promo).toMatchObject({ start: `${year}-10-20`, end: `${year}-11-11`, depth: 0.25, lift: 2, liftOn: 'traffic', template: 'double11', enabled: true });
    expect(promo.pullForward).toEqual({ share: 0.25, days: 21 });
    expect(promo.hangover).toEqual({ share: 0.15, months: 1 });
    // The template's channels are the plan's online ones.
    const online = plan.channels.filter((c) => ['ecommercePlatform', 'socialCommerce', 'liveStream', 'officialSite', 'o2o'].includes(c.type)).map((c) => c.id);
    expect(promo.channelIds).toEqual(online);

    // Node's computation of the stored plan: the discount is a P&L line; the effect is with minus without.
    const res = computePlan(plan);
    const without = computePlan({ ...plan, promotions: [] });
    const [effect] = promotionEffects(plan, null);
    expect(effect.discount).toBe(total(res.flows.promotionDiscount));
    expect(effect.discount).toBeGreaterThan(0);
    expect(effect.netRevenue).toBe(total(res.flows.netRevenue) - total(without.flows.netRevenue));
    expect(effect.contribution).toBe(total(res.flows.contribution) - total(without.flows.contribution));
    // Same margins in every month: break-even at d / (1 − d − p − h) = 0.25 / 0.35 (rebates and cannibalisation aside).
    expect(effect.breakEvenLift!).toBeGreaterThan(0.6);
    expect(effect.breakEvenLift!).toBeLessThan(0.85);
    await expectEffectShown(page, effect);
    await expect(page.getByTestId('promo-verdict')).toHaveText(
      `盈利：贡献利润增加 ${yuan(effect.contribution)}；需求增量达到 ${pct(effect.breakEvenLift!)} 即可保本（预计 ${pct(2)}）。`,
    );
    // The KPI tiles are the plan with the promotion.
    expect(await p.kpi('netRevenue')).toBe(total(res.flows.netRevenue));

    // The calendar shows the event on each of its channels.
    await expect(page.getByTestId('promo-bar')).toHaveCount(online.length);
    await expect(page.getByTestId('promo-bar').first()).toContainText('双11');

    // A lift below break-even loses money, and the page says so with the lift it would need.
    await typeField(page, 'promo-lift', '30%');
    await p.saved();
    const losing = await storedPlan(page);
    expect(losing.promotions![0].lift).toBeCloseTo(0.3, 12);
    const [lose] = promotionEffects(losing, null);
    expect(lose.contribution).toBeLessThan(0);
    await expectEffectShown(page, lose);
    await expect(page.getByTestId('promo-verdict')).toHaveText(
      `亏损：贡献利润减少 ${yuan(-lose.contribution)}。需求增量至少要达到 ${pct(lose.breakEvenLift!)} 才能抵消折扣（预计 ${pct(0.3)}）。`,
    );

    // The discount is a P&L line of the channel grid: Node's total, and each channel's own.
    await page.getByTestId('tab-channels').click();
    const lost = computePlan(losing);
    expect(await p.readCell('channel-grid', 'total', 'metric.promotionDiscount')).toBe(yuan(total(lost.flows.promotionDiscount)));
    const P = lost.periods;
    const first = total(lost.flows.promotionDiscount.subarray(0, P));
    expect(await p.readCell('channel-grid', 0, 'metric.promotionDiscount')).toBe(yuan(first));
    await page.getByTestId('tab-levers').click();

    // The export: a header and one row per event, numbers as numbers.
    const file = await p.download('promo-export-xlsx');
    expect(file.name).toMatch(/促销\.xlsx$/);
    const wb = XLSX.read(file.bytes, { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1, defval: null, raw: true });
    expect(rows).toHaveLength(2);
    const head = rows[0] as string[];
    const row = rows[1];
    const col = (name: string): unknown => row[head.indexOf(name)];
    expect(col('名称')).toBe(`双11 ${year}`);
    expect(col('折扣力度')).toBe(0.25);
    expect(col('需求增量')).toBeCloseTo(0.3, 12);
    expect(col('让出的折扣')).toBe(lose.discount / 100);
    expect(col('贡献利润变化')).toBe(lose.contribution / 100);
    expect(col('增量净收入')).toBe(lose.netRevenue / 100);
    // The workbook keeps percentages to six digits.
    expect(col('盈亏平衡增量')).toBeCloseTo(lose.breakEvenLift!, 5);
    expect(libraries).toEqual([]);
  });
});

test.describe('promotions in a scenario (中文)', () => {
  test('a scenario switches one event off and deepens another; its sliders move depth and lift; the KPIs are computePlan’s for the scenario', async ({ page, planner: p }) => {
    await p.open(LOCALE);
    await p.newPlan('beauty');
    await page.getByTestId('tab-levers').click();
    await page.getByTestId('levers-promotions').click();
    for (const tpl of ['double11', '618']) {
      await page.getByTestId('promo-template').selectOption(tpl);
      await page.getByTestId('promo-add-template').click();
    }
    await expect(page.getByTestId('promo-event')).toHaveCount(2);
    await page.getByTestId('tab-scenarios').click();
    await page.getByTestId('scenario-new').click();
    await page.getByTestId('tab-levers').click();
    await page.getByTestId('levers-promotions').click();
    const d11 = page.getByTestId('promo-event').first();
    await d11.getByTestId('promo-scenario-lift').fill('250%');
    await d11.getByTestId('promo-scenario-lift').press('Enter');
    await d11.getByTestId('promo-scenario-depth').fill('30%');
    await d11.getByTestId('promo-scenario-depth').press('Enter');
    await page.getByTestId('promo-event').nth(1).getByTestId('promo-scenario-enabled').selectOption('off');
    await expect(page.getByTestId('promo-event').nth(1).getByTestId('promo-scenario-enabled').locator('option:checked')).toHaveText('本情景中停用');
    await p.saved();

    const plan = await storedPlan(page);
    const scenario = plan.scenarios[plan.scenarios.length - 1];
    const [a, b] = plan.promotions!;
    expect(scenario.promotions).toEqual([
      { promotionId: a.id, lift: 2.5, depth: 0.3 },
      { promotionId: b.id, enabled: false },
    ]);
    const res = computePlan(plan, scenario.id);
    const noPromos = computePlan({ ...plan, promotions: [] }, scenario.id);
    const [effect] = promotionEffects(plan, scenario.id);
    // The 618 is off in the scenario: the whole discount is the Double 11's.
    expect(total(res.flows.promotionDiscount)).toBe(effect.discount);
    expect(effect.contribution).toBe(total(res.flows.contribution) - total(noPromos.flows.contribution));
    await expectEffectShown(page, effect);
    await expect(page.getByTestId('promo-bar')).toHaveCount(2 * plan.promotions![0].channelIds.length);
    expect(await p.kpi('contribution')).toBe(total(res.flows.contribution));

    // The Scenarios tab has a slider for the depth and one for the lift; moving the lift is one edit.
    await page.getByTestId('tab-scenarios').click();
    const labels = page.getByTestId('whatif').getByTestId('slider-label');
    await expect(labels).toHaveText([`${a.name}：折扣力度 30%`, `${a.name}：需求增量 250%`]);
    const lift = page.getByTestId('whatif').getByTestId('slider').nth(1);
    await lift.fill('1');
    await p.saved();
    const moved = await storedPlan(page);
    expect(moved.scenarios[moved.scenarios.length - 1].promotions![0].lift).toBe(1);
    await expect(labels.nth(1)).toHaveText(`${a.name}：需求增量 100%`);
    expect(await p.kpiChangedFrom('contribution', total(res.flows.contribution))).toBe(total(computePlan(moved, scenario.id).flows.contribution));
  });
});
