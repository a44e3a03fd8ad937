import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { csvRows, pngSize } from './downloads';
import { expect, test, watchLibraries } from './fixtures';

const V3 = fileURLToPath(new URL('../fixtures/planFiles/v3-beauty.cmplan.json', import.meta.url));

/**
 * The version-3 fixture plan (2027–2028) with three years of monthly net revenue (2024–2026) for
 * three of its channels: growth, a Double 11 peak, a festival month, fixed-seed noise.
 */
async function planFileWithActuals(measure: 'netRevenue' | 'orders' = 'netRevenue'): Promise<Buffer> {
  const file = JSON.parse(await readFile(V3, 'utf8'));
  const plan = file.plan;
  plan.id = 'plan-forecast-e2e';
  plan.name = 'Forecast plan';
  plan.scenarios = [];
  let seed = 12;
  const u = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const levels = [650_000_000, 210_000_000, 120_000_000];
  plan.actuals.start = '2024-01';
  plan.actuals.months = 36;
  plan.actuals.series = ['ch-tmall', 'ch-stores', 'ch-community'].map((channelId, k) => ({
    channelId,
    regionId: '',
    values: {
      [measure]: Array.from({ length: 36 }, (_, t) => {
        const m = t % 12;
        const season = m === 10 ? 1.8 : m === 11 ? 1.3 : m === 5 ? 1.25 : m === 1 ? 0.8 : 1;
        const value = levels[k] * Math.pow(1.12, t / 12) * season * (1 + 0.06 * (u() - 0.5));
        return Math.round(measure === 'orders' ? value / 20_000 : value);
      }),
    },
  }));
  return Buffer.from(JSON.stringify(file));
}

async function download(page: Page, target: Locator): Promise<{ name: string; bytes: Buffer }> {
  const wait = page.waitForEvent('download');
  await target.click();
  const d = await wait;
  return { name: d.suggestedFilename(), bytes: await readFile(await d.path()) };
}

const num = (s: string | null) => Number(s);

