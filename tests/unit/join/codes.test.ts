import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../src/engine/compute';
import { planKpis } from '../../../src/engine/decisions';
import { checkName, invitePayload, JOIN_LIMITS, proposalCode, PROPOSAL_PREFIX, QR_LINK_MAX_BYTES, readInvite, readProposal, withProposal } from '../../../src/engine/join/codes';
import { fromBase64Url, pack, seal, toBase64Url, unpack } from '../../../src/engine/join/pack';
import { reducePlan, workshopFingerprint } from '../../../src/engine/join/reduce';
import { applyOps } from '../../../src/engine/patch';
import { createPlanFromTemplate } from '../../../src/engine/templates';
import type { Adjustment, Plan } from '../../../src/engine/types';
import { proposalPinOps } from '../../../src/state/proposalPin';

const slider = (id: string, channel: string, min: number, max: number): Adjustment => ({
  id,
  target: { kind: 'channels', ids: [channel] },
  driver: 'spend',
  op: { kind: 'scale', percent: 0 },
  enabled: true,
  slider: { min, max, step: 1 },
});

/** The beauty template with a workshop scenario of two sliders, notes and a decision log. */
function workshopPlan(): Plan {
  const p = createPlanFromTemplate('beauty', { id: 'plan-1', now: 1_700_000_000_000, locale: 'en' });
  const [a, b] = p.channels;
  p.scenarios = [
    { id: 'ws', name: 'Room', parentId: null, adjustments: [slider('s1', a.id, -50, 50), slider('s2', b.id, -100, 100)], notes: 'secret scenario notes' },
    { id: 'other', name: 'Other', parentId: null, adjustments: [], notes: '' },
  ];
  p.notes = 'confidential assumptions';
  return p;
}

const bytesOf = (s: string) => new TextEncoder().encode(s);
const packBytes = (b: Uint8Array) => seal(toBase64Url(deflateSync(b)));

