import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { OTHERS, R_RFM_SEGMENT_RULES, EIGHT_CLASS_IDS, seedFourClassRules, SQL_DIALECTS } from '../../src/engine/customers';
import { NEW_CUSTOMERS, NO_SEGMENT } from '../../src/engine/customers/migration';
import { SKIP_REASONS } from '../../src/engine/import/importReport';
import { STATUS_CLASSES } from '../../src/engine/import/policies';
import { ENCODINGS } from '../../src/engine/import/preview';
import { TEXT_LAYOUTS } from '../../src/engine/import/delimiter';
import { SEASON_PRESETS } from '../../src/engine/seasonality/presets';
import * as MODEL from '../../src/engine/types';
import { en } from '../../src/i18n/en';
import { channelKpisEn } from '../../src/i18n/channelKpis/en';
import { customersEn } from '../../src/i18n/customers/en';
import { customerValueEn } from '../../src/i18n/customerValue/en';
import { decisionsEn } from '../../src/i18n/decisions/en';
import { elasticityEn } from '../../src/i18n/elasticity/en';
import { experimentsEn } from '../../src/i18n/experiments/en';
import { leversEn } from '../../src/i18n/levers/en';
import { lifecycleEn } from '../../src/i18n/lifecycle/en';
import { regionCustomersEn } from '../../src/i18n/regionCustomers/en';
import { expect, test } from './fixtures';
import type { Planner } from './planner';

/**
 * Every pick list in every view shows words, never the codes the plan stores: in English, 简体中文
 * and 繁體中文, one plan per language holds something of every kind a view lists (a scenario with
 * each operation, a cannibalisation pair, uncertainty ranges, optimiser bounds, scorecard KPIs, a
 * BCG action, a rebate, partners, a price list, a custom metric, a customers data set), and the test
 * reads every native <select>'s options, every grid pick list's options (each column edited through
 * ag-grid's select editor, found from the grid itself), every rendered cell of those columns, and
 * every table cell, and the text and labels of every tab, section, dialog and page (a chart's label
 * included). It fails on a code, an empty option, "undefined"/"null"/"NaN"/"[object Object]", a
 * message key, a {placeholder} left in a message, or a chart labelled with its raw data.
 */

const GBK_ORDERS = fileURLToPath(new URL('../fixtures/customers-ui/orders-gbk.csv', import.meta.url));
const LOCALES = ['en', 'zh-CN', 'zh-TW'] as const;
type Locale = (typeof LOCALES)[number];

/** Every `as const` list of the plan model (channel types, roles, drivers, metrics, distributions…). */
const MODEL_CODES = (Object.values(MODEL) as unknown[]).filter((v): v is readonly string[] => Array.isArray(v)).flat();

/** What the plan and the customers engine store as codes; none of it may be shown as a label. */
const CODES: ReadonlySet<string> = new Set([
  ...MODEL_CODES,
  // Curve types, adjustment operations and targets, custom metric formats: unions of the model.
  ...(['hill', 'linear', 'none'] satisfies MODEL.CurveType[]),
  ...(['set', 'scale', 'add', 'move'] satisfies MODEL.AdjustmentOp['kind'][]),
  ...(['channels', 'type', 'role', 'all'] satisfies MODEL.AdjustmentTarget['kind'][]),
  ...(['number', 'money', 'percent'] satisfies MODEL.CustomMetric['format'][]),
  'yes', 'no', 'true', 'false',
  ...SEASON_PRESETS,
  ...SQL_DIALECTS,
  ...STATUS_CLASSES,
  ...SKIP_REASONS,
  ...ENCODINGS,
  ...TEXT_LAYOUTS,
  ...R_RFM_SEGMENT_RULES.map((r) => r.id),
  ...seedFourClassRules().map((r) => r.id),
  ...EIGHT_CLASS_IDS,
  OTHERS, NEW_CUSTOMERS, NO_SEGMENT,
]);

/**
 * Names shown on purpose that equal a code but for letter case. The Chinese catalogues keep these
 * words as they are (ROI, ROAS, CAC and O2O are what Chinese teams write; SQL, DuckDB, BigQuery and the
 * encodings are product and standard names), so in Chinese, where any code in any letter case is a
 * leak, exactly these are allowed. In English a code is matched with its case: "Spend" is the label
 * of `spend`.
 */
const SHOWN_AS_NAMES: ReadonlySet<string> = new Set(['Hill', 'Spark', 'SQL', 'ROI', 'ROAS', 'CAC', 'NPS', 'O2O', 'DuckDB', 'BigQuery', 'UTF-8', 'GB18030', 'Big5', 'UTF-16LE', 'UTF-16BE', 'Windows-1252']);

