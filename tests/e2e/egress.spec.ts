import type { BrowserContext, Page, Request } from '@playwright/test';
import { expect, test } from './fixtures';
import { openEveryTab, wholeWorkflow } from './workflow';

/** The files a build consists of: the page, its assets, the plan card's viewer, the service worker and the manifest. */
const STATIC_FILE = /^\/(?:index\.html|sw\.js|workbox-[\w-]+\.js|manifest\.webmanifest|favicon\.svg|icons\/[\w-]+\.png|card-viewer\.(?:js|css)|assets\/[\w.-]+\.(?:js|css))?$/;

interface Seen {
  url: string;
  method: string;
  from: string;
}

/** Every request made in the context: by pages, popups, workers and the service worker. */
function recordRequests(context: BrowserContext): Seen[] {
  const seen: Seen[] = [];
  const from = (r: Request): string => (r.serviceWorker() ? 'service worker' : (r.frame().page()?.url() ?? 'worker'));
  context.on('request', (r) => {
    let origin = '?';
    try {
      origin = from(r);
    } catch {
      origin = 'worker';
    }
    seen.push({ url: r.url(), method: r.method(), from: origin });
  });
  return seen;
}

/** Requests that left the device or asked for something that is not one of the app's files. */
function strayRequests(seen: Seen[], appOrigin: string): Seen[] {
  return seen.filter(({ url, method }) => {
    const u = new URL(url);
    // data: and blob: URLs are read in memory (grid icons, chart exports): nothing is sent.
    if (u.protocol === 'data:' || u.protocol === 'blob:') return false;
    return u.origin !== appOrigin || method !== 'GET' || !STATIC_FILE.test(u.pathname);
  });
}

async function serviceWorkerActive(page: Page): Promise<string | undefined> {
  return page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state);
}

test('case 38: every request of the whole workflow is for one of the app’s own files', async ({ page, context, planner: p, baseURL }) => {
  test.setTimeout(120_000);
  const seen = recordRequests(context);
  await wholeWorkflow(page, context, p);
  // The service worker's precache downloads are part of the traffic too.
  await expect.poll(() => serviceWorkerActive(page)).toBe('activated');

  const appOrigin = new URL(baseURL ?? page.url()).origin;
  expect(strayRequests(seen, appOrigin)).toEqual([]);
  // The recording saw the page, its lazy chunks, the engine worker and the service worker's downloads.
  const paths = seen.map((s) => new URL(s.url).pathname);
  expect(paths.some((u) => /\/assets\/Grid-[\w-]+\.js$/.test(u))).toBe(true);
  expect(paths.some((u) => /\/assets\/engine\.worker-[\w-]+\.js$/.test(u))).toBe(true);
  expect(paths).toContain('/sw.js');
  expect(seen.some((s) => s.from === 'service worker')).toBe(true);
});

test('case 46: offline cold start opens the plans and every tab, with no failed request', async ({ page, context, planner: p, baseURL }) => {
  test.setTimeout(120_000);
  const failed: string[] = [];
  const errors: string[] = [];
  // ERR_ABORTED is a request the page itself gave up (e.g. the favicon of a tab being closed), not one
  // the network refused; every other failure counts.
  context.on('requestfailed', (r) => {
    const error = r.failure()?.errorText ?? '';
    if (error !== 'net::ERR_ABORTED') failed.push(`${r.url()} ${error}`);
  });
  context.on('weberror', (e) => errors.push(e.error().message));
  context.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });

  // First visit online: the service worker installs and precaches the whole build.
  await p.open('en');
  await expect.poll(() => serviceWorkerActive(page)).toBe('activated');
  await p.newPlan('beauty');
  await p.editCell('channel-grid', 0, 'driver.spend', '2,345,678');
  await expect(p.cell('channel-grid', 0, 'driver.spend')).toHaveText('¥2,345,678');
  await page.getByTestId('tab-scenarios').click();
  await page.getByTestId('scenario-new').click();
  await expect(page.getByTestId('scenario-item')).toHaveCount(1);
  await p.saved();
  const planName = (await page.getByTestId('plan-title').textContent())?.trim() ?? '';
  expect(planName).not.toBe('');

  await context.setOffline(true);
  const seen = recordRequests(context);

  // Cold start of this tab, offline: the plan list, then the plan as it was saved.
  await page.evaluate(() => (location.hash = '#/'));
  await page.reload();
  await expect(p.planItem(planName)).toBeVisible();
  await p.planItem(planName).getByTestId('plan-link').click();
  await expect(p.cell('channel-grid', 0, 'driver.spend')).toHaveText('¥2,345,678');
  await p.waitForKpis();
  await openEveryTab(page, context, p);

  // A new tab opened while offline starts too.
  const second = await context.newPage();
  await second.goto(baseURL ?? '/');
  await expect(second.getByTestId('plan-link').filter({ hasText: planName })).toBeVisible();
  await second.close();

  expect(failed).toEqual([]);
  expect(errors).toEqual([]);
  // Offline, every file came from the service worker's cache.
  const appOrigin = new URL(baseURL ?? page.url()).origin;
  expect(strayRequests(seen, appOrigin)).toEqual([]);
  expect(seen.length).toBeGreaterThan(0);
});
