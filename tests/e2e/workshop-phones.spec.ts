import { readFile } from 'node:fs/promises';
import { deflateSync } from 'fflate';
import type { Browser, Page } from '@playwright/test';
import { computePlan } from '../../src/engine/compute';
import { proposalCode, PROPOSAL_PREFIX, readInvite, withProposal } from '../../src/engine/join/codes';
import { pack, seal, toBase64Url } from '../../src/engine/join/pack';
import { workshopFingerprint } from '../../src/engine/join/reduce';
import type { Plan } from '../../src/engine/types';
import { expect, test } from './fixtures';
import { planIdOf, storedPlan } from './storedPlan';
import { workshopWithSlider } from './workshop';

const sum = (a: Float64Array) => a.reduce((s, x) => s + x, 0);

/** A phone: small screen, touch, its own storage; fails the test on any page or console error. */
async function phone(browser: Browser, baseURL: string, locale: string, errors: string[]): Promise<Page> {
  const ctx = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  await ctx.addInitScript((l) => localStorage.setItem('cmp.locale', l), locale);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => errors.push(`phone pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`phone console: ${m.text()}`);
  });
  return page;
}

/** How many plans the page's browser keeps (0 when the store was never created). */
function storedPlanCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('channel-mix-planner');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('plans')) {
            db.close();
            resolve(0);
            return;
          }
          const req = db.transaction('plans').objectStore('plans').count();
          req.onsuccess = () => {
            db.close();
            resolve(req.result);
          };
        };
      }),
  );
}

test('phones join a workshop by link, propose with their own sliders, and the facilitator pins the proposal from its code', async ({ page, browser, planner: p, baseURL }) => {
  test.setTimeout(120_000);
  await p.open('en');
  await p.newPlan('beauty');
  await workshopWithSlider(page, p, 'Yes');

  // The invitation: a QR code of the app's own address with the workshop in the fragment.
  await page.getByTestId('invite-phones').click();
  await expect(page.getByTestId('invite-qr')).toBeVisible();
  const link = await page.getByTestId('invite-link').inputValue();
  expect(link.startsWith(`${baseURL}#join=`) || link.startsWith(`${baseURL}`.replace(/\/$/, '') + '/#join=')).toBe(true);
  expect(Number(await page.getByTestId('invite-qr').getAttribute('data-version'))).toBeLessThanOrEqual(40);
  await expect(page.getByTestId('invite-size')).toContainText('2,900');
  const invite = readInvite(link.slice(link.indexOf('#join=') + 6));
  if (!invite.ok) throw new Error(invite.code);
  expect(invite.value.plan.notes).toBe('');
  expect(invite.value.plan.scenarios).toHaveLength(1);
  await page.getByTestId('invite-dialog-close').click();

  await expect.poll(async () => (await storedPlan(page)).scenarios[0]?.adjustments[0]?.slider !== undefined).toBe(true);
  const before = await storedPlan(page);
  const planId = planIdOf(page);

  // The participant's phone, in Chinese.
  const phoneErrors: string[] = [];
  const mobile = await phone(browser, baseURL!, 'zh-CN', phoneErrors);
  await mobile.goto(link);
  await expect(mobile.getByTestId('join-title')).toContainText(before.name);
  const slider = mobile.getByTestId('slider').first();
  await expect(slider).toBeVisible();
  const net = mobile.getByTestId('kpi-netRevenue-value');
  await expect(net).not.toHaveAttribute('data-value', '');
  const startValue = Number(await net.getAttribute('data-value'));
  await slider.focus();
  for (let i = 0; i < 5; i++) await slider.press('ArrowRight');
  const moved = Number(await slider.inputValue());
  await expect(net).not.toHaveAttribute('data-value', String(startValue));
  // The phone's figure is the engine's for the invited plan with the participant's slider value.
  const sc = withProposal(invite.value.plan.scenarios[0], { values: [moved], promos: [] });
  const phonePlan: Plan = { ...invite.value.plan, scenarios: [sc] };
  const expected = sum(computePlan(phonePlan, sc.id).flows.netRevenue);
  await expect.poll(async () => Math.abs(Number(await net.getAttribute('data-value')) - expected)).toBeLessThan(1);
  await expect(mobile.getByTestId('kpi-netRevenue-delta')).toBeVisible();

  // A name with markup is refused on the phone; a plain one gives a QR code and a text code.
  await mobile.getByTestId('join-name').fill('<img src=x onerror=alert(1)>');
  await mobile.getByTestId('join-send').click();
  await expect(mobile.getByTestId('join-name-error')).toContainText('纯文本');
  await mobile.getByTestId('join-name').fill('Mei');
  await mobile.getByTestId('join-send').click();
  await expect(mobile.getByTestId('join-qr')).toBeVisible();
  if (process.env.SCREENSHOTS) await mobile.screenshot({ path: test.info().outputPath('phone-proposal-zh-CN.png'), fullPage: true });
  const code = await mobile.getByTestId('join-code').inputValue();
  expect(code.startsWith(PROPOSAL_PREFIX)).toBe(true);
  // The phone kept nothing.
  expect(await storedPlanCount(mobile)).toBe(0);

  // Once loaded, the phone keeps working without a network: the link opens again offline.
  await expect.poll(() => mobile.evaluate(async () => (await navigator.serviceWorker.ready).active?.state), { timeout: 30_000 }).toBe('activated');
  await expect.poll(() => mobile.evaluate(() => navigator.serviceWorker.controller?.state ?? null)).toBe('activated');
  await mobile.context().setOffline(true);
  await mobile.reload();
  await expect(mobile.getByTestId('join-title')).toContainText(before.name);
  await expect(mobile.getByTestId('kpi-netRevenue-value')).not.toHaveAttribute('data-value', '');
  await mobile.getByTestId('slider').first().focus();
  await mobile.getByTestId('slider').first().press('ArrowLeft');
  await expect(mobile.getByTestId('slider').first()).not.toHaveValue(String(moved));
  await mobile.context().setOffline(false);

  // Hostile codes: each refused with its reason, nothing stored changes.
  await page.getByTestId('read-proposal').click();
  await expect(page.getByTestId('read-dialog')).toBeVisible();
  const fp = workshopFingerprint(before, before.scenarios[0].id);
  const good = { t: 'cmp-proposal', v: 1, fp, n: 'Eve', a: [moved], p: [] };
  const hostile: [string, string][] = [
    [PROPOSAL_PREFIX + 'A'.repeat(4_100), 'longer than anything'],
    [PROPOSAL_PREFIX + 'abc$%^', 'damaged: it holds characters'],
    [PROPOSAL_PREFIX + seal(toBase64Url(new TextEncoder().encode('not deflate at all'))), 'cannot be unpacked'],
    [code.slice(0, 10) + (code[10] === 'x' ? 'y' : 'x') + code.slice(11), 'changed or lost on the way'],
    [PROPOSAL_PREFIX + seal(toBase64Url(deflateSync(new Uint8Array(2_000_000)))), 'far more data'],
    [PROPOSAL_PREFIX + pack({ hello: 'world' }), 'not a workshop link or proposal code'],
    [PROPOSAL_PREFIX + pack({ ...good, v: 2 }), 'newer version of this app'],
    [PROPOSAL_PREFIX + pack({ ...good, a: [1e9] }), 'do not fit'],
    [PROPOSAL_PREFIX + pack({ ...good, n: '<img src=x onerror=alert(1)>' }), 'plain text'],
    [PROPOSAL_PREFIX + pack({ ...good, fp: '0000000000000000' }), 'another workshop'],
  ];
  for (const [bad, reason] of hostile) {
    await page.getByTestId('read-code').fill(bad);
    await page.getByTestId('read-pin').click();
    await expect(page.getByTestId('read-error')).toContainText(reason);
    await expect(page.getByTestId('read-error')).toContainText('Nothing was changed');
  }
  await expect(page.getByTestId('proposal-name')).toHaveCount(0);
  expect(await storedPlan(page, planId)).toEqual(before);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);

  // The participant's code: pinned as "Mei's proposal" with the reason typed.
  await page.getByTestId('read-code').fill(code);
  await page.getByTestId('read-rationale').fill('More <b>live</b> streaming');
  await page.getByTestId('read-pin').click();
  await expect(page.getByTestId('read-status')).toContainText('“Mei’s proposal” is on the board');
  await expect(page.getByTestId('read-error')).toHaveCount(0);
  // Read again: already there, not pinned twice.
  await page.getByTestId('read-code').fill(code);
  await page.getByTestId('read-pin').click();
  await expect(page.getByTestId('read-status')).toContainText('already on the board');
  await page.getByTestId('read-dialog-close').click();
  await expect(page.getByTestId('proposal-name')).toHaveCount(1);
  await expect(page.getByTestId('proposal-name')).toContainText('Mei’s proposal');
  await expect(page.getByTestId('proposal-why')).toHaveText('More <b>live</b> streaming');
  if (process.env.SCREENSHOTS) await page.screenshot({ path: test.info().outputPath('board-phone-pin-en.png'), fullPage: true });

  await expect.poll(async () => (await storedPlan(page, planId)).decisions?.length).toBe(1);
  const after = await storedPlan(page, planId);
  const d = after.decisions![0];
  const copy = after.scenarios.find((s) => s.id === d.scenarioId)!;
  expect(copy.name).toBe('Mei’s proposal');
  expect(Object.values(d.values)).toEqual([moved]);
  expect(copy.adjustments[0].op).toMatchObject(before.scenarios[0].adjustments[0].op.kind === 'scale' ? { percent: moved } : { value: moved });
  // The workshop's own scenario is untouched.
  expect(after.scenarios.find((s) => s.id === before.scenarios[0].id)).toEqual(before.scenarios[0]);
  const contribution = sum(computePlan(after, copy.id).flows.contribution);
  const baseline = sum(computePlan(after, null).flows.contribution);
  expect(d.kpis.contribution).toBe(contribution);
  expect(d.baseline.contribution).toBe(baseline);
  const shown = await page.getByTestId('proposal-contribution').first().locator('small').textContent();
  expect(Math.abs(Number((shown ?? '').replace(/[^\d.-]/g, '')) - (contribution - baseline) / 100)).toBeLessThan(1);

  // The minutes hold the proposal, its reason (escaped) and its figures.
  const download = page.waitForEvent('download');
  await page.getByTestId('minutes-download').click();
  const md = await readFile((await (await download).path())!, 'utf8');
  expect(md).toContain('Mei’s proposal');
  expect(md).toContain('More &lt;b&gt;live&lt;/b&gt; streaming');

  // Hostile links: refused with a message on the phone and on the facilitator's machine; nothing stored.
  const fine = link.slice(link.indexOf('#join=') + 6);
  const badLinks: [string, string][] = [
    ['A'.repeat(70_000), '比本应用生成的任何内容都长'],
    ['%%%***', '含有不应出现的字符'],
    [fine.slice(0, fine.length - 30), '或被截断'],
    [fine.slice(0, 50) + (fine[50] === 'x' ? 'y' : 'x') + fine.slice(51), '有字符被改动或遗漏'],
    // Cut to a whole number of base64 quads, so the text decodes and only the deflate stream is short.
    [seal(fine.slice(0, (fine.lastIndexOf('.') - 30) & ~3)), '无法解压'],
    [seal(toBase64Url(deflateSync(new Uint8Array(8_000_000).fill(32)))), '远超研讨会所需'],
    [pack({ t: 'cmp-join', v: 1, f: 5, s: 'x', fp, plan: { ...invite.value.plan, channels: [{ id: '<img src=x onerror=alert(1)>' }] } }), '方案数据无效'],
    // From a later release: update, not "damaged".
    [pack({ t: 'cmp-join', v: 2, f: 5, s: 'x', fp, plan: invite.value.plan }), '由更新版本的本应用生成'],
  ];
  for (const [bad, reason] of badLinks) {
    await mobile.goto(`./#join=${bad}`);
    await expect(mobile.getByTestId('join-error')).toContainText(reason);
  }
  expect(await storedPlanCount(mobile)).toBe(0);
  const other = await page.context().newPage();
  await other.goto(`./#join=${badLinks[6][0]}`);
  await expect(other.getByTestId('join-error')).toBeVisible();
  await expect(other.locator('img[src="x"]')).toHaveCount(0);
  expect(await storedPlan(other, planId)).toEqual(after);
  await other.close();
  expect(phoneErrors).toEqual([]);
  await mobile.context().close();
});

