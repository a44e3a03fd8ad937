/**
 * What a phone needs to join a workshop: the plan cut down to what the KPIs of the workshop's
 * scenario are computed from. Notes, actuals, customer data, the decision log, test designs,
 * optimiser settings and every scenario outside the workshop's chain stay on the facilitator's
 * machine; they would make the link too long for a QR code and are none of the room's business.
 */
import { canonicalJson } from '../canonical';
import type { Plan, Scenario } from '../types';

/** The workshop's scenario and the scenarios it builds on, parents first. */
function chain(plan: Plan, scenarioId: string): Scenario[] {
  const byId = new Map(plan.scenarios.map((s) => [s.id, s]));
  const out: Scenario[] = [];
  const seen = new Set<string>();
  for (let s = byId.get(scenarioId); s && !seen.has(s.id); s = s.parentId ? byId.get(s.parentId) : undefined) {
    seen.add(s.id);
    out.unshift({ ...s, notes: '' });
  }
  return out;
}

export function reducePlan(plan: Plan, scenarioId: string): Plan {
  const reduced: Plan = {
    id: plan.id,
    name: plan.name,
    currency: plan.currency,
    locale: plan.locale,
    timeline: plan.timeline,
    regions: plan.regions,
    channels: plan.channels,
    customMetrics: plan.customMetrics,
    scenarios: chain(plan, scenarioId),
    cannibalisation: plan.cannibalisation,
    uncertainty: [],
    budgetBounds: [],
    evaluation: {},
    notes: '',
    createdAt: 0,
    updatedAt: 0,
  };
  if (plan.promotions) reduced.promotions = plan.promotions;
  if (plan.prices) reduced.prices = plan.prices;
  return reduced;
}

/** The enabled slider adjustments of a scenario, in the order the sliders show them. */
export function sliderAdjustments(s: Scenario): Scenario['adjustments'] {
  return s.adjustments.filter((a) => a.slider && a.enabled);
}

/** The promotion depths and lifts a scenario puts on sliders, in the order the sliders show them. */
export function promoSliders(s: Scenario): { k: number; field: 'depth' | 'lift'; value: number }[] {
  return (s.promotions ?? []).flatMap((c, k) => (['depth', 'lift'] as const).filter((f) => c[f] !== undefined).map((field) => ({ k, field, value: c[field]! })));
}

/** FNV-1a over UTF-16 code units from a given offset basis: fast, synchronous, stable everywhere. */
function fnv(text: string, basis: number): string {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * Which workshop a proposal belongs to: a hash of the reduced plan with the slider positions left
 * out, so the facilitator moving a slider after inviting does not orphan the phones' proposals,
 * while another plan, another scenario or a changed model is told apart. Not a security measure:
 * it keeps a proposal from one workshop off another's board.
 */
export function workshopFingerprint(plan: Plan, scenarioId: string): string {
  const reduced = reducePlan(plan, scenarioId);
  const still = reduced.scenarios.map((s) => ({
    ...s,
    adjustments: s.adjustments.map((a) => (a.slider && a.enabled ? { ...a, op: { kind: a.op.kind } } : a)),
    promotions: s.promotions?.map((c) => ({ ...c, depth: c.depth === undefined ? undefined : 0, lift: c.lift === undefined ? undefined : 0 })),
  }));
  const text = canonicalJson({ ...reduced, scenarios: still, workshop: scenarioId });
  return fnv(text, 0x811c9dc5) + fnv(text, 0x01234567);
}
