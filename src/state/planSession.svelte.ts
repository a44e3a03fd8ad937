import { applyOps, getAt, type Op } from '../engine/patch';
import { sameData } from '../engine/planDiff';
import type { GoalSeekResult, GoalSeekSpec } from '../engine/goalSeek';
import type { FitResult } from '../engine/calibration';
import type { Frontier, FrontierOptions, OptimiseObjective, OptimiseResult, OptimiseSpec } from '../engine/optimiser';
import type { ResponseCurveSeries } from '../engine/responseCurves';
import type { MonteCarloModel, TornadoResult } from '../engine/uncertainty';
import type { CurvePoint, Plan, UncertainDriver } from '../engine/types';
import type { EditRecord } from '../persistence/db';
import { clearJournal, writeJournal } from '../persistence/journal';
import type { PlanRepo } from '../persistence/planRepo';
import type { ComputeOutput } from '../workers/engineApi';
import type { EngineClient } from '../workers/engineClient';
import { STALE } from '../workers/latest';

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error';
export type SaveError = 'quota' | 'unavailable' | 'stale' | 'closed' | 'other';

/** How long a saved edit still counts as "just made" for same-cell notices between tabs. */
const RECENT_MS = 10_000;

/** Edits are written to IndexedDB this long after the last one (the promise is "within 300 ms"). */
export const SAVE_DEBOUNCE_MS = 250;

export function classifySaveError(e: unknown): SaveError {
  // Dexie wraps the DOMException; a quota error may sit in `inner` of an AbortError.
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur; i++) {
    const name = (cur as { name?: string }).name;
    if (name === 'QuotaExceededError') return 'quota';
    if (name === 'MissingAPIError' || name === 'InvalidStateError') return 'unavailable';
    if (name === 'DatabaseClosedError') return 'closed';
    cur = (cur as { inner?: unknown }).inner;
  }
  return 'other';
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * The open plan: every edit goes through `edit()`, which applies it, records how to undo it,
 * recomputes through the engine worker and schedules a save. Undo history is saved with the plan.
 */
export class PlanSession {
  plan = $state.raw<Plan>() as Plan;
  /** The latest result and the plan it was computed from: views that show results use this pair, so
   *  a chart never mixes a new plan with an old result while the worker is busy. */
  computed = $state.raw<{ plan: Plan; scenarioId: string | null; out: ComputeOutput } | null>(null);
  /** The scenario whose results the KPI tiles, grids and charts show; null = the baseline. */
  scenarioId = $state<string | null>(null);
  undoStack = $state.raw<EditRecord[]>([]);
  redoStack = $state.raw<EditRecord[]>([]);
  saveStatus = $state<SaveStatus>('saved');
  saveError = $state<SaveError | null>(null);
  computeError = $state<string | null>(null);

  #repo: PlanRepo | null;
  #engine: EngineClient;
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** Bumped by every edit; a save only reports "saved" if no edit came after it started. */
  #version = 0;
  #savedVersion = 0;
  #saving: Promise<void> | null = null;
  /** The stored revision and plan this tab's copy is built on, and the edits made since (see PlanRepo.save). */
  #baseRev = 0;
  #basePlan: Plan;
  #pending: { label: string; ops: readonly Op[] }[] = [];
  /** Edits saved in the last seconds: another tab overwriting one of them gets a notice here. */
  #recent: { label: string; ops: readonly Op[]; at: number }[] = [];
  /** Set when this tab must stop writing (another tab opened a newer schema). */
  #stopped = false;
  /** Says that another tab changed a cell this tab changed too (label of the edit, and who won). */
  onConflict: ((label: string, kept: 'mine' | 'theirs') => void) | null = null;

  constructor(
    plan: Plan, undo: EditRecord[], redo: EditRecord[], repo: PlanRepo | null, engine: EngineClient, scenarioId: string | null = null, rev = 0,
  ) {
    this.plan = plan;
    this.#basePlan = plan;
    this.#baseRev = rev;
    this.scenarioId = scenarioId;
    this.undoStack = undo;
    this.redoStack = redo;
    this.#repo = repo;
    this.#engine = engine;
    if (!repo) {
      this.saveStatus = 'error';
      this.saveError = 'unavailable';
    }
    void this.recompute();
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }
  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  /**
   * Applies one user action (one undo step). An action that changes nothing — a field committed
   * with the value it already holds — is no step: undoing it would do nothing visible.
   */
  edit(label: string, ops: Op[]): EditRecord | null {
    if (ops.length === 0) return null;
    const { result, inverse } = applyOps(this.plan, ops);
    if (sameData(result, this.plan)) return null;
    const record: EditRecord = { label, ops, inverse };
    this.undoStack = [...this.undoStack, record];
    this.redoStack = [];
    this.#pending.push({ label, ops });
    this.#commit(result);
    return record;
  }

