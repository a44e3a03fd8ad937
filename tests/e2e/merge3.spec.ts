import type { Browser, Page } from '@playwright/test';
import { computePlan } from '../../src/engine/compute';
import type { Plan } from '../../src/engine/types';
import { expect, test } from './fixtures';
import { Planner } from './planner';
import { storedPlan } from './storedPlan';

/**
 * Two colleagues on two browsers (separate storage) share one plan through files: each edits, A takes
 * B's file back as a three-way merge from the version both started from.
 */

type PlanFile = { name: string; bytes: Buffer };

async function exportFile(page: Page): Promise<PlanFile> {
  await page.getByTestId('plan-export').click();
  const wait = page.waitForEvent('download');
  await page.getByTestId('export-plain').click();
  const d = await wait;
  const { readFile } = await import('node:fs/promises');
  return { name: d.suggestedFilename(), bytes: await readFile(await d.path()) };
}

async function importFile(page: Page, file: PlanFile): Promise<void> {
  await page.getByTestId('import-input').setInputFiles({ name: file.name, mimeType: 'application/json', buffer: file.bytes });
}

const spendOf = (plan: Plan, c: number): number => plan.channels[c].drivers.spend.base;
const contribution = (plan: Plan, scenarioId: string): number => computePlan(plan, scenarioId).flows.contribution.reduce((a, b) => a + b, 0);

async function colleague(browser: Browser): Promise<{ page: Page; p: Planner; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return { page, p: new Planner(page), errors, close: () => context.close() };
}

