import { test as plain } from '@playwright/test';
import { expect, test } from './fixtures';
import { Planner } from './planner';
import { wholeWorkflow } from './workflow';

interface Violation {
  page: string;
  directive: string;
  blocked: string;
  sample: string;
  source: string;
}

test('case 37: the whole workflow runs under the production Content-Security-Policy with no violation', async ({ page, context, planner: p }) => {
  test.setTimeout(120_000);
  // Every page of the context (the projector window too) reports violations as they happen.
  const violations: Violation[] = [];
  await context.exposeBinding('__cspViolation', ({ page: source }, v: Omit<Violation, 'page'>) => {
    violations.push({ page: source?.url() ?? '', ...v });
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __cspViolation: (v: object) => void }).__cspViolation;
      void report({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, source: `${e.sourceFile}:${e.lineNumber}` });
    });
  });
  const cspConsole: string[] = [];
  context.on('console', (m) => {
    if (/content security policy/i.test(m.text())) cspConsole.push(m.text());
  });

  await wholeWorkflow(page, context, p);

  // The policy that was enforced is the production one.
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("default-src 'none'");
  expect(policy).toContain("script-src 'self'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).not.toContain('unsafe-eval');
  expect(policy).not.toMatch(/https?:|\*/);
  // A violation is reported asynchronously; one more round trip lets any pending report arrive.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  expect(violations).toEqual([]);
  expect(cspConsole).toEqual([]);
});

// Without the fixture: the browser logs the refusals as console errors, and here they are the point.
plain('case 37: the policy is enforced, not only present: an inline script and eval are refused', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/content security policy/i.test(m.text())) errors.push(m.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __refused: string[] }).__refused = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  await new Planner(page).open('en');
  // Run from a timer, outside Playwright's evaluation (which DevTools exempts from the policy).
  const outcome = await page.evaluate(
    () =>
      new Promise<{ inline: number | null; evalRan: boolean }>((resolve) => {
        setTimeout(() => {
          const w = window as unknown as { __inline?: number };
          const s = document.createElement('script');
          s.textContent = 'window.__inline = 1';
          document.head.append(s);
          let evalRan: boolean;
          try {
            // eslint-disable-next-line no-eval -- the point: the policy must refuse it
            evalRan = (0, eval)('true') === true;
          } catch {
            evalRan = false;
          }
          resolve({ inline: w.__inline ?? null, evalRan });
        }, 0);
      }),
  );
  expect(outcome).toEqual({ inline: null, evalRan: false });
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __refused: string[] }).__refused.slice().sort()))
    .toEqual(['script-src eval', 'script-src-elem inline']);
  expect(errors).toEqual([]);
});
