import type { Browser } from '@playwright/test';
import { generateSyntheticPlan } from '../src/engine/synthetic';
import type { Plan } from '../src/engine/types';
import { KEEP_NAMES_SHIM } from './browser';
import { seedPlan } from './seedPlan';
import { mainThreadTasks } from './trace';
import { inWindow, W4_LAPTOP } from './w4';
import { median, percentile, round } from './util';

export interface W4SliderResult {
  inputs: number;
  paints: number;
  median: number;
  p95: number;
  longestFrame: number;
  longestFrameP95: number;
  /** Main-thread tasks of 1 ms or more during the drag (from Chromium's trace): p95, max, how many > 10 ms. */
  taskP95: number;
  taskMax: number;
  tasksOver10: number;
  tasks: number;
  /** Main-thread time per input event: every task of 1 ms or more during the drag, added up, over the inputs. */
  busyPerInput: number;
  /** Whether the plan's charts were in the window (and so redrew during the drag). */
  chartsInView: boolean;
}

/**
 * W4 (slider): a what-if slider dragged with real pointer events over a 50 × 36 plan. For every
 * `input` event, the latency is the time until the first painted frame showing a result computed
 * from that position or a later one (the worker drops positions it has been overtaken on, as it
 * should). Frames: the longest rAF-to-rAF gap during each paint's update.
 */
export async function measureW4Slider(browser: Browser, url: string, sweeps = 6, viewport = W4_LAPTOP): Promise<W4SliderResult> {
  const base = generateSyntheticPlan({ channels: 50, periods: 36, seed: 42, withOverrides: true });
  const plan: Plan = {
    ...base,
    id: 'benchW4slider',
    updatedAt: Date.now(),
    scenarios: [
      {
        id: 'sc1',
        name: 'Slider',
        parentId: null,
        notes: '',
        adjustments: [{ id: 'a1', target: { kind: 'all' }, driver: 'spend', op: { kind: 'scale', percent: 0 }, slider: { min: -50, max: 100, step: 1 }, enabled: true }],
      },
    ],
  };
  const context = await browser.newContext({ viewport });
  await context.addInitScript({ content: KEEP_NAMES_SHIM });
  const page = await context.newPage();
  await seedPlan(page, url, plan, 'scenarios');
  await page.getByTestId('scenario-item').first().click();
  const slider = page.getByTestId('slider').first();
  await slider.waitFor();
  await page.getByTestId('chart-mix').waitFor();
  const chartsInView = await inWindow(page, 'chart-mix');
  if (chartsInView) await page.locator('[data-testid="chart-mix"][data-rendered]').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="kpi-netRevenue-value"]')?.getAttribute('data-value') !== '');

  await page.evaluate(() => {
    const w = window as unknown as { __s: { pending: number[]; latencies: number[]; frames: number[]; longest: number[]; paints: number } };
    w.__s = { pending: [], latencies: [], frames: [], longest: [], paints: 0 };
    const input = document.querySelector('[data-testid="slider"]') as HTMLInputElement;
    input.addEventListener('input', () => w.__s.pending.push(performance.now()), true);
    let last = performance.now();
    const loop = (ts: number): void => {
      w.__s.frames.push(ts - last);
      last = ts;
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
    const kpi = document.querySelector('[data-testid="kpi-netRevenue-value"]') as HTMLElement;
    new MutationObserver(() => {
      const answered = w.__s.pending.splice(0);
      if (answered.length === 0) return;
      requestAnimationFrame(() =>
        setTimeout(() => {
          const painted = performance.now();
          for (const t0 of answered) w.__s.latencies.push(painted - t0);
          w.__s.longest.push(Math.max(0, ...w.__s.frames));
          w.__s.frames = [];
          w.__s.paints++;
        }, 0),
      );
    }).observe(kpi, { attributes: true, attributeFilter: ['data-value'] });
  });

  const box = await slider.boundingBox();
  if (!box) throw new Error('slider not laid out');
  const y = box.y + box.height / 2;
  const xAt = (f: number): number => box.x + 8 + f * (box.width - 16);
  await page.mouse.move(xAt(1 / 3), y);
  const tasks = await mainThreadTasks(page, async () => {
    await page.mouse.down();
    for (let s = 0; s < sweeps; s++) {
      // A sweep right then left, 30 pointer moves each, about as fast as a person drags.
      for (let i = 0; i <= 30; i++) {
        await page.mouse.move(xAt(s % 2 === 0 ? 0.2 + (0.6 * i) / 30 : 0.8 - (0.6 * i) / 30), y);
        await page.waitForTimeout(16);
      }
    }
    await page.mouse.up();
    await page.waitForTimeout(500);
  });
  const busy = tasks.filter((d) => d >= 1);
  const r = await page.evaluate(() => (window as unknown as { __s: { latencies: number[]; longest: number[]; paints: number; pending: number[] } }).__s);
  await context.close();
  const inputs = r.latencies.length + r.pending.length;
  return {
    inputs,
    paints: r.paints,
    median: round(median(r.latencies)),
    p95: round(percentile(r.latencies, 95)),
    longestFrame: round(median(r.longest)),
    longestFrameP95: round(percentile(r.longest, 95)),
    taskP95: round(busy.length ? percentile(busy, 95) : 0),
    taskMax: round(busy.length ? Math.max(...busy) : 0),
    tasksOver10: busy.filter((d) => d > 10).length,
    tasks: busy.length,
    busyPerInput: round(busy.reduce((a, d) => a + d, 0) / Math.max(1, inputs)),
    chartsInView,
  };
}