test.describe('forecast', () => {
  test('plan with actuals → forecast per channel → apply to two channels → net revenue as computed → undo → exports read back', async ({ page, planner: p }) => {
    const libraries = watchLibraries(page);
    await p.open('en');
    await page.getByTestId('import-input').setInputFiles({ name: 'forecast.cmplan.json', mimeType: 'application/json', buffer: await planFileWithActuals() });
    await expect(page.getByTestId('channel-grid')).toBeVisible();
    await p.waitForKpis();
    await page.getByTestId('tab-forecast').click();

    // One card per channel with data; the fourth channel has none and says so.
    const cards = page.getByTestId('forecast-channel');
    await expect(cards).toHaveCount(3);
    await expect(page.getByTestId('forecast-window')).toHaveText('Data Jan 2024 to Dec 2026; forecast Jan 2027 to Dec 2028 (24 months).');
    await expect(page.getByTestId('forecast-no-data')).toHaveText('Douyin live-stream: no data (Net revenue).');
    for (const card of await cards.all()) {
      await expect(card.getByTestId('forecast-model')).toContainText(/Model: ETS\([AM],(N|A|Ad),[NAM]\) — (additive|multiplicative) error, /);
      await expect(card.getByTestId('forecast-notes')).toContainText('Spring Festival');
      // Accuracy on a 12-month hold-out, model next to both benchmarks, numbers on screen.
      await expect(card.getByTestId('forecast-accuracy')).toContainText('Accuracy on the last 12 months');
      for (const row of ['model', 'seasonalNaive', 'drift']) {
        const mase = num(await card.getByTestId(`forecast-accuracy-${row}`).getAttribute('data-mase'));
        expect(mase).toBeGreaterThan(0);
        expect(mase).toBeLessThan(5);
      }
      await expect(card.getByTestId('forecast-flag')).toHaveAttribute('data-flag', /better|noBetter/);
      await expect(card.getByTestId('forecast-chart')).not.toHaveAttribute('data-rendered', '');
    }

    // Values export: every row read back, numbers are numbers.
    const values = csvRows((await download(page, page.getByTestId('forecast-values-export-csv'))).bytes);
    expect(values[0]).toEqual(['Channel', 'Month', 'Forecast', '80 % low (P10)', '80 % high (P90)', '95 % low', '95 % high', 'Same month last year', 'Trend line (drift)']);
    expect(values).toHaveLength(1 + 3 * 24);
    for (const row of values.slice(1)) {
      expect(row[1]).toMatch(/^202[78]-\d\d$/);
      for (const cell of row.slice(2)) expect(Number.isFinite(Number(cell)), cell).toBe(true);
      expect(Number(row[3])).toBeLessThanOrEqual(Number(row[2]));
      expect(Number(row[4])).toBeGreaterThanOrEqual(Number(row[2]));
    }
    const models = csvRows((await download(page, page.getByTestId('forecast-models-export-csv'))).bytes);
    expect(models).toHaveLength(4);
    expect(models[1][1]).toMatch(/^ETS\(/);
    expect(Number(models[1][5])).toBeGreaterThan(0);

    // Apply to two channels, one value a month (exact): preview, then one undoable edit.
    const before = await p.kpi('netRevenue');
    await page.locator('[data-testid="forecast-apply-channel"][data-channel="Tmall & JD flagship stores"]').check();
    await page.locator('[data-testid="forecast-apply-channel"][data-channel="Experience stores"]').check();
    await page.getByTestId('forecast-apply-mode').selectOption('months');
    const rows = page.getByTestId('forecast-apply-row');
    await expect(rows).toHaveCount(2);
    let expected = before;
    const forecastTotal = (name: string) =>
      values
        .slice(1)
        .filter((r) => r[0] === name)
        .reduce((a, r) => a + Math.round(Number(r[2]) * 100), 0);
    for (const [i, name] of ['Tmall & JD flagship stores', 'Experience stores'].entries()) {
      const row = rows.nth(i);
      const totalBefore = num(await row.getAttribute('data-total-before'));
      const totalAfter = num(await row.getAttribute('data-total-after'));
      // The preview's figure is the forecast exported to the file, within 3 minor units a month.
      expect(Math.abs(totalAfter - forecastTotal(name))).toBeLessThanOrEqual(3 * 24);
      expected += totalAfter - totalBefore;
      await expect(row).toContainText('Base traffic: 24 monthly values');
    }
    await expect(page.getByTestId('forecast-apply-button')).toHaveText('Apply to 2 channels');
    await page.getByTestId('forecast-apply-button').click();
    const after = await p.kpiChangedFrom('netRevenue', before);
    expect(Math.abs(after - expected)).toBeLessThanOrEqual(2);
    await expect(p.toast()).toContainText('Net revenue of Tmall & JD flagship stores and Experience stores now follows the forecast.');

    // One undo step restores the plan's figure exactly.
    await page.keyboard.press('Control+z');
    await expect.poll(() => p.kpi('netRevenue')).toBe(before);

    // Chart images as the other charts save them.
    const card = cards.first();
    const png = await download(page, card.getByTestId('forecast-chart-png'));
    expect(png.name).toMatch(/\.png$/);
    expect(pngSize(png.bytes).width).toBeGreaterThan(300);
    expect(libraries).toEqual([]);
  });

  test('Stop ends a forecast in progress; Forecast starts it again', async ({ page, planner: p }) => {
    // Hold the worker's script back so the run is still in progress when Stop is pressed.
    let release: () => void = () => undefined;
    await page.route('**/forecast.worker*', async (route) => {
      await new Promise<void>((resolve) => (release = resolve));
      // The stopped worker's request is gone by then.
      await route.continue().catch(() => undefined);
    });
    await p.open('en');
    await page.getByTestId('import-input').setInputFiles({ name: 'forecast.cmplan.json', mimeType: 'application/json', buffer: await planFileWithActuals() });
    await expect(page.getByTestId('channel-grid')).toBeVisible();
    await page.getByTestId('tab-forecast').click();
    await expect(page.getByTestId('forecast-running')).toContainText('Forecasting 0 of 3 channels');
    await page.getByTestId('forecast-stop').click();
    await expect(page.getByTestId('forecast-stopped')).toContainText('Forecast stopped.');
    await expect(page.getByTestId('forecast-channel')).toHaveCount(0);
    release();
    await page.unroute('**/forecast.worker*');
    await page.getByTestId('forecast-stopped').getByRole('button', { name: 'Forecast' }).click();
    await expect(page.getByTestId('forecast-channel')).toHaveCount(3);
  });

  test('printable report in Chinese: a forecast row per channel with the tab’s model and the exported first 12 months’ total; not ready before the forecast', async ({ page, planner: p }) => {
    const libraries = watchLibraries(page);
    await p.open('zh-CN');
    await page.getByTestId('import-input').setInputFiles({ name: 'forecast.cmplan.json', mimeType: 'application/json', buffer: await planFileWithActuals() });
    await expect(page.getByTestId('channel-grid')).toBeVisible();

    // The report first, with the forecast worker held back: the page is not ready to print without it.
    let release: () => void = () => undefined;
    await page.route('**/forecast.worker*', async (route) => {
      await new Promise<void>((resolve) => (release = resolve));
      await route.continue().catch(() => undefined);
    });
    await page.getByTestId('open-report').click();
    const report = page.getByTestId('report');
    await expect(report.getByTestId('report-kpis')).toBeVisible();
    await expect(page.getByTestId('report-forecast')).toContainText('正在预测各渠道');
    await expect(report).toHaveAttribute('data-ready', 'false');
    release();
    await page.unroute('**/forecast.worker*');
    await expect(report).toHaveAttribute('data-ready', 'true');
    const reportRows = page.getByTestId('report-forecast-row');
    await expect(reportRows).toHaveCount(3);
    // Each heading breaks, if at all, between words or before a bracket — never inside a Chinese
    // word ("MASE（去 / 年同月）"): the text of each line it is drawn on, read from the page.
    const headingLines = await page.getByTestId('report-forecast').locator('thead th').evaluateAll((ths) =>
      ths.map((th) => {
        const text = th.textContent ?? '';
        const lines: string[] = [];
        let top = Number.NaN;
        const range = document.createRange();
        const node = th.firstChild as Text;
        for (let i = 0; i < text.length; i++) {
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const y = Math.round(range.getBoundingClientRect().top);
          if (y !== top && text[i].trim() !== '') {
            lines.push('');
            top = y;
          }
          lines[lines.length - 1] += text[i];
        }
        return lines.map((l) => l.trim());
      }),
    );
    expect(headingLines.find((lines) => lines.join('') === 'MASE（去年同月）')).toEqual(expect.arrayContaining([expect.stringMatching(/^(MASE)?（去年同月）$/)]));
    for (const lines of headingLines) {
      for (let k = 1; k < lines.length; k++) {
        // A line that starts with a Chinese character follows one that ends with a bracket, a space or a Latin word.
        if (/^[\u4e00-\u9fff]/.test(lines[k])) expect(lines[k - 1], lines.join(' / ')).toMatch(/[）)\sA-Za-z0-9%]$/);
      }
    }
    const reportWindow = await page.getByTestId('report-forecast-window').textContent();

    // The Forecast tab's model per channel, window sentence and values export.
    await page.getByTestId('report').getByRole('link').first().click();
    await page.getByTestId('tab-forecast').click();
    const cards = page.getByTestId('forecast-channel');
    await expect(cards).toHaveCount(3);
    await expect(page.getByTestId('forecast-no-data')).toHaveText('Douyin live-stream：没有净收入数据。');
    await expect(page.getByTestId('forecast-window')).toHaveText(reportWindow ?? '');
    expect(reportWindow).toBe('数据 2024年1月 至 2026年12月；预测 2027年1月 至 2028年12月（24 个月）。');
    const models = new Map<string, string>();
    for (const card of await cards.all()) models.set((await card.getAttribute('data-channel')) ?? '', (await card.getByTestId('forecast-model').textContent()) ?? '');
    const values = csvRows((await download(page, page.getByTestId('forecast-values-export-csv'))).bytes);
    expect(values[0].slice(0, 5)).toEqual(['渠道', '月份', '预测', '80% 下限（P10）', '80% 上限（P90）']);
    /** Whole yuan: the first 12 exported months of a channel added up (the file has yuan and fen). */
    const first12 = (name: string, col: number) => {
      const months = values.slice(1).filter((r) => r[0] === name).slice(0, 12);
      expect(months.map((r) => r[1])).toEqual(Array.from({ length: 12 }, (_, k) => `2027-${String(k + 1).padStart(2, '0')}`));
      return Math.round(months.reduce((a, r) => a + Math.round(Number(r[col]) * 100), 0) / 100);
    };
    const yuan = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

    await page.getByTestId('open-report').click();
    await expect(report).toHaveAttribute('data-ready', 'true');
    await expect(reportRows).toHaveCount(3);
    expect(models.size).toBe(3);
    for (const row of await reportRows.all()) {
      const name = (await row.getAttribute('data-channel')) ?? '';
      expect(models.has(name), name).toBe(true);
      // Same model, in the same words as the tab's line "模型：…".
      await expect(row.getByTestId('report-forecast-model')).toHaveText(/^ETS\(/);
      expect(`模型：${await row.getByTestId('report-forecast-model').textContent()}`).toBe(models.get(name));
      const total = yuan(await row.getByTestId('report-forecast-total').textContent());
      expect(total).toBe(first12(name, 2));
      await expect(row).toContainText('2027年1月–2027年12月');
      // The outer range: the months' P10s and P90s added, around the total.
      const [low, high] = ((await row.getByTestId('report-forecast-range').textContent()) ?? '').split(' 至 ').map(yuan);
      expect(low).toBe(first12(name, 3));
      expect(high).toBe(first12(name, 4));
      expect(low).toBeLessThan(total);
      expect(high).toBeGreaterThan(total);
      await expect(row).toContainText(/优于去年|不比去年更好：请谨慎使用/);
    }
    await expect(page.getByTestId('report-forecast')).toContainText('相当于每个月都朝同一方向偏离');
    await expect(page.getByTestId('report-forecast')).toContainText('已对齐春节；留出 12 个月检验');

    // The report forecasts as the tab last did: without the alignment, 6 months held out, and says so.
    await page.getByTestId('report').getByRole('link').first().click();
    await page.getByTestId('tab-forecast').click();
    await page.getByTestId('forecast-spring-festival').uncheck();
    await page.getByTestId('forecast-holdout').selectOption('6');
    await page.getByTestId('open-report').click();
    await expect(report).toHaveAttribute('data-ready', 'true');
    await expect(page.getByTestId('report-forecast')).toContainText('未对齐春节；留出 6 个月检验');
    expect(libraries).toEqual([]);
  });

  test('empty state without actuals points to the Actuals tab', async ({ page, planner: p }) => {
    await p.open('en');
    await p.newPlan('beauty');
    await page.getByTestId('tab-forecast').click();
    await expect(page.getByTestId('forecast-empty')).toContainText('at least 2 years (24 months)');
    await page.getByTestId('forecast-empty-link').click();
    await expect(page).toHaveURL(/\/actuals$/);
  });

  test('data with orders only: the measure shown is orders, not a blank choice', async ({ page, planner: p }) => {
    await p.open('en');
    await page.getByTestId('import-input').setInputFiles({ name: 'orders.cmplan.json', mimeType: 'application/json', buffer: await planFileWithActuals('orders') });
    await expect(page.getByTestId('channel-grid')).toBeVisible();
    await page.getByTestId('tab-forecast').click();
    const select = page.getByTestId('forecast-measure');
    await expect(select.locator('option:checked')).toHaveText('Orders');
    await expect(page.getByTestId('forecast-channel')).toHaveCount(3, { timeout: 60_000 });
    await expect(page.getByTestId('forecast-apply')).toHaveCount(0);
  });
});
