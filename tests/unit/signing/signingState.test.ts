import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serialisePlanFile } from '../../../src/engine/planFile';
import { generateSigningKey, signPlanFileText } from '../../../src/files/signing';
import { PlannerDb } from '../../../src/persistence/db';
import { signatureToShow, signing } from '../../../src/state/signing.svelte';
import { beautyFixturePlan } from '../planFile/fixturePlans';
import { APP } from '../planFile/helpers';

let db: PlannerDb;
let n = 0;
beforeEach(async () => {
  db = new PlannerDb(`signing-state-${++n}`);
  await db.open();
  await signing.refresh(db);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const unsigned = serialisePlanFile(beautyFixturePlan(), APP);

describe('signing state', () => {
  it('asks nothing about unsigned files of someone who does not sign, and shows a signed one', async () => {
    expect(await signatureToShow(unsigned, db)).toBeNull();
    const other = await generateSigningKey('Li');
    expect(await signatureToShow(await signPlanFileText(unsigned, other), db)).toMatchObject({ status: 'valid', trust: 'unknown' });
  });

  it('once the user has a key, unsigned files are shown as unsigned; own files as own', async () => {
    expect(await signing.create('王芳')).toBe(true);
    expect(await signatureToShow(unsigned, db)).toEqual({ status: 'unsigned' });
    expect(await signatureToShow(await signing.sign(unsigned), db)).toMatchObject({ status: 'valid', trust: 'own', signer: '王芳' });
  });

  it('team list: refuses own key and duplicates, trusts members, forgets removed ones', async () => {
    await signing.create('Me');
    const own = signing.own!;
    expect(await signing.addTeamKey({ name: 'me again', keyId: own.keyId, publicKey: own.publicKey })).toBe('own');
    const li = await generateSigningKey('Li');
    expect(await signing.addTeamKey({ name: 'Li (East)', keyId: li.keyId, publicKey: li.publicKey })).toBeNull();
    expect(await signing.addTeamKey({ name: 'Li again', keyId: li.keyId, publicKey: li.publicKey })).toBe('duplicate');
    const signed = await signPlanFileText(unsigned, li);
    expect(await signatureToShow(signed, db)).toMatchObject({ status: 'valid', trust: 'trusted', teamName: 'Li (East)' });
    await signing.removeTeamKey(li.keyId);
    expect(await signatureToShow(signed, db)).toMatchObject({ status: 'valid', trust: 'unknown' });
  });
});
