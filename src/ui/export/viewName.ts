import type { Plan } from '../../engine/types';

/**
 * Names for what a view saves (a table's file, a chart's image and its title). While a scenario is
 * on screen, the results a view shows are the scenario's: the name says so, so that a file passed on
 * to finance or a chart put on a slide cannot be taken for the baseline's.
 */

function scenarioName(plan: Plan, scenarioId: string | null): string | null {
  return scenarioId === null ? null : ((plan.scenarios ?? []).find((s) => s.id === scenarioId)?.name ?? null);
}

/** "Plan - Channels", or "Plan - Scenario - Channels" for a scenario's results. */
export function viewFileBase(plan: Plan, scenarioId: string | null, ...what: string[]): string {
  const scenario = scenarioName(plan, scenarioId);
  return [plan.name, ...(scenario === null ? [] : [scenario]), ...what].join(' - ');
}

/** A chart's title, followed by the scenario it shows: "Channel mix by period · Live push". */
export function viewTitle(plan: Plan, scenarioId: string | null, title: string): string {
  const scenario = scenarioName(plan, scenarioId);
  return scenario === null ? title : `${title} · ${scenario}`;
}