describe('workshop invites', () => {
  it('carry only what the KPIs need, fit a QR code for a template plan, and read back to the same figures', () => {
    const p = workshopPlan();
    const payload = invitePayload(p, 'ws');
    const link = `https://planner.example/app/#join=${payload}`;
    expect(bytesOf(link).length).toBeLessThanOrEqual(QR_LINK_MAX_BYTES);
    const read = readInvite(payload);
    if (!read.ok) throw new Error(read.code);
    const { plan, scenarioId, fingerprint } = read.value;
    expect(scenarioId).toBe('ws');
    expect(fingerprint).toBe(workshopFingerprint(p, 'ws'));
    expect(plan.notes).toBe('');
    expect(plan.scenarios.map((s) => s.id)).toEqual(['ws']);
    expect(plan.scenarios[0].notes).toBe('');
    expect(plan.decisions).toBeUndefined();
    expect(JSON.stringify(plan)).not.toContain('confidential');
    // The phone computes exactly what the facilitator's machine computes.
    expect(planKpis(plan, 'ws')).toEqual(planKpis(p, 'ws'));
    expect(Array.from(computePlan(plan, 'ws').flows.netRevenue)).toEqual(Array.from(computePlan(p, 'ws').flows.netRevenue));
  });

  it('keeps its fingerprint when sliders move, and changes it when the plan or the scenario changes', () => {
    const p = workshopPlan();
    const fp = workshopFingerprint(p, 'ws');
    const moved = applyOps(p, [{ path: ['scenarios', 0, 'adjustments', 0, 'op', 'percent'], value: 30 }]).result;
    expect(workshopFingerprint(moved, 'ws')).toBe(fp);
    const pinnedMore = { ...p, notes: 'changed', decisions: [] };
    expect(workshopFingerprint(pinnedMore, 'ws')).toBe(fp);
    expect(workshopFingerprint(p, 'other')).not.toBe(fp);
    const costlier = applyOps(p, [{ path: ['channels', 0, 'name'], value: 'Renamed' }]).result;
    expect(workshopFingerprint(costlier, 'ws')).not.toBe(fp);
  });

  it('refuses hostile links with the right code', () => {
    const p = workshopPlan();
    const good = invitePayload(p, 'ws');
    expect(readInvite('A'.repeat(JOIN_LIMITS.maxText + 1))).toEqual({ ok: false, code: 'tooLarge' });
    expect(readInvite('not base64!')).toEqual({ ok: false, code: 'badEncoding' });
    expect(readInvite('abcde')).toEqual({ ok: false, code: 'badEncoding' });
    expect(readInvite(seal('not base64!'))).toEqual({ ok: false, code: 'badEncoding' });
    expect(readInvite(seal(toBase64Url(bytesOf('plain text, not deflate'))))).toEqual({ ok: false, code: 'badCompression' });
    expect(readInvite(good.slice(0, good.length - 20))).toEqual({ ok: false, code: 'badEncoding' });
    const body = good.slice(0, good.lastIndexOf('.'));
    expect(readInvite(seal(body.slice(0, body.length - 20)))).toEqual({ ok: false, code: 'badCompression' });
    // One character changed, as a slip in typing: told apart from a code that is not ours.
    const slip = good.slice(0, 40) + (good[40] === 'A' ? 'B' : 'A') + good.slice(41);
    expect(readInvite(slip)).toEqual({ ok: false, code: 'badChecksum' });
    // A zip bomb: 8 MB of zeros packs into a few kilobytes.
    const bomb = packBytes(new Uint8Array(8 * 1024 * 1024).fill(0x20));
    expect(bomb.length).toBeLessThan(JOIN_LIMITS.maxText);
    expect(readInvite(bomb)).toEqual({ ok: false, code: 'tooLargeUnpacked' });
    expect(readInvite(packBytes(bytesOf('['.repeat(100) + ']'.repeat(100))))).toEqual({ ok: false, code: 'tooDeep' });
    expect(readInvite(packBytes(bytesOf('{"t":"cmp-join",')))).toEqual({ ok: false, code: 'badJson' });
    expect(readInvite(packBytes(new Uint8Array([0xff, 0xfe, 0x22])))).toEqual({ ok: false, code: 'badJson' });
    expect(readInvite(pack({ t: 'something-else', v: 1 }))).toEqual({ ok: false, code: 'wrongKind' });
    const reduced = reducePlan(p, 'ws');
    const fp = workshopFingerprint(p, 'ws');
    expect(readInvite(pack({ t: 'cmp-join', v: 1, f: 5, s: 'ws', fp, plan: { ...reduced, channels: 'lots' } }))).toEqual({ ok: false, code: 'invalidPlan' });
    expect(readInvite(pack({ t: 'cmp-join', v: 1, f: 5, s: 'ws', fp, plan: { ...reduced, name: '' } }))).toEqual({ ok: false, code: 'invalidPlan' });
    // From a later release: a newer link, or a plan in a newer file format — update, not "damaged".
    expect(readInvite(pack({ t: 'cmp-join', v: 1, f: 99, s: 'ws', fp, plan: reduced }))).toEqual({ ok: false, code: 'newerVersion' });
    expect(readInvite(pack({ t: 'cmp-join', v: 2, f: 5, s: 'ws', fp, plan: reduced, more: 'later' }))).toEqual({ ok: false, code: 'newerVersion' });
    expect(readInvite(pack({ t: 'cmp-join', v: '2', f: 5, s: 'ws', fp, plan: reduced }))).toEqual({ ok: false, code: 'wrongKind' });
    expect(readInvite(pack({ t: 'cmp-join', v: 0, f: 5, s: 'ws', fp, plan: reduced }))).toEqual({ ok: false, code: 'wrongKind' });
    expect(readInvite(pack({ t: 'cmp-join', v: 1, f: 5, s: 'nope', fp, plan: reduced }))).toEqual({ ok: false, code: 'noScenario' });
  });

  it('base64url round-trips every length', () => {
    for (let n = 0; n < 40; n++) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      expect(fromBase64Url(toBase64Url(b))).toEqual(b);
    }
    expect(unpack(pack({ a: [1, 'x'] }), JOIN_LIMITS)).toEqual({ ok: true, value: { a: [1, 'x'] } });
  });
});

