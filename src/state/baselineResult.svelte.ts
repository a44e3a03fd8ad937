import type { PlanResult } from '../engine/compute';
import type { Plan } from '../engine/types';
import { LatestRunner, STALE } from '../workers/latest';
import type { PlanSession } from './planSession.svelte';

interface Answer {
  result: PlanResult;
  inputs: readonly unknown[];
}

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
 * newer request is dropped (LatestRunner). Create it while a component initialises (it sets up an
 * effect).
 */
export class BaselineResult {
  /** The latest answer and the inputs it was computed from. */
  #answer = $state.raw<Answer | null>(null);
  #inputs: readonly unknown[] = [];
  // A newer request waits for the running one rather than aborting it: aborting a compute restarts
  // its worker, and the baseline changes only on edits outside the scenario.
  #runner = new LatestRunner<PlanSession, Answer>(async (s, signal) => {
    // The inputs are read when the request runs, so they are those of the plan it computes.
    const inputs = baselineInputs(s.plan);
    const [out] = await s.computeMany([null], signal);
    return { result: out.result, inputs };
  });

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
        this.#runner.cancel();
        this.#inputs = [];
        this.#answer = null;
        return;
      }
      if (sameInputs(inputs, this.#inputs)) return;
      this.#inputs = inputs;
      this.#runner.submit(s).then(
        (answer) => {
          if (answer !== STALE) this.#answer = answer;
        },
        () => {
          // The tiles then show no Δ; the plan's own compute reports what is wrong with it.
          this.#answer = null;
        },
      );
    });
  }
}
