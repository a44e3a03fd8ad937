import { verify as nodeVerify } from 'node:crypto';
import type { Page } from '@playwright/test';
import { canonicalJsonText } from '../../src/engine/planFile/serialise';
import { expect, test } from './fixtures';
import { Planner } from './planner';

/** What the browser keeps for the signing key: the private key must be a non-extractable CryptoKey. */
async function storedOwnKey(page: Page): Promise<{ type: string; extractable: boolean; curve: string; name: string } | null> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('channel-mix-planner');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('settings').objectStore('settings').get('signing.ownKey');
          get.onsuccess = () => {
            const v = get.result?.value;
            open.result.close();
            resolve(v ? { type: v.privateKey.type, extractable: v.privateKey.extractable, curve: v.privateKey.algorithm.namedCurve, name: v.name } : null);
          };
        };
      }),
  );
}

async function createKey(page: Page, name: string): Promise<string> {
  await page.getByTestId('signing-name').fill(name);
  await page.getByTestId('signing-create').click();
  const line = page.getByTestId('signing-own-key');
  await expect(line).toContainText(name);
  const fp = (await line.textContent())!.match(/([0-9A-F]{4} ){3}[0-9A-F]{4}/)![0];
  return fp;
}

/** Independent check in Node: the signature verifies over the file with the block but without `value`. */
function verifiesInNode(text: string): boolean {
  const json = JSON.parse(text);
  const { value, ...rest } = json.signature;
  const message = canonicalJsonText({ ...json, signature: rest });
  return nodeVerify(
    'sha256',
    Buffer.from(message, 'utf8'),
    { key: { kty: 'EC', crv: 'P-256', x: rest.publicKey.x, y: rest.publicKey.y }, format: 'jwk', dsaEncoding: 'ieee-p1363' },
    Buffer.from(value, 'base64url'),
  );
}

async function importFile(page: Page, name: string, bytes: Buffer | string): Promise<void> {
  await page.getByTestId('import-input').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'utf8') });
}

