import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CURRENT_FORMAT_VERSION } from '../../src/engine/planFile/format';
import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';

const FIXTURES = fileURLToPath(new URL('../fixtures/planFiles/', import.meta.url));

async function download(page: Page, testid: string): Promise<{ name: string; bytes: Buffer }> {
  const wait = page.waitForEvent('download');
  await page.getByTestId(testid).click();
  const d = await wait;
  return { name: d.suggestedFilename(), bytes: await readFile(await d.path()) };
}

async function importBytes(page: Page, name: string, bytes: Buffer, testid = 'import-input'): Promise<void> {
  await page.getByTestId(testid).setInputFiles({ name, mimeType: 'application/octet-stream', buffer: bytes });
}

test.describe('plan files', () => {
  test('share round trip: export, import as a new plan, merge a scenario back from the file', async ({ page, planner: p }) => {
    await p.open('en');
    await p.newPlan('beauty');
    await page.getByTestId('tab-scenarios').click();
    await page.getByTestId('scenario-new').click();
    await expect(page.getByTestId('scenario-item')).toHaveCount(1);
    await p.saved();

    await page.getByTestId('plan-export').click();
    const file = await download(page, 'export-plain');
    const json = JSON.parse(file.bytes.toString('utf8'));
    // Named after the plan and the day it was exported (the browser's local date), unsigned: no signer.
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    // (a colon, which file systems refuse, becomes an underscore)
    expect(file.name).toBe(`${json.plan.name.replaceAll(':', '_')} ${today}.cmplan.json`);
    expect(json).toMatchObject({ type: 'channel-mix-plan', formatVersion: CURRENT_FORMAT_VERSION });
    expect(CURRENT_FORMAT_VERSION).toBe(6);
    expect(json.plan.scenarios).toHaveLength(1);
    // Keys sorted at every level: the file diffs well.
    expect(Object.keys(json.plan)).toEqual([...Object.keys(json.plan)].sort());

    // The file is a copy of a plan we have: import it as a new plan.
    await p.goHome();
    await expect(page.getByTestId('plan-item')).toHaveCount(1);
    await expect(page.getByTestId('last-export')).not.toHaveText('Never exported');
    await importBytes(page, file.name, file.bytes);
    await page.getByTestId('import-as-new').click();
    await expect(page.getByTestId('channel-grid')).toBeVisible();
    await p.goHome();
    await expect(page.getByTestId('plan-item')).toHaveCount(2);

    // In the copy, delete the scenario, then merge it back from the file.
    await page.getByTestId('plan-link').first().click();
    await page.getByTestId('tab-scenarios').click();
    await page.getByTestId('scenario-delete').click();
    await expect(page.getByTestId('scenario-item')).toHaveCount(0);
    await importBytes(page, file.name, file.bytes, 'merge-input');
    await page.getByTestId('merge-pick').first().check();
    await expect(page.getByTestId('merge-preview').locator('li')).toHaveCount(1);
    await page.getByTestId('merge-apply').click();
    await expect(page.getByTestId('scenario-item')).toHaveCount(1);
    await expect(page.getByTestId('scenario-item')).toHaveText(json.plan.scenarios[0].name);

    // Merging the same file again finds the scenario already here, unchanged: nothing to merge.
    await importBytes(page, file.name, file.bytes, 'merge-input');
    await page.getByTestId('merge-pick').first().check();
    await expect(page.getByTestId('merge-same')).toContainText('already in this plan');
    await expect(page.getByTestId('merge-nothing-new')).toBeVisible();
    await expect(page.getByTestId('merge-apply')).toBeDisabled();
    await page.getByTestId('merge-dialog-close').click();
    await expect(page.getByTestId('scenario-item')).toHaveCount(1);
  });

  test('case 39, 42: encrypted round trip — a wrong password first, then the right one', async ({ page, planner: p }) => {
    await p.open('en');
    await p.newPlan('grocery');
    await page.getByTestId('plan-export').click();
    const pw = 'correct horse battery staple 7';
    await page.getByTestId('export-password').fill(pw);
    await page.getByTestId('export-password-confirm').fill(pw + 'x');
    await expect(page.getByTestId('export-password-problem')).toContainText('differ');
    await expect(page.getByTestId('export-encrypted')).toBeDisabled();
    await page.getByTestId('export-password-confirm').fill(pw);
    const enc = await download(page, 'export-encrypted');
    expect(enc.name).toMatch(/\.cmplan\.enc$/);
    expect(enc.bytes.subarray(0, 6).toString('latin1')).toBe('CMPENC');
    // The plan's name is nowhere in the clear.
    expect(enc.bytes.includes(Buffer.from('Grocery'))).toBe(false);

    await page.getByTestId('plan-export').click();
    await page.getByTestId('export-password').fill(pw);
    await page.getByTestId('export-password-confirm').fill(pw);
    const again = await download(page, 'export-encrypted');
    // Same password, new salt and IV.
    expect(again.bytes.subarray(11, 39).equals(enc.bytes.subarray(11, 39))).toBe(false);

    await p.goHome();
    await importBytes(page, enc.name, enc.bytes);
    await page.getByTestId('import-password-input').fill('wrong password 123');
    await page.getByTestId('import-decrypt').click();
    await expect(page.getByTestId('import-password-error')).toContainText('Wrong password or damaged file');
    await expect(page.getByTestId('plan-item')).toHaveCount(1);
    await page.getByTestId('import-password-input').fill(pw);
    await page.getByTestId('import-decrypt').click();
    await page.getByTestId('import-as-new').click();
    await expect(page.getByTestId('channel-grid')).toBeVisible();
    await p.goHome();
    await expect(page.getByTestId('plan-item')).toHaveCount(2);
  });

  test('case 16, 18: a picture renamed .cmplan.json and a newer format are refused; nothing changes', async ({ page, planner: p }) => {
    await p.open('en');
    await p.newPlan('beauty');
    await p.goHome();
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    await importBytes(page, 'photo.cmplan.json', png);
    await expect(page.getByTestId('import-problem')).toHaveText(['Not a plan file.']);
    await page.getByTestId('import-problems-close').click();

    await importBytes(page, 'newer.cmplan.json', await readFile(`${FIXTURES}v7-newer.cmplan.json`));
    await expect(page.getByTestId('import-problem').first()).toContainText('newer version of the app');
    await page.getByTestId('import-problems-close').click();

    const broken = Buffer.from('{"type":"channel-mix-plan","formatVersion":1,"plan":{"name":');
    await importBytes(page, 'cut.cmplan.json', broken);
    await expect(page.getByTestId('import-problem').first()).toContainText('not valid JSON');
    await page.getByTestId('import-problems-close').click();
    await expect(page.getByTestId('plan-item')).toHaveCount(1);
  });

  test('case 20: a file with a wrong value is refused in words a planner can follow, naming the channel, driver and month', async ({ page, planner: p }) => {
    await p.open('zh-CN');
    await p.newPlan('beauty');
    await page.getByTestId('plan-export').click();
    const file = await download(page, 'export-plain');
    const json = JSON.parse(file.bytes.toString('utf8'));
    // Finance's sheet pasted into the file by hand: a price as text, a typed month below zero.
    json.plan.channels[1].drivers.aov.base = '¥180';
    json.plan.channels[0].drivers.spend.overrides = { [json.plan.timeline.start]: -5 };
    await p.goHome();
    await importBytes(page, 'edited.cmplan.json', Buffer.from(JSON.stringify(json)));
    await expect(page.getByTestId('import-problem')).toHaveText([
      `渠道 2“${json.plan.channels[1].name}” · 客单价 · 基准值：应为数字，实际为文字。（文件中的位置：plan.channels[1].drivers.aov.base）`,
    ]);
    await page.getByTestId('import-problems-close').click();
    // Once the price is a number, the month below zero is said as the month it is.
    json.plan.channels[1].drivers.aov.base = 18000;
    await importBytes(page, 'edited.cmplan.json', Buffer.from(JSON.stringify(json)));
    const [y, m] = json.plan.timeline.start.split('-').map(Number);
    await expect(page.getByTestId('import-problem')).toHaveCount(1);
    await expect(page.getByTestId('import-problem')).toContainText(`渠道 1“${json.plan.channels[0].name}” · 营销投入 · ${y}年${m}月的手动输入值：超出范围`);
    await page.getByTestId('import-problems-close').click();
    await expect(page.getByTestId('plan-item')).toHaveCount(1);
  });

  test('a file with two channels of one name is imported as it is, with a note that stays until closed naming both', async ({ page, planner: p }) => {
    await p.open('zh-CN');
    // A colleague's file, made in another tool or by hand.
    const json = JSON.parse(await readFile(`${FIXTURES}v3-beauty.cmplan.json`, 'utf8'));
    const name = json.plan.channels[0].name;
    json.plan.channels[2].name = name;
    await importBytes(page, 'same-names.cmplan.json', Buffer.from(JSON.stringify(json)));
    await expect(page.getByTestId('channel-grid')).toBeVisible();
    const note = page.getByTestId('toast').filter({ hasText: '文件附注：' });
    await expect(note).toContainText(`渠道 3“${name}” · 名称：与渠道 1 同名（“${name}”）：图表和实际数据的对应无法区分它们，请为其中一个改名。`);
    // A note that asks for something to be done is an alert, not a passing status.
    await expect(note).toHaveAttribute('role', 'alert');
    await expect(p.cell('channel-grid', 2, 'name')).toHaveText(name);
  });

  test('case 23: replacing a plan from its file asks first and keeps the old version as a snapshot', async ({ page, planner: p }) => {
    await p.open('en');
    await p.newPlan('beauty');
    await page.getByTestId('plan-export').click();
    const file = await download(page, 'export-plain');
    // Change the plan after exporting: the file holds the older version.
    await p.editCell('channel-grid', 0, 'name', 'Renamed after export');
    await p.saved();
    await p.goHome();
    await importBytes(page, file.name, file.bytes);
    await page.getByTestId('import-replace').click();
    await expect(page.getByTestId('import-replace-confirm')).toBeVisible();
    await expect(page.getByTestId('plan-item')).toHaveCount(1);
    await page.getByTestId('import-replace').click();
    await expect(page.getByTestId('channel-grid')).toBeVisible();
    await expect(p.cell('channel-grid', 0, 'name')).not.toHaveText('Renamed after export');
    // The version that was replaced is in History, and restoring it brings the rename back.
    await page.getByTestId('tab-history').click();
    const before = page.locator('[data-testid="snapshot-row"][data-kind="beforeReplace"]');
    await expect(before).toHaveCount(1);
    await before.getByTestId('snapshot-restore').click();
    await page.getByTestId('tab-channels').click();
    await expect(p.cell('channel-grid', 0, 'name')).toHaveText('Renamed after export');
    await p.goHome();
    await expect(page.getByTestId('plan-item')).toHaveCount(1);
  });

  test('a plan file dropped on the plan list is imported', async ({ page, planner: p }) => {
    await p.open('en');
    await p.newPlan('industrial');
    await page.getByTestId('plan-export').click();
    const file = await download(page, 'export-plain');
    await p.goHome();
    await page.evaluate(
      ({ name, text }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], name, { type: 'application/json' }));
        window.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
        window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      },
      { name: file.name, text: file.bytes.toString('utf8') },
    );
    await page.getByTestId('import-as-new').click();
    await expect(page.getByTestId('channel-grid')).toBeVisible();
    await p.goHome();
    await expect(page.getByTestId('plan-item')).toHaveCount(2);
  });

  test('merging scenarios keeps a snapshot of the plan before the merge', async ({ page, planner: p }) => {
    await p.open('en');
    await p.newPlan('beauty');
    await page.getByTestId('tab-scenarios').click();
    await page.getByTestId('scenario-new').click();
    await page.getByTestId('plan-export').click();
    const file = await download(page, 'export-plain');
    // Since the export, the scenario here has changed: the file's version is another scenario.
    await page.getByTestId('adjustment-add').click();
    await expect(page.getByTestId('adjustment-list').locator('li')).toHaveCount(1);
    await importBytes(page, file.name, file.bytes, 'merge-input');
    await page.getByTestId('merge-pick').first().check();
    // The name is taken here: it comes in renamed.
    await expect(page.getByTestId('merge-preview')).toContainText('(2)');
    await page.getByTestId('merge-apply').click();
    await expect(page.getByTestId('scenario-item')).toHaveCount(2);
    await page.getByTestId('tab-history').click();
    await expect(page.locator('[data-testid="snapshot-row"][data-kind="beforeMerge"]')).toHaveCount(1);
  });
});