/** Every English message: the shell's and those of the catalogues that load with their views. */
const ENGLISH: Readonly<Record<string, string>> = {
  ...en,
  ...customersEn,
  ...regionCustomersEn,
  ...elasticityEn,
  ...experimentsEn,
  ...leversEn,
  ...lifecycleEn,
  ...channelKpisEn,
  ...customerValueEn,
  ...decisionsEn,
};

/** A message key of the catalogues ("cust.set.seg.eight") shown instead of its message. */
const MESSAGE_KEYS: ReadonlySet<string> = new Set(Object.keys(ENGLISH));

/**
 * English messages that are a code's own word, written to read on from their field: "Better when:
 * higher", "Settled every: month", "Fitted in days". In English such a text is the message; a raw code
 * leaking there shows in the Chinese passes, where no message is a code.
 */
const ENGLISH_MESSAGES: ReadonlySet<string> = new Set(Object.values(ENGLISH));

/** The parts of an option's text around its label: "● " marks, " ✓", a count "(3)". */
function bareLabel(text: string): string {
  return text
    .replace(/^[●○✓•]\s*/u, '')
    .replace(/\s*✓$/u, '')
    .replace(/\s*[(（]\d+[)）]$/u, '')
    .trim();
}

interface Scan {
  locale: Locale;
  problems: string[];
  /** `where › select` of every native select read, to prove each view was reached. */
  selects: Set<string>;
  /** `grid › column` of every pick-list column whose options were read. */
  gridLists: Set<string>;
  /** Option values seen in native selects: a label equal to another option's value is a leak too. */
  values: Set<string>;
  /** Every option text read, native or in a grid list, with where it was. */
  options: { where: string; text: string }[];
  /** Every Latin word of every page read. */
  words: Set<string>;
}

const LOWER_CODES: ReadonlySet<string> = new Set([...CODES].map((c) => c.toLowerCase()));
/** A word written as a programmer names things ("baseTraffic", "profitPerOrder"); no Chinese text has one. */
const CAMEL_CASE = /^[a-z]+[A-Z][A-Za-z0-9]*$/;
/** camelCase codes: no English word is written so ("baseTraffic", "ecommercePlatform"). */
const CAMEL_CODES: ReadonlySet<string> = new Set([...CODES].filter((c) => /[a-z][A-Z]/.test(c)));

function isCode(scan: Scan, label: string): boolean {
  if (CODES.has(label)) return true;
  // In English a camelCase code is a leak in any letter case ("Basetraffic").
  if (scan.locale === 'en') return [...CAMEL_CODES].some((c) => c.toLowerCase() === label.toLowerCase());
  return !SHOWN_AS_NAMES.has(label) && LOWER_CODES.has(label.toLowerCase());
}

/** Records what is wrong with one shown text (option or choice cell), if anything. */
function check(scan: Scan, where: string, raw: string | null, opts: { value?: string; mayBeEmpty?: boolean } = {}): void {
  const text = (raw ?? '').replace(/\s+/g, ' ').trim();
  const label = bareLabel(text);
  const say = (what: string) => scan.problems.push(`${scan.locale} · ${where}: ${what} ${JSON.stringify(text)}`);
  if (text === '') {
    if (!opts.mayBeEmpty) say('empty');
    return;
  }
  if (/\b(undefined|null|NaN)\b|\[object \w+\]/.test(text)) say('broken value');
  if (/\{\w+\}/.test(text)) say('placeholder left in');
  if (MESSAGE_KEYS.has(label)) say('message key');
  if (/^[a-z][A-Za-z]*:[\w-]+$/.test(label)) say('prefixed code');
  if (scan.locale === 'en' && ENGLISH_MESSAGES.has(label)) return;
  if (isCode(scan, label)) say('raw code');
  else if (opts.value !== undefined && opts.value !== '' && label === opts.value && !/^\d+$/.test(opts.value) && !SHOWN_AS_NAMES.has(label)) say('shows its own value');
}

interface PageTexts {
  selects: { id: string; options: { text: string; value: string }[]; groups: string[] }[];
  cells: { table: string; text: string }[];
}

/** Every select (its options and option groups) and every table cell on the page, in one read. */
function readPage(page: Page): Promise<PageTexts> {
  return page.evaluate(() => {
    const name = (el: Element): string =>
      el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? el.closest('label')?.firstChild?.textContent?.trim() ?? el.closest('[data-testid]')?.getAttribute('data-testid') ?? '?';
    const selects = Array.from(document.querySelectorAll('select')).map((s) => ({
      id: name(s),
      options: Array.from(s.options).map((o) => ({ text: o.textContent ?? '', value: o.value })),
      groups: Array.from(s.querySelectorAll('optgroup')).map((g) => g.label),
    }));
    // Plain tables; ag-grid's cells are read column by column (only choice columns are labels).
    const cells = Array.from(document.querySelectorAll('table td, table th'))
      .filter((c) => !c.querySelector('input, select, textarea, button'))
      .map((c) => ({ table: c.closest('[data-testid]')?.getAttribute('data-testid') ?? 'table', text: c.textContent ?? '' }));
    return { selects, cells };
  });
}

