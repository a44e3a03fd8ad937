import { expect, type Locator, type Page } from '@playwright/test';

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

  grid(testid: 'channel-grid' | 'period-grid'): Locator {
    return this.page.getByTestId(testid);
  }

  cell(testid: 'channel-grid' | 'period-grid', row: number, colId: string): Locator {
    return this.grid(testid).locator(`.ag-row[row-index="${row}"] [col-id="${colId}"]`).first();
  }

  async editCell(testid: 'channel-grid' | 'period-grid', row: number, colId: string, text: string): Promise<void> {
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
  async paste(testid: 'channel-grid' | 'period-grid', text: string): Promise<void> {
    await this.grid(testid).evaluate((el, t) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', t);
      const target = document.activeElement && el.contains(document.activeElement) ? document.activeElement : el;
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, text);
  }

  toast(): Locator {
    return this.page.getByTestId('toast').last();
  }
}
