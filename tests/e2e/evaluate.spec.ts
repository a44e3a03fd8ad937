import { readFile } from 'node:fs/promises';
import * as XLSX from 'xlsx';
import { expect, test } from './fixtures';
import type { Download, Page } from '@playwright/test';

async function downloaded(page: Page, testid: string): Promise<{ download: Download; bytes: Buffer }> {
  const wait = page.waitForEvent('download');
  await page.getByTestId(testid).click();
  const download = await wait;
  return { download, bytes: await readFile(await download.path()) };
}

async function openEvaluate(page: Page, section: string): Promise<void> {
  await page.getByTestId('tab-evaluate').click();
  await page.getByTestId(`eval-${section}`).click();
}

/** Data attribute of every row of a table, in display order. */
async function rowAttrs(page: Page, testid: string, attr: string): Promise<string[]> {
  return page.getByTestId(testid).evaluateAll((rows, a) => rows.map((r) => r.getAttribute(a) ?? ''), attr);
}

test.describe('channel evaluation', () => {
  test('scorecard: scores and ranks every channel, refuses weights that do not add up, raises alerts', async ({ page, planner: p }) => {
    await p.open('en');
    await p.newPlan('beauty');
    await openEvaluate(page, 'scorecard');
    await expect(page.getByTestId('score-row')).toHaveCount(4);
    const ranks = (await rowAttrs(page, 'score-row', 'data-rank')).map(Number);
    expect(ranks[0]).toBe(1);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    const scores = (await rowAttrs(page, 'score-row', 'data-score')).map(Number);
    expect(scores.every((s) => s >= 0 && s <= 100)).toBe(true);
    // The default cost-ratio ceiling of 35 % flags the dearest channels.
    await expect(page.getByTestId('score-alerts').locator('li').first()).toBeVisible();

    // Weights summing to 95 %: a clear message and no scores until fixed.
    const weight = page.getByTestId('score-weight').first();
    await weight.fill('25');
    await weight.press('Enter');
    await weight.blur();
    await expect(page.getByTestId('score-problems')).toContainText('95');
    await expect(page.getByTestId('score-table')).toHaveCount(0);
    await expect(page.getByTestId('score-weight-sum')).toHaveClass(/error-text/);

    // Only ROI counts: the channel with the best ROI ranks first.
    const weights = page.getByTestId('score-weight');
    for (const [i, v] of ['100', '0', '0', '0', '0'].entries()) {
      await weights.nth(i).fill(v);
      await weights.nth(i).blur();
    }
    await expect(page.getByTestId('score-table')).toBeVisible();
    const first = page.getByTestId('score-row').first();
    await expect(first).toHaveAttribute('data-score', '100');
    await expect(first).toHaveAttribute('data-channel', 'Private community (WeCom + mini-program)');

    // The table as Excel, CSV and the chart as PNG, as the user sees them.
    const xlsx = await downloaded(page, 'score-export-xlsx');
    expect(xlsx.download.suggestedFilename()).toMatch(/Channel scorecard\.xlsx$/);
    const sheet = XLSX.read(xlsx.bytes, { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet.Sheets[sheet.SheetNames[0]], { header: 1 });
    expect(rows[0].slice(0, 4)).toEqual(['Rank', 'Channel', 'Score', 'ROI']);
    expect(rows[1].slice(0, 3)).toEqual([1, 'Private community (WeCom + mini-program)', 100]);
    expect(rows).toHaveLength(5);
    const csv = await downloaded(page, 'score-export-csv');
    expect(csv.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.bytes.toString('utf8')).toContain('1,Private community (WeCom + mini-program),100');
    await page.getByTestId('chart-scores').hover();
    const png = await downloaded(page, 'chart-scores-png');
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    const svg = await downloaded(page, 'chart-scores-svg');
    expect(svg.bytes.toString('utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    // Channel names are SVG text, escaped: "Tmall & JD" is written as "Tmall &amp; JD".
    expect(svg.bytes.toString('utf8')).toContain('>Douyin live-stream</text>');
    expect(svg.bytes.toString('utf8')).toContain('Tmall &amp; JD');

    // Saved with the plan.
    await p.saved();
    await page.reload();
    await page.getByTestId('tab-evaluate').click();
    await expect(page.getByTestId('score-weight').first()).toHaveValue('100%');
  });

  test('BCG: every channel in a quadrant; a quadrant action becomes a scenario', async ({ page, planner: p }) => {
    await p.open('en');
    await p.newPlan('beauty');
    const baseContribution = await p.kpi('contribution');
    await openEvaluate(page, 'bcg');
    await expect(page.getByTestId('bcg-row')).toHaveCount(4);
    const quadrants = await rowAttrs(page, 'bcg-row', 'data-quadrant');
    expect(quadrants.every((q) => ['star', 'cashCow', 'questionMark', 'dog'].includes(q))).toBe(true);
    await expect(page.getByTestId('chart-bcg')).toHaveAttribute('data-rendered', /\d+/);

    // The live-stream is a dog that loses money: "exit" closes it, as a new scenario now on screen.
    const dog = page.locator('[data-testid="bcg-row"][data-channel="Douyin live-stream"]');
    await expect(dog).toHaveAttribute('data-quadrant', 'dog');
    await expect(dog.getByTestId('bcg-create')).toHaveCount(2);
    const effect = Number(await dog.locator('[data-testid="bcg-effect"][data-action="exit"]').getAttribute('data-effect'));
    expect(effect).toBeGreaterThan(0);
    await dog.locator('[data-testid="bcg-create"][data-action="exit"]').click();
    await expect(page.getByTestId('bcg-exit-effect')).toHaveAttribute('data-effect', String(effect));
    await page.getByTestId('bcg-exit-confirm').click();
    await expect(page.getByTestId('scenario-view').locator('option:checked')).toHaveText('Exit: Douyin live-stream');
    // Contribution rises by what the table showed for the last 12 months, twice: the live-stream's
    // two years are alike (no growth), and the plan has 24 months.
    const after = await p.kpiChangedFrom('contribution', baseContribution);
    expect(Math.abs(after - baseContribution - 2 * effect)).toBeLessThan(0.01 * effect);
    await page.getByTestId('tab-scenarios').click();
    await expect(page.getByTestId('scenario-item')).toHaveText(['Exit: Douyin live-stream']);
  });

  test('rebates: tiers cost the channel exactly the settled rebate; incremental pays less', async ({ page, planner: p }) => {
    await p.open('en');
    await p.newPlan('beauty');
    const before = await p.kpi('contribution');
    await openEvaluate(page, 'rebates');
    await page.getByTestId('reb-add').click();
    const summary = page.getByTestId('reb-summary');
    await expect(summary).toBeVisible();
    const after = await p.kpiChangedFrom('contribution', before);
    const retroactive = Number(await summary.getAttribute('data-rebate'));
    expect(retroactive).toBeGreaterThan(0);
    expect(before - after).toBe(retroactive);
    await expect(page.getByTestId('reb-settlements').locator('tbody tr')).toHaveCount(8);
    await expect(page.getByTestId('chart-rebate')).toBeVisible();

    await page.getByTestId('reb-mode').selectOption('incremental');
    await expect(summary).not.toHaveAttribute('data-rebate', String(retroactive));
    const incremental = Number(await summary.getAttribute('data-rebate'));
    expect(incremental).toBeLessThan(retroactive);
    expect(before - (await p.kpi('contribution'))).toBe(incremental);

    // A tier that falls below the one before is refused with a reason; nothing changes.
    await page.getByTestId('reb-rate').nth(1).fill('0.5%');
    await page.getByTestId('reb-rate').nth(1).blur();
    await expect(page.getByTestId('reb-rate-error')).toContainText('must not pay a lower rate');
    await expect(page.getByTestId('reb-rate').nth(1)).not.toHaveValue('0.5%');
    await expect(summary).toHaveAttribute('data-rebate', String(incremental));

    // Period grid shows the rebate line of the P&L.
    await page.getByTestId('reb-remove').click();
    await expect.poll(() => p.kpi('contribution')).toBe(before);
  });

  test('partners: weighted ranks and tiers; a score edit re-ranks; weight sensitivity', async ({ page, planner: p }) => {
    await p.open('en');
    await p.newPlan('appliances');
    await openEvaluate(page, 'partners');
    await page.getByTestId('partner-examples').click();
    const grid = page.getByTestId('partner-grid');
    await expect(grid.locator('.ag-row[row-index="2"]').first()).toBeVisible();
    const cell = (row: number, col: string) => grid.locator(`.ag-row[row-index="${row}"] [col-id="${col}"]`).first();
    const rank = (row: number) => cell(row, 'rank');
    // Candidate 1: Σ weight × score / 100 = 3.95 → (3.95 − 1) / 4 = 73.75 of 100 (tier B), the best of three.
    await expect(rank(0)).toHaveText('1');
    await expect(cell(0, 'score')).toHaveText('73.8');
    await expect(cell(0, 'tier')).toHaveText('B');

    // Candidate 2 gets top marks everywhere: first, tier A.
    await cell(1, 'score.experience').click();
    await p.paste('partner-grid', '5\t5\t5\t5\t5\t5\t5\t5');
    await expect(rank(1)).toHaveText('1');
    await expect(cell(1, 'tier')).toHaveText('A');
    // An out-of-range score is refused.
    await cell(2, 'score.credit').click();
    await p.paste('partner-grid', '7');
    await expect(p.toast()).toContainText('whole number from 1 to 5');
    await expect(page.getByTestId('partner-sens-row')).toHaveCount(8);
  });

  test('prices: a price beyond the tolerance and a regional gap above freight are flagged; fixing clears them', async ({ page, planner: p }) => {
    await p.open('en');
    await p.newPlan('beauty');
    await openEvaluate(page, 'prices');
    await page.getByTestId('price-example').click();
    const conflicts = page.getByTestId('price-conflict');
    await expect(conflicts).toHaveCount(2);
    await expect(conflicts.nth(0)).toHaveAttribute('data-kind', 'spread');
    await expect(conflicts.nth(0)).toContainText('15.1% below');
    await expect(conflicts.nth(1)).toHaveAttribute('data-kind', 'diversion');
    await expect(conflicts.nth(1)).toContainText('heuristic');

    // 169 → 180: 9.5 % below the reference, inside ±10 %.
    const grid = page.getByTestId('price-grid');
    await grid.locator('.ag-row[row-index="1"] [col-id="price"]').click();
    await p.paste('price-grid', '180');
    await expect(conflicts).toHaveCount(1);
    // Freight of 25 per unit makes the regional gap of 20 pointless.
    const freight = page.getByTestId('price-freight').locator('input').first();
    await freight.fill('25');
    await freight.blur();
    await expect(page.getByTestId('price-no-conflicts')).toBeVisible();
  });
});