describe('proposal codes', () => {
  function phoneProposal(name: string, values: [number, number]) {
    const p = workshopPlan();
    const invite = readInvite(invitePayload(p, 'ws'));
    if (!invite.ok) throw new Error(invite.code);
    const sc = withProposal(invite.value.plan.scenarios[0], { values, promos: [] });
    return { p, code: proposalCode(invite.value, name, sc) };
  }

  it('round-trip a participant’s name and sliders, short enough to type or scan', () => {
    const { p, code } = phoneProposal('  Mei Lin ', [20, -35]);
    expect(code.startsWith(PROPOSAL_PREFIX)).toBe(true);
    expect(code.length).toBeLessThan(120);
    // Wrapped by a chat app: still read.
    const wrapped = code.slice(0, 30) + '\n ' + code.slice(30);
    expect(readProposal(wrapped, p, 'ws')).toEqual({ ok: true, value: { name: 'Mei Lin', values: [20, -35], promos: [] } });
  });

  it('pins as "<name>’s proposal" with the engine’s figures for those slider values, once', () => {
    const { p, code } = phoneProposal('Mei', [20, -35]);
    const read = readProposal(code, p, 'ws');
    if (!read.ok) throw new Error(read.code);
    const req = { name: `${read.value.name}'s proposal`, rationale: ' more live ', at: 1, describe: () => 'x' };
    const out = proposalPinOps(p, p.scenarios[0], read.value, req);
    if (out.kind !== 'pinned') throw new Error('expected a pin');
    const next = applyOps(p, out.ops).result;
    expect(next.scenarios.map((s) => s.name)).toEqual(['Room', "Mei's proposal", 'Other']);
    const copy = next.scenarios[1];
    expect(copy.adjustments.map((a) => (a.op.kind === 'scale' ? a.op.percent : null))).toEqual([20, -35]);
    expect(next.scenarios[0].adjustments.map((a) => (a.op.kind === 'scale' ? a.op.percent : null))).toEqual([0, 0]);
    expect(out.decision.kpis).toEqual(planKpis(next, copy.id));
    expect(out.decision.baseline).toEqual(planKpis(next, null));
    expect(out.decision.moves).toHaveLength(2);
    expect(out.decision.rationale).toBe('more live');
    // Read again: already on the board.
    expect(proposalPinOps(next, next.scenarios[0], read.value, req).kind).toBe('repeat');
    // Another participant with the same name and other values: a second, uniquely named column.
    const other = proposalPinOps(next, next.scenarios[0], { ...read.value, values: [10, 10] }, req);
    expect(other.kind === 'pinned' && other.decision.name).toBe("Mei's proposal (2)");
  });

  it('refuses hostile codes with the right code', () => {
    const p = workshopPlan();
    const fp = workshopFingerprint(p, 'ws');
    const code = (o: unknown) => PROPOSAL_PREFIX + pack(o);
    const ok = { t: 'cmp-proposal', v: 1, fp, n: 'Mei', a: [1, 2], p: [] };
    expect(readProposal(code(ok), p, 'ws').ok).toBe(true);
    expect(readProposal('hello', p, 'ws')).toEqual({ ok: false, code: 'wrongKind' });
    expect(readProposal(PROPOSAL_PREFIX + 'A'.repeat(5000), p, 'ws')).toEqual({ ok: false, code: 'tooLarge' });
    expect(readProposal(PROPOSAL_PREFIX + '%%%', p, 'ws')).toEqual({ ok: false, code: 'badEncoding' });
    expect(readProposal(PROPOSAL_PREFIX + seal(toBase64Url(bytesOf('xx'))), p, 'ws')).toEqual({ ok: false, code: 'badCompression' });
    const good = code(ok);
    expect(readProposal(good.slice(0, 12) + (good[12] === 'x' ? 'y' : 'x') + good.slice(13), p, 'ws')).toEqual({ ok: false, code: 'badChecksum' });
    expect(readProposal(good.slice(0, good.lastIndexOf('.')), p, 'ws')).toEqual({ ok: false, code: 'badEncoding' });
    expect(readProposal(PROPOSAL_PREFIX + packBytes(new Uint8Array(1024 * 1024)), p, 'ws')).toEqual({ ok: false, code: 'tooLargeUnpacked' });
    expect(readProposal(PROPOSAL_PREFIX + packBytes(bytesOf('[[[[[[[1]]]]]]]')), p, 'ws')).toEqual({ ok: false, code: 'tooDeep' });
    expect(readProposal(code({ ...ok, t: 'cmp-join' }), p, 'ws')).toEqual({ ok: false, code: 'wrongKind' });
    expect(readProposal(code({ ...ok, v: 2, a: { later: true } }), p, 'ws')).toEqual({ ok: false, code: 'newerVersion' });
    expect(readProposal(code({ ...ok, v: 1.5 }), p, 'ws')).toEqual({ ok: false, code: 'wrongKind' });
    expect(readProposal(code({ ...ok, a: 'lots' }), p, 'ws')).toEqual({ ok: false, code: 'wrongKind' });
    expect(readProposal(code({ ...ok, fp: '0123456789abcdef' }), p, 'ws')).toEqual({ ok: false, code: 'otherWorkshop' });
    expect(readProposal(code(ok), p, 'other')).toEqual({ ok: false, code: 'otherWorkshop' });
    expect(readProposal(code({ ...ok, n: '<img src=x onerror=alert(1)>' }), p, 'ws')).toEqual({ ok: false, code: 'badName' });
    expect(readProposal(code({ ...ok, n: '' }), p, 'ws')).toEqual({ ok: false, code: 'badName' });
    expect(readProposal(code({ ...ok, n: 'x'.repeat(41) }), p, 'ws')).toEqual({ ok: false, code: 'badName' });
    expect(readProposal(code({ ...ok, n: 42 }), p, 'ws')).toEqual({ ok: false, code: 'badName' });
    expect(readProposal(code({ ...ok, a: [51, 0] }), p, 'ws')).toEqual({ ok: false, code: 'outOfRange' });
    expect(readProposal(code({ ...ok, a: [0, -101] }), p, 'ws')).toEqual({ ok: false, code: 'outOfRange' });
    expect(readProposal(code({ ...ok, a: [0] }), p, 'ws')).toEqual({ ok: false, code: 'outOfRange' });
    expect(readProposal(code({ ...ok, a: [0, '5'] }), p, 'ws')).toEqual({ ok: false, code: 'outOfRange' });
    expect(readProposal(code({ ...ok, a: [0, null] }), p, 'ws')).toEqual({ ok: false, code: 'outOfRange' });
  });

  it('takes names as plain text', () => {
    expect(checkName(' 王小明 ')).toEqual({ ok: true, value: '王小明' });
    expect(checkName('a\u0000b').ok).toBe(false);
    expect(checkName('Tom & Jerry').ok).toBe(true);
  });
});
