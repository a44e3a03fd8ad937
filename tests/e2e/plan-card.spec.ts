import { writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from '@playwright/test';
import { APP_INFO } from '../../src/appInfo';
import { computePlan } from '../../src/engine/compute';
import { metricFormat } from '../../src/engine/metrics';
import { parsePlanFile, serialisePlanFile } from '../../src/engine/planFile';
import { rollup, rollupValue } from '../../src/engine/rollup';
import { generateSyntheticPlan } from '../../src/engine/synthetic';
import { createPlanFromTemplate } from '../../src/engine/templates';
import type { Driver, MetricKey, Plan } from '../../src/engine/types';
import { formatMoney, formatPercent, formatRatio } from '../../src/i18n/format';
import { expect, test } from './fixtures';

/**
 * The plan card as its reader meets it: exported from the app, saved, and opened from disk in a
 * browser with no network. Its figures are checked against the engine run here in Node on the plan
 * read back from the card's own data block.
 */

const HOSTILE = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> & 方案';
const KPIS = ['spend', 'netRevenue', 'contribution', 'roi', 'cac', 'costRatio'] as const;

function cardPlan(): Plan {
  const plan = createPlanFromTemplate('beauty', { id: 'card-plan', now: Date.UTC(2026, 11, 1), locale: 'zh-CN' });
  plan.name = HOSTILE;
  plan.channels[0].name = `<b>${plan.channels[0].name}</b><svg onload="window.__pwned=3">`;
  const scale = (id: string, name: string, percent: number, kind: 'all' | 'first') => ({
    id,
    name,
    parentId: null,
    notes: '',
    adjustments: [{ id: `${id}-a`, target: kind === 'all' ? ({ kind: 'all' } as const) : { kind: 'channels' as const, ids: [plan.channels[0].id] }, driver: 'spend' as const, op: { kind: 'scale' as const, percent }, enabled: true }],
  });
  plan.scenarios = [scale('s-up', '加大投入 +20%', 20, 'all'), scale('s-cut', '<i>削减</i> 首渠道', -40, 'first'), scale('s-flat', 'Flat', 0, 'all')];
  return plan;
}

async function importPlan(page: Page, plan: Plan): Promise<void> {
  await page.getByTestId('import-input').setInputFiles({ name: 'plan.cmplan.json', mimeType: 'application/json', buffer: Buffer.from(serialisePlanFile(plan, APP_INFO), 'utf8') });
  // With no plans yet the file opens as a plan at once; otherwise the app asks how to bring it in.
  const asNew = page.getByTestId('import-as-new');
  await expect(page.getByTestId('channel-grid').or(asNew)).toBeVisible();
  if (await asNew.isVisible()) await asNew.click();
  await expect(page.getByTestId('channel-grid')).toBeVisible();
}

/** Exports the card from the export dialog; returns the file and the size the dialog states. */
async function exportCard(page: Page): Promise<{ name: string; html: string; bytes: Buffer; stated: string }> {
  await page.getByTestId('plan-export').click();
  const wait = page.waitForEvent('download');
  await page.getByTestId('export-card').click();
  const d = await wait;
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(await d.path());
  const stated = (await page.getByTestId('export-card-size').textContent()) ?? '';
  return { name: d.suggestedFilename(), html: bytes.toString('utf8'), bytes, stated };
}

/** The plan inside the card, read by the engine's own file reader (not by the viewer). */
function planInCard(html: string): Plan {
  const block = /<script type="application\/json" id="plan">([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (!block) throw new Error('no plan block');
  const r = parsePlanFile(block);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.plan;
}

function totalsOf(plan: Plan, scenarioId: string | null = null): Record<MetricKey, number | null> {
  const r = rollup(plan, computePlan(plan, scenarioId), 'total', 'all');
  const out = {} as Record<MetricKey, number | null>;
  for (const m of [...KPIS, 'grossProfit'] as const) out[m] = rollupValue(r, m, 0, 0);
  return out;
}

function shown(m: MetricKey, v: number | null, currency: string, locale: string): string {
  const f = metricFormat(m);
  return f === 'money' ? formatMoney(v, currency, locale, true) : f === 'percent' ? formatPercent(v, locale, 2) : formatRatio(v, locale);
}

interface Opened {
  page: Page;
  problems: string[];
  requests: string[];
  close: () => Promise<void>;
}

/** Opens the saved card from disk, offline, recording console errors, CSP violations and any request. */
async function openCard(browser: Browser, path: string, viewport = { width: 1280, height: 900 }, ready = 'card-kpi-netRevenue-value'): Promise<Opened> {
  const context = await browser.newContext({ viewport });
  await context.setOffline(true);
  const requests: string[] = [];
  // The card itself is the only thing that may load: everything else is cut and recorded.
  await context.route('**', (route) => {
    if (route.request().url().startsWith('file:')) return route.continue();
    requests.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) requests.push(r.url());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  });
  await page.goto(`file://${path}`);
  await expect(page.getByTestId(ready)).toBeVisible();
  return { page, problems, requests, close: () => context.close() };
}

/** An independent what-if: one channel's spend times `f` in every month. */
function scaleSpend(plan: Plan, channelId: string, f: number): Plan {
  const scale = (d: Driver): Driver => ({ ...d, base: d.base * f, ...(d.overrides ? { overrides: Object.fromEntries(Object.entries(d.overrides).map(([k, v]) => [k, v * f])) } : {}) });
  return { ...plan, channels: plan.channels.map((c) => (c.id === channelId ? { ...c, drivers: { ...c.drivers, spend: scale(c.drivers.spend) } } : c)) };
}

test.describe('plan card', () => {
  test('exported in Chinese, opened from disk offline: figures, slider, scenarios and hostile names as text', async ({ page, planner: p, browser }) => {
    await p.open('zh-CN');
    await expect(page.getByTestId('template-beauty')).toBeVisible();
    await importPlan(page, cardPlan());
    await p.waitForKpis();

    const file = await exportCard(page);
    expect(file.name).toMatch(/ - 方案卡片\.html$/);
    expect(file.stated).toMatch(/KB/);
    expect(file.html).toContain('<html lang="zh-CN">');
    // The CSP allows only the inline script and style, by hash.
    expect(file.html).toMatch(/content="default-src &#39;none&#39;; script-src &#39;sha256-[A-Za-z0-9+/=]{44}&#39;; style-src &#39;sha256-[A-Za-z0-9+/=]{44}&#39;; img-src data:/);
    expect(file.html.match(/<script/g)).toHaveLength(2);

    const plan = planInCard(file.html);
    expect(plan.name).toBe(HOSTILE);
    const path = test.info().outputPath('card.html');
    await writeFile(path, file.bytes);
    const card = await openCard(browser, path);
    const cp = card.page;

    // Names are text: the plan name shows as typed, nothing it contains ran or became an element.
    await expect(cp.getByTestId('card-plan-name')).toHaveText(HOSTILE);
    expect(await cp.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0)).toBe(0);
    expect(await cp.locator('main img, main b, main i:not(.swatch):not(.dot), main script').count()).toBe(0);
    await expect(cp.getByTestId('card-mix')).toContainText('<b>');
    await expect(cp.getByTestId('card-period')).toContainText(`共 ${plan.timeline.periods} 个月`);
    await expect(cp.getByTestId('card-kpi-caption')).toHaveText('整个方案合计 · 基准');

    // KPI tiles: the engine's whole-plan totals of the baseline, as numbers and as shown text.
    const base = totalsOf(plan);
    for (const m of KPIS) {
      const el = cp.getByTestId(`card-kpi-${m}-value`);
      expect(Number(await el.getAttribute('data-value')), m).toBeCloseTo(base[m]!, 6);
      await expect(el, m).toHaveText(shown(m, base[m], plan.currency, 'zh-CN'));
    }

    // Scenario table: the baseline, then every scenario by name, with its engine totals.
    const rows = cp.getByTestId('card-scenario-row');
    await expect(rows).toHaveCount(1 + plan.scenarios.length);
    await expect(cp.getByTestId('card-scenario-name')).toHaveText(['基准方案', ...plan.scenarios.map((s) => s.name)]);
    for (const [i, s] of plan.scenarios.entries()) {
      const want = totalsOf(plan, s.id);
      const cell = rows.nth(i + 1).locator('td[data-kpi="contribution"]');
      expect(Number(await cell.getAttribute('data-value')), s.name).toBeCloseTo(want.contribution!, 6);
    }

    // A slider: the first channel's spend +50 %; the tiles show the engine's figures of that plan.
    const first = plan.channels[0].id;
    await cp.locator(`[data-testid="card-slider"][data-channel="${first}"]`).fill('50');
    const moved = totalsOf(scaleSpend(plan, first, 1.5));
    expect(moved.contribution).not.toBeCloseTo(base.contribution!, 0);
    await expect(cp.getByTestId('card-kpi-caption')).toHaveText('整个方案合计 · 在“基准方案”上的假设情况，Δ 为相对基准的变化');
    for (const m of KPIS) {
      await expect.poll(async () => Number(await cp.getByTestId(`card-kpi-${m}-value`).getAttribute('data-value')), m).toBeCloseTo(moved[m]!, 4);
    }
    await expect(cp.getByTestId('card-kpi-spend-delta')).toContainText('+');
    if (process.env.SCREENSHOTS) await cp.screenshot({ path: test.info().outputPath('plan-card-zh-CN.png'), fullPage: true });
    await expect(cp.getByTestId('card-whatif-status')).toHaveText(`已改动 1 / ${plan.channels.length} 个渠道`);
    await cp.getByTestId('card-reset').click();
    expect(Number(await cp.getByTestId('card-kpi-contribution-value').getAttribute('data-value'))).toBeCloseTo(base.contribution!, 6);

    // Starting from a scenario: its own figures, then the slider on top of it (the scenario's
    // adjustments apply to the moved baseline, as in the app).
    await cp.getByTestId('card-show').selectOption({ label: '加大投入 +20%' });
    await expect(cp.getByTestId('card-kpi-caption')).toHaveText('整个方案合计 · 加大投入 +20%，Δ 为相对基准的变化');
    const up = totalsOf(plan, 's-up');
    for (const m of KPIS) expect(Number(await cp.getByTestId(`card-kpi-${m}-value`).getAttribute('data-value')), m).toBeCloseTo(up[m]!, 6);
    await cp.locator(`[data-testid="card-slider"][data-channel="${first}"]`).fill('-30');
    const upMoved = totalsOf(scaleSpend(plan, first, 0.7), 's-up');
    await expect.poll(async () => Number(await cp.getByTestId('card-kpi-netRevenue-value').getAttribute('data-value'))).toBeCloseTo(upMoved.netRevenue!, 4);
    expect(Number(await cp.getByTestId('card-kpi-spend-value').getAttribute('data-value'))).toBeCloseTo(upMoved.spend!, 4);
    await cp.getByTestId('card-show').selectOption({ label: '基准方案' });
    await cp.getByTestId('card-reset').click();
    await expect(cp.getByTestId('card-kpi-caption')).toHaveText('整个方案合计 · 基准');

    // The language switch: the same figures in English.
    await cp.locator('#card-locale').selectOption('en');
    await expect(cp.getByTestId('card-kpi-caption')).toHaveText('Whole-plan totals · baseline');
    await expect(cp.getByTestId('card-kpi-netRevenue-value')).toHaveText(shown('netRevenue', base.netRevenue, plan.currency, 'en'));

    expect(card.problems, 'console errors or CSP violations').toEqual([]);
    expect(card.requests, 'requests from the card').toEqual([]);
    await card.close();

    // The watch above does see a violation: a script added to the file by hand is refused and reported.
    const tampered = test.info().outputPath('tampered.html');
    await writeFile(tampered, file.html.replace('</body>', '<script>window.__pwned = 9</script></body>'));
    const bad = await openCard(browser, tampered);
    expect(await bad.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0)).toBe(0);
    await expect.poll(() => bad.problems.some((p) => p.includes('CSP violation: script-src'))).toBe(true);
    await bad.close();

    // A plan block the planner's file reader refuses shows a clear message and no figures.
    const broken = test.info().outputPath('broken.html');
    const edited = file.html.replace(/("color":\s*)"[^"]*"/, (_, key: string) => `${key}42`);
    expect(edited).not.toBe(file.html);
    await writeFile(broken, edited);
    const refused = await openCard(browser, broken, undefined, 'card-error');
    await expect(refused.page.getByTestId('card-error')).toContainText('无法显示此方案卡片');
    await expect(refused.page.getByTestId('card-kpi-netRevenue-value')).toHaveCount(0);
    expect(refused.problems).toEqual([]);
    await refused.close();
  });

  test('a 50-channel plan card is at most 400 KB gzipped and opens with a slider per channel', async ({ page, planner: p, browser }) => {
    await p.open('en');
    const plan = generateSyntheticPlan({ channels: 50, periods: 36, seed: 11, withOverrides: true });
    plan.scenarios = Array.from({ length: 6 }, (_, k) => ({
      id: `s${k}`,
      name: `Scenario ${k + 1}`,
      parentId: null,
      notes: '',
      adjustments: [{ id: `a${k}`, target: { kind: 'all' as const }, driver: 'spend' as const, op: { kind: 'scale' as const, percent: 5 * (k + 1) }, enabled: true }],
    }));
    await importPlan(page, plan);
    const file = await exportCard(page);
    const gzipKb = gzipSync(file.bytes).length / 1024;
    test.info().annotations.push({ type: 'size', description: `${(file.bytes.length / 1024).toFixed(1)} KB, ${gzipKb.toFixed(1)} KB gzip` });
    console.log(`50-channel plan card: ${(file.bytes.length / 1024).toFixed(1)} KB, ${gzipKb.toFixed(1)} KB gzip; dialog says: ${file.stated}`);
    expect(gzipKb).toBeLessThanOrEqual(400);
    // The dialog states the size it wrote.
    expect(file.stated).toContain(`${(file.bytes.length / 1024).toLocaleString('en', { maximumFractionDigits: 1 })} KB`);

    const path = test.info().outputPath('card-50.html');
    await writeFile(path, file.bytes);
    const card = await openCard(browser, path);
    await expect(card.page.getByTestId('card-slider')).toHaveCount(50);
    await expect(card.page.getByTestId('card-scenario-row')).toHaveCount(7);
    const inCard = planInCard(file.html);
    expect(Number(await card.page.getByTestId('card-kpi-netRevenue-value').getAttribute('data-value'))).toBeCloseTo(totalsOf(inCard).netRevenue!, 4);
    expect(card.problems).toEqual([]);
    expect(card.requests).toEqual([]);
    await card.close();
  });
});
