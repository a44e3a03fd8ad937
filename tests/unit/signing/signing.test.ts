import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePlanFile, serialisePlanFile } from '../../../src/engine/planFile';
import { decryptPlanFile, encryptPlanFile } from '../../../src/files/encrypted';
import {
  checkPlanFileSignature,
  fingerprint,
  generateSigningKey,
  groupFingerprint,
  publicKeyFileText,
  readPublicKeyFile,
  signPlanFileText,
  type SigningKey,
  type TeamKey,
} from '../../../src/files/signing';
import { beautyFixturePlan } from '../planFile/fixturePlans';
import { APP } from '../planFile/helpers';

let alice: SigningKey;
let bob: SigningKey;
let unsigned: string;
let signed: string;

beforeAll(async () => {
  alice = await generateSigningKey('  李伟 Li Wei ');
  bob = await generateSigningKey('Bob');
  unsigned = serialisePlanFile(beautyFixturePlan(), APP);
  signed = await signPlanFileText(unsigned, alice);
});

const team = (...keys: SigningKey[]): TeamKey[] => keys.map((k) => ({ name: `team ${k.name}`, keyId: k.keyId, publicKey: k.publicKey, addedAt: 1 }));

describe('signing and checking a plan file', () => {
  it('signs: the file is still a plan file, with the same plan, and verifies', async () => {
    expect(alice.name).toBe('李伟 Li Wei');
    expect(alice.keyId).toMatch(/^[0-9A-F]{16}$/);
    expect(groupFingerprint(alice.keyId)).toMatch(/^[0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4}$/);
    const parsed = parsePlanFile(signed);
    expect(parsed.ok && parsed.warnings).toEqual([]);
    expect(parsed.ok && parsed.plan).toEqual(beautyFixturePlan());
    const json = JSON.parse(signed);
    expect(json.signature).toMatchObject({ algorithm: 'ECDSA-P256-SHA256', signer: '李伟 Li Wei', keyId: alice.keyId, publicKey: alice.publicKey });
    expect(json.signature.value).toMatch(/^[A-Za-z0-9_-]{86}$/);
    // Without the signature the file is byte for byte the unsigned file.
    delete json.signature;
    expect(serialisePlanFile(beautyFixturePlan(), APP)).toBe(unsigned);
    expect(await checkPlanFileSignature(signed)).toEqual({ status: 'valid', signer: '李伟 Li Wei', keyId: alice.keyId, trust: 'unknown' });
    expect(await checkPlanFileSignature(signed, { team: team(bob, alice) })).toEqual({
      status: 'valid',
      signer: '李伟 Li Wei',
      keyId: alice.keyId,
      trust: 'trusted',
      teamName: 'team 李伟 Li Wei',
    });
    expect(await checkPlanFileSignature(signed, { own: alice.publicKey })).toMatchObject({ status: 'valid', trust: 'own' });
    expect(await checkPlanFileSignature(unsigned)).toEqual({ status: 'unsigned' });
  });

  it('the fingerprint is the first 16 hex digits of SHA-256 of the raw point 04‖x‖y', async () => {
    const raw = Buffer.concat([Buffer.from([4]), Buffer.from(alice.publicKey.x, 'base64url'), Buffer.from(alice.publicKey.y, 'base64url')]);
    const digest = Buffer.from(await crypto.subtle.digest('SHA-256', raw)).toString('hex');
    expect(await fingerprint(alice.publicKey)).toBe(digest.slice(0, 16).toUpperCase());
  });

  it('the private key cannot be exported', async () => {
    expect(alice.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('jwk', alice.privateKey)).rejects.toThrow();
  });

  it('signing the same content twice gives different signatures that both verify (ECDSA is randomised)', async () => {
    const again = await signPlanFileText(unsigned, alice);
    expect(again).not.toBe(signed);
    expect(await checkPlanFileSignature(again)).toMatchObject({ status: 'valid' });
  });

  it('refuses to sign text that is not the canonical unsigned file', async () => {
    await expect(signPlanFileText(unsigned.replace('\n', '\r\n'), alice)).rejects.toThrow('notCanonical');
    await expect(signPlanFileText(signed, alice)).rejects.toThrow('alreadySigned');
  });

  it('a changed plan value is "changed after signing"', async () => {
    const json = JSON.parse(signed);
    json.plan.name = json.plan.name + ' (edited)';
    expect(await checkPlanFileSignature(serialisePlanFile(json.plan, json.app, { signature: json.signature }))).toMatchObject({ status: 'changed', reason: 'content' });
  });

  it('whitespace, line endings, key order and a byte order mark are "changed after signing"', async () => {
    const variants = [
      signed.replace(/\n$/, ''),
      signed + '\n',
      signed.replace(/\n/g, '\r\n'),
      signed.replace('  "app"', '   "app"'),
      signed.replace('": ', '":'),
      ' ' + signed,
      '\ufeff' + signed,
      JSON.stringify(JSON.parse(signed), null, 2) + '\n', // same JSON, keys in the file's order but a different writer
      JSON.stringify(JSON.parse(signed)),
      signed.replace('"type": "channel-mix-plan"', '"type": "channel\\u002dmix-plan"'),
    ];
    for (const v of variants) {
      if (v === signed) continue;
      const r = await checkPlanFileSignature(v);
      expect(r.status, JSON.stringify(v.slice(0, 40))).toBe('changed');
    }
  });

  it('property: changing any single byte never leaves a valid signature', async () => {
    const bytes = new TextEncoder().encode(signed);
    const sigStart = new TextEncoder().encode(signed.slice(0, signed.indexOf('"signature"'))).length;
    const sigEnd = new TextEncoder().encode(signed.slice(0, signed.indexOf('}', signed.indexOf('"value"', signed.indexOf('"signature"'))))).length;
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const seen = { unreadable: 0, changed: 0, invalid: 0 };
    await fc.assert(
      fc.asyncProperty(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), async (pos, xor) => {
        const tampered = bytes.slice();
        tampered[pos] ^= xor;
        let text: string;
        try {
          text = decoder.decode(tampered);
        } catch {
          seen.unreadable++;
          return; // not UTF-8: the reader refuses the file
        }
        const parsed = parsePlanFile(text);
        if (!parsed.ok) {
          seen.unreadable++;
          return;
        }
        const r = await checkPlanFileSignature(text, { team: team(alice, bob), own: alice.publicKey });
        expect(r.status).not.toBe('valid');
        // Not even "unsigned": a changed "signature" key still shows that the file was signed.
        expect(r.status).not.toBe('unsigned');
        // Outside the signature block, every change is reported as a change of the file.
        if (pos < sigStart || pos > sigEnd) expect(r.status).toBe('changed');
        seen[r.status as 'changed' | 'invalid']++;
      }),
      { numRuns: 600 },
    );
    expect(seen.changed).toBeGreaterThan(0);
  });

  it('every position once: a digit or letter swapped anywhere is caught', async () => {
    for (let i = 0; i < signed.length; i += 7) {
      const c = signed[i];
      const repl = /[0-9]/.test(c) ? String((Number(c) + 1) % 10) : /[a-z]/.test(c) ? (c === 'z' ? 'a' : String.fromCharCode(c.charCodeAt(0) + 1)) : c === ' ' ? '\t' : null;
      if (repl === null) continue;
      const text = signed.slice(0, i) + repl + signed.slice(i + 1);
      if (!parsePlanFile(text).ok) continue;
      expect((await checkPlanFileSignature(text)).status, `position ${i}`).not.toBe('valid');
    }
  });

  it('a signature made by another key than the one in the file does not verify, and names that key when it is on the team list', async () => {
    const byBob = JSON.parse(await signPlanFileText(unsigned, bob));
    const byAlice = JSON.parse(signed);
    // Bob's signature value in a block that claims Alice's key (the message Bob signed named Bob's key).
    const forged = serialisePlanFile(byAlice.plan, byAlice.app, { signature: { ...byAlice.signature, value: byBob.signature.value } });
    expect(await checkPlanFileSignature(forged)).toMatchObject({ status: 'invalid', reason: 'doesNotVerify', signer: '李伟 Li Wei' });
    // Bob signs a message that names Alice's key and name: verifies only with Bob's key.
    const { value: _v, ...claim } = byAlice.signature;
    void _v;
    const message = serialisePlanFile(byAlice.plan, byAlice.app, { signature: claim });
    const sig = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, bob.privateKey, new TextEncoder().encode(message)));
    const impersonation = serialisePlanFile(byAlice.plan, byAlice.app, { signature: { ...claim, value: Buffer.from(sig).toString('base64url') } });
    expect(await checkPlanFileSignature(impersonation)).toMatchObject({ status: 'invalid', reason: 'doesNotVerify' });
    expect(await checkPlanFileSignature(impersonation, { team: team(bob) })).toMatchObject({ status: 'invalid', reason: 'doesNotVerify', otherKey: 'team Bob' });
    // Bob's key with Alice's fingerprint: the fingerprint is not the key's.
    const swapped = serialisePlanFile(byAlice.plan, byAlice.app, { signature: { ...byBob.signature, keyId: alice.keyId } });
    expect(await checkPlanFileSignature(swapped)).toMatchObject({ status: 'invalid', reason: 'keyIdMismatch' });
  });

  it('a file whose "signature" key was renamed is "changed", not "unsigned"', async () => {
    const r = await checkPlanFileSignature(signed.replace('"signature"', '"signaturf"'));
    expect(r).toMatchObject({ status: 'changed', reason: 'text', signer: '李伟 Li Wei', keyId: alice.keyId });
  });

  it('a renamed signer does not verify', async () => {
    const json = JSON.parse(signed);
    const renamed = serialisePlanFile(json.plan, json.app, { signature: { ...json.signature, signer: 'Boss' } });
    expect(await checkPlanFileSignature(renamed)).toMatchObject({ status: 'invalid', reason: 'doesNotVerify', signer: 'Boss' });
  });

  it('malformed signature blocks are "invalid", not errors', async () => {
    const json = JSON.parse(signed);
    const bad: unknown[] = [
      null,
      'signed',
      [],
      { ...json.signature, algorithm: 'RSA' },
      { ...json.signature, extra: 1 },
      { ...json.signature, value: json.signature.value + 'A' },
      { ...json.signature, publicKey: { x: json.signature.publicKey.x } },
      { ...json.signature, keyId: json.signature.keyId.toLowerCase() },
      { ...json.signature, signer: '' },
      { ...json.signature, contentHash: 'abc' },
    ];
    for (const signature of bad) {
      const text = serialisePlanFile(json.plan, json.app, { signature: signature as never });
      expect(await checkPlanFileSignature(text), JSON.stringify(signature).slice(0, 60)).toMatchObject({ status: 'invalid', reason: 'malformed' });
    }
    // Coordinates of the right form that are not a point on the curve.
    const offCurve = { ...json.signature, publicKey: { x: json.signature.publicKey.x, y: Buffer.alloc(32, 7).toString('base64url') } };
    expect(await checkPlanFileSignature(serialisePlanFile(json.plan, json.app, { signature: offCurve }))).toMatchObject({ status: 'invalid', reason: 'badKey' });
  });

  it('encrypted and signed: the signature is inside, and checks after decrypting', async () => {
    const sealed = await encryptPlanFile(signed, 'correct horse battery');
    const opened = await decryptPlanFile(sealed, 'correct horse battery');
    expect(opened).toBe(signed);
    expect(await checkPlanFileSignature(opened, { team: team(alice) })).toMatchObject({ status: 'valid', trust: 'trusted' });
    // Someone with the password who edits the plan and encrypts it again cannot keep the signature.
    const edited = opened.replace(/"name": "([^"]*)"/, '"name": "$1 x"');
    const resealed = await encryptPlanFile(edited, 'correct horse battery');
    expect(await checkPlanFileSignature(await decryptPlanFile(resealed, 'correct horse battery'))).toMatchObject({ status: 'changed', reason: 'content' });
  });
});

