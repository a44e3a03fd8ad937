import type { Browser, Page } from '@playwright/test';
import { generateSyntheticPlan } from '../src/engine/synthetic';
import { KEEP_NAMES_SHIM } from './browser';
import { seedPlan, type Visit } from './seedPlan';
import { mainThreadTasks } from './trace';
import { median, percentile, round } from './util';

export interface W4Result {
  samples: number[];
  median: number;
  p95: number;
  /** Median and p95 over edits of the longest frame during each update. */
  maxFrame: number;
  maxFrameP95: number;
  /** Main-thread tasks of 1 ms or more during the edits (Chromium trace): p95, max, how many > 10 ms. */
  taskP95: number;
  taskMax: number;
  tasksOver10: number;
  tasks: number;
  /** Main-thread time per edit: every task of 1 ms or more during the edits, added up, over the edits. */
  busyPerEdit: number;
  /** Whether the plan's charts were in the window, so that each sample waited for them to redraw. */
  chartsInView: boolean;
  /** Samples that began before the offline copy was stored (0 on a returning visit). */
  whileStoring: number;
}

/**
 * A laptop's window; W4_TALL shows the channel grid and the charts under it at once, and
 * W4_TALLEST the scenario's slider and the charts under its adjustment grid (3,400 px down).
 */
export const W4_LAPTOP = { width: 1440, height: 900 };
export const W4_TALL = { width: 1440, height: 1500 };
export const W4_TALLEST = { width: 1440, height: 3800 };

/**
 * Whether the top of an element is inside the window: the plan view's charts draw only then
 * (Chart.svelte's whenVisible), so a sample waits for their redraw only when they are in view.
 */
export async function inWindow(page: Page, testid: string): Promise<boolean> {
  return page.getByTestId(testid).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top < innerHeight && r.bottom > 0;
  });
}

/**
 * W4: a driver edit in the channel grid → worker recompute → grid, KPI tiles and charts painted, on a
 * 50 × 36 plan. Each sample runs from the Enter key that commits the edit to the first moment after
 * the frame that shows the new KPI — and the re-rendered charts when they are in the window — has
 * painted (rAF, then a task). On a laptop's window the charts are under the fold and do not redraw.
 * The longest frame during the updates stands for the main thread's busiest frame. By default on a
 * returning visit (the offline copy stored, see seedPlan.ts); on a first visit the service worker
 * stores the build on its own thread meanwhile, which on two cores takes CPU from the page.
 */
export async function measureW4(browser: Browser, url: string, runs = 40, viewport = W4_LAPTOP, visit: Visit = 'returning'): Promise<W4Result> {
  const plan = { ...generateSyntheticPlan({ channels: 50, periods: 36, seed: 42, withOverrides: true }), id: 'benchW4', updatedAt: Date.now() };
  const context = await browser.newContext({ viewport });
  await context.addInitScript({ content: KEEP_NAMES_SHIM });
  // When the app registers its service worker, which on a first visit starts storing the offline copy.
  await context.addInitScript({
    content: `if (self.ServiceWorkerContainer) { const register = ServiceWorkerContainer.prototype.register; ServiceWorkerContainer.prototype.register = function (...a) { self.__swRegisteredAt ??= performance.now(); return register.apply(this, a); }; }`,
  });
  const page = await context.newPage();
  await seedPlan(page, url, plan, 'channels', visit);
  const cell = page.getByTestId('channel-grid').locator('.ag-row[row-index="0"] [col-id="driver.spend"]').first();
  await cell.waitFor();
  await page.getByTestId('chart-by-channel').waitFor();
  const chartsInView = await inWindow(page, 'chart-mix');
  if (chartsInView) await page.locator('[data-testid="chart-mix"][data-rendered]').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="kpi-netRevenue-value"]')?.getAttribute('data-value') !== '');

  await page.evaluate(() => {
    const w = window as unknown as { __w4: { t0: number; samples: number[]; starts: number[]; frames: number[]; longest: number[]; storedAt: number | null } };
    // When the offline copy was stored: before the edits on a returning visit, or when the worker
    // takes control of the page on a first one (null: not during the edits).
    w.__w4 = { t0: 0, samples: [], starts: [], frames: [], longest: [], storedAt: navigator.serviceWorker?.controller ? -Infinity : null };
    navigator.serviceWorker?.addEventListener('controllerchange', () => {
      w.__w4.storedAt ??= performance.now();
    });
    addEventListener('keydown', (e) => {
      if (e.key === 'Enter') w.__w4.t0 = performance.now();
    }, true);
    let last = performance.now();
    const loop = (ts: number): void => {
      w.__w4.frames.push(ts - last);
      last = ts;
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  });

  const tasks = await mainThreadTasks(page, async () => {
    for (let i = 0; i < runs; i++) {
      const before = await page.evaluate(() => ({
        kpi: document.querySelector('[data-testid="kpi-netRevenue-value"]')?.getAttribute('data-value'),
        mix: document.querySelector('[data-testid="chart-mix"]')?.getAttribute('data-rendered'),
      }));
      await cell.dblclick();
      const input = page.getByTestId('channel-grid').locator('.ag-cell-inline-editing input').first();
      await input.fill(String(100000 + i * 1000 + (i % 2) * 50000));
      await page.evaluate(() => {
        (window as unknown as { __w4: { frames: number[] } }).__w4.frames = [];
      });
      await input.press('Enter');
      await page.evaluate(
        (b) =>
          new Promise<void>((resolve) => {
            const w = window as unknown as { __w4: { t0: number; samples: number[]; starts: number[]; frames: number[]; longest: number[] } };
            const done = (): boolean =>
              document.querySelector('[data-testid="kpi-netRevenue-value"]')?.getAttribute('data-value') !== b.kpi &&
              (!b.chartsInView || document.querySelector('[data-testid="chart-mix"]')?.getAttribute('data-rendered') !== b.mix);
            const finish = (): void => {
              requestAnimationFrame(() => setTimeout(() => {
                w.__w4.samples.push(performance.now() - w.__w4.t0);
                w.__w4.starts.push(w.__w4.t0);
                // Longest rAF-to-rAF gap while this update ran: the busiest frame of the update.
                w.__w4.longest.push(Math.max(0, ...w.__w4.frames));
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
        { ...before, chartsInView },
      );
    }
  });
  const busy = tasks.filter((d) => d >= 1);
  const { samples, longest, starts, storedAt, registeredAt } = await page.evaluate(() => ({
    ...(window as unknown as { __w4: { samples: number[]; longest: number[]; starts: number[]; storedAt: number | null } }).__w4,
    registeredAt: (window as unknown as { __swRegisteredAt?: number }).__swRegisteredAt ?? null,
  }));
  await context.close();
  // The first edits warm up the JIT and the worker; report the steady state.
  const steady = samples.slice(5);
  // Begun after the worker was registered and before it took control (it stores the copy meanwhile).
  const whileStoring = registeredAt === null ? 0 : starts.slice(5).filter((t) => t >= registeredAt && (storedAt === null || t < storedAt)).length;
  const frames = longest.slice(5);
  return {
    samples: steady,
    median: round(median(steady)),
    p95: round(percentile(steady, 95)),
    maxFrame: round(median(frames)),
    maxFrameP95: round(percentile(frames, 95)),
    taskP95: round(busy.length ? percentile(busy, 95) : 0),
    taskMax: round(busy.length ? Math.max(...busy) : 0),
    tasksOver10: busy.filter((d) => d > 10).length,
    tasks: busy.length,
    busyPerEdit: round(busy.reduce((a, d) => a + d, 0) / runs),
    chartsInView,
    whileStoring,
  };
}