/**
 * Reads the page once the view shows the selects it should (by test id, aria-label or label), each
 * with options, and checks every option and table cell on it.
 */
async function scanPage(page: Page, scan: Scan, where: string, expected: string[]): Promise<void> {
  let texts: PageTexts = { selects: [], cells: [] };
  await expect
    .poll(
      async () => {
        texts = await readPage(page);
        return expected.filter((id) => !texts.selects.some((s) => s.id === id && s.options.length > 0));
      },
      { message: `${scan.locale} · ${where}: selects shown` },
    )
    .toEqual([]);
  for (const s of texts.selects) {
    scan.selects.add(`${where} › ${s.id}`);
    for (const o of s.options) scan.values.add(o.value);
  }
  for (const s of texts.selects) {
    for (const o of s.options) {
      check(scan, `${where} › select ${s.id}`, o.text, { value: o.value });
      scan.options.push({ where: `${where} › select ${s.id}`, text: o.text });
    }
    for (const g of s.groups) check(scan, `${where} › select ${s.id} group`, g);
  }
  for (const c of texts.cells) check(scan, `${where} › table ${c.table}`, c.text, { mayBeEmpty: true });
  // In Chinese any code word in the page's text is a leak; in English, camelCase codes are never words.
  const text = await pageText(page);
  for (const w of new Set(text.match(/[A-Za-z][\w.:-]*[A-Za-z0-9]/g) ?? [])) {
    scan.words.add(w);
    const leak = scan.locale === 'en' ? CAMEL_CODES.has(w) : (!SHOWN_AS_NAMES.has(w) && LOWER_CODES.has(w.toLowerCase())) || CAMEL_CASE.test(w);
    if (leak || /^[a-z][A-Za-z]*:[\w-]+$/.test(w)) scan.problems.push(`${scan.locale} · ${where}: raw code in the text ${JSON.stringify(w)}`);
  }
  for (const m of new Set(text.match(/\bNaN\b|\[object \w+\]|\{[A-Za-z]\w*\}/g) ?? [])) scan.problems.push(`${scan.locale} · ${where}: ${JSON.stringify(m)} in the text`);
  // A chart is named by its label and what it shows, not by a reading of its raw data (money in minor units).
  for (const label of await page.locator('[_echarts_instance_]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))) {
    if (/\d{5,}/.test(label)) scan.problems.push(`${scan.locale} · ${where}: a chart's label reads raw data ${JSON.stringify(label.slice(0, 120))}`);
  }
}

/**
 * What a page says: its text, and its tooltips, placeholders and labels (a chart's label names its
 * series). A dotted name is one word (project.dataset.orders names a table). Left out: parameter
 * names shown as code on purpose (<code>), and the custom metrics' section, whose formulas are
 * written with the metrics' code names (contribution / orders) and which lists them.
 */
function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('script, style, textarea, code, [hidden], [aria-hidden="true"], section:has([data-testid="builtin-names"])')) continue;
      parts.push(n.textContent ?? '');
    }
    for (const el of Array.from(document.querySelectorAll('[title], [placeholder], [aria-label]'))) {
      for (const a of ['title', 'placeholder', 'aria-label']) parts.push(el.getAttribute(a) ?? '');
    }
    return parts.join(' ');
  });
}

// ---- ag-grid ----

/** The grid draws only the columns in view: scroll sideways until the column's header is drawn. */
async function reveal(grid: Locator, colId: string): Promise<void> {
  const header = grid.locator(`.ag-header-cell[col-id="${colId}"]`);
  const viewport = grid.locator('.ag-body-horizontal-scroll-viewport');
  await expect
    .poll(
      async () => {
        if (await header.isVisible()) return true;
        await viewport.evaluate((el) => {
          const max = el.scrollWidth - el.clientWidth;
          el.scrollTo({ left: el.scrollLeft >= max - 1 ? 0 : Math.min(max, el.scrollLeft + el.clientWidth / 2) });
        });
        return false;
      },
      { intervals: [60], message: `column ${colId}` },
    )
    .toBe(true);
}

/** A body row, not a pinned total row (those have row ids "b-…" and "t-…"). */
const BODY_ROW = '.ag-row:not([row-index^="b-"]):not([row-index^="t-"])';

function bodyCells(grid: Locator, colId: string): Locator {
  return grid.locator(`${BODY_ROW} [col-id="${colId}"]`);
}

