import * as Comlink from 'comlink';
import { engineApi, resultBuffers, type EngineApi } from './engineApi';

// The api as declared, except that results are handed over (transferred) instead of copied.
const exposed: EngineApi = {
  ...engineApi,
  compute(plan, scenarioId = null) {
    const out = engineApi.compute(plan, scenarioId);
    return Comlink.transfer(out, resultBuffers(out.result));
  },
  computeKept(update, scenarioId = null) {
    const out = engineApi.computeKept(update, scenarioId);
    const sums = (out.rollups ?? []).flatMap((r) => [...Object.values(r.flows), r.marginalRoiSpend].map((a) => a.buffer as ArrayBuffer));
    return Comlink.transfer(out, [...resultBuffers(out.result), ...sums]);
  },
  computeMany(plan, scenarioIds) {
    const outs = engineApi.computeMany(plan, scenarioIds);
    return Comlink.transfer(outs, outs.flatMap((o) => resultBuffers(o.result)));
  },
};

Comlink.expose(exposed);
