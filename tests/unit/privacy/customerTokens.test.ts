import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allTokens, isToken, SALT_BYTES } from '../../../src/engine/customers/pseudonym';
import { serialisePlanFile } from '../../../src/engine/planFile/serialise';
import { generateSyntheticPlan } from '../../../src/engine/synthetic';
import { Pseudonymiser, TokenCollisionError } from '../../../src/files/customerTokens';
import { PlannerDb } from '../../../src/persistence/db';
import { forgetPlanSalt, planSalt, saltKey } from '../../../src/persistence/planSalt';
import { PlanRepo } from '../../../src/persistence/planRepo';
import { toCsv } from '../../../src/ui/export/csv';
import { toXlsx } from '../../../src/ui/export/xlsx';

const fixture = JSON.parse(readFileSync(fileURLToPath(new URL('../../fixtures/privacy/tokens.json', import.meta.url)), 'utf8')) as {
  salt: string;
  tokens: Record<string, string>;
};
const hexBytes = (hex: string) => Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));

/** The project's shared data sets sit in `shared/data` beside the repository (or beside a folder above it). */
function sharedFile(relative: string): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'shared', 'data', relative);
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

describe('customer tokens', () => {
  it('equal an independent HMAC-SHA-256 computed with Python’s hmac and hashlib', async () => {
    const p = await Pseudonymiser.create(hexBytes(fixture.salt));
    const ids = Object.keys(fixture.tokens);
    expect(ids.length).toBe(10);
    for (const id of ids) expect(await p.tokenOf(id)).toBe(fixture.tokens[id]);
    expect(await p.tokensOf(ids)).toEqual(ids.map((id) => fixture.tokens[id]));
  });

  it('have the token shape, and only tokens do', async () => {
    const p = await Pseudonymiser.create(hexBytes(fixture.salt));
    const token = await p.tokenOf('17850');
    expect(token).toMatch(/^c_[0-9a-f]{16}$/);
    expect(isToken(token)).toBe(true);
    expect(isToken('17850')).toBe(false);
    expect(isToken('c_0123456789ABCDEF')).toBe(false);
    expect(allTokens([token, fixture.tokens['00001']])).toBe(true);
    expect(allTokens([token, '17850'])).toBe(false);
    expect(allTokens([])).toBe(false);
  });

  it('replace one column only: every other cell, the header and empty ids stay as they were', async () => {
    const p = await Pseudonymiser.create(hexBytes(fixture.salt));
    const rows = [
      ['customer', 'orders', 'revenue'],
      ['17850', 3, 120.5],
      ['00001', 1, 11.77],
      ['17850', 3, 120.5],
      [null, 0, 0],
    ];
    const out = await p.pseudonymiseColumn(rows, 0);
    expect(out).toEqual([
      ['customer', 'orders', 'revenue'],
      [fixture.tokens['17850'], 3, 120.5],
      [fixture.tokens['00001'], 1, 11.77],
      [fixture.tokens['17850'], 3, 120.5],
      [null, 0, 0],
    ]);
    expect(rows[1][0]).toBe('17850');
  });

  it('refuse a salt shorter than 128 bits', async () => {
    await expect(Pseudonymiser.create(new Uint8Array(15))).rejects.toThrow(/128 bits/);
  });

  it('collide on no two distinct customer ids of CDNOW and Online Retail', async () => {
    const cdnowFile = sharedFile('cdnow/CDNOW_master.txt') ?? fileURLToPath(new URL('../../fixtures/customers/CDNOW_sample.txt', import.meta.url));
    const cdnow = new Set(readFileSync(cdnowFile, 'utf8').split('\n').map((l) => l.trim().split(/\s+/)[0]).filter((id) => id !== '' && id !== 'customer_id'));
    const retailFile = sharedFile('online_retail/online_retail.csv.gz');
    const retail = new Set<string>();
    if (retailFile) {
      const lines = gunzipSync(readFileSync(retailFile)).toString('utf8').split('\n');
      const header = lines[0].split(',');
      const at = header.indexOf('CustomerID');
      expect(at).toBeGreaterThan(0);
      // The customer id is the second-last column and descriptions may hold commas: count from the end.
      const fromEnd = header.length - at;
      for (const line of lines.slice(1)) {
        const cells = line.trim().split(',');
        const id = cells[cells.length - fromEnd];
        if (id) retail.add(id);
      }
    }
    if (sharedFile('cdnow/CDNOW_master.txt')) expect(cdnow.size).toBe(23570);
    if (retailFile) expect(retail.size).toBe(4372);
    const ids = [...cdnow, ...retail];
    for (const salt of [hexBytes(fixture.salt), crypto.getRandomValues(new Uint8Array(SALT_BYTES))]) {
      const p = await Pseudonymiser.create(salt);
      // tokensOf throws TokenCollisionError on a collision; the set check says the same independently.
      const tokens = await p.tokensOf(ids);
      expect(new Set(tokens).size).toBe(new Set(ids).size);
      // No token equals a raw id.
      const raw = new Set(ids);
      expect(tokens.some((tk) => raw.has(tk))).toBe(false);
    }
  }, 60_000);

  it('a collision is an error, never two customers merged', () => {
    const e = new TokenCollisionError('c_0000000000000000');
    expect(e.message).toContain('c_0000000000000000');
  });
});