/**
 * Opens a pick-list cell's editor and its list. The list may open by itself when the editor starts;
 * otherwise a key opens it. ArrowDown is the key: on a closed list it opens it, on an open one it only
 * moves the highlight (Enter would choose).
 */
async function openList(page: Page, grid: Locator, cell: Locator): Promise<Locator> {
  await cell.dblclick();
  await expect(grid.locator('.ag-cell-inline-editing').first()).toBeVisible();
  const options = page.locator('.ag-select-list [role="option"]');
  await expect
    .poll(async () => {
      if (await options.first().isVisible()) return true;
      await page.keyboard.press('ArrowDown');
      return false;
    }, { intervals: [100, 250, 500] })
    .toBe(true);
  return options;
}

/** The texts of a pick-list cell's options, leaving the editor closed and the value unchanged. */
async function listOf(page: Page, grid: Locator, cell: Locator): Promise<string[]> {
  const options = await openList(page, grid, cell);
  const texts = await options.allTextContents();
  // The stored choice is one of the options: ag-grid's "Invalid selection." never shows.
  await expect(page.getByText('Invalid selection.')).toHaveCount(0);
  await expect
    .poll(async () => {
      if ((await grid.locator('.ag-cell-inline-editing').count()) === 0) return true;
      await page.keyboard.press('Escape');
      return false;
    })
    .toBe(true);
  await expect(options).toHaveCount(0);
  return texts;
}

/**
 * Every pick-list column of a grid (the grid names them), plus `shown` columns whose cells show
 * labels of codes without a select editor (a picker, a list of regions): the options of each pick
 * list, opened on the first row where it applies, and the text of every cell.
 */
async function scanGrid(page: Page, scan: Scan, testid: string, shown: string[] = []): Promise<string[]> {
  const grid = page.getByTestId(testid);
  await expect(grid.locator(BODY_ROW).first()).toBeVisible();
  const choice = ((await grid.getAttribute('data-choice-columns')) ?? '').split(' ').filter(Boolean);
  for (const colId of [...choice, ...shown]) {
    await reveal(grid, colId);
    const cells = bodyCells(grid, colId);
    await expect(cells.first()).toBeVisible();
    for (const text of await cells.allTextContents()) check(scan, `${testid} › cell ${colId}`, text);
    if (!choice.includes(colId)) continue;
    const editable = grid.locator(`${BODY_ROW} [col-id="${colId}"]:not(.na)`).first();
    for (const text of await listOf(page, grid, editable)) {
      check(scan, `${testid} › list ${colId}`, text);
      scan.options.push({ where: `${testid} › list ${colId}`, text });
    }
    scan.gridLists.add(`${testid} › ${colId}`);
  }
  return choice;
}

/** Picks the n-th option of a grid pick list (by position: the test does not assume labels). */
async function pickNth(page: Page, grid: Locator, row: number, colId: string, n: number): Promise<void> {
  await reveal(grid, colId);
  const cell = grid.locator(`.ag-row[row-index="${row}"] [col-id="${colId}"]`);
  const options = await openList(page, grid, cell);
  await options.nth(n).click();
  await expect(grid.locator('.ag-cell-inline-editing')).toHaveCount(0);
}

/** Picks an option other than the chosen one (the list marks the chosen one as selected). */
async function pickOther(page: Page, grid: Locator, row: number, colId: string): Promise<void> {
  await reveal(grid, colId);
  const options = await openList(page, grid, grid.locator(`.ag-row[row-index="${row}"] [col-id="${colId}"]`));
  await options.and(page.locator(':not([aria-selected="true"])')).first().click();
  await expect(grid.locator('.ag-cell-inline-editing')).toHaveCount(0);
}

// ---- the plan and its views ----

async function openTab(page: Page, tab: string, ready: string): Promise<void> {
  await page.getByTestId(`tab-${tab}`).click();
  await expect(page.getByTestId(ready).first()).toBeVisible();
}

async function channels(page: Page, scan: Scan): Promise<void> {
  // Another type and role for the first channel: History then tells them old → new.
  const grid = page.getByTestId('channel-grid');
  for (const colId of ['type', 'role']) {
    await reveal(grid, colId);
    const before = await grid.locator(`.ag-row[row-index="0"] [col-id="${colId}"]`).textContent();
    await pickOther(page, grid, 0, colId);
    await expect(grid.locator(`.ag-row[row-index="0"] [col-id="${colId}"]`)).not.toHaveText(before ?? '');
  }
  const choice = await scanGrid(page, scan, 'channel-grid', ['regions']);
  expect(choice).toEqual(expect.arrayContaining(['type', 'role', 'curve.type']));
  await scanPage(page, scan, 'channels', ['scenario-view', 'language', 'mix-granularity']);
  // The growth and seasonality editor of the first channel.
  await page.getByTestId('season-open').click();
  await expect(page.getByTestId('season-editor')).toBeVisible();
  await scanPage(page, scan, 'season editor', ['season-channel', 'season-driver', 'season-preset', 'season-copy-from']);
  await page.getByTestId('season-close').click();
  await expect(page.getByTestId('season-editor')).toHaveCount(0);
}

