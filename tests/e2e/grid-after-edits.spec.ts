import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * Every cell the channel grid draws — text and classes (a loss in red), body and total rows — read
 * column by column while the grid is scrolled from its left edge to its right.
 */
async function gridCells(grid: Locator): Promise<Map<string, string>> {
  const viewport = grid.locator('.ag-body-horizontal-scroll-viewport');
  await viewport.evaluate((el) => el.scrollTo({ left: 0 }));
  const cells = new Map<string, string>();
  for (;;) {
    // The grid draws a scrolled view a moment later: wait until the cells drawn stop changing.
    let drawn = '';
    await expect
      .poll(async () => {
        const now = await grid.locator('.ag-row').evaluateAll((rows) =>
          JSON.stringify(
            rows.flatMap((row) =>
              Array.from(row.querySelectorAll('[col-id]')).map((cell) => [
                `${row.getAttribute('row-index')}|${cell.getAttribute('col-id')}`,
                `${cell.textContent?.trim()}|${['negative', 'not-set', 'by-region'].filter((c) => cell.classList.contains(c)).join(' ')}`,
              ]),
            ),
          ),
        );
        const settled = now === drawn;
        drawn = now;
        return settled;
      }, { intervals: [150] })
      .toBe(true);
    for (const [key, value] of JSON.parse(drawn) as [string, string][]) cells.set(key, value);
    const atEnd = await viewport.evaluate((el) => {
      const max = el.scrollWidth - el.clientWidth;
      if (el.scrollLeft >= max - 1) return true;
      el.scrollTo({ left: Math.min(max, el.scrollLeft + el.clientWidth / 2) });
      return false;
    });
    if (atEnd) return cells;
  }
}

test('after edits, paste and undo, every cell of the channel grid shows what a fresh load of the plan shows', async ({ page, planner: p }) => {
  await p.open('en');
  await p.newPlan('beauty');
  const grid = p.grid('channel-grid');
  const before = await gridCells(grid);

  // Spend up on the first channel; a conversion so low the third channel loses money; a paste; an undo.
  const r0 = await p.kpi('netRevenue');
  await p.editCell('channel-grid', 0, 'driver.spend', '2,000,000');
  const r1 = await p.kpiChangedFrom('netRevenue', r0);
  await p.editCell('channel-grid', 2, 'driver.conversion', '0.01%');
  const r2 = await p.kpiChangedFrom('netRevenue', r1);
  await p.showColumn('channel-grid', 'driver.conversion');
  await p.cell('channel-grid', 1, 'driver.conversion').click();
  await p.paste('channel-grid', '25%\t320\r\n');
  const r3 = await p.kpiChangedFrom('netRevenue', r2);
  await page.keyboard.press('Control+z');
  await expect.poll(() => p.kpi('netRevenue')).toBe(r2);
  await p.saved();
  const edited = await gridCells(grid);

  // The edits show: the first channel's spend, and the third channel's loss in red.
  expect(edited.get('0|driver.spend')).toBe('¥2,000,000|');
  expect(edited.get('2|metric.contribution')).toMatch(/^-¥[\d,]+\|negative$/);
  expect([...edited].filter(([key, value]) => before.get(key) !== value).length).toBeGreaterThan(10);
  expect(r3).not.toBe(r2);

  await page.reload();
  await p.waitForKpis();
  const fresh = await gridCells(grid);
  expect(fresh.size).toBeGreaterThan(100);
  expect([...edited].filter(([key, value]) => fresh.get(key) !== value)).toEqual([]);
  expect(edited.size).toBe(fresh.size);
});
