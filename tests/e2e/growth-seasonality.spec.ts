import type { Page } from '@playwright/test';
import { presetProfile } from '../../src/engine/seasonality/presets';
import { expect, test, watchLibraries } from './fixtures';
import type { GridId, Planner } from './planner';

/** A formatted amount or count as a number: "¥1,120,800" → 1120800, "-¥4,296,876" → -4296876. */
function amount(text: string): number {
  const negative = /^[-−]/.test(text.trim());
  const n = Number(text.replace(/[^0-9.]/g, ''));
  return negative ? -n : n;
}

const MONTHS_2027 = Array.from({ length: 12 }, (_, m) => `b.2027-${String(m + 1).padStart(2, '0')}`);
const MONTHS_ALL = [...MONTHS_2027, ...MONTHS_2027.map((c) => c.replace('2027', '2028'))];

const CHANNEL_COLUMNS = [
  'name', 'type', 'role', 'regions',
  ...['spend', 'baseTraffic', 'conversion', 'aov', 'returnRate', 'grossMargin', 'channelMargin', 'variableCostRate', 'fixedCost', 'newCustomerShare'].map((k) => `driver.${k}`),
  'growth.spend', 'growth.baseTraffic', 'season.spend',
  'curve.type', 'curve.max', 'curve.halfSat', 'curve.shape',
  ...['spend', 'fixedCost', 'netRevenue', 'contribution', 'roi', 'cac', 'costRatio', 'revenueShare'].map((m) => `metric.${m}`),
];

async function amounts(p: Planner, grid: GridId, cells: [number | 'total', string][]): Promise<number[]> {
  const out: number[] = [];
  for (const [row, colId] of cells) out.push(amount(await p.readCell(grid, row, colId)));
  return out;
}

/** The twelve indices as the editor shows them. */
async function editorProfile(page: Page): Promise<string[]> {
  return Promise.all(Array.from({ length: 12 }, (_, m) => page.getByTestId(`season-m${m}`).inputValue()));
}

async function openEditorOn(page: Page, p: Planner, row: number): Promise<void> {
  await p.cell('channel-grid', row, 'name').click();
  if (!(await page.getByTestId('season-editor').isVisible())) await page.getByTestId('season-open').click();
  await expect(page.getByTestId('season-editor')).toBeVisible();
}

