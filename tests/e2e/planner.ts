import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page } from '@playwright/test';

/** The app's data grids, by test id. */
export type GridId = 'channel-grid' | 'period-grid' | 'adjustment-grid';

/** Page model of the planner: the tests speak of plans, grids and KPIs, not of selectors. */
export class Planner {
  constructor(readonly page: Page) {}

  async open(locale = 'en'): Promise<void> {
    await this.page.addInitScript((l) => {
      if (!localStorage.getItem('cmp.locale')) localStorage.setItem('cmp.locale', l);
    }, locale);
    await this.page.goto('./');
    await expect(this.page.getByTestId('template-beauty')).toBeVisible();
  }

  async newPlan(template: string): Promise<void> {
    await this.page.getByTestId(`template-${template}`).click();
    await expect(this.grid('channel-grid').locator('.ag-row[row-index="0"]').first()).toBeVisible();
    await this.waitForKpis();
  }

  grid(testid: GridId): Locator {
    return this.page.getByTestId(testid);
  }

  cell(testid: GridId, row: number, colId: string): Locator {
    return this.grid(testid).locator(`.ag-row[row-index="${row}"] [col-id="${colId}"]`).first();
  }

  async editCell(testid: GridId, row: number, colId: string, text: string): Promise<void> {
    await this.showColumn(testid, colId);
    const cell = this.cell(testid, row, colId);
    await cell.dblclick();
    const input = this.grid(testid).locator('.ag-cell-inline-editing input, .ag-popup-editor input').first();
    await expect(input).toBeVisible();
    await input.fill(text);
    await input.press('Enter');
  }

  async kpi(key: string): Promise<number> {
    const v = await this.page.getByTestId(`kpi-${key}-value`).getAttribute('data-value');
    return Number(v);
  }

  async waitForKpis(): Promise<void> {
    await expect(this.page.getByTestId('kpi-netRevenue-value')).not.toHaveAttribute('data-value', '');
  }

  /** Resolves when the KPI differs from `before`. */
  async kpiChangedFrom(key: string, before: number): Promise<number> {
    await expect.poll(() => this.kpi(key)).not.toBe(before);
    return this.kpi(key);
  }

  async chartRenders(testid: string): Promise<number> {
    return Number((await this.page.getByTestId(testid).getAttribute('data-rendered')) ?? 0);
  }

  async saved(): Promise<void> {
    await expect(this.page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  }

  /** Pastes text as the browser does for Ctrl+V, at the focused grid cell. */
  async paste(testid: string, text: string): Promise<void> {
    await this.page.getByTestId(testid).evaluate((el, t) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', t);
      const target = document.activeElement && el.contains(document.activeElement) ? document.activeElement : el;
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, text);
  }

  toast(): Locator {
    return this.page.getByTestId('toast').last();
  }

  // ---- Added for plans / chinese / invalid-input / reliability specs ----

  /** Back to the plan list through the header's brand link. */
  async goHome(): Promise<void> {
    await this.page.locator('header a.brand').click();
    await expect(this.page.getByTestId('template-beauty')).toBeVisible();
  }

  /** The plan list entry whose name is exactly `name`. */
  planItem(name: string): Locator {
    const escaped = name.replace(/[.*+?^$()|[\]{}\\]/g, (c) => `\\${c}`);
    const exact = new RegExp(`^\\s*${escaped}\\s*$`);
    return this.page.getByTestId('plan-item').filter({ has: this.page.getByTestId('plan-link').filter({ hasText: exact }) });
  }

  /** Names in the plan list, top to bottom. */
  async planNames(): Promise<string[]> {
    return (await this.page.getByTestId('plan-link').allTextContents()).map((s) => s.trim());
  }

  /** The body rows of a grid (not the pinned total row). */
  rows(testid: GridId): Locator {
    return this.grid(testid).locator('.ag-row:not([row-index^="b-"]):not([row-index^="t-"])');
  }

  /** Texts of one column, by row index, for the body rows. */
  async columnTexts(testid: GridId, colId: string): Promise<string[]> {
    const n = await this.rows(testid).count();
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(((await this.cell(testid, i, colId).textContent()) ?? '').trim());
    return out;
  }

  /** The visible text of a KPI tile's value (formatted, with currency). */
  kpiText(key: string): Locator {
    return this.page.getByTestId(`kpi-${key}-value`);
  }

  /** The newest toast containing the given text. */
  toastWith(text: string | RegExp): Locator {
    return this.page.getByTestId('toast').filter({ hasText: text }).last();
  }

  /** Opens a cell's editor by double-click and returns its input (nothing typed yet). */
  async openEditor(testid: GridId, row: number, colId: string): Promise<Locator> {
    await this.cell(testid, row, colId).dblclick();
    const input = this.grid(testid).locator('.ag-cell-inline-editing input, .ag-popup-editor input').first();
    await expect(input).toBeVisible();
    return input;
  }

  // ---- Added for the planner's day (shared with the export, growth, scenario and report specs) ----

  /** Clicks a button that saves a file; returns the file's name and bytes. */
  async download(testid: string): Promise<{ name: string; bytes: Buffer }> {
    const wait = this.page.waitForEvent('download');
    await this.page.getByTestId(testid).click();
    const d = await wait;
    return { name: d.suggestedFilename(), bytes: await readFile(await d.path()) };
  }

  /**
   * ag-grid draws only the columns in view: scrolls the grid sideways until the column is drawn
   * (from the left edge when it is not), the way a planner would scroll to it.
   */
  async showColumn(testid: GridId, colId: string): Promise<void> {
    const header = this.grid(testid).locator(`.ag-header-cell[col-id="${colId}"]`);
    if ((await header.count()) > 0) return;
    const viewport = this.grid(testid).locator('.ag-body-horizontal-scroll-viewport');
    await viewport.evaluate((el) => el.scrollTo({ left: 0 }));
    // Half a view at a time, back to the left edge after the right one: the grid draws a scrolled view
    // a moment later, so a column missed on one pass is found on the next.
    await expect
      .poll(
        async () => {
          if ((await header.count()) > 0) return true;
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

  /** The cell of a body row (index) or of the pinned total row ('total'). */
  anyCell(testid: GridId, row: number | 'total', colId: string): Locator {
    return row === 'total' ? this.grid(testid).locator(`.ag-row[row-index="b-0"] [col-id="${colId}"]`).first() : this.cell(testid, row, colId);
  }

  /** The text of a cell, its column scrolled into view first. */
  async readCell(testid: GridId, row: number | 'total', colId: string): Promise<string> {
    await this.showColumn(testid, colId);
    return ((await this.anyCell(testid, row, colId).textContent()) ?? '').trim();
  }

  /** Types into a cell of the scenario's adjustment grid, its column scrolled into view first. */
  async typeAdjustment(row: number, colId: string, text: string): Promise<void> {
    await this.editCell('adjustment-grid', row, colId, text);
  }

  /** The texts of the printable report's P&L rows (each channel × scenario, and the totals), as shown. */
  async reportPnlRows(): Promise<string[][]> {
    return this.page
      .getByTestId('report-pnl')
      .locator('[data-testid=report-pnl-row], [data-testid=report-pnl-total]')
      .evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td[data-col]'), (td) => td.textContent?.trim() ?? '')));
  }
}
