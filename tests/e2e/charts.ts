import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Moves the mouse over a chart until its tooltip (HTML inside the chart's element: ECharts' own, or
 * the page's for a chart the worker draws) shows `text`; with no text, sweeps the chart once so
 * that every tooltip on the way is drawn.
 */
export async function hoverChart(page: Page, testid: string, text?: string): Promise<void> {
  const chart = page.getByTestId(testid);
  await chart.scrollIntoViewIfNeeded();
  await expect.poll(async () => Number((await chart.getAttribute('data-rendered')) ?? 0)).toBeGreaterThan(0);
  const box = await chart.boundingBox();
  if (!box) throw new Error(`${testid} is not laid out`);
  const sweep = async (): Promise<void> => {
    for (let fx = 0.1; fx < 0.95; fx += 0.08) {
      for (let fy = 0.15; fy < 0.9; fy += 0.1) {
        await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
        if (text && (await chart.innerText()).includes(text)) return;
      }
    }
  };
  if (!text) return sweep();
  await expect(async () => {
    await sweep();
    expect(await chart.innerText()).toContain(text);
  }).toPass({ timeout: 20_000 });
}