test.describe('growth and seasonality a planner can see and edit', () => {
  test('10 % a year and Double 11 on a channel give the months the period grid shows; copy; undo', async ({ page, planner: p }) => {
    const warnings = watchLibraries(page);
    await p.open('en');
    await p.newPlan('beauty');

    // The grid says what base means, and the stores channel (row 1) has no growth yet.
    await expect(p.grid('channel-grid').locator('.ag-header-group-cell').filter({ hasText: 'Base month — before growth and seasonality' })).toBeVisible();
    await p.showColumn('channel-grid', 'growth.spend');
    await expect(p.cell('channel-grid', 1, 'growth.spend')).toHaveText('not set');

    await openEditorOn(page, p, 1);
    await expect(page.getByTestId('season-channel')).toHaveValue('ch-stores');
    await expect(page.getByTestId('growth-not-set')).toBeVisible();
    const storesProfile = await editorProfile(page);

    // Growth typed per year is stored as the exact monthly compound rate and shown both ways.
    await page.getByTestId('growth-year').fill('10');
    await page.getByTestId('growth-year').press('Tab');
    await expect(page.getByTestId('growth-month')).toHaveValue('0.797%');
    await expect(page.getByTestId('growth-year')).toHaveValue('10%');
    await expect(p.cell('channel-grid', 1, 'growth.spend')).toHaveText('+10%');

    // Double 11 on this channel only.
    await page.getByTestId('season-preset').selectOption('double11');
    await page.getByTestId('season-apply').click();
    const d11 = presetProfile('double11');
    await expect(page.getByTestId('season-m10')).toHaveValue(d11[10].toFixed(3));
    await expect(page.getByTestId('season-mean')).toContainText('exactly 12 base months');
    await p.showColumn('channel-grid', 'season.spend');
    await expect(p.cell('channel-grid', 1, 'season.spend')).toHaveText(`Peak Nov ×${d11[10].toFixed(3)}`);

    // Undo restores the previous profile in one step; growth (an earlier edit) stays; redo brings it back.
    await page.getByTestId('undo').click();
    expect(await editorProfile(page)).toEqual(storesProfile);
    await expect(page.getByTestId('growth-year')).toHaveValue('10%');
    await page.getByTestId('redo').click();
    await expect(page.getByTestId('season-m10')).toHaveValue(d11[10].toFixed(3));

    // Copy the stores' growth and profile onto the private community (row 2, flat and without spend growth).
    await page.getByTestId('season-channel').selectOption('ch-community');
    await expect(page.getByTestId('season-m10')).toHaveValue('1.000');
    await page.getByTestId('season-copy-from').selectOption('ch-stores');
    await page.getByTestId('season-copy').click();
    await expect(page.getByTestId('season-m10')).toHaveValue(d11[10].toFixed(3));
    await expect(page.getByTestId('growth-year')).toHaveValue('10%');

    // The chart marks months typed in the Periods grid: none yet.
    await expect(page.getByTestId('season-overrides')).toHaveAttribute('data-count', '0');

    // The Periods grid: January to December of spend = base × seasonality × (1.1)^(t/12), worked out here.
    await page.getByTestId('tab-periods').click();
    await expect(p.cell('period-grid', 1, 'b.2027-01')).toBeVisible();
    for (const [row, baseYuan] of [[1, 150_000], [2, 120_000]] as const) {
      const shown = await amounts(p, 'period-grid', MONTHS_2027.map((c) => [row, c]));
      const expected = d11.map((index, t) => Math.round(baseYuan * 100 * Math.pow(1.1, t / 12) * index) / 100);
      shown.forEach((v, t) => expect(Math.abs(v - expected[t]), `row ${row} month ${t + 1}: ${v} vs ${expected[t]}`).toBeLessThanOrEqual(0.5));
      // January a year later is exactly 10 % above January.
      const jan2028 = amount(await p.readCell('period-grid', row, 'b.2028-01'));
      expect(Math.abs(jan2028 - expected[0] * 1.1)).toBeLessThanOrEqual(1);
    }

    // Override one month: the editor's chart counts it and marks it.
    await p.showColumn('period-grid', 'b.2027-06');
    await p.editCell('period-grid', 1, 'b.2027-06', '300000');
    await expect(p.cell('period-grid', 1, 'b.2027-06')).toHaveClass(/overridden/);
    await page.getByTestId('tab-channels').click();
    await openEditorOn(page, p, 1);
    await expect(page.getByTestId('season-overrides')).toHaveAttribute('data-count', '1');
    await expect(page.getByTestId('season-overrides')).toHaveText('One month is typed in the Periods grid (◆): growth and seasonality do not change it.');
    await expect(page.getByTestId('season-chart')).toHaveAttribute('data-rendered', /\d+/);
    await page.getByTestId('season-clear-overrides').click();
    await expect(page.getByTestId('season-overrides')).toHaveAttribute('data-count', '0');
    expect(warnings).toEqual([]);
  });

  test('a pasted row of twelve, presets on several channels, normalising, and a new channel that grows', async ({ page, planner: p }) => {
    const warnings = watchLibraries(page);
    await p.open('en');
    await p.newPlan('beauty');
    await openEditorOn(page, p, 3);

    // A row copied from Excel as percentages: one edit, and the editor says how it read them.
    const row = ['90%', '80%', '100%', '95%', '100%', '120%', '90%', '90%', '95%', '100%', '150%', '110%'];
    await page.getByTestId('season-m4').evaluate((el, text) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', text);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, row.join('\t') + '\r\n');
    expect(await editorProfile(page)).toEqual(row.map((v) => (Number(v.slice(0, -1)) / 100).toFixed(3)));
    await expect(page.getByTestId('season-note')).toHaveText('Pasted 12 indices, read as percentages (100 % = an average month).');
    // They average 1.0167: the editor says the year grows by it, and normalising brings it back to 1.
    await expect(page.getByTestId('season-mean')).toContainText('101.7% of 12 base months');
    await page.getByTestId('season-normalise').click();
    await expect(page.getByTestId('season-mean')).toContainText('exactly 12 base months');
    const normalised = (await editorProfile(page)).map(Number);
    expect(normalised[10] / normalised[0]).toBeCloseTo(1.5 / 0.9, 2);

    // One click puts 618 on two channels; one undo takes it off both.
    await page.getByTestId('season-preset').selectOption('618');
    await page.getByTestId('season-target-0').check();
    await page.getByTestId('season-apply').click();
    const june = presetProfile('618')[5].toFixed(3);
    await expect(page.getByTestId('season-m5')).toHaveValue(june);
    await page.getByTestId('season-channel').selectOption('ch-tmall');
    await expect(page.getByTestId('season-m5')).toHaveValue(june);
    await page.getByTestId('undo').click();
    await expect(page.getByTestId('season-m5')).not.toHaveValue(june);
    await page.getByTestId('season-channel').selectOption('ch-douyin-live');
    expect((await editorProfile(page)).map(Number)).toEqual(normalised);

    // Spring Festival: the editor says that the festival moves, with its dates in the plan's years.
    await page.getByTestId('season-preset').selectOption('springFestival');
    await expect(page.getByTestId('spring-note')).toContainText('Feb 6, 2027');
    await expect(page.getByTestId('spring-note')).toContainText('Jan 26, 2028');

    // A new channel grows like the plan's median channel, and says so.
    await page.getByTestId('add-channel').click();
    await expect(p.toastWith('grows like the plan’s median channel')).toBeVisible();
    await p.showColumn('channel-grid', 'growth.baseTraffic');
    await expect(p.cell('channel-grid', 4, 'growth.baseTraffic')).toHaveText(/^\+\d/);
    expect(warnings).toEqual([]);
  });

  test('totals: every summable column adds up to what the rows show, in both grids', async ({ page, planner: p }) => {
    const warnings = watchLibraries(page);
    await p.open('en');
    await p.newPlan('beauty');
    const n = await p.rows('channel-grid').count();
    expect(n).toBe(4);

    // Channel grid: base amounts are summed exactly; whole-plan results to display rounding (½ yuan a row).
    for (const [colId, tolerance] of [
      ['driver.spend', 0],
      ['driver.baseTraffic', 0],
      ['driver.fixedCost', 0],
      ['metric.spend', n * 0.5],
      ['metric.fixedCost', n * 0.5],
      ['metric.netRevenue', n * 0.5],
      ['metric.contribution', n * 0.5],
    ] as const) {
      const values = await amounts(p, 'channel-grid', Array.from({ length: n }, (_, r) => [r, colId]));
      const total = amount(await p.readCell('channel-grid', 'total', colId));
      expect(Math.abs(values.reduce((a, v) => a + v, 0) - total), colId).toBeLessThanOrEqual(tolerance);
    }
    // Rates in the total row are blends, not sums: between the smallest and largest channel value.
    const conversions = await amounts(p, 'channel-grid', Array.from({ length: n }, (_, r) => [r, 'driver.conversion']));
    const blended = amount(await p.readCell('channel-grid', 'total', 'driver.conversion'));
    expect(blended).toBeGreaterThan(Math.min(...conversions));
    expect(blended).toBeLessThan(Math.max(...conversions));

    // Period grid: the total column sums each row's months, the total row each month's rows.
    await page.getByTestId('tab-periods').click();
    await expect(p.cell('period-grid', 0, 'b.2027-01')).toBeVisible();
    await expect(p.grid('period-grid').locator('.ag-header-cell[col-id="total"]')).toContainText('Total');
    let grand = 0;
    for (let r = 0; r < n; r++) {
      const months = await amounts(p, 'period-grid', MONTHS_ALL.map((c) => [r, c]));
      const total = amount(await p.readCell('period-grid', r, 'total'));
      expect(Math.abs(months.reduce((a, v) => a + v, 0) - total), `row ${r}`).toBeLessThanOrEqual(MONTHS_ALL.length * 0.5);
      grand += total;
    }
    for (const c of MONTHS_ALL) {
      const column = await amounts(p, 'period-grid', Array.from({ length: n }, (_, r) => [r, c]));
      const total = amount(await p.readCell('period-grid', 'total', c));
      expect(Math.abs(column.reduce((a, v) => a + v, 0) - total), c).toBeLessThanOrEqual(n * 0.5);
    }
    const corner = amount(await p.readCell('period-grid', 'total', 'total'));
    expect(Math.abs(grand - corner)).toBeLessThanOrEqual(n * 0.5);

    // A ratio's total column is recomputed, not summed: ROI over the plan lies within the months' range.
    await page.getByTestId('period-select').selectOption('metric:roi');
    await expect(p.grid('period-grid').locator('.ag-header-cell[col-id="total"]')).toContainText('Whole plan');
    const monthly = await amounts(p, 'period-grid', MONTHS_ALL.map((c) => [0, c]));
    const whole = amount(await p.readCell('period-grid', 0, 'total'));
    expect(whole).toBeGreaterThanOrEqual(Math.min(...monthly));
    expect(whole).toBeLessThanOrEqual(Math.max(...monthly));
    expect(warnings).toEqual([]);
  });

  for (const locale of ['en', 'zh-CN', 'zh-TW']) {
    test(`no grid header is cut off (${locale})`, async ({ page, planner: p }) => {
      await p.open(locale);
      await p.newPlan('beauty');
      // Every column's header, scrolled into view in turn: its text (and its group's) fits, wrapped, not cut off.
      const cut = async (grid: GridId, colIds: readonly string[]): Promise<string[]> => {
        const found = new Set<string>();
        for (const colId of colIds) {
          await p.showColumn(grid, colId);
          const texts = await p.grid(grid).locator('.ag-header-cell-text, .ag-header-group-text').evaluateAll((els) =>
            els.filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1).map((el) => el.textContent ?? ''),
          );
          texts.forEach((text) => found.add(text));
        }
        return [...found];
      };
      await expect(p.cell('channel-grid', 0, 'driver.spend')).toBeVisible();
      expect(await cut('channel-grid', CHANNEL_COLUMNS)).toEqual([]);
      await page.getByTestId('tab-periods').click();
      await expect(p.grid('period-grid').locator('.ag-header-cell[col-id="total"]')).toBeVisible();
      expect(await cut('period-grid', ['name', ...MONTHS_ALL, 'total'])).toEqual([]);
    });
  }
});