test('两位同事通过文件合并同一方案：识别为更新、逐项列出、无冲突合并、可撤销，冲突需选择', async ({ page, planner: a, browser }) => {
  test.setTimeout(180_000);
  // A makes a plan with a scenario and sends it.
  await a.open('zh-CN');
  await a.newPlan('beauty');
  await page.getByTestId('tab-scenarios').click();
  await page.getByTestId('scenario-new').click();
  await expect(page.getByTestId('scenario-item')).toHaveCount(1);
  await a.saved();
  await page.getByTestId('tab-channels').click();
  const original = await storedPlan(page);
  const fileA = await exportFile(page);
  const sentA = JSON.parse(fileA.bytes.toString('utf8')) as { formatVersion: number; origin: { planId: string; snapshotId: string; contentHash: string } };
  expect(sentA.formatVersion).toBe(6);
  expect(sentA.origin.planId).toBe(original.id);
  expect(sentA.origin.contentHash).toMatch(/^[0-9a-f]{64}$/);

  // B imports it, changes the first channel's spend and the scenario, and sends it back.
  const b = await colleague(browser);
  await b.p.open('zh-CN');
  await importFile(b.page, fileA);
  await expect(b.p.grid('channel-grid')).toBeVisible();
  const imported = await storedPlan(b.page);
  expect(imported.id).not.toBe(original.id);
  expect(imported.lineage).toEqual([sentA.origin]);
  await b.p.editCell('channel-grid', 0, 'driver.spend', '2,000,000');
  await expect.poll(async () => spendOf(await storedPlan(b.page), 0)).not.toBe(spendOf(original, 0));
  await b.page.getByTestId('tab-scenarios').click();
  await b.page.getByTestId('scenario-item').first().click();
  await b.page.getByTestId('scenario-notes').fill('B：直播加投，三月复盘');
  await b.page.getByTestId('scenario-notes').blur();
  await expect.poll(async () => (await storedPlan(b.page)).scenarios[0].notes).toBe('B：直播加投，三月复盘');
  await b.p.saved();
  const planB = await storedPlan(b.page);
  const fileB = await exportFile(b.page);
  expect(b.errors).toEqual([]);
  await b.close();

  // Meanwhile A changes the second channel's spend.
  await a.editCell('channel-grid', 1, 'driver.spend', '3,000,000');
  await expect.poll(async () => spendOf(await storedPlan(page), 1)).not.toBe(spendOf(original, 1));
  await a.saved();
  const mine = await storedPlan(page);

  // A imports B's file: recognised as a version of her plan, both sides listed, no conflict.
  await a.goHome();
  await importFile(page, fileB);
  const dialog = page.getByTestId('m3-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('m3-recognised')).toContainText(original.name);
  await expect(page.getByTestId('m3-ancestor')).toContainText('导出时');
  const items = page.getByTestId('m3-item');
  await expect(items).toHaveCount(3);
  const theirsDriver = items.filter({ hasText: planB.channels[0].name });
  await expect(theirsDriver).toHaveAttribute('data-status', 'onlyTheirs');
  await expect(theirsDriver.getByTestId('m3-status')).toHaveText('仅对方改动');
  await expect(theirsDriver.getByTestId('m3-theirs')).toContainText('2,000,000');
  await expect(items.filter({ hasText: mine.channels[1].name })).toHaveAttribute('data-status', 'onlyMine');
  await expect(items.filter({ hasText: '情景' })).toHaveAttribute('data-status', 'onlyTheirs');
  await expect(page.getByTestId('m3-summary')).toContainText('冲突 0 项');
  // The scenario's figures on B's plan and on A's plan after the merge, as the engine computes them.
  const scenarioId = planB.scenarios[0].id;
  const expectedMerged: Plan = { ...mine, channels: mine.channels.map((c, i) => (i === 0 ? planB.channels[0] : c)), scenarios: planB.scenarios };
  await expect(page.getByTestId('m3-scn-theirs')).toHaveAttribute('data-value', String(contribution(planB, scenarioId)));
  await expect(page.getByTestId('m3-scn-mine')).toHaveAttribute('data-value', String(contribution(expectedMerged, scenarioId)));
  await expect(page.getByTestId('m3-scn-why')).toContainText('基准有 1 项不同');
  if (process.env.SCREENSHOTS) await dialog.screenshot({ path: test.info().outputPath('merge3-zh-CN.png') });
  await page.getByTestId('m3-apply').click();

  // Both edits are in A's plan, which kept its id; B's file is in its lineage.
  await expect(a.grid('channel-grid')).toBeVisible();
  await expect
    .poll(async () => {
      const s = await storedPlan(page, original.id);
      return [spendOf(s, 0), spendOf(s, 1), s.scenarios[0].notes];
    })
    .toEqual([spendOf(planB, 0), spendOf(mine, 1), 'B：直播加投，三月复盘']);
  const merged = await storedPlan(page, original.id);
  expect(merged.lineage?.map((e) => e.planId)).toEqual([planB.id]);
  expect(merged.channels.slice(2)).toEqual(mine.channels.slice(2));

  // One undo takes the whole merge back.
  await page.getByTestId('undo').click();
  await expect
    .poll(async () => {
      const s = await storedPlan(page, original.id);
      return [spendOf(s, 0), spendOf(s, 1), s.scenarios[0].notes, s.lineage];
    })
    .toEqual([spendOf(original, 0), spendOf(mine, 1), '', undefined]);

  // A now changes the first channel too, differently: importing B's file again shows a conflict.
  await a.editCell('channel-grid', 0, 'driver.spend', '2,500,000');
  await expect.poll(async () => spendOf(await storedPlan(page), 0)).not.toBe(spendOf(original, 0));
  await a.saved();
  await a.goHome();
  await importFile(page, fileB);
  await expect(dialog).toBeVisible();
  const conflict = page.locator('[data-testid="m3-item"][data-status="conflict"]');
  await expect(conflict).toHaveCount(1);
  await expect(conflict.getByTestId('m3-status')).toHaveText('双方改动不同：请选择');
  await expect(conflict.getByTestId('m3-mine')).toContainText('2,500,000');
  await expect(conflict.getByTestId('m3-theirs')).toContainText('2,000,000');
  await expect(page.getByTestId('m3-conflicts-left')).toBeVisible();
  await expect(page.getByTestId('m3-apply')).toBeDisabled();
  await conflict.getByTestId('m3-take-theirs').check();
  await expect(page.getByTestId('m3-apply')).toBeEnabled();
  await page.getByTestId('m3-apply').click();
  await expect
    .poll(async () => {
      const s = await storedPlan(page, original.id);
      return [spendOf(s, 0), spendOf(s, 1), s.scenarios[0].notes];
    })
    .toEqual([spendOf(planB, 0), spendOf(mine, 1), 'B：直播加投，三月复盘']);
});

test('a file of the plan itself has nothing to merge; a file without its origin falls back to the scenario merge and says so', async ({ page, planner: p }) => {
  await p.open('en');
  await p.newPlan('beauty');
  await page.getByTestId('tab-scenarios').click();
  await page.getByTestId('scenario-new').click();
  await p.saved();
  const before = await storedPlan(page);
  const file = await exportFile(page);
  // Exporting again without a change reuses the same snapshot: the same bytes.
  const again = await exportFile(page);
  expect(again.bytes.equals(file.bytes)).toBe(true);

  await p.goHome();
  await importFile(page, file);
  await expect(page.getByTestId('m3-nothing')).toHaveText('Nothing changed on either side since then: there is nothing to merge.');
  await expect(page.getByTestId('m3-apply')).toHaveCount(0);
  await page.keyboard.press('Escape');

  // The same plan from an app that did not write origins: no shared version can be found.
  const json = JSON.parse(file.bytes.toString('utf8')) as { origin?: unknown };
  delete json.origin;
  await importFile(page, { name: 'old.cmplan.json', bytes: Buffer.from(JSON.stringify(json)) });
  await expect(page.getByTestId('m3-no-ancestor')).toContainText('Only the file’s scenarios can be merged');
  await page.getByTestId('m3-scenarios-only').click();
  await expect(page.getByTestId('merge-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  expect((await storedPlan(page, before.id)).channels).toEqual(before.channels);
});

test('a file related to two plans of one name: the merge target list tells them apart', async ({ page, planner: a }) => {
  await a.open('zh-CN');
  await a.newPlan('beauty');
  await a.saved();
  const original = await storedPlan(page);
  const file = await exportFile(page);
  // The same file taken in again as a plan of its own: two plans of the same name, both its relatives.
  await a.goHome();
  await importFile(page, file);
  await expect(page.getByTestId('m3-dialog')).toBeVisible();
  await page.getByTestId('import-as-new').click();
  await expect(a.grid('channel-grid')).toBeVisible();
  await a.saved();
  const copy = await storedPlan(page);
  expect(copy.id).not.toBe(original.id);
  expect(copy.name).toBe(original.name);
  await a.goHome();
  await importFile(page, file);
  const options = page.getByTestId('m3-target').locator('option');
  await expect(options).toHaveCount(2);
  const labels = await options.allTextContents();
  expect(new Set(labels).size).toBe(2);
  // As the plan list says it: one made here, one taken from the file.
  expect(labels.every((l) => l.startsWith(`${original.name} · `))).toBe(true);
  expect(labels.filter((l) => l.includes('创建于'))).toHaveLength(1);
  expect(labels.filter((l) => l.includes(`导入自“${file.name}”`))).toHaveLength(1);
});