describe('the plan’s salt', () => {
  let db: PlannerDb;
  let n = 0;
  beforeEach(async () => {
    db = new PlannerDb(`salt-${++n}`);
    await db.open();
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  it('is 256 random bits, kept per plan on this device: same plan → same tokens, other plan → other tokens', async () => {
    const a1 = await planSalt(db, 'plan-a');
    expect(a1).toBeInstanceOf(Uint8Array);
    expect(a1.length).toBe(32);
    const a2 = await planSalt(db, 'plan-a');
    expect(Array.from(a2)).toEqual(Array.from(a1));
    const b = await planSalt(db, 'plan-b');
    expect(Array.from(b)).not.toEqual(Array.from(a1));

    const ids = ['17850', '00001', '12346'];
    const first = await (await Pseudonymiser.create(a1)).tokensOf(ids);
    const again = await (await Pseudonymiser.create(await planSalt(db, 'plan-a'))).tokensOf(ids);
    const other = await (await Pseudonymiser.create(b)).tokensOf(ids);
    expect(again).toEqual(first);
    for (let i = 0; i < ids.length; i++) expect(other[i]).not.toBe(first[i]);

    // Two callers at once get one salt.
    const [x, y] = await Promise.all([planSalt(db, 'plan-c'), planSalt(db, 'plan-c')]);
    expect(Array.from(x)).toEqual(Array.from(y));

    await forgetPlanSalt(db, 'plan-a');
    expect(await db.settings.get(saltKey('plan-a'))).toBeUndefined();
    expect(Array.from(await planSalt(db, 'plan-a'))).not.toEqual(Array.from(a1));
  });

  it('never appears in the stored plan, its plan file, or a pseudonymised export (CSV or XLSX)', async () => {
    const repo = new PlanRepo(db);
    const plan = { ...generateSyntheticPlan({ channels: 3, periods: 12, seed: 5 }), id: 'plan-s', name: 'Salted', updatedAt: 1 };
    await repo.create(plan);
    const salt = await planSalt(db, plan.id);
    const loaded = await repo.load(plan.id);
    expect(loaded).not.toBeNull();

    const p = await Pseudonymiser.create(salt);
    const rows = await p.pseudonymiseColumn(
      [['customer', 'recency_days', 'frequency', 'monetary'], ...Array.from({ length: 200 }, (_, i) => [String(10000 + i), i, 1 + (i % 7), 10 + i * 1.5])],
      0,
    );
    const record = await db.plans.get(plan.id);
    const outputs: [string, Uint8Array][] = [
      ['stored plan record', new TextEncoder().encode(JSON.stringify(record))],
      ['plan file', new TextEncoder().encode(serialisePlanFile(loaded!.plan, { name: 'Channel Mix Planner', version: '0.1.0' }))],
      ['CSV export', new TextEncoder().encode(toCsv(rows))],
      ['XLSX export', toXlsx([{ name: 'Customers', rows }])],
    ];
    const hex = Buffer.from(salt).toString('hex');
    const forms = [hex, hex.toUpperCase(), Buffer.from(salt).toString('base64'), Buffer.from(salt).toString('base64url'), Array.from(salt).join(','), Array.from(salt).join(', ')];
    for (const [what, bytes] of outputs) {
      expect(bytes.length, what).toBeGreaterThan(100);
      const text = Buffer.from(bytes).toString('latin1');
      for (const form of forms) expect(text.includes(form), `${what} holds the salt as ${form.slice(0, 12)}…`).toBe(false);
      // The raw 32 bytes, and any 8 consecutive bytes of them.
      for (let at = 0; at + 8 <= salt.length; at++) expect(Buffer.from(bytes).indexOf(Buffer.from(salt.subarray(at, at + 8))), what).toBe(-1);
    }
    // The salt is where it should be: the settings table, under the plan's id.
    expect(Array.from((await db.settings.get(saltKey(plan.id)))!.value as Uint8Array)).toEqual(Array.from(salt));
  });
});