async function periods(page: Page, scan: Scan): Promise<void> {
  await openTab(page, 'periods', 'period-grid');
  await scanPage(page, scan, 'periods', ['period-select', 'granularity', 'group-by']);
  // A metric can be grouped by type, role and region: the row names are then labels of codes.
  const select = page.getByTestId('period-select');
  const metric = await select.locator('optgroup').nth(1).locator('option').first().getAttribute('value');
  await select.selectOption(metric ?? '');
  for (const g of ['type', 'role', 'region']) {
    await page.getByTestId('group-by').selectOption(g);
    await expect(page.getByTestId('group-by')).toHaveValue(g);
    const names = bodyCells(page.getByTestId('period-grid'), 'name');
    await expect(names.first()).toBeVisible();
    for (const text of await names.allTextContents()) check(scan, `period-grid by ${g} › cell name`, text);
  }
  await page.getByTestId('group-by').selectOption('channel');
  // The plan's custom metric, and a driver (its months can be typed over).
  for (const value of [await select.locator('option[value^="custom:"]').first().getAttribute('value'), 'driver:spend']) {
    await select.selectOption(value ?? '');
    await expect(select).toHaveValue(value ?? '');
    await expect(bodyCells(page.getByTestId('period-grid'), 'name').first()).toBeVisible();
    await scanPage(page, scan, `periods ${value}`, ['period-select']);
  }
}

async function scenarios(page: Page, scan: Scan): Promise<void> {
  await openTab(page, 'scenarios', 'scenario-new');
  await page.getByTestId('scenario-new').click();
  await expect(page.getByTestId('scenario-item')).toHaveCount(1);
  const grid = page.getByTestId('adjustment-grid');
  for (let i = 0; i < 4; i++) await page.getByTestId('adjustment-add').click();
  await expect(grid.locator(BODY_ROW)).toHaveCount(4);
  // Each operation once (set, scale by %, add, move budget), in the order the list offers them.
  for (let i = 0; i < 4; i++) await pickNth(page, grid, i, 'op', i);
  await expect.poll(async () => new Set(await bodyCells(grid, 'op').allTextContents()).size).toBe(4);
  // A slider on the scale row (the workshop and what-if show it); the last row switched off.
  await pickNth(page, grid, 1, 'slider', 0);
  await pickNth(page, grid, 2, 'enabled', 1);
  await pickNth(page, grid, 2, 'driver', 2);
  await pickNth(page, grid, 0, 'from', 2);

  // Targets by type and by role, read in the picker.
  for (const [row, kind] of [[0, 'type'], [2, 'role']] as const) {
    await reveal(grid, 'target');
    await grid.locator(`.ag-row[row-index="${row}"] [col-id="target"]`).dblclick();
    const picker = page.getByTestId('target-picker');
    await expect(picker).toBeVisible();
    await picker.getByTestId(`target-kind-${kind}`).check();
    await scanPage(page, scan, `target picker ${kind}`, [`target-${kind}`]);
    await picker.getByTestId('target-apply').click();
    await expect(picker).toHaveCount(0);
  }
  const choice = await scanGrid(page, scan, 'adjustment-grid', ['target']);
  expect(choice).toEqual(expect.arrayContaining(['enabled', 'op', 'driver', 'moveFrom', 'moveTo', 'from', 'to', 'slider']));

  // A cannibalisation pair, and goal seek on one channel (its driver list shows then).
  await page.getByTestId('cann-add').click();
  await expect(page.getByTestId('cann-pair')).toHaveCount(1);
  const variable = page.getByTestId('goal-variable');
  await variable.selectOption(await variable.locator('option').nth(1).getAttribute('value') ?? '');
  await page.getByTestId('goal-target').fill('1');
  await page.getByTestId('goal-target').press('Tab');
  await page.getByTestId('goal-run').click();
  await expect(page.getByTestId('goal-result')).toBeVisible();
  await scanPage(page, scan, 'scenarios', ['scenario-parent', 'goal-metric', 'goal-variable', 'goal-driver', ...(await labelsOf(page, 'cannibalisation'))]);
}

/** The selects without a test id are found by their aria-label: the view's own words. */
async function labelsOf(page: Page, testid: string): Promise<string[]> {
  return page.getByTestId(testid).locator('select').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? '?'));
}