  /**
   * Undo offered next to a message ("Removed X — Undo"): only while that edit is still the latest,
   * so it never undoes a later, unrelated edit. Returns whether it undid.
   */
  undoIfLatest(record: EditRecord | null): boolean {
    if (!record || this.undoStack.at(-1) !== record) return false;
    this.undo();
    return true;
  }

  undo(): void {
    const last = this.undoStack.at(-1);
    if (!last) return;
    this.undoStack = this.undoStack.slice(0, -1);
    this.redoStack = [...this.redoStack, last];
    this.#pending.push({ label: last.label, ops: last.inverse });
    this.#commit(applyOps(this.plan, last.inverse).result);
  }

  redo(): void {
    const last = this.redoStack.at(-1);
    if (!last) return;
    this.redoStack = this.redoStack.slice(0, -1);
    this.undoStack = [...this.undoStack, last];
    this.#pending.push({ label: last.label, ops: last.ops });
    this.#commit(applyOps(this.plan, last.ops).result);
  }

  #commit(plan: Plan): void {
    this.plan = { ...plan, updatedAt: Date.now() };
    this.#version++;
    if (this.scenarioId && !(this.plan.scenarios ?? []).some((sc) => sc.id === this.scenarioId)) this.scenarioId = null;
    void this.recompute();
    this.#scheduleSave();
  }

  /** Goal seek on the current plan, in the engine worker. */
  goalSeek(spec: GoalSeekSpec): Promise<GoalSeekResult> {
    return this.#engine.goalSeek(this.plan, spec);
  }

  /** Results of several scenarios of the current plan (null = baseline), for comparing them. */
  computeMany(ids: (string | null)[]): Promise<ComputeOutput[]> {
    return this.#engine.computeMany(this.plan, ids);
  }

  /** Fits a Hill curve to observed points, in the engine worker. */
  fitCurve(points: CurvePoint[]): Promise<FitResult> {
    return this.#engine.fitCurve(points);
  }

  optimise(spec: OptimiseSpec): Promise<OptimiseResult> {
    return this.#engine.optimise(this.plan, spec);
  }

  frontier(opts: FrontierOptions): Promise<Frontier> {
    return this.#engine.frontier(this.plan, opts);
  }

  responseCurves(objective: OptimiseObjective, upTo?: Record<string, number>): Promise<ResponseCurveSeries[]> {
    return this.#engine.responseCurves(this.plan, this.scenarioId, objective, upTo);
  }

  prepareMonteCarlo(uncertainty: UncertainDriver[]): Promise<{ model: MonteCarloModel; months: string[] }> {
    return this.#engine.prepareMonteCarlo(this.plan, { scenarioId: this.scenarioId, uncertainty });
  }

  tornado(uncertainty: UncertainDriver[]): Promise<TornadoResult> {
    return this.#engine.tornado(this.plan, { scenarioId: this.scenarioId, uncertainty });
  }

  /** A read-only copy of another window's plan (the workshop projector): never saved. */
  static mirror(plan: Plan, scenarioId: string | null, engine: EngineClient): PlanSession {
    const s = new PlanSession(plan, [], [], null, engine, scenarioId);
    return s;
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
    this.plan = applyOps(this.plan, ops).result;
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

  #scheduleSave(): void {
    if (this.#stopped) {
      // Nothing may be written to a database another tab has upgraded; a copy in the journal
      // survives the reload the user is asked for, and is replayed then.
      writeJournal(safeStorage(), { plan: this.plan, undo: [...this.undoStack], redo: [...this.redoStack] });
      return;
    }
    if (!this.#repo) return;
    this.saveStatus = 'pending';
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), SAVE_DEBOUNCE_MS);
  }

  /** Writes now. Safe to call repeatedly; resolves once what was edited before the call is committed. */
  async flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (!this.#repo || this.#stopped || this.#savedVersion === this.#version) return;
    if (this.#saving) await this.#saving;
    if (this.#savedVersion === this.#version || this.#stopped) return;
    const version = this.#version;
    const plan = this.plan;
    const sent = this.#pending.length;
    const pendingOps = this.#pending.flatMap((p) => p.ops);
    this.saveStatus = 'saving';
    const repo = this.#repo;
    const write = () => repo.save(plan, this.undoStack, this.redoStack, { baseRev: this.#baseRev, pending: pendingOps });
    this.#saving = write()
      .catch(async (e: unknown) => {
        // The connection can be closed under a tab that sat in the background (RELIABILITY 15):
        // open it again and retry once; a second failure is reported.
        if ((e as { name?: string }).name !== 'DatabaseClosedError' || this.#stopped) throw e;
        await repo.db.open();
        return write();
      })
      .then((res) => {
        const saved = this.#pending.slice(0, sent);
        this.#pending = this.#pending.slice(sent);
        if (res.rebased) this.#noteOverlap(this.#basePlan, res.previous, saved, 'mine');
        const now = Date.now();
        this.#recent = [...this.#recent.filter((r) => now - r.at < RECENT_MS), ...saved.map((s) => ({ ...s, at: now }))];
        this.#baseRev = res.rev;
        this.#basePlan = res.plan;
        this.#savedVersion = version;
        if (res.rebased) {
          // Another tab's edits came in under ours: show the merged plan (with any edits made since).
          this.plan = applyOps(res.plan, this.#pending.flatMap((p) => p.ops)).result;
          void this.recompute();
        }
        if (this.#version === version) {
          this.saveStatus = 'saved';
          this.saveError = null;
          clearJournal(safeStorage(), plan.id);
        }
      })
      .catch((e: unknown) => {
        this.saveStatus = 'error';
        this.saveError = classifySaveError(e);
        // Whatever failed, a copy survives the reload the message asks for (replayed on open).
        writeJournal(safeStorage(), { plan: this.plan, undo: [...this.undoStack], redo: [...this.redoStack] });
      })
      .finally(() => {
        this.#saving = null;
        const d = this.#deferred;
        this.#deferred = null;
        if (d) this.remoteUpdate(d.rev, d.plan);
      });
    await this.#saving;
  }

  #deferred: { rev: number; plan: Plan } | null = null;

  /**
   * Another tab saved this plan (seen through a live query of the stored record). This tab's unsaved
   * edits are re-applied on top, so nothing is lost; they will be saved after the other tab's, and
   * so win where both changed the same value (a notice says so in both tabs).
   */
  remoteUpdate(rev: number, stored: Plan): void {
    if (rev <= this.#baseRev || this.#stopped) return;
    if (this.#saving) {
      // Looked at again once this tab's own save is in (it may already include the change).
      this.#deferred = { rev, plan: stored };
      return;
    }
    const pendingOps = this.#pending.flatMap((p) => p.ops);
    this.#noteOverlap(this.#basePlan, stored, this.#pending, 'mine');
    const now = Date.now();
    this.#recent = this.#recent.filter((r) => now - r.at < RECENT_MS);
    this.#noteOverlap(this.#basePlan, stored, this.#recent, 'theirs');
    this.#baseRev = rev;
    this.#basePlan = stored;
    this.plan = pendingOps.length > 0 ? applyOps(stored, pendingOps).result : stored;
    if (this.scenarioId && !(this.plan.scenarios ?? []).some((sc) => sc.id === this.scenarioId)) this.scenarioId = null;
    void this.recompute();
  }

  /** Tells the user about each edit of `edits` whose value the other version changed as well. */
  #noteOverlap(before: Plan, other: Plan, edits: readonly { label: string; ops: readonly Op[] }[], kept: 'mine' | 'theirs'): void {
    const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);
    const labels = edits.filter((e) => e.ops.some((op) => !same(getAt(before, op.path), getAt(other, op.path)))).map((e) => e.label);
    for (const label of labels.filter((l, i) => labels.indexOf(l) === i)) this.onConflict?.(label, kept);
  }

  /**
   * Another tab opened a newer version of the database (RELIABILITY 6): this tab must not write to
   * it again. Edits keep working in memory and go to the journal, replayed after the reload.
   */
  stopWriting(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.saveStatus = 'error';
    this.saveError = 'stale';
    writeJournal(safeStorage(), { plan: this.plan, undo: [...this.undoStack], redo: [...this.redoStack] });
  }

  /** Marks the current plan as not yet in IndexedDB (after recovering it from the journal). */
  markDirty(): void {
    this.#version++;
  }

  get dirty(): boolean {
    return this.#savedVersion !== this.#version;
  }

  /**
   * Called when the page is hidden or unloaded: a synchronous copy goes to localStorage (replayed on
   * the next start if IndexedDB did not get there), then the IndexedDB write is started.
   */
  flushOnHide(): void {
    if (!this.dirty) return;
    writeJournal(safeStorage(), { plan: this.plan, undo: [...this.undoStack], redo: [...this.redoStack] });
    void this.flush();
  }
}
