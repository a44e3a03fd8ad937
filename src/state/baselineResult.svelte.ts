import type { PlanResult } from '../engine/compute';
import type { Plan } from '../engine/types';
import type { PlanSession } from './planSession.svelte';

/**
 * What the baseline depends on. Edits keep untouched branches of the plan (patch.ts), so while a
 * scenario's slider is dragged these references stay the same and the baseline is not recomputed.
 */
function baselineInputs(plan: Plan): readonly unknown[] {
  return [plan.id, plan.currency, plan.timeline, plan.regions, plan.channels, plan.customMetrics, plan.cannibalisation];
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * The baseline's result next to a shown scenario, for "Δ against the baseline". Null while the
 * baseline itself is shown (nothing to compare) and until the first answer; an answer overtaken by a
 * newer request is dropped. Create it while a component initialises (it sets up an effect).
 */
export class BaselineResult {
  result = $state.raw<PlanResult | null>(null);
  #inputs: readonly unknown[] = [];
  #generation = 0;

  constructor(session: () => PlanSession) {
    $effect(() => {
      const s = session();
      const inputs = baselineInputs(s.plan);
      if (s.scenarioId === null) {
        this.#generation++;
        this.#inputs = [];
        this.result = null;
        return;
      }
      if (sameInputs(inputs, this.#inputs)) return;
      this.#inputs = inputs;
      const gen = ++this.#generation;
      s.computeMany([null]).then(
        ([out]) => {
          if (gen === this.#generation) this.result = out.result;
        },
        () => {
          // The tiles then show no Δ; the plan's own compute reports what is wrong with it.
          if (gen === this.#generation) this.result = null;
        },
      );
    });
  }
}
