/**
 * The Customers tab's state, kept while the user visits other tabs: which section and data set are
 * shown, the analysis settings, the plan's data sets (followed live from IndexedDB, in this tab and
 * others), and the latest analysis, migration and CLV results. Views read it and call its actions;
 * the worker and the storage are reached through here only.
 */
import type { ClvRequest, ClvResult, CustomerAnalysis, MembershipExport, MigrationResult, Segmentation } from '../engine/customers/analysisTypes';
import type { ClvProgress } from '../engine/customers/clvAnalysis';
import type { RegionClvProgress, RegionClvResult } from '../engine/customers/regionClv';
import type { ElasticityAnalysis, ElasticityProgress } from '../engine/elasticity';
import { DatasetRepo, type DatasetMeta } from '../persistence/datasets';
import type { ChannelOrderValues } from '../engine/experiments/orderValueByChannel';
import { analyse, clv, elasticity, exportMembership, forgetDataset, migration, orderValues, regionClv } from '../workers/customersClient';
import { app } from './app.svelte';
import { analysisOptions, defaultClvInputs, defaultSettings, segmentationOf, type AnalysisSettings, type ClvInputs, type Section } from './customersSettings';
import { LatestTask } from './customersTask.svelte';

export type { DatasetMeta } from '../persistence/datasets';
export type { ImportReport } from '../engine/import/importReport';

type FitCall<R, P> = (datasetId: string, request: ClvRequest, segmentation: Segmentation, onProgress: (p: P) => void, signal: AbortSignal) => Promise<R>;

export class CustomersState {
  section = $state<Section>('data');
  /** The data set chosen; null: the newest. */
  datasetId = $state<string | null>(null);
  settings = $state<AnalysisSettings>(defaultSettings());
  clvInputs = $state<ClvInputs>(defaultClvInputs());
  /** The plan's data sets, newest first. */
  datasets = $state.raw<DatasetMeta[]>([]);
  loaded = $state(false);
  listError = $state.raw<unknown>(null);
  /** One analysis serves the segment, ABC, matrix and cohort views: it is kept while they switch. */
  readonly analysis = new LatestTask<CustomerAnalysis>();
  readonly migration = new LatestTask<MigrationResult>();
  readonly clv = new LatestTask<ClvResult>();
  /** How far the running CLV computation is. */
  clvProgress = $state.raw<ClvProgress | null>(null);
  readonly regionClv = new LatestTask<RegionClvResult>();
  regionClvProgress = $state.raw<RegionClvProgress | null>(null);
  readonly elasticity = new LatestTask<ElasticityAnalysis>();
  /** How far the running elasticity estimate is. */
  elasticityProgress = $state.raw<ElasticityProgress | null>(null);
  /** Order values per channel of the data set (the order-value test's variance). */
  readonly orderValues = new LatestTask<ChannelOrderValues[] | null>();

  /** The data set the sections analyse. */
  readonly dataset = $derived(this.datasets.find((d) => d.id === this.datasetId) ?? this.datasets[0] ?? null);

  #shownId: string | null = null;

  /** Customer data lives in IndexedDB only: without it there is nowhere to keep millions of rows. */
  get #repo(): DatasetRepo | null {
    const db = app.repo?.db;
    return db ? new DatasetRepo(db) : null;
  }

  get hasStorage(): boolean {
    return app.repo !== null;
  }

  /** Follows the plan's data sets (imports, renames, deletions here or in another tab); returns the stop. */
  watch(planId: string): () => void {
    const repo = this.#repo;
    if (!repo) return () => undefined;
    this.loaded = false;
    return repo.watch(
      planId,
      (list) => {
        this.datasets = list;
        this.loaded = true;
        this.listError = null;
        this.#keepResultsOf(this.dataset?.id ?? null);
      },
      (e) => {
        this.listError = e;
        this.loaded = true;
      },
    );
  }

  /** Results belong to one data set: another one (or none) starts afresh. */
  #keepResultsOf(id: string | null): void {
    if (id === this.#shownId) return;
    this.#shownId = id;
    this.analysis.reset();
    this.migration.reset();
    this.clv.reset();
    this.regionClv.reset();
    this.elasticity.reset();
    this.orderValues.reset();
  }

  select(id: string | null): void {
    this.datasetId = id;
    this.#keepResultsOf(this.dataset?.id ?? null);
  }

  show(section: Section, datasetId?: string): void {
    if (datasetId !== undefined) this.select(datasetId);
    this.section = section;
  }

  async rename(dataset: DatasetMeta, name: string): Promise<void> {
    await this.#repo?.rename(dataset.id, name);
  }

  async remove(dataset: DatasetMeta): Promise<void> {
    await this.#repo?.delete(dataset.id);
    // The worker may hold it in memory for analyses.
    void forgetDataset(dataset.id).catch(() => undefined);
    if (this.datasetId === dataset.id) this.select(null);
  }

  /** Asks for the analysis of the current settings (call inside an effect: it reads the settings). */
  requestAnalysis(dataset: DatasetMeta): void {
    const options = analysisOptions(this.settings);
    this.analysis.run(`${dataset.id} ${JSON.stringify(options)}`, (signal) => analyse(dataset.id, options, signal));
  }

  requestMigration(dataset: DatasetMeta, fromDay: number, toDay: number): void {
    const options = analysisOptions(this.settings);
    this.migration.run(`${dataset.id} ${fromDay} ${toDay} ${JSON.stringify(options)}`, (signal) => migration(dataset.id, fromDay, toDay, options, signal));
  }

  requestOrderValues(dataset: DatasetMeta): void {
    this.orderValues.run(dataset.id, (signal) => orderValues(dataset.id, signal));
  }

  requestClv(dataset: DatasetMeta, request: ClvRequest): void {
    this.#fit(this.clv, dataset, request, (p) => (this.clvProgress = p), clv);
  }

  /** Runs a model fit as its task's latest request, its progress shown through `show`. */
  #fit<R, P>(task: LatestTask<R>, dataset: DatasetMeta, request: ClvRequest, show: (p: P | null) => void, call: FitCall<R, P>): void {
    const segmentation = segmentationOf(this.settings);
    task.run(`${dataset.id} ${JSON.stringify(request)} ${JSON.stringify(segmentation)}`, (signal) => {
      show(null);
      // A superseded run's last progress message may still arrive: it is not this run's.
      return call(dataset.id, request, segmentation, (p) => void (signal.aborted || show(p)), signal);
    });
  }

  /** Stops the CLV computation; the previous result stays on screen. */
  cancelClv(): void {
    this.clv.cancel();
    this.clvProgress = null;
  }

  /** Fits CLV region by region (started by the user: one fit per region can take a while). */
  requestRegionClv(dataset: DatasetMeta, request: ClvRequest): void {
    this.#fit(this.regionClv, dataset, request, (p) => (this.regionClvProgress = p), regionClv);
  }

  cancelRegionClv(): void {
    this.regionClv.cancel();
    this.regionClvProgress = null;
  }

  requestElasticity(dataset: DatasetMeta): void {
    this.elasticity.run(dataset.id, (signal) => {
      this.elasticityProgress = null;
      return elasticity(dataset.id, (p) => signal.aborted || (this.elasticityProgress = p), signal);
    });
  }

  /** Stops the elasticity estimate; the previous result stays on screen. */
  cancelElasticity(): void {
    this.elasticity.cancel();
    this.elasticityProgress = null;
  }

  exportMembership(dataset: DatasetMeta): Promise<MembershipExport> {
    return exportMembership(dataset.id, analysisOptions(this.settings));
  }
}

export const customers = new CustomersState();
