/**
 * Saved test designs: the design on screen as a plan record, the record back on screen, and the plan
 * ops that add, replace or remove one (one function per kind of edit).
 */
import type { Op } from '../../engine/patch';
import type { Plan, SavedExperiment } from '../../engine/types';
import type { TestDesignFigures } from './designModel';
import { testDesign, testResult } from './designState.svelte';

export function savedFromScreen(id: string, name: string, figures: TestDesignFigures, channelId: string, regionId: string, month: string, scenarioId: string | null, now: number): SavedExperiment {
  const d = testDesign;
  return {
    id,
    name,
    savedAt: now,
    change: { channelId, driver: d.driver, percent: d.change * 100, regionId, month, scenarioId },
    settings: { share: d.share, alpha: d.alpha, power: d.power, method: d.method, days: d.days, cv: d.cv, looks: d.looks },
    figures: { relativeEffect: figures.relativeEffect, unitsPerArm: figures.unitsPerArm, daysNeeded: figures.daysNeeded, mdeRelative: figures.mdeRelative, extraSpend: figures.extraSpend },
    result: { ...testResult },
  };
}

/** Puts a saved design back into the designer (its change, settings and results). */
export function openOnScreen(e: SavedExperiment): void {
  Object.assign(testDesign, {
    channelId: e.change.channelId,
    driver: e.change.driver,
    change: e.change.percent / 100,
    regionId: e.change.regionId,
    month: e.change.month,
    scenarioId: e.change.scenarioId,
    ...e.settings,
  });
  Object.assign(testResult, e.result);
}

/** Adds the design, or replaces the saved one with the same id. */
export function saveExperimentOps(plan: Plan, e: SavedExperiment): Op[] {
  const list = plan.experiments;
  if (!list) return [{ path: ['experiments'], value: [e] }];
  const i = list.findIndex((x) => x.id === e.id);
  return [{ path: ['experiments', i >= 0 ? i : list.length], value: e }];
}

export function removeExperimentOps(plan: Plan, id: string): Op[] {
  const i = plan.experiments?.findIndex((x) => x.id === id) ?? -1;
  return i < 0 ? [] : [{ path: ['experiments', i], value: undefined }];
}
