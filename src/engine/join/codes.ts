/**
 * The two things that travel between the facilitator and the phones, without a server:
 *
 *   invite   `#join=<packed>`: the reduced plan, the workshop's scenario (with the sliders where the
 *            facilitator had them) and the workshop's fingerprint
 *   proposal `CMP1.<packed>`: a participant's name, the slider values and the fingerprint echoed
 *
 * `<packed>` is JSON, deflate-raw, base64url (pack.ts). Everything read is validated like a plan
 * file, and a refusal is a code the UI words; reading never changes anything.
 */
import { CURRENT_FORMAT_VERSION, parsePlanFile, PLAN_FILE_TYPE } from '../planFile';
import type { Plan, Scenario } from '../types';
import { pack, unpack, type UnpackLimits, type UnpackProblem } from './pack';
import { promoSliders, reducePlan, sliderAdjustments, workshopFingerprint } from './reduce';

export type JoinProblemCode = UnpackProblem | 'wrongKind' | 'newerVersion' | 'invalidPlan' | 'noScenario' | 'outOfRange' | 'badName' | 'otherWorkshop';

export type Read<T> = { ok: true; value: T } | { ok: false; code: JoinProblemCode };

/**
 * The longest link a QR code is made for: 2,900 bytes. A version-40 code at level L holds 2,953
 * bytes in byte mode; the margin is for the app's address, which the link starts with. Phones'
 * cameras read such a dense code from a projector or a laptop screen at arm's length; a longer
 * link is offered for copying instead.
 */
export const QR_LINK_MAX_BYTES = 2900;

/** Invites: 64 KB of text (a link too long for a QR code can still be copied), 2 MB inflated. */
export const JOIN_LIMITS: UnpackLimits = { maxText: 65_536, maxUnpacked: 2 * 1024 * 1024, maxDepth: 64 };
/** Proposals are a name and a few numbers: 4,000 characters of code, 32 KB inflated, shallow. */
export const PROPOSAL_LIMITS: UnpackLimits = { maxText: 4_000, maxUnpacked: 32 * 1024, maxDepth: 4 };
export const NAME_MAX = 40;
export const PROPOSAL_PREFIX = 'CMP1.';
const JOIN_TYPE = 'cmp-join';
const PROPOSAL_TYPE = 'cmp-proposal';

export interface Invite {
  plan: Plan;
  scenarioId: string;
  fingerprint: string;
}

