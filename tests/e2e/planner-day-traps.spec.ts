import type { Download, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { APP_INFO } from '../../src/appInfo';
import { serialisePlanFile } from '../../src/engine/planFile';
import { createPlanFromTemplate } from '../../src/engine/templates';
import { expect, test } from './fixtures';

/**
 * The smaller traps of a planner's working day, each checked by what the planner sees: a formula
 * in Chinese gives the same numbers as in English, the history says what a value was and is,
 * Ctrl+Z in the notes box undoes the typing and nothing else, two imported plans of the same name
 * can be told apart, and workshop charts have no overlapping text on a projector.
 */

const SHOTS = process.env.SCREENSHOTS;

// Charts and grids must not complain: a warning from ECharts or AG Grid fails the test.
let chartWarnings: string[] = [];
test.beforeEach(({ page }) => {
  chartWarnings = [];
  page.on('console', (m) => {
    if ((m.type() === 'warning' || m.type() === 'error') && /echarts|ag grid|ag-grid/i.test(m.text())) chartWarnings.push(m.text());
  });
});
test.afterEach(() => {
  expect(chartWarnings).toEqual([]);
});

async function setCustomMetric(page: Page, index: number, name: string, formula: string, format: string): Promise<void> {
  const row = page.getByTestId('custom-metric').nth(index);
  await row.locator('.cm-name').fill(name);
  await row.locator('.cm-name').press('Tab');
  await row.getByTestId('custom-formula').fill(formula);
  await row.getByTestId('custom-formula').press('Tab');
  await row.locator('select').selectOption(format);
}

/** Texts of the period grid's first channel row, month by month. */
async function firstRow(page: Page): Promise<string[]> {
  const cells = page.getByTestId('period-grid').locator('.ag-row[row-index="0"] [col-id^="b."]');
  await expect(cells.first()).not.toHaveText('');
  return (await cells.allTextContents()).map((s) => s.trim());
}

const amount = (text: string): number => Number(text.replace(/[^\d.-]/g, ''));

test('a custom metric written with Chinese names (贡献利润 / 营销投入) equals contribution / spend', async ({ page, planner: p }) => {
  await p.open('zh-CN');
  await p.newPlan('grocery');
  await page.getByTestId('tab-settings').click();
  await page.getByTestId('add-custom').click();
  await page.getByTestId('add-custom').click();
  await setCustomMetric(page, 0, '投入回报', '贡献利润 / 营销投入', 'percent');
  await setCustomMetric(page, 1, 'perYuan', 'contribution / spend', 'percent');
  await expect(page.getByTestId('custom-problem')).toHaveCount(0);
  // The names a formula may use are listed with the Chinese ones.
  await expect(page.getByTestId('builtin-names')).toContainText('contribution (贡献利润)');

  await page.getByTestId('tab-periods').click();
  const select = page.getByTestId('period-select');
  await select.selectOption({ label: '投入回报' });
  const chinese = await firstRow(page);
  await select.selectOption({ label: 'perYuan' });
  const english = await firstRow(page);
  expect(chinese.length).toBeGreaterThan(11);
  expect(chinese).toEqual(english);
  // And both are contribution ÷ spend, month by month, from the grid's own money figures.
  await select.selectOption('metric:contribution');
  const contribution = (await firstRow(page)).map(amount);
  await select.selectOption('driver:spend');
  const spend = (await firstRow(page)).map(amount);
  chinese.forEach((text, i) => expect(amount(text) / 100).toBeCloseTo(contribution[i] / spend[i], 3));
});

for (const [locale, word] of [['en', 'value'], ['zh-CN', '数值'], ['zh-TW', '數值']] as const) {
  test(`the history diff says what a value was and what it is now: ¥1,200,000 → ¥1,500,000 (${locale})`, async ({ page, planner: p }) => {
    await p.open(locale);
    await p.newPlan('beauty');
    const channel = ((await p.cell('channel-grid', 0, 'name').textContent()) ?? '').trim();
    await p.editCell('channel-grid', 0, 'driver.spend', '1200000');
    await expect(p.cell('channel-grid', 0, 'driver.spend')).toContainText('1,200,000');
    await page.getByTestId('tab-history').click();
    await page.getByTestId('snapshot-name').fill('review');
    await page.getByTestId('snapshot-save').click();
    await page.getByTestId('tab-channels').click();
    await p.editCell('channel-grid', 0, 'driver.spend', '1500000');
    await expect(p.cell('channel-grid', 0, 'driver.spend')).toContainText('1,500,000');
    await page.getByTestId('tab-history').click();
    await page.getByTestId('snapshot-compare').first().click();
    const line = page.getByTestId('diff-channels').getByTestId('diff-line').filter({ hasText: channel });
    await expect(line).toContainText(`${word} ¥1,200,000 → ¥1,500,000`);
    // The undo list says it too, for the newest step.
    await expect(page.getByTestId('recent-edit-detail').first()).toHaveText(`${channel} ¥1,200,000 → ¥1,500,000`);
    if (SHOTS) await page.screenshot({ path: `screenshots/${locale}-history-diff-values.png`, fullPage: true });
  });
}

test('Ctrl+Z in the notes box undoes the typing there and adds no undo step to the plan', async ({ page, planner: p }) => {
  await p.open('zh-CN');
  await p.newPlan('beauty');
  await page.getByTestId('tab-settings').click();
  const notes = page.getByTestId('plan-notes');
  const undo = page.getByTestId('undo');
  const original = await notes.inputValue();
  await expect(undo).toBeDisabled();

  // Typing, then Ctrl+Z inside the box: the text is back and the plan has no new step.
  await notes.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' budget as finance counts it');
  await page.keyboard.press('Control+z');
  await expect(notes).toHaveValue(original);
  await page.getByTestId('plan-name').focus();
  await expect(undo).toBeDisabled();

  // Typing that was committed is one step; Ctrl+Z in the box later does not revert it behind the
  // plan's back (which would have been saved as another step).
  await notes.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' v2');
  await page.getByTestId('plan-name').focus();
  await expect(undo).toBeEnabled();
  await notes.click();
  await page.keyboard.press('Control+z');
  await expect(notes).toHaveValue(`${original} v2`);
  await page.getByTestId('plan-name').focus();
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('recent-edits').locator('li')).toHaveCount(1);

  // Outside a text field Ctrl+Z is the plan's undo.
  await page.getByTestId('tab-settings').click();
  await page.locator('main h2').first().click();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('plan-notes')).toHaveValue(original);
  await expect(undo).toBeDisabled();
});

