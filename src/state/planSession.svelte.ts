import { addressByKey, applyOps, type Op } from '../engine/patch';
import type { EditStep } from '../engine/editHistory';
import { sameData } from '../engine/planDiff';
import type { GoalSeekResult, GoalSeekSpec } from '../engine/goalSeek';
import type { FitResult } from '../engine/calibration';
import type { PromotionEffect } from '../engine/levers/promotionEffects';
import type { Frontier, FrontierOptions, OptimiseObjective, OptimiseResult, OptimiseSpec, PolicyResult, PolicySpec } from '../engine/optimiser';
import type { ResponseCurveSeries } from '../engine/responseCurves';
import type { PotGame } from '../engine/workshop/potGame';
import type { ProposalFrontier } from '../engine/workshop/proposalFrontier';
import type { MonteCarloModel, TornadoResult } from '../engine/uncertainty';
import type { Reforecast } from '../engine/variance/reforecast';
import type { CurvePoint, Plan, UncertainDriver } from '../engine/types';
import type { PlanStore } from '../persistence/planStore';
import type { ComputeOutput } from '../workers/engineApi';
import type { EngineClient } from '../workers/engineClient';
import { STALE } from '../workers/latest';
import { CrossTabSync } from './crossTabSync';
import { EditHistory } from './editHistory.svelte';
import { PlanSaver, type SaveError, type SaveStatus } from './planSaver.svelte';

export { classifySaveError, SAVE_DEBOUNCE_MS, type SaveError, type SaveStatus } from './planSaver.svelte';

/** A store that keeps nothing: the workshop projector's read-only mirror. */
const NO_STORE: PlanStore = {
  durable: true,
  save: async (plan) => ({ rev: 0, plan, rebased: false, previous: plan, dropped: [] }),
  reopen: async () => undefined,
};

/**
 * The open plan: every edit goes through `edit()`, which names list items by key, applies it,
 * records how to undo it, recomputes through the engine worker and schedules a save. Undo history
 * (EditHistory), saving (PlanSaver) and keeping in step with other tabs (CrossTabSync) each live in
 * their own class; this one ties them to the plan and its results.
 */
export class PlanSession {
  plan = $state.raw<Plan>() as Plan;
  /** The latest result and the plan it was computed from: views that show results use this pair, so
   *  a chart never mixes a new plan with an old result while the worker is busy. */
  computed = $state.raw<{ plan: Plan; scenarioId: string | null; out: ComputeOutput } | null>(null);
  /** The scenario whose results the KPI tiles, grids and charts show; null = the baseline. */
  scenarioId = $state<string | null>(null);
  computeError = $state<string | null>(null);

  readonly history: EditHistory;
  readonly saver: PlanSaver;
  readonly #sync: CrossTabSync;
  #engine: EngineClient;

  /** Says that another tab changed a value this tab changed too (label of the edit, and who won). */
  onConflict: ((label: string, kept: 'mine' | 'theirs') => void) | null = null;
  /** Says that an edit (or an undo) named an item that another tab deleted, so it was not applied. */
  onDropped: ((label: string) => void) | null = null;