describe('public-key files', () => {
  it('round trip: own key out, colleague key in', async () => {
    const text = publicKeyFileText(alice);
    expect(JSON.parse(text)).toEqual({ type: 'channel-mix-public-key', formatVersion: 1, algorithm: 'ECDSA-P256-SHA256', name: '李伟 Li Wei', keyId: alice.keyId, publicKey: alice.publicKey });
    expect(await readPublicKeyFile(text)).toEqual({ ok: true, key: { name: '李伟 Li Wei', keyId: alice.keyId, publicKey: alice.publicKey } });
    // Pasted with a byte order mark or surrounding whitespace.
    expect(await readPublicKeyFile('\ufeff  ' + text + '\n\n')).toMatchObject({ ok: true });
  });

  it('refuses malformed keys with a reason', async () => {
    const good = JSON.parse(publicKeyFileText(alice));
    const cases: [string, string][] = [
      ['x'.repeat(5000), 'tooLarge'],
      ['{"type": ', 'notJson'],
      ['[]', 'notKeyFile'],
      [JSON.stringify({ ...good, type: 'channel-mix-plan' }), 'notKeyFile'],
      [JSON.stringify({ ...good, formatVersion: 2 }), 'unsupported'],
      [JSON.stringify({ ...good, algorithm: 'RSA' }), 'unsupported'],
      [JSON.stringify({ ...good, name: '' }), 'badName'],
      [JSON.stringify({ ...good, name: 'a'.repeat(101) }), 'badName'],
      [JSON.stringify({ ...good, name: 'a\u0007b' }), 'badName'],
      [JSON.stringify({ ...good, publicKey: null }), 'badKey'],
      [JSON.stringify({ ...good, publicKey: { x: good.publicKey.x, y: 5 } }), 'badKey'],
      [JSON.stringify({ ...good, publicKey: { ...good.publicKey, x: good.publicKey.x.slice(1) } }), 'badKey'],
      [JSON.stringify({ ...good, publicKey: { ...good.publicKey, x: good.publicKey.x.slice(1) + '=' } }), 'badKey'],
      // 32 bytes of the right form but not a point on P-256.
      [JSON.stringify({ ...good, publicKey: { ...good.publicKey, y: Buffer.alloc(32, 1).toString('base64url') } }), 'badKey'],
      // Both coordinates zero (the point at infinity has no affine form).
      [JSON.stringify({ ...good, publicKey: { x: Buffer.alloc(32).toString('base64url'), y: Buffer.alloc(32).toString('base64url') } }), 'badKey'],
      [JSON.stringify({ ...good, keyId: bob.keyId }), 'keyIdMismatch'],
    ];
    for (const [text, error] of cases) expect(await readPublicKeyFile(text), `${error}: ${text.slice(0, 80)}`).toEqual({ ok: false, error });
  });
});
