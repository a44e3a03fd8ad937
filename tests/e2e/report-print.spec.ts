import { copyFileSync, mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { APP_INFO } from '../../src/appInfo';
import { serialisePlanFile } from '../../src/engine/planFile';
import { createPlanFromTemplate } from '../../src/engine/templates';
import type { Plan } from '../../src/engine/types';
import { expect, test, watchLibraries } from './fixtures';
import { pageInk, pagePngs, pdfInfo, pdfText, rowPattern } from './pdfPages';

/**
 * The printable report as the boss gets it: rendered to PDF on A4, portrait and landscape, in
 * Chinese and English, and then read back — where the ink is on each page image, and what the
 * text says — rather than trusted to the print stylesheet.
 */

/** The report's page margins (millimetres), as printPage.ts sets them. */
const SIDE_MM = 12;
const A4 = { portrait: { w: 210, h: 297 }, landscape: { w: 297, h: 210 } } as const;
type Orientation = keyof typeof A4;

/** A plan with long channel and scenario names and three scenarios that change the numbers. */
function reportPlan(): Plan {
  const plan = createPlanFromTemplate('grocery', { id: 'p-report', now: Date.UTC(2026, 10, 1), locale: 'zh-CN' });
  plan.name = '下沉市场渠道方案 2027 · Lower-tier channel plan';
  plan.channels[0].name = '社区团购（县城及乡镇团长网络）Community group-buy';
  const all = { kind: 'all' } as const;
  plan.scenarios = [
    { id: 's1', name: '预算 +20% · Budget up a fifth', parentId: null, notes: '', adjustments: [{ id: 'a1', target: all, driver: 'spend', op: { kind: 'scale', percent: 20 }, enabled: true }] },
    { id: 's2', name: '转化率提升 Better conversion in the first channel', parentId: null, notes: '', adjustments: [{ id: 'a2', target: { kind: 'channels', ids: [plan.channels[0].id] }, driver: 'conversion', op: { kind: 'scale', percent: 15 }, enabled: true }] },
    { id: 's3', name: '固定成本 −15%', parentId: null, notes: '', adjustments: [{ id: 'a3', target: all, driver: 'fixedCost', op: { kind: 'scale', percent: -15 }, enabled: true }] },
  ];
  return plan;
}

/** Amount shown on screen ("¥1,234,567", "-¥3,648.50") as a number of major units. */
function amount(text: string): number {
  const n = Number(text.replace(/[^\d.-]/g, ''));
  if (!Number.isFinite(n)) throw new Error(`not an amount: ${text}`);
  return n;
}

/** Everything in the report that ends beyond `width` CSS pixels, laid out for print at that width. */
async function overflowInPrint(page: Page, width: number): Promise<string[]> {
  const viewport = page.viewportSize() ?? { width: 1440, height: 900 };
  await page.setViewportSize({ width, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  const over = await page.getByTestId('report').evaluate((root, w) => {
    const out: string[] = [];
    for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > w + 0.5) out.push(`${el.tagName.toLowerCase()}.${String(el.getAttribute('class') ?? '')} ends at ${Math.round(r.right)}`);
    }
    return out;
  }, width);
  await page.evaluate(() => dispatchEvent(new Event('afterprint')));
  // null, not 'screen': a forced 'screen' would also apply to page.pdf().
  await page.emulateMedia({ media: null });
  await page.setViewportSize(viewport);
  return over;
}

/**
 * Nothing on screen is wider than the window; tables stay inside their card. After a resize the charts
 * redraw at their new width once their ResizeObserver has fired, so the layout is given a moment to
 * settle before its measures are checked.
 */
async function expectFitsWindow(page: Page): Promise<void> {
  const measure = () =>
    page.evaluate(() => {
      const report = document.querySelector('[data-testid=report]')!.getBoundingClientRect();
      const cards = Array.from(document.querySelectorAll('[data-testid=report] .table-scroll'), (el) => el.getBoundingClientRect().right);
      return { scroll: document.documentElement.scrollWidth, inner: innerWidth, reportRight: report.right, cards };
    });
  await expect
    .poll(async () => {
      const { scroll, inner } = await measure();
      return scroll <= inner;
    }, { timeout: 5_000 })
    .toBe(true);
  const m = await measure();
  expect(m.scroll, 'page wider than the window').toBeLessThanOrEqual(m.inner);
  expect(m.reportRight).toBeLessThanOrEqual(m.inner);
  for (const right of m.cards) expect(right, 'table beyond its card').toBeLessThanOrEqual(m.reportRight + 0.5);
}

for (const locale of ['zh-CN', 'en'] as const) {
  test(`report prints on A4 portrait and landscape without anything cut off, with every P&L row (${locale})`, async ({ page, planner: p }, testInfo) => {
    test.setTimeout(120_000);
    const chartWarnings = watchLibraries(page);
    const plan = reportPlan();
    await p.open(locale);
    await page.getByTestId('import-input').setInputFiles({ name: 'report.cmplan.json', mimeType: 'application/json', buffer: Buffer.from(serialisePlanFile(plan, APP_INFO)) });
    await page.getByTestId('open-report').click();
    const report = page.getByTestId('report');
    await expect(report).toHaveAttribute('data-ready', 'true');
    for (const id of ['report-chart-mix', 'report-chart-channels', 'report-chart-scenarios']) {
      await expect(page.getByTestId(id)).toHaveAttribute('data-rendered', /\d+/);
    }

    // The P&L: a row per channel and scenario, a total per scenario; each row adds up.
    const scenarios = plan.scenarios!.length + 1;
    await expect(page.getByTestId('report-pnl-row')).toHaveCount(plan.channels.length * scenarios);
    await expect(page.getByTestId('report-pnl-total')).toHaveCount(scenarios);
    const cols = await page.getByTestId('report-pnl-row').first().locator('td[data-col]').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-col')));
    const rows = await p.reportPnlRows();
    for (const row of rows) {
      const v = Object.fromEntries(cols.map((c, i) => [c, amount(row[i])]));
      // Shown amounts are rounded to whole yuan; the identity is exact in fen.
      expect(Math.abs(v.grossProfit - v.variableCost - (v.rebate ?? 0) - v.fixedCost - v.spend - v.contribution)).toBeLessThanOrEqual(3);
    }
    // The baseline total is the plan's contribution in the KPI comparison.
    const kpiContribution = await page.getByTestId('report-kpis').first().locator('tbody tr').nth(1).locator('td').nth(1).textContent();
    const totalContribution = await page.getByTestId('report-pnl-total').first().locator('td[data-col=contribution]').textContent();
    expect(kpiContribution?.trim()).toBe(totalContribution?.trim());
    // The scenario with 20 % more spend shows it, channel by channel.
    const spendCol = cols.indexOf('spend');
    expect(amount(rows[1][spendCol])).toBeCloseTo(amount(rows[0][spendCol]) * 1.2, -1);

    // On screen: nothing wider than the window, tables scroll inside their cards (wide and narrow).
    await expectFitsWindow(page);
    await page.setViewportSize({ width: 820, height: 900 });
    await expectFitsWindow(page);
    if (process.env.SCREENSHOTS) await page.screenshot({ path: `screenshots/${locale}-report-narrow.png`, fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });
    if (process.env.SCREENSHOTS) await page.screenshot({ path: `screenshots/${locale}-report.png`, fullPage: true });

    for (const o of ['portrait', 'landscape'] as const satisfies readonly Orientation[]) {
      await page.getByTestId('report-orientation').selectOption(o);
      await expect(page.getByTestId('report-orientation').locator('option:checked')).toHaveText(o === 'portrait' ? /portrait|纵向/ : /landscape|横向/);
      const paper = A4[o];
      const contentPx = Math.floor(((paper.w - 2 * SIDE_MM) * 96) / 25.4);
      expect(await overflowInPrint(page, contentPx), `elements beyond the ${o} page`).toEqual([]);

      // The paper follows the choice (the page's own @page rule), and also prints right when the
      // size is forced by the print settings.
      const dir = testInfo.outputPath(`${locale}-${o}`);
      mkdirSync(dir, { recursive: true });
      const files = { css: `${dir}/css.pdf`, forced: `${dir}/forced.pdf` };
      await page.pdf({ path: files.css, preferCSSPageSize: true, printBackground: true });
      await page.pdf({ path: files.forced, format: 'A4', landscape: o === 'landscape', printBackground: true });
      for (const [kind, pdf] of Object.entries(files)) {
        const info = pdfInfo(pdf);
        expect(Math.round(info.width / 72 * 25.4), `${kind} page width`).toBe(paper.w);
        expect(Math.round(info.height / 72 * 25.4), `${kind} page height`).toBe(paper.h);
        // Where the ink is: inside the side margins on every page (72 dpi: 1 px = 1 pt; a pixel of
        // anti-aliasing either side).
        const inkDir = `${dir}/${kind}`;
        mkdirSync(inkDir, { recursive: true });
        const pages = pageInk(pdf, inkDir);
        expect(pages.length).toBe(info.pages);
        const margin = (SIDE_MM / 25.4) * 72;
        for (const [i, pg] of pages.entries()) {
          expect(pg.ink, `page ${i + 1} is blank`).not.toBeNull();
          expect(pg.ink!.right, `${kind} page ${i + 1}: ink beyond the right margin`).toBeLessThanOrEqual(Math.ceil(pg.width - margin));
          expect(pg.ink!.left, `${kind} page ${i + 1}: ink beyond the left margin`).toBeGreaterThanOrEqual(Math.floor(margin) - 1);
        }
        // Every P&L row is in the PDF's text, with its amounts in order on one line.
        const text = pdfText(pdf).replace(/\u00a0/g, ' ');
        const counts = new Map<string, number>();
        for (const row of rows) counts.set(row.join('|'), (counts.get(row.join('|')) ?? 0) + 1);
        for (const [key, n] of counts) {
          expect(text.match(rowPattern(key.split('|')))?.length ?? 0, `P&L row ${key} in the ${kind} PDF`).toBe(n);
        }
        // A running header on every page: the plan's name and the page number.
        for (let i = 1; i <= info.pages; i++) {
          const pageText = pdfText(pdf, i);
          expect(pageText, `header on page ${i}`).toContain('下沉市场渠道方案');
          expect(pageText, `page number on page ${i}`).toMatch(new RegExp(`\\b${i}\\s*/\\s*${info.pages}\\b`));
        }
      }
      if (process.env.SCREENSHOTS) {
        copyFileSync(files.css, `screenshots/${locale}-report-${o}.pdf`);
        pagePngs(files.css, `screenshots/${locale}-report-${o}`);
      }
    }
    expect(chartWarnings).toEqual([]);
  });
}