  constructor(plan: Plan, undo: EditStep[], redo: EditStep[], store: PlanStore | null, engine: EngineClient, scenarioId: string | null = null, rev = 0) {
    this.plan = plan;
    this.scenarioId = scenarioId;
    this.history = new EditHistory(undo, redo);
    this.#engine = engine;
    this.#sync = new CrossTabSync(plan, rev, {
      conflict: (label, kept) => this.onConflict?.(label, kept),
      dropped: (label) => this.onDropped?.(label),
    });
    this.saver = new PlanSaver(store ?? NO_STORE, {
      state: () => ({ plan: this.plan, undo: this.history.undoStack, redo: this.history.redoStack }),
      outgoing: () => {
        const { count, ops } = this.#sync.outgoing();
        return { count, sync: { baseRev: this.#sync.baseRev, pending: ops } };
      },
      landed: (count, res) => {
        const shown = this.#sync.saved(count, res);
        // Another tab's edits came in under ours: show the merged plan (with any edits made since).
        if (shown) this.#show(shown);
      },
    });
    void this.recompute();
  }

  get undoStack(): EditStep[] {
    return this.history.undoStack;
  }
  get redoStack(): EditStep[] {
    return this.history.redoStack;
  }
  get canUndo(): boolean {
    return this.history.canUndo;
  }
  get canRedo(): boolean {
    return this.history.canRedo;
  }
  get saveStatus(): SaveStatus {
    return this.saver.status;
  }
  set saveStatus(s: SaveStatus) {
    this.saver.status = s;
  }
  get saveError(): SaveError | null {
    return this.saver.error;
  }

  /**
   * Applies one user action (one undo step). Ops may name list items by position, as views see them.
   * An action that changes nothing — a field committed with the value it already holds — is no step:
   * undoing it would do nothing visible.
   */
  edit(label: string, ops: Op[]): EditStep | null {
    if (ops.length === 0) return null;
    const keyed = addressByKey(this.plan, ops);
    if (keyed.length === 0) return null;
    const { result, inverse } = applyOps(this.plan, keyed);
    if (sameData(result, this.plan)) return null;
    const step: EditStep = { label, ops: keyed, inverse };
    this.history.record(step);
    this.#sync.note(label, keyed);
    this.#commit(result);
    return step;
  }

  /**
   * Undo offered next to a message ("Removed X — Undo"): only while that edit is still the latest,
   * so it never undoes a later, unrelated edit. Returns whether it undid.
   */
  undoIfLatest(step: EditStep | null): boolean {
    if (!this.history.isLatest(step)) return false;
    this.undo();
    return true;
  }

  undo(): void {
    const step = this.history.takeUndo();
    if (step) this.#replay(step.label, step.inverse);
  }

  redo(): void {
    const step = this.history.takeRedo();
    if (step) this.#replay(step.label, step.ops);
  }

  /** Undo and redo replay a step on the plan as it is now, which other tabs may have changed. */
  #replay(label: string, ops: readonly Op[]): void {
    const { result, dropped } = applyOps(this.plan, ops);
    if (dropped.length > 0) this.onDropped?.(label);
    const applied = dropped.length === 0 ? ops : ops.filter((op) => !dropped.some((d) => d.op === op));
    this.#sync.note(label, applied);
    this.#commit(result);
  }

  #commit(plan: Plan): void {
    this.#show({ ...plan, updatedAt: Date.now() });
    this.saver.changed();
  }

  #show(plan: Plan): void {
    this.plan = plan;
    if (this.scenarioId && !plan.scenarios.some((sc) => sc.id === this.scenarioId)) this.scenarioId = null;
    void this.recompute();
  }

  // Engine calls on the current plan. Each takes an AbortSignal: a view that starts a newer request
  // (or goes away) aborts the older one, which stops the worker's work.

  /** Goal seek on the current plan, in the engine worker. */
  goalSeek(spec: GoalSeekSpec, signal?: AbortSignal): Promise<GoalSeekResult> {
    return this.#engine.run('goalSeek', [this.plan, spec], signal);
  }

  /** Results of several scenarios of the current plan (null = baseline), for comparing them. */
  computeMany(ids: (string | null)[], signal?: AbortSignal): Promise<ComputeOutput[]> {
    return this.#engine.run('computeMany', [this.plan, ids], signal);
  }

  /** Fits a Hill curve to observed points, in the engine worker. */
  fitCurve(points: CurvePoint[], signal?: AbortSignal): Promise<FitResult> {
    return this.#engine.run('fitCurve', [points], signal);
  }

  optimise(spec: OptimiseSpec, signal?: AbortSignal): Promise<OptimiseResult> {
    return this.#engine.run('optimise', [this.plan, spec], signal);
  }

  optimisePolicies(spec: PolicySpec, signal?: AbortSignal): Promise<PolicyResult> {
    return this.#engine.run('optimisePolicies', [this.plan, spec], signal);
  }

  frontier(opts: FrontierOptions, signal?: AbortSignal): Promise<Frontier> {
    return this.#engine.run('frontier', [this.plan, opts], signal);
  }

  /** Scenarios as points against the frontier of `curveScenarioId` (the workshop's proposals board). */
  proposalFrontier(curveScenarioId: string | null, scenarioIds: (string | null)[], signal?: AbortSignal): Promise<ProposalFrontier> {
    return this.#engine.run('proposalFrontier', [this.plan, curveScenarioId, scenarioIds, this.plan.budgetBounds], signal);
  }

  /** The workshop's fixed-pot game on the scenario shown. */
  potGame(signal?: AbortSignal): Promise<PotGame> {
    return this.#engine.run('potGame', [this.plan, this.scenarioId, this.plan.budgetBounds], signal);
  }

  responseCurves(objective: OptimiseObjective, upTo?: Record<string, number>, signal?: AbortSignal): Promise<ResponseCurveSeries[]> {
    return this.#engine.run('responseCurves', [this.plan, this.scenarioId, objective, upTo], signal);
  }

  prepareMonteCarlo(uncertainty: UncertainDriver[], signal?: AbortSignal): Promise<{ model: MonteCarloModel; months: string[] }> {
    return this.#engine.run('prepareMonteCarlo', [this.plan, { scenarioId: this.scenarioId, uncertainty }], signal);
  }

  tornado(uncertainty: UncertainDriver[], signal?: AbortSignal): Promise<TornadoResult> {
    return this.#engine.run('tornado', [this.plan, { scenarioId: this.scenarioId, uncertainty }], signal);
  }

  /** What each promotion adds to the plan in the scenario shown, in the engine worker. */
  promotionEffects(signal?: AbortSignal): Promise<PromotionEffect[]> {
    return this.#engine.run('promotionEffects', [this.plan, this.scenarioId], signal);
  }

  /** Net revenue of each channel re-forecast from its actuals up to `through`, in the engine worker. */
  reforecast(through: string, signal?: AbortSignal): Promise<Reforecast> {
    return this.#engine.run('reforecast', [this.plan, through], signal);
  }

  /** A read-only copy of another window's plan (the workshop projector): never saved. */
  static mirror(plan: Plan, scenarioId: string | null, engine: EngineClient): PlanSession {
    return new PlanSession(plan, [], [], NO_STORE, engine, scenarioId);
  }

  mirrorUpdate(plan: Plan, scenarioId: string | null): void {
    this.plan = plan;
    this.scenarioId = scenarioId;
    void this.recompute();
  }

  /** Shows another scenario's results (not an edit: nothing is saved or undone). */
  viewScenario(id: string | null): void {
    this.scenarioId = id;
    void this.recompute();
  }

  /** The plan before a slider drag began: the whole drag becomes one undo step. */
  #gestureStart: Plan | null = null;

  /**
   * Live edits while a slider is dragged: applied and recomputed at once (the worker keeps only the
   * newest request), but recorded for undo once, by `endGesture`.
   */
  gesture(ops: Op[]): void {
    if (ops.length === 0) return;
    this.#gestureStart ??= this.plan;
    this.plan = applyOps(this.plan, addressByKey(this.plan, ops)).result;
    void this.recompute();
  }

  endGesture(label: string, ops: Op[]): void {
    const start = this.#gestureStart;
    this.#gestureStart = null;
    if (start) this.plan = start;
    this.edit(label, ops);
  }

  async recompute(): Promise<void> {
    try {
      const plan = this.plan;
      const scenarioId = this.scenarioId;
      const out = await this.#engine.compute(plan, scenarioId);
      if (out === STALE) return;
      this.computed = { plan, scenarioId, out };
      this.computeError = null;
    } catch (e) {
      this.computeError = e instanceof Error ? e.message : String(e);
    }
  }

  /** Writes now; resolves once what was edited before the call is committed. */
  flush(): Promise<void> {
    return this.saver.flush();
  }

  /**
   * Another tab saved this plan (seen through a live query of the stored record). This tab's unsaved
   * edits are replayed on top, so nothing is lost; they will be saved after the other tab's, and so
   * win where both changed the same value (a notice says so in both tabs). Edits to items the other
   * tab deleted are dropped with a notice.
   */
  remoteUpdate(rev: number, stored: Plan): void {
    if (this.saver.stopped) return;
    // Looked at again once this tab's own save is in (it may already include the change).
    this.saver.whenIdle(() => {
      const shown = this.#sync.remote(rev, stored);
      if (shown) this.#show(shown);
    });
  }

  /** Another tab opened a newer version of the database: this tab must not write to it again. */
  stopWriting(): void {
    this.saver.stop();
  }

  /** Marks the current plan as not yet in IndexedDB (after recovering it from the journal). */
  markDirty(): void {
    this.saver.markDirty();
  }

  get dirty(): boolean {
    return this.saver.dirty;
  }

  /** Called when the page is hidden or unloaded (see PlanSaver.flushOnHide). */
  flushOnHide(): void {
    this.saver.flushOnHide();
  }
}
