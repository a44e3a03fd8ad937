import type { Browser } from '@playwright/test';
import { KEEP_NAMES_SHIM } from './browser';
import { median, round } from './util';

/** Largest Contentful Paint of a cold load (new context, empty cache), median of several loads. */
export async function measureLcp(browser: Browser, url: string, runs = 7): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript({ content: KEEP_NAMES_SHIM });
    await context.addInitScript({ content: KEEP_NAMES_SHIM });
    const page = await context.newPage();
    await page.goto(url);
    await page.getByTestId('template-beauty').waitFor();
    const lcp = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          new PerformanceObserver((list) => {
            const entries = list.getEntries();
            resolve(entries[entries.length - 1].startTime);
          }).observe({ type: 'largest-contentful-paint', buffered: true });
        }),
    );
    values.push(lcp);
    await context.close();
  }
  return round(median(values), 1);
}