async function compareOptimiseRisk(page: Page, scan: Scan): Promise<void> {
  await openTab(page, 'compare', 'compare-table');
  await scanPage(page, scan, 'compare', ['compare-reference', 'compare-waterfall-to']);

  await openTab(page, 'optimise', 'opt-run');
  // Bounds: the first channel frozen.
  await page.locator('details.bounds summary').click();
  await page.getByTestId('opt-frozen').first().check();
  await page.getByTestId('opt-run').click();
  await expect(page.getByTestId('opt-table').locator('tbody tr').first()).toBeVisible();
  await scanPage(page, scan, 'optimise', ['opt-objective', 'opt-mode', 'cal-channel', 'cal-tool']);
  // The contribution-maximising budget, and each tool's import form.
  await page.getByTestId('opt-mode').selectOption('bestBudget');
  await page.getByTestId('opt-run').click();
  await expect(page.getByTestId('opt-run')).toBeEnabled();
  await expect(page.getByTestId('opt-verdict')).toBeVisible();
  // Each tool's import form, and what it says when a field is left empty.
  await page.getByTestId('cal-import').locator('summary').click();
  const tools = page.getByTestId('cal-tool');
  for (const tool of await tools.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))) {
    await tools.selectOption(tool);
    await page.getByTestId('cal-convert').click();
    await expect(page.getByTestId('cal-import-refused')).toBeVisible();
    await scanPage(page, scan, `optimise best budget, import from ${tool}`, ['cal-tool']);
  }

  await openTab(page, 'risk', 'mc-add');
  await page.getByTestId('mc-add').click();
  await page.getByTestId('mc-add').click();
  await expect(page.getByTestId('mc-range')).toHaveCount(2);
  await scanPage(page, scan, 'risk', await labelsOf(page, 'mc-range'));
}

async function evaluate(page: Page, scan: Scan): Promise<void> {
  await openTab(page, 'evaluate', 'eval-scorecard');
  await page.getByTestId('eval-scorecard').click();
  const kpis = await page.getByTestId('score-metric').count();
  await page.getByTestId('score-add').click();
  await expect(page.getByTestId('score-metric')).toHaveCount(kpis + 1);
  // The new KPI on the plan's custom metric, scored against a target.
  const metric = page.getByTestId('score-metric').last();
  await metric.selectOption((await metric.locator('option[value^="custom:"]').first().getAttribute('value')) ?? '');
  await page.getByTestId('score-normalisation').last().selectOption('target');
  await expect(page.getByTestId('score-normalisation').last()).toHaveValue('target');
  await scanPage(page, scan, 'scorecard', ['score-metric', 'score-direction', 'score-normalisation', 'score-window']);

  await page.getByTestId('eval-bcg').click();
  await expect(page.getByTestId('bcg-row').first()).toBeVisible();
  await scanPage(page, scan, 'bcg', ['bcg-share-mode', 'bcg-growth-mode']);
  await page.getByTestId('bcg-share-mode').selectOption('relative');
  await page.getByTestId('bcg-growth-mode').selectOption('pop');
  await expect(page.getByTestId('bcg-growth-mode')).toHaveValue('pop');
  await scanPage(page, scan, 'bcg relative, period on period', ['bcg-share-mode', 'bcg-growth-mode']);
  // One click turns a quadrant's action into a scenario.
  await page.getByTestId('bcg-create').first().click();
  await expect(page.getByTestId('toast').last()).toBeVisible();

  await page.getByTestId('eval-funnel').click();
  await expect(page.getByTestId('funnel-table')).toBeVisible();
  await scanPage(page, scan, 'funnel', []);

  await page.getByTestId('eval-rebates').click();
  await page.getByTestId('reb-add').click();
  await expect(page.getByTestId('reb-mode')).toBeVisible();
  await scanPage(page, scan, 'rebates', ['reb-channel', 'reb-mode', 'reb-period']);

  await page.getByTestId('eval-partners').click();
  await page.getByTestId('partner-examples').click();
  await expect(page.getByTestId('partner-sensitivity')).toBeVisible();
  expect(await scanGrid(page, scan, 'partner-grid')).toEqual(expect.arrayContaining(['kind', 'region']));
  await scanPage(page, scan, 'partners', []);

  await page.getByTestId('eval-prices').click();
  await page.getByTestId('price-example').click();
  await expect(page.getByTestId('price-conflicts')).toBeVisible();
  expect(await scanGrid(page, scan, 'price-grid')).toEqual(expect.arrayContaining(['channel', 'region']));
  await scanPage(page, scan, 'prices', await labelsOf(page, 'price-freight'));
}