test('the facilitator reads a proposal with the camera where the browser can, and the camera stops when done or closed', async ({ page, planner: p }) => {
  // This Chromium has no BarcodeDetector and no camera: a stand-in detector and a canvas stream play
  // their parts, so the scan loop, the hand-over to the code box and stopping the camera are real.
  await page.addInitScript(() => {
    const w = window as unknown as { __cam: { started: number; stopped: number }; __code: string; BarcodeDetector: unknown };
    w.__cam = { started: 0, stopped: 0 };
    w.__code = '';
    w.BarcodeDetector = class {
      async detect(): Promise<{ rawValue: string }[]> {
        return w.__code ? [{ rawValue: w.__code }] : [];
      }
    };
    navigator.mediaDevices.getUserMedia = async () => {
      const c = document.createElement('canvas');
      c.width = 64;
      c.height = 64;
      c.getContext('2d')!.fillRect(0, 0, 32, 32);
      const stream = c.captureStream(5);
      w.__cam.started++;
      for (const track of stream.getTracks()) {
        const stop = track.stop.bind(track);
        track.stop = () => {
          w.__cam.stopped++;
          stop();
        };
      }
      return stream;
    };
  });
  await p.open('zh-TW');
  await p.newPlan('beauty');
  await page.getByTestId('tab-scenarios').click();
  await page.getByTestId('scenario-new').click();
  await page.getByTestId('adjustment-add').click();
  await page.getByTestId('adjustment-grid').locator('.ag-row[row-index="0"] [col-id="slider"]').first().click();
  await p.paste('adjustment-grid', '是');
  await expect(page.getByTestId('slider')).toHaveCount(1);
  await page.getByTestId('open-workshop').click();
  // Saves are debounced: wait until the database holds the scenario with its slider.
  await expect.poll(async () => (await storedPlan(page)).scenarios[0]?.adjustments[0]?.slider !== undefined).toBe(true);
  const plan = await storedPlan(page);
  const sc = plan.scenarios[0];
  const slider = sc.adjustments[0].slider!;
  const value = slider.min + Math.round((slider.max - slider.min) / slider.step / 4) * slider.step;
  const code = proposalCode({ fingerprint: workshopFingerprint(plan, sc.id) }, '阿安', withProposal(sc, { values: [value], promos: [] }));

  await page.getByTestId('read-proposal').click();
  // Closing while the camera runs stops it.
  await page.getByTestId('read-camera').click();
  await expect(page.getByTestId('read-video')).toBeVisible();
  await expect(page.getByTestId('read-camera-stop')).toHaveText('關閉鏡頭');
  await page.getByTestId('read-dialog-close').click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __cam: { stopped: number } }).__cam.stopped)).toBe(1);

  // A code in view: read, the camera stopped, the code in the box, then pinned.
  await page.getByTestId('read-proposal').click();
  await page.getByTestId('read-camera').click();
  await expect(page.getByTestId('read-video')).toBeVisible();
  await page.evaluate((c) => ((window as unknown as { __code: string }).__code = c), code);
  await expect(page.getByTestId('read-code')).toHaveValue(code);
  await expect(page.getByTestId('read-video')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __cam: { started: number; stopped: number } }).__cam)).toEqual({ started: 2, stopped: 2 });
  await page.getByTestId('read-pin').click();
  await expect(page.getByTestId('read-status')).toContainText('「阿安的提案」已放上看板');
  await page.getByTestId('read-dialog-close').click();
  await expect(page.getByTestId('proposal-name')).toContainText('阿安的提案');
  await expect.poll(async () => (await storedPlan(page)).decisions?.length).toBe(1);
  const stored = await storedPlan(page);
  expect(Object.values(stored.decisions![0].values)).toEqual([value]);
});
