import nlopt from 'nlopt-js';
import { scenarioSeries } from '../../../src/engine/compute';
import { buildModels, channelMarginal, channelValue, type ResponseModel } from '../../../src/engine/optimiser/model';
import type { OptimiserPolicies, Plan, PolicyGroup } from '../../../src/engine/types';

/**
 * An independent answer to the optimiser-with-rules question, for the property tests: NLopt's SLSQP
 * (sequential quadratic programming, NLopt compiled to WebAssembly) on the same response functions,
 * with every rule written out here from its definition (docs/model.md#optimiser-policies) rather than
 * taken from the engine's rule compiler.
 */
export interface PeerSpec {
  budget: number | null;
  /** 'equal' spends the budget exactly; 'cap' at most. */
  budgetKind: 'equal' | 'cap';
  policies: OptimiserPolicies;
  /** Per-channel upper limits (for each-channel rules, found by the test on its own). */
  hi?: number[];
}

export function share(plan: Plan, g: PolicyGroup, c: number): number {
  const ch = plan.channels[c];
  switch (g.kind) {
    case 'all': return 1;
    case 'type': return ch.type === g.type ? 1 : 0;
    case 'role': return ch.role === g.role ? 1 : 0;
    case 'channels': return g.ids.includes(ch.id) ? 1 : 0;
    case 'region': {
      if (!ch.regions.includes(g.regionId)) return 0;
      const w = (r: string): number => ch.regionWeights?.[r] ?? 1;
      return w(g.regionId) / ch.regions.reduce((s, r) => s + w(r), 0);
    }
  }
}

export function peerModels(plan: Plan): { contribution: ResponseModel[]; newOrders: ResponseModel[]; fixed: number[] } {
  const { series } = scenarioSeries(plan, null);
  const P = plan.timeline.periods;
  const fixed = plan.channels.map((_, c) => {
    let s = 0;
    for (let t = 0; t < P; t++) s += series.fixedCost[c * P + t];
    return s;
  });
  return { contribution: buildModels(plan, series, 'contribution'), newOrders: buildModels(plan, series, 'newOrders'), fixed };
}

export function peerSolve(plan: Plan, spec: PeerSpec, start: number[]): { objective: number; x: number[]; ok: boolean } {
  const { contribution: models, newOrders, fixed } = peerModels(plan);
  const n = models.length;
  const B = spec.budget ?? models.reduce((s, m) => s + m.today, 0);
  const scale = B / n;
  const fScale = Math.abs(models.reduce((s, m) => s + channelValue(m, m.today), 0)) || 1;
  const opt = new nlopt.Optimize(nlopt.Algorithm.LD_SLSQP, n);
  opt.setLowerBounds(models.map(() => 0));
  opt.setUpperBounds(models.map((_, c) => (spec.hi?.[c] ?? 10 * B) / scale));
  opt.setMinObjective((x, grad) => {
    let v = 0;
    for (let c = 0; c < n; c++) {
      v += channelValue(models[c], scale * x[c]);
      if (grad) grad[c] = (-scale * channelMarginal(models[c], scale * x[c])) / fScale;
    }
    return -v / fScale;
  }, 1e-12);
  const total = (x: Float64Array, grad: Float64Array | null, sign: number, k: number): number => {
    let s = 0;
    for (let c = 0; c < n; c++) {
      s += x[c];
      if (grad) grad[c] = sign / n;
    }
    return (sign * (s - k)) / n;
  };
  if (spec.budget !== null) {
    if (spec.budgetKind === 'equal') opt.addEqualityConstraint((x, g) => total(x, g, 1, B / scale), 1e-12);
    else opt.addInequalityConstraint((x, g) => total(x, g, 1, B / scale), 1e-12);
  }
  for (const rule of spec.policies.groups) {
    if (!rule.enabled) continue;
    const w = models.map((_, c) => share(plan, rule.group, c));
    // g(x) ≤ 0 form; shares are of the total actually spent.
    const side = (limit: number, sign: number) => (x: Float64Array, grad: Float64Array | null): number => {
      let v = 0;
      for (let c = 0; c < n; c++) {
        const a = rule.measure === 'share' ? w[c] - limit : w[c];
        v += a * x[c];
        if (grad) grad[c] = (sign * a) / n;
      }
      const rhs = rule.measure === 'share' ? 0 : limit / scale;
      return (sign * (v - rhs)) / n;
    };
    if (rule.min !== undefined) opt.addInequalityConstraint(side(rule.min, -1), 1e-12);
    if (rule.max !== undefined) opt.addInequalityConstraint(side(rule.max, 1), 1e-12);
  }
  for (const rule of spec.policies.efficiency) {
    if (!rule.enabled || rule.scope !== 'overall') continue;
    if (rule.metric === 'roi') {
      const F = fixed.reduce((a, b) => a + b, 0);
      // r·(Σ S + F) − Σ contribution ≤ 0
      opt.addInequalityConstraint((x, grad) => {
        let v = rule.limit * F;
        for (let c = 0; c < n; c++) {
          const S = scale * x[c];
          v += rule.limit * S - channelValue(models[c], S);
          if (grad) grad[c] = (scale * (rule.limit - channelMarginal(models[c], S))) / fScale;
        }
        return v / fScale;
      }, 1e-12);
    } else if (rule.metric === 'cac') {
      // Σ S − z·Σ new orders ≤ 0
      opt.addInequalityConstraint((x, grad) => {
        let v = 0;
        for (let c = 0; c < n; c++) {
          const S = scale * x[c];
          v += S - rule.limit * channelValue(newOrders[c], S);
          if (grad) grad[c] = (scale * (1 - rule.limit * (channelMarginal(newOrders[c], S)))) / fScale;
        }
        return v / fScale;
      }, 1e-12);
    }
  }
  opt.setMaxeval(20000);
  let res: { success: boolean; x: number[] };
  try {
    res = opt.optimize(start.map((v) => v / scale));
  } catch {
    // NLopt throws (not an Error) when it gives up, e.g. on rules no allocation meets.
    res = { success: false, x: [] };
  }
  nlopt.GC.flush();
  const x = (res.success ? res.x : start.map((v) => v / scale)).map((v) => v * scale);
  return { objective: x.reduce((s, v, c) => s + channelValue(models[c], v), 0), x, ok: res.success };
}
