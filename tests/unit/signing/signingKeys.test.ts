import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serialisePlanFile } from '../../../src/engine/planFile';
import { checkPlanFileSignature, generateSigningKey, signPlanFileText } from '../../../src/files/signing';
import { PlannerDb } from '../../../src/persistence/db';
import { deleteOwnKey, loadOwnKey, loadTeamKeys, saveOwnKey, saveTeamKeys } from '../../../src/persistence/signingKeys';
import { beautyFixturePlan } from '../planFile/fixturePlans';
import { APP } from '../planFile/helpers';

let db: PlannerDb;
let n = 0;
beforeEach(async () => {
  db = new PlannerDb(`signing-${++n}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('stored signing keys', () => {
  it('keeps the non-extractable private key across a reopen and can still sign with it', async () => {
    expect(await loadOwnKey(db)).toBeNull();
    const key = await generateSigningKey('王芳');
    await saveOwnKey(db, { ...key, createdAt: 5 });
    db.close();
    db = new PlannerDb(`signing-${n}`);
    await db.open();
    const again = await loadOwnKey(db);
    expect(again).toMatchObject({ name: '王芳', keyId: key.keyId, publicKey: key.publicKey, createdAt: 5 });
    expect(again?.privateKey.extractable).toBe(false);
    const signed = await signPlanFileText(serialisePlanFile(beautyFixturePlan(), APP), again!);
    expect(await checkPlanFileSignature(signed, { own: again!.publicKey })).toMatchObject({ status: 'valid', trust: 'own', signer: '王芳' });
    await deleteOwnKey(db);
    expect(await loadOwnKey(db)).toBeNull();
  });

  it('keeps the team list', async () => {
    expect(await loadTeamKeys(db)).toEqual([]);
    const k = await generateSigningKey('Li');
    await saveTeamKeys(db, [{ name: 'Li (Shanghai)', keyId: k.keyId, publicKey: k.publicKey, addedAt: 7 }]);
    expect(await loadTeamKeys(db)).toEqual([{ name: 'Li (Shanghai)', keyId: k.keyId, publicKey: k.publicKey, addedAt: 7 }]);
  });
});
