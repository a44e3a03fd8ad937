import { expect, test } from './fixtures';

/**
 * Every tab of a plan is on screen and whole, in every language, from a laptop's window down to a
 * small one: fourteen tabs do not fit one line in English, and the last ones used to run past the
 * window's right edge ("Settings" half cut at 1440 px) with "Prices & promotions" broken over two lines.
 * At 1,440 px they are one row in every language.
 */
for (const lang of ['en', 'zh-CN', 'zh-TW'] as const) {
  test(`plan tabs stay inside the window, each on one line (${lang})`, async ({ page, planner: p }) => {
    await p.open(lang);
    await p.newPlan('beauty');
    for (const width of [1440, 1280, 1024]) {
      await page.setViewportSize({ width, height: 800 });
      const tabs = page.locator('[data-testid^="tab-"]');
      await expect(tabs.first()).toBeVisible();
      const boxes = await tabs.evaluateAll((els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect();
          const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 0;
          return { id: el.getAttribute('data-testid'), left: r.left, right: r.right, textHeight: r.height - parseFloat(getComputedStyle(el).paddingTop) - parseFloat(getComputedStyle(el).paddingBottom), lineHeight };
        }),
      );
      expect(boxes.length).toBeGreaterThanOrEqual(14);
      for (const b of boxes) {
        expect(b.left, `${b.id} at ${width}px`).toBeGreaterThanOrEqual(0);
        expect(b.right, `${b.id} at ${width}px`).toBeLessThanOrEqual(width);
        // One line of text: no taller than one and a half lines.
        expect(b.textHeight, `${b.id} at ${width}px`).toBeLessThan(1.5 * (b.lineHeight || 20));
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      // On a laptop's window the bar is one row, in English too: a lone tab on a second row reads as
      // a different bar.
      const rows = await tabs.evaluateAll((els) => new Set(els.map((el) => Math.round(el.getBoundingClientRect().top))).size);
      if (width === 1440) expect(rows, `rows of tabs at ${width}px`).toBe(1);
    }
  });
}

test('Compare with no scenario yet says so and leads to the Scenarios tab', async ({ page, planner: p }) => {
  await p.open('zh-CN');
  await p.newPlan('beauty');
  await page.getByTestId('tab-compare').click();
  await expect(page.getByText('请先新建情景，再与基准方案对比。')).toBeVisible();
  await page.getByTestId('compare-empty-link').click();
  await expect(page.getByTestId('tab-scenarios')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('scenario-new')).toBeVisible();
});