export interface Proposal {
  name: string;
  /** Values of the scenario's enabled slider adjustments, in slider order. */
  values: number[];
  /** Values of its promotion depth and lift sliders, in slider order. */
  promos: number[];
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The fragment part after `#join=` for the workshop's plan and scenario. */
export function invitePayload(plan: Plan, scenarioId: string): string {
  return pack({ t: JOIN_TYPE, v: 1, f: CURRENT_FORMAT_VERSION, s: scenarioId, fp: workshopFingerprint(plan, scenarioId), plan: reducePlan(plan, scenarioId) });
}

/** Slider values a scenario may take: each within its slider's range (promotions as the sliders allow). */
function valuesInRange(s: Scenario, values: readonly unknown[], promos: readonly unknown[]): boolean {
  const adj = sliderAdjustments(s);
  const pro = promoSliders(s);
  if (values.length !== adj.length || promos.length !== pro.length) return false;
  const fits = (v: unknown, min: number, max: number): boolean => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
  const PROMO_MAX = { depth: 0.8, lift: 5 };
  return (
    adj.every((a, i) => fits(values[i], a.slider!.min, a.slider!.max)) &&
    pro.every((p, i) => fits(promos[i], 0, p.field === 'depth' ? Math.max(PROMO_MAX.depth, Math.min(p.value, 0.99)) : Math.max(PROMO_MAX.lift, p.value)))
  );
}

/**
 * One of our codes from a later release (its version above the one this app writes): told apart from
 * a code that is not ours, so the message can say to update the app rather than that it is wrong.
 */
function isNewer(x: unknown, type: string): boolean {
  return isRecord(x) && x.t === type && typeof x.v === 'number' && Number.isSafeInteger(x.v) && x.v > 1;
}

export function readInvite(text: string): Read<Invite> {
  const raw = unpack(text, JOIN_LIMITS);
  if (!raw.ok) return raw;
  const j = raw.value;
  if (isNewer(j, JOIN_TYPE) || (isRecord(j) && j.t === JOIN_TYPE && typeof j.f === 'number' && j.f > CURRENT_FORMAT_VERSION)) return { ok: false, code: 'newerVersion' };
  if (!isRecord(j) || j.t !== JOIN_TYPE || j.v !== 1 || typeof j.s !== 'string' || typeof j.fp !== 'string' || !/^[0-9a-f]{16}$/.test(j.fp)) return { ok: false, code: 'wrongKind' };
  // The plan goes through the plan-file reader: structure, values and references, as an import would.
  const envelope = JSON.stringify({ type: PLAN_FILE_TYPE, formatVersion: j.f, app: { name: 'invite', version: '1' }, plan: j.plan });
  const parsed = parsePlanFile(envelope, { limits: { maxChars: JOIN_LIMITS.maxUnpacked + 1024 } });
  if (!parsed.ok) return { ok: false, code: 'invalidPlan' };
  const sc = parsed.plan.scenarios.find((s) => s.id === j.s);
  if (!sc) return { ok: false, code: 'noScenario' };
  // Slider positions are not held to their ranges here: the facilitator may have typed a value past
  // a slider's end, and the phone's slider shows it at the end. What comes back is held to them.
  return { ok: true, value: { plan: parsed.plan, scenarioId: j.s, fingerprint: j.fp } };
}

/** A participant's name as it will stand on the board: plain text, one line, short. */
export function checkName(name: unknown): Read<string> {
  if (typeof name !== 'string') return { ok: false, code: 'badName' };
  const n = name.trim();
  // Markup characters and control characters have no place in a person's name on a shared board.
  // eslint-disable-next-line no-control-regex
  if (n.length === 0 || n.length > NAME_MAX || /[<>\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(n)) return { ok: false, code: 'badName' };
  return { ok: true, value: n };
}

export function proposalCode(invite: Pick<Invite, 'fingerprint'>, name: string, scenario: Scenario): string {
  const values = sliderAdjustments(scenario).map((a) => (a.op.kind === 'scale' ? a.op.percent : a.op.kind === 'move' ? a.op.amount : a.op.value));
  const promos = promoSliders(scenario).map((p) => p.value);
  return PROPOSAL_PREFIX + pack({ t: PROPOSAL_TYPE, v: 1, fp: invite.fingerprint, n: name.trim(), a: values, p: promos });
}

/**
 * A proposal code read against the facilitator's plan and workshop scenario. White space is ignored
 * (a code copied from a chat may be wrapped); the code must carry this workshop's fingerprint.
 */
export function readProposal(text: string, plan: Plan, scenarioId: string): Read<Proposal> {
  if (text.length > PROPOSAL_LIMITS.maxText * 2) return { ok: false, code: 'tooLarge' };
  const compact = text.replace(/\s+/g, '');
  if (!compact.startsWith(PROPOSAL_PREFIX)) return { ok: false, code: compact.length > PROPOSAL_LIMITS.maxText ? 'tooLarge' : 'wrongKind' };
  const raw = unpack(compact.slice(PROPOSAL_PREFIX.length), PROPOSAL_LIMITS);
  if (!raw.ok) return raw;
  const p = raw.value;
  if (isNewer(p, PROPOSAL_TYPE)) return { ok: false, code: 'newerVersion' };
  if (!isRecord(p) || p.t !== PROPOSAL_TYPE || p.v !== 1 || typeof p.fp !== 'string' || !Array.isArray(p.a) || !Array.isArray(p.p)) return { ok: false, code: 'wrongKind' };
  const sc = plan.scenarios.find((s) => s.id === scenarioId);
  if (!sc) return { ok: false, code: 'noScenario' };
  if (p.fp !== workshopFingerprint(plan, scenarioId)) return { ok: false, code: 'otherWorkshop' };
  const name = checkName(p.n);
  if (!name.ok) return name;
  if (!valuesInRange(sc, p.a, p.p)) return { ok: false, code: 'outOfRange' };
  return { ok: true, value: { name: name.value, values: p.a as number[], promos: p.p as number[] } };
}

/** The scenario with a proposal's slider values put in (same ids: a state to compute or to pin). */
export function withProposal(s: Scenario, proposal: Pick<Proposal, 'values' | 'promos'>): Scenario {
  const sliders = sliderAdjustments(s);
  const adjustments = s.adjustments.map((a) => {
    const i = sliders.indexOf(a);
    if (i < 0) return a;
    const v = proposal.values[i];
    const op = a.op.kind === 'scale' ? { ...a.op, percent: v } : a.op.kind === 'move' ? { ...a.op, amount: v } : { ...a.op, value: v };
    return { ...a, op };
  });
  const pro = promoSliders(s);
  const promotions = s.promotions?.map((c, k) => {
    const next = { ...c };
    pro.forEach((p, i) => {
      if (p.k === k) next[p.field] = proposal.promos[i];
    });
    return next;
  });
  return { ...s, adjustments, ...(promotions ? { promotions } : {}) };
}
