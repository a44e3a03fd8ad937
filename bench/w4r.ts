import type { Browser } from '@playwright/test';
import { KEEP_NAMES_SHIM } from './browser';
import { regionalBenchPlan } from './regionalPlan';
import { seedPlan } from './seedPlan';
import { mainThreadTasks } from './trace';
import { median, percentile, round, type BenchRow } from './util';

/**
 * W4r: a regional spend typed in the Regions grid → worker recompute of 500 channel × region rows →
 * grid, KPI tiles, region tiles, heatmap and the month chart painted, on 50 channels × 10 regions ×
 * 36 months. Each sample runs from the Enter key to the first moment after the frame that shows the
 * new KPI and the redrawn month chart has painted (rAF, then a task), as W4 measures it.
 */
export async function measureW4r(browser: Browser, url: string, runs = 30): Promise<BenchRow> {
  const plan = regionalBenchPlan();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript({ content: KEEP_NAMES_SHIM });
  const page = await context.newPage();
  await seedPlan(page, url, plan, 'regions');
  await page.getByTestId('region-select').selectOption('driver:spend');
  const grid = page.getByTestId('region-grid');
  const cell = grid.locator('.ag-row[row-index="0"] [col-id="r.r1"]').first();
  await cell.waitFor();
  await page.getByTestId('region-months-chart').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="kpi-netRevenue-value"]')?.getAttribute('data-value') !== '');
  await page.evaluate(() => {
    const w = window as unknown as { __w4r: { t0: number; samples: number[] } };
    w.__w4r = { t0: 0, samples: [] };
    addEventListener('keydown', (e) => {
      if (e.key === 'Enter') w.__w4r.t0 = performance.now();
    }, true);
  });
  const tasks = await mainThreadTasks(page, async () => {
    for (let i = 0; i < runs; i++) {
      const before = await page.evaluate(() => ({
        kpi: document.querySelector('[data-testid="kpi-netRevenue-value"]')?.getAttribute('data-value'),
        chart: document.querySelector('[data-testid="region-months-chart"]')?.getAttribute('data-rendered'),
      }));
      await cell.dblclick();
      const input = grid.locator('.ag-cell-inline-editing input').first();
      await input.fill(String(20000 + i * 100 + (i % 2) * 5000));
      await input.press('Enter');
      await page.evaluate(
        (b) =>
          new Promise<void>((resolve) => {
            const w = window as unknown as { __w4r: { t0: number; samples: number[] } };
            const done = (): boolean =>
              document.querySelector('[data-testid="kpi-netRevenue-value"]')?.getAttribute('data-value') !== b.kpi &&
              document.querySelector('[data-testid="region-months-chart"]')?.getAttribute('data-rendered') !== b.chart;
            const finish = (): void => {
              requestAnimationFrame(() => setTimeout(() => {
                w.__w4r.samples.push(performance.now() - w.__w4r.t0);
                resolve();
              }, 0));
            };
            if (done()) return finish();
            const mo = new MutationObserver(() => {
              if (done()) {
                mo.disconnect();
                finish();
              }
            });
            mo.observe(document.body, { attributes: true, subtree: true, attributeFilter: ['data-value', 'data-rendered'] });
          }),
        before,
      );
    }
  });
  const samples = (await page.evaluate(() => (window as unknown as { __w4r: { samples: number[] } }).__w4r.samples)).slice(5);
  await context.close();
  const busy = tasks.filter((d) => d >= 1);
  const p95 = round(percentile(samples, 95));
  return {
    id: 'W4r', case: '50 channels x 10 regions x 36 periods, regional values (region cell edit -> grid + tiles + charts painted)',
    ours_ms: round(median(samples)), p95_ms: p95, samples: samples.length,
    main_thread_task_p95_ms: round(busy.length ? percentile(busy, 95) : 0), main_thread_task_max_ms: round(busy.length ? Math.max(...busy) : 0),
    main_thread_tasks_over_10ms: busy.filter((d) => d > 10).length, main_thread_tasks: busy.length,
    visit: 'returning', peer: null, peer_ms: null, ratio: null, goal: 'p95 input-to-paint <= 100 ms', met: p95 <= 100,
  };
}