test('two imported plans of the same name are told apart in the plan list', async ({ page, planner: p }) => {
  const plan = createPlanFromTemplate('appliances', { id: 'p-same', now: Date.UTC(2026, 9, 1), locale: 'zh-CN' });
  plan.name = '2027 渠道预算';
  const smaller = { ...plan, channels: plan.channels.slice(0, 2) };
  await p.open('zh-CN');
  for (const [file, content] of [['预算-财务版.cmplan.json', plan], ['预算-销售版.cmplan.json', smaller]] as const) {
    await page.getByTestId('import-input').setInputFiles({ name: file, mimeType: 'application/json', buffer: Buffer.from(serialisePlanFile(content, APP_INFO)) });
    await expect(p.grid('channel-grid').locator('.ag-row[row-index="0"]').first()).toBeVisible();
    await p.goHome();
  }
  const items = p.planItem('2027 渠道预算');
  await expect(items).toHaveCount(2);
  const origins = (await items.getByTestId('plan-origin').allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
  expect(origins.some((o) => o.includes('预算-财务版.cmplan.json'))).toBe(true);
  expect(origins.some((o) => o.includes('预算-销售版.cmplan.json'))).toBe(true);
  const channels = (await items.getByTestId('plan-channels').allTextContents()).map((s) => s.trim());
  expect(channels[0]).not.toBe(channels[1]);
  expect(channels.join(' ')).toContain(plan.channels[2].name);
  if (SHOTS) {
    for (const locale of ['zh-CN', 'zh-TW', 'en']) {
      await page.evaluate((l) => localStorage.setItem('cmp.locale', l), locale);
      await page.reload();
      await expect(items).toHaveCount(2);
      await page.screenshot({ path: `screenshots/${locale}-home-same-names.png`, fullPage: true });
    }
  }
});

/**
 * Where text is drawn in a chart's SVG export (the same layout as on screen): each text element as
 * the four corners of its box after rotation, in page pixels.
 */
async function textBoxes(page: Page, svg: string): Promise<{ text: string; corners: [number, number][] }[]> {
  return page.evaluate((markup) => {
    const host = document.createElement('div');
    host.style.cssText = 'position:absolute;left:0;top:0;';
    document.body.append(host);
    const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
    if (doc.querySelector('parsererror')) throw new Error(`the SVG export is not well-formed: ${doc.querySelector('parsererror')?.textContent ?? ''}`);
    host.append(document.importNode(doc.documentElement, true));
    const out = Array.from(host.querySelectorAll('text'))
      .filter((el) => (el.textContent ?? '').trim() !== '')
      .map((el) => {
        const b = el.getBBox();
        const m = el.getScreenCTM();
        const pt = (x: number, y: number): [number, number] => (m ? [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f] : [x, y]);
        return { text: el.textContent ?? '', corners: [pt(b.x, b.y), pt(b.x + b.width, b.y), pt(b.x + b.width, b.y + b.height), pt(b.x, b.y + b.height)] };
      });
    host.remove();
    return out;
  }, svg);
}

/** Whether two convex quadrilaterals overlap by more than a pixel (separating axis test). */
function overlap(a: [number, number][], b: [number, number][]): boolean {
  for (const poly of [a, b]) {
    for (let i = 0; i < 4; i++) {
      const [x1, y1] = poly[i];
      const [x2, y2] = poly[(i + 1) % 4];
      const nx = y2 - y1;
      const ny = x1 - x2;
      const len = Math.hypot(nx, ny) || 1;
      const project = (q: [number, number][]) => q.map(([x, y]) => (x * nx + y * ny) / len);
      const pa = project(a);
      const pb = project(b);
      if (Math.max(...pa) - 1 <= Math.min(...pb) || Math.max(...pb) - 1 <= Math.min(...pa)) return false;
    }
  }
  return true;
}

async function svgOf(download: Download): Promise<string> {
  return readFileSync(await download.path(), 'utf8');
}

for (const locale of ['zh-CN', 'en'] as const) {
  test(`workshop charts on a projector: no text overlaps, every legend entry shown (${locale})`, async ({ page, planner: p }) => {
    test.setTimeout(90_000);
    await p.open(locale);
    await p.newPlan('beauty');
    const names = await p.columnTexts('channel-grid', 'name');
    await page.getByTestId('tab-scenarios').click();
    await page.getByTestId('scenario-new').click();
    await page.getByTestId('open-workshop').click();
    for (const [width, height] of [[1920, 1080], [1280, 720]] as const) {
      await page.setViewportSize({ width, height });
      for (const id of ['chart-mix', 'chart-by-channel']) {
        const chart = page.getByTestId('workshop-board').getByTestId(id);
        await expect(chart).toHaveAttribute('data-rendered', /\d+/);
        await chart.hover();
        const download = page.waitForEvent('download');
        await page.getByTestId('workshop-board').getByTestId(`${id}-svg`).click();
        const boxes = await textBoxes(page, await svgOf(await download));
        expect(boxes.length).toBeGreaterThan(4);
        const clashes: string[] = [];
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) {
            if (overlap(boxes[i].corners, boxes[j].corners)) clashes.push(`${boxes[i].text} × ${boxes[j].text}`);
          }
        }
        expect(clashes, `${id} at ${width}×${height}`).toEqual([]);
        // Every channel is in the legend of the mix chart: nothing is paged away.
        if (id === 'chart-mix') {
          const texts = boxes.map((b) => b.text);
          expect(names.length).toBeGreaterThan(2);
          for (const name of names) expect(texts, `legend entry ${name}`).toContain(name);
          expect(texts.some((x) => /^\d+\/\d+$/.test(x)), 'a paged legend').toBe(false);
        }
      }
      if (SHOTS) await page.screenshot({ path: `screenshots/${locale}-workshop-${width}.png` });
    }
  });
}