async function customers(page: Page, scan: Scan): Promise<void> {
  await openTab(page, 'customers', 'cust-nav-data');
  await expect(page.getByTestId('cust-datasets-empty')).toBeVisible();
  await scanPage(page, scan, 'customers data', ['cust-beyond-dialect', 'cust-beyond-orders', 'cust-beyond-returns', 'cust-beyond-clv-period']);
  await page.getByTestId('cust-import-input').setInputFiles(GBK_ORDERS);
  const dialog = page.getByTestId('cust-import-dialog');
  await expect(dialog.getByTestId('cust-detected')).toHaveAttribute('data-encoding', 'gb18030');
  await scanPage(page, scan, 'customers import', [
    'cust-encoding', 'cust-delimiter', 'cust-map-customer', 'cust-map-date', 'cust-map-amount', 'cust-map-channel',
    'cust-policy-returns', 'cust-policy-duplicates', 'cust-status-rows', 'cust-status-class',
  ]);
  await dialog.getByTestId('cust-import-start').click();
  await expect(dialog.getByTestId('cust-import-done')).toBeVisible();
  await scanPage(page, scan, 'customers import report', []);
  await dialog.getByTestId('cust-import-analyse').click();
  await expect(dialog).toHaveCount(0);

  for (const segmentation of ['rfm', 'seeds4', 'eight']) {
    await page.getByTestId('cust-segmentation').selectOption(segmentation);
    await expect(page.getByTestId('cust-segment-row').first()).toBeVisible();
    await scanPage(page, scan, `segments ${segmentation}`, ['cust-orders', 'cust-monetary', 'cust-segmentation']);
  }
  await page.getByTestId('cust-segmentation').selectOption('custom');
  await expect(page.getByTestId('cust-rule').first()).toBeVisible();
  await scanPage(page, scan, 'segments by own rules', ['cust-segmentation']);
  await page.getByTestId('cust-segmentation').selectOption('rfm');
  await page.getByTestId('cust-nav-abc').click();
  await expect(page.getByTestId('cust-abc-row').first()).toBeVisible();
  await scanPage(page, scan, 'abc', ['cust-abc-of']);
  await page.getByTestId('cust-nav-matrix').click();
  await expect(page.getByTestId('cust-matrix-row').first()).toBeVisible();
  await scanPage(page, scan, 'matrix', ['cust-mx-metric']);
  await page.getByTestId('cust-nav-migration').click();
  await expect(page.getByTestId('cust-migration-row').first()).toBeVisible();
  await scanPage(page, scan, 'migration', ['cust-mig-show', 'cust-coh-channel']);
  await page.getByTestId('cust-nav-clv').click();
  await expect(page.getByTestId('cust-clv-segment-row').first()).toBeVisible({ timeout: 30_000 });
  await scanPage(page, scan, 'clv', ['cust-clv-unit']);
  await page.getByTestId('cust-nav-data').click();
  await expect(page.getByTestId('cust-dataset-row')).toHaveCount(1);
  await scanPage(page, scan, 'customers data', ['cust-beyond-dialect']);
}

/** A named snapshot of the plan as the template made it, for History to compare against. */
async function snapshot(page: Page): Promise<void> {
  await openTab(page, 'history', 'snapshot-save');
  await page.getByTestId('snapshot-save').click();
  await expect(page.getByTestId('snapshot-row')).toHaveCount(1);
  await openTab(page, 'channels', 'channel-grid');
}

async function historySettings(page: Page, scan: Scan): Promise<void> {
  await openTab(page, 'settings', 'plan-name');
  const customs = await page.getByTestId('custom-metric').count();
  await page.getByTestId('add-custom').click();
  await expect(page.getByTestId('custom-metric')).toHaveCount(customs + 1);
  await scanPage(page, scan, 'settings', await labelsOf(page, 'custom-metric'));

  // Every edit of the day, old → new, against the snapshot; and the list of recent edits.
  await openTab(page, 'history', 'snapshot-save');
  await expect(page.getByTestId('recent-edits').locator('li').first()).toBeVisible();
  await page.getByTestId('snapshot-compare').first().click();
  await expect(page.getByTestId('diff-line').first()).toBeVisible();
  await scanPage(page, scan, 'history', []);
  for (const text of await page.getByTestId('diff-line').allTextContents()) check(scan, 'history › diff', text);
}