test.describe('signed plan files', () => {
  test('zh-CN: create a key, export signed, import it back signed; a changed byte shows "changed after signing"', async ({ page, planner: p }) => {
    await p.open('zh-CN');
    await expect(page.getByTestId('signing-settings')).toContainText('方案文件签名');
    const fp = await createKey(page, '王芳');
    expect(await storedOwnKey(page)).toEqual({ type: 'private', extractable: false, curve: 'P-256', name: '王芳' });

    await p.newPlan('beauty');
    await page.getByTestId('plan-export').click();
    await expect(page.getByTestId('export-sign')).toBeChecked();
    await expect(page.getByTestId('export-signing')).toContainText(`用我的密钥签名（王芳 · 指纹 ${fp}）`);
    const file = await p.download('export-plain');
    const text = file.bytes.toString('utf8');
    const json = JSON.parse(text);
    expect(json.signature).toMatchObject({ algorithm: 'ECDSA-P256-SHA256', signer: '王芳', keyId: fp.replace(/ /g, '') });
    // The file says whose version it is: plan, day of export, signer.
    expect(file.name.startsWith(`${json.plan.name} `)).toBe(true);
    expect(file.name).toMatch(/ \d{4}-\d{2}-\d{2} 王芳\.cmplan\.json$/);
    expect(verifiesInNode(text)).toBe(true);
    // The file is the canonical text: re-writing its JSON gives the same bytes.
    expect(canonicalJsonText(json)).toBe(text);

    await p.goHome();
    await importFile(page, file.name, file.bytes);
    const status = page.getByTestId('signature-status');
    await expect(status).toHaveAttribute('data-status', 'valid');
    await expect(status).toContainText(`签名人：王芳（指纹 ${fp}）`);
    await expect(status).toContainText('这是您自己的密钥');
    await page.getByTestId('import-signature-continue').click();
    await page.getByTestId('import-as-new').click();
    await expect(page.getByTestId('channel-grid')).toBeVisible();
    await p.goHome();
    await expect(page.getByTestId('plan-item')).toHaveCount(2);

    // One digit of the plan changed by hand: the file still reads, the signature says it was changed.
    const at = text.indexOf('"createdAt": ') + '"createdAt": '.length;
    const digit = text[at + 3];
    const tampered = text.slice(0, at + 3) + String((Number(digit) + 1) % 10) + text.slice(at + 4);
    expect(tampered.length).toBe(text.length);
    await importFile(page, 'tampered.cmplan.json', tampered);
    await expect(status).toHaveAttribute('data-status', 'changed');
    await expect(status).toContainText('签名后被改动');
    await expect(status.locator('strong')).toHaveCSS('color', 'rgb(185, 28, 28)');
    await expect(page.getByTestId('import-signature-continue')).toHaveText('仍然导入');
    await page.getByTestId('import-signature-close').click();
    await expect(page.getByTestId('plan-item')).toHaveCount(2);

    // Only spacing changed: also "changed after signing".
    await importFile(page, 'spaced.cmplan.json', text.replace('\n', ' \n'));
    await expect(status).toHaveAttribute('data-status', 'changed');
    await page.getByTestId('import-signature-close').click();

    // Encrypted and signed: checked after opening.
    await page.getByTestId('export').first().click();
    await page.getByTestId('export-password').fill('长城长城长城长城12');
    await page.getByTestId('export-password-confirm').fill('长城长城长城长城12');
    const enc = await p.download('export-encrypted');
    expect(enc.name).toMatch(/\.cmplan\.enc$/);
    await importFile(page, enc.name, enc.bytes);
    await page.getByTestId('import-password-input').fill('长城长城长城长城12');
    await page.getByTestId('import-decrypt').click();
    await expect(status).toHaveAttribute('data-status', 'valid');
    await expect(page.getByTestId('import-signature')).toContainText('已在打开加密文件后检查其中的签名');
    await page.getByTestId('import-signature-close').click();
  });

  test("zh-CN: a colleague's key added from another browser makes their signature trusted", async ({ page, planner: p, browser }) => {
    // The colleague works in their own browser profile (another context: its own IndexedDB).
    const other = await browser.newContext({ baseURL: test.info().project.use.baseURL, acceptDownloads: true });
    const colleaguePage = await other.newPage();
    const errors: string[] = [];
    colleaguePage.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    const colleague = new Planner(colleaguePage);
    await colleague.open('zh-CN');
    const theirFp = await createKey(colleaguePage, '李雷');
    const keyFile = await colleague.download('signing-export-public');
    expect(keyFile.name).toBe('李雷.cmkey.json');
    expect(JSON.parse(keyFile.bytes.toString('utf8'))).toMatchObject({ type: 'channel-mix-public-key', name: '李雷', keyId: theirFp.replace(/ /g, '') });
    await colleague.newPlan('beauty');
    await colleaguePage.getByTestId('plan-export').click();
    const theirPlan = await colleague.download('export-plain');
    await other.close();
    expect(errors).toEqual([]);

    await p.open('zh-CN');
    await expect(page.getByTestId('signing-team-empty')).toBeVisible();
    // No key of ours yet: unsigned imports are not stopped, but this signed one is shown first.
    await importFile(page, theirPlan.name, theirPlan.bytes);
    const status = page.getByTestId('signature-status');
    await expect(status).toHaveAttribute('data-trust', 'unknown');
    await expect(status).toContainText(`签名人：李雷（指纹 ${theirFp}）`);
    await expect(status).toContainText('未知密钥：签名人不在您的团队列表中');
    if (process.env.SCREENSHOTS) await page.screenshot({ path: test.info().outputPath('signature-unknown-zh-CN.png'), fullPage: true });
    await page.getByTestId('import-signature-close').click();

    // A malformed key is refused with a reason.
    const bad = JSON.parse(keyFile.bytes.toString('utf8'));
    bad.publicKey.y = Buffer.alloc(32, 1).toString('base64url');
    await page.getByTestId('signing-paste').fill(JSON.stringify(bad));
    await page.getByTestId('signing-check').click();
    await expect(page.getByTestId('signing-key-error')).toHaveText('这不是有效的 P-256 公钥（长度不对，或不是曲线上的点）。');
    await page.getByTestId('signing-paste').fill('{"type":');
    await page.getByTestId('signing-check').click();
    await expect(page.getByTestId('signing-key-error')).toHaveText('这不是公钥文件：内容不是 JSON。');

    // Their key from the file, under the name we give it.
    await page.getByTestId('signing-key-input').setInputFiles({ name: keyFile.name, mimeType: 'application/json', buffer: keyFile.bytes });
    await expect(page.getByTestId('signing-candidate-fp')).toContainText(theirFp);
    await page.getByTestId('signing-candidate-name').fill('李雷（华东）');
    await page.getByTestId('signing-add').click();
    await expect(page.getByTestId('signing-team-key')).toHaveCount(1);
    await expect(page.getByTestId('signing-team-key')).toContainText(theirFp);

    await importFile(page, theirPlan.name, theirPlan.bytes);
    await expect(status).toHaveAttribute('data-trust', 'trusted');
    await expect(status).toContainText('受信任：在您的团队列表中，名称为“李雷（华东）”。');
    await page.getByTestId('import-signature-continue').click();
    await expect(page.getByTestId('channel-grid')).toBeVisible();

    // Kept across a reload; adding it twice is refused; removing it works.
    await page.reload();
    await p.goHome();
    await expect(page.getByTestId('signing-team-key')).toHaveCount(1);
    await page.getByTestId('signing-paste').fill(keyFile.bytes.toString('utf8'));
    await page.getByTestId('signing-check').click();
    await expect(page.getByTestId('signing-key-error')).toHaveText('此公钥已在您的列表中，名称为“李雷（华东）”。');
    await page.getByTestId('signing-team-remove').click();
    await expect(page.getByTestId('signing-team-empty')).toBeVisible();
  });
});
