import { test as base, expect, type Page } from '@playwright/test';
import { Planner } from './planner';

/**
 * Every e2e test gets a Planner page model and fails on any uncaught page error or console error:
 * a grid that logs "missing module" or a rejected promise is a bug even if the screen looks right.
 */
export const test = base.extend<{ planner: Planner; pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console: ${m.text()}`);
      });
      await use(errors);
      expect(errors, 'errors in the page').toEqual([]);
    },
    { auto: true },
  ],
  planner: async ({ page }, use) => {
    await use(new Planner(page));
  },
});

export { expect };

/**
 * Collects every warning or error the grid or the chart library writes to the console (errors fail
 * every test already; warnings such as "module not registered" or a bad chart option do not, unless
 * a test checks this list is empty).
 */
export function watchLibraries(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if ((m.type() === 'warning' || m.type() === 'error') && /ag[- ]?grid|echarts|zrender/i.test(m.text())) seen.push(`${m.type()}: ${m.text()}`);
  });
  return seen;
}
