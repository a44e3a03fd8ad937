import type { Browser, CDPSession, Locator, Page } from '@playwright/test';
import { Planner } from './planner';
import { expect, test } from './fixtures';

// The channel grid and the plan's charts under it at once.
const VIEWPORT = { width: 1440, height: 1500 };
test.use({ viewport: VIEWPORT });

/** Share of pixels that differ (by more than 24 in a channel) between two screenshots of one size, decoded by the browser. */
async function differing(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ({ a, b }) => {
      const pixels = async (b64: string) => {
        const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([raw], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0);
        return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      };
      const [x, y] = [await pixels(a), await pixels(b)];
      if (x.width !== y.width || x.height !== y.height) return 1;
      let off = 0;
      for (let o = 0; o < x.data.length; o += 4) {
        if ([0, 1, 2].some((k) => Math.abs(x.data[o + k] - y.data[o + k]) > 24)) off++;
      }
      return off / (x.width * x.height);
    },
    { a: a.toString('base64'), b: b.toString('base64') },
  );
}

/**
 * Moves the page to a screen of density `dpr`. Chromium's emulation changes the density without
 * evaluating media queries again (a real move to another screen does); a change of the window's
 * width makes it do so, and the width is then put back.
 */
async function moveToDensity(cdp: CDPSession, dpr: number): Promise<void> {
  for (const width of [VIEWPORT.width - 1, VIEWPORT.width]) await cdp.send('Emulation.setDeviceMetricsOverride', { width, height: VIEWPORT.height, deviceScaleFactor: dpr, mobile: false });
}

/** The chart as the screen shows it, in device pixels (Playwright's own screenshot keeps the density it set). */
async function shot(cdp: CDPSession, chart: Locator): Promise<Buffer> {
  const box = (await chart.boundingBox())!;
  const clip = { x: Math.round(box.x), y: Math.round(box.y), width: Math.floor(box.width), height: Math.floor(box.height), scale: 1 };
  const { data } = await cdp.send('Page.captureScreenshot', { format: 'png', clip });
  return Buffer.from(data, 'base64');
}

/** The chart once it has stopped changing: two screenshots in a row alike. */
async function settled(page: Page, cdp: CDPSession, chart: Locator): Promise<Buffer> {
  let last = await shot(cdp, chart);
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(100);
    const now = await shot(cdp, chart);
    if ((await differing(page, now, last)) === 0) return now;
    last = now;
  }
  throw new Error('the chart kept changing');
}

/** Where on the legend under the plot (a fraction of the chart's width) a click hides a series; the click is made. */
async function hideASeries(page: Page, cdp: CDPSession, chart: Locator): Promise<number> {
  const box = (await chart.boundingBox())!;
  const before = await settled(page, cdp, chart);
  for (let fx = 0.3; fx < 0.7; fx += 0.02) {
    await page.mouse.click(box.x + box.width * fx, box.y + box.height - 14);
    await page.mouse.move(0, 0);
    if ((await differing(page, await settled(page, cdp, chart), before)) > 0.005) return fx;
  }
  throw new Error('no click on the legend hid a series');
}

/** The beauty template's by-channel chart, one series hidden by a click at `fx` on its legend, on a page opened on a screen of density `dpr`. */
async function openedAt(browser: Browser, dpr: number, onPage: boolean, fx: number): Promise<Buffer> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    if (onPage) await page.addInitScript(() => delete (HTMLCanvasElement.prototype as Partial<HTMLCanvasElement>).transferControlToOffscreen);
    const cdp = await context.newCDPSession(page);
    await moveToDensity(cdp, dpr);
    const p = new Planner(page);
    await p.open('en');
    await p.newPlan('beauty');
    const chart = page.getByTestId('chart-by-channel');
    await expect(chart).toHaveAttribute('data-rendered', /\d+/);
    await settled(page, cdp, chart);
    const box = (await chart.boundingBox())!;
    await page.mouse.click(box.x + box.width * fx, box.y + box.height - 14);
    await page.mouse.move(0, 0);
    return await settled(page, cdp, chart);
  } finally {
    await context.close();
  }
}

/** A 1× screenshot stretched to twice its size: what a chart left at 1× shows on a 2× screen. */
async function stretched(page: Page, png: Buffer): Promise<Buffer> {
  const b64 = await page.evaluate(async (b64) => {
    const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([raw], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width * 2, bitmap.height * 2);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, bitmap.width * 2, bitmap.height * 2);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return btoa(String.fromCharCode(...new Uint8Array(await blob.arrayBuffer())));
  }, png.toString('base64'));
  return Buffer.from(b64, 'base64');
}

for (const onPage of [false, true]) {
  test(`a chart ${onPage ? 'drawn on the page' : 'drawn by the chart worker'} moved to a screen of twice the density is drawn again there, as sharp as one opened there, its legend selection kept`, async ({ page, planner: p, browser }) => {
    if (onPage) await page.addInitScript(() => delete (HTMLCanvasElement.prototype as Partial<HTMLCanvasElement>).transferControlToOffscreen);
    await p.open('en');
    await p.newPlan('beauty');
    const chart = page.getByTestId('chart-by-channel');
    await expect(chart).toHaveAttribute('data-rendered', /\d+/);
    if (onPage) await expect(chart).toHaveAttribute('_echarts_instance_', /.+/);
    else expect(await chart.getAttribute('_echarts_instance_')).toBeNull();
    const cdp = await page.context().newCDPSession(page);
    // A series hidden from the legend, which must stay hidden when the chart is made again.
    const fx = await hideASeries(page, cdp, chart);

    // The same chart opened on a 1× and on a 2× screen; a 1× one stretched over a 2× screen is blurry.
    const one = await openedAt(browser, 1, onPage, fx);
    const sharp = await openedAt(browser, 2, onPage, fx);
    expect(await differing(page, await settled(page, cdp, chart), one), 'the same picture on both pages at 1×').toBeLessThan(0.002);
    const gap = await differing(page, await stretched(page, one), sharp);
    expect(gap, 'a stretched 1× chart differs visibly from a 2× one').toBeGreaterThan(0.01);

    // The window moves to a 2× screen (a projector, a laptop's own screen): the chart becomes the sharp one.
    await moveToDensity(cdp, 2);
    expect(await page.evaluate(() => devicePixelRatio)).toBe(2);
    await expect.poll(async () => differing(page, await shot(cdp, chart), sharp)).toBeLessThan(gap / 10);
    // Back to 1× and to 2× again: it follows each move.
    await moveToDensity(cdp, 1);
    await expect.poll(async () => differing(page, await shot(cdp, chart), one)).toBeLessThan(gap / 10);
    await moveToDensity(cdp, 2);
    await expect.poll(async () => differing(page, await shot(cdp, chart), sharp)).toBeLessThan(gap / 10);
    await expect(chart.locator('canvas').first()).toBeVisible();
  });
}
