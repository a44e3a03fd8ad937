import type { DatasetMeta } from '../../persistence/datasets';
import { analyse, type ClvResult, type CustomerAnalysis, type MigrationResult } from '../../workers/customersClient';
import { analysisOptions, customersView } from './customersState.svelte';
import { LatestTask } from './latestTask.svelte';

/** One analysis serves the segment, ABC, matrix and cohort views: it is kept while they switch. */
export const analysisTask = new LatestTask<CustomerAnalysis>();
export const migrationTask = new LatestTask<MigrationResult>();
export const clvTask = new LatestTask<ClvResult>();

/** Asks for the analysis of the current settings (call inside an effect: it reads the settings). */
export function requestAnalysis(dataset: DatasetMeta): void {
  const options = analysisOptions(customersView.settings);
  analysisTask.run(`${dataset.id} ${JSON.stringify(options)}`, () => analyse(dataset.id, options));
}