async function workshopReport(page: Page, scan: Scan): Promise<void> {
  await page.getByTestId('open-workshop').click();
  await expect(page.getByTestId('workshop')).toBeVisible();
  // The first scenario, the one with a slider (the BCG action's scenario is shown after it was made).
  const shown = page.getByTestId('workshop-scenario');
  await shown.selectOption((await shown.locator('option').first().getAttribute('value')) ?? '');
  await expect(page.getByTestId('slider-row').first()).toBeVisible();
  await scanPage(page, scan, 'workshop', ['workshop-scenario', 'mix-granularity']);
  // The fixed-pot game's choice of where the money comes from.
  await page.getByTestId('pot-toggle').click();
  await expect(page.getByTestId('pot-total')).toBeVisible();
  await scanPage(page, scan, 'workshop pot game', ['pot-rule']);
  await page.getByTestId('pot-toggle').click();
  // The projector window mirrors the board.
  const popup = page.context().waitForEvent('page');
  await page.getByTestId('workshop-projector').click();
  const projector = await popup;
  await expect(projector.getByTestId('projector')).toBeVisible();
  await expect(projector.getByTestId('kpi-netRevenue-value')).not.toHaveAttribute('data-value', '');
  await scanPage(projector, scan, 'projector', []);
  await projector.close();
  await page.goBack();
  await page.getByTestId('open-report').click();
  await expect(page.getByTestId('report')).toBeVisible();
  await scanPage(page, scan, 'report', ['report-orientation']);
  await page.goBack();
  await expect(page.getByTestId('open-report')).toBeVisible();
}

/** The plan file as the export dialog writes it, imported back on the home page and merged. */
async function files(page: Page, p: Planner, scan: Scan): Promise<void> {
  await page.getByTestId('plan-export').click();
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await scanPage(page, scan, 'export dialog', []);
  const download = page.waitForEvent('download');
  await page.getByTestId('export-plain').click();
  const file = { name: 'plan.cmplan.json', mimeType: 'application/json', buffer: await readFile(await (await download).path()) };
  await expect(page.getByTestId('export-dialog')).toHaveCount(0);

  await openTab(page, 'scenarios', 'merge-open');
  await page.getByTestId('merge-input').setInputFiles(file);
  await expect(page.getByTestId('merge-dialog')).toBeVisible();
  await scanPage(page, scan, 'merge dialog', []);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('merge-dialog')).toHaveCount(0);

  await p.goHome();
  await scanPage(page, scan, 'home', ['language']);
  await page.getByTestId('import-input').setInputFiles(file);
  // A file of a plan we have is offered a three-way merge.
  await expect(page.getByTestId('m3-dialog')).toBeVisible();
  await scanPage(page, scan, 'import dialog', ['language']);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('m3-dialog')).toHaveCount(0);
}

// A control that never shows fails its step rather than the whole test's time.
test.use({ actionTimeout: 15_000 });

for (const locale of LOCALES) {
  test(`every select and pick list shows labels, not codes (${locale})`, async ({ page, planner }) => {
    test.setTimeout(120_000);
    const libraryWarnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning' && /ag grid|ag-grid|echarts/i.test(m.text())) libraryWarnings.push(m.text());
    });
    const scan: Scan = { locale, problems: [], selects: new Set(), gridLists: new Set(), values: new Set(), options: [], words: new Set() };
    await planner.open(locale);
    await planner.newPlan('beauty');

    await test.step('snapshot', () => snapshot(page));
    await test.step('channels', () => channels(page, scan));
    await test.step('periods', () => periods(page, scan));
    await test.step('scenarios', () => scenarios(page, scan));
    await test.step('compare, optimise, risk', () => compareOptimiseRisk(page, scan));
    await test.step('evaluate', () => evaluate(page, scan));
    await test.step('customers', () => customers(page, scan));
    await test.step('history, settings', () => historySettings(page, scan));
    await test.step('workshop, report', () => workshopReport(page, scan));
    await test.step('files', () => files(page, planner, scan));

    // An option text equal to a value another select stores (a channel id, a code) is a leak too.
    const stored = new Set([...scan.values].filter((v) => v !== '' && !/^-?\d+$/.test(v)));
    for (const o of scan.options) if (stored.has(bareLabel(o.text)) && !(locale === 'en' && ENGLISH_MESSAGES.has(bareLabel(o.text)))) scan.problems.push(`${locale} · ${o.where}: shows a stored value ${JSON.stringify(o.text)}`);
    // Ids the plan stores (ch-tmall, tier1, cm-…, scenario ids) never show as words.
    for (const w of scan.words) if (stored.has(w) && /[\d_-]|[a-z][A-Z]/.test(w) && !SHOWN_AS_NAMES.has(w) && !(locale === 'en' && ENGLISH_MESSAGES.has(w))) scan.problems.push(`${locale}: a stored id in the text ${JSON.stringify(w)}`);
    expect(stored.size).toBeGreaterThan(100);
    expect(scan.gridLists.size).toBeGreaterThanOrEqual(15);
    expect(scan.problems).toEqual([]);
    expect(libraryWarnings).toEqual([]);
  });
}
