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
  /** The latest answer and the inputs it was computed from. */
  #answer = $state.raw<{ result: PlanResult; inputs: readonly unknown[] } | null>(null);
  #inputs: readonly unknown[] = [];
  #generation = 0;

  /**
   * The baseline of exactly this plan, or null (still computing, or nothing to compare): a Δ of a
   * new scenario result against the baseline before an edit would be a wrong number for a moment.
   */
  resultFor(plan: Plan): PlanResult | null {
    const a = this.#answer;
    return a && sameInputs(a.inputs, baselineInputs(plan)) ? a.result : null;
  }

  constructor(session: () => PlanSession) {
    $effect(() => {
      const s = session();
      const inputs = baselineInputs(s.plan);
      if (s.scenarioId === null) {
        this.#generation++;
        this.#inputs = [];
        this.#answer = null;
        return;
      }
      if (sameInputs(inputs, this.#inputs)) return;
      this.#inputs = inputs;
      const gen = ++this.#generation;
      s.computeMany([null]).then(
        ([out]) => {
          if (gen === this.#generation) this.#answer = { result: out.result, inputs };
        },
        () => {
          // The tiles then show no Δ; the plan's own compute reports what is wrong with it.
          if (gen === this.#generation) this.#answer = null;
        },
      );
    });
  }
}
